"""Events an article reports, typed with the gold kinds and CAMEO 1.1b3 codes.

Triggers are verbs and event nouns. The kind comes from natokg's rules below (a meeting, an
absence, a representation, an appeal …); the CAMEO code from the PETRARCH2 verb lexicon
(:mod:`natokg.ingest.cameo`), kept within the family the kind allows (a Meeting is 04x, an
Appeal 02x …) and only when ``ontology/cameo.ttl`` has it. Where CAMEO has no code that fits
(absence, representation, arrival, handover) none is given, as ``background-facts.md`` advises.

Arguments come from the dependency parse when the model is loaded: the agent is the subject (or
the possessor / "of" phrase of an event noun), participants the other actors named in the
event's phrase, the place an actor of type Place after "in"/"at", the time a :class:`Timex`
inside the phrase. With the blank pipeline (no parse) the phrase is the clause around the
trigger and the agent the last actor named before it.

Gold conventions followed (``shared/corpus/README.md``): a speech verb that carries a direct
quotation is a quotation, not a Statement event; a meeting or summit noun is an event when the
text locates it (a place, a time) or names who meets ("of defence ministers", "with him").

>>> import spacy
>>> doc = spacy.blank("en")("The minister urged Hungary to ratify the treaty.")
>>> [(e.kind, e.trigger.text, e.cameo) for e in extract_events(doc, [], [], [], None)]
[('Appeal', 'urged', '020')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from natokg.ingest.cameo import Lexicon, known_code, load_lexicon
from natokg.ingest.model import Entity, EventMention, Mention, Quotation, Span, Timex
from natokg.ingest.posts import doc_view

if TYPE_CHECKING:  # spaCy is an optional dependency (the nlp extra)
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Verb lemma -> (kind, CAMEO family the code must start with, natokg's default code).
# The default applies when the lexicon has no code in the family; None = no CAMEO code fits.
VERB_RULES: dict[str, tuple[str, str | None, str | None]] = {
    # appeals (CAMEO 02: "appeal, urge, call for/on, ask, request")
    "call": ("Appeal", "02", "020"),
    "urge": ("Appeal", "02", "020"),
    "appeal": ("Appeal", "02", "020"),
    "ask": ("Appeal", "02", "020"),
    "request": ("Appeal", "02", "020"),
    # demands (CAMEO 10)
    "demand": ("Demand", "10", "100"),
    "insist": ("Demand", "10", "100"),
    # thanks and praise (CAMEO 051 Praise or endorse)
    "thank": ("Thanks", "051", "051"),
    "praise": ("Thanks", "051", "051"),
    "commend": ("Thanks", "051", "051"),
    "applaud": ("Thanks", "051", "051"),
    # announcements and statements (CAMEO 01; 010 Make statement)
    "announce": ("Announcement", "01", "010"),
    "unveil": ("Announcement", "01", "010"),
    "say": ("Statement", "01", "010"),
    "state": ("Statement", "01", "010"),
    "tell": ("Statement", "01", "010"),
    "declare": ("Statement", "01", "010"),
    "add": ("Statement", "01", "010"),
    "note": ("Statement", "01", "010"),
    "stress": ("Statement", "01", "010"),
    "reiterate": ("Statement", "01", "010"),
    # meetings (CAMEO 04 Consult; 040, 043 host)
    "meet": ("Meeting", "04", "040"),
    "talk": ("Meeting", "04", "040"),
    "consult": ("Meeting", "04", "040"),
    "confer": ("Meeting", "04", "040"),
    "convene": ("Meeting", "04", "040"),
    "host": ("Meeting", "04", "043"),
    # arrivals, visits, departures: an arrival is not a CAMEO event; a visit is 042
    "arrive": ("Arrival", None, None),
    "visit": ("Arrival", "042", "042"),
    "leave": ("Departure", None, None),
    "depart": ("Departure", None, None),
    # absences: no CAMEO code (160 "Reduce relations" overstates it)
    "skip": ("Absence", None, None),
    "miss": ("Absence", None, None),
    "boycott": ("Absence", None, None),
    # representation: no CAMEO code
    "represent": ("Representation", None, None),
    # agreements and pledges
    "agree": ("Agreement", "0", None),
    "sign": ("Agreement", "05", "057"),
    "pledge": ("Pledge/Commitment", "03", "030"),
    "promise": ("Pledge/Commitment", "03", "030"),
    "vow": ("Pledge/Commitment", "03", "030"),
    "commit": ("Pledge/Commitment", "03", "030"),
    # transfers of command, deployments, investments
    "transfer": ("Handover", None, None),
    "cede": ("Handover", None, None),
    "deploy": ("Deployment", "06", None),
    "station": ("Deployment", "06", None),
    "invest": ("Investment", "06", "061"),
    # accession to an alliance or organisation: no gold kind of its own, no CAMEO code
    "join": ("Other", None, None),
    "invade": ("Other", "19", "190"),
    "attack": ("Other", "19", "190"),
}
#: verbs that are an event only with a particle: "turn over", "hand over"; "call" needs on/for/upon
PARTICLES = {"turn": ({"over"}, "Handover"), "hand": ({"over"}, "Handover"), "call": ({"on", "for", "upon"}, None)}
#: verbs that make an Absence when negated: "is not attending"
NEGATED_ABSENCE = {"attend", "join", "participate", "go", "travel", "come"}
#: "in place of", "on behalf of": the noun and the preposition before it
_STAND_IN = {"place": "in", "behalf": "on"}
#: event nouns -> (kind, code); Meeting and Summit nouns need a place, time or participants
NOUN_RULES: dict[str, tuple[str, str | None]] = {
    "meeting": ("Meeting", "040"),
    "gathering": ("Meeting", "040"),
    "talks": ("Meeting", "040"),
    "ministerial": ("Meeting", "040"),
    "conference": ("Meeting", "040"),
    "consultation": ("Meeting", "040"),
    "conversation": ("Meeting", "040"),
    "discussion": ("Meeting", "040"),
    "negotiation": ("Meeting", "046"),
    "summit": ("Summit", "040"),
    "statement": ("Statement", "010"),
    "announcement": ("Announcement", "010"),
    "commitment": ("Pledge/Commitment", None),
    "pledge": ("Pledge/Commitment", None),
    "handover": ("Handover", None),
    "reassurance": ("Statement", "010"),
    "assurance": ("Statement", "010"),
    # the use of force (CAMEO 190 Use conventional military force) and tensions: gold kind Other
    "invasion": ("Other", "190"),
    "attack": ("Other", "190"),
    "tension": ("Other", None),
    # decisions and agreements reached: only as the object of a light verb ("made historic decisions")
    "decision": ("Agreement", None),
    "agreement": ("Agreement", None),
}
#: event nouns that are events only as the object of one of these verbs
_NEEDS_VERB = {"decision": {"make", "take", "reach"}, "agreement": {"reach", "sign", "conclude", "strike"}}
_LOCATED = {"Meeting", "Summit", "Pledge/Commitment"}
SPEECH_KINDS = {"Statement"}
# quotation marks; an apostrophe inside or after a word ("alliance’s", "allies'") is not one
_QUOTE_MARKS = re.compile("[\"“”‘]|(?<![A-Za-z])[’']|[’'](?![A-Za-z])")
_QUANTITY = re.compile(
    r"(?i)(?:\d+(?:\.\d+)?\s?(?:%|percent|per\scent)(?:\s(?:\[?of\s(?:[\w’']+\s){0,3}?(?:GDP|gross\sdomestic\sproduct)\]?))?"
    r"|[$€£]\s?\d[\d,.]*(?:\s(?:million|billion|trillion))?"
    r"|\d[\d,.]*\s(?:(?:million|billion|trillion)\s)?(?:euros?|dollars?|pounds?))"
)
_CLAUSE_BREAK = re.compile(r"[;:]|\s[-–—]\s|,\s(?:but|and|while|after|as|because|instead)\s")
_FIRST_PERSON = {"i", "we"}
#: entity types that can be where an event happens ("in Brussels", "in Belgium")
_PLACES = ("Place", "State")
#: verbs whose object names the event: "hold a meeting", "attend the summit"
_LIGHT_VERBS = {"hold", "have", "attend", "host", "convene", "organise", "organize", "chair", "skip", "miss"}
_VERB_LEMMAS = frozenset(VERB_RULES) | frozenset(PARTICLES) | NEGATED_ABSENCE
_KNOWN_LEMMAS = (
    _VERB_LEMMAS | frozenset(NOUN_RULES) | _LIGHT_VERBS | {"make", "take", "reach", "sign", "conclude", "strike"}
)
_EXCLUDED_DEPS = {"advcl", "conj", "cc", "parataxis", "punct", "mark", "preconj", "dep", "relcl"}


def extract_events(
    doc: Doc,
    mentions: Sequence[Mention],
    times: Sequence[Timex],
    quotations: Sequence[Quotation] = (),
    gazetteer: Any = None,
    *,
    lexicon: Lexicon | None = None,
) -> list[EventMention]:
    """The events of ``doc``, in text order.

    ``doc`` is a spaCy ``Doc`` (model: arguments from the dependency parse; blank pipeline:
    clause-level rules); ``mentions`` the actor mentions (code-point spans), ``times`` the
    temporal expressions, ``quotations`` the attributed quotations (a speech verb that cues one
    is not a Statement event). ``gazetteer`` is accepted for the pipeline contract and not used
    yet. ``lexicon`` defaults to ``ontology/cameo-verbs.tsv``. Spans are code-point offsets.
    """
    lexicon = lexicon or load_lexicon()
    parsed = doc.has_annotation("DEP")
    text = doc_view(doc).text  # Doc.text joins the tokens on each call: the view reads it once per Doc
    cues = [q.cue for q in quotations if q.cue is not None] + [q.quote for q in quotations]
    events: list[EventMention] = []
    for word in doc:
        token = word  # the token whose clause or phrase the event cites
        found = _verb_event(word, lexicon, parsed) if _verbal(word, parsed) else None
        found = found or _noun_event(word, parsed) or _stand_in(word)
        if found is None:
            continue
        kind, code, trigger = found
        if kind == "Representation" and word.lower_ in _STAND_IN and parsed:
            token = _governing_verb(word)
        begin, end = _evidence(token, parsed, text)
        if kind in SPEECH_KINDS and not _is_noun(token, parsed):
            sentence = token.sent if doc.has_annotation("SENT_START") else doc[:]
            phrase = text[sentence.start_char : sentence.end_char]
            if _QUOTE_MARKS.search(phrase) or any(c.begin < end and begin < c.end for c in cues):
                continue  # the gold records "X said" with a direct quotation as a quotation
        if (
            kind in _LOCATED
            and _is_noun(token, parsed)
            and not _located(token, text, (begin, end), mentions, times, parsed)
        ):
            continue
        inside = [m for m in mentions if begin <= m.span.begin and m.span.end <= end]
        agent = _agent(token, inside, mentions, parsed, begin)
        place = next((m.entity for m in inside if m.entity.type in _PLACES and _after_in_at(text, m.span)), None)
        participants = _unique(m.entity for m in inside if m.entity not in (agent, place) and m.entity.type != "Place")
        time = next(
            (t for t in times if begin <= t.span.begin and t.span.end <= end and t.timex_type != "DURATION"), None
        )
        quantity = _QUANTITY.search(text, begin, end)
        events.append(
            EventMention(
                kind=kind,
                trigger=Span.of(text, *trigger),
                evidence=Span.of(text, begin, end),
                cameo=known_code(code),
                agent=agent,
                participants=tuple(participants),
                place=place,
                time=time,
                quantity=quantity.group(0) if quantity else None,
                confidence=0.8 if parsed else 0.6,
            )
        )
    return _dedupe(events, doc, text)


# --------------------------------------------------------------------------- triggers


def _lemma(token: Token, lexicon: Lexicon | None = None) -> str:
    """spaCy's lemma, or with the blank pipeline the form with a regular English ending removed."""
    if token.lemma_ and token.lemma_ != token.text:
        return token.lemma_.lower()
    word = token.lower_
    if token.doc.has_annotation("LEMMA") and token.lemma_:
        return token.lemma_.lower()
    candidates = [word]
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + replacement
            candidates += [stem, stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [stem]
    irregular = {"said": "say", "told": "tell", "met": "meet", "left": "leave", "went": "go", "came": "come"}
    irregular |= {"has": "have", "had": "have", "having": "have", "made": "make", "took": "take", "taken": "take"}
    irregular |= {"held": "hold", "struck": "strike"}
    if word in irregular:
        return irregular[word]
    for candidate in candidates:
        if candidate in _KNOWN_LEMMAS:
            return candidate
    for candidate in candidates:
        if lexicon is not None and candidate in lexicon:
            return candidate
    return word


def _is_noun(token: Token, parsed: bool) -> bool:
    if token.pos_:
        return token.pos_ in ("NOUN", "PROPN")
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    return previous in ("a", "an", "the", "'s", "’s", "its", "their", "his", "her", "this", "that") or token.is_title


def _verbal(token: Token, parsed: bool) -> bool:
    if token.pos_:
        return token.pos_ in ("VERB", "AUX") or (token.lower_ == "thank" and token.i + 1 < len(token.doc))
    return not _is_noun(token, parsed) or token.lower_ == "thank"


def _following(token: Token) -> list[str]:
    words = []
    for following in token.doc[token.i + 1 : token.i + 9]:
        if following.is_sent_start:  # Token.sent would walk the sentence: stop at the next one instead
            break
        words.append(following.lower_)
    return words


def _verb_event(token: Token, lexicon: Lexicon, parsed: bool) -> tuple[str, str | None, tuple[int, int]] | None:
    lemma = _lemma(token, lexicon)
    following = _following(token)
    trigger = (token.idx, token.idx + len(token.text))
    negated = _negated(token, parsed)
    if lemma in NEGATED_ABSENCE and negated:
        return "Absence", None, trigger
    if negated:
        return None
    if lemma == "have" and following[:1] == ["to"] and _subject_person(token, parsed) not in _FIRST_PERSON:
        return "Demand", "100", (token.idx, token.nbor(1).idx + 2)
    if lemma in PARTICLES:
        particles, kind = PARTICLES[lemma]
        if not following or following[0] not in particles:
            return None
        trigger = (token.idx, token.nbor(1).idx + len(token.nbor(1).text))
        if kind is not None:
            return kind, None, trigger
    if lemma not in VERB_RULES:
        return None
    kind, family, default = VERB_RULES[lemma]
    if kind == "Meeting" and lemma == "meet" and not _meets_someone(token, parsed):
        return None  # "to meet the dangers", "meet a target": not a meeting
    if kind == "Meeting" and lemma == "talk" and not {"to", "with"} & set(following[:2]):
        return None  # "talked about a plan" is speech; "talking to counterparts" is a meeting
    if lemma == "commit" and "to" not in following[:3]:
        return None  # "commit" without "to" is "perpetrate" (PETRARCH's PERPETUATE block)
    code = lexicon.code(lemma, following)
    if family is None:
        code = None
    elif code is None or not code.startswith(family) or known_code(code) is None:
        code = default
    if kind == "Agreement" and _QUANTITY.search(" ".join(following)):
        code = "057"  # agreeing to a stated figure: CAMEO 057 Sign formal agreement (background-facts.md)
    return kind, code, trigger


def _stand_in(token: Token) -> tuple[str, str | None, tuple[int, int]] | None:
    """ "in place of X", "on behalf of X": a Representation (no CAMEO code), triggered by the phrase."""
    doc = token.doc
    if token.lower_ not in _STAND_IN or not 0 < token.i < len(doc) - 1:
        return None
    before, after = doc[token.i - 1], doc[token.i + 1]
    if before.lower_ != _STAND_IN[token.lower_] or after.lower_ != "of":
        return None
    return "Representation", None, (before.idx, after.idx + len(after.text))


def _governing_verb(token: Token) -> Token:
    """The verb a phrase such as "in place of" attaches to (the phrase itself when there is none)."""
    head = token
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            break
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else token


def _noun_event(token: Token, parsed: bool) -> tuple[str, str | None, tuple[int, int]] | None:
    lower = token.lower_
    forms = (token.lemma_.lower() if parsed else lower, lower, lower[:-1] if lower.endswith("s") else lower)
    word = next((form for form in forms if form in NOUN_RULES), None)
    if word is None:
        return None
    # without a parse, a word that is also a verb trigger ("meeting", "talks", "attack") needs noun context
    if not _is_noun(token, parsed) and (parsed or _lemma(token) in _VERB_LEMMAS):
        return None
    if token.dep_ == "compound" and _noun_event(token.head, parsed) is not None:
        return None  # "Ministerial" in "the NATO Defense Ministerial Meeting": one event, named by its head
    kind, code = NOUN_RULES[word]
    if word in _NEEDS_VERB and not _after_light_verb(token, parsed, _NEEDS_VERB[word]):
        return None
    return kind, code, (token.idx, token.idx + len(token.text))


def _meets_someone(token: Token, parsed: bool) -> bool:
    """ "meet" is a meeting with an actor as object, a "with" phrase, or no object ("ministers met")."""
    if not parsed:
        following = _following(token)
        return not following or following[0] in ("with", "in", "at", "on", "to", ".", ",") or token.nbor(1).is_title
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children) or not objects:
        return True
    actors = ("PERSON", "ORG", "GPE", "NORP")
    return any(o.ent_type_ in actors or o.lower_ in ("counterparts", "ministers", "leaders") for o in objects)


