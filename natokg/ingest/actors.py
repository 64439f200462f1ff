"""Actor mentions: people, organisations, states, places and collective actors, linked to entities.

Sources of mentions, in order of trust:

1. **Known names** (:class:`~natokg.ingest.gazetteer.Gazetteer`), in both modes. A common-noun
   name ("allies", "the alliance") grows to its noun phrase with the model ("its allies", "This
   mighty alliance"), or by one possessive or demonstrative word without it. "Norfolk, Virginia"
   is two places; "the alliance's foreign ministers" also mentions the alliance. A place name that
   opens a capitalised document or meeting name ("Washington Treaty", "Washington Summit") is not a
   mention of the place.
2. **Named entities of the model** (PERSON, ORG, GPE, LOC, FAC; not NORP: a nationality adjective
   is not an actor) that no known name covers: looked up in the gazetteer, else a surname of a
   person named before in the article ("Colby" -> Elbridge Colby), else a new entity minted as
   ``nkr:<slug of its name>`` (same name, same IRI in every article), never with a Wikidata ID.
   Entities without a proper noun, made only of title words ("Defense", "State") or naming a
   document or meeting ("NATO Defense Ministerial") are dropped, and so is a new one-word name with
   no evidence of being one ("Patriot systems", "Times have changed", a lone "Mark"). An
   organisation the model finds after "in" of a verb of meeting ("met in Vilnius") is a place.
3. **Names after titles**: capitalised words right after a title are a person's name, also where
   the NER misses them or there is no model ("Defense Minister Rustem Umerov"); a surname alone
   later refers back to a new person named in full ("Wallander").
4. **Descriptions** (:mod:`natokg.ingest.descriptions`): "this alliance", "our proud alliance" (a
   demonstrative or "our" and the head of a known definite description, "the alliance"); with the
   model, the members of a known organisation ("every NATO member nation", "every country in NATO"
   -> NATO allies), plural noun phrases with a qualifier headed by a group noun ("foreign
   aggressors") as collective actors, and a bare group plural ("leaders") as the group of the
   article's organisation when the gazetteer knows it ("NATO leaders"); "soldiers" is too vague.
5. **Titles and pronouns** (:mod:`natokg.ingest.coreference`): "NATO Secretary General Mark Rutte"
   is a mention too, and later "the secretary general" refers back to that person; he/she/him/his
   to people by recency and subject position; I/me/my and you/your in transcript turns and
   quotations to their speaker and the one addressed.
6. **Surnames and first names**: a surname alone ("Secretary Austin") is the person of that surname
   named in the article, before or after, else the one known person of that surname ("Lloyd J.
   Austin III"; generational suffixes are no surnames); a new one-word person that is the surname or
   first name of exactly one full name in the article ("Lloyd") is that person.

Mentions of proper names take their "the" when the name heads its phrase ("the United States",
"the Pentagon's") and not when it qualifies a noun ("the U.S. homeland" -> "U.S."), as the gold
annotations do.

>>> import spacy
>>> from natokg.ingest.gazetteer import Gazetteer
>>> doc = spacy.blank("en")("Rutte spoke. Then he left Brussels.")
>>> [(m.span.text, m.entity.label, m.kind) for m in extract_mentions(doc, Gazetteer.default())]
[('Rutte', 'Mark Rutte', 'alias'), ('he', 'Mark Rutte', 'pronoun'), ('Brussels', 'Brussels', 'name')]
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from natokg.ingest.coreference import (
    TITLE_WORDS,
    counterpart_mentions,
    country_descriptions,
    department_references,
    overlaps,
    possessive_mentions,
    pronoun_mentions,
    quoted_pronouns,
    role_mentions,
    title_mentions,
    title_references,
    turn_pronouns,
)
from natokg.ingest.descriptions import (
    DETERMINERS,
    GROUP_NOUNS,
    bare_members,
    collective_mentions,
    description_mentions,
    member_phrases,
)
from natokg.ingest.event_rules import LIGHT_VERBS, VERB_RULES
from natokg.ingest.gazetteer import Gazetteer, normalise, surname
from natokg.ingest.model import Entity, Mention, Span
from natokg.ingest.posts import (
    HONORIFICS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    doc_view,
    ends_line,
    lexicon,
    line_ends_after,
    name_tokens,
    title_before,
    token_index,
)
from natokg.namespaces import NKR

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_NER_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
#: Capitalised nouns that make a name the name of a document or a meeting, not of an actor or place.
_DOCUMENT_NOUNS = lexicon(
    """summit treaty declaration strategy pact accord agreement conference convention protocol charter
    commitments initiative ministerial meeting statement act review doctrine plan readout briefing transcript
    remarks note"""
)
#: Words after a name that show it is not qualifying a noun ("the United States and …").
_FUNCTION_WORDS = lexicon(
    """and or but nor is are was were be been has have had will would can could must should may might shall
    does did do to in on at of for with by as from into that which who whose its their than"""
)
#: Nouns that make a region of a place name ("the North Atlantic area").
_REGION_NOUNS = frozenset({"area", "region", "zone", "theater", "theatre", "flank", "basin", "coast"})
#: Nouns for a kind of organisation: alone, capitalised ("the Department's", "the Administration"), no name.
_GENERIC_ORGANISATIONS = lexicon("department ministry administration agency office government bureau")
#: Words of greeting that the model's NER takes into a name ("Thanks Peter", "Dear Jens").
_SALUTATIONS = frozenset({"thanks", "thank", "dear", "hello", "hi", "welcome", "congratulations"})
#: A generational suffix after a person's name, with its comma: "Joseph R. Biden, Jr."
_GENERATIONAL = re.compile(r",?\s(?:Jr|Sr)\.|,?\s(?:Jr|Sr)\b")


def slug(name: str) -> str:
    """A readable IRI slug of a name: ASCII, lower case, words joined by hyphens.

    >>> slug("Lloyd J. Austin III"), slug("Türkiye’s"), slug("Zoë  Smith")
    ('lloyd-j-austin-iii', 'turkiyes', 'zoe-smith')
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "unnamed"


