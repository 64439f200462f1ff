"""Events an article reports, typed with the gold kinds and CAMEO 1.1b3 codes.

Triggers are verbs, event nouns and predicate adjectives ("grateful"). The kind comes from the
tables of :mod:`natokg.ingest.event_rules` (a meeting, an absence, a representation, an appeal …)
and the rules below; the CAMEO code from the PETRARCH2 verb lexicon
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

Rules that keep one event per happening: a repeated event noun of the same kind ("Russia's
invasion of Ukraine" … "the invasion") is the first mention's event unless an argument or a name
tells them apart (a headline's mention yields to the body's); an event noun that is the object of
an event verb ("reaffirmed its commitment") is that verb's content; a participle clause that
elaborates a statement ("…, highlighting X") is part of it. "Discuss" is a Meeting with someone
named or a plural subject and a Statement otherwise; a first-person "will" + verb is a pledge
(CAMEO 030) when the parse shows it.

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
from natokg.ingest.event_rules import (
    ADJECTIVE_RULES,
    CALL_MEDIA,
    CLAUSE_BREAK,
    CONTENT_KINDS,
    CONVERSE,
    EXCLUDED_DEPS,
    FIRST_PERSON,
    FORCES,
    INTENT_ADJECTIVES,
    INTENT_TO_MEET,
    KNOWN_LEMMAS,
    LEXICON_ONLY,
    LIGHT_VERBS,
    LOCATED,
    MEETING_NOUNS,
    NAMES_PARTICIPANTS,
    NEEDS_VERB,
    NEGATED_ABSENCE,
    NOUN_RULES,
    NOUN_VERBS,
    PARTICLES,
    PLACES,
    PLEDGING_SUBJECTS,
    QUANTITY,
    QUOTE_MARKS,
    REPORTING,
    SEND_VERBS,
    SPEECH_KINDS,
    STAND_IN,
    VERB_LEMMAS,
    VERB_RULES,
)
from natokg.ingest.model import Entity, EventMention, Mention, Quotation, Span, Timex
from natokg.ingest.posts import doc_view

if TYPE_CHECKING:  # spaCy is an optional dependency (the nlp extra)
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


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
    sentenced = parsed or doc.has_annotation("SENT_START")  # once: each call walks the whole doc
    text = doc_view(doc).text  # Doc.text joins the tokens on each call: the view reads it once per Doc
    cues = [q.cue for q in quotations if q.cue is not None] + [q.quote for q in quotations]
    events: list[EventMention] = []
    nominal: list[EventMention] = []  # events named by a noun, for coreference ("the invasion" again)
    for word in doc:
        token = word  # the token whose clause or phrase the event cites
        verb = _verb_event(word, lexicon, parsed) if _verbal(word, parsed) else None
        noun = None if verb else _noun_event(word, parsed)
        found = verb or noun or _stand_in(word) or _adjective_event(word, parsed)
        if found is None:
            continue
        kind, code, trigger = found
        if noun and word.lower_.rstrip("s") in NOUN_VERBS:
            code = lexicon.code(NOUN_VERBS[word.lower_.rstrip("s")], [])
        if noun and kind in CONTENT_KINDS and _object_of_event(word, lexicon, parsed):
            continue  # "reaffirmed U.S. commitment to NATO": one event, the verb's
        if kind == "Representation" and word.lower_ in STAND_IN and parsed:
            token = _governing_verb(word)
        begin, end = _evidence(token, parsed, text)
        if kind in SPEECH_KINDS and verb and _elaborates(word, lexicon, parsed):
            continue  # "reaffirmed X, highlighting Y": one statement, the main verb's
        if kind in SPEECH_KINDS and not _is_noun(token, parsed) and _reports(word):
            sentence = token.sent if sentenced else doc[:]
            phrase = text[sentence.start_char : sentence.end_char]
            if QUOTE_MARKS.search(phrase) or any(c.begin < end and begin < c.end for c in cues):
                continue  # the gold records "X said" with a direct quotation as a quotation
        if (
            kind in LOCATED
            and _is_noun(token, parsed)
            and not _located(token, text, (begin, end), mentions, times, parsed)
        ):
            continue
        inside = [m for m in mentions if begin <= m.span.begin and m.span.end <= end]
        agent = _agent(token, inside, mentions, parsed, begin)
        place = next((m.entity for m in inside if m.entity.type in PLACES and _after_in_at(text, m.span)), None)
        participants = _unique(m.entity for m in inside if m.entity not in (agent, place) and m.entity.type != "Place")
        time = next(
            (t for t in times if begin <= t.span.begin and t.span.end <= end and t.timex_type != "DURATION"), None
        )
        quantity = QUANTITY.search(text, begin, end)
        event = EventMention(
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
        if noun:
            earlier = next((e for e in nominal if _same_referent(e, event, text)), None)
            if earlier is not None and not _in_headline(text, earlier.evidence):
                continue
            if earlier is not None:  # the headline names what the body reports: keep the body's phrase
                events.remove(earlier)
                nominal.remove(earlier)
            nominal.append(event)
        events.append(event)
    return _dedupe(events, doc, text)


# --------------------------------------------------------------------------- triggers


def _lemma(token: Token, lexicon: Lexicon | None = None) -> str:
    """spaCy's lemma, or with the blank pipeline the form with a regular English ending removed."""
    if token.lemma_:  # a lemmatizer ran (Doc.has_annotation would walk the whole doc for every token)
        return token.lemma_.lower()
    word = token.lower_
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
    irregular |= {"held": "hold", "struck": "strike", "saw": "see", "seen": "see", "sent": "send"}
    irregular |= {"spoke": "speak", "spoken": "speak"}
    if word in irregular:
        return irregular[word]
    for candidate in candidates:
        if candidate in KNOWN_LEMMAS:
            return candidate
    for candidate in candidates:
        if lexicon is not None and candidate in lexicon:
            return candidate
    return word


