"""Quotations: the text between balanced quotation marks, its speaker, audience and cue.

:func:`find_quote_spans` reads the marks of news text in one pass: straight ``"…"``, typographic
``“…”`` and the two mixed (``“…"``, ``"…”``: wire copy mixes them), and single quotes ``'…'`` /
``‘…’`` as headlines use them, told apart from apostrophes (``it's``, ``Hegseth’s``, ``allies'``)
by the characters around them. Marks never pair across a paragraph, except for the news
convention of a quotation that runs on into a paragraph that opens with a new mark.

:func:`attribute_quotations` finds the speaker from, in order of trust:

1. a cue right after the closing mark: ``"…," Rutte said`` / ``said Rutte`` / ``he told reporters``;
2. a cue right before the opening mark: ``Rutte said: "…"``, ``As President Biden has noted, "…"``,
   ``according to X, "…"``, ``X: "…"``;
3. with the model's parse, the subject of the verbs the quotation depends on: ``Colby called for
   NATO to be based on "…"``, ``Colby offered reassurance …, declaring that "…"``;
4. a quotation with no cue of its own continues the previous one: in the same paragraph, or at the
   opening of the next paragraph (the corpus README's convention).

The audience is the object of a verb of telling or thanking ("told reporters", "thanked Rutte")
or the object of "to" ("offered reassurance to European allies") on the same verbs. Scare quotes are
not quotations (the gold convention): a quotation of at most three words is kept only when a
speech cue or a person as subject gives it a speaker, and never after "so-called".

>>> text = 'Rutte said allies agreed. "We are ready," he said.'
>>> spans, warnings = find_quote_spans(text)
>>> [s.text for s in spans], warnings
(['We are ready,'], [])
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from natokg.ingest.model import Entity, Mention, Quotation, Span
from natokg.ingest.posts import doc_view

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SPEECH_VERBS = (
    "said|says|say|told|tells|tell|added|adds|continued|continues|noted|notes|stated|states|declared|declares|"
    "explained|explains|asked|asks|replied|replies|insisted|insists|warned|warns|wrote|writes|argued|argues|"
    "remarked|recalled|stressed|stresses|emphasized|emphasised|emphasizes|acknowledged|announced|announces|"
    "urged|urges|cautioned|observed|suggested|concluded|admitted|predicted|promised|vowed|pledged|conceded|"
    "responded|answered|went on|goes on|pointed out|points out|posted|tweeted|wrote"
)
_VERB = re.compile(rf"(?:{_SPEECH_VERBS})\b")
_AFTER_LEAD = re.compile(r"[\s,;—–-]*")
_ADVERBS = re.compile(r"(?:\s+(?:has|have|had|also|then|later|once|again|previously|\w+ly))*\s+")
_BEFORE = re.compile(rf"(?P<verb>\b(?:{_SPEECH_VERBS}))(?P<rest>[^\"“”.!?]{{0,60}}?)\s*[,:]?\s*$")
_ACCORDING = re.compile(r"\baccording to\s+$", re.IGNORECASE)
#: A speech verb right after the closing mark, whoever its subject ("…," he told reporters).
_ANY_AFTER = re.compile(rf"[\s,;—–-]*(?:\w+\s+){{0,3}}?(?:{_SPEECH_VERBS})\b")
_PARTICIPLE = re.compile(
    r"\b(?:declaring|saying|adding|noting|insisting|warning|arguing|stating|telling \w+)(?:\s+that)?\s*$"
)
_TOLD = re.compile(r"\b(?:told|tells|thanked|thanks|assured|reassured|briefed|informed|reminded|urged|warned)\s+")
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)
#: Verbs whose direct object is the audience of what is said.
_AUDIENCE_VERBS = frozenset(
    {"tell", "thank", "assure", "reassure", "brief", "inform", "remind", "ask", "urge", "warn", "address", "promise"}
)
_SCARE_WORDS = 3
#: Short words a title leaves in lower case ("Guidance for Development of Alliances and Partnerships").
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "for", "of", "to", "in", "on", "at", "by", "with"})


def is_quoted_title(quote: str) -> bool:
    """Whether a quoted span is the title of a document, initiative or programme rather than someone's
    words: two or more words, every one capitalised but the short joining words, none a pronoun "I".

    >>> is_quoted_title("Guidance for Development of Alliances and Partnerships,"), is_quoted_title("We Are Ready")
    (True, True)
    >>> is_quoted_title("we are ready,"), is_quoted_title("Partnership"), is_quoted_title("I Will Go")
    (False, False, False)
    """
    words = re.findall(r"[\w’'-]+", quote)
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= 2 and bool(content) and all(w[:1].isupper() for w in content) and "I" not in words


_SECOND_PERSON = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b")


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_quote_spans(text: str) -> tuple[list[Span], list[str]]:
    """Every balanced quotation in ``text`` (the text inside the marks) and one warning per stray mark.

    Linear in the text; never raises. Warnings name the offset of the mark (code points).

    >>> text = "“Now it's time,” he said, calling for \\"partnership”. Colby sees 'strong basis'"
    >>> [s.text for s in find_quote_spans(text)[0]]
    ["Now it's time,", 'partnership', 'strong basis']
    >>> find_quote_spans('He said "yes and left.')[1]
    ['unbalanced quotation mark at offset 8: not closed before the text ends']
    """
    spans: list[Span] = []
    warnings: list[str] = []
    open_double: int | None = None
    open_single: int | None = None
    run_on = re.compile(r"[ \t]*[\"“]")
    n = len(text)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            if open_double is not None:
                if run_on.match(text, i + 1) and text[open_double + 1 : i].strip():
                    end = len(text[:i].rstrip())
                    spans.append(Span.of(text, open_double + 1, end))
                else:
                    warnings.append(
                        f"unbalanced quotation mark at offset {open_double}: not closed before the paragraph ends"
                    )
            if open_single is not None and text[open_single] == "‘":
                warnings.append(
                    f"unbalanced quotation mark at offset {open_single}: not closed before the paragraph ends"
                )
            open_double = open_single = None
        elif ch in '"“”':
            opens = ch == "“" or (ch == '"' and open_double is None)
            if (
                ch == '"'
                and open_double is None
                and not prev.isspace()
                and prev not in "([{—–-"
                and (nxt.isspace() or nxt in ",.;:!?")
            ):
                warnings.append(f"unbalanced quotation mark at offset {i}: a closing mark with no opening one")
                continue
            if opens:
                if open_double is not None:
                    warnings.append(f"unbalanced quotation mark at offset {open_double}: opened again at offset {i}")
                open_double, open_single = i, None
            elif open_double is None:
                warnings.append(f"unbalanced quotation mark at offset {i}: a closing mark with no opening one")
            else:
                if text[open_double + 1 : i].strip():
                    spans.append(Span.of(text, open_double + 1, i))
                open_double = None
        elif ch in "'‘’" and open_double is None:
            if _is_word(prev) and _is_word(nxt):
                continue  # an apostrophe inside a word: it's, Hegseth’s
            if ch in "'‘" and (prev.isspace() or prev in "([{—–-") and not nxt.isspace():
                open_single = i
            elif (
                ch in "'’" and open_single is not None and not prev.isspace() and (nxt.isspace() or nxt in ",.;:!?)—–-")
            ):
                if text[open_single + 1 : i].strip():
                    spans.append(Span.of(text, open_single + 1, i))
                open_single = None
    if open_double is not None:
        warnings.append(f"unbalanced quotation mark at offset {open_double}: not closed before the text ends")
    if open_single is not None and text[open_single] == "‘":
        warnings.append(f"unbalanced quotation mark at offset {open_single}: not closed before the text ends")
    return sorted(spans), warnings


class _Index:
    """Mentions by where they start and end, and by token, for constant-time lookups."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        actors = [m for m in mentions if m.entity.type != "Place"]
        # Prefer a person ("said NATO Secretary General Mark Rutte" is Rutte, not NATO), then the name
        # over the longer title mention and over a pronoun at the same place.
        rank = {"name": 0, "alias": 1, "pronoun": 2, "title": 3}
        self.by_start: dict[int, Mention] = {}
        self.by_end: dict[int, Mention] = {}
        for m in sorted(actors, key=lambda m: (m.entity.type != "Person", rank.get(m.kind, 4), m.span)):
            self.by_start.setdefault(m.span.begin, m)
            self.by_end.setdefault(m.span.end, m)
        self.ends = sorted(self.by_end)
        self.by_token: dict[int, Mention] = {}
        if len(doc):
            starts = doc_view(doc).starts
            for m in sorted(actors, key=lambda m: (-rank.get(m.kind, 4), m.span)):
                first = bisect.bisect_left(starts, m.span.begin)
                last = bisect.bisect_left(starts, m.span.end)
                for i in range(first, last):
                    self.by_token[i] = m