def _after_light_verb(token: Token, parsed: bool, verbs: set[str]) -> bool:
    """The noun is the object of one of ``verbs`` (parse), or follows one within four words (blank)."""
    if parsed:
        return token.dep_ in ("dobj", "obj") and token.head.lemma_ in verbs
    return any(_lemma(t) in verbs for t in token.doc[max(0, token.i - 4) : token.i])


def _negated(token: Token, parsed: bool) -> bool:
    if parsed:
        return any(child.dep_ == "neg" for child in token.children)
    before = [t.lower_ for t in token.doc[max(0, token.i - 3) : token.i]]
    return bool({"not", "n't", "never"} & set(before))


def _subject_person(token: Token, parsed: bool) -> str:
    if parsed:
        head = token.head if token.dep_ in ("aux", "auxpass") else token
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subjects[0].lower_ if subjects else ""
    return token.nbor(-1).lower_ if token.i > 0 else ""


# --------------------------------------------------------------------------- arguments


def _evidence(token: Token, parsed: bool, text: str) -> tuple[int, int]:
    """The phrase the event cites: the trigger's clause (parse) or the clause around it (blank)."""
    doc = token.doc
    if parsed and _is_noun(token, parsed):
        left, right = token.left_edge, token.right_edge
        if token.dep_ == "poss":
            right = token
        return _trim(text, left.idx, right.idx + len(right.text), token.idx)
    if parsed:
        head = token.head if token.dep_ in ("aux", "auxpass") else token
        parts = [head] + [c for c in head.children if c.dep_ not in _EXCLUDED_DEPS]
        left = min(p.left_edge.i if p is not head else p.i for p in parts)
        right = max(p.right_edge.i if p is not head else p.i for p in parts)
        return _trim(text, doc[left].idx, doc[right].idx + len(doc[right].text), token.idx)
    sentence: SpacySpan = token.sent if doc.has_annotation("SENT_START") else doc[:]
    start = sentence.start_char
    clause = text[start : sentence.end_char]
    at = token.idx - start
    breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(clause)]
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


