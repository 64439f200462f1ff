"""The lexical rules of event extraction (:mod:`natokg.ingest.events`): trigger words, their event
kinds and CAMEO 1.1b3 codes.

Codes: a verb's code comes from the PETRARCH2 lexicon (``ontology/cameo-verbs.tsv``, see
:mod:`natokg.ingest.cameo`) when it lies in the family the kind allows; otherwise the fallback
written here, which is either the code whose CAMEO 1.1b3 codebook definition names the verb
("thank" 051 Praise or endorse, "sign" 057 Sign formal agreement, "host" 043 Host a visit) or the
family's "not specified below" root (020, 040, 100). Event kinds are the gold kinds of
``shared/corpus/README.md``.

>>> VERB_RULES["urge"], NOUN_RULES["summit"], ADJECTIVE_RULES["grateful"]
(('Appeal', '02', '020'), ('Summit', '040'), ('Thanks', '051'))
"""

from __future__ import annotations

import re

# Verb lemma -> (kind, CAMEO family the code must start with, fallback code). The code is the lexicon's
# (PETRARCH2) when it lies in the family; else the fallback, which is the CAMEO 1.1b3 code whose
# codebook definition names the verb or the family's "not specified below" root (020, 040, 100 …);
# None = no CAMEO code fits (absence, representation, arrival, handover, a deployment of one's own forces).
VERB_RULES: dict[str, tuple[str, str | None, str | None]] = {
    # appeals (CAMEO 02: "appeal, urge, call for/on, ask, request"; the codebook lists "encourage" under 02)
    "call": ("Appeal", "02", "020"),
    "urge": ("Appeal", "02", "020"),
    "appeal": ("Appeal", "02", "020"),
    "ask": ("Appeal", "02", "020"),
    "request": ("Appeal", "02", "020"),
    "encourage": ("Appeal", "02", "020"),
    # demands (CAMEO 10)
    "demand": ("Demand", "10", "100"),
    "insist": ("Demand", "10", "100"),
    # thanks (CAMEO 051 Praise or endorse)
    "thank": ("Thanks", "051", "051"),
    # praise, endorsement, welcome: statements whose content is approval (CAMEO 05 "Engage in diplomatic
    # cooperation", 051 Praise or endorse)
    "praise": ("Statement", "05", "051"),
    "commend": ("Statement", "05", "051"),
    "applaud": ("Statement", "05", "051"),
    "hail": ("Statement", "05", "051"),
    "welcome": ("Statement", "0", "051"),
    # criticism (CAMEO 111 Criticize or denounce)
    "condemn": ("Statement", "11", "111"),
    "denounce": ("Statement", "11", "111"),
    "criticize": ("Statement", "11", "111"),
    "criticise": ("Statement", "11", "111"),
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
    "underscore": ("Statement", "01", "010"),
    "emphasize": ("Statement", "01", "010"),
    "emphasise": ("Statement", "01", "010"),
    "highlight": ("Statement", "01", "010"),
    "discuss": ("Statement", "01", "010"),  # a Meeting when with someone (see _verb_event)
    "address": ("Statement", "01", "010"),  # "he addressed the risks": a person's speech (see _verb_event)
    # reaffirming, expressing: the lexicon's pattern gives the content (030 commitment, 051 support …)
    "reiterate": ("Statement", "0", "010"),
    "reaffirm": ("Statement", "0", "010"),
    "express": ("Statement", "0", "010"),
    "convey": ("Statement", "0", "010"),
    # meetings (CAMEO 04 Consult; 040, 043 host)
    "meet": ("Meeting", "04", "040"),
    "talk": ("Meeting", "04", "040"),
    "consult": ("Meeting", "04", "040"),
    "confer": ("Meeting", "04", "040"),
    "convene": ("Meeting", "04", "040"),
    "participate": ("Meeting", "04", "040"),
    "host": ("Meeting", "04", "043"),
    "phone": ("Meeting", "04", "041"),
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
    "deploy": ("Deployment", None, None),
    "station": ("Deployment", None, None),
    "invest": ("Investment", "06", "061"),
    # accession to an alliance or organisation: no gold kind of its own, no CAMEO code
    "join": ("Other", None, None),
    "accede": ("Other", None, None),
    # sanctions (CAMEO 163 Impose embargo, boycott, or sanctions): gold kind Other
    "sanction": ("Other", "16", "163"),
    "invade": ("Other", "19", "190"),
    "attack": ("Other", "19", "190"),
}
#: verbs that are an event only when the lexicon gives them a code in a family: "provide assistance" (070)
LEXICON_ONLY: dict[str, tuple[str, str]] = {v: ("Other", "07") for v in ("provide", "supply", "send", "deliver")}
LEXICON_ONLY["wage"] = ("Other", "19")  # "waging a war" (190); "wage growth" is no event
LEXICON_ONLY["impose"] = ("Other", "16")  # "imposed sanctions" (163); "impose taxes" is no event
#: verbs that send forces: a Deployment when their object names troops ("placed thousands of troops under")
SEND_VERBS = {"send", "place", "move", "position", "dispatch", "base", "rotate"}
FORCES = {"troops", "forces", "soldiers", "personnel", "battalion", "battalions", "brigade", "brigades", "jets"}
#: adjectives that report thanks or approval: "I am grateful for", "I am pleased by" (CAMEO 051)
ADJECTIVE_RULES: dict[str, tuple[str, str]] = {
    "grateful": ("Thanks", "051"),
    "thankful": ("Thanks", "051"),
    "pleased": ("Statement", "051"),
    "glad": ("Statement", "051"),
    "delighted": ("Statement", "051"),
}
#: nouns whose infinitive names a possibility, not an event: "an opportunity to discuss", "time to speak"
OCCASION_NOUNS = {"opportunity", "chance", "time", "occasion", "need", "way", "effort", "attempt", "bid"}
#: "ready to engage in dialogue", "willing to negotiate": CAMEO 036 Express intent to meet or negotiate
INTENT_ADJECTIVES = {"ready", "willing", "prepared", "open"}
INTENT_TO_MEET = {"engage", "negotiate", "talk", "talks", "meet", "dialogue", "negotiations", "discuss"}
#: subjects whose "will" + verb is a commitment (CAMEO 030 Express intent to cooperate): "we will stand by"
PLEDGING_SUBJECTS = {"we", "i"}
#: verbs that are an event only with a particle: "turn over", "hand over"; "call" needs on/for/upon
PARTICLES = {
    "turn": ({"over"}, "Handover"),
    "hand": ({"over"}, "Handover"),
    "call": ({"on", "for", "upon"}, None),
    "step": ({"down"}, "Other"),  # leaving a post: no CAMEO code
}
#: verbs that make an Absence when negated: "is not attending"
NEGATED_ABSENCE = {"attend", "join", "participate", "go", "travel", "come"}
#: "in place of", "on behalf of": the noun and the preposition before it
STAND_IN = {"place": "in", "behalf": "on"}
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
    "remarks": ("Statement", "010"),  # only as the object of a light verb: "providing remarks"
    "announcement": ("Announcement", "010"),
    "commitment": ("Pledge/Commitment", None),
    "pledge": ("Pledge/Commitment", None),
    "handover": ("Handover", None),
    # a (phone) call made or held: CAMEO 041 Discuss by telephone, gold kind Other
    "call": ("Other", "041"),
    "reassurance": ("Statement", None),  # code: the lexicon's for the verb (NOUN_VERBS)
    "assurance": ("Statement", None),
    # the use of force (CAMEO 190 Use conventional military force) and tensions: gold kind Other
    "invasion": ("Other", "190"),
    "aggression": ("Other", "190"),  # only with the state it is of: "Russia's aggression", "Russian aggression"
    "attack": ("Other", "190"),
    "tension": ("Other", None),
    # decisions and agreements reached: only as the object of a light verb ("made historic decisions")
    "decision": ("Agreement", None),
    "agreement": ("Agreement", None),
}
CALL_MEDIA = {"phone", "telephone", "video"}
#: verbs of conversation: with "by phone" a call (CAMEO 041 Discuss by telephone), with "with" a meeting (040)
CONVERSE = {"speak", "talk"}
#: event nouns whose CAMEO code is the PETRARCH2 lexicon's for their verb ("reassure" 051, "assure" 030)
NOUN_VERBS = {"reassurance": "reassure", "assurance": "assure"}
#: nouns of meetings: what "participated in" must be followed by to be a Meeting
MEETING_NOUNS = frozenset(n for n, (kind, _) in NOUN_RULES.items() if kind in ("Meeting", "Summit")) | {"talks"}
#: event nouns that are events only as the object of one of these verbs
NEEDS_VERB = {
    "decision": {"make", "take", "reach"},
    "agreement": {"reach", "sign", "conclude", "strike"},
    "call": {"make", "hold", "have", "place", "receive", "take"},
    "remarks": {"provide", "give", "deliver", "make", "offer"},
}
#: what a person speaks at or to that makes "spoke" a statement (CAMEO 010): "spoke at a news conference"
SPEECH_SETTINGS = {"conference", "reporters", "press", "briefing", "journalists", "audience", "forum", "media"}
#: a headline that names a telephone call: its meetings are discussions by telephone (CAMEO 041)
CALL_HEADLINE = re.compile(r"(?i)\b(?:call\s+with|phone\s+call|telephone|phone\s+conversation)\b")
#: a line that attributes the text below to its speaker ("As stated by Spokesperson X:"): no event
ATTRIBUTION_LINE = re.compile(r"\b(?:stated|attributable|attributed)\s+(?:by|to)\b[^\n]*:[ \t]*$", re.MULTILINE)
LOCATED = {"Meeting", "Summit", "Pledge/Commitment"}
#: meeting nouns that name who meets: located by themselves
NAMES_PARTICIPANTS = {"ministerial", "ministerials"}
#: noun kinds that are the content of a speech or pledge verb whose object they are ("reaffirmed its commitment")
CONTENT_KINDS = {"Pledge/Commitment", "Statement", "Announcement"}
SPEECH_KINDS = {"Statement"}
#: speech verbs that report words and may cue a direct quotation (the gold records those as quotations)
REPORTING = {"say", "tell", "add", "note", "state", "declare", "stress", "reiterate", "continue"}
REPORTING |= {"underscore", "emphasize", "emphasise", "highlight", "discuss", "explain", "insist"}
# quotation marks; an apostrophe inside or after a word ("alliance’s", "allies'") is not one
QUOTE_MARKS = re.compile("[\"“”‘]|(?<![A-Za-z])[’']|[’'](?![A-Za-z])")
QUANTITY = re.compile(
    r"(?i)(?:\d+(?:\.\d+)?\s?(?:%|percent|per\scent)(?:\s(?:\[?of\s(?:[\w’']+\s){0,3}?(?:GDP|gross\sdomestic\sproduct)\]?))?"
    r"|[$€£]\s?\d[\d,.]*(?:\s(?:million|billion|trillion))?"
    r"|\d[\d,.]*\s(?:(?:million|billion|trillion)\s)?(?:euros?|dollars?|pounds?))"
)
CLAUSE_BREAK = re.compile(r"[;:]|\s[-–—]\s|,\s(?:but|and|while|after|as|because|instead)\s")
FIRST_PERSON = {"i", "we"}
#: entity types that can be where an event happens ("in Brussels", "in Belgium")
PLACES = ("Place", "State")
#: verbs whose object names the event: "hold a meeting", "attend the summit"
LIGHT_VERBS = {"hold", "have", "attend", "host", "convene", "organise", "organize", "chair", "skip", "miss"}
VERB_LEMMAS = (
    CONVERSE | frozenset(VERB_RULES) | frozenset(PARTICLES) | NEGATED_ABSENCE | frozenset(LEXICON_ONLY) | SEND_VERBS
)
KNOWN_LEMMAS = (
    VERB_LEMMAS
    | frozenset(NOUN_RULES)
    | LIGHT_VERBS
    | {"make", "take", "reach", "sign", "conclude", "strike", "see", "will"}
)
EXCLUDED_DEPS = {"advcl", "conj", "cc", "parataxis", "punct", "mark", "preconj", "dep", "relcl"}