def _after_cue(text: str, start: int, limit: int, index: _Index) -> tuple[Mention, Span] | None:
    """``"…," Rutte said`` or ``"…," said Rutte`` right after the closing mark at ``start - 1``."""
    p = _AFTER_LEAD.match(text, start, limit).end()
    mention = index.by_start.get(p)
    if mention is not None:
        gap = _ADVERBS.match(text, mention.span.end, limit)
        verb = _VERB.match(text, gap.end(), limit) if gap else None
        if verb:
            return mention, Span.of(text, p, verb.end())
        return None
    verb = _VERB.match(text, p, limit)
    if verb:
        space = re.compile(r"\s+").match(text, verb.end(), limit)
        mention = index.by_start.get(space.end()) if space else None
        if mention is not None:
            return mention, Span.of(text, p, mention.span.end)
    return None


def _before_cue(text: str, begin: int, end: int, index: _Index) -> tuple[Mention, Span] | None:
    """``Rutte said: "…"``, ``As X has noted, "…"``, ``according to X, "…"``, ``X: "…"`` before ``end``."""
    before = text[begin:end]
    verb = _BEFORE.search(before)
    if verb is not None:
        for m in _mentions_ending_before(text, begin, begin + verb.start("verb"), index):
            return m, Span.of(text, m.span.begin, begin + verb.end("verb"))
        return None  # "Singh, the press secretary, told reporters:" is for the parse
    ending = re.search(r"\s*[,:]\s*$", before)
    m = index.by_end.get(begin + ending.start()) if ending else None
    if m is None:
        return None
    according = _ACCORDING.search(text, begin, m.span.begin)
    if according is not None:
        return m, Span.of(text, according.start(), m.span.end)
    # "Rutte: …" opens its paragraph or sentence.
    if ending.group().strip() == ":" and not text[begin : m.span.begin].strip(" \t").rstrip(".!?").strip():
        return m, m.span
    return None


