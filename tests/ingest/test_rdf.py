"""The graph builder, on a hand-built extraction of the Reuters text: shape, provenance, determinism."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, TIME, XSD
from samples import COLBY, NEWCOMER, reuters_extraction

import natokg
from natokg.ingest.cli import init_data_root
from natokg.ingest.model import Extraction
from natokg.ingest.rdf import EVENT_CLASSES, cameo_concept, to_graph
from natokg.ingest.writer import to_turtle, write_article
from natokg.namespaces import CAMEO, NIF, NKG, NKR, ORG, article_namespace
from natokg.validation import validate_path

ART = article_namespace("reuters-draft")


@pytest.fixture
def user_root(tmp_path: Path) -> Path:
    return init_data_root(tmp_path / "corpus").parent


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph(reuters_extraction())


def _validate(root: Path, extraction: Extraction) -> natokg.Report:
    turtle = to_turtle(to_graph(extraction), extraction.metadata.slug)
    write_article(root / "graph" / "articles", extraction.metadata.slug, extraction.text, turtle)
    return validate_path(root)


def test_the_draft_passes_validation(user_root: Path) -> None:
    report = _validate(user_root, reuters_extraction())
    assert report.conforms, str(report)


def test_validation_catches_a_broken_draft(user_root: Path) -> None:
    _validate(user_root, reuters_extraction())
    ttl = user_root / "graph" / "articles" / "reuters-draft.ttl"
    text = ttl.read_text(encoding="utf-8")
    broken = text.replace('nif:anchorOf "Mark Rutte"', 'nif:anchorOf "Mark Rutt"', 1)
    assert broken != text
    ttl.write_text(broken, encoding="utf-8")
    report = validate_path(user_root)
    assert not report.conforms and any(v.check == "offsets" and "Mark Rutt" in v.message for v in report.violations)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("nkg:confidence 1.00 ;", "nkg:confidence 1.50 ;", "A confidence is one xsd:decimal from 0 to 1"),
        ("nkg:curationStatus nkg:Draft", "nkg:curationStatus nkg:Reviewed", "one curation status"),
        (
            "nkg:curationStatus nkg:Minted ;",
            "nkg:curationStatus nkg:Minted ; nkg:wikidata <http://www.wikidata.org/entity/Q1> ;",
            "A minted entity has no Wikidata ID",
        ),
        ('nkg:timexValue "2026-W07"', 'nkg:timexType "DATE"', "exactly one TIMEX3 value"),
        ("itsrdf:taIdentRef nkr:brussels ;", "", "refers to exactly one entity"),
    ],
)
def test_the_shapes_of_ingest_terms_catch_a_broken_draft(user_root: Path, old: str, new: str, message: str) -> None:
    _validate(user_root, reuters_extraction())
    ttl = user_root / "graph" / "articles" / "reuters-draft.ttl"
    text = ttl.read_text(encoding="utf-8")
    assert old in text
    ttl.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = validate_path(user_root)
    assert any(message in v.message for v in report.violations), str(report)


def test_quotations_with_speaker_statement_and_excerpts(graph: Graph) -> None:
    quotations = sorted(graph.subjects(RDF.type, NKG.Quotation))
    assert len(quotations) == 7
    said = {str(graph.value(q, NKG.verbatim)): graph.value(q, NKG.saidBy) for q in quotations}
    assert said["Investment is up by tens of billions."] == NKR["mark-rutte"]
    assert said["strong basis"] == NKR["elbridge-colby"]
    for q in quotations:
        statement = graph.value(q, NKG.quotedIn)
        assert (statement, RDF.type, NKG.Statement) in graph or (statement, RDF.type, NKG.Appeal) in graph
    by_text = {str(graph.value(q, NKG.verbatim)): q for q in quotations}
    assert (
        graph.value(by_text["strong basis"], NKG.excerptOf)
        == by_text["we have a really strong basis for working together"]
    )
    # Rutte's second quotation has no cue: it continues his statement.
    assert graph.value(by_text["Investment is up by tens of billions."], NKG.quotedIn) == graph.value(
        by_text["We are already seeing significant increases in allied defense spending,"], NKG.quotedIn
    )
    told = graph.value(by_text["Now it's time to march out together, to be pragmatic,"], NKG.quotedIn)
    assert graph.value(told, NKG.audience) == NKR["reporters"]


def test_a_quotation_without_speaker_keeps_only_its_span() -> None:
    ex = reuters_extraction()
    ex.quotations = [replace(q, speaker=None) if q.quote.text == "strong basis" else q for q in ex.quotations]
    g = to_graph(ex)
    assert len(set(g.subjects(RDF.type, NKG.Quotation))) == 6
    assert Literal("strong basis") in set(g.objects(None, NIF.anchorOf))


def test_times_as_written_and_derived_values(graph: Graph) -> None:
    by_words = {str(graph.value(t, NKG.asWritten)): t for t in graph.subjects(RDF.type, NKG.TemporalExpression)}
    assert set(by_words) == {"Thursday", "this week", "last year", "for decades"}
    thursday = graph.value(by_words["Thursday"], NKG.resolvedTo)
    assert (thursday, RDF.type, TIME.Instant) in graph
    assert graph.value(thursday, TIME.inXSDDate) == Literal("2026-02-12", datatype=XSD.date)
    assert graph.value(thursday, PROV.wasDerivedFrom) == by_words["Thursday"]
    assert graph.value(thursday, NKG.anchorDate) == Literal("2026-02-12", datatype=XSD.date)
    assert str(graph.value(thursday, NKG.resolutionMethod)) == "weekday-before-anchor"
    week = graph.value(by_words["this week"], NKG.resolvedTo)
    assert str(graph.value(week, NKG.timexValue)) == "2026-W07" and (week, RDF.type, TIME.Instant) not in graph
    year = graph.value(by_words["last year"], NKG.resolvedTo)
    assert graph.value(year, TIME.inXSDgYear) == Literal("2025", datatype=XSD.gYear)
    assert graph.value(by_words["for decades"], NKG.resolvedTo) is None


def test_events_have_classes_roles_and_direct_triples(graph: Graph) -> None:
    absence = next(graph.subjects(RDF.type, NKG.Absence))
    meeting = next(graph.subjects(RDF.type, NKG.Meeting))
    assert graph.value(absence, NKG.absentee) == NKR["pete-hegseth"]
    assert graph.value(absence, NKG.missedEvent) == meeting
    assert (NKR["pete-hegseth"], NKG.absentFrom, meeting) in graph
    assert graph.value(meeting, NKG.eventType) is None or graph.value(meeting, NKG.cameoCode) == Literal("040")
    representation = next(graph.subjects(RDF.type, NKG.Representation))
    assert graph.value(representation, NKG.representative) == NKR["elbridge-colby"]
    assert graph.value(representation, NKG.representedActor) == NKR["united-states"]
    assert graph.value(representation, NKG.atEvent) == meeting
    assert graph.value(representation, NKG.inPlaceOf) == NKR["pete-hegseth"]
    assert (NKR["elbridge-colby"], NKG.represents, NKR["united-states"]) in graph
    assert (NKR["elbridge-colby"], NKG.standsInFor, NKR["pete-hegseth"]) in graph
    appeal = next(graph.subjects(RDF.type, NKG.Appeal))
    assert graph.value(appeal, NKG.eventType) == CAMEO["0212"]
    assert graph.value(appeal, NKG.speaker) == NKR["elbridge-colby"]
    # "called … for NATO to be based on partnership": NATO takes part, but the appeal is addressed to no one
    assert (appeal, NKG.participant, NKR["nato"]) in graph and graph.value(appeal, NKG.addressee) is None
    assert (NKR["elbridge-colby"], NKG.calledOn, NKR["nato"]) not in graph
    addressed = to_graph(
        replace(
            reuters_extraction(), events=[replace(e, addressees=e.participants) for e in reuters_extraction().events]
        )
    )
    assert (NKR["elbridge-colby"], NKG.calledOn, NKR["nato"]) in addressed
    # A statement whose speaker was not found is not forced into nkg:Statement.
    unsure = [
        e for e in graph.subjects(RDFS.comment, None) if "extracted as Statement" in str(graph.value(e, RDFS.comment))
    ]
    assert len(unsure) == 1 and (unsure[0], RDF.type, NKG.Event) in graph


def test_every_event_kind_has_a_declared_class(dataset) -> None:
    ontology = dataset.graph(natokg.ONTOLOGY_GRAPH)
    gold = [
        "Meeting",
        "Absence",
        "Representation",
        "Statement",
        "Appeal",
        "Demand",
        "Pledge/Commitment",
        "Agreement",
        "Announcement",
        "Arrival",
        "Departure",
        "Handover",
        "Summit",
        "Deployment",
        "Investment",
        "Thanks",
        "Other",
    ]
    for kind in gold:
        cls = EVENT_CLASSES[kind]
        assert (cls, RDF.type, OWL.Class) in ontology and ontology.value(cls, RDFS.label) is not None, kind


def test_posts_known_minted_and_left_out(graph: Graph) -> None:
    assert (NKR["mark-rutte"], ORG.holds, NKR["post-nato-secretary-general"]) in graph
    holding = next(graph.subjects(NKG.heldPost, NKR["post-pentagon-no-3"]))
    assert str(graph.value(holding, NKG.roleAsWritten)) == "the Pentagon's No. 3 post"
    minted = ART["post-major-command-posts"]
    assert graph.value(minted, ORG.postIn) == NKR["nato"] and graph.value(minted, NKG.curationStatus) == NKG.Minted
    # "US Defense Secretary" with the state as organisation: a state is no org:Organization, so the post
    # is in the state's known government.
    holding = next(graph.subjects(NKG.holder, NKR["pete-hegseth"]))
    assert graph.value(graph.value(holding, NKG.heldPost), ORG.postIn) == NKR["us-government"]
    assert not list(graph.subjects(NKG.governmentOf, None))  # nothing minted for a known government


def test_new_entities_are_minted_and_marked_never_with_a_wikidata_id(graph: Graph) -> None:
    assert graph.value(NEWCOMER.iri, RDF.type) == NKG.Person
    assert str(graph.value(NEWCOMER.iri, RDFS.label)) == "Jane Roe"
    assert graph.value(NEWCOMER.iri, NKG.curationStatus) == NKG.Minted
    assert graph.value(NEWCOMER.iri, NKG.wikidata) is None
    assert graph.value(COLBY.iri, RDFS.label) is None  # known entities stay in entities.ttl


def test_cameo_codes_fall_back_to_the_nearest_broader_concept() -> None:
    assert cameo_concept("0212") == CAMEO["0212"]
    assert cameo_concept("10429") == CAMEO["1042"]
    assert cameo_concept("99") is None and cameo_concept(None) is None


def test_same_extraction_same_bytes_in_another_process() -> None:
    here = to_turtle(to_graph(reuters_extraction()), "reuters-draft")
    code = (
        "import sys; sys.path.insert(0, 'tests/ingest'); from samples import reuters_extraction;"
        "from natokg.ingest.rdf import to_graph; from natokg.ingest.writer import to_turtle;"
        "sys.stdout.write(to_turtle(to_graph(reuters_extraction()), 'reuters-draft'))"
    )
    root = Path(__file__).resolve().parents[2]
    there = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    ).stdout
    assert here == there
