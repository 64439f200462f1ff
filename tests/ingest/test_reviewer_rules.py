"""Wrong facts a reviewer found in drafts (issue 8), each a general rule tried on a made-up sentence.

Sources, places, surnames the model labels an organisation, capitals the model labels an
organisation, addressees of appeals, the agent's own title, stand-ins ("replacing X"), and lone
capitalised words with no other evidence of being an actor.
"""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from natokg.ingest.run import extract_graph
from natokg.namespaces import NKG, NKR

pytest.importorskip("spacy")


def draft(text: str) -> Graph:
    return extract_graph(text, published="2026-03-03", slug="made-up")


def event(graph: Graph, cls: object) -> object:
    found = list(graph.subjects(RDF.type, cls))
    assert len(found) == 1, (cls, found)
    return found[0]


def test_from_names_a_source_not_where_the_event_happened() -> None:
    graph = draft("Danish Defence Minister Ole K. Vestrup demanded faster deliveries of tanks from the United States.")
    demand = event(graph, NKG.Demand)
    assert graph.value(demand, NKG.place) is None
    # "in" of the event itself still places it
    graph = draft("Danish Defence Minister Ole K. Vestrup hosted his counterparts in Oslo on Monday.")
    assert graph.value(event(graph, NKG.Meeting), NKG.place) == NKR["oslo"]


def test_a_surname_labelled_an_organisation_is_the_person_named_before() -> None:
    text = 'Danish Defence Minister Ole K. Vestrup hosted his counterparts.\n"The sea is calm," Vestrup said.'
    graph = draft(text)
    quotation = next(graph.subjects(NKG.verbatim, None))
    assert graph.value(quotation, NKG.saidBy) == NKR["ole-k-vestrup"]
    assert (NKR["vestrup"], RDF.type, NKG.Organization) not in graph


def test_a_name_after_in_of_a_meeting_verb_is_its_place() -> None:
    graph = draft("NATO leaders met in Tartu on Friday.")  # the model labels Tartu an organisation
    meeting = event(graph, NKG.Meeting)
    assert graph.value(meeting, NKG.place) == NKR["tartu"]
    assert (NKR["tartu"], RDF.type, NKG.Place) in graph
    assert (meeting, NKG.participant, NKR["tartu"]) not in graph


def test_the_addressee_of_an_appeal_is_its_object_not_the_complement() -> None:
    graph = draft("Defense Secretary Lloyd J. Austin III urged Hungary to support the accession of Sweden.")
    appeal = event(graph, NKG.Appeal)
    assert set(graph.objects(appeal, NKG.addressee)) == {NKR["hungary"]}
    assert set(graph.objects(NKR["lloyd-austin"], NKG.calledOn)) == {NKR["hungary"]}


def test_a_name_in_the_agents_own_title_is_no_participant() -> None:
    graph = draft("NATO Secretary General Mark Rutte called on allies to speed up ammunition production.")
    appeal = event(graph, NKG.Appeal)
    assert set(graph.objects(appeal, NKG.addressee)) == {NKR["nato-allies"]}
    assert (appeal, NKG.participant, NKR["nato"]) not in graph


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Germany would deliver two more Patriot systems by the end of the year.", "patriot"),  # a product
        ("Poland ordered more Leopard tanks.", "leopard"),
        (
            "We must do so together in a way that is sustainable, sensible, and enduring.\n"
            "Times have changed, and it is only prudent that we adapt to meet them.",
            "times",
        ),
        ("The minister said that Mark's statements yesterday were strong.", "mark"),  # a first name alone
    ],
)
def test_a_lone_common_word_is_not_minted_as_an_actor(text: str, word: str) -> None:
    graph = draft(text)
    assert not list(graph.predicate_objects(NKR[word])), f"{word} was minted"
    assert NKR[word] not in set(graph.objects(None, None))


def test_a_name_with_evidence_is_still_minted() -> None:
    # the same shapes with evidence of a name: a surname of the article's person, a singular verb
    graph = draft("Danish Defence Minister Ole K. Vestrup spoke.\nVestrup has said more.\nRheinmetall has grown.")
    assert (NKR["ole-k-vestrup"], RDF.type, NKG.Person) in graph
    assert (NKR["rheinmetall"], RDF.type, NKG.Organization) in graph


def test_replacing_someone_at_a_meeting_is_standing_in_for_them() -> None:
    graph = draft(
        "Danish Prime Minister Ole K. Vestrup arrived in Oslo on Monday for a NATO summit, "
        "replacing Defence Minister Jon Ravn, who stayed in Copenhagen."
    )
    representation = event(graph, NKG.Representation)
    assert graph.value(representation, NKG.representative) == NKR["ole-k-vestrup"]
    assert graph.value(representation, NKG.inPlaceOf) == NKR["jon-ravn"]
    assert graph.value(representation, NKG.representedActor) == NKR["denmark"]  # the state of his post
    assert (NKR["ole-k-vestrup"], NKG.standsInFor, NKR["jon-ravn"]) in graph
    assert (NKR["ole-k-vestrup"], NKG.represents, NKR["denmark"]) in graph
    occasion = graph.value(representation, NKG.atEvent)
    assert occasion is not None
    # "who stayed in Copenhagen": the replaced minister is absent from the same occasion
    absence = event(graph, NKG.Absence)
    assert graph.value(absence, NKG.absentee) == NKR["jon-ravn"]
    assert graph.value(absence, NKG.missedEvent) == occasion
    assert (NKR["jon-ravn"], NKG.absentFrom, occasion) in graph
    assert NKR["copenhagen"] not in set(graph.objects(None, NKG.place))  # where the replaced man stayed


def test_replacing_someone_in_office_is_no_stand_in() -> None:
    graph = draft("Jon Ravn took over at the summit, replacing Ole K. Vestrup as defence minister.")
    assert not list(graph.subjects(RDF.type, NKG.Representation))
    assert not list(graph.subjects(NKG.standsInFor, None))
