"""The gazetteer: known entities and posts by name, from entities.ttl and background.ttl."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from natokg.errors import InputError
from natokg.ingest.gazetteer import Gazetteer, normalise
from natokg.loading import Sources
from natokg.namespaces import NKR


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize("surface", ["U.S.", "US", "the US", "The U.S.", "the United States", "America"])
def test_the_united_states_under_its_usual_names(gaz: Gazetteer, surface: str) -> None:
    entity = gaz.lookup(surface)
    assert entity is not None and entity.iri == NKR["united-states"] and entity.type == "State" and entity.known


@pytest.mark.parametrize("surface", ["NATO’s", "NATO's", "nato", "The Alliance"])
def test_case_apostrophes_and_possessives_do_not_matter(gaz: Gazetteer, surface: str) -> None:
    assert gaz.lookup(surface).iri == NKR["nato"]


@pytest.mark.parametrize(
    ("surface", "kind"),
    [
        ("NATO", "Organization"),  # an nkg:Alliance
        ("Pentagon", "Organization"),  # an nkg:GovernmentDepartment
        ("Italy", "State"),  # a State is also a Place: State wins
        ("Brussels", "Place"),
        ("NATO headquarters", "Place"),  # an nkg:Building
        ("Mark Rutte", "Person"),
        ("reporters", "CollectiveActor"),
        ("NATO defense ministers", "CollectiveActor"),  # American spelling of "defence"
    ],
)
def test_types_follow_the_ontology(gaz: Gazetteer, surface: str, kind: str) -> None:
    assert gaz.lookup(surface).type == kind


def test_official_names_and_background_entities_are_read(gaz: Gazetteer) -> None:
    # Both stated only in background.ttl.
    assert gaz.lookup("Allied Joint Force Command Naples").iri == NKR["command-naples"]
    assert gaz.lookup("Christopher Landau").type == "Person"


def test_topics_meetings_and_unknown_names_are_not_actors(gaz: Gazetteer) -> None:
    assert gaz.lookup("GDP") is None
    assert gaz.lookup("NATO foreign ministers' meeting") is None
    assert gaz.lookup("Jane Roe") is None


@pytest.mark.parametrize(
    ("title", "post"),
    [
        ("Secretary of Defense", "post-us-secretary-of-defense"),  # official name (background)
        ("Secretary of War", "post-us-secretary-of-defense"),  # alternative label (background)
        ("US Defense Secretary", "post-us-secretary-of-defense"),
        ("the Pentagon’s No. 3 post", "post-pentagon-no-3"),
        ("Secretary General of NATO", "post-nato-secretary-general"),
    ],
)
def test_known_posts_by_title(gaz: Gazetteer, title: str, post: str) -> None:
    assert gaz.post(title) == NKR[post]


def test_a_title_that_is_no_known_post(gaz: Gazetteer) -> None:
    assert gaz.post("assistant secretary of defense") is None


def test_finditer_prefers_the_longest_name_and_keeps_offsets(gaz: Gazetteer) -> None:
    text = "Talks at NATO headquarters in Norfolk, Virginia with the U.S. team."
    found = [(text[b:e], entity.iri) for b, e, entity in gaz.finditer(text)]
    assert found == [
        ("NATO headquarters", NKR["nato-headquarters"]),
        ("Norfolk, Virginia", NKR["norfolk-virginia"]),
        ("the U.S.", NKR["united-states"]),
    ]


def test_the_pronoun_us_is_not_the_united_states(gaz: Gazetteer) -> None:
    assert [text for text in ("Let us go to Brussels.",) for b, e, _ in gaz.finditer(text) if text[b:e] == "us"] == []
    assert [e.iri for _, _, e in gaz.finditer("Let US troops go.")] == [NKR["united-states"]]


def test_names_inside_words_are_not_found(gaz: Gazetteer) -> None:
    assert list(gaz.finditer("USAF units and Italyan food")) == []


def test_normalise() -> None:
    assert normalise("The U.S.") == normalise("US") == "us"
    assert normalise("NATO’s defence") == "nato's defense"


def test_ruler_patterns_label_known_names_in_a_blank_pipeline(gaz: Gazetteer) -> None:
    spacy = pytest.importorskip("spacy")
    patterns = gaz.ruler_patterns()
    assert {"label": "GPE", "pattern": "U.S.", "id": str(NKR["united-states"])} in patterns
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(patterns)
    doc = nlp("Mark Rutte met U.S. officials and reporters in Brussels.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Mark Rutte", "PERSON", str(NKR["mark-rutte"])),
        ("U.S.", "GPE", str(NKR["united-states"])),
        ("reporters", "NORP", str(NKR["reporters"])),
        ("Brussels", "LOC", str(NKR["brussels"])),
    ]


def test_a_new_entity_in_the_data_is_found(mutate: Callable[[str, str, str], Path]) -> None:
    root = mutate(
        "graph/entities.ttl",
        'nkr:italy a nkg:State ; rdfs:label "Italy" .',
        'nkr:italy a nkg:State ; rdfs:label "Italy" .\nnkr:jane-roe a nkg:Person ; rdfs:label "Jane Roe" .',
    )
    gaz = Gazetteer.from_sources(Sources.find(root))
    assert gaz.lookup("Jane Roe").iri == NKR["jane-roe"]


def test_a_broken_entities_file_is_reported_by_name_and_line(mutate: Callable[[str, str, str], Path]) -> None:
    root = mutate("graph/entities.ttl", 'rdfs:label "Italy" .', 'rdfs:label "Italy .')
    with pytest.raises(InputError, match=r"entities\.ttl:\d+"):
        Gazetteer.from_sources(Sources.find(root))


def test_names_beyond_the_graph_are_recognised_but_not_known(gaz: Gazetteer) -> None:
    # graph/gazetteer.ttl: recognised by name, declared by the article that mentions them.
    assert (gaz.lookup("Ukraine").iri, gaz.lookup("Ukraine").known) == (NKR["ukraine"], False)
    assert gaz.lookup("Putin").label == "Vladimir Putin"
    # More names of an entity typed in background.ttl keep it known.
    assert (gaz.lookup("Britain").iri, gaz.lookup("Britain").known) == (NKR["united-kingdom"], True)


def test_the_names_file_of_the_data_root_is_read(mutate: Callable[[str, str, str], Path]) -> None:
    root = mutate("graph/gazetteer.ttl", 'rdfs:label "Ukraine" .', 'rdfs:label "Ukraine" ; skos:altLabel "Kyjiw" .')
    assert Gazetteer.from_sources(Sources.find(root)).lookup("Kyjiw").iri == NKR["ukraine"]


def test_a_surname_names_the_one_known_person_who_bears_it() -> None:
    # Hand-built: two Smiths make "Smith" ambiguous; "Austin III" is a suffix, not a surname.
    from rdflib import URIRef

    from natokg.ingest.gazetteer import surname
    from natokg.ingest.model import Entity

    austin = Entity(URIRef("urn:x:austin"), "Lloyd J. Austin III", "Person", True)
    anna = Entity(URIRef("urn:x:anna"), "Anna Smith", "Person", True)
    bob = Entity(URIRef("urn:x:bob"), "Bob Smith", "Person", True)
    austin_tx = Entity(URIRef("urn:x:austin-tx"), "Austin Town", "Place", True)
    small = Gazetteer(
        [(austin, ["Lloyd J. Austin III"]), (anna, ["Anna Smith"]), (bob, ["Bob Smith"]), (austin_tx, [])]
    )
    assert small.person_by_surname("Austin") == austin
    assert small.person_by_surname("Smith") is None
    assert small.person_by_surname("Town") is None  # a place has no surname
    assert surname("Martin Luther King Jr.") == "King"
    assert surname("Blinken") is None


def test_demonyms_and_the_kremlin_name_their_state(gaz: Gazetteer) -> None:
    assert gaz.lookup("Russian").label == "Russia"
    assert gaz.lookup("the Kremlin").label == "Russia"
    assert gaz.lookup("Ukrainian").label == "Ukraine"
    assert gaz.person_by_surname("Blinken").label == "Antony J. Blinken"


def test_has_class_reads_the_classes_of_the_data(gaz: Gazetteer) -> None:
    from natokg.namespaces import NKG, NKR

    assert gaz.has_class(NKR["us-department-of-defense"], NKG.GovernmentDepartment)
    assert not gaz.has_class(NKR["nato"], NKG.GovernmentDepartment)