def _is_noun(token: Token, parsed: bool) -> bool:
    if token.pos_:
        return token.pos_ in ("NOUN", "PROPN")
    previous = token.nbor(-1).lower_ if token.i > 0 else ""
    determiners = ("a", "an", "the", "'s", "’s", "its", "their", "his", "her", "this", "that", "by")
    return previous in determiners or token.is_title


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
    if lemma == "have" and following[:1] == ["to"] and _subject_person(token, parsed) not in FIRST_PERSON:
        return "Demand", "100", (token.idx, token.nbor(1).idx + 2)
    if lemma in CONVERSE and CALL_MEDIA & set(following[:3]):
        return "Other", "041", trigger  # "spoke by phone with": a call (CAMEO 041), gold kind Other
    if lemma == "speak" and "with" in following[:2]:
        return "Meeting", "040", trigger
    if lemma == "call" and _calls_someone(token, parsed):
        return "Other", "041", trigger  # "called John Roe": PETRARCH2's bare "call" is 041
    if lemma in PARTICLES:
        particles, kind = PARTICLES[lemma]
        if not following or following[0] not in particles:
            return None
        trigger = (token.idx, token.nbor(1).idx + len(token.nbor(1).text))
        if kind is not None:
            return kind, None, trigger
    if lemma == "see" and tuple(following[:2]) in (("each", "other"), ("one", "another")):
        return "Meeting", "040", trigger  # "we saw each other in Warsaw": a meeting (CAMEO 040 Consult)
    if lemma in SEND_VERBS | {"deploy", "station"} and FORCES & set(following):
        return "Deployment", None, trigger  # forces sent or placed: no CAMEO code for one's own deployment
    if lemma in LEXICON_ONLY:
        kind, family = LEXICON_ONLY[lemma]
        code = known_code(lexicon.code(lemma, following))
        return (kind, code, trigger) if code is not None and code.startswith(family) else None
    if lemma not in VERB_RULES:
        return _pledge(token, parsed, trigger)
    kind, family, default = VERB_RULES[lemma]
    if kind == "Meeting" and lemma == "meet" and not _meets_someone(token, parsed):
        return None  # "to meet the dangers", "meet a target": not a meeting
    if kind == "Meeting" and lemma == "talk" and not {"to", "with"} & set(following[:2]):
        return None  # "talked about a plan" is speech; "talking to counterparts" is a meeting
    if lemma == "participate" and (following[:1] != ["in"] or not MEETING_NOUNS & set(following)):
        return None  # taking part in a meeting is consulting; "participated in the project" is not
    if lemma == "commit" and "to" not in following[:3]:
        return None  # "commit" without "to" is "perpetrate" (PETRARCH's PERPETUATE block)
    if lemma == "discuss" and _with_others(token, parsed):
        return "Meeting", "040", trigger  # discussing with someone is consulting (CAMEO 040)
    code = lexicon.code(lemma, following)
    if family is None:
        code = None
    elif code is None or not code.startswith(family) or known_code(code) is None:
        code = default
    if kind == "Agreement" and QUANTITY.search(" ".join(following)):
        code = "057"  # agreeing to a stated figure: CAMEO 057 Sign formal agreement (background-facts.md)
    return kind, code, trigger