def new_entity(name: str, kind: str, gazetteer: Gazetteer) -> Entity:
    """A new (not known) entity for ``name``: ``nkr:<slug>``, suffixed when a known entity has that IRI."""
    label = re.sub(r"^(?:the|The)\s+", "", name).strip()
    base = slug(label)
    iri = NKR[base]
    if gazetteer.entity(iri) is not None:
        iri = NKR[f"{base}-{kind.lower()}"]
    return Entity(iri=iri, label=label, type=kind, known=False)


def _known_mentions(doc: Doc, chunks: list[SpacySpan], gazetteer: Gazetteer, has_parse: bool) -> list[Mention]:
    """Mentions of known names (step 1 of the module docstring)."""
    text = doc_view(doc).text
    start_of = token_index(doc)
    chunk_of_end = {chunk.end_char: chunk.start_char for chunk in chunks}
    found: list[Mention] = []
    for begin, end, entity in gazetteer.finditer(text):
        surface = text[begin:end]
        following = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 30])
        # "Washington Summit" names a meeting, not the place; "NATO Defense Ministers Meeting" still
        # names the ministers who meet.
        if (
            entity.type not in ("Person", "CollectiveActor")
            and following
            and following.group(1).lower() in _DOCUMENT_NOUNS
        ):
            continue
        if "," in surface and entity.type == "Place":
            parts = _split_place(text, begin, end, gazetteer)
            if parts:
                found.extend(parts)
                continue
        kind = "name" if normalise(surface) == normalise(entity.label) else "alias"
        if not surface[:1].isupper() or surface.lower().startswith("the "):
            begin = _grow(text, begin, end, chunk_of_end, start_of, doc)
        if (
            entity.type in ("State", "Organization", "Place", "CollectiveActor") and surface[:1].isupper()
        ) or surface.startswith("the "):
            begin = _article(doc, begin, end, has_parse, entity.label.startswith("The "))
        found.append(Mention(Span.of(text, begin, end), entity, kind))
        possessive = re.match(r"(.+?)['’]s\s", surface)
        if possessive and (owner := gazetteer.lookup(possessive.group(1))) is not None:
            found.append(Mention(Span.of(text, begin, begin + len(possessive.group(1))), owner, "alias"))
    return found


