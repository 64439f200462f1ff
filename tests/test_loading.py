"""Loading: named graphs, the article text, clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_TTL, SHARED_SOURCE
from rdflib import Dataset, URIRef
from rdflib.namespace import RDFS

import natokg
from natokg.loading import graph_names, parse_file, select
from natokg.namespaces import NIF, article_graph


def test_every_part_is_its_own_named_graph(dataset: Dataset) -> None:
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert {natokg.ONTOLOGY_GRAPH, natokg.ENTITIES_GRAPH, natokg.BACKGROUND_GRAPH, article_graph(ARTICLE)} <= names
    assert natokg.INFERRED_GRAPH not in names  # reasoning is optional


def test_text_is_byte_for_byte_the_source(dataset: Dataset) -> None:
    copy = natokg.data_root() / "graph" / "articles" / f"{ARTICLE}.txt"
    strings = list(dataset.graph(article_graph(ARTICLE)).objects(None, NIF.isString))
    assert len(strings) == 1
    assert str(strings[0]).encode("utf-8") == copy.read_bytes()
    if SHARED_SOURCE.is_file():  # the original, where the checkout sits beside shared/
        assert copy.read_bytes() == SHARED_SOURCE.read_bytes()


def test_default_graph_is_the_union(dataset: Dataset) -> None:
    rows = dataset.query("ASK { nkr:elbridge-colby org:holds ?post . ?post org:postIn ?org }")
    assert rows.askAnswer


def test_select_keeps_only_the_chosen_graphs(dataset: Dataset) -> None:
    asserted = select(dataset, "asserted")
    idents = {g.identifier for g in asserted.graphs() if len(g)}
    assert idents == {natokg.ENTITIES_GRAPH, article_graph(ARTICLE)}
    assert not asserted.query("ASK { ?s ?p ?o FILTER(?s = nkg:Person) }").askAnswer
    with pytest.raises(ValueError, match="unknown graph selection 'nope'"):
        graph_names(dataset, "nope")


def test_parse_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', encoding="utf-8")
    with pytest.raises(natokg.InputError) as caught:
        parse_file(bad)
    assert str(caught.value).startswith(f"{bad}:3: invalid Turtle")
    assert caught.value.line == 3


def test_missing_file_names_its_path(tmp_path: Path) -> None:
    with pytest.raises(natokg.InputError, match="file not found") as caught:
        parse_file(tmp_path / "absent.ttl")
    assert caught.value.path == str(tmp_path / "absent.ttl")


def test_malformed_article_is_reported_by_load(mutate) -> None:
    root = mutate(ARTICLE_TTL, "art:article a nkg:NewsArticle ;", "art:article a nkg:NewsArticle ;;; ]")
    with pytest.raises(natokg.InputError, match=rf"{ARTICLE}\.ttl:\d+: invalid Turtle"):
        natokg.load(root)


def test_corpus_layout_gives_one_graph_per_article(data_copy: Path) -> None:
    articles = data_copy / "graph" / "articles"
    for suffix in ("ttl", "txt"):
        (articles / f"second-article.{suffix}").write_text(
            (articles / f"{ARTICLE}.{suffix}").read_text(encoding="utf-8"), encoding="utf-8"
        )
    dataset = natokg.load(data_copy)
    graphs = natokg.graph_names(dataset, "asserted")
    assert article_graph("second-article") in graphs and article_graph(ARTICLE) in graphs
    assert all(isinstance(g, URIRef) for g in graphs)


def test_article_file_name_must_be_a_slug(data_copy: Path) -> None:
    articles = data_copy / "graph" / "articles"
    (articles / f"{ARTICLE}.ttl").rename(articles / "x y>.ttl")
    with pytest.raises(natokg.InputError, match=r"x y>\.ttl: an article file name must be a slug"):
        natokg.load(data_copy)


def test_json_ld_input_is_refused_offline(tmp_path: Path) -> None:
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x"}', encoding="utf-8")
    with pytest.raises(natokg.InputError, match="JSON-LD is not read as input"):
        parse_file(remote)


def test_data_root_is_found_above_the_current_folder(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from natokg.cli import main

    monkeypatch.delenv("NATOKG_DATA", raising=False)
    monkeypatch.chdir(data_copy / "graph" / "articles")
    assert natokg.loading.find_data_root() == (data_copy.resolve(), "found above the current folder")
    monkeypatch.chdir(data_copy)
    assert natokg.loading.find_data_root() == (data_copy.resolve(), "the current folder")
    monkeypatch.chdir(data_copy / "graph" / "articles")
    assert main(["validate", "--no-reasoning"]) == 0
    # Edit the copy: validate, run inside it, checks the edit (not the shipped data).
    ttl = data_copy / ARTICLE_TTL
    ttl.write_text(ttl.read_text(encoding="utf-8").replace('nkg:verbatim "strong basis"', 'nkg:verbatim "strong bias"'))
    assert main(["validate", "--no-reasoning"]) == 1


def test_natokg_data_wins_and_the_shipped_data_is_the_last_resort(
    data_copy: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("NATOKG_DATA", str(data_copy))
    assert natokg.loading.find_data_root() == (data_copy, "NATOKG_DATA")
    monkeypatch.delenv("NATOKG_DATA")
    assert natokg.loading.find_data_root() == (natokg.loading.package_root(), "shipped")


def test_a_user_root_uses_the_shipped_data_and_its_own_entities(tmp_path: Path) -> None:
    from natokg.ingest.cli import init_data_root

    root = init_data_root(tmp_path / "mine").parent
    (root / "graph" / "entities.ttl").write_text(
        "@prefix nkr: <https://w3id.org/natokg/id/> .\n@prefix nkg: <https://w3id.org/natokg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'nkr:jane-roe a nkg:Person ; rdfs:label "Jane Roe" .\n',
        encoding="utf-8",
    )
    sources = natokg.Sources.find(root)
    assert sources.ontology == natokg.Sources.find(natokg.loading.package_root()).ontology
    assert [p.stem for p in sources.articles] == [ARTICLE]  # the shipped article comes along
    dataset = natokg.load(root)
    assert dataset.graph(natokg.ENTITIES_GRAPH).value(natokg.NKR["jane-roe"], RDFS.label) is not None
    (root / "graph" / "articles" / f"{ARTICLE}.ttl").write_text("")
    with pytest.raises(natokg.InputError, match=f"the slug '{ARTICLE}' is taken by the shipped"):
        natokg.Sources.find(root)