def _mentions_ending_before(text: str, begin: int, position: int, index: _Index) -> list[Mention]:
    """The mention that ends right before ``position``, allowing auxiliaries and adverbs between."""
    window = text[begin:position]
    gap = re.search(r"(?:\s+(?:has|have|had|also|then|later|once|again|previously|\w+ly))*\s+$", window)
    if gap is None:
        return []
    m = index.by_end.get(begin + gap.start())
    return [m] if m is not None else []


def _quote_tokens(doc: Doc, starts: list[int], quote: Span) -> list[Token]:
    first = bisect.bisect_left(starts, quote.begin)
    last = bisect.bisect_left(starts, quote.end)
    return [doc[i] for i in range(first, last)]


def _parse_cue(
    doc: Doc, tokens: list[Token], index: _Index, paragraph: tuple[int, int]
) -> tuple[Mention | None, Span | None, list[Token]]:
    """The subject of the verbs a quotation depends on, the cue span, and the verbs climbed."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if not roots:
        return None, None, []
    verbs: list[Token] = []
    node = roots[0].head if roots[0].head.i != roots[0].i else roots[0]
    seen: set[int] = set()
    fallback: tuple[Mention, Span, list[Token]] | None = None
    # Climb to the root; a person as subject wins over an organisation ("NATO to be based on").
    while node.i not in seen and paragraph[0] <= node.idx < paragraph[1]:
        seen.add(node.i)
        if node.i not in inside and node.pos_ in ("VERB", "AUX"):
            verbs.append(node)
            for child in node.children:
                mention = index.by_token.get(child.i)
                if child.dep_ not in ("nsubj", "nsubjpass") or child.i in inside or mention is None:
                    continue
                if not paragraph[0] <= mention.span.begin < paragraph[1]:
                    continue
                begin = min(mention.span.begin, node.idx)
                end = max(mention.span.end, node.idx + len(node.text))
                if mention.entity.type == "Person":
                    return mention, Span.of(doc_view(doc).text, begin, end), verbs
                fallback = fallback or (mention, Span.of(doc_view(doc).text, begin, end), list(verbs))
        if node.head.i == node.i:
            break
        node = node.head
    return fallback if fallback else (None, None, verbs)


def _audience(doc: Doc, verbs: list[Token], index: _Index, speaker: Entity | None) -> Entity | None:
    for verb in verbs:
        for child in verb.children:
            target = None
            if child.dep_ in ("dobj", "dative") and verb.lemma_ in _AUDIENCE_VERBS:
                target = child
            elif child.dep_ == "prep" and child.lower_ == "to":
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            mention = index.by_token.get(target.i) if target is not None else None
            if mention is not None and mention.entity != speaker and mention.entity.type != "Place":
                return mention.entity
    return None


def _cue_verbs(doc: Doc, starts: list[int], cue: Span) -> list[Token]:
    first = bisect.bisect_left(starts, cue.begin)
    last = bisect.bisect_left(starts, cue.end)
    return [doc[i] for i in range(first, last) if doc[i].pos_ in ("VERB", "AUX") or doc[i].lower_ == "told"]


def attribute_quotations(doc: Doc, quote_spans: Sequence[Span], mentions: Sequence[Mention]) -> list[Quotation]:
    """A :class:`Quotation` for each quoted span that is not a scare quote, with speaker, cue, audience.

    ``quote_spans`` come from :func:`find_quote_spans` (the text inside the marks); ``mentions``
    from :func:`natokg.ingest.actors.extract_mentions`, pronouns resolved. Linear in the text.
    """
    text = doc_view(doc).text
    index = _Index(doc, mentions)
    has_parse = doc.has_annotation("DEP")
    starts = doc_view(doc).starts
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    spans = sorted(quote_spans)
    result: list[Quotation] = []
    previous: Quotation | None = None
    previous_paragraph = -1
    paragraph_of: dict[int, int] = {}
    for n, quote in enumerate(spans):
        paragraph = bisect.bisect_left(breaks, quote.begin)
        para_start = breaks[paragraph - 1] + 1 if paragraph else 0
        para_end = breaks[paragraph] if paragraph < len(breaks) else len(text)
        prev_end = spans[n - 1].end + 1 if n and spans[n - 1].end >= para_start else para_start
        next_begin = spans[n + 1].begin - 1 if n + 1 < len(spans) and spans[n + 1].begin < para_end else para_end
        open_mark = max(para_start, quote.begin - 1)
        speaker: Mention | None = None
        cue: Span | None = None
        verbs: list[Token] = []
        if _SO_CALLED.search(text, para_start, open_mark):
            continue  # the so-called "unipolar moment": a term, not a quotation
        found = _after_cue(text, min(quote.end + 1, next_begin), next_begin, index) or _before_cue(
            text, prev_end, open_mark, index
        )
        # A speech verb next to the marks makes a quotation even when its subject is unresolved.
        explicit = bool(
            found
            or _ANY_AFTER.match(text, min(quote.end + 1, next_begin), next_begin)
            or _BEFORE.search(text[prev_end:open_mark])
            or _PARTICIPLE.search(text, prev_end, open_mark)
        )
        if found:
            speaker, cue = found
            if has_parse:
                verbs = _cue_verbs(doc, starts, Span.of(text, cue.begin, min(para_end, cue.end + 40)))
        elif has_parse:
            speaker, cue, verbs = _parse_cue(doc, _quote_tokens(doc, starts, quote), index, (para_start, para_end))
        else:
            speaker = _first_person_before(text, prev_end, open_mark, index)
            cue = speaker.span if speaker else None
        short = len(quote.text.split()) <= _SCARE_WORDS
        if speaker is None and has_parse and not found and not short:
            # The parse gave no subject (a parse error, often): the rule of the no-model mode.
            speaker = _first_person_before(text, prev_end, open_mark, index)
            cue = speaker.span if speaker else cue
        if short and not explicit and (speaker is None or speaker.entity.type != "Person"):
            continue  # a scare quote: a short term with no speech cue and no person saying it
        if not explicit and is_quoted_title(quote.text):
            continue  # the “Guidance for Development of Alliances and Partnerships”: a title, not words said
        confidence = 0.9 if found else 0.8 if speaker else 0.3
        entity = speaker.entity if speaker else None
        if entity is None and not explicit and previous is not None and previous.speaker is not None:
            # No cue of its own: it continues the previous quotation, in this paragraph or the last.
            opens_paragraph = not text[para_start:open_mark].strip()
            if paragraph == previous_paragraph or (opens_paragraph and paragraph == previous_paragraph + 1):
                entity, confidence = previous.speaker, 0.7
        audience = None
        if has_parse and verbs:
            audience = _audience(doc, verbs, index, entity)
        else:
            # Without a parse: "told X", "thanked X" in the cue's sentence, up to just after the quote.
            start = cue.begin if cue is not None else prev_end
            told = _TOLD.search(text, start, min(para_end, quote.end + 40))
            audience_mention = index.by_start.get(told.end()) if told else None
            audience = audience_mention.entity if audience_mention else None
            if audience is not None and entity is not None and audience == entity:
                audience = None
        if audience is None:
            audience = _implied_audience(text, para_start, open_mark, quote, index, entity)
        continues = not explicit and previous is not None and entity == previous.speaker
        if audience is None and continues and previous is not None:
            audience = previous.audience
        quotation = Quotation(quote=quote, speaker=entity, cue=cue, audience=audience, confidence=confidence)
        result.append(quotation)
        previous, previous_paragraph = quotation, paragraph
        paragraph_of[len(result) - 1] = paragraph
    return _share_audience(result, paragraph_of)


def _implied_audience(
    text: str, para_start: int, open_mark: int, quote: Span, index: _Index, speaker: Entity | None
) -> Entity | None:
    """The audience that a quotation's paragraph or words imply when its cue names none: the object of
    "told"/"thanked" earlier in the paragraph ("Austin told Stoltenberg. "…," he said"), else, when the
    quotation addresses someone as "you", the last person named before it who is not the speaker."""
    for told in _TOLD.finditer(text, para_start, open_mark):
        mention = index.by_start.get(told.end())
        if mention is not None and mention.entity != speaker and mention.entity.type != "Place":
            return mention.entity
    if not _SECOND_PERSON.search(quote.text):
        return None
    for n in range(bisect.bisect_right(index.ends, open_mark) - 1, -1, -1):
        mention = index.by_end[index.ends[n]]
        if mention.entity.type == "Person" and mention.entity != speaker:
            return mention.entity
    return None


def _share_audience(quotations: list[Quotation], paragraph_of: dict[int, int]) -> list[Quotation]:
    """Quotations of one speaker in one paragraph share an audience: the one that one of them states
    or implies ("We saw each other …," Biden said. "You said it …")."""
    result = list(quotations)
    for n, q in enumerate(result):
        if q.audience is not None or q.speaker is None:
            continue
        same = (
            o
            for m, o in enumerate(result)
            if m != n and paragraph_of.get(m) == paragraph_of.get(n) and o.speaker == q.speaker and o.audience
        )
        audience = next(same, None)
        if audience is not None:
            result[n] = dataclasses.replace(q, audience=audience.audience)
    return result


def _first_person_before(text: str, begin: int, end: int, index: _Index) -> Mention | None:
    """Without a parse: the first person named in the quotation's sentence before its opening mark."""
    sentence_start = max(text.rfind(". ", begin, end) + 2, begin) if text.rfind(". ", begin, end) >= 0 else begin
    for position in range(sentence_start, end):
        m = index.by_start.get(position)
        if m is not None and m.entity.type == "Person":
            return m
    return None