def _article(doc: Doc, begin: int, end: int, has_parse: bool, fixed: bool) -> int:
    """Where a proper name's mention begins: with its "the" when the name heads its noun phrase
    ("representing the US", "the Pentagon's"), without it when the name qualifies a noun ("the U.S.
    homeland": "U.S."). The model's part of speech tells a qualified noun; without it, a next word
    that is no function word is taken for one. ``fixed``: "The" is part of the name ("The Hague")."""
    text, _, start_of, end_of, _ = doc_view(doc)
    first, last = start_of.get(begin), end_of.get(end)
    if first is None or last is None:
        return begin
    after = doc[last + 1] if last + 1 < len(doc) else None
    modifier = after is not None and after.text[:1] not in "'’" and not ends_line(doc[last])
    if modifier and has_parse:
        modifier = after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
    elif modifier:
        # A name of several words ("the United States looks …") is rarely a modifier; an acronym or
        # a single word qualifies the next word unless that is a function word.
        several = len(text[begin:end].split()) > 1 and not text[begin:end].lower().startswith("the ")
        modifier = not several and after.is_alpha and after.lower_ not in _FUNCTION_WORDS
    if text[begin:end].lower().startswith("the "):
        return begin + 4 if modifier and not fixed else begin
    if first > 0 and doc[first - 1].lower_ == "the" and not modifier:
        return doc[first - 1].idx
    return begin


def _grow(text: str, begin: int, end: int, chunk_of_end: dict[int, int], start_of: dict[int, int], doc: Doc) -> int:
    """Where a common-noun name's noun phrase begins ("its allies", "our proud alliance")."""
    chunk_start = chunk_of_end.get(end)
    if chunk_start is not None and chunk_start < begin:
        return chunk_start
    if not chunk_of_end:
        # Without the model: one determiner or one possessive name before it ("America's allies").
        before = re.search(r"(?:\b(\w+)|\b[A-Z][\w.]*['’]s)\s+$", text[max(0, begin - 30) : begin])
        if before and (before.group(1) is None or before.group(1).lower() in DETERMINERS):
            return begin - len(before.group(0))
    return begin


def _split_place(text: str, begin: int, end: int, gazetteer: Gazetteer) -> list[Mention]:
    """ "Norfolk, Virginia" -> Norfolk and Virginia, when each part is a known name."""
    parts, offset = [], begin
    for piece in text[begin:end].split(","):
        lead = len(piece) - len(piece.lstrip())
        name = piece.strip()
        entity = gazetteer.lookup(name)
        if entity is None:
            return []
        parts.append(Mention(Span.of(text, offset + lead, offset + lead + len(name)), entity, "name"))
        offset += len(piece) + 1
    return parts


def _model_mentions(
    doc: Doc, gazetteer: Gazetteer, taken: list[tuple[int, int]], people: list[Entity]
) -> list[Mention]:
    """Mentions of the model's named entities that no known name covers (step 2)."""
    text = doc_view(doc).text
    found: list[Mention] = []
    for ent in doc.ents:
        kind = _NER_TYPES.get(ent.label_)
        if kind is None:
            continue
        tokens = list(ent)
        if kind == "Person":
            # The small model often drops a first name ("J. Austin III" for "Lloyd J. Austin III").
            start = ent.start
            while (
                start > 0
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].is_title
                and not doc[start - 1].is_sent_start
            ):
                if doc[start - 1].lower_ in TITLE_HEADS | TITLE_MODIFIERS:
                    break
                start -= 1
            tokens = list(doc[start : ent.end])
        while tokens and (
            tokens[0].lower_ in TITLE_HEADS | TITLE_MODIFIERS | _SALUTATIONS | HONORIFICS and kind == "Person"
        ):
            tokens = tokens[1:]
        if kind == "Person":
            # A name holds no possessive: "Lute’s Pre-Ministerial Telephonic" (a headline) is "Lute".
            cut = next((k for k, t in enumerate(tokens) if t.lower_ in ("'s", "’s")), len(tokens))
            tokens = tokens[:cut]
        while tokens and tokens[0].is_space:
            tokens = tokens[1:]
        # A name does not run over a line break ("David Miller\nHello" in a transcript's header).
        breaks = [k for k, t in enumerate(tokens) if (t.is_space and "\n" in t.text) or "\n" in t.whitespace_]
        if breaks:
            tokens = tokens[: breaks[0] + (0 if tokens[breaks[0]].is_space else 1)]
        while tokens and (
            tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in ("'s", "’s", "and", "to", "of")
        ):
            tokens = tokens[:-1]
        if not tokens or not any(t.pos_ == "PROPN" for t in tokens):
            continue
        if all(t.lower_ in TITLE_HEADS | TITLE_MODIFIERS | _GENERIC_ORGANISATIONS | {"the", "of"} for t in tokens):
            continue  # "Department", "the Administration" alone name no organisation of their own
        if tokens[-1].lower_ in _DOCUMENT_NOUNS or (len(tokens) == 1 and len(tokens[0].text) < 2):
            continue
        if len(tokens) == 1 and tokens[0].text.endswith("s") and tokens[0].lemma_.lower().rstrip("s") in GROUP_NOUNS:
            continue  # "Ministers", "Allies" capitalised: a common noun, not the name of a new actor
        if kind == "Place" and tokens[-1].i + 1 < len(doc) and doc[tokens[-1].i + 1].lower_ in _REGION_NOUNS:
            tokens.append(doc[tokens[-1].i + 1])
            if tokens[0].i > 0 and doc[tokens[0].i - 1].lower_ == "the":
                tokens.insert(0, doc[tokens[0].i - 1])
        if kind == "Organization" and _placed_by_verb(doc, tokens):
            kind = "Place"  # "ministers met in Vilnius", the model's ORG: where they met
        if kind != "Person" and _titled_person(tokens):
            kind, tokens = "Person", tokens[1:]  # "Spokesperson Morgan Ortagus" as the model's ORG
        if (
            gazetteer.lookup(text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]) is None
            and heading_line(text, tokens[0].idx)
            and not (kind == "Person" and line_ends_after(doc, tokens[-1].i))  # a header's "Moderator – Jo Doe"
        ):
            tokens = _heading_name(tokens, text)
            if not tokens:
                continue
        begin, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if overlaps(taken, begin, end) and not _longer_name(kind, tokens, taken, begin, end):
            continue
        surface = text[begin:end]
        entity = gazetteer.lookup(surface)
        mention_kind = "name"
        if entity is None and kind == "Person" and len(tokens) == 1:
            entity = person_by_surname(surface, people, gazetteer)
            mention_kind = "alias" if entity else "name"
        if entity is None:
            entity = new_entity(surface, kind, gazetteer)
        if entity.type == "Person" and entity not in people:
            people.append(entity)
        found.append(Mention(Span.of(text, begin, end), entity, mention_kind, 0.8 if not entity.known else 1.0))
        taken.append((begin, end))
    return found


