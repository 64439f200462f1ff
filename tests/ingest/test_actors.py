"""Actor mentions on made-up sentences: known names, new entities, titles, pronouns, false mentions."""

from __future__ import annotations

import pytest

from natokg.ingest.actors import extract_mentions, slug
from natokg.ingest.gazetteer import Gazetteer
from natokg.ingest.model import Mention
from natokg.namespaces import NKR, WD

spacy = pytest.importorskip("spacy")
Language = spacy.language.Language


def found(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.span.text, m.entity.iri.rsplit("/", 1)[-1], m.kind) for m in mentions]


def test_known_names_and_aliases_in_rules_mode(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("Rutte met Hegseth at NATO headquarters in Brussels.")
    assert found(extract_mentions(doc, gaz)) == [
        ("Rutte", "mark-rutte", "alias"),
        ("Hegseth", "pete-hegseth", "alias"),
        ("NATO headquarters", "nato-headquarters", "name"),
        ("Brussels", "brussels", "name"),
    ]


def test_every_span_is_the_text_at_its_offsets(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "U.S. Ambassador to NATO Julianne Smith said he and the alliance’s foreign ministers met Smith."
    for m in extract_mentions(nlp_model(text), gaz):
        assert text[m.span.begin : m.span.end] == m.span.text


def test_a_new_person_is_minted_and_the_surname_refers_back(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Celeste Wallander arrived in Brussels on Monday. Later Wallander met reporters.")
    people = [m for m in extract_mentions(doc, gaz) if m.entity.type == "Person"]
    assert [(m.span.text, m.kind) for m in people] == [("Celeste Wallander", "name"), ("Wallander", "alias")]
    assert {m.entity.iri for m in people} == {NKR["celeste-wallander"]}
    assert not people[0].entity.known


def test_same_name_same_iri_across_articles_and_never_a_wikidata_id(nlp_model: Language, gaz: Gazetteer) -> None:
    first = extract_mentions(nlp_model("Julianne Smith spoke."), gaz)
    second = extract_mentions(nlp_model("On Friday, Julianne Smith left Brussels."), gaz)
    smith = [m.entity for m in first + second if m.entity.label == "Julianne Smith"]
    assert len(smith) == 2 and smith[0] == smith[1]
    assert all(not str(m.entity.iri).startswith(str(WD)) for m in first + second)


def test_a_title_alone_a_date_or_a_number_is_no_mention(
    nlp_model: Language, nlp_blank: Language, gaz: Gazetteer
) -> None:
    for nlp_each in (nlp_model, nlp_blank):
        doc = nlp_each("On Thursday the Secretary spoke for 20 minutes in June 2025.")
        assert extract_mentions(doc, gaz) == []


def test_title_and_name_is_a_mention_and_the_title_refers_back(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("Defense Secretary Pete Hegseth arrived. Later the secretary met Rutte.")
    mentions = found(extract_mentions(doc, gaz))
    assert ("Defense Secretary Pete Hegseth", "pete-hegseth", "title") in mentions
    assert ("the secretary", "pete-hegseth", "title") in mentions


def test_pronoun_he_refers_to_the_last_subject(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Rutte met Hegseth in Brussels. He said the talks went well.")
    assert ("He", "mark-rutte", "pronoun") in found(extract_mentions(doc, gaz))


def test_possessive_refers_to_the_last_person_and_him_to_the_subject(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Hegseth thanked Rutte for his help and for long talks with him.")
    mentions = found(extract_mentions(doc, gaz))
    assert ("his", "mark-rutte", "pronoun") in mentions
    assert ("him", "pete-hegseth", "pronoun") in mentions


def test_a_pronoun_with_no_person_before_it_stays_unlinked(nlp_model: Language, gaz: Gazetteer) -> None:
    assert [m for m in extract_mentions(nlp_model("He said NATO was strong."), gaz) if m.kind == "pronoun"] == []


def test_first_person_in_a_transcript_turn_and_after_a_statement_introduction(
    nlp_blank: Language, gaz: Gazetteer
) -> None:
    turn = nlp_blank("SECRETARY OF DEFENSE PETE HEGSETH:  I am glad to be here.\nQ:  Why did I ask?")
    mentions = found(extract_mentions(turn, gaz))
    assert ("I", "pete-hegseth", "pronoun") in mentions
    # The questioner's "I" in the next turn is not Hegseth.
    assert sum(1 for m in mentions if m[0] == "I") == 1
    statement = nlp_blank("Mark Rutte provided the following statement:\nI am pleased by the progress.")
    assert ("I", "mark-rutte", "pronoun") in found(extract_mentions(statement, gaz))


def test_first_person_inside_a_quotation_is_its_speaker(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model('"The reason I am here is simple," Hegseth said.')
    assert ("I", "pete-hegseth", "pronoun") in found(extract_mentions(doc, gaz))


def test_a_place_name_that_opens_a_document_or_meeting_name_is_no_mention(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("Allies met at the Washington Summit to honour the Washington Treaty in Washington.")
    washington = [m.span.begin for m in extract_mentions(doc, gaz) if m.span.text == "Washington"]
    assert washington == [doc.text.rindex("Washington")]


def test_city_and_region_are_two_places(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("The command in Norfolk, Virginia moves.")
    assert found(extract_mentions(doc, gaz)) == [
        ("Norfolk", "norfolk-virginia", "name"),
        ("Virginia", "virginia", "name"),
    ]


def test_a_possessive_name_inside_a_longer_name_is_a_mention_too(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("He met the alliance's foreign ministers.")
    assert found(extract_mentions(doc, gaz)) == [
        ("the alliance", "nato", "alias"),
        ("the alliance's foreign ministers", "nato-foreign-ministers", "alias"),
    ]


def test_demonstrative_descriptions_of_a_known_entity(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Finland joined our proud alliance, and this alliance grew stronger.")
    mentions = found(extract_mentions(doc, gaz))
    assert ("our proud alliance", "nato", "alias") in mentions
    assert ("this alliance", "nato", "alias") in mentions


def test_an_alliance_in_general_is_not_nato(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("He called for an alliance based on partnership.")
    assert [m for m in extract_mentions(doc, gaz) if m.entity.iri == NKR["nato"]] == []


def test_members_of_an_organisation_are_its_allies(nlp_each: Language, gaz: Gazetteer) -> None:
    doc = nlp_each("Every NATO member nation must contribute, and every country in NATO agrees.")
    allies = [m.span.text for m in extract_mentions(doc, gaz) if m.entity.iri == NKR["nato-allies"]]
    assert allies == ["Every NATO member nation", "every country in NATO"]


def test_a_plural_group_noun_is_a_collective_actor(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Deterrence keeps foreign aggressors away from Europe.")
    group = next(m for m in extract_mentions(doc, gaz) if m.span.text == "foreign aggressors")
    assert group.entity.type == "CollectiveActor" and not group.entity.known


def test_the_is_part_of_a_name_that_heads_its_phrase_only(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("The defense of the U.S. homeland matters to the United States.")
    us = [m.span.text for m in extract_mentions(doc, gaz) if m.entity.iri == NKR["united-states"]]
    assert us == ["U.S.", "the United States"]


def test_common_noun_name_grows_to_its_possessive_in_rules_mode(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("The United States and its allies met.")
    assert ("its allies", "nato-allies", "alias") in found(extract_mentions(doc, gaz))


def test_slug() -> None:
    assert slug("Lloyd J. Austin III") == "lloyd-j-austin-iii"
    assert slug("Zoë O’Neill") == "zoe-oneill"
    assert slug("!!!") == "unnamed"


def test_the_secretary_is_not_a_deputy_secretary(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("Deputy Defense Secretary Jane Roe arrived. Later the secretary called.")
    assert [m.span.text for m in extract_mentions(doc, gaz) if m.span.text.lower() == "the secretary"] == []


def test_a_bare_plural_is_no_collective_actor(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Our soldiers hold the line while officials talk to counterparts.")
    assert [m for m in extract_mentions(doc, gaz) if m.entity.type == "CollectiveActor"] == []


def test_a_name_after_a_title_is_a_person_even_where_the_ner_misses_it(
    nlp_model: Language, nlp_blank: Language, gaz: Gazetteer
) -> None:
    for nlp_each in (nlp_model, nlp_blank):
        doc = nlp_each("Ukrainian Defense Minister Rustem Umerov met Hegseth.")
        person = next(m.entity for m in extract_mentions(doc, gaz) if m.span.text == "Rustem Umerov")
        assert (person.iri, person.type, person.known) == (NKR["rustem-umerov"], "Person", False)


def test_a_capitalised_word_after_a_titled_name_is_no_new_person(nlp_each: Language, gaz: Gazetteer) -> None:
    doc = nlp_each("Secretary of Defense Pete Hegseth Statement to Press at the NATO Defense Ministerial Meeting")
    people = {m.entity.label for m in extract_mentions(doc, gaz) if m.entity.type == "Person"}
    assert people == {"Pete Hegseth"}


def test_we_in_a_quotation_is_the_organisation_of_the_speakers_post(nlp_each: Language, gaz: Gazetteer) -> None:
    doc = nlp_each('NATO Secretary General Mark Rutte spoke.\n"We are ready," Rutte said.')
    assert ("We", "nato", "pronoun") in found(extract_mentions(doc, gaz))
    # Without a post in the article, "we" stays unlinked.
    doc = nlp_each('"We are ready," Rutte said.')
    assert [m for m in extract_mentions(doc, gaz) if m.span.text == "We"] == []


def test_rules_mode_reads_possessives_and_the_before_a_name_of_several_words(
    nlp_blank: Language, gaz: Gazetteer
) -> None:
    doc = nlp_blank("The United States looks to America's allies in the Western Pacific.")
    assert found(extract_mentions(doc, gaz)) == [
        ("The United States", "united-states", "name"),
        ("America", "united-states", "alias"),
        ("America's allies", "nato-allies", "alias"),
        ("the Western Pacific", "western-pacific", "name"),
    ]


def test_a_title_and_surname_link_to_the_known_person(nlp_each: Language, gaz: Gazetteer) -> None:
    doc = nlp_each("Secretary Blinken met allies in Brussels. Blinken said little.")
    people = {(m.span.text, m.entity.iri) for m in extract_mentions(doc, gaz) if m.entity.type == "Person"}
    assert ("Blinken", NKR["antony-blinken"]) in people
    assert all(iri != NKR["blinken"] for _, iri in people)


def test_a_surname_after_a_generational_suffix_refers_back(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Rear Admiral Jonas P. Whitfield Jr. toured the base. Whitfield praised the crews.")
    people = [m for m in extract_mentions(doc, gaz) if m.entity.type == "Person" and m.kind != "title"]
    assert {m.entity.label for m in people} == {"Jonas P. Whitfield Jr."}
    assert "Whitfield" in [m.span.text for m in people]


def test_a_headline_surname_before_the_full_name_is_the_same_person(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Korhonen arrived in Riga on Monday.\nDefense Minister Aino Korhonen met troops there.")
    people = {m.entity.label for m in extract_mentions(doc, gaz) if m.entity.type == "Person"}
    assert people == {"Aino Korhonen"}


def test_transcript_turns_in_title_case_give_i_and_you(nlp_each: Language, gaz: Gazetteer) -> None:
    text = (
        "Secretary General Rutte:  Welcome, Pete. I thank you for your support.\n"
        "We meet today.\n"
        "Secretary Hegseth:  Mr. Secretary General, thank you. I am glad to be here.\n"
    )
    mentions = extract_mentions(nlp_each(text), gaz)
    got = {(m.span.begin, m.span.text, m.entity.iri.rsplit("/", 1)[-1]) for m in mentions if m.kind != "title"}
    first_turn, third_turn = text.index("I thank"), text.index("I am")
    assert (first_turn, "I", "mark-rutte") in got
    assert (text.index("you for"), "you", "pete-hegseth") in got
    assert (text.index("your"), "your", "pete-hegseth") in got
    assert (third_turn, "I", "pete-hegseth") in got
    assert (text.index("thank you.") + 6, "you", "mark-rutte") in got
    salutation = [m for m in mentions if m.span.text == "Mr. Secretary General"]
    assert [m.entity.iri for m in salutation] == [NKR["mark-rutte"]]


def test_him_is_not_the_subject_of_its_own_clause(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Trump hosted Rutte for a meeting and praised him for his leadership.")
    him = [m for m in extract_mentions(doc, gaz) if m.span.text == "him"]
    assert [m.entity.iri for m in him] == [NKR["mark-rutte"]]


def test_a_ministers_we_is_not_the_department(nlp_model: Language, gaz: Gazetteer) -> None:
    text = 'Secretary of Defense Pete Hegseth spoke. "We will stay," Hegseth said.'
    we = [m for m in extract_mentions(nlp_model(text), gaz) if m.span.text == "We"]
    assert we == []


def test_you_in_a_quotation_is_its_audience(nlp_model: Language, gaz: Gazetteer) -> None:
    text = 'Hegseth welcomed Rutte. "I thank you for your work," Hegseth said.'
    got = {(m.span.text, m.entity.iri) for m in extract_mentions(nlp_model(text), gaz) if m.kind == "pronoun"}
    assert {("you", NKR["mark-rutte"]), ("your", NKR["mark-rutte"]), ("I", NKR["pete-hegseth"])} <= got


def test_its_and_their_refer_to_the_last_state_or_group(nlp_each: Language, gaz: Gazetteer) -> None:
    text = "Rubio urged Canada to raise its spending. European allies said their budgets grow."
    got = [(m.span.text, m.entity.label) for m in extract_mentions(nlp_each(text), gaz) if m.kind == "pronoun"]
    assert ("its", "Canada") in got
    assert ("their", "European allies") in got


def test_its_of_a_mention_or_of_a_thing_is_no_pronoun_mention(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "France and its allies met. The Kremlin said the war is now in its third year."
    mentions = extract_mentions(nlp_model(text), gaz)
    assert [m for m in mentions if m.kind == "pronoun"] == []
    assert ("its allies", "NATO allies") in [(m.span.text, m.entity.label) for m in mentions]


def test_a_capitalised_collective_takes_its_article(nlp_each: Language, gaz: Gazetteer) -> None:
    text = "The NATO allies have never been more united."
    assert ("The NATO allies", "NATO allies") in [
        (m.span.text, m.entity.label) for m in extract_mentions(nlp_each(text), gaz)
    ]


# Rules added while widening the dev set (issue 8): each on a made-up sentence.


def test_a_generational_suffix_belongs_to_the_name(nlp_model: Language, nlp_blank: Language, gaz: Gazetteer) -> None:
    for nlp_each in (nlp_model, nlp_blank):
        mentions = extract_mentions(nlp_each("President Joseph R. Biden, Jr. met the ministers."), gaz)
        biden = {m.span.text for m in mentions if m.entity.iri == NKR["joe-biden"]}
        assert "Joseph R. Biden, Jr." in biden
        assert not any(m.span.text.startswith("Jr") for m in mentions)


def test_no_mention_ends_in_a_line_break(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Moderator – David Miller\nHello, everyone.\nReadout\nOskar Lindqvist spoke."
    for m in extract_mentions(nlp_model(text), gaz):
        assert m.span.text == m.span.text.strip(), m


def test_a_name_holds_no_possessive_or_greeting(nlp_model: Language, gaz: Gazetteer) -> None:
    text = (
        "Ambassador Oskar Lindqvist spoke.\nThanks Oskar, and welcome.\nLindqvist’s Weekly Telephonic Briefing ended."
    )
    people = {m.span.text for m in extract_mentions(nlp_model(text), gaz) if m.entity.type == "Person"}
    assert not any("’s" in name or name.startswith("Thanks") for name in people), people


def test_a_bare_group_plural_is_the_group_of_the_article_s_organisation(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("NATO met in Brussels. The plan was agreed by leaders in June. Ukraine's leaders were not there.")
    leaders = [(m.span.text, m.entity.iri) for m in extract_mentions(doc, gaz) if "leaders" in m.span.text]
    assert ("leaders", NKR["nato-leaders"]) in leaders
    assert not any(iri == NKR["nato-leaders"] and text.startswith("Ukraine") for text, iri in leaders)


def test_a_group_before_a_meeting_noun_is_still_a_mention(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("He spoke after the NATO Foreign Ministers Meeting. The Washington Summit was next.")
    found_here = {(m.span.text, m.entity.iri.rsplit("/", 1)[-1]) for m in extract_mentions(doc, gaz)}
    assert ("NATO Foreign Ministers", "nato-foreign-ministers") in found_here
    assert not any(iri == "washington-dc" for _, iri in found_here)


def test_nato_s_full_name_and_the_spokesperson_s_office_are_known(nlp_blank: Language, gaz: Gazetteer) -> None:
    doc = nlp_blank("Office of the Spokesperson\nThe leader met the North Atlantic Treaty Organization staff.")
    names = {(m.span.text, m.entity.iri.rsplit("/", 1)[-1]) for m in extract_mentions(doc, gaz)}
    assert ("Office of the Spokesperson", "us-department-of-state-office-of-the-spokesperson") in names
    assert any(iri == "nato" and "North Atlantic Treaty Organization" in text for text, iri in names)


def test_a_header_role_labels_the_turns_of_its_person(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Moderator – Oskar Lindqvist\nModerator: I welcome Ambassador Smith.\nAmbassador Smith: I thank you."
    mentions = [(m.span.text, m.entity.label) for m in extract_mentions(nlp_model(text), gaz)]
    assert ("Moderator", "Oskar Lindqvist") in mentions
    pronouns = [(t, label) for t, label in mentions if t in ("I", "you")]
    assert pronouns[0] == ("I", "Oskar Lindqvist")
    assert ("you", "Oskar Lindqvist") in pronouns


def test_the_secretary_general_hyphenated_is_not_the_secretary(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Secretary of Defense Lloyd J. Austin III spoke. I thank the secretary-general for his work."
    spans = [m.span.text for m in extract_mentions(nlp_model(text), gaz)]
    assert "the secretary" not in spans


def test_a_document_word_or_a_capitalised_group_noun_is_no_new_actor(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Readout\nOffice of the Spokesperson\nJane Roe met his 27 NATO allied Ministers and the Allies."
    new = [m.span.text for m in extract_mentions(nlp_model(text), gaz) if not m.entity.known]
    assert not {"Readout", "Ministers", "Allies"} & set(new), new


def test_that_country_is_the_last_state_named(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("The allies sent aid to Ukraine. They will keep helping that country.\nThe country is large.")
    found_here = [(m.span.text, m.entity.label) for m in extract_mentions(doc, gaz)]
    assert ("that country", "Ukraine") in found_here
    assert not any(text == "The country" for text, _ in found_here)


def test_he_in_a_quotation_is_not_its_speaker_or_audience(nlp_model: Language, gaz: Gazetteer) -> None:
    text = (
        "Vladimir Putin thought he would break NATO, Jane Roe told John Doe. "
        '"Instead, he united the world by his actions," she said.'
    )
    pronouns = [(m.span.text, m.entity.label) for m in extract_mentions(nlp_model(text), gaz) if m.kind == "pronoun"]
    assert ("his", "Vladimir Putin") in pronouns
    assert not any(p in ("he", "his") and who in ("Jane Roe", "John Doe") for p, who in pronouns[1:3])


def test_a_longer_organisation_name_around_a_known_one_is_an_organisation_too(
    nlp_model: Language, gaz: Gazetteer
) -> None:
    doc = nlp_model("The troops are ready to support the NATO Response Force.")
    found_here = {(m.span.text, m.entity.type) for m in extract_mentions(doc, gaz)}
    assert ("the NATO Response Force", "Organization") in found_here
    assert ("NATO", "Organization") in found_here
    titled = {m.span.text for m in extract_mentions(nlp_model("He met NATO Secretary General Mark Rutte."), gaz)}
    assert not any(t.endswith("Secretary General") for t in titled)


def test_we_in_a_transcript_turn_is_the_speaker_s_organisation(nlp_blank: Language, gaz: Gazetteer) -> None:
    text = "NATO Secretary General Mark Rutte opened.\nSecretary General Rutte: We are ready, and our resolve holds."
    found_here = [(m.span.text, m.entity.label) for m in extract_mentions(nlp_blank(text), gaz) if m.kind == "pronoun"]
    assert ("We", "NATO") in found_here and ("our", "NATO") in found_here
    text = "Secretary of Defense Lloyd J. Austin III opened.\nSecretary Austin: We are ready."
    found_here = [(m.span.text, m.entity.label) for m in extract_mentions(nlp_blank(text), gaz) if m.span.text == "We"]
    assert found_here == []  # a department is not a minister's "we"


def test_an_honorific_is_no_part_of_a_new_name(nlp_each: Language, gaz: Gazetteer) -> None:
    doc = nlp_each("Defense Minister Dr. Jane Roe spoke. The minister left.")
    people = {(m.span.text, m.entity.label) for m in extract_mentions(doc, gaz) if m.entity.type == "Person"}
    assert ("Jane Roe", "Jane Roe") in people and ("Defense Minister Dr. Jane Roe", "Jane Roe") in people
    assert ("The minister", "Jane Roe") in people
    assert not any("Dr." in label for _, label in people)


def test_a_title_and_a_name_that_the_model_takes_for_an_organisation_is_a_person(
    nlp_model: Language, gaz: Gazetteer
) -> None:
    doc = nlp_model("As stated by Spokesperson Morgan Ortagus:\nThe talks went well.")
    mentions = found(extract_mentions(doc, gaz))
    assert ("Morgan Ortagus", "morgan-ortagus", "name") in mentions
    assert not any(iri.startswith("spokesperson") for _, iri, _ in mentions)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Roe Reassures Allies of Constancy\nJane Roe spoke to reporters. Roe left.", "Roe Reassures"),
        ("Jane Roe spoke to reporters.\nAllied Progress\nThe allies spent more.", "Allied Progress"),
    ],
)
def test_headline_words_are_no_part_of_a_name(nlp_model: Language, gaz: Gazetteer, text: str, absent: str) -> None:
    mentions = extract_mentions(nlp_model(text), gaz)
    assert absent not in {m.span.text for m in mentions}
    assert all(m.entity.label != absent for m in mentions)
    if absent == "Roe Reassures":
        assert text.index("Roe") in {m.span.begin for m in mentions if m.entity.label == "Jane Roe"}


def test_a_person_named_alone_on_a_header_line_keeps_the_full_name(nlp_model: Language, gaz: Gazetteer) -> None:
    doc = nlp_model("Telephone Press Briefing\nModerator – Peter Kaufman\nModerator: Thank you all.")
    assert "Peter Kaufman" in {m.entity.label for m in extract_mentions(doc, gaz)}


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Defense Secretary Jo Roe spoke. The department's budget grew.", "The department", "us-department-of-defense"),
        ("The Pentagon said the Department’s plan works.", "the Department", "us-department-of-defense"),
        ("Secretary of State Jo Roe said the department will act.", "the department", "us-department-of-state"),
    ],
)
def test_the_department_is_the_us_department_named_before(
    nlp_each: Language, gaz: Gazetteer, text: str, surface: str, entity: str
) -> None:
    mentions = found(extract_mentions(nlp_each(text), gaz))
    assert (surface, entity, "alias") in mentions
    assert not any(iri == "department" for _, iri, _ in mentions)


def test_the_department_with_no_department_before_is_nothing(nlp_each: Language, gaz: Gazetteer) -> None:
    mentions = found(extract_mentions(nlp_each("The department of the minister grew. The department acted."), gaz))
    assert not any(text.lower() == "the department" for text, _, _ in mentions)


def test_the_country_in_the_sentence_of_the_state(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Russia is the problem, the minister said, with the country still seeking a veto. The country is large."
    mentions = [(m.span.text, m.span.begin, m.entity.label) for m in extract_mentions(nlp_model(text), gaz)]
    assert ("the country", text.index("the country"), "Russia") in mentions
    assert not any(t == "The country" for t, _, _ in mentions)


def test_a_possessive_after_thanking_a_title_refers_to_its_holder(nlp_model: Language, gaz: Gazetteer) -> None:
    text = (
        "Secretary of State Jo Roe called NATO Secretary General Mark Rutte. "
        "The Secretary thanked the Secretary General for his efforts."
    )
    his = [m.entity.label for m in extract_mentions(nlp_model(text), gaz) if m.span.text == "his"]
    assert his == ["Mark Rutte"]


def test_the_hyphenated_secretary_general_refers_back(nlp_blank: Language, gaz: Gazetteer) -> None:
    text = "NATO Secretary General Mark Rutte spoke. I thank the secretary-general for this."
    mentions = found(extract_mentions(nlp_blank(text), gaz))
    assert ("the secretary-general", "mark-rutte", "title") in mentions


def test_the_nato_alliance_is_nato(nlp_each: Language, gaz: Gazetteer) -> None:
    assert ("the NATO Alliance", "nato", "alias") in found(
        extract_mentions(nlp_each("He trusts the NATO Alliance."), gaz)
    )


@pytest.mark.parametrize(
    ("text", "publisher", "expected"),
    [
        ("The President conveyed our full support to NATO.", "The White House", ["our"]),
        ("The Secretary reaffirmed our alliances.", "U.S. Department of State", ["our"]),
        ("The President conveyed our full support to NATO.", "Reuters", []),
        ('She said: "We are ready." The talks went on.', "The White House", []),  # the speaker's we
        ("I thank you. We are ready.", "U.S. Department of Defense", []),  # a speech: its we is the speaker's
    ],
)
def test_we_in_a_us_readout_is_the_united_states(text: str, publisher: str, expected: list[str]) -> None:
    from natokg.ingest.coreference import publisher_pronouns
    from natokg.ingest.quotations import find_quote_spans

    spans, _ = find_quote_spans(text)
    found = publisher_pronouns(text, [], spans, publisher, Gazetteer.default())
    assert [m.span.text for m in found] == expected
    assert all(m.entity.iri == NKR["united-states"] for m in found)


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        (
            "Defense Secretary Jo Roe told his NATO counterparts that aid rose.",
            "his NATO counterparts",
            "nato-defence-ministers",
        ),
        ("At the defense ministerial I met my colleagues here.", "my colleagues", "nato-defence-ministers"),
        (
            "Roe joins his 27 NATO allied Ministers at the foreign ministerial.",
            "his 27 NATO allied Ministers",
            "nato-foreign-ministers",
        ),
        (
            "I will meet all the other Ministers. The defence ministers meet on Friday.",
            "all the other Ministers",
            "nato-defence-ministers",
        ),
    ],
)
def test_counterparts_are_the_ministers_of_the_ministerial(
    nlp_each: Language, gaz: Gazetteer, text: str, surface: str, entity: str
) -> None:
    assert (surface, entity, "alias") in found(extract_mentions(nlp_each(text), gaz))


@pytest.mark.parametrize("text", ["Jo Roe thanked his colleagues in Congress.", "Jo Roe thanked his colleagues."])
def test_counterparts_without_a_ministerial_are_nobody_known(nlp_each: Language, gaz: Gazetteer, text: str) -> None:
    assert not any("ministers" in iri for _, iri, _ in found(extract_mentions(nlp_each(text), gaz)))


def test_the_participants_of_a_ministerial_and_they(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "At the defense ministerial, the participants discussed aid. They agreed on a plan."
    mentions = found(extract_mentions(nlp_model(text), gaz))
    assert ("the participants", "nato-defence-ministers", "alias") in mentions
    assert ("They", "nato-defence-ministers", "pronoun") in mentions


def test_they_with_no_group_before_is_nobody(nlp_model: Language, gaz: Gazetteer) -> None:
    mentions = found(extract_mentions(nlp_model("Jo Roe met Jane Doe. They discussed aid."), gaz))
    assert not any(text == "They" for text, _, _ in mentions)