def _located(
    token: Token, text: str, span: tuple[int, int], mentions: Sequence[Mention], times: Sequence[Timex], parsed: bool
) -> bool:
    """An event noun is an event when its phrase places it, dates it, or names who takes part."""
    begin, end = span
    if not parsed:  # the blank pipeline's phrase is the whole clause: look near the noun only
        doc = token.doc
        begin, end = doc[max(0, token.i - 3)].idx, doc[min(len(doc) - 1, token.i + 6)].idx
    if any(begin <= t.span.begin and t.span.end <= end and t.timex_type != "DURATION" for t in times):
        return True
    if token.ent_type_ == "EVENT" or token.pos_ == "PROPN" or (not token.pos_ and token.is_title):
        return True  # a named event: "the Vilnius Summit", "the NATO Defense Ministerial Meeting"
    if parsed:
        children = list(token.children)
        if token.dep_ in ("dobj", "obj") and token.head.lemma_ in _LIGHT_VERBS:
            children += list(token.head.children)  # "held a meeting in Brussels": the place hangs on the verb
        for child in children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "of", "with", "between", "among"):
                return True
        return any(c.ent_type_ in ("GPE", "LOC", "FAC") for c in token.children if c.dep_ in ("compound", "amod"))
    phrase = text[token.idx : end]
    return bool(re.match(r"\S+\s+(?:in|at|of|with|between|among)\s", phrase)) or any(
        m.entity.type == "Place" and begin <= m.span.begin < token.idx for m in mentions
    )