#: Words that join a headline's words but no words of a name ("Call with NATO", "Rutte at the Pentagon").
_HEADLINE_JOINS = frozenset({"with", "at", "by", "from", "after", "before", "in", "on"})
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "a", "an"}) | _HEADLINE_JOINS


def heading_line(text: str, offset: int) -> bool:
    """Whether the line holding code point ``offset`` is a headline or section heading: at most 15
    words, no closing stop, and most of its words (short joining words aside) capitalised.

    >>> text = "Esper Reassures NATO Allies of American Constancy\\nEsper spoke.\\nAllied Progress\\nIt rose."
    >>> [heading_line(text, n) for n in (0, 50, 63, 79)]
    [True, False, True, False]
    """
    begin = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[begin : end if end != -1 else len(text)].strip()
    words = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if not words or len(line.split()) > 15 or line.endswith((".", "!", "?", ":", '"', "”")):
        return False
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words) and len(line.split()) >= 2


def _heading_name(tokens: list[Token], text: str) -> list[Token]:
    """An unknown name the model finds in a headline, cut to what is a name: the headline's words run
    into it ("Esper Reassures" -> "Esper", "Allied Progress" -> nothing). A word stays when the body
    (the text outside headings) writes it capitalised; a join such as "with" ends the name."""
    body = "\n".join(line for line in text.split("\n") if line and not heading_line(line, 0))
    cut = next((k for k, t in enumerate(tokens) if t.lower_ in _HEADLINE_JOINS), len(tokens))
    if cut < len(tokens):
        return []
    while tokens and not re.search(r"(?<![\w-])" + re.escape(tokens[-1].text) + r"(?![\w-])", body):
        tokens = tokens[:-1]
    return tokens


#: verbs whose "in" phrase says where their event took place ("met in Vilnius", "arrived in Tartu")
_LOCATING_VERBS = (
    frozenset(lemma for lemma, (kind, _, _) in VERB_RULES.items() if kind in ("Meeting", "Arrival", "Departure"))
    | LIGHT_VERBS
    | {"gather", "stay", "remain"}
)


