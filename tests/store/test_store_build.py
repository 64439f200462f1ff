"""Building the store: only changed files are parsed, additions are incremental and exact, a
half-built or damaged store is rebuilt, bad input is reported by file and line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest

from natokg.errors import InputError, NatokgError
from natokg.namespaces import INFERRED_GRAPH, NKG, NKR, ORG
from natokg.store import build, named_graph, open_store, query, union_triples
from natokg.store.build import MANIFEST, OXIGRAPH_DIR

ARTICLES = {
    "a": "nkr:x org:subOrganizationOf nkr:y . nkr:p1 org:holds nkr:post-a . nkr:x nkg:locatedIn nkr:shared .",
    "b": "nkr:y org:subOrganizationOf nkr:z . nkr:post-a org:postIn nkr:x . nkr:x nkg:locatedIn nkr:shared .",
    "c": "nkr:m1 nkg:place nkr:hall . nkr:hall nkg:locatedIn nkr:city .",
}
ALL_FILES = 3 + 2 + len(ARTICLES)  # ontology (3 files), entities, background, articles


@pytest.fixture
def root(bare_root: Path, write_article: Callable[[Path, str, str], Path]) -> Path:
    for slug, body in ARTICLES.items():
        write_article(bare_root, slug, body)
    return bare_root


def test_first_build_parses_every_file_and_a_second_none(root: Path, tmp_path: Path) -> None:
    first = build(root, tmp_path / "store", progress=False)
    assert len(first.timings.parsed_files) == ALL_FILES
    del first
    again = build(root, tmp_path / "store", progress=False)
    assert again.timings.parsed_files == []
    assert (NKR.x, NKG.belongsTo, NKR.z) in named_graph(again, INFERRED_GRAPH)


def test_changing_one_article_parses_only_it_and_matches_a_fresh_build(
    root: Path, tmp_path: Path, write_article: Callable, inferred_sets: Callable
) -> None:
    build(root, tmp_path / "store", progress=False)
    write_article(root, "b", "nkr:y org:subOrganizationOf nkr:w . nkr:post-a org:postIn nkr:x .")
    changed = build(root, tmp_path / "store", progress=False)
    assert changed.timings.parsed_files == ["graph/articles/b.ttl"]
    graph = named_graph(changed, INFERRED_GRAPH)
    assert (NKR.x, NKG.belongsTo, NKR.w) in graph
    assert (NKR.x, NKG.belongsTo, NKR.z) not in graph  # what rested on the old text is gone
    assert inferred_sets(changed) == inferred_sets(build(root, tmp_path / "fresh", progress=False))


def test_adding_an_article_is_incremental_and_exact(
    root: Path, tmp_path: Path, write_article: Callable, inferred_sets: Callable, normalised: Callable
) -> None:
    build(root, tmp_path / "store", progress=False)
    # d extends chains of a, b and c, restates a triple of a, and states what was only inferred.
    write_article(
        root,
        "d",
        "nkr:z org:subOrganizationOf nkr:top . nkr:city nkg:locatedIn nkr:land . "
        "nkr:x nkg:locatedIn nkr:shared . nkr:x nkg:belongsTo nkr:y .",
    )
    added = build(root, tmp_path / "store", progress=False)
    assert added.timings.parsed_files == ["graph/articles/d.ttl"]
    graph = named_graph(added, INFERRED_GRAPH)
    assert (NKR.p1, NKG.belongsTo, NKR.top) in graph
    assert (NKR.m1, NKG.place, NKR.land) in graph
    assert (NKR.x, NKG.belongsTo, NKR.y) not in graph  # now stated, so not an inference
    fresh = build(root, tmp_path / "fresh", progress=False)
    assert inferred_sets(added) == inferred_sets(fresh)
    assert added.manifest["derived"] == fresh.manifest["derived"]
    for inferred in (True, False):  # what queries see, with and without the inferences
        assert normalised(union_triples(added, inferred=inferred)) == normalised(
            union_triples(fresh, inferred=inferred)
        )
    assert added.manifest["quads"] == fresh.manifest["quads"] == len(fresh.oxigraph)


def test_an_addition_that_reaches_an_older_blank_node_is_exact(
    root: Path, tmp_path: Path, write_article: Callable, inferred_sets: Callable
) -> None:
    # The two databases name blank nodes differently, so this addition is rebuilt, not patched.
    write_article(root, "blank", "[] org:subOrganizationOf nkr:y2 .")
    build(root, tmp_path / "store", progress=False)
    write_article(root, "later", "nkr:y2 org:subOrganizationOf nkr:z2 .")
    added = build(root, tmp_path / "store", progress=False)
    assert added.timings.parsed_files == ["graph/articles/later.ttl"]
    assert query(added, "ASK { ?b nkg:belongsTo nkr:z2 FILTER(isBlank(?b)) }") is True
    assert inferred_sets(added) == inferred_sets(build(root, tmp_path / "fresh", progress=False))


def test_adding_an_article_that_contradicts_another_is_reported(
    root: Path, tmp_path: Path, write_article: Callable
) -> None:
    write_article(root, "typed", "nkr:p1 a nkg:Person .")
    build(root, tmp_path / "store", progress=False)
    write_article(root, "clash", "nkr:p1 a nkg:Organization .")
    added = build(root, tmp_path / "store", progress=False)
    assert added.timings.parsed_files == ["graph/articles/clash.ttl"]
    assert any(str(NKR.p1) in m for m in added.contradictions), added.contradictions
    assert added.contradictions == build(root, tmp_path / "fresh", progress=False).contradictions


def test_removing_an_article_drops_its_graph_and_what_rested_on_it(root: Path, tmp_path: Path) -> None:
    build(root, tmp_path / "store", progress=False)
    (root / "graph" / "articles" / "b.ttl").unlink()
    store = build(root, tmp_path / "store", progress=False)
    assert "https://w3id.org/natokg/graph/article/b" not in store.graph_names()
    count = "SELECT (COUNT(*) AS ?n) WHERE { nkr:x nkg:locatedIn nkr:shared }"
    assert query(store, count, inferred=False)[0]["n"].toPython() == 1  # a states it too
    assert query(store, "ASK { nkr:y org:subOrganizationOf nkr:z }") is False
    assert (NKR.p1, ORG.memberOf, NKR.x) not in named_graph(store, INFERRED_GRAPH)


def test_a_half_built_store_is_rebuilt(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    build(root, folder, progress=False)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["complete"] = False  # as left by a crash between the two manifest writes
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(NatokgError, match="build it first"):
        open_store(folder)
    rebuilt = build(root, folder, progress=False)
    assert len(rebuilt.timings.parsed_files) == ALL_FILES
    assert (NKR.x, NKG.belongsTo, NKR.z) in named_graph(rebuilt, INFERRED_GRAPH)


def test_a_damaged_store_is_rebuilt_not_trusted(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    build(root, folder, progress=False)
    for path in (folder / OXIGRAPH_DIR).iterdir():  # truncate every file of the database
        if path.is_file():
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    rebuilt = build(root, folder, progress=False)
    assert len(rebuilt.timings.parsed_files) == ALL_FILES
    assert query(rebuilt, "ASK { nkr:x nkg:belongsTo nkr:z }") is True


def test_a_store_with_flipped_bytes_is_rebuilt_not_reported_in_use(root: Path, tmp_path: Path) -> None:
    # RocksDB says "block checksum mismatch": the word "lock" in it was taken for another build's lock
    folder = tmp_path / "store"
    build(root, folder, progress=False).close()
    largest = max((p for p in (folder / OXIGRAPH_DIR).rglob("*.sst")), key=lambda p: p.stat().st_size)
    data = bytearray(largest.read_bytes())
    # the blocks RocksDB reads when it opens the table (index, filter), just before the 53-byte footer
    data[-600:-100] = bytes(b ^ 0xFF for b in data[-600:-100])
    largest.write_bytes(bytes(data))
    rebuilt = build(root, folder, progress=False)
    assert len(rebuilt.timings.parsed_files) == ALL_FILES
    assert query(rebuilt, "ASK { nkr:x nkg:belongsTo nkr:z }") is True


def test_a_store_missing_a_graph_is_rebuilt(root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store = build(root, folder, progress=False)
    store.oxigraph.remove_graph(pyoxigraph.NamedNode("https://w3id.org/natokg/graph/entities"))
    del store
    rebuilt = build(root, folder, progress=False)
    assert len(rebuilt.timings.parsed_files) == ALL_FILES


def test_bad_turtle_names_the_file_and_line_and_keeps_the_old_store(
    root: Path, tmp_path: Path, write_article: Callable
) -> None:
    folder = tmp_path / "store"
    build(root, folder, progress=False)
    path = write_article(root, "broken", "nkr:a nkg:locatedIn nkr:b .\nnkr:a nkg:locatedIn .\n")
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"broken\.ttl:6: invalid Turtle"):
        build(root, folder, progress=False)
    assert path.read_bytes() == before
    old = open_store(folder)
    assert "https://w3id.org/natokg/graph/article/broken" not in old.graph_names()
    assert query(old, "ASK { nkr:x nkg:belongsTo nkr:z }") is True


def test_without_pyoxigraph_the_message_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyoxigraph", None)
    with pytest.raises(NatokgError, match=r"natokg\[store\]"):
        build(store_dir=tmp_path / "store", progress=False)


def test_a_blank_node_is_one_node_in_its_article_the_union_and_the_inferences(
    root: Path, tmp_path: Path, write_article: Callable
) -> None:
    # The named graphs, the default graph and the inferred graphs are written from two stores;
    # a renamed blank node would be two nodes, and this join would find nothing.
    write_article(root, "blank", "[] org:subOrganizationOf nkr:y .")
    store = build(root, tmp_path / "store", progress=False)
    joined = """ASK { GRAPH <https://w3id.org/natokg/graph/article/blank> { ?b org:subOrganizationOf nkr:y }
                      ?b org:subOrganizationOf nkr:y .
                      GRAPH <https://w3id.org/natokg/graph/inferred> { ?b nkg:belongsTo nkr:z } }"""
    assert query(store, joined) is True
    count = "SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b nkg:belongsTo nkr:z FILTER(isBlank(?b)) }"
    assert query(store, count)[0]["n"].toPython() == 1


def test_a_store_loaded_in_chunks_equals_one_loaded_at_once(
    root: Path, tmp_path: Path, write_article: Callable, monkeypatch: pytest.MonkeyPatch, normalised: Callable
) -> None:
    # Chunks of 64 KiB: dozens of loads, blank nodes and all, must give the same store.
    write_article(root, "blank", "[] org:subOrganizationOf nkr:y .")
    whole = build(root, tmp_path / "whole", progress=False)
    monkeypatch.setattr(sys.modules["natokg.store.dumps"], "LOAD_CHUNK", 1 << 16)
    chunked = build(root, tmp_path / "chunked", progress=False)
    for inferred in (True, False):
        assert normalised(union_triples(chunked, inferred=inferred)) == normalised(
            union_triples(whole, inferred=inferred)
        )
    assert len(chunked.oxigraph) == len(whole.oxigraph) == chunked.manifest["quads"]
    joined = """ASK { GRAPH <https://w3id.org/natokg/graph/article/blank> { ?b org:subOrganizationOf nkr:y }
                      ?b org:subOrganizationOf nkr:y . ?b nkg:belongsTo nkr:z }"""
    assert query(chunked, joined) is True
