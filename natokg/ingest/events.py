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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from natokg.ingest.cameo import Lexicon, known_code, load_lexicon
from natokg.ingest.event_roles import (
    ADDRESSED_KINDS,
    addressees_of,
    agent_of,
    dedupe,
    evidence_span,
    in_headline,
    is_noun,
    located,
    place_of,
    replaced_of,
    same_referent,
    unique_entities,
)
from natokg.ingest.event_rules import (
    ADJECTIVE_RULES,
    ATTRIBUTION_LINE,
    CALL_HEADLINE,
    CALL_MEDIA,
    CONTENT_KINDS,
    CONVERSE,
    FIRST_PERSON,
    FORCES,
    INTENT_ADJECTIVES,
    INTENT_TO_MEET,
    KNOWN_LEMMAS,
    LEXICON_ONLY,
    LOCATED,
    MEETING_NOUNS,
    NEEDS_VERB,
    NEGATED_ABSENCE,
    NOUN_RULES,
    NOUN_VERBS,
    OCCASION_NOUNS,
    PARTICLES,
    PLACES,
    PLEDGING_SUBJECTS,
    QUANTITY,
    QUOTE_MARKS,
    REPORTING,
    SEND_VERBS,
    SPEECH_KINDS,
    SPEECH_SETTINGS,
    STAND_IN,
    VERB_LEMMAS,
    VERB_RULES,
)
from natokg.ingest.model import EventMention, Mention, Quotation, Span, Timex
from natokg.ingest.posts import TITLE_HEADS, doc_view

if TYPE_CHECKING:  # spaCy is an optional dependency (the nlp extra)
    from spacy.tokens import Doc, Token


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
    attributions = [m.span() for m in ATTRIBUTION_LINE.finditer(text)]
    first_line = text.split("\n", 1)[0]
    # A readout headed "… Call with …" reports a telephone call: its talks are CAMEO 041.
    call = "\n" in text and not first_line.rstrip().endswith((".", "!", "?")) and CALL_HEADLINE.search(first_line)
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
        if any(b <= trigger[0] < e for b, e in attributions):
            continue  # "As stated by Spokesperson X:" attributes the text below; it reports no event
        if call and verb and kind == "Meeting" and code == "040" and _lemma(word) in CONVERSE | {"discuss"}:
            kind, code = ("Other" if _lemma(word) in CONVERSE else "Meeting"), "041"  # the call, as in event_rules
        if kind in SPEECH_KINDS and verb and _approves_in_clause(word, parsed):
            continue  # "said he is pleased with X": one event, the adjective's (CAMEO 051)
        if noun and kind in ("Meeting", "Summit") and _in_participation(word, lexicon, parsed):
            continue  # "participated in the ministerial": one event, the verb's
        if noun and word.lower_.rstrip("s") in NOUN_VERBS:
            code = lexicon.code(NOUN_VERBS[word.lower_.rstrip("s")], [])
        if noun and kind in CONTENT_KINDS and _object_of_event(word, lexicon, parsed):
            continue  # "reaffirmed U.S. commitment to NATO": one event, the verb's
        if kind == "Representation" and word.lower_ in STAND_IN and parsed:
            token = _governing_verb(word)
        begin, end = evidence_span(token, parsed, text)
        if kind in SPEECH_KINDS and verb and _elaborates(word, lexicon, parsed):
            continue  # "reaffirmed X, highlighting Y": one statement, the main verb's
        if kind in SPEECH_KINDS and not is_noun(token, parsed) and _reports(word):
            sentence = token.sent if sentenced else doc[:]
            phrase = text[sentence.start_char : sentence.end_char]
            if QUOTE_MARKS.search(phrase) or any(c.begin < end and begin < c.end for c in cues):
                continue  # the gold records "X said" with a direct quotation as a quotation
        if (
            kind in LOCATED
            and is_noun(token, parsed)
            and not located(token, text, (begin, end), mentions, times, parsed)
        ):
            continue
        inside = [m for m in mentions if begin <= m.span.begin and m.span.end <= end]
        agent = agent_of(token, inside, mentions, parsed, begin)
        place = place_of(kind, inside, text, doc if parsed else None, PLACES)
        # a name inside the agent's own title ("NATO" in "NATO Secretary General Mark Rutte") is no participant
        titles = [m.span for m in inside if m.entity == agent and m.kind == "title"]
        participants = unique_entities(
            m.entity
            for m in inside
            if m.entity not in (agent, place)
            and m.entity.type != "Place"
            and not any(t.begin <= m.span.begin and m.span.end <= t.end for t in titles)
        )
        addressees = addressees_of(word, inside, text, parsed) if kind in ADDRESSED_KINDS and verb else []
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
            addressees=tuple(a for a in addressees if a != agent),
            replaced=replaced_of(word, inside, parsed) if verb and kind == "Representation" else None,
        )
        if noun:
            earlier = next((e for e in nominal if same_referent(e, event, text)), None)
            if earlier is not None and not in_headline(text, earlier.evidence):
                continue
            if earlier is not None:  # the headline names what the body reports: keep the body's phrase
                events.remove(earlier)
                nominal.remove(earlier)
            nominal.append(event)
        events.append(event)
    return dedupe(events, doc, text)


