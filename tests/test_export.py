"""Export: lossless round trips, agreement with independent parsers, same bytes on every run, atomic files."""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import OXIGRAPH_SYNTAX, RAPPER, RAPPER_SYNTAX, needs_rapper
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic as isomorphic_graphs

import natokg
from natokg import files
from natokg.cli import main
from natokg.errors import NatokgError
from natokg.export import FORMATS, canonical_quads, export, isomorphic, write

ALL_FORMATS = list(FORMATS)


@pytest.fixture(scope="module")
def exports(inferred_dataset: Dataset) -> dict[str, str]:
    """Every format, every graph (inferences included), exported once."""
    return {name: export(inferred_dataset, name, "all") for name in ALL_FORMATS}


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _expected(name: str, dataset: Dataset) -> int:
    """Statements a reader sees: quads per graph for a quad format (a triple that an article and the
    background both state is in each of their graphs), the union's triples otherwise."""
    if FORMATS[name].quads:
        return sum(len(dataset.graph(g)) for g in natokg.graph_names(dataset, "all"))
    return len(_union(dataset))


def _read(text: str, name: str) -> Dataset:
    return Dataset().parse(data=text, format=FORMATS[name].parser)


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_export_reads_back_as_the_same_graph(name: str, exports: dict[str, str], inferred_dataset: Dataset) -> None:
    back = _read(exports[name], name)
    if FORMATS[name].quads:  # named graphs survive, each one isomorphic
        assert isomorphic(back, inferred_dataset)
        assert {g.identifier for g in back.graphs() if len(g)} >= set(natokg.graph_names(inferred_dataset, "all"))
    else:  # one graph: the union
        assert isomorphic_graphs(_union(back), _union(inferred_dataset))
    assert len(_union(back)) == len(_union(inferred_dataset)) > 4000


def test_the_comparison_catches_a_lost_triple_and_a_moved_one(exports: dict[str, str], inferred_dataset) -> None:
    lines = exports["nq"].splitlines(keepends=True)
    assert isomorphic(_read("".join(lines), "nq"), inferred_dataset)
    assert not isomorphic(_read("".join(lines[1:]), "nq"), inferred_dataset)
    entities, background = str(natokg.ENTITIES_GRAPH), str(natokg.BACKGROUND_GRAPH)
    at = next(i for i, line in enumerate(lines) if line.endswith(f"<{entities}> .\n"))
    moved = [*lines[:at], lines[at].replace(entities, background), *lines[at + 1 :]]
    assert len(_union(_read("".join(moved), "nq"))) == len(_union(inferred_dataset))
    assert not isomorphic(_read("".join(moved), "nq"), inferred_dataset)


def test_turtle_keeps_the_ontology_lists_and_readable_prefixes(exports: dict[str, str]) -> None:
    ttl = exports["ttl"]
    prefixes = [line for line in ttl.splitlines() if line.startswith("PREFIX ")]
    assert prefixes == sorted(prefixes)
    assert "PREFIX nkg: <https://w3id.org/natokg/ontology#>" in prefixes
    assert "PREFIX nkr: <https://w3id.org/natokg/id/>" in prefixes
    # the property chains stay inline RDF lists, not blank-node labels that change per run
    assert re.search(r"owl:propertyChainAxiom \(\s+org:holds\s+org:postIn\s+\)", ttl)
    assert "_:" not in ttl
    assert "nkr:elbridge-colby\n" in ttl


def test_one_new_fact_is_a_one_line_diff(dataset: Dataset) -> None:
    before = export(dataset, "ttl", "asserted").splitlines()
    changed = natokg.select(dataset, "asserted")
    colby = URIRef("https://w3id.org/natokg/id/elbridge-colby")
    changed.graph(natokg.ENTITIES_GRAPH).add((colby, URIRef("http://www.w3.org/2004/02/skos/core#note"), Literal("x")))
    after = export(changed, "ttl", "asserted").splitlines()
    diff = difflib.unified_diff(before, after, n=0, lineterm="")
    assert [d for d in diff if d[:1] in "+-" and d[:3] not in ("+++", "---")] == ['+    skos:note "x" ;']


