"""The roles of an event (:mod:`natokg.ingest.events`): the phrase that cites it, its agent, whether
the text locates it, and one event per happening.

The phrase (evidence) is the clause of a verb trigger, cut at a clause break, or the noun phrase of
an event noun; the agent is the subject (through coordination and "of"/possessive phrases of an
event noun), else the last actor named before the trigger; a meeting or summit noun is an event
only where the text locates it (a place after "in"/"at", a time, or who meets). Repeated mentions
of one event (a noun again, a headline that the body repeats, coordinated triggers) are merged.
Spans are code-point offsets.

>>> from natokg.ingest.model import Span
>>> in_headline("Allies Meet\\nThe allies met on Monday.", Span.of("Allies Meet\\nThe allies met.", 0, 11))
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from natokg.ingest.event_rules import (
    CLAUSE_BREAK,
    EXCLUDED_DEPS,
    LIGHT_VERBS,
    NAMES_PARTICIPANTS,
)
from natokg.ingest.model import Entity, EventMention, Mention, Span, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def evidence_span(token: Token, parsed: bool, text: str) -> tuple[int, int]:
    """The phrase the event cites: the trigger's clause (parse) or the clause around it (blank)."""
    doc = token.doc
    if parsed and is_noun(token, parsed):
        left, right = token.left_edge, token.right_edge
        if token.dep_ == "poss":
            right = token
        return _trim(text, left.idx, right.idx + len(right.text), token.idx)
    if parsed:
        head = token.head if token.dep_ in ("aux", "auxpass") else token
        parts = [head] + [c for c in head.children if c.dep_ not in EXCLUDED_DEPS]
        left = min(p.left_edge.i if p is not head else p.i for p in parts)
        right = max(p.right_edge.i if p is not head else p.i for p in parts)
        return _trim(text, doc[left].idx, doc[right].idx + len(doc[right].text), token.idx)
    sentence: SpacySpan = token.sent if doc.has_annotation("SENT_START") else doc[:]
    start = sentence.start_char
    clause = text[start : sentence.end_char]
    at = token.idx - start
    breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(clause)]
    begin = max((e for s, e in breaks if e <= at), default=0)
    end = min((s for s, e in breaks if s >= at + len(token.text)), default=len(clause))
    return _trim(text, start + begin, start + end, token.idx)


def _trim(text: str, begin: int, end: int, anchor: int | None = None) -> tuple[int, int]:
    """Strip spaces and edge punctuation; keep to the line of ``anchor`` (titles and datelines are lines)."""
    if anchor is not None:
        begin = max(begin, text.rfind("\n", 0, anchor) + 1)
        newline = text.find("\n", anchor)
        end = min(end, newline) if newline != -1 else end
    while begin < end and (text[begin].isspace() or text[begin] in ",;:.-–—"):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in ",;:.-–—"):
        end -= 1
    return begin, end


def located(
    token: Token, text: str, span: tuple[int, int], mentions: Sequence[Mention], times: Sequence[Timex], parsed: bool
) -> bool:
    """An event noun is an event when its phrase places it, dates it, or names who takes part."""
    begin, end = span
    if token.lower_ in NAMES_PARTICIPANTS:
        return True  # "a two-day ministerial": the word itself says who meets (ministers)
    if not parsed:  # the blank pipeline's phrase is the whole clause: look near the noun only
        doc = token.doc
        begin, end = doc[max(0, token.i - 3)].idx, doc[min(len(doc) - 1, token.i + 6)].idx
    if any(begin <= t.span.begin and t.span.end <= end and t.timex_type != "DURATION" for t in times):
        return True
    if token.ent_type_ == "EVENT" or token.pos_ == "PROPN" or (not token.pos_ and token.is_title):
        return True  # a named event: "the Vilnius Summit", "the NATO Defense Ministerial Meeting"
    if parsed:
        children = list(token.children)
        if token.dep_ in ("dobj", "obj") and token.head.lemma_ in LIGHT_VERBS:
            children += list(token.head.children)  # "held a meeting in Brussels": the place hangs on the verb
        if token.dep_ in ("dobj", "obj") and token.head.lemma_ == "attend":
            subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            if any(c.lower_ not in ("it", "that", "this", "which") for c in subjects):
                return True  # "the secretary attended the meeting": its subject names who takes part
        for child in children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "of", "with", "between", "among"):
                return True
        return any(c.ent_type_ in ("GPE", "LOC", "FAC") for c in token.children if c.dep_ in ("compound", "amod"))
    phrase = text[token.idx : end]
    return bool(re.match(r"\S+\s+(?:in|at|of|with|between|among)\s", phrase)) or any(
        m.entity.type == "Place" and begin <= m.span.begin < token.idx for m in mentions
    )