# --------------------------------------------------------------------------- triggers


def _lemma(token: Token, lexicon: Lexicon | None = None) -> str:
    """spaCy's lemma, or with the blank pipeline the form with a regular English ending removed; a
    model lemma that no rule knows yields to a regular form that one does ("waging": the small
    model's "wag", the rules' "wage")."""
    model = token.lemma_.lower()  # a lemmatizer ran (Doc.has_annotation would walk the whole doc per token)
    if model in KNOWN_LEMMAS:
        return model
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
    if model:
        return model
    for candidate in candidates:
        if lexicon is not None and candidate in lexicon:
            return candidate
    return word


def _verbal(token: Token, parsed: bool) -> bool:
    if token.pos_:
        return token.pos_ in ("VERB", "AUX") or (token.lower_ == "thank" and token.i + 1 < len(token.doc))
    return not is_noun(token, parsed) or token.lower_ == "thank"


def _following(token: Token, *, adjectives: bool = True) -> list[str]:
    """The (up to eight) words after a trigger in its sentence; without ``adjectives`` for the
    lexicon's patterns ("waging a cruel and reckless war" matches "wage war": PETRARCH2's patterns
    name heads)."""
    words = []
    for following in token.doc[token.i + 1 : token.i + 12]:
        if following.is_sent_start:  # Token.sent would walk the sentence: stop at the next one instead
            break
        if adjectives or following.pos_ != "ADJ":
            words.append(following.lower_)
    return words[:8]


def _verb_event(token: Token, lexicon: Lexicon, parsed: bool) -> tuple[str, str | None, tuple[int, int]] | None:
    lemma = _lemma(token, lexicon)
    following = _following(token)
    trigger = (token.idx, token.idx + len(token.text))
    negated = _negated(token, parsed)
    if lemma in NEGATED_ABSENCE and negated:
        return "Absence", None, trigger
    if negated:
        return None
    if parsed and _unrealised(token):
        return None
    if lemma == "have" and following[:1] == ["to"] and _subject_person(token, parsed) not in FIRST_PERSON:
        return "Demand", "100", (token.idx, token.nbor(1).idx + 2)
    if lemma in CONVERSE and CALL_MEDIA & set(following[:3]):
        return "Other", "041", trigger  # "spoke by phone with": a call (CAMEO 041), gold kind Other
    if lemma == "speak" and "with" in following[:2]:
        return "Meeting", "040", trigger
    if lemma == "speak" and following[:1] in (["at"], ["to"]) and SPEECH_SETTINGS & set(following[:5]):
        return "Statement", "010", trigger  # "spoke at a news conference", "spoke to reporters"
    if lemma == "join" and (joined := _joined(token, parsed)) is not None:
        return ("Meeting", "040", trigger) if joined else None
    if lemma == "address" and not _person_subject(token, parsed):
        return None  # "to address the threat" is tackling it; "he addressed the risks" is speech
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
        code = known_code(lexicon.code(lemma, _following(token, adjectives=False)))
        return (kind, code, trigger) if code is not None and code.startswith(family) else None
    if lemma == "replace":
        return ("Representation", None, trigger) if _stands_in_at_meeting(token, parsed) else None
    if lemma in ("stay", "remain") and _stays_away(token, parsed):
        return "Absence", None, trigger
    if lemma not in VERB_RULES:
        return _pledge(token, parsed, trigger)
    kind, family, default = VERB_RULES[lemma]
    if kind == "Meeting" and lemma == "meet" and not _meets_someone(token, parsed):
        return None  # "to meet the dangers", "meet a target": not a meeting
    if kind == "Meeting" and lemma == "talk" and not {"to", "with"} & set(following[:2]):
        return None  # "talked about a plan" is speech; "talking to counterparts" is a meeting
    if lemma == "participate" and ("in" not in following[:3] or not MEETING_NOUNS & set(following)):
        return None  # taking part in a meeting is consulting; "participated in the project" is not
    if lemma == "commit" and "to" not in following[:3]:
        return None  # "commit" without "to" is "perpetrate" (PETRARCH's PERPETUATE block)
    if lemma == "discuss" and _with_others(token, parsed):
        return "Meeting", "040", trigger  # discussing with someone is consulting (CAMEO 040)
    code = lexicon.code(lemma, _following(token, adjectives=False))
    if family is None:
        code = None
    elif code is None or not code.startswith(family) or known_code(code) is None:
        code = default
    if kind == "Agreement" and QUANTITY.search(" ".join(following)):
        code = "057"  # agreeing to a stated figure: CAMEO 057 Sign formal agreement (background-facts.md)
    return kind, code, trigger