def _placed_by_verb(doc: Doc, tokens: list[Token]) -> bool:
    """A name that is the object of "in" after a verb of meeting or arriving ("NATO foreign ministers
    met in Vilnius"): a place, whatever label the model gives it (it tags some capitals ORG). Needs
    the parse; an organisation one meets in ("met in the Council") is rare after these verbs.

    >>> import spacy
    >>> doc = spacy.blank("en")("Ministers met in Tartu.")
    >>> _placed_by_verb(doc, [doc[3]])  # no parse, no rule
    False
    """
    if not doc.has_annotation("DEP"):
        return False
    root = doc[tokens[0].i : tokens[-1].i + 1].root
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "in"
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.head.lemma_.lower() in _LOCATING_VERBS
    )


def _titled_person(tokens: list[Token]) -> bool:
    """A title word and two or three name words that the model took for an organisation or place
    ("Spokesperson Morgan Ortagus"): a person after a title."""
    return (
        3 <= len(tokens) <= 4
        and tokens[0].lower_ in TITLE_HEADS
        and all(_name_like(t) and t.pos_ in ("PROPN", "") for t in tokens[1:])
    )


def _longer_name(kind: str, tokens: list[Token], taken: list[tuple[int, int]], begin: int, end: int) -> bool:
    """An organisation's name that holds a known name and goes on in capitalised nouns ("the NATO
    Response Force", "the U.S. Mission to NATO") names an organisation of its own; the known name
    inside stays a mention too."""
    inside = [(b, e) for b, e in taken if b < end and begin < e]
    return (
        kind == "Organization"
        and all(begin <= b and e <= end and (b, e) != (begin, end) for b, e in inside)
        and tokens[-1].text[:1].isupper()
        and tokens[-1].lower_ not in TITLE_HEADS  # "NATO Secretary General" is a title
        and sum(t.text[:1].isupper() and t.is_alpha for t in tokens) >= 2
    )


def _titled_names(
    doc: Doc, gazetteer: Gazetteer, mentions: list[Mention], taken: list[tuple[int, int]], people: list[Entity]
) -> list[Mention]:
    """A capitalised name right after a title is a person's, also where the model's NER misses it
    ("Defense Minister Rustem Umerov") and without the model; a surname alone after a title
    ("Secretary Austin") is the person of that surname (:func:`person_by_surname`)."""
    view = doc_view(doc)
    text, lower = view.text, view.lower
    org_tokens = name_tokens(doc, mentions)
    occupied = {i for b, e in taken for i in range(b, e)}
    found = []
    # A title ends right before the name: only tokens after a title word or a name can start one.
    for i in range(1, len(doc)):
        if not (
            lower[i - 1] in TITLE_WORDS | TITLE_MODIFIERS | HONORIFICS or i - 1 in org_tokens or doc[i - 1].ent_type_
        ):
            continue
        if _name_like(doc[i - 1]) and i - 1 not in org_tokens:
            continue  # inside a longer capitalised run ("Pete Hegseth Statement"), not after a title
        j = i
        while j < len(doc) and j - i < 4 and view.starts[j] not in occupied and _name_like(doc[j]):
            j += 1
        if j > i and title_before(doc, i, org_tokens) is not None:
            name = text[doc[i].idx : doc[j - 1].idx + len(doc[j - 1].text)]
            label = name.title() if name.isupper() else name
            entity = gazetteer.lookup(name)
            if entity is None and j == i + 1:
                entity = person_by_surname(name, people, gazetteer)
            entity = entity or new_entity(label, "Person", gazetteer)
            found.append(Mention(Span.of(text, doc[i].idx, doc[i].idx + len(name)), entity, "name", 0.7))
            taken.append((doc[i].idx, doc[i].idx + len(name)))
            occupied.update(range(doc[i].idx, doc[i].idx + len(name)))
    return found


def person_by_surname(word: str, people: list[Entity], gazetteer: Gazetteer) -> Entity | None:
    """The person a surname alone refers to: the last person of that surname named in the article
    (``people``, in text order), else the one known person of that surname, else None.

    >>> from natokg.ingest.gazetteer import Gazetteer
    >>> person_by_surname("Austin", [], Gazetteer.default()).label
    'Lloyd J. Austin III'
    """
    person = next((p for p in reversed(people) if surname(p.label) == word), None)
    return person or gazetteer.person_by_surname(word)