def test_graph_selection_limits_the_export(dataset: Dataset) -> None:
    asserted = _read(export(dataset, "nq", "asserted"), "nq")
    assert {g.identifier for g in asserted.graphs() if len(g)} == set(natokg.graph_names(dataset, "asserted"))
    union = _read(export(dataset, "ttl", ["asserted", "background"]), "ttl")
    assert len(union) == len(natokg.select(dataset, ["asserted", "background"]))
    assert (None, None, URIRef("https://w3id.org/natokg/ontology#Person")) in union  # typing, from entities
    assert (URIRef("https://w3id.org/natokg/ontology#Person"), None, None) not in union  # no ontology


def test_jsonld_context_is_inline(exports: dict[str, str], monkeypatch) -> None:
    document = json.loads(exports["jsonld"])
    assert isinstance(document["@context"], dict)
    assert all(isinstance(v, str) and v.startswith("http") for v in document["@context"].values())
    assert document["@context"]["nkg"] == "https://w3id.org/natokg/ontology#"

    def offline(*args, **kwargs):
        raise AssertionError("the JSON-LD export made the parser fetch a URL")

    monkeypatch.setattr("urllib.request.urlopen", offline)
    monkeypatch.setattr("urllib.request.OpenerDirector.open", offline)
    assert len(_read(exports["jsonld"], "jsonld")) > 4000