def _stands_in_at_meeting(token: Token, parsed: bool) -> bool:
    """ "replacing X" names a stand-in at a meeting: its sentence names a meeting or summit ("arrived …
    for a NATO summit, replacing Defence Minister Bill Blair"), its object is a person, and no "as" +
    title follows ("replacing X as prime minister" is succession in office, not a stand-in)."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    sentence = doc[start:end]
    if not any(t.lower_.rstrip("s") in MEETING_NOUNS or t.lower_ in MEETING_NOUNS for t in sentence):
        return False
    after = [t for t in doc[token.i + 1 : end] if not t.is_punct or t.text != ","][:8]
    if any(t.lower_ == "as" for t in after):
        return False
    if parsed:
        objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        return any(o.ent_type_ == "PERSON" or o.lower_ in ("him", "her") for o in objects)
    return bool(after) and after[0].text[:1].isupper()


def _stays_away(token: Token, parsed: bool) -> bool:
    """ "replacing Defence Minister Bill Blair, who stayed in Ottawa": the person a stand-in replaces at a
    meeting stayed elsewhere, an absence from it (needs the parse: the relative clause on the object of
    "replacing")."""
    if not parsed or token.dep_ != "relcl":
        return False
    replacing = token.head.head
    return (
        token.head.dep_ in ("dobj", "obj")
        and _lemma(replacing) == "replace"
        and _stands_in_at_meeting(replacing, parsed)
        and bool({"in", "at", "home", "away", "behind"} & set(_following(token)[:1]))
    )


def _unrealised(token: Token) -> bool:
    """An infinitive that completes a noun of occasion ("an opportunity to discuss", "time to speak
    with us"; not "an honor to represent"), an adjective of feeling that is itself the event ("pleased
    to be joined") or states a purpose ("joining his colleagues to discuss …") names what may happen,
    not an event the text reports (needs the parse)."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children) and not (
        token.dep_ == "auxpass" or any(c.dep_ == "auxpass" and c.tag_ == "TO" for c in token.children)
    ):
        return False
    head = token.head
    if head.pos_ == "NOUN":
        return head.lemma_.lower() in OCCASION_NOUNS
    if head.pos_ == "ADJ":
        return head.lower_ in ADJECTIVE_RULES  # "pleased to be joined": the adjective is the event
    return token.dep_ == "advcl" and head.pos_ == "VERB" and head.lemma_ != "go"  # "went on to say" reports


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