def _agent(token: Token, inside: list[Mention], mentions: Sequence[Mention], parsed: bool, begin: int) -> Entity | None:
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


def _after_in_at(text: str, span: Span) -> bool:
    return bool(re.search(r"(?i)\b(?:in|at|to|from)\s+(?:the\s+)?$", text[max(0, span.begin - 10) : span.begin]))


def _coordinated(doc: Doc, text: str, first: Span, second: Span) -> bool:
    """The second trigger conjoined to the first (parse), or after a comma in the same sentence (blank)."""
    a = doc.char_span(first.begin, first.end, alignment_mode="expand")
    b = doc.char_span(second.begin, second.end, alignment_mode="expand")
    if a is None or b is None or (doc.has_annotation("SENT_START") and a[0].sent != b[0].sent):
        return False
    if doc.has_annotation("DEP") and b[0].dep_ == "conj" and b[0].head.i == a[0].i:
        return True
    return bool(re.fullmatch(r"[^.;:]{0,120},\s*(?:and\s+)?", text[first.end : second.begin]))


def _unique(entities: Iterable[Entity]) -> list[Entity]:
    seen: dict[object, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.iri, entity)
    return list(seen.values())


def _dedupe(events: list[EventMention], doc: Doc, text: str) -> list[EventMention]:
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
            participants = tuple(_unique([*previous.participants, *event.participants]))
            kept[-1] = replace(previous, evidence=evidence, participants=participants)
            continue
        kept.append(event)
    return sorted(kept, key=lambda e: (e.trigger.begin, e.trigger.end))
