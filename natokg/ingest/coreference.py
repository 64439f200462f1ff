"""Coreference of actor mentions: titles, pronouns and the people of transcripts and quotations.

The steps 5 and 6 of :mod:`natokg.ingest.actors`, which calls them on the mentions of names:

* a title before a person's name makes "NATO Secretary General Mark Rutte" a mention too; later
  "the secretary general" or the salutation "Mr. Secretary General" refers back to that person;
* he/she to the last person in subject position, him to the last person named who is not the
  subject of its own clause, his/her to the last person named;
* I/me/my in a transcript turn ("Secretary General Stoltenberg: …", "SECRETARY PETE HEGSETH: …") or
  after an introduction ("X provided the following statement:") refer to its speaker, you/your to
  the speaker of the nearest other turn; inside a quotation, I/me/my refer to its speaker and
  you/your to its audience.

>>> import spacy
>>> from natokg.ingest.actors import extract_mentions
>>> from natokg.ingest.gazetteer import Gazetteer
>>> doc = spacy.blank("en")("Secretary General Rutte: I thank you.\\nSecretary Hegseth: Thank you.")
>>> [(m.span.text, m.entity.label) for m in extract_mentions(doc, Gazetteer.default()) if m.kind == "pronoun"]
[('I', 'Mark Rutte'), ('you', 'Pete Hegseth'), ('you', 'Mark Rutte')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from natokg.ingest.gazetteer import Gazetteer
from natokg.ingest.model import Entity, Mention, Span
from natokg.ingest.posts import TITLE_HEADS, doc_view, name_tokens, title_before, token_index
from natokg.namespaces import NKG

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Head words of a title and the rank words that make it another post ("deputy secretary").
TITLE_WORDS = TITLE_HEADS | {"deputy", "assistant", "under", "vice", "acting"}
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_OBJECT_PRONOUNS = frozenset({"him"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
_FIRST_PERSON = frozenset({"i", "me", "my"})
#: A transcript turn's label: capitalised words, maybe joined by "of", "the" ("SECRETARY PETE HEGSETH:",
#: "Secretary of Defense Austin:").
_SPEAKER_LABEL = re.compile(r"^(?P<label>[A-Z][\w.,'’-]*(?: +(?:[A-Z][\w.,'’-]*|of|the|for|to|and)){0,8}):\s")
#: Words before a title that make it refer to its holder: "the secretary", "Mr. Secretary General".
_TITLE_REFERENCE = frozenset({"the", "mr.", "mr", "madam", "mrs.", "ms."})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
#: A header line of a transcript that gives a person's role: "Moderator – Peter Kaufman".
_ROLE_HEADER = re.compile(r"^(?P<role>[A-Z][a-z]+)\s*[–—-]\s+(?P<name>\S.*)$")
_INTRODUCTION = re.compile(r"\b(?:statement|remarks|comments)\b.*:\s*$")


def overlaps(spans: list[tuple[int, int]], begin: int, end: int) -> bool:
    """Whether [begin, end) overlaps one of ``spans`` (code points).

    >>> overlaps([(0, 5)], 4, 9), overlaps([(0, 5)], 5, 9)
    (True, False)
    """
    return any(b < end and begin < e for b, e in spans)


def quoted_pronouns(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """I, me, my inside a quotation refer to its speaker; you, your to its audience when that is a
    person; we, our, us to the organisation of the speaker's post in the article, where the article
    gives one ("NATO Secretary General Mark Rutte": "we" is NATO) and is no government department,
    with less confidence."""
    from natokg.ingest.quotations import attribute_quotations, find_quote_spans

    text = doc_view(doc).text
    spans, _ = find_quote_spans(text)
    quotations = [q for q in attribute_quotations(doc, spans, mentions) if q.speaker and q.speaker.type == "Person"]
    if not quotations:
        return []
    organisation_of = _organisations_of(doc, mentions, gazetteer)
    found = _third_person_in_quotations(text, quotations, mentions)
    for quotation in quotations:
        for word in re.finditer(r"\b(?:I|me|my|[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our)\b", quotation.quote.text):
            begin = quotation.quote.begin + word.start()
            span = Span.of(text, begin, begin + len(word.group()))
            if word.group() in ("I", "me", "my"):
                found.append(Mention(span, quotation.speaker, "pronoun", 0.8))
            elif word.group().lower() in ("you", "your"):
                if quotation.audience is not None and quotation.audience.type == "Person":
                    found.append(Mention(span, quotation.audience, "pronoun", 0.6))
            elif quotation.speaker in organisation_of:
                found.append(Mention(span, organisation_of[quotation.speaker], "pronoun", 0.5))
    return found


def role_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A role that a transcript's header gives a person ("Moderator – Peter Kaufman") names that
    person there and in each turn labelled with it ("Moderator: Thank you …"), so that the turn's
    I/me/my are that person's.

    >>> import spacy
    >>> from natokg.ingest.actors import extract_mentions
    >>> from natokg.ingest.gazetteer import Gazetteer
    >>> doc = spacy.blank("en")("Moderator – Mark Rutte\\nModerator: I thank you.")
    >>> [(m.span.text, m.entity.label) for m in extract_mentions(doc, Gazetteer.default()) if m.span.begin > 22]
    [('Moderator', 'Mark Rutte'), ('I', 'Mark Rutte')]
    """
    from natokg.ingest.posts import ROLE_WORDS

    text = doc_view(doc).text
    people = [m for m in mentions if m.entity.type == "Person" and m.kind in ("name", "alias")]
    roles: dict[str, Entity] = {}
    found: list[Mention] = []
    line_start = 0
    for line in text.split("\n"):
        header = _ROLE_HEADER.match(line)
        if header and header.group("role").lower() in ROLE_WORDS:
            person = _person_in(people, line_start + header.start("name"), line_start + len(line.rstrip()))
            if person is not None and header.group("role") not in roles:
                roles[header.group("role")] = person
                found.append(Mention(Span.of(text, line_start, line_start + header.end("role")), person, "alias", 0.7))
        label = _SPEAKER_LABEL.match(line)
        if label and label.group("label") in roles:
            end = line_start + label.end("label")
            found.append(Mention(Span.of(text, line_start, end), roles[label.group("label")], "alias", 0.7))
        line_start += len(line) + 1
    return found


