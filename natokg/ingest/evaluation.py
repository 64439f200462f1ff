"""Scores of an :class:`~natokg.ingest.model.Extraction` against gold annotations.

The gold format is that of ``shared/corpus/gold/<id>.gold.json`` (see the corpus README): what a
careful annotator read in a text, every *exact* string a substring of it. Items are matched the way
the corpus README suggests:

* a quotation by its exact text; its speaker and audience count as right only on a matched item;
* a post by holder + title as written (the title compared case-insensitively);
* a time by the position of its ``as_written`` text (the k-th gold item with a given text is the
  k-th occurrence of that text; a found expression matches when its span overlaps it), its value
  right only on a matched item;
* an actor mention by the pair (entity, surface text), pronouns included;
* an event by an overlapping evidence span and the same kind, its CAMEO code right only on a
  matched event (no code on both sides counts as right).

Entity names are compared through :func:`normalise_name` (case, dots, "the", British and American
spelling), so gold's "NATO defense ministers" is natokg's "NATO defence ministers"; the known
entities' alternative labels count as their names too.

>>> s = Score(tp=9, fp=1, fn=0)
>>> (s.precision, s.recall, round(s.f1, 3))
(0.9, 1.0, 0.947)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natokg.ingest.model import Entity, Extraction, Span

#: Event kinds that the gold writes in two ways.
_KIND_ALIASES = {"pledge/commitment": "commitment", "pledge": "commitment"}


@dataclass(frozen=True)
class Score:
    """Counts of one component: true positives, false positives, false negatives.

    ``correct``/``judged`` count an attribute (speaker, value, code) right on matched items.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    judged: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        """Share of matched items whose attribute is right (1.0 when nothing was judged)."""
        return self.correct / self.judged if self.judged else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self._counts(), other._counts(), strict=True)))

    def _counts(self) -> tuple[int, int, int, int, int]:
        return (self.tp, self.fp, self.fn, self.correct, self.judged)


@dataclass
class ArticleScores:
    """The scores of one article, one :class:`Score` per component (see :data:`COMPONENTS`)."""

    article: str
    scores: dict[str, Score] = field(default_factory=dict)
    #: spans whose text differs from the article at their offsets (must be none)
    bad_spans: list[str] = field(default_factory=list)
    #: what went wrong, item by item, for whoever tunes the extractors
    misses: list[str] = field(default_factory=list)


#: component -> what its attribute accuracy means
COMPONENTS = {
    "quotations": "speaker",
    "audience": "audience",
    "posts": "",
    "times": "value",
    "mentions": "",
    "events": "CAMEO code",
}


def normalise_name(name: str) -> str:
    """The form under which two names of an entity compare equal.

    >>> normalise_name("the U.S. Department of Defense") == normalise_name("US Department of Defence")
    True
    >>> normalise_name("NATO’s allies")
    "nato's allies"
    """
    text = name.replace("’", "'").replace("‘", "'").lower()
    text = text.replace(".", "")
    text = re.sub(r"\bdefence\b", "defense", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text)


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read one ``<id>.gold.json`` file."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class NameIndex:
    """Maps gold entity names and extracted entities to one comparable key.

    ``aliases`` maps an entity IRI (as a string) to every name it is known by (label, alternative
    labels); two names meet when they normalise alike or belong to the same known entity.
    """

    def __init__(self, aliases: Mapping[str, Iterable[str]] | None = None) -> None:
        self._key_of_name: dict[str, str] = {}
        self._iris = set(aliases or {})
        for iri, names in (aliases or {}).items():
            for name in names:
                self._key_of_name.setdefault(normalise_name(name), iri)

    def key(self, name: str | None) -> str | None:
        if name is None:
            return None
        norm = normalise_name(name)
        return self._key_of_name.get(norm, norm)

    def entity_key(self, entity: Entity | None) -> str | None:
        if entity is None:
            return None
        # A name the gazetteer lists keeps its IRI even where the article mints it as new.
        return str(entity.iri) if entity.known or str(entity.iri) in self._iris else self.key(entity.label)


