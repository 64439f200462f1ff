"""Descriptions of actors that are no names: "this alliance", "every NATO member nation", "foreign
aggressors", "our leaders" — step 4 of :mod:`natokg.ingest.actors`, which calls them.

* a demonstrative or "our" before the head of a known definite description ("the alliance") is
  that entity ("our proud alliance");
* with the model, the members of a known organisation ("every country in NATO" -> NATO allies),
  plural noun phrases with a qualifier headed by a group noun ("foreign aggressors") as collective
  actors (known, else new), and a bare group plural ("leaders", "our leaders") as the group of the
  organisation the article names most, when the gazetteer knows that group ("NATO leaders").

Spans are code-point offsets; ``taken`` (the spans already mentioned) grows with what is found.

>>> import spacy
>>> from natokg.ingest.gazetteer import Gazetteer
>>> doc = spacy.blank("en")("NATO met. This alliance is strong.")
>>> [(m.span.text, m.entity.label) for m in description_mentions(doc, Gazetteer.default(), [(0, 4)], False)]
[('This alliance', 'NATO')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from natokg.ingest.coreference import overlaps
from natokg.ingest.gazetteer import Gazetteer
from natokg.ingest.model import Entity, Mention, Span
from natokg.ingest.posts import doc_view, lexicon, token_index

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

#: Nouns for groups of people that make a plural noun phrase a collective actor.
GROUP_NOUNS = lexicon(
    """aggressor adversary opponent enemy rival attacker invader terrorist militant insurgent rebel
    protester critic analyst expert observer lawmaker legislator diplomat official officer soldier troop
    commander minister counterpart partner leader government voter citizen civilian refugee reporter
    journalist"""
)
MEMBER_NOUNS = frozenset({"country", "nation", "member", "ally", "state"})
ARTICLES = frozenset({"a", "an", "the"})
DETERMINERS = frozenset({"its", "their", "our", "this", "these", "those", "his", "her", "your"})


def description_mentions(
    doc: Doc, gazetteer: Gazetteer, taken: list[tuple[int, int]], has_parse: bool
) -> list[Mention]:
    """ "this alliance", "our proud alliance": a demonstrative or "our" before the head noun of a known
    definite description ("the alliance") refers to the same entity; with the model the words between
    must be adjectives."""
    heads = gazetteer.definite_heads()
    if not heads:
        return []
    pattern = re.compile(
        r"\b(?:[Tt]his|[Tt]hat|[Oo]ur)\s+(?P<adj>(?:[a-z-]+\s+){0,2}?)(?P<head>"
        + "|".join(map(re.escape, heads))
        + r")\b"
    )
    start_of = token_index(doc)
    text = doc_view(doc).text
    found = []
    for match in pattern.finditer(text):
        begin, end = match.span()
        if overlaps(taken, begin, end):
            continue
        if has_parse and match.group("adj"):
            first = start_of.get(match.start("adj"))
            head = start_of.get(match.start("head"))
            if first is None or head is None or any(doc[i].pos_ != "ADJ" for i in range(first, head)):
                continue
        found.append(Mention(Span.of(text, begin, end), heads[match.group("head")], "alias", 0.8))
    return found


def member_phrases(
    doc: Doc, chunks: list[SpacySpan], gazetteer: Gazetteer, mentions: list[Mention], taken: list[tuple[int, int]]
) -> list[Mention]:
    """ "NATO ally countries", "every NATO member nation", "every country in NATO": the members of a
    known organisation, when the gazetteer knows them as a collective ("NATO allies"). With the
    model, noun chunks headed by a member noun; without it, the same phrases by their words."""
    text, _, start_of, _, _ = doc_view(doc)
    orgs = [m for m in mentions if m.entity.type == "Organization" and m.kind in ("name", "alias")]
    org_at = {start_of[m.span.begin]: m.entity for m in orgs if m.span.begin in start_of}
    found = []

    def add(begin: int, end: int, org: Entity | None) -> None:
        members = gazetteer.lookup(f"{org.label} allies") or gazetteer.lookup(f"{org.label} members") if org else None
        # The phrase holds the organisation's name by design: it may overlap that mention.
        if members is not None and not overlaps([(m.span.begin, m.span.end) for m in found], begin, end):
            found.append(Mention(Span.of(text, begin, end), members, "alias", 0.8))
            taken.append((begin, end))

    for chunk in chunks:
        if chunk.root.lemma_.lower() not in MEMBER_NOUNS:
            continue
        org = next((org_at[t.i] for t in chunk if t.i in org_at), None)
        end = chunk.end_char
        if org is None:
            prep = next((c for c in chunk.root.rights if c.dep_ == "prep" and c.lower_ in ("in", "of")), None)
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None and pobj.i in org_at:
                org, end = org_at[pobj.i], pobj.idx + len(pobj.text)
        add(chunk.start_char, end, org)
    if chunks or not orgs:
        return found
    by_name = {m.span.text: m.entity for m in orgs}
    names = "|".join(map(re.escape, sorted(by_name, key=len, reverse=True)))
    member = r"(?:member|ally)\s+(?:nations?|countr(?:y|ies)|states?)"
    every = r"(?:[Ee]very|[Ee]ach|[Aa]ll)\s+"
    pattern = re.compile(
        rf"\b(?:{every})?(?P<a>{names})\s+{member}\b"
        rf"|\b{every}(?:nations?|countr(?:y|ies)|members?|allies|states?)\s+(?:in|of)\s+(?P<b>{names})\b"
    )
    for match in pattern.finditer(text):
        add(match.start(), match.end(), by_name[match.group("a") or match.group("b")])
    return found


def collective_mentions(
    doc: Doc, chunks: list[SpacySpan], gazetteer: Gazetteer, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Plural noun phrases headed by a noun for a group of people ("foreign aggressors", "potential
    opponents"): a known collective when the gazetteer has the name, else a new CollectiveActor."""
    text = doc_view(doc).text
    found = []
    for chunk in _group_plurals(chunks):
        root = chunk.root
        tokens = [t for t in chunk if t.i <= root.i]
        while tokens and tokens[0].lower_ in ARTICLES:
            tokens = tokens[1:]
        if not tokens:
            continue
        begin, end = tokens[0].idx, root.idx + len(root.text)
        if overlaps(taken, begin, end):
            continue
        words = [t for t in tokens if t.lower_ not in DETERMINERS and t.pos_ != "DET"]
        if len(words) < 2:
            continue  # a bare plural ("soldiers", "our leaders") is too vague to be an entity
        name = text[words[0].idx : end]
        entity = gazetteer.lookup(name) or _new_entity(name, "CollectiveActor", gazetteer)
        found.append(Mention(Span.of(text, begin, end), entity, "name", 0.7))
        taken.append((begin, end))
    return found