@needs_rapper
@pytest.mark.parametrize("name", list(RAPPER_SYNTAX))
def test_rapper_reads_the_same_number_of_triples(
    name: str, exports: dict[str, str], inferred_dataset: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / f"natokg{FORMATS[name].suffix}"
    path.write_text(exports[name], encoding="utf-8")
    assert _rapper_count(path, name) == _expected(name, inferred_dataset)


@needs_rapper
def test_rapper_check_fails_on_a_broken_file(exports: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(exports["ttl"].replace(" ;\n", " ,\n", 1), encoding="utf-8")
    with pytest.raises(AssertionError, match="rapper"):
        _rapper_count(path, "ttl")


def _rapper_count(path: Path, name: str) -> int:
    result = subprocess.run(
        [RAPPER, "--input", RAPPER_SYNTAX[name], "--count", str(path), "https://w3id.org/natokg/"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "Error" not in result.stderr, f"rapper: {result.stderr}"
    return int(re.search(r"returned (\d+) triples", result.stderr).group(1))


@pytest.mark.parametrize("name", ALL_FORMATS)
def test_oxigraph_reads_the_same_triples(name: str, exports: dict[str, str], inferred_dataset: Dataset) -> None:
    quads = list(ox.parse(exports[name].encode("utf-8"), format=OXIGRAPH_SYNTAX[name]))
    assert len(quads) == _expected(name, inferred_dataset)
    if FORMATS[name].quads:
        per_graph = {}
        for quad in quads:
            per_graph[quad.graph_name.value] = per_graph.get(quad.graph_name.value, 0) + 1
        names = natokg.graph_names(inferred_dataset, "all")
        assert per_graph == {str(g): len(inferred_dataset.graph(g)) for g in names}


def test_quad_formats_give_oxigraph_one_and_the_same_dataset(exports: dict[str, str]) -> None:
    canonical = []
    for name in ("nq", "trig", "jsonld"):
        parsed = ox.Dataset(ox.parse(exports[name].encode("utf-8"), format=OXIGRAPH_SYNTAX[name]))
        parsed.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        canonical.append(sorted(str(q) for q in parsed))
    assert canonical[0] == canonical[1] == canonical[2]


_EXPORT_ALL = """
import hashlib, sys
import natokg
from natokg.export import FORMATS, export
ds = natokg.load(inferred=True)
for name in FORMATS:
    print(name, hashlib.sha256(export(ds, name, "all").encode()).hexdigest())
"""

_NAIVE = """
import hashlib, natokg
print(hashlib.sha256(natokg.load().serialize(format="nquads").encode()).hexdigest())
"""


def _in_fresh_process(script: str, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True, timeout=120
    ).stdout


def test_same_bytes_in_every_process(exports: dict[str, str], inferred_dataset: Dataset) -> None:
    import hashlib

    here = "".join(f"{n} {hashlib.sha256(t.encode()).hexdigest()}\n" for n, t in exports.items())
    assert _in_fresh_process(_EXPORT_ALL, "1") == here
    assert _in_fresh_process(_EXPORT_ALL, "2") == here
    assert export(inferred_dataset, "ttl") == exports["ttl"]


def test_without_canonical_labels_the_bytes_would_change() -> None:
    # The check above can fail: rdflib's own output differs between processes (blank-node labels).
    assert _in_fresh_process(_NAIVE, "1") != _in_fresh_process(_NAIVE, "2")


def test_blank_nodes_get_labels_from_the_data_alone(dataset: Dataset) -> None:
    first = canonical_quads(dataset, "ontology")
    again = canonical_quads(natokg.load(), "ontology")  # a new parse: new blank nodes
    assert first == again
    blank = {t for q in first for t in q[:3] if not isinstance(t, URIRef | Literal)}
    assert len(blank) >= 3  # at least the three property chains


def test_write_picks_the_format_from_the_suffix(dataset: Dataset, tmp_path: Path) -> None:
    for name, spec in FORMATS.items():
        path = write(dataset, tmp_path / f"natokg{spec.suffix}", graphs="background")
        assert path.read_text(encoding="utf-8") == export(dataset, name, "background")
    with pytest.raises(NatokgError, match=r"natokg\.xml: cannot tell the format from the suffix"):
        write(dataset, tmp_path / "natokg.xml")
    with pytest.raises(NatokgError, match="unknown export format 'rdfxml'"):
        export(dataset, "rdfxml")


def test_failed_export_keeps_the_existing_file(dataset: Dataset, tmp_path: Path, monkeypatch) -> None:
    target = write(dataset, tmp_path / "natokg.nt", graphs="background")
    before = target.read_bytes()
    real_fdopen = files.os.fdopen

    class Failing:
        """A file that takes the first 1000 bytes, then reports a full disk."""

        def __init__(self, handle) -> None:
            self.handle = handle

        def write(self, data: bytes) -> int:
            self.handle.write(data[:1000])
            raise OSError(28, "No space left on device")

        def __getattr__(self, name: str):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.handle.close()

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
    with pytest.raises(NatokgError, match=r"natokg\.nt: cannot write: No space left on device"):
        write(dataset, target, graphs="all")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["natokg.nt"]


def test_cli_export(tmp_path: Path, capsys, dataset: Dataset) -> None:
    assert main(["export", "--graphs", "background", "--format", "nt"]) == 0
    assert capsys.readouterr().out == export(dataset, "nt", "background")
    out = tmp_path / "natokg.trig"
    assert main(["export", "--graphs", "asserted,ontology", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == export(dataset, "trig", ["asserted", "ontology"])


def test_cli_export_errors_are_one_line(tmp_path: Path, capsys) -> None:
    assert main(["export", "--graphs", "background", "-o", str(tmp_path / "x.rdf")]) == 2
    assert capsys.readouterr().err == (
        f"natokg: error: {tmp_path / 'x.rdf'}: cannot tell the format from the suffix; "
        "give --format (ttl, nt, nq, trig, jsonld)\n"
    )
    assert main(["export", "--graphs", "background", "-o", str(tmp_path / "no" / "x.ttl")]) == 2
    assert capsys.readouterr().err.endswith("no/x.ttl: cannot write: No such file or directory\n")


def test_each_cited_article_gets_a_prefix() -> None:
    dataset = natokg.new_dataset()
    for slug in ("first-article", "second-article"):
        node = natokg.namespaces.article_namespace(slug)["text"]
        dataset.graph(natokg.article_graph(slug)).add((node, URIRef("urn:p"), Literal(slug)))
    prefixes = [line for line in export(dataset, "ttl", "asserted").splitlines() if line.startswith("PREFIX art")]
    assert prefixes == [
        "PREFIX art-first-article: <https://w3id.org/natokg/id/first-article/>",
        "PREFIX art-second-article: <https://w3id.org/natokg/id/second-article/>",
    ]
    one = natokg.select(dataset, "asserted")
    one.remove_graph(one.graph(natokg.article_graph("second-article")))
    assert "PREFIX art: <https://w3id.org/natokg/id/first-article/>" in export(one, "ttl", "asserted")