def _organisations_of(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> dict[Entity, Entity]:
    """Person -> the organisation of a post the article gives them, when that is no government
    department (a minister's "we" may be the government, the state or the alliance)."""
    from natokg.ingest.posts import extract_posts

    organisation_of: dict[Entity, Entity] = {}
    for post in extract_posts(doc, mentions, gazetteer):
        org = post.organisation
        if (
            org is not None
            and org.type == "Organization"
            and not gazetteer.has_class(org.iri, NKG.GovernmentDepartment)
        ):
            organisation_of.setdefault(post.holder, org)
    return organisation_of


def turn_pronouns(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """We, our, us in a transcript turn refer to the organisation of the speaker's post, as in a
    quotation (:func:`quoted_pronouns`): in "Secretary General Stoltenberg: … We are ready", "We"
    is NATO.

    >>> import spacy
    >>> from natokg.ingest.actors import extract_mentions
    >>> from natokg.ingest.gazetteer import Gazetteer
    >>> doc = spacy.blank("en")("NATO Secretary General Mark Rutte opened.\\nSecretary General Rutte: We are ready.")
    >>> [(m.span.text, m.entity.label) for m in extract_mentions(doc, Gazetteer.default()) if m.span.text == "We"]
    [('We', 'NATO')]
    """
    text = doc_view(doc).text
    people = sorted((m for m in mentions if m.entity.type == "Person" and m.kind != "title"), key=lambda m: m.span)
    turns = _turn_addressees(text, people)
    if not turns:
        return []
    organisation_of = _organisations_of(doc, mentions, gazetteer)
    found = []
    for line_start, (speaker, _) in turns.items():
        org = organisation_of.get(speaker)
        if org is None:
            continue
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        for word in re.finditer(r"\b(?:[Ww]e|[Oo]ur|us)\b", line):
            begin = line_start + word.start()
            found.append(Mention(Span.of(text, begin, begin + len(word.group())), org, "pronoun", 0.5))
    return found


#: A publisher that is a body of the U.S. federal government ("The White House", "U.S. Department of State").
_US_PUBLISHER = re.compile(r"\b(?:White House|U\.S\.|US|United States|Department of|Pentagon|DOD|DoD)\b")


def publisher_pronouns(
    text: str, mentions: Sequence[Mention], quote_spans: Sequence[Span], publisher: str | None, gazetteer: Gazetteer
) -> list[Mention]:
    """We, our, us in the publisher's own voice refer to the publisher's state: in a U.S. government
    readout, "President Biden conveyed our full support" is the United States'. Not inside quotation
    marks (the speaker's) nor where another mention already covers the word (a transcript turn's); not
    in a text where someone says "I" or "you" outside quotation marks (a speech or a transcript: its
    "we" is the speaker's); a publisher that is no U.S. federal body gives nothing.
    Spans in code points.

    >>> text = 'The President conveyed our support. "We are ready," she said.'
    >>> [(m.span.text, m.entity.label) for m in publisher_pronouns(
    ...     text, [], [Span.of(text, 37, 50)], "The White House", Gazetteer.default())]
    [('our', 'United States')]
    """
    state = gazetteer.lookup("United States") if publisher and _US_PUBLISHER.search(publisher) else None
    if state is None:
        return []
    quoted = [(q.begin - 1, q.end + 1) for q in quote_spans]
    if any(not overlaps(quoted, w.start(), w.end()) for w in re.finditer(r"\b(?:I|me|my|[Yy]ou|[Yy]our)\b", text)):
        return []
    covered = [(m.span.begin, m.span.end) for m in mentions] + quoted
    found = []
    for word in re.finditer(r"\b(?:[Ww]e|[Oo]ur|us)\b", text):
        if not overlaps(covered, word.start(), word.end()):
            found.append(Mention(Span.of(text, word.start(), word.end()), state, "pronoun", 0.5))
    return found


def _third_person_in_quotations(text: str, quotations: list, mentions: list[Mention]) -> list[Mention]:
    """he/him/his/she/her inside a quotation, when resolved to the quotation's speaker or audience
    (who would be "I" and "you" there), refer instead to the last other person named before it:
    in Austin's words to Stoltenberg, "he galvanized the world by his actions" is Putin. Returns
    the corrected mentions (the caller drops the pronoun mentions at the same spans)."""
    people = sorted((m for m in mentions if m.entity.type == "Person" and m.kind != "pronoun"), key=lambda m: m.span)
    pronoun_at = {m.span: m for m in mentions if m.kind == "pronoun"}
    found = []
    for quotation in quotations:
        excluded = {quotation.speaker, quotation.audience} - {None}
        for word in re.finditer(r"\b(?:[Hh]e|him|[Hh]is|[Ss]he|[Hh]er)\b", quotation.quote.text):
            begin = quotation.quote.begin + word.start()
            span = Span.of(text, begin, begin + len(word.group()))
            current = pronoun_at.get(span)
            if current is None or current.entity not in excluded:
                continue
            other = next((m.entity for m in reversed(people) if m.span.end <= begin and m.entity not in excluded), None)
            if other is not None:
                found.append(Mention(span, other, "pronoun", 0.5))
    return found


def title_mentions(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], dict[str, Entity]]:
    """Title + name mentions (step 3), and each title's head words -> the person who holds it."""
    text = doc_view(doc).text
    start_of = token_index(doc)
    org_tokens = name_tokens(doc, mentions)
    found, holders = [], {}
    for m in mentions:
        first = start_of.get(m.span.begin)
        if m.entity.type != "Person" or m.kind == "pronoun" or first is None:
            continue
        start = title_before(doc, first, org_tokens)
        if start is None:
            continue
        found.append(Mention(Span.of(text, doc[start].idx, m.span.end), m.entity, "title"))
        heads = " ".join(t.lower_ for t in doc[start:first] if t.lower_ in TITLE_WORDS)
        holders.setdefault(heads, m.entity)
    return found, holders


def title_references(doc: Doc, holders: dict[str, Entity], taken: list[tuple[int, int]]) -> list[Mention]:
    """ "the secretary general", "Mr. Secretary General" -> the person who was named with that title before
    in the article."""
    if not holders:
        return []
    text, lower = doc_view(doc).text, doc_view(doc).lower
    found = []
    for i in (
        i
        for i, word in enumerate(lower)
        if word in _TITLE_REFERENCE and i + 1 < len(lower) and lower[i + 1] in TITLE_WORDS
    ):
        token = doc[i]
        j = i + 1
        while j < len(doc) and lower[j] in TITLE_WORDS:
            j += 1
        heads = " ".join(lower[i + 1 : j])
        if not heads or (j < len(doc) and doc[j].is_title and doc[j].pos_ in ("PROPN", "")):
            continue
        if j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_:
            # "the secretary-general" is the secretary general, not "the secretary"
            if lower[j + 1] not in TITLE_WORDS or doc[j].whitespace_:
                continue
            heads = f"{heads} {lower[j + 1]}"
            j += 2
        # "the secretary general" is the Secretary General; "the secretary" is not a deputy secretary.
        entity = holders.get(heads)
        begin, end = token.idx, doc[j - 1].idx + len(doc[j - 1].text)
        if entity is not None and not overlaps(taken, begin, end) and token.idx > 0:
            found.append(Mention(Span.of(text, begin, end), entity, "title", 0.7))
    return found


def pronoun_mentions(doc: Doc, mentions: list[Mention], has_parse: bool) -> list[Mention]:
    """Pronouns resolved to people (step 4); linear in the text."""
    text = doc_view(doc).text
    names = [m for m in mentions if m.entity.type == "Person" and m.kind != "title"]
    # A title that refers back ("the Secretary General") is a mention of its holder too ("thanked the
    # Secretary General for his efforts"); a title before a name is counted by the name.
    references = [
        m
        for m in mentions
        if m.entity.type == "Person"
        and m.kind == "title"
        and not any(m.span.begin <= n.span.begin and n.span.end <= m.span.end for n in names)
    ]
    people = sorted(names + references, key=lambda m: m.span)
    start_of = token_index(doc)
    person_at = {start_of[m.span.begin]: m for m in people if m.span.begin in start_of}
    end_of = doc_view(doc).end_of
    person_of_token = {
        i: m.entity
        for m in people
        if m.span.begin in start_of and m.span.end in end_of
        for i in range(start_of[m.span.begin], end_of[m.span.end] + 1)
    }
    recent: list[Entity] = []  # people in order of their last mention, most recent last
    paragraph_speaker: Entity | None = None
    addressee_of = _turn_addressees(text, people)
    addressee: Entity | None = None
    introduced: Entity | None = None
    last_person: Entity | None = None
    last_subject: Entity | None = None
    found: list[Mention] = []
    line_start = 0
    for token in doc:
        if (
            token.i == 0
            or "\n" in doc[token.i - 1].whitespace_
            or (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text)
        ):
            line_start = token.idx
            line_end = text.find("\n", line_start)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            paragraph_speaker, addressee = addressee_of.get(line_start, (None, None))
            if _INTRODUCTION.search(line.rstrip()):
                introduced = _person_in(people, line_start, line_start + len(line)) or introduced
        if token.i in person_at:
            mention = person_at[token.i]
            last_person = mention.entity
            if mention.entity in recent:
                recent.remove(mention.entity)
            recent.append(mention.entity)
            if (has_parse and _is_subject(doc, mention)) or not has_parse:
                last_subject = mention.entity
            continue
        low = token.lower_
        entity = None
        if low in _OBJECT_PRONOUNS and has_parse and (subject := _clause_subject(token, person_of_token)):
            # "Biden hosted Stoltenberg and praised him": him is not the subject of its own clause.
            entity = next((p for p in reversed(recent) if p != subject), None)
        elif low in _SUBJECT_PRONOUNS or low in _OBJECT_PRONOUNS:
            entity = last_subject or last_person
        elif low in _POSSESSIVE_PRONOUNS:
            entity = last_person
        elif low in _FIRST_PERSON and (token.text != "i"):
            entity = paragraph_speaker or introduced
        elif low in _SECOND_PERSON:
            entity = addressee
        if entity is None:
            continue
        found.append(Mention(Span.of(text, token.idx, token.idx + len(token.text)), entity, "pronoun", 0.7))
        if low in _SUBJECT_PRONOUNS and (not has_parse or token.dep_.startswith("nsubj")):
            last_subject = entity
    return found


def _clause_subject(token: Token, person_of_token: dict[int, Entity]) -> Entity | None:
    """The person who is the subject of the clause of ``token`` (through coordinated verbs: "Biden
    hosted Stoltenberg and praised him"), or None."""
    verb, seen = token.head, set()
    while verb.i not in seen:
        seen.add(verb.i)
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return person_of_token.get(subject.i)
        if verb.dep_ != "conj":
            return None
        verb = verb.head
    return None


def _turn_addressees(text: str, people: list[Mention]) -> dict[int, tuple[Entity, Entity | None]]:
    """Transcript turns ("Secretary General Stoltenberg: …") by the offset of their line: the speaker,
    and whom "you" addresses there, the speaker of the nearest other turn (before, else after), as in
    the exchange of two people that a transcript of remarks records."""
    turns: list[tuple[list[int], Entity]] = []
    line_start = 0
    for line in text.split("\n"):
        label = _SPEAKER_LABEL.match(line)
        speaker = _person_in(people, line_start, line_start + len(label.group("label"))) if label else None
        if speaker is not None:
            turns.append(([line_start], speaker))
        elif label is None and turns:
            turns[-1][0].append(line_start)  # a turn runs on until the next label
        line_start += len(line) + 1
    result: dict[int, tuple[Entity, Entity | None]] = {}
    for n, (lines, speaker) in enumerate(turns):
        before = (s for _, s in reversed(turns[:n]) if s != speaker)
        after = (s for _, s in turns[n + 1 :] if s != speaker)
        addressee = next(before, None) or next(after, None)
        result.update((start, (speaker, addressee)) for start in lines)
    return result


def _person_in(people: list[Mention], begin: int, end: int) -> Entity | None:
    return next((m.entity for m in people if begin <= m.span.begin and m.span.end <= end), None)


def _is_subject(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.span.begin, mention.span.end, alignment_mode="expand")
    return span is not None and span.root.dep_.startswith("nsubj")


#: Pronouns of a state or organisation ("its", "itself") and of a group ("their", "themselves").
_THING_PRONOUNS = {"its": ("State", "Organization"), "itself": ("State", "Organization")}
_GROUP_PRONOUNS = {
    "their": ("CollectiveActor",),
    "themselves": ("CollectiveActor",),
    "they": ("CollectiveActor",),
    "them": ("CollectiveActor",),
}
#: How far back (code points, within the paragraph) a possessive looks for its antecedent.
_REACH = 200


def possessive_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "its", "itself" to the last state or organisation named shortly before in the paragraph
    ("encouraged NATO to deepen its cooperation", "Ukraine in its fight"); "their", "themselves" to
    the last collective actor ("European allies … are doing their part"). Within :data:`_REACH`
    code points and the same paragraph, else unresolved; linear in the text. Not the determiner of a
    mention ("its allies" is one mention), nor, with the parse, in a clause whose subject is a thing
    ("the war is now in its eighth month").

    >>> import spacy
    >>> from natokg.ingest.actors import extract_mentions
    >>> from natokg.ingest.gazetteer import Gazetteer
    >>> doc = spacy.blank("en")("Allies urged Canada to raise its spending.")
    >>> [(m.span.text, m.entity.label) for m in extract_mentions(doc, Gazetteer.default()) if m.kind == "pronoun"]
    [('its', 'Canada')]
    """
    text = doc_view(doc).text
    wanted = {**_THING_PRONOUNS, **_GROUP_PRONOUNS}
    actors = sorted((m for m in mentions if m.kind != "pronoun" and m.entity.type != "Person"), key=lambda m: m.span)
    covered = {i for m in mentions if m.kind != "pronoun" for i in range(m.span.begin, m.span.end)}
    has_parse = doc.has_annotation("DEP")
    found: list[Mention] = []
    n = 0
    last: dict[str, Mention] = {}
    for token in doc:
        while n < len(actors) and actors[n].span.end <= token.idx:
            last[actors[n].entity.type] = actors[n]
            n += 1
        types = wanted.get(token.lower_)
        if types is None or token.idx in covered:
            continue
        if has_parse and _thing_subject(token, covered):
            continue
        candidates = [last[t] for t in types if t in last]
        antecedent = max(candidates, key=lambda m: m.span.end, default=None)
        if antecedent is None or token.idx - antecedent.span.end > _REACH:
            continue
        if "\n" in text[antecedent.span.end : token.idx]:
            continue
        found.append(Mention(Span.of(text, token.idx, token.idx + len(token.text)), antecedent.entity, "pronoun", 0.6))
    return found


_COUNTRY_DESCRIPTION = re.compile(r"\b(?:[Tt]hat|[Tt]his|[Tt]heir)\s+(?:country|nation)\b")
#: "the country" refers to a state only where the state was named earlier in its own sentence.
_THE_COUNTRY = re.compile(r"\b[Tt]he\s+(?:country|nation)\b(?!['’]s\b)")


def country_descriptions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "that country", "this nation", "their country" refer to the last state named shortly before
    in the paragraph (within :data:`_REACH` code points), else to nothing; "the country" may be
    generic and is left alone.

    >>> import spacy
    >>> doc = spacy.blank("en")("NATO sent aid to Ukraine and will help that country.")
    >>> ukraine = Mention(Span.of(doc.text, 17, 24), Gazetteer.default().lookup("Ukraine"), "name")
    >>> [(m.span.text, m.entity.label) for m in country_descriptions(doc, [ukraine])]
    [('that country', 'Ukraine')]
    """
    text = doc_view(doc).text
    states = sorted((m for m in mentions if m.entity.type == "State" and m.kind != "pronoun"), key=lambda m: m.span)
    found = []
    matches = [(m, False) for m in _COUNTRY_DESCRIPTION.finditer(text)]
    matches += [(m, True) for m in _THE_COUNTRY.finditer(text)]
    for match, definite in sorted(matches, key=lambda pair: pair[0].start()):
        begin, end = match.span()
        antecedent = next((m for m in reversed(states) if m.span.end <= begin), None)
        if antecedent is None or begin - antecedent.span.end > _REACH or "\n" in text[antecedent.span.end : begin]:
            continue
        if definite and re.search(r"[.!?]\s", text[antecedent.span.end : begin]):
            continue  # "the country" in another sentence may be any country
        found.append(Mention(Span.of(text, begin, end), antecedent.entity, "pronoun", 0.6))
    return found


#: What names a U.S. department before "the department" refers back to it (the last one written wins).
_DEPARTMENT_CUES = {
    "Department of Defense": re.compile(
        r"\b(?:Pentagon|Department of Defen[cs]e|Defen[cs]e Department|DOD|DoD|Secretary of Defen[cs]e|"
        r"Defen[cs]e Secretary|Secretary of War|Department of War|War Department)\b"
    ),
    "Department of State": re.compile(r"\b(?:State Department|Department of State|Secretary of State)\b"),
}
_THE_DEPARTMENT = re.compile(r"\b[Tt]he\s+[Dd]epartment\b(?!\s+of\b)")


#: The ministers a minister meets at a ministerial: "his NATO counterparts", "his 27 NATO allied Ministers",
#: "my colleagues here", "all the other Ministers" (not "my colleagues in Congress").
_COUNTERPARTS = re.compile(
    r"\b(?:(?:his|her|their|my|our)\s+(?:\d+\s+)?(?:NATO\s+)?(?:[Aa]llied\s+|fellow\s+)?"
    r"(?:counterparts|colleagues|[Mm]inisters)|all\s+the\s+other\s+[Mm]inisters|[Tt]he\s+participants)\b(?!\s+(?:in|from|of)\s+(?:the\s+)?[A-Z])"
)
#: What makes a text's ministerial one of defence or of foreign ministers (the last one written decides).
_MINISTERIAL_CUES = {
    "NATO defence ministers": re.compile(
        r"(?i)\bdefen[cs]e\s+(?:ministers?|ministerial)\b|\bSecretary of (?:Defen[cs]e|War)\b|\bDefen[cs]e Secretary\b"
    ),
    "NATO foreign ministers": re.compile(r"(?i)\bforeign\s+(?:ministers?|ministerial)\b|\bSecretary of State\b"),
}


def _nearest_cue(cues: dict[str, re.Pattern[str]], text: str, begin: int, end: int | None = None) -> str | None:
    """The name whose cue is written last before code point ``begin``; with none before and ``end``
    given, the one whose cue comes first after ``end``; else None.

    >>> _nearest_cue({"a": re.compile("x"), "b": re.compile("y")}, "x y . z x", 6, 7)
    'b'
    """
    before = {name: max((m.start() for m in cue.finditer(text, 0, begin)), default=-1) for name, cue in cues.items()}
    name, position = max(before.items(), key=lambda item: item[1])
    if position >= 0:
        return name
    if end is None:
        return None
    after = {name: next((m.start() for m in cue.finditer(text, end)), len(text) + 1) for name, cue in cues.items()}
    name, position = min(after.items(), key=lambda item: item[1])
    return name if position <= len(text) else None


def counterpart_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """ "his NATO counterparts", "my colleagues", "all the other Ministers": the ministers of the kind the
    article's meeting gathers, told by the last cue written before the phrase or, failing one, after it
    (a defence ministerial or a Secretary of Defense: NATO's defence ministers; a foreign ministerial or
    a Secretary of State: its foreign ministers); with no cue, nothing.

    >>> import spacy
    >>> doc = spacy.blank("en")("Defense Secretary Jo Roe told his NATO counterparts that aid rose.")
    >>> [(m.span.text, m.entity.label) for m in counterpart_mentions(doc, Gazetteer.default())]
    [('his NATO counterparts', 'NATO defence ministers')]
    """
    text = doc_view(doc).text
    found = []
    for match in _COUNTERPARTS.finditer(text):
        begin, end = match.span()
        name = _nearest_cue(_MINISTERIAL_CUES, text, begin, end)
        entity = gazetteer.lookup(name) if name is not None else None
        if entity is not None:
            found.append(Mention(Span.of(text, begin, end), entity, "alias", 0.6))
    return found


def department_references(doc: Doc, gazetteer: Gazetteer, taken: list[tuple[int, int]]) -> list[Mention]:
    """ "the department", "the Department’s" -> the U.S. department named or implied last before it: the
    Pentagon or a Secretary of Defense's title names the Department of Defense, a Secretary of State's the
    Department of State; with none before it, nothing.

    >>> import spacy
    >>> doc = spacy.blank("en")("Defense Secretary Jo Roe spoke. The department's budget grew.")
    >>> [(m.span.text, m.entity.label) for m in department_references(doc, Gazetteer.default(), [])]
    [('The department', 'Pentagon')]
    """
    text = doc_view(doc).text
    found = []
    for match in _THE_DEPARTMENT.finditer(text):
        begin, end = match.span()
        if overlaps(taken, begin, end):
            continue
        name = _nearest_cue(_DEPARTMENT_CUES, text, begin)
        entity = gazetteer.lookup(name) if name is not None else None
        if entity is not None:
            found.append(Mention(Span.of(text, begin, end), entity, "alias", 0.7))
    return found


def _thing_subject(token: Token, covered: set[int]) -> bool:
    """Whether the nearest subject above ``token`` in the parse is a common noun that no mention
    covers: "its" there more likely belongs to that thing than to an actor named before."""
    node, seen = token.head, set()
    while node.i not in seen:
        seen.add(node.i)
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            inside = subject.left_edge.i <= token.i <= subject.right_edge.i  # "their budgets grow"
            return not inside and subject.pos_ == "NOUN" and subject.idx not in covered
        node = node.head
    return False