def agent_of(
    token: Token, inside: list[Mention], mentions: Sequence[Mention], parsed: bool, begin: int
) -> Entity | None:
    if parsed:
        for subject in _subjects(token):
            found = _mention_in(subject, mentions)
            if found is not None:
                return found
        return None
    # without a parse: the first actor named before the trigger in its clause (English is subject-first)
    before = [m for m in inside if m.span.end <= token.idx and m.entity.type != "Place"]
    return before[0].entity if before else None


def _subjects(token: Token) -> Iterable[Token]:
    """The tokens whose phrase names the agent: subject, possessor, "of"/"by" phrase, compound."""
    head = token.head if token.dep_ in ("aux", "auxpass") else token
    for _ in range(4):  # "went on to say", "agreeing to spend": the subject of a governing verb
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "poss"):
                yield (
                    child.head.head
                    if child.lower_ in ("who", "which", "that") and child.head.dep_ == "relcl"
                    else child
                )
            if child.dep_ == "agent" or (
                child.dep_ == "prep" and child.lower_ == "of" and head.pos_ in ("NOUN", "PROPN")
            ):
                yield from (g for g in child.children if g.dep_ == "pobj")
        if head.pos_ in ("NOUN", "PROPN"):
            yield from (c for c in head.children if c.dep_ == "compound")
            return
        if head.dep_ not in ("xcomp", "conj", "advcl", "pcomp") or head.head is head:
            return
        head = head.head if head.dep_ != "pcomp" else head.head.head


def _mention_in(token: Token, mentions: Sequence[Mention]) -> Entity | None:
    begin, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    inside = [m for m in mentions if begin <= m.span.begin and m.span.end <= end]
    own = [m for m in inside if m.span.begin <= token.idx < m.span.end]
    chosen = own or inside
    return chosen[0].entity if chosen else None


#: the prepositions that place an event of a kind ("met in Oslo", "arrived at the base"): "to" only a
#: movement's goal ("travelled to Brussels"), "from" only a departure's source; "deliveries from the
#: United States" says where the deliveries come from, not where the demand was made
PLACE_PREPOSITIONS = {"in", "at"}
MOVEMENT_PREPOSITIONS = {"Arrival": {"to"}, "Departure": {"from"}}


def place_of(kind: str, inside: Sequence[Mention], text: str, doc: Doc | None, places: Iterable[str]) -> Entity | None:
    """Where an event of ``kind`` happened: the first place or state of its phrase (``inside``) after a
    preposition that places the event itself (:data:`PLACE_PREPOSITIONS`, and those of
    :data:`MOVEMENT_PREPOSITIONS` for its kind). With a parse (``doc``), a phrase that qualifies a noun
    inside another prepositional phrase ("deliveries of systems in Europe") places that noun, not the
    event.

    >>> from natokg.ingest.model import Entity, Mention, Span
    >>> text = "She demanded deliveries from Oslo."
    >>> oslo = Mention(Span.of(text, 29, 33), Entity("nkr:oslo", "Oslo", "Place", False))
    >>> place_of("Demand", [oslo], text, None, ["Place"]), place_of("Departure", [oslo], text, None, ["Place"]).label
    (None, 'Oslo')
    """
    allowed = PLACE_PREPOSITIONS | MOVEMENT_PREPOSITIONS.get(kind, set())
    kinds = set(places)
    for mention in inside:
        if mention.entity.type not in kinds:
            continue
        before = re.search(
            r"(?i)\b(in|at|to|from)\s+(?:the\s+)?$", text[max(0, mention.span.begin - 10) : mention.span.begin]
        )
        if before is None or before.group(1).lower() not in allowed:
            continue
        if doc is not None and _nested(doc, mention.span):
            continue
        return mention.entity
    return None