def occurrences(text: str, needle: str) -> list[Span]:
    """Every (possibly overlapping) occurrence of ``needle`` in ``text``, as spans.

    >>> [s.begin for s in occurrences("today and today", "today")]
    [0, 10]
    """
    spans, start = [], text.find(needle)
    while needle and start >= 0:
        spans.append(Span(start, start + len(needle), needle))
        start = text.find(needle, start + 1)
    return spans


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.begin, b.begin))


def _match_spans(gold: list[tuple[Span, Any]], found: list[tuple[Span, Any]]) -> list[tuple[int, int]]:
    """One-to-one matching of gold and found items by span overlap, largest overlap first."""
    pairs = sorted(
        ((_overlap(g, f), gi, fi) for gi, (g, _) in enumerate(gold) for fi, (f, _) in enumerate(found)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    matches = []
    for size, gi, fi in pairs:
        if size <= 0:
            break
        if gi not in used_g and fi not in used_f:
            used_g.add(gi)
            used_f.add(fi)
            matches.append((gi, fi))
    return matches


def _positioned(text: str, items: list[dict[str, Any]], key: str) -> list[tuple[Span, dict[str, Any]]]:
    """Gold items located in the text: the k-th item with a given string at its k-th occurrence, not
    counting occurrences inside an item located before ("2020" after "Oct. 22, 2020").

    >>> items = [{"t": "Oct. 22, 2020"}, {"t": "2020"}]
    >>> [s.begin for s, _ in _positioned("Oct. 22, 2020. In 2020 it rose.", items, "t")]
    [0, 18]
    """
    seen: dict[str, int] = defaultdict(int)
    located: list[tuple[Span, dict[str, Any]]] = []
    for item in items:
        needle = item[key]
        places = occurrences(text, needle)
        places = [p for p in places if not any(_overlap(p, s) for s, _ in located)] or places
        k = seen[needle]
        seen[needle] += 1
        if places:
            located.append((places[min(k, len(places) - 1)], item))
    return located


def score_article(extraction: Extraction, gold: Mapping[str, Any], names: NameIndex | None = None) -> ArticleScores:
    """Score one extraction against its gold annotations.

    ``names`` resolves entity names (see :class:`NameIndex`); without it names compare by
    :func:`normalise_name` alone.
    """
    names = names or NameIndex()
    text = extraction.text
    result = ArticleScores(article=str(gold.get("id", extraction.metadata.slug)))
    result.bad_spans = [
        f"{s.begin}..{s.end} {s.text!r}" for s in _all_spans(extraction) if text[s.begin : s.end] != s.text
    ]
    result.scores["quotations"], result.scores["audience"] = _score_quotations(extraction, gold, names, result.misses)
    result.scores["posts"] = _score_posts(extraction, gold, names, result.misses)
    result.scores["times"] = _score_times(extraction, gold, result.misses)
    result.scores["mentions"] = _score_mentions(extraction, gold, names, result.misses)
    result.scores["events"] = _score_events(extraction, gold, result.misses)
    return result


def _all_spans(extraction: Extraction) -> Iterable[Span]:
    yield from extraction.sentences
    yield from extraction.quote_spans
    for m in extraction.mentions:
        yield m.span
    for p in extraction.posts:
        yield from (p.title, p.evidence)
    for q in extraction.quotations:
        yield q.quote
        if q.cue is not None:
            yield q.cue
    for t in extraction.times:
        yield t.span
    for e in extraction.events:
        yield from (e.trigger, e.evidence)


def _score_quotations(
    extraction: Extraction, gold: Mapping[str, Any], names: NameIndex, misses: list[str]
) -> tuple[Score, Score]:
    found = {q.quote.text: q for q in extraction.quotations}
    wanted = {q["text"]: q for q in gold.get("quotations", [])}
    tp = len(found.keys() & wanted.keys())
    speaker_ok = audience_ok = audience_judged = 0
    for quote_text in sorted(found.keys() & wanted.keys()):
        q, g = found[quote_text], wanted[quote_text]
        if names.entity_key(q.speaker) == names.key(g["speaker"]):
            speaker_ok += 1
        else:
            misses.append(f"speaker of {quote_text[:40]!r}: {q.speaker and q.speaker.label} (gold {g['speaker']})")
        if g.get("audience") or q.audience is not None:
            audience_judged += 1
            if names.entity_key(q.audience) == names.key(g.get("audience")):
                audience_ok += 1
            else:
                misses.append(
                    f"audience of {quote_text[:40]!r}: {q.audience and q.audience.label} (gold {g.get('audience')})"
                )
    misses.extend(f"quotation not found: {t[:60]!r}" for t in sorted(wanted.keys() - found.keys()))
    misses.extend(f"quotation not in gold: {t[:60]!r}" for t in sorted(found.keys() - wanted.keys()))
    quotations = Score(tp, len(found) - tp, len(wanted) - tp, speaker_ok, tp)
    audience = Score(correct=audience_ok, judged=audience_judged)
    return quotations, audience


def _score_posts(extraction: Extraction, gold: Mapping[str, Any], names: NameIndex, misses: list[str]) -> Score:
    found = {(names.entity_key(p.holder), p.title.text.lower()) for p in extraction.posts}
    wanted = {(names.key(p["holder"]), p["title_as_written"].lower()) for p in gold.get("posts", [])}
    tp = len(found & wanted)
    misses.extend(f"post not found: {h} / {t!r}" for h, t in sorted(wanted - found, key=str))
    misses.extend(f"post not in gold: {h} / {t!r}" for h, t in sorted(found - wanted, key=str))
    return Score(tp, len(found) - tp, len(wanted) - tp)


def _score_times(extraction: Extraction, gold: Mapping[str, Any], misses: list[str]) -> Score:
    gold_times = _positioned(extraction.text, gold.get("times", []), "as_written")
    found = [(t.span, t) for t in extraction.times]
    matches = _match_spans(gold_times, found)
    return _judge(
        gold_times,
        found,
        matches,
        misses,
        attribute=lambda g, f: (g["value"], f.value),
        gold_name=lambda g: f"time {g['as_written']!r}",
        found_name=lambda s, f: f"time {s.text!r}",
    )


def _judge(
    gold: list[tuple[Span, dict[str, Any]]],
    found: list[tuple[Span, Any]],
    matches: list[tuple[int, int]],
    misses: list[str],
    *,
    attribute: Any,
    gold_name: Any,
    found_name: Any,
) -> Score:
    """The score of span-matched items, an attribute (value, code) judged on each matched pair."""
    right = 0
    for gi, fi in matches:
        want, got = attribute(gold[gi][1], found[fi][1])
        if want == got:
            right += 1
        else:
            misses.append(f"{found_name(*found[fi])}: {got} (gold {want})")
    matched_g = {gi for gi, _ in matches}
    matched_f = {fi for _, fi in matches}
    misses.extend(f"not found: {gold_name(g)}" for i, (_, g) in enumerate(gold) if i not in matched_g)
    misses.extend(f"not in gold: {found_name(*f)}" for i, f in enumerate(found) if i not in matched_f)
    return Score(len(matches), len(found) - len(matches), len(gold) - len(matches), right, len(matches))


def _score_mentions(extraction: Extraction, gold: Mapping[str, Any], names: NameIndex, misses: list[str]) -> Score:
    found = {(names.entity_key(m.entity), m.span.text) for m in extraction.mentions}
    wanted = {(names.key(e["name"]), mention) for e in gold.get("entities", []) for mention in e.get("mentions", [])}
    tp = len(found & wanted)
    misses.extend(f"mention not found: {t!r} -> {k}" for k, t in sorted(wanted - found, key=str))
    misses.extend(f"mention not in gold: {t!r} -> {k}" for k, t in sorted(found - wanted, key=str))
    return Score(tp, len(found) - tp, len(wanted) - tp)


def _kind(kind: str) -> str:
    low = kind.lower()
    return _KIND_ALIASES.get(low, low)


def _score_events(extraction: Extraction, gold: Mapping[str, Any], misses: list[str]) -> Score:
    gold_events = _positioned(extraction.text, gold.get("events", []), "evidence")
    found = [(e.evidence, e) for e in extraction.events]
    # Match within each kind, so that a sentence that reports two events of different kinds
    # (an absence and a meeting) matches both.
    matches: list[tuple[int, int]] = []
    for kind in {_kind(g["kind"]) for _, g in gold_events} | {_kind(e.kind) for _, e in found}:
        g_idx = [i for i, (_, g) in enumerate(gold_events) if _kind(g["kind"]) == kind]
        f_idx = [i for i, (_, e) in enumerate(found) if _kind(e.kind) == kind]
        local = _match_spans([gold_events[i] for i in g_idx], [found[i] for i in f_idx])
        matches.extend((g_idx[gi], f_idx[fi]) for gi, fi in local)
    return _judge(
        gold_events,
        found,
        matches,
        misses,
        attribute=lambda g, e: (g.get("cameo"), e.cameo),
        gold_name=lambda g: f"event {g['kind']} {g['evidence'][:60]!r}",
        found_name=lambda s, e: f"event {e.kind} {s.text[:60]!r}",
    )


def total(results: Iterable[ArticleScores]) -> dict[str, Score]:
    """The scores of several articles added up, component by component (micro-averaged)."""
    sums: dict[str, Score] = {name: Score() for name in COMPONENTS}
    for result in results:
        for name, score in result.scores.items():
            sums[name] = sums[name] + score
    return sums


#: The issue's targets: (component, measure) -> the least value that passes.
TARGETS = {
    ("quotations", "precision"): 0.95,
    ("quotations", "recall"): 0.95,
    ("quotations", "accuracy"): 0.95,
    ("posts", "f1"): 0.90,
    ("times", "recall"): 0.95,
    ("times", "accuracy"): 0.90,
    ("mentions", "f1"): 0.90,
    ("events", "f1"): 0.70,
    ("events", "accuracy"): 0.70,
}


def table(rows: Mapping[str, Mapping[str, Score]]) -> str:
    """A Markdown table: one row per (article, component), precision, recall, F1, attribute accuracy.

    >>> print(table({"a": {"posts": Score(tp=1, fn=1)}}).splitlines()[2])
    | a | posts | 1 | 0 | 1 | 1.00 | 0.50 | 0.67 |  |
    """
    lines = [
        "| article | component | tp | fp | fn | precision | recall | F1 | attribute right |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for article, scores in rows.items():
        for name, s in scores.items():
            attribute = f"{COMPONENTS[name]} {s.correct}/{s.judged} = {s.accuracy:.2f}" if s.judged else ""
            if name == "audience":
                lines.append(f"| {article} | {name} | | | | | | | {attribute} |")
                continue
            lines.append(
                f"| {article} | {name} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} "
                f"| {attribute} |"
            )
    return "\n".join(lines)


def compact_table(rows: Mapping[str, Mapping[str, Score]]) -> str:
    """A Markdown table with one row per article: each target's measure, in the issue's order.

    >>> print(compact_table({"a": {"posts": Score(tp=9, fn=1)}}).splitlines()[2])
    | a |  |  |  | 0.95 |  |  |  |  |  |
    """
    columns = [
        ("quotations", "precision", "quotation P"),
        ("quotations", "recall", "quotation R"),
        ("quotations", "accuracy", "speaker right"),
        ("posts", "f1", "posts F1"),
        ("times", "recall", "times found"),
        ("times", "accuracy", "time value right"),
        ("mentions", "f1", "mentions F1"),
        ("events", "f1", "events F1"),
        ("events", "accuracy", "CAMEO right"),
    ]
    lines = ["| article | " + " | ".join(title for _, _, title in columns) + " |", "|---|" + "---:|" * len(columns)]
    for article, scores in rows.items():
        cells = [f"{getattr(scores[name], measure):.2f}" if name in scores else "" for name, measure, _ in columns]
        lines.append(f"| {article} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check_targets(scores: Mapping[str, Score]) -> list[str]:
    """The targets that ``scores`` (usually the total) miss, one line each; empty when all are met.

    >>> check_targets({"posts": Score(tp=1, fp=1, fn=1)})
    ['posts f1 0.50 < 0.90']
    """
    failed = []
    for (name, measure), least in TARGETS.items():
        if name not in scores:
            continue
        value = getattr(scores[name], measure)
        if value < least:
            failed.append(f"{name} {measure} {value:.2f} < {least:.2f}")
    return failed
