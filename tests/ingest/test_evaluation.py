"""The scorer: hand-built extractions against a hand-written gold, with counts worked out by hand."""

from __future__ import annotations

from rdflib import URIRef

from natokg.ingest.evaluation import NameIndex, Score, check_targets, score_article, total
from natokg.ingest.model import (
    ArticleMetadata,
    Entity,
    EventMention,
    Extraction,
    Mention,
    PostHolding,
    Quotation,
    Span,
    Timex,
)

TEXT = (
    'NATO Secretary General Mark Rutte met reporters on Thursday. "We are ready," Rutte said. '
    '"Investment is up," he said.'
)
RUTTE = Entity(URIRef("https://w3id.org/natokg/id/mark-rutte"), "Mark Rutte", "Person", True)
COLBY = Entity(URIRef("https://w3id.org/natokg/id/elbridge-colby"), "Elbridge Colby", "Person", True)
NEW = Entity(URIRef("https://w3id.org/natokg/id/jane-doe"), "Jane Doe", "Person", False)
NAMES = NameIndex({str(RUTTE.iri): ["Mark Rutte", "Rutte"], str(COLBY.iri): ["Elbridge Colby"]})

GOLD = {
    "id": "made-up",
    "entities": [{"name": "Mark Rutte", "type": "Person", "mentions": ["Mark Rutte", "Rutte", "he"]}],
    "posts": [{"holder": "Mark Rutte", "title_as_written": "NATO Secretary General"}],
    "quotations": [
        {"text": "We are ready,", "speaker": "Mark Rutte", "audience": None},
        {"text": "Investment is up,", "speaker": "Mark Rutte", "audience": None},
    ],
    "times": [{"as_written": "Thursday", "value": "2026-02-12"}],
    "events": [
        {"kind": "Meeting", "cameo": "040", "evidence": "Mark Rutte met reporters"},
        {"kind": "Pledge/Commitment", "cameo": None, "evidence": "We are ready"},
    ],
}


def span(text: str, nth: int = 0) -> Span:
    begin = -1
    for _ in range(nth + 1):
        begin = TEXT.index(text, begin + 1)
    return Span.of(TEXT, begin, begin + len(text))


def extraction() -> Extraction:
    return Extraction(
        text=TEXT,
        metadata=ArticleMetadata(slug="made-up"),
        mentions=[
            Mention(span("Mark Rutte"), RUTTE),
            Mention(span("Rutte", 1), RUTTE, "alias"),
            Mention(span("he"), COLBY, "pronoun"),  # wrongly linked
        ],
        posts=[PostHolding(RUTTE, span("NATO Secretary General"), span("NATO Secretary General Mark Rutte"))],
        quotations=[
            Quotation(span("We are ready,"), RUTTE),
            Quotation(span("Investment is up,"), NEW),  # wrong speaker
            Quotation(span("Thursday"), None),  # not a quotation
        ],
        times=[Timex(span("on Thursday"), "2026-02-05")],  # found (overlap), wrong value
        events=[
            EventMention("Meeting", span("met"), span("Rutte met reporters"), cameo="040"),
            EventMention("Commitment", span("ready"), span("We are ready"), cameo="030"),
            EventMention("Statement", span("said"), span("Rutte said")),
        ],
    )


def test_counts_worked_out_by_hand() -> None:
    scores = score_article(extraction(), GOLD, NAMES).scores
    assert (scores["quotations"].tp, scores["quotations"].fp, scores["quotations"].fn) == (2, 1, 0)
    assert (scores["quotations"].correct, scores["quotations"].judged) == (1, 2)
    assert (scores["posts"].tp, scores["posts"].fp, scores["posts"].fn) == (1, 0, 0)
    assert (scores["times"].tp, scores["times"].correct) == (1, 0)
    # mentions: ("Mark Rutte", "Rutte") right, "he" linked to Colby is both a false positive and a miss
    assert (scores["mentions"].tp, scores["mentions"].fp, scores["mentions"].fn) == (2, 1, 1)
    # events: the meeting (overlap, same kind) and the commitment ("Pledge/Commitment") match
    assert (scores["events"].tp, scores["events"].fp, scores["events"].fn) == (2, 1, 0)
    assert (scores["events"].correct, scores["events"].judged) == (1, 2)


def test_a_span_that_lies_is_reported() -> None:
    ex = extraction()
    ex.mentions.append(Mention(Span(0, 4, "OTAN"), RUTTE))
    assert score_article(ex, GOLD, NAMES).bad_spans == ["0..4 'OTAN'"]


def test_same_kind_is_required_for_an_event_match() -> None:
    ex = extraction()
    ex.events = [EventMention("Statement", span("met"), span("Rutte met reporters"), cameo="040")]
    assert score_article(ex, GOLD, NAMES).scores["events"].tp == 0


def test_total_and_targets() -> None:
    one = score_article(extraction(), GOLD, NAMES)
    summed = total([one, one])
    assert summed["quotations"].tp == 4 and summed["quotations"].fp == 2
    failed = check_targets(summed)
    assert "quotations precision 0.67 < 0.95" in failed
    assert not any(line.startswith("posts") for line in failed)
    assert Score(tp=19, fp=1).precision == 0.95


def test_a_listed_name_minted_as_new_still_meets_its_gold_name() -> None:
    # The gazetteer names Antony Blinken, but an article mints him as new under the name it uses.
    minted = Entity(URIRef("https://w3id.org/natokg/id/antony-blinken"), "Antony J. Blinken", "Person", False)
    names = NameIndex({str(minted.iri): ["Antony J. Blinken", "Antony Blinken"]})
    assert names.entity_key(minted) == names.key("Antony Blinken") == str(minted.iri)
    assert NameIndex().entity_key(minted) == "antony j blinken"  # unlisted: compared by its label
