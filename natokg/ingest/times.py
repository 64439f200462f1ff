"""Temporal expressions in an article, as written, with TIMEX3 values from :mod:`natokg.timex`.

Two sources, so that the rules work with spaCy's blank English pipeline and the model adds what
they miss:

* rules (regular expressions over the text): dates, month-day ranges, months, weekdays,
  "today"/"yesterday", "last year"/"this week"/"later this month"/"this summer", decades and
  centuries, "two years ago", years, "now"/"recently"/"soon", "in a few weeks"/"a few days ago"
  (FUTURE_REF/PAST_REF), durations ("for decades");
* in model mode, spaCy's ``DATE``/``TIME`` entities that no rule found, kept only when
  :func:`natokg.timex.resolve` reads them (spaCy also tags "annual", "75th-anniversary" …).

Spans follow the gold annotations (TimeML extents): no leading preposition ("on Thursday" ->
"Thursday", "in December" -> "December"), no possessive ("Thursday's" -> "Thursday"), "the"
kept before a decade ("the late 1940s"); a range "June 24-26" is two expressions, "June 24" and
"26", each with its own day. A weekday or a month without a year is resolved with the tense of
the clause it modifies (see :mod:`natokg.timex`); without a publication date, relative
expressions get ``value=None``.

>>> import spacy
>>> doc = spacy.blank("en")("Colby called on Thursday for a return to the alliance of the late 1940s.")
>>> [(t.span.text, t.value) for t in extract_times(doc, date(2026, 2, 12))]
[('Thursday', '2026-02-12'), ('the late 1940s', '194')]
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from natokg.ingest.model import Span, Timex
from natokg.timex import MONTHS, resolve

if TYPE_CHECKING:  # spaCy is an optional dependency (the nlp extra); only its objects are passed in
    from spacy.tokens import Doc

_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS if m != "may"), key=len, reverse=True)) + "|May"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:day|week|month|year|decade|centur(?:y|ie))s?"

# Alternatives in the order they are tried at one position: longer forms first. Month and
# weekday names must be capitalised ("march out together", "may" the modal verb are not times).
_PATTERNS = [
    ("range", rf"(?P<r_start>(?:{_MONTH})\.?\s{_DAY})\s?[-–]\s?(?P<r_end>\d{{1,2}}(?:,?\s{_YEAR})?)\b"),
    ("mdy", rf"(?:{_MONTH})\.?\s{_DAY}(?:,?\s{_YEAR})?\b(?!\s?[-–]\s?\d)"),
    ("dmy", rf"\b{_DAY}\s(?:{_MONTH})\b(?:,?\s{_YEAR})?"),
    ("my", rf"\b(?:{_MONTH})\.?,?\s(?:of\s)?{_YEAR}\b"),
    ("century", r"(?i:\bthe\s(?:(?:early|mid|late)[-\s])?\d{1,2}(?:st|nd|rd|th)\scentury\b)"),
    ("decade", r"(?i:(?:\bthe\s)?(?:\b(?:early|mid|late)[-\s])?\b\d{3}0s\b)"),
    (
        "vague",
        r"(?i:\bin\s(?:just\s|only\s)?(?:a\sfew|several)\s(?:days|weeks|months)\b|\b(?:a\sfew|several)\s(?:days|weeks|months)\sago\b)",
    ),
    ("ago", rf"(?i:\b{_NUM}\s(?:day|week|month|year)s?\sago\b)"),
    ("relative", r"(?i:\b(?:(?:later|earlier)\s)?(?:last|this|next|coming)\s"),
    ("deictic", r"(?i:\b(?:today|tonight|yesterday|tomorrow|this\s(?:morning|afternoon|evening))\b)"),
    ("ref", r"(?i:\b(?:in\sthe\s(?:past|future|near\sfuture|coming\syears|years\sahead)|in\srecent\syears|at\spresent"),
    (
        "duration",
        rf"(?i:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bin\s))(?i:(?:{_NUM}\s)?{_UNIT})\b(?!\s(?:ago|after|before|later|earlier|old))",
    ),
    (
        "count",
        rf"(?i:\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s{_UNIT})\b(?!\s(?:ago|after|before|later|earlier|old|of))",
    ),
    ("weekday", r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("month", rf"\b(?:{_MONTH.replace('|May', '')})\b"),
    ("month_may", r"(?<=\bin\s)May\b|(?<=\bof\s)May\b|(?<=\bsince\s)May\b|(?<=\buntil\s)May\b"),
    ("year", rf"(?<![\d$€£.,/-])\b{_YEAR}\b(?![\d%]|[.,]\d|\s?(?:percent|per\scent|troops|people|soldiers|km|miles))"),
]
_PATTERNS[8] = ("relative", _PATTERNS[8][1] + r"(?:day|weekend|week|month|year|spring|summer|autumn|fall|winter)\b)")
_PATTERNS[10] = ("ref", _PATTERNS[10][1] + r"|now|right\snow|currently|nowadays|presently|recently|previously|soon)\b)")
_SCANNER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS))

_FUTURE_WORDS = re.compile(
    r"(?i)\b(?:will|shall|'ll|going\sto|scheduled|upcoming|look(?:s|ing)?\sforward|plan(?:s|ned)?\sto)\b"
)
#: a capitalised word (not a month, not a sentence-initial preposition) right before a year: a name
_NAME_BEFORE = re.compile(
    rf"(?<![.!?]\s)(?<!^)\b(?!(?:{_MONTH}|In|By|Since|Until|From|Before|After|Through|Of|For|And|Or)\b)"
    r"(?:[A-Z]{2,}|[A-Z][a-z]+)\s$"
)
_FUTURE_VERBS = {"schedule", "plan", "intend", "expect"}
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[-–—]\s")
_TIME_MODS = {"by": "ON_OR_BEFORE", "before": "BEFORE", "after": "AFTER", "until": "BEFORE", "since": "AFTER"}


def extract_times(doc: Doc, published: date | None) -> list[Timex]:
    """Every temporal expression of ``doc`` as a :class:`Timex`, in text order.

    ``doc`` is a spaCy ``Doc`` of the article (model or blank pipeline; offsets in code points);
    ``published`` is the publication date, the anchor of relative expressions (``None`` when
    unknown: relative expressions then have ``value=None``, absolute ones keep their value).
    Expressions are found by rules, plus spaCy ``DATE``/``TIME`` entities the rules missed.

    >>> import spacy
    >>> doc = spacy.blank("en")("NATO leaders agreed last year; the summit is in July.")
    >>> [(t.span.text, t.value, t.method) for t in extract_times(doc, date(2024, 2, 15))]
    [('last year', '2023', 'rule:year-relative'), ('July', '2024-07', 'rule:month')]
    """
    from natokg.ingest.posts import doc_view

    text = doc_view(doc).text  # Doc.text joins the tokens on each call: the view reads it once per Doc
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []
    for match in _SCANNER.finditer(text):
        kind = match.lastgroup
        if kind == "range":
            pieces = [(match.start("r_start"), match.end("r_start")), (match.start("r_end"), match.end("r_end"))]
            found.extend(_range(doc, text, match, pieces, published))
        elif kind == "year" and _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            pass  # "the NATO 2030 initiative", "Vision 2030": a year in a name is no temporal expression
        elif kind == "vague":
            # "in just a few weeks", "a few days ago": a vague reference (TimeML FUTURE_REF / PAST_REF);
            # the preposition "in" is kept, as in "in the near future".
            value = "PAST_REF" if match.group().lower().endswith("ago") else "FUTURE_REF"
            found.append(Timex(Span.of(text, match.start(), match.end()), value, "DATE", published, "rule:vague"))
        else:
            timex = _timex(doc, text, match.start(), match.end(), published, "rule")
            if timex is not None:
                found.append(timex)
        taken.append(match.span())
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or any(b < ent.end_char and ent.start_char < e for b, e in taken):
            continue
        begin, end = _trim(text, ent.start_char, ent.end_char)
        timex = _timex(doc, text, begin, end, published, "spacy")
        if timex is not None and timex.value is not None:
            found.append(timex)
    return sorted(found, key=lambda t: (t.span.begin, t.span.end))


def _trim(text: str, begin: int, end: int) -> tuple[int, int]:
    """Drop a leading preposition and a trailing possessive, as the TimeML extent rules do."""
    words = re.match(r"(?i)(?:on|in|at|during|since|until|by|from|of|for|over)\s+", text[begin:end])
    if words:
        begin += words.end()
    if text[begin:end].endswith(("'s", "’s")):
        end -= 2
    return begin, end


def _tense(doc: Doc, begin: int, end: int, text: str) -> str | None:
    """The tense of the clause a time at ``begin..end`` modifies: "past", "future" or None (present/unknown).

    With the parse: the verb the time hangs on, its auxiliaries ("will") and morphology, and the
    verbs it is the complement of ("is scheduled to take place", "looks forward to welcoming").
    Without it: a future marker in the clause around the time (between commas, semicolons, dashes).
    """
    span = doc.char_span(begin, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    if not doc.has_annotation("DEP"):
        sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
        clause_begin = max(
            (m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start_char, begin)), default=sentence.start_char
        )
        clause_end = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end, sentence.end_char)), sentence.end_char)
        return "future" if _FUTURE_WORDS.search(text, clause_begin, clause_end) else None
    token = span.root
    for _ in range(8):  # walk up to the verb the time modifies
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    verb = token
    for _ in range(3):  # the verb, then the verbs it complements
        children = list(verb.children)
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "shall", "'ll", "wo") for c in children):
            return "future"
        if verb.lemma_ in _FUTURE_VERBS or (verb.lemma_ == "look" and any(c.lower_ == "forward" for c in children)):
            return "future"
        if verb.dep_ not in ("xcomp", "pcomp", "pobj", "prep") or verb.head is verb:
            break
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head
    children = list(token.children)
    if "Past" in token.morph.get("Tense") or any("Past" in c.morph.get("Tense") for c in children if c.dep_ == "aux"):
        return "past"
    return None


def _generic_present(doc: Doc, begin: int, end: int) -> bool:
    """The time modifies a present-tense relative clause that describes a noun and whose subject is not
    the relative pronoun: "the challenges (that) we face today" (generic), not "ministers who meet today"
    (an event). Needs the parse; False without it."""
    span = doc.char_span(begin, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    verb = span.root.head
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBP", "VBZ"):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(s.lower_ not in ("who", "which", "that") for s in subjects)


def _timex(doc: Doc, text: str, begin: int, end: int, published: date | None, source: str) -> Timex | None:
    begin, end = _trim(text, begin, end)
    if begin >= end:
        return None
    before = text[max(0, begin - 8) : begin].split()
    mod = _TIME_MODS.get(before[-1].lower()) if before else None
    written = text[begin:end]
    tense = _tense(doc, begin, end, text)
    if tense is None and written.lower() == "today" and _generic_present(doc, begin, end):
        tense = "generic"
    resolution = resolve(written, published, tense=tense)
    return Timex(
        span=Span.of(text, begin, end),
        value=resolution.value,
        timex_type=resolution.type,
        anchor=resolution.anchor if resolution.value is not None else None,  # model.Timex: None when unresolved
        method=f"{source}:{resolution.method}",
        mod=resolution.mod or (mod if resolution.type == "DATE" and resolution.value else None),
    )


def _range(
    doc: Doc, text: str, match: re.Match[str], pieces: list[tuple[int, int]], published: date | None
) -> list[Timex]:
    """ "June 24-26": the first day as written, and the last day (month and year from the first)."""
    (b1, e1), (b2, e2) = pieces
    tense = _tense(doc, b1, e2, text)
    resolution = resolve(text[match.start() : match.end()], published, tense=tense)
    method = f"rule:{resolution.method}"
    anchor = resolution.anchor
    return [
        Timex(Span.of(text, b1, e1), resolution.value, "DATE", anchor, method),
        Timex(Span.of(text, b2, e2), resolution.end, "DATE", anchor, method),
    ]