#: kinds of event addressed to someone: the addressee is the verb's object
ADDRESSED_KINDS = frozenset({"Appeal", "Demand", "Thanks"})


def addressees_of(token: Token, inside: Sequence[Mention], text: str, parsed: bool) -> list[Entity]:
    """Who an appeal, demand or thanks (trigger ``token``) is addressed to: the actors its object names
    ("urged Hungary", "called on allies", "thanked him"), with the object's conjuncts, and not the nouns of
    the complement ("… to support the accession of Sweden"). Without a parse, the actors right after the
    trigger (and its "on"/"upon"), joined by "and".

    >>> import spacy
    >>> from natokg.ingest.model import Entity, Mention, Span
    >>> text = "Austin urged Hungary to support Sweden."
    >>> doc = spacy.blank("en")(text)
    >>> hu, se = (Entity(f"nkr:{n}", n, "State", False) for n in ("Hungary", "Sweden"))
    >>> inside = [Mention(Span.of(text, 13, 20), hu), Mention(Span.of(text, 32, 38), se)]
    >>> [e.label for e in addressees_of(doc[1], inside, text, False)]
    ['Hungary']
    """
    actors = [m for m in inside if m.entity.type in ("Person", "Organization", "State", "CollectiveActor")]
    if parsed:
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj", "dative")]
        objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for g in c.children]
        objects = [o for obj in objects for o in (obj, *obj.conjuncts)]
        found = [m.entity for o in objects for m in actors if m.span.begin <= o.idx < m.span.end and m.kind != "title"]
        return unique_entities(found)
    end = token.idx + len(token.text)
    found = []
    for m in sorted(actors, key=lambda m: m.span):
        if m.span.begin < end:
            continue
        if not re.fullmatch(
            r"(?i)\s*(?:(?:on|upon)\s+|,?\s*and\s+)?(?:the\s+|its\s+|their\s+|our\s+)?", text[end : m.span.begin]
        ):
            break
        found.append(m.entity)
        end = m.span.end
    return unique_entities(found)


def replaced_of(token: Token, inside: Sequence[Mention], parsed: bool) -> Entity | None:
    """The person a representative stands in for: the object of "replacing" (parse), else the first
    person named after it.

    >>> import spacy
    >>> from natokg.ingest.model import Entity, Mention, Span
    >>> text = "Carney came, replacing Bill Blair."
    >>> blair = Mention(Span.of(text, 23, 33), Entity("nkr:bill-blair", "Bill Blair", "Person", False))
    >>> replaced_of(spacy.blank("en")(text)[3], [blair], False).label
    'Bill Blair'
    """
    people = [m for m in inside if m.entity.type == "Person" and m.span.begin > token.idx and m.kind != "pronoun"]
    if parsed:
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        people = [m for m in people for o in objects if m.span.begin <= o.idx < m.span.end]
    return people[0].entity if people else None


def _nested(doc: Doc, span: Span) -> bool:
    """The prepositional phrase of ``span`` hangs on a noun that is itself inside a prepositional
    phrase ("systems" in "deliveries of systems in Europe")."""
    tokens = doc.char_span(span.begin, span.end, alignment_mode="expand")
    if tokens is None or not doc.has_annotation("DEP"):
        return False
    prep = tokens.root.head
    if prep.dep_ == "prep" and prep.head.dep_ == "relcl":
        return True  # "replacing Bill Blair, who stayed in Ottawa": where Blair stayed
    if prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return prep.head.dep_ == "pobj"


def _coordinated(doc: Doc, text: str, first: Span, second: Span) -> bool:
    """The second trigger conjoined to the first (parse), or after a comma in the same sentence (blank)."""
    a = doc.char_span(first.begin, first.end, alignment_mode="expand")
    b = doc.char_span(second.begin, second.end, alignment_mode="expand")
    if a is None or b is None or (doc.has_annotation("SENT_START") and a[0].sent != b[0].sent):
        return False
    if doc.has_annotation("DEP") and b[0].dep_ == "conj" and b[0].head.i == a[0].i:
        return True
    return bool(re.fullmatch(r"[^.;:]{0,120},\s*(?:and\s+)?", text[first.end : second.begin]))