def _calls_someone(token: Token, parsed: bool) -> bool:
    """ "called John Roe", "called him": a person as the direct object (needs the parse; not "called it X")."""
    if not parsed:
        return False
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    complements = [c for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp")]
    people = ("him", "her", "them", "you", "me", "us")
    return not complements and any(o.ent_type_ == "PERSON" or o.lower_ in people for o in objects)


def _pledge(token: Token, parsed: bool, trigger: tuple[int, int]) -> tuple[str, str | None, tuple[int, int]] | None:
    """ "we will stand by Ukraine": a first-person "will" + verb is a commitment (CAMEO 030 Express intent
    to cooperate), triggered by "will" and the verb. Needs the parse (the verb's own "will" and subject)."""
    if not parsed or token.pos_ != "VERB" or token.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    will = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in ("will", "'ll", "’ll")), None)
    if will is None or _subject_person(token, parsed) not in PLEDGING_SUBJECTS:
        return None
    # a commitment is to someone: an actor as object ("support Ukraine", "stand by our allies"), not "we will decide"
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj", "dative")]
    objects += [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    actors = ("GPE", "ORG", "NORP", "PERSON")
    if not any(o.ent_type_ in actors or o.lower_ in ("allies", "partners", "you", "them") for o in objects):
        return None
    return "Pledge/Commitment", "030", (will.idx, trigger[1])


def _with_others(token: Token, parsed: bool) -> bool:
    """The verb has a "with" phrase (on itself or on the verb it is conjoined to), or a plural subject:
    "discussed X with Y", "sit down with you and discuss", "they discussed", "the participants discussed"."""
    if not parsed:
        return "with" in _following(token)[:4] or _subject_person(token, parsed) in ("they", "we")
    heads = [token, token.head] if token.dep_ in ("conj", "xcomp") else [token]
    if any(c.dep_ == "prep" and c.lower_ == "with" for h in heads for c in h.children):
        return True
    subjects = [c for h in heads for c in h.children if c.dep_ == "nsubj"]
    return any(s.lower_ in ("they", "we") or "Plur" in s.morph.get("Number") or s.conjuncts for s in subjects)


def _adjective_event(token: Token, parsed: bool) -> tuple[str, str | None, tuple[int, int]] | None:
    """ "I am grateful for …", "we are pleased by …": a predicate adjective of thanks or approval."""
    if token.lower_ in INTENT_ADJECTIVES:
        following = _following(token)
        if following[:1] == ["to"] and INTENT_TO_MEET & set(following[1:5]):
            return "Statement", "036", (token.idx, token.idx + len(token.text))
        return None
    if token.lower_ not in ADJECTIVE_RULES:
        return None
    if parsed and token.dep_ != "acomp":
        return None
    if not parsed and (token.i == 0 or token.nbor(-1).lower_ not in ("am", "'m", "’m", "is", "are", "was", "were")):
        return None
    kind, code = ADJECTIVE_RULES[token.lower_]
    return kind, code, (token.idx, token.idx + len(token.text))


def _reports(token: Token) -> bool:
    """A reporting verb ("said", "told", "added"): it may cue a quotation, and inside one it is talk
    ("let me just say"). Other statement verbs ("condemn", "praise") report an act even when quoted."""
    return _lemma(token) in REPORTING


def _elaborates(token: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """A participle clause of a statement verb that adds to another statement: "reaffirmed X, highlighting Y"."""
    if not parsed or token.tag_ != "VBG" or token.dep_ != "advcl" or token.head is token:
        return False
    head = _verb_event(token.head, lexicon, parsed) if _verbal(token.head, parsed) else None
    return head is not None and head[0] in SPEECH_KINDS


def _stand_in(token: Token) -> tuple[str, str | None, tuple[int, int]] | None:
    """ "in place of X", "on behalf of X": a Representation (no CAMEO code), triggered by the phrase."""
    doc = token.doc
    if token.lower_ not in STAND_IN or not 0 < token.i < len(doc) - 1:
        return None
    before, after = doc[token.i - 1], doc[token.i + 1]
    if before.lower_ != STAND_IN[token.lower_] or after.lower_ != "of":
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
    lemma = token.lemma_.lower() if parsed else lower
    if lemma in NOUN_RULES:
        word = lemma
    elif lower in NOUN_RULES:
        word = lower
    elif lower[:-1] in NOUN_RULES and lower.endswith("s"):
        word = lower[:-1]
    else:
        return None
    # without a parse, a word that is also a verb trigger ("meeting", "talks", "attack") needs noun context
    if not _is_noun(token, parsed) and (parsed or _lemma(token) in VERB_LEMMAS):
        return None
    if token.dep_ == "compound" and _noun_event(token.head, parsed) is not None:
        return None  # "Ministerial" in "the NATO Defense Ministerial Meeting": one event, named by its head
    kind, code = NOUN_RULES[word]
    if word in NEEDS_VERB and not _after_light_verb(token, parsed, NEEDS_VERB[word]):
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
    # a person named, a group of office-holders, or a pronoun for people ("met him", "met some of them")
    people = ("counterparts", "ministers", "leaders", "him", "her", "them", "you", "us", "some", "each")
    return any(o.ent_type_ in actors or o.lower_ in people for o in objects)


def _after_light_verb(token: Token, parsed: bool, verbs: set[str]) -> bool:
    """The noun is the object of one of ``verbs`` (parse), or follows one within four words (blank)."""
    if parsed:
        if any(c.dep_ == "compound" and c.lower_ in CALL_MEDIA for c in token.children):
            return True  # "a phone call", "a video call"
        if any(c.dep_ in ("relcl", "acl") and c.lemma_ in verbs for c in token.children):
            return True  # "the first call Austin made"
        return token.dep_ in ("dobj", "obj") and token.head.lemma_ in verbs
    window = token.doc[max(0, token.i - 4) : token.i + 3]
    return any(_lemma(t) in verbs or t.lower_ in CALL_MEDIA for t in window if t.i != token.i)


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


def _located(
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


def _object_of_event(token: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """The noun is the direct object of a verb that is itself an event trigger (needs the parse)."""
    if not parsed or token.dep_ not in ("dobj", "obj"):
        return False
    return _verbal(token.head, parsed) and _verb_event(token.head, lexicon, parsed) is not None


def _same_referent(earlier: EventMention, later: EventMention, text: str) -> bool:
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


def _in_headline(text: str, span: Span) -> bool:
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