def _group_plurals(chunks: list[SpacySpan]) -> Iterable[SpacySpan]:
    """The noun chunks headed by a plural noun for a group of people ("foreign aggressors", "leaders")."""
    return (c for c in chunks if c.root.tag_ in ("NNS", "NNPS") and c.root.lemma_.lower() in GROUP_NOUNS)


def bare_members(
    doc: Doc, chunks: list[SpacySpan], gazetteer: Gazetteer, mentions: list[Mention], taken: list[tuple[int, int]]
) -> list[Mention]:
    """A bare plural group noun ("leaders", "our leaders") in an article about an organisation is
    that organisation's group when the gazetteer knows it as a collective ("NATO leaders"), the
    organisation being the one the article names most often; not with a qualifier ("Ukraine's
    leaders", "leaders of Europe": another group)."""
    counts: dict[Entity, int] = {}
    for m in mentions:
        if m.entity.type == "Organization" and m.entity.known and m.kind != "pronoun":
            counts[m.entity] = counts.get(m.entity, 0) + 1
    if not counts:
        return []
    org = max(counts, key=lambda e: (counts[e], str(e.iri)))
    text = doc_view(doc).text
    found = []
    for chunk in _group_plurals(chunks):
        root = chunk.root
        if any(t.i != root.i and t.lower_ not in DETERMINERS | ARTICLES for t in chunk):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.rights):
            continue
        members = gazetteer.lookup(f"{org.label} {root.text}")
        if members is None or members.type != "CollectiveActor":
            continue
        begin = chunk.start_char if chunk[0].lower_ in DETERMINERS else root.idx
        end = root.idx + len(root.text)
        if overlaps(taken, begin, end):
            continue
        found.append(Mention(Span.of(text, begin, end), members, "alias", 0.6))
        taken.append((begin, end))
    return found


def _new_entity(name: str, kind: str, gazetteer: Gazetteer) -> Entity:
    from natokg.ingest.actors import new_entity  # actors calls this module: import when used

    return new_entity(name, kind, gazetteer)