def same_referent(earlier: EventMention, later: EventMention, text: str) -> bool:
    """A later event noun of the same kind and head word refers back to the earlier one ("Russia's
    invasion of Ukraine" … "the invasion") unless an argument tells them apart: another agent, place
    or time value, or another name before the noun ("the Vilnius Summit", "the Washington Summit")."""
    if earlier.kind != later.kind or earlier.trigger.text.lower().rstrip("s") != later.trigger.text.lower().rstrip("s"):
        return False
    for a, b in ((earlier.agent, later.agent), (earlier.place, later.place)):
        if a is not None and b is not None and a.iri != b.iri:
            return False
    if earlier.time is not None and later.time is not None and earlier.time.value != later.time.value:
        return False
    first, second = _name_before(earlier, text), _name_before(later, text)
    return first.endswith(second) or second.endswith(first)


def in_headline(text: str, span: Span) -> bool:
    """The span lies on the first line and that line is a headline (it has no closing stop)."""
    end = text.find("\n")
    return end != -1 and span.end <= end and not text[:end].rstrip().endswith((".", "!", "?", '"', "”"))


def _name_before(event: EventMention, text: str) -> str:
    """The capitalised words just before the trigger, in its phrase: the event's name, if any."""
    words = text[event.evidence.begin : event.trigger.begin].split()
    name = []
    for word in reversed(words):
        if not word[:1].isupper() or word.lower() in ("the", "a", "an", "this"):
            break
        name.append(word.lower())
        if word.endswith(("'s", "’s")):
            break  # a possessor ends the name: "Mark's statements", "Thursday's meeting"
    return " ".join(reversed(name))


def unique_entities(entities: Iterable[Entity]) -> list[Entity]:
    seen: dict[object, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.iri, entity)
    return list(seen.values())


def dedupe(events: list[EventMention], doc: Doc, text: str) -> list[EventMention]:
    """One event per trigger; a verb repeated in a coordination ("thank you for X, and thank you for
    Y", "calling for A, calling for B") is one event whose phrase covers both."""
    kept: list[EventMention] = []
    for event in sorted(events, key=lambda e: (e.evidence.begin, -e.evidence.end)):
        if any(k.trigger == event.trigger for k in kept):
            continue
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.kind == event.kind
            and previous.trigger.text.lower() == event.trigger.text.lower()
            and "\n" not in text[previous.evidence.end : event.evidence.begin]
            and _coordinated(doc, text, previous.trigger, event.trigger)
        ):
            evidence = Span.of(text, previous.evidence.begin, max(previous.evidence.end, event.evidence.end))
            participants = tuple(unique_entities([*previous.participants, *event.participants]))
            addressees = tuple(unique_entities([*previous.addressees, *event.addressees]))
            kept[-1] = replace(previous, evidence=evidence, participants=participants, addressees=addressees)
            continue
        kept.append(event)
    kept = [e for e in kept if not (in_headline(text, e.evidence) and _reported_below(e, kept, text))]
    return sorted(kept, key=lambda e: (e.trigger.begin, e.trigger.end))


def _reported_below(headline: EventMention, events: list[EventMention], text: str) -> bool:
    """A headline's event that the body reports again: an event of the same kind below the headline
    with the same actors ("Blinken's Meeting with Rutte" … "Blinken met today with Rutte")."""
    actors = {e.iri for e in (headline.agent, *headline.participants) if e is not None}
    for event in events:
        if event is headline or event.kind != headline.kind or in_headline(text, event.evidence):
            continue
        if actors and actors <= {e.iri for e in (event.agent, *event.participants) if e is not None}:
            return True
    return False


def is_noun(token: Token, parsed: bool) -> bool:
    if token.pos_:
        return token.pos_ in ("NOUN", "PROPN")
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    determiners = ("a", "an", "the", "'s", "’s", "its", "their", "his", "her", "this", "that", "by")
    return previous in determiners or token.is_title