def _joined(token: Token, parsed: bool) -> bool | None:
    """What "join" takes: office-holders ("joining his 27 NATO allied Ministers") make it a meeting
    (True), a meeting noun ("thank you for joining this discussion") no event of its own (False), anything
    else (an alliance, a coalition) None: accession, as :data:`VERB_RULES` says. The people may also be
    the head of the next words ("joining his 27 NATO allied Ministers"), which the parse may miss."""
    words = []
    for word in _following(token)[:6]:
        if word in (",", ".", ";", "to", "in", "at", "for", "and"):
            break
        words.append(word)
    if words and (words[-1] in _JOINED_PEOPLE or words[-1].rstrip("s") in _JOINED_PEOPLE):
        return True
    if not parsed:
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "obj")]
    if any(o.lemma_.lower() in _JOINED_PEOPLE for o in objects):
        return True
    if any(o.lemma_.lower() in NOUN_RULES and NOUN_RULES[o.lemma_.lower()][0] == "Meeting" for o in objects):
        return False
    return None


#: whom one joins in a meeting: "joining his NATO counterparts"
_JOINED_PEOPLE = frozenset({"minister", "counterpart", "colleague", "leader", "ally", "us", "them", "you"})


def _person_subject(token: Token, parsed: bool) -> bool:
    """The verb's subject is a person: a name, "he"/"she", or a title ("the secretary"); needs the parse."""
    if not parsed:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ == "conj":
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    return any(
        s.ent_type_ == "PERSON" or s.lower_ in ("he", "she", "i") or s.lemma_.lower() in TITLE_HEADS for s in subjects
    )


def _approves_in_clause(token: Token, parsed: bool) -> bool:
    """A reporting verb whose clause is an adjective of approval: "said he is pleased with …"."""
    if not parsed or not _reports(token):
        return False
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    return any(t.dep_ == "acomp" and t.lower_ in ADJECTIVE_RULES for c in clauses for t in c.children)


def _in_participation(token: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """A meeting noun that is what an event verb takes part in: "participated in his sixth ministerial"."""
    if not parsed:
        before = token.doc[max(0, token.i - 6) : token.i]
        ins = [t for t in before if t.lower_ == "in" and t.i > 0]
        verb = token.doc[ins[-1].i - 1] if ins else None
        between = token.doc[ins[-1].i + 1 : token.i] if ins else []
        return verb is not None and _lemma(verb) == "participate" and not any(t.is_punct for t in between)
    if token.dep_ != "pobj" or token.head.lower_ != "in":
        return False
    verb = token.head.head
    return _lemma(verb) == "participate" and _verbal(verb, parsed) and _verb_event(verb, lexicon, parsed) is not None


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
    if not is_noun(token, parsed) and (parsed or _lemma(token) in VERB_LEMMAS):
        return None
    if token.dep_ == "compound" and _noun_event(token.head, parsed) is not None:
        return None  # "Ministerial" in "the NATO Defense Ministerial Meeting": one event, named by its head
    kind, code = NOUN_RULES[word]
    if word in NEEDS_VERB and not _after_light_verb(token, parsed, NEEDS_VERB[word]):
        return None
    if word == "aggression" and not _of_a_state(token, parsed):
        return None
    return kind, code, (token.idx, token.idx + len(token.text))


def _of_a_state(token: Token, parsed: bool) -> bool:
    """The noun is a state's act: a state as possessor or adjective ("Russia's aggression", "increased
    Russian aggression"), and not what one defends against ("protect against Russian aggression")."""
    doc = token.doc
    if token.i > 0 and any(t.lower_ in ("against", "deter", "deterring") for t in doc[max(0, token.i - 4) : token.i]):
        return False
    if parsed:
        return any(c.dep_ in ("poss", "amod", "compound") and c.ent_type_ in ("GPE", "NORP") for c in token.children)
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ in ("'s", "’s") and token.i > 1:
        before = doc[token.i - 2]
    return before is not None and before.text[:1].isupper() and not before.is_sent_start


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


def _object_of_event(token: Token, lexicon: Lexicon, parsed: bool) -> bool:
    """The noun is the direct object of a verb that is itself an event trigger (needs the parse)."""
    if not parsed or token.dep_ not in ("dobj", "obj"):
        return False
    return _verbal(token.head, parsed) and _verb_event(token.head, lexicon, parsed) is not None