def _merge_partial_names(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A new person of one word ("Blinken" in a headline before "Antony J. Blinken"; the vocative
    "Lloyd" beside "Secretary Austin") is the one person of the article whose surname or first
    name that word is, wherever in the article the full name stands. A new organisation or place of
    one word that is the surname of a person named in full before it is that person: the model's
    label of a lone surname is unreliable ("Sandvik said" as an organisation)."""
    full = {m.entity for m in mentions if m.entity.type == "Person" and len(m.entity.label.split()) > 1}
    by_word: dict[str, set[Entity]] = {}
    for person in full:
        words = {surname(person.label), person.label.split()[0]}
        for word in words - {None}:
            by_word.setdefault(word, set()).add(person)
    first_named: dict[Entity, int] = {}
    for m in mentions:
        if m.entity in full and m.kind in ("name", "title"):
            first_named[m.entity] = min(first_named.get(m.entity, m.span.begin), m.span.begin)
    merged = []
    for m in mentions:
        entity = m.entity
        if not entity.known and gazetteer.entity(entity.iri) is None and len(entity.label.split()) == 1:
            candidates = by_word.get(entity.label, set())
            if entity.type != "Person":
                # "Tore O. Sandvik hosted … 'The North …,' Sandvik said.": the model may label the surname an
                # organisation; the surname of a person named before refers to that person whatever its label.
                candidates = {p for p in candidates if surname(p.label) == entity.label}
                candidates = {p for p in candidates if first_named.get(p, m.span.begin) < m.span.begin}
            if len(candidates) == 1:
                m = dataclasses.replace(m, entity=next(iter(candidates)), kind="alias" if m.kind == "name" else m.kind)
        merged.append(m)
    return merged


def _no_name_evidence(doc: Doc, mention: Mention, gazetteer: Gazetteer) -> bool:
    """A new one-word actor the model found that nothing but its capital letter makes a name, and
    that is more likely a common word, a product or a first name (not minted; needs the parse):

    * a first name of known people ("Mark's statements": Mark Rutte, Mark Esper …) that no person of
      the article carries (those are merged before) and no known person has as surname;
    * an organisation's name that qualifies a plural noun, and nowhere stands alone: a product or
      class ("two more Patriot systems", "Leopard tanks"; an organisation that only qualifies,
      "Rheinmetall factories", is lost too);
    * a plural noun capitalised only because it opens a sentence, as its verb shows ("Times have
      changed": a one-word name takes a singular verb).

    Title-case words only: an unknown acronym ("OSCE observers") is more often an organisation.
    """
    entity = mention.entity
    word = mention.span.text
    if (
        entity.known
        or gazetteer.entity(entity.iri) is not None
        or entity.type not in ("Person", "Organization")
        or not re.fullmatch(r"[A-Z][a-z]+", word)
        or entity.label != word
        or not doc.has_annotation("DEP")
    ):
        return False
    token = doc.char_span(mention.span.begin, mention.span.end)
    if token is None or len(token) != 1:
        return False
    token = token[0]
    if entity.type == "Person" and gazetteer.is_first_name(word) and gazetteer.person_by_surname(word) is None:
        return True
    head = token.head
    if entity.type == "Organization" and token.dep_ in ("compound", "nmod") and head.i > token.i and head.tag_ == "NNS":
        return not any(t.text == word and not (t.dep_ in ("compound", "nmod") and t.head.tag_ == "NNS") for t in doc)
    verbs = [head, *(c for c in head.children if c.dep_ in ("aux", "auxpass"))]
    return (
        token.is_sent_start
        and token.dep_ in ("nsubj", "nsubjpass")
        and word.endswith("s")
        and any(v.tag_ == "VBP" for v in verbs)
    )


def _name_like(token: Token) -> bool:
    """A word that can be part of a person's name: capitalised, not a title word ("Rustem", "J.", "III")."""
    word = token.text
    return (
        word[:1].isupper()
        and (token.is_alpha or bool(re.fullmatch(r"[A-Z]\.", word)))
        and token.lower_ not in TITLE_WORDS | TITLE_MODIFIERS | {"of", "for", "to", "the", "and"}
    )


def _surnames(doc: Doc, people: list[Entity], taken: list[tuple[int, int]]) -> list[Mention]:
    """A surname alone refers back to the person named in full earlier in the article, also where
    the model's NER misses it ("Celeste Wallander …. Later Wallander …")."""
    surname_of = {last: p for p in people if (last := surname(p.label)) is not None}
    found = []
    if not surname_of:
        return []
    text, _, start_of, _, _ = doc_view(doc)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, surname_of)) + r")\b")
    for match in pattern.finditer(text):
        begin, end = match.span()
        if begin in start_of and not overlaps(taken, begin, end):
            found.append(Mention(Span.of(text, begin, end), surname_of[match.group()], "alias", 0.8))
    return found


