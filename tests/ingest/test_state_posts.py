"""Posts of states ("German Foreign Minister Jane Doe"): a post in the state's government, on made-up sentences.

W3C ORG's org:postIn needs an org:Organization and a nkg:State is none, so a post of a state is a post
in that state's government: the known one (nkg:governmentOf in graph/entities.ttl), else one minted in
the article. The ingest summary counts the posts written, not the posts found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

import natokg
from natokg.ingest.cli import init_data_root
from natokg.ingest.run import extract_graph, ingest_paths
from natokg.loading import parse_file
from natokg.namespaces import NKG, NKR, ORG, article_namespace
from natokg.validation import validate_path

pytest.importorskip("spacy")

TEXT = (
    "German Foreign Minister Jane Doe met Norway's Defence Minister John Roe in Oslo on Tuesday.\n"
    "U.S. Ambassador to NATO Ann Lee joined them. Defence Minister Max Poe stayed at home.\n"
)
ART = article_namespace("state-posts")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return extract_graph(TEXT, published="2026-03-03", slug="state-posts")


def _organisation(graph: Graph, holder: str) -> object:
    holding = graph.value(None, NKG.holder, NKR[holder])
    assert holding is not None, f"no post holding of {holder}"
    return graph.value(graph.value(holding, NKG.heldPost), ORG.postIn)


def test_a_post_of_a_state_is_in_a_government_minted_in_the_article(graph: Graph) -> None:
    government = _organisation(graph, "jane-doe")
    assert government == ART["government-of-germany"]
    assert (government, RDF.type, NKG.Government) in graph
    assert graph.value(government, RDFS.label) == Literal("government of Germany")
    assert graph.value(government, NKG.governmentOf) == NKR["germany"]
    assert (NKR["germany"], RDF.type, NKG.State) in graph
    assert graph.value(government, NKG.curationStatus) == NKG.Minted
    assert graph.value(government, NKG.wikidata) is None
    # "Norway's Defence Minister": the possessive names the state too
    assert _organisation(graph, "john-roe") == ART["government-of-norway"]


def test_a_post_of_a_state_with_a_known_government_is_in_it(graph: Graph) -> None:
    # graph/entities.ttl: nkr:us-government nkg:governmentOf nkr:united-states
    assert _organisation(graph, "ann-lee") == NKR["us-government"]
    assert not list(graph.subjects(NKG.governmentOf, NKR["united-states"]))  # nothing minted beside it


def test_a_post_without_an_organisation_is_not_written(graph: Graph) -> None:
    assert graph.value(None, NKG.holder, NKR["max-poe"]) is None  # "Defence Minister" of no named state


def test_the_ontology_and_entities_state_the_government_of_a_state() -> None:
    ontology = parse_file(natokg.data_root() / "ontology" / "natokg.ttl")
    assert ontology.value(NKG.governmentOf, RDFS.domain) == NKG.Government
    assert ontology.value(NKG.governmentOf, RDFS.range) == NKG.State
    entities = parse_file(natokg.data_root() / "graph" / "entities.ttl")
    assert entities.value(NKR["us-government"], NKG.governmentOf) == NKR["united-states"]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, natokg.ingest.run.Summary]:
    root = init_data_root(tmp_path_factory.mktemp("states") / "corpus").parent
    source = root / "state-posts.txt"
    source.write_text(TEXT, encoding="utf-8")
    summary = ingest_paths([source], published="2026-03-03", data=root)
    return root, summary


def test_the_summary_counts_the_posts_written(root: tuple[Path, natokg.ingest.run.Summary]) -> None:
    folder, summary = root
    written = Graph().parse(folder / "graph" / "articles" / "state-posts.ttl")
    holdings = set(written.subjects(RDF.type, NKG.PostHolding))
    assert len(holdings) == 3  # Doe, Roe, Lee; not Poe, whose post names no organisation
    assert summary.facts["posts"] == len(holdings)


def test_the_draft_validates_and_cq02_lists_the_holders(root: tuple[Path, natokg.ingest.run.Summary]) -> None:
    folder, _ = root
    report = validate_path(folder)
    assert report.conforms, str(report)
    results = natokg.query(natokg.load(folder), "cq02-posts")
    holder, organisation = results.columns.index("holderLabel"), results.columns.index("organisationLabel")
    found = {(str(r[holder]), str(r[organisation])) for r in results.rows}
    assert {("Jane Doe", "government of Germany"), ("Ann Lee", "US government")} <= found


def test_validation_catches_a_government_of_something_else(root: tuple[Path, natokg.ingest.run.Summary]) -> None:
    folder, _ = root
    ttl = folder / "graph" / "articles" / "state-posts.ttl"
    text = ttl.read_text(encoding="utf-8")
    broken = text.replace("nkg:governmentOf nkr:germany", "nkg:governmentOf nkr:jane-doe", 1)
    assert broken != text
    ttl.write_text(broken, encoding="utf-8")
    try:
        report = validate_path(folder)
        assert not report.conforms and "governs one state" in str(report)
    finally:
        ttl.write_text(text, encoding="utf-8")
