"""Posts held, on made-up sentences: title + name, apposition, relative clause, organisation, rank."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from natokg.ingest.actors import extract_mentions
from natokg.ingest.gazetteer import Gazetteer
from natokg.ingest.model import PostHolding
from natokg.ingest.posts import extract_posts, rank_of
from natokg.namespaces import NKR

spacy = pytest.importorskip("spacy")
Language = spacy.language.Language


def posts(nlp_each: Language, gaz: Gazetteer, text: str) -> list[PostHolding]:
    doc = nlp_each(text)
    found = extract_posts(doc, extract_mentions(doc, gaz), gaz)
    for p in found:
        assert text[p.title.begin : p.title.end] == p.title.text
        assert text[p.evidence.begin : p.evidence.end] == p.evidence.text
    return found


def local(iri: URIRef | None) -> str | None:
    return iri.rsplit("/", 1)[-1] if iri is not None else None


@pytest.mark.parametrize(
    ("text", "holder", "title", "organisation", "post"),
    [
        (
            "NATO Secretary General Mark Rutte opened the meeting.",
            "mark-rutte",
            "NATO Secretary General",
            "nato",
            "post-nato-secretary-general",
        ),
        (
            "Talks with US Defense Secretary Pete Hegseth ended.",
            "pete-hegseth",
            "US Defense Secretary",
            "us-department-of-defense",
            "post-us-secretary-of-defense",
        ),
        (
            "It was Defense Secretary Pete Hegseth who spoke.",
            "pete-hegseth",
            "Defense Secretary",
            "us-department-of-defense",
            "post-us-secretary-of-defense",
        ),
        (
            "After Secretary of State Marco Rubio missed it, allies met.",
            "marco-rubio",
            "Secretary of State",
            "us-department-of-state",
            "post-us-secretary-of-state",
        ),
        (
            "We represent the United States and Secretary of War Pete Hegseth here.",
            "pete-hegseth",
            "Secretary of War",
            "us-department-of-defense",
            "post-us-secretary-of-defense",
        ),
        (
            "Pentagon policy chief Elbridge Colby arrived.",
            "elbridge-colby",
            "Pentagon policy chief",
            "us-department-of-defense",
            "post-pentagon-no-3",
        ),
    ],
)
def test_title_before_a_known_name(
    nlp_each: Language, gaz: Gazetteer, text: str, holder: str, title: str, organisation: str, post: str
) -> None:
    (found,) = posts(nlp_each, gaz, text)
    assert (local(found.holder.iri), found.title.text, local(found.organisation.iri), local(found.post)) == (
        holder,
        title,
        organisation,
        post,
    )
    assert found.evidence.text.startswith(title) and found.evidence.text.endswith(found.holder.label.split()[-1])


def test_ambassador_to_an_organisation_belongs_to_the_state(nlp_model: Language, gaz: Gazetteer) -> None:
    (found,) = posts(nlp_model, gaz, "U.S. Ambassador to NATO Julianne Smith met reporters.")
    assert found.holder.label == "Julianne Smith" and not found.holder.known
    assert found.title.text == "U.S. Ambassador to NATO"
    assert found.organisation.iri == NKR["united-states"]


def test_apposition(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Celeste Wallander, assistant secretary of defense for international security affairs, spoke."
    (found,) = posts(nlp_model, gaz, text)
    assert found.holder.label == "Celeste Wallander"
    assert found.title.text == "assistant secretary of defense for international security affairs"
    assert found.evidence.text == "Celeste Wallander, assistant secretary of defense for international security affairs"
    assert found.organisation.iri == NKR["us-department-of-defense"] and found.post is None


def test_apposition_with_the_and_the_organisation_after_the_title(nlp_each: Language, gaz: Gazetteer) -> None:
    (found,) = posts(nlp_each, gaz, "Rutte, the secretary general of NATO, said so.")
    assert (found.title.text, local(found.organisation.iri), local(found.post)) == (
        "secretary general of NATO",
        "nato",
        "post-nato-secretary-general",
    )


def test_relative_clause_with_rank(nlp_each: Language, gaz: Gazetteer) -> None:
    (found,) = posts(nlp_each, gaz, "Instead, Colby, who holds the Pentagon's No. 3 post, is representing the US.")
    assert found.title.text == "the Pentagon's No. 3 post"
    assert found.evidence.text == "Colby, who holds the Pentagon's No. 3 post"
    assert (found.rank, found.rank_as_written, local(found.post)) == (3, "No. 3", "post-pentagon-no-3")
    assert found.organisation.iri == NKR["us-department-of-defense"]


@pytest.mark.parametrize(
    "text",
    [
        "Rutte, who arrived on Monday, spoke.",  # a relative clause that names no post
        "Hegseth, 45, said so.",  # an apposition that is no title
        "The secretary said the meeting went well.",  # a title with no name
        "Rutte met Hegseth and Colby.",
        "Rutte, the host, welcomed Hegseth.",
    ],
)
def test_no_post_where_none_is_stated(nlp_each: Language, gaz: Gazetteer, text: str) -> None:
    assert posts(nlp_each, gaz, text) == []


def test_one_post_per_holder_and_title(nlp_each: Language, gaz: Gazetteer) -> None:
    text = "Secretary of Defense Pete Hegseth spoke.\nSECRETARY OF DEFENSE PETE HEGSETH:  Thank you."
    found = posts(nlp_each, gaz, text)
    assert [(p.title.text, p.title.begin) for p in found] == [("Secretary of Defense", 0)]


def test_rank_of() -> None:
    assert rank_of("the Pentagon's No. 3 post") == (3, "No. 3")
    assert rank_of("the third-ranking official") == (3, "third-ranking")
    assert rank_of("Secretary General") == (None, None)


def test_a_defence_minister_is_not_the_pentagon(nlp_model: Language, gaz: Gazetteer) -> None:
    found = posts(nlp_model, gaz, "Ukrainian Defense Minister Rustem Umerov met Hegseth.")
    # "Ukrainian" names Ukraine (a demonym in the gazetteer); "Defense" does not make it the Pentagon.
    assert [(p.holder.label, p.organisation and p.organisation.label) for p in found] == [("Rustem Umerov", "Ukraine")]


def test_a_place_inside_an_appositive_title(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Gen. Christopher Cavoli, NATO's Supreme Allied Commander Europe, said allies must move faster."
    titles = {
        (p.title.text, local(p.organisation.iri) if p.organisation else None) for p in posts(nlp_model, gaz, text)
    }
    assert ("NATO's Supreme Allied Commander Europe", "nato") in titles


def test_an_adverb_inside_the_relative_clause(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Colby, who previously served as under secretary of defense for policy, returned."
    (found,) = posts(nlp_model, gaz, text)
    assert (found.title.text, local(found.post)) == ("under secretary of defense for policy", "post-pentagon-no-3")


def test_the_known_post_without_the_organisation_that_opens_the_title(nlp_each: Language, gaz: Gazetteer) -> None:
    found = posts(nlp_each, gaz, "Rutte, NATO's secretary general, met U.S. Secretary of State Marco Rubio.")
    assert [(p.title.text, local(p.post)) for p in found] == [
        ("NATO's secretary general", "post-nato-secretary-general"),
        ("U.S. Secretary of State", "post-us-secretary-of-state"),
    ]


def test_a_post_left_as_a_title(nlp_each: Language, gaz: Gazetteer) -> None:
    found = posts(
        nlp_each, gaz, "NATO Secretary General Mark Rutte spoke. Rutte will step down as secretary general in May."
    )
    assert sorted(p.title.text for p in found) == ["NATO Secretary General", "secretary general"]


def test_a_shortened_title_is_no_second_post(nlp_each: Language, gaz: Gazetteer) -> None:
    text = "Secretary Rubio arrived. Secretary of State Marco Rubio met allies. Later Secretary Rubio left."
    assert [p.title.text for p in posts(nlp_each, gaz, text)] == ["Secretary of State"]


def test_a_copular_relative_title_has_no_article(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("We are joined by Ambassador Lindqvist, who is the U.S. Permanent Representative to NATO.")
    titles = {p.title.text for p in extract_posts(doc, extract_mentions(doc, gaz), gaz)}
    assert "U.S. Permanent Representative to NATO" in titles
    assert not any(t.startswith("the ") for t in titles)


def test_a_header_block_gives_the_title_on_the_next_line_and_the_role(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model(
        "Ambassador Oskar Lindqvist\nU.S. Permanent Representative to NATO\nModerator – David Miller\nHello."
    )
    posts = {(p.holder.label, p.title.text) for p in extract_posts(doc, extract_mentions(doc, gaz), gaz)}
    assert ("Oskar Lindqvist", "U.S. Permanent Representative to NATO") in posts
    assert ("David Miller", "Moderator") in posts


@pytest.mark.parametrize("honorific", ["Dr.", "Mr.", "Ms."])
def test_an_honorific_between_title_and_name_belongs_to_neither(
    nlp_each: Language, gaz: Gazetteer, honorific: str
) -> None:
    text = f"Defense Minister {honorific} Jane Roe spoke in Oslo."
    (found,) = posts(nlp_each, gaz, text)
    assert (found.holder.label, found.title.text) == ("Jane Roe", "Defense Minister")
    assert found.evidence.text == f"Defense Minister {honorific} Jane Roe"


def test_a_headline_s_words_before_a_title_are_not_the_title(nlp_each: Language, gaz: Gazetteer) -> None:
    text = "Minister's Call with NATO Secretary General Jane Roe\nThe call was short."
    (found,) = posts(nlp_each, gaz, text)
    assert (found.holder.label, found.title.text) == ("Jane Roe", "NATO Secretary General")