def extract_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Every actor and place mention in ``doc``, linked to an entity, in text order.

    Works with a parsed ``Doc`` (the model: named entities, noun chunks and subjects are used) and
    with the rules-only pipeline (no parse: known names, titles and pronouns by recency). Overlaps
    are deliberate where the text nests names: "NATO Secretary General Mark Rutte" (kind
    ``title``) holds "NATO" and "Mark Rutte". Unknown actors are new entities (``known=False``).
    """
    has_parse = doc.has_annotation("DEP")
    chunks = list(doc.noun_chunks) if has_parse else []
    known = _known_mentions(doc, chunks, gazetteer, has_parse)
    taken = [(m.span.begin, m.span.end) for m in known]
    people: list[Entity] = []
    for m in sorted(known, key=lambda m: m.span):
        if m.entity.type == "Person" and m.entity not in people:
            people.append(m.entity)
    mentions = known + _model_mentions(doc, gazetteer, taken, people)
    titled_names = _titled_names(doc, gazetteer, mentions, taken, people)
    people += [m.entity for m in titled_names if m.entity not in people]
    mentions += titled_names
    mentions += _surnames(doc, people, taken)
    mentions = _merge_partial_names(mentions, gazetteer)
    mentions = [m for m in mentions if not _no_name_evidence(doc, m, gazetteer)]
    mentions += description_mentions(doc, gazetteer, taken, has_parse)
    mentions += member_phrases(doc, chunks, gazetteer, mentions, taken)
    if has_parse:
        mentions += collective_mentions(doc, chunks, gazetteer, taken)
        mentions += bare_members(doc, chunks, gazetteer, mentions, taken)
    mentions += counterpart_mentions(doc, gazetteer)
    titled, holders = title_mentions(doc, mentions)
    mentions += titled
    taken += [(m.span.begin, m.span.end) for m in titled]
    mentions += title_references(doc, holders, taken)
    mentions += role_mentions(doc, mentions)
    mentions += pronoun_mentions(doc, mentions, has_parse)
    mentions += possessive_mentions(doc, mentions)
    mentions += country_descriptions(doc, mentions)
    mentions += department_references(doc, gazetteer, [(m.span.begin, m.span.end) for m in mentions])
    mentions += turn_pronouns(doc, mentions, gazetteer)
    quoted = quoted_pronouns(doc, mentions, gazetteer)
    corrected = {m.span for m in quoted if m.span.text.lower() in ("he", "him", "his", "she", "her")}
    mentions = [m for m in mentions if not (m.kind == "pronoun" and m.span in corrected)] + quoted
    mentions = with_generational_suffix(doc_view(doc).text, mentions)
    return _unique(sorted(mentions, key=lambda m: (m.span, m.kind)))


def with_generational_suffix(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person's name takes the generational suffix after it ("President Joseph R. Biden, Jr.", as
    written, is one mention), and nothing inside that suffix is a mention of its own ("Jr." is no
    actor). Spans in code points; the mentions come back in their order.

    >>> from natokg.ingest.model import Entity
    >>> from natokg.namespaces import NKR
    >>> text = "Joseph R. Biden, Jr. spoke."
    >>> biden = Entity(NKR["joe-biden"], "Joe Biden", "Person", True)
    >>> jr = Entity(NKR["jr"], "Jr.", "Person", False)
    >>> [m.span.text for m in with_generational_suffix(text, [Mention(Span.of(text, 0, 15), biden, "name"),
    ...                                                     Mention(Span.of(text, 17, 20), jr, "name")])]
    ['Joseph R. Biden, Jr.']
    """
    suffixes: list[tuple[int, int]] = []
    grown: list[Mention] = []
    for m in mentions:
        suffix = _GENERATIONAL.match(text, m.span.end) if m.entity.type == "Person" and m.kind != "pronoun" else None
        if suffix is not None:
            suffixes.append((suffix.start(), suffix.end()))
            m = dataclasses.replace(m, span=Span.of(text, m.span.begin, suffix.end()))
        grown.append(m)
    return [m for m in grown if not any(b <= m.span.begin and m.span.end <= e for b, e in suffixes)]


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for m in mentions:
        key = (m.span.begin, m.span.end, str(m.entity.iri))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
