"""Posts held: "NATO Secretary General Mark Rutte", "Colby, who holds the Pentagon's No. 3 post".

Three patterns of news English, read off the tokens of a spaCy ``Doc`` around each person
mention (so they work with the model and with the rules-only pipeline alike):

* **title + name** — a run of title words right before the name: "US Defense Secretary Pete
  Hegseth", "U.S. Ambassador to NATO Julianne Smith", "Secretary of State Marco Rubio";
* **apposition** — the name, a comma, an optional article and a title: "Celeste Wallander,
  assistant secretary of defense for international security affairs", "Rutte, the secretary
  general of NATO,";
* **relative clause** — "Colby, who holds the Pentagon's No. 3 post", "X, who serves as …".

A title is a run of words from a title lexicon (:data:`TITLE_HEADS`: secretary, minister,
ambassador, president, chief, general, admiral, commander …; :data:`TITLE_MODIFIERS`: under,
assistant, deputy, defense, state, foreign, policy …), organisation or state names, and the
connectors "of", "for", "to", "and", "the", "'s"; it must hold at least one head word. The
organisation is the organisation named in the title, or for a US cabinet title ("Secretary of
Defense", "Defense Secretary", "Secretary of War", "Secretary of State") the department, as these
titles name it in US usage. A known post (``nkg:Post`` in the entities) is linked when its label,
alternative label or official name equals the title, with or without its organisation words.

>>> import spacy
>>> from natokg.ingest.actors import extract_mentions
>>> from natokg.ingest.gazetteer import Gazetteer
>>> gaz = Gazetteer.default()
>>> doc = spacy.blank("en")("NATO Secretary General Mark Rutte spoke.")
>>> [(p.holder.label, p.title.text, p.organisation.label) for p in extract_posts(doc, extract_mentions(doc, gaz), gaz)]
[('Mark Rutte', 'NATO Secretary General', 'NATO')]
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rdflib import URIRef

from natokg.ingest.gazetteer import Gazetteer
from natokg.ingest.model import Entity, Mention, PostHolding, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def lexicon(words: str) -> frozenset[str]:
    """A word list written as one string of words separated by white space.

    >>> sorted(lexicon("chief  general\\n admiral"))
    ['admiral', 'chief', 'general']
    """
    return frozenset(words.split())


#: Words that make a phrase a title (lower case).
TITLE_HEADS = lexicon(
    """secretary secretary-general undersecretary minister ambassador envoy president vice-president chief
    general admiral commander chairman chairwoman chair director administrator adviser advisor spokesman
    spokeswoman spokesperson premier chancellor king queen prince senator governor mayor lieutenant
    colonel major captain gen. adm. lt. col. sen. rep. gov. head leader official diplomat representative
    counselor counsellor attaché attache"""
)
#: Words that qualify a title (lower case): rank, office, portfolio.
TITLE_MODIFIERS = lexicon(
    """under assistant deputy vice acting interim principal senior top former prime supreme allied joint
    foreign defense defence state war policy national security international affairs homeland justice
    treasury energy commerce intelligence army navy naval air force forces staff chiefs military
    political public diplomacy press communications media european permanent special first lord high no.
    operations armed commonwealth interior finance economic economy trade health"""
)
_CONNECTORS = frozenset({"of", "for", "to", "and", "the", "'s", "’s"})
#: Honorifics that stand between a title and a name and belong to neither ("Secretary of Defense Dr.
#: Mark T. Esper"): the title ends before them.
HONORIFICS = frozenset({"dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "sir", "dame"})
#: Nouns a relative clause can name a post with ("who holds the Pentagon's No. 3 post").
_POST_NOUNS = frozenset({"post", "job", "position", "role", "office", "official", "seat"})
_RELATIVE_VERBS = frozenset({"holds", "held", "is", "was", "serves", "served", "became", "has", "had"})
_COPULAS = frozenset({"is", "was", "became"})
_ARTICLE_WORDS = frozenset({"the", "a", "an"})
#: Roles a transcript's header gives a person ("Moderator – Peter Kaufman"), who then speaks under the role.
ROLE_WORDS = frozenset({"moderator", "host", "interviewer", "presenter", "chair", "chairman", "spokesperson"})
_STOP_AFTER_TITLE = frozenset({",", ".", ";", ":", ")", "—", "–", "-", "who", "which", "said", "says"})
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "one": 1, "two": 2, "three": 3, "four": 4}
_RANK = re.compile(
    r"\b(?:No\.|Number|number)\s*(?P<n>\d+|one|two|three|four)\b|\b(?P<o>\d+|first|second|third|fourth|fifth)"
    r"(?:st|nd|rd|th)?[- ]ranking\b"
)


class DocView(NamedTuple):
    """What the extractors look up in a ``Doc`` again and again, computed once per ``Doc``."""

    text: str
    starts: list[int]  # each token's first code point, in order
    start_of: dict[int, int]  # first code point -> token index
    end_of: dict[int, int]  # end code point -> token index
    lower: list[str]  # each token in lower case


_VIEWS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def doc_view(doc: Doc) -> DocView:
    """The :class:`DocView` of ``doc`` (cached while the ``Doc`` lives; a ``Doc`` is not changed here).

    >>> import spacy
    >>> view = doc_view(spacy.blank("en")("NATO met."))
    >>> view.end_of, view.lower
    ({4: 0, 8: 1, 9: 2}, ['nato', 'met', '.'])
    """
    view = _VIEWS.get(doc)
    if view is None:
        rows = doc.to_array(["IDX", "LENGTH", "LOWER"]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        view = DocView(
            doc.text,
            [begin for begin, _, _ in rows],
            {begin: i for i, (begin, _, _) in enumerate(rows)},
            {begin + length: i for i, (begin, length, _) in enumerate(rows)},
            [strings[lower] for _, _, lower in rows],
        )
        _VIEWS[doc] = view
    return view


def token_index(doc: Doc) -> dict[int, int]:
    """Map each token's first code point to its index, for turning mention spans into tokens."""
    return doc_view(doc).start_of


def name_tokens(doc: Doc, mentions: Sequence[Mention]) -> set[int]:
    """Indices of the tokens inside the names of organisations, states and places, which a title may
    hold ("NATO Secretary General", "Supreme Allied Commander Europe", "Ambassador to Belgium")."""
    _, _, start_of, end_of, _ = doc_view(doc)
    tokens: set[int] = set()
    for m in mentions:
        if m.entity.type in ("Organization", "State", "Place") and m.kind in ("name", "alias"):
            first, last = start_of.get(m.span.begin), end_of.get(m.span.end)
            if first is not None and last is not None:
                tokens.update(range(first, last + 1))
    return tokens


def ends_line(token: Token) -> bool:
    """Whether a line (a paragraph of news text) ends at or right after ``token``."""
    return token.is_space or "\n" in token.whitespace_


def title_before(doc: Doc, i: int, org_tokens: set[int]) -> int | None:
    """The index of the first token of a title that ends right before token ``i``, or None.

    ``org_tokens`` are the indices of tokens inside organisation or state names ("NATO", "US").

    >>> import spacy
    >>> doc = spacy.blank("en")("talks with Secretary of State Marco Rubio")
    >>> doc[title_before(doc, 5, set())].text
    'Secretary'
    """
    i = title_end(doc, i)
    start, has_head, j = None, False, i - 1
    while j >= 0:
        token = doc[j]
        if token.is_space or "\n" in token.whitespace_:
            break
        low = token.lower_
        if low in TITLE_HEADS:
            has_head, start = True, j
        elif (
            low in TITLE_MODIFIERS
            or j in org_tokens
            # The model's entity may run over a headline's words ("Call with NATO"): only its
            # capitalised words can be part of a title.
            or (token.ent_type_ in ("ORG", "GPE", "NORP") and not token.text[:1].islower())
        ):
            start = j
        elif not (low in _CONNECTORS and start is not None) or (
            low == "and" and doc[j - 1].lower_ not in TITLE_MODIFIERS
        ):
            break
        j -= 1
    if start is None or not has_head or not any(doc[k].lower_ in TITLE_HEADS for k in range(start, i)):
        return None
    return start


def title_end(doc: Doc, i: int) -> int:
    """Where a title before the name at token ``i`` ends (exclusive): before the honorifics
    (:data:`HONORIFICS`) that stand right before the name, else at ``i``.

    >>> import spacy
    >>> doc = spacy.blank("en")("Secretary of Defense Dr. Mark T. Esper")
    >>> doc[: title_end(doc, 4)].text
    'Secretary of Defense'
    """
    while i > 0 and doc[i - 1].lower_ in HONORIFICS and not ends_line(doc[i - 1]):
        i -= 1
    return i


def title_after(doc: Doc, k: int, org_tokens: set[int]) -> tuple[int, int] | None:
    """An appositive title after a name: token ``k`` is the comma; returns (first, end) token indices.

    The article ("the", "a") before the title is not part of it.
    """
    if k >= len(doc) or doc[k].text != ",":
        return None
    j = k + 1
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    first, last, has_head = j, None, False
    while j < len(doc):
        token = doc[j]
        low = token.lower_
        if low in TITLE_HEADS:
            has_head, last = True, j
        elif low in TITLE_MODIFIERS or j in org_tokens:
            last = j
        elif low not in _CONNECTORS or (low == "and" and j + 1 < len(doc) and doc[j + 1].lower_ in ("the", "a")):
            break
        if ends_line(token):
            j += 1
            break
        j += 1
    if last is None or not has_head or doc[first].lower_ in _CONNECTORS:
        return None
    stop = doc[last + 1] if last + 1 < len(doc) else None
    if stop is not None and stop.lower_ not in _STOP_AFTER_TITLE and not ends_line(doc[last]):
        return None
    return first, last + 1


def relative_title(doc: Doc, k: int) -> tuple[int, int] | None:
    """A post named in a relative clause after a name: ", who holds the Pentagon's No. 3 post"."""
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ != "who":
        return None
    j = k + 2
    while j < len(doc) - 1 and doc[j].lower_.endswith("ly") and doc[j].lower_ not in _RELATIVE_VERBS:
        j += 1  # "who previously served as"
    if doc[j].lower_ not in _RELATIVE_VERBS:
        return None
    copula = doc[j].lower_ in _COPULAS
    j += 1
    if j < len(doc) and doc[j].lower_ in ("as", "been"):
        copula = copula or doc[j].lower_ == "been"
        j += 1
        if j < len(doc) and doc[j].lower_ == "as":
            j += 1
    if copula and j < len(doc) - 1 and doc[j].lower_ in _ARTICLE_WORDS and doc[j + 1].text[:1].isupper():
        # "who is the U.S. Permanent Representative to NATO": the article of a predicate noun is not
        # the title's, as in an apposition; "who holds the Pentagon's No. 3 post" names the post.
        j += 1
    first = j
    while j < len(doc) and j - first < 12:
        token = doc[j]
        # "No. 3" may be split into "No" and "."
        if token.is_punct and not (token.text == "." and j > first and doc[j - 1].lower_ == "no"):
            break
        if token.lower_ in ("and", "who", "since", "until") or (ends_line(doc[j - 1]) and j > first):
            break
        j += 1
    words = {t.lower_ for t in doc[first:j]}
    if j == first or not words & (TITLE_HEADS | _POST_NOUNS):
        return None
    return first, j


def header_title(doc: Doc, first: int, last: int, org_tokens: set[int]) -> tuple[int, int] | None:
    """A post that a transcript's header block gives a person named on a line of their own: the next
    line is a title alone ("Ambassador Douglas Lute" / "U.S. Permanent Representative to NATO"), or
    the line is "Role – Name" ("Moderator – Peter Kaufman"). Returns the (first, end) token indices
    of the title, or None; tokens ``first``..``last`` are the name.

    >>> import spacy
    >>> doc = spacy.blank("en")("Jane Roe\\nU.S. Ambassador to Chile\\nModerator – John Doe\\nThanks.")
    >>> [doc[a:b].text for a, b in (header_title(doc, 0, 1, set()), header_title(doc, 10, 11, set()))]
    ['U.S. Ambassador to Chile', 'Moderator']
    """
    line_start = first
    while line_start > 0 and not ends_line(doc[line_start - 1]):
        line_start -= 1
    before = [t for t in doc[line_start:first] if not t.is_space]
    if (
        len(before) == 2
        and before[0].lower_ in ROLE_WORDS
        and before[1].text in ("–", "—", "-", ":")
        and line_ends_after(doc, last)
    ):
        return before[0].i, before[0].i + 1
    if not line_ends_after(doc, last) or any(t.lower_ not in TITLE_HEADS | TITLE_MODIFIERS for t in before):
        return None
    a = last + 1
    while a < len(doc) and doc[a].is_space:
        a += 1
    b = a
    while b < len(doc) and not doc[b].is_space and b - a < 12:
        token = doc[b]
        fits = token.text[:1].isupper() or token.lower_ in ("to", "of", "for", "the", "and") or token.text == "."
        if not fits:
            return None
        b += 1
        if line_ends_after(doc, b - 1):
            break
    words = {t.lower_ for t in doc[a:b]}
    if b == a or not line_ends_after(doc, b - 1) or not words & TITLE_HEADS:
        return None
    return a, b


def line_ends_after(doc: Doc, i: int) -> bool:
    """Whether a line ends right after token ``i`` (the end of the text counts)."""
    following = doc[i + 1] if i + 1 < len(doc) else None
    return ends_line(doc[i]) or following is None or (following.is_space and "\n" in following.text)


def as_title(doc: Doc, k: int) -> tuple[int, int] | None:
    """A post the person ending before token ``k`` takes, holds or leaves "as" a title, in the same
    clause: "Stoltenberg was due to step down as secretary general", "X, who served as ambassador".

    Up to six words may stand between the name and "as", none of them punctuation or a name; returns
    the (first, end) token indices of the title, the article before it left out.

    >>> import spacy
    >>> doc = spacy.blank("en")("Smith will step down as deputy secretary general in May.")
    >>> first, end = as_title(doc, 1)
    >>> doc[first:end].text
    'deputy secretary general'
    """
    j = k
    while j < len(doc) and j - k <= 6 and doc[j].lower_ != "as":
        if doc[j].is_punct or doc[j].is_space or (doc[j].text[:1].isupper() and j > k) or ends_line(doc[j]):
            return None
        j += 1
    if j >= len(doc) or doc[j].lower_ != "as":
        return None
    j += 1
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    first, last = j, None
    while j < len(doc) and j - first < 8:
        low = doc[j].lower_
        if low in TITLE_HEADS:
            last = j
        elif low not in TITLE_MODIFIERS and not (low in ("of", "for") and last is not None):
            break
        j += 1
    if last is None:
        return None
    return first, last + 1


def rank_of(title: str) -> tuple[int | None, str | None]:
    """The rank a title states ("No. 3" -> 3, "third-ranking" -> 3) and its words as written.

    >>> rank_of("the Pentagon's No. 3 post")
    (3, 'No. 3')
    >>> rank_of("Defense Secretary")
    (None, None)
    """
    match = _RANK.search(title)
    if match is None:
        return None, None
    value = match.group("n") or match.group("o")
    number = int(value) if value.isdigit() else _ORDINALS[value.lower()]
    return number, match.group(0)


def _organisation(title: Span, mentions: Sequence[Mention], gazetteer: Gazetteer) -> tuple[Entity | None, list[Span]]:
    """The organisation a title names (see the module docstring) and the spans of its names."""
    named = [m for m in mentions if title.begin <= m.span.begin and m.span.end <= title.end and m.kind != "pronoun"]
    # "Ambassador to NATO": NATO is where the post is accredited, not the organisation of the post.
    named = [m for m in named if not re.search(r"\bto\s+(?:the\s+)?$", title.text[: m.span.begin - title.begin])]
    orgs = [m.entity for m in named if m.entity.type == "Organization"]
    states = [m.entity for m in named if m.entity.type == "State"]
    words = set(re.findall(r"[a-z]+", title.text.lower()))
    us = gazetteer.lookup("United States")
    us_state = not states or (us is not None and states[0].iri == us.iri)
    department = None
    # US usage: a "Defense Secretary" or "Secretary of War" heads the Department of Defense; a
    # defence *minister* is another state's.
    if us_state and words & {"war", "defense"} and "secretary" in words:
        department = gazetteer.lookup("Department of Defense")
    elif us_state and re.search(r"\bSecretary of State\b|\bState Department\b", title.text):
        department = gazetteer.lookup("Department of State")
    if orgs:
        return orgs[0], [m.span for m in named]
    if department is not None:
        return department, [m.span for m in named]
    return (states[0] if states else None), [m.span for m in named]


def _known_post(title: Span, org: Entity | None, org_spans: list[Span], gazetteer: Gazetteer) -> URIRef | None:
    """The known post a title names: as written, without the organisation name that opens it ("U.S.
    Secretary of State"), or, for a US organisation, with "US" before that ("Defense Secretary")."""
    opening = next((span for span in org_spans if span.begin == title.begin), None)
    rest = title.text
    if opening is not None:
        rest = re.sub(r"^(?:['’]s)?\s*", "", title.text[opening.end - title.begin :])
    candidates = [title.text, rest]
    us_names = ("United States", "Department of Defense", "Department of State")
    us_orgs = {entity.iri for entity in map(gazetteer.lookup, us_names) if entity is not None}
    if org is not None and org.iri in us_orgs:
        candidates.append("US " + rest)
    return next((post for name in candidates if name and (post := gazetteer.post(name)) is not None), None)


def extract_posts(doc: Doc, mentions: Sequence[Mention], gazetteer: Gazetteer) -> list[PostHolding]:
    """Every post the text says a person holds, in text order, one per holder and title.

    ``mentions`` are those of :func:`natokg.ingest.actors.extract_mentions`; holders are the
    people named there (names and surnames, not pronouns). Each :class:`PostHolding` has the title
    as written (exact span), the evidence (title and name, or name and apposition / clause), the
    organisation, a known post when one matches, and the rank ("No. 3" -> 3).
    """
    text, _, start_of, end_of, _ = doc_view(doc)
    org_tokens = name_tokens(doc, mentions)
    found: list[PostHolding] = []
    seen: set[tuple[str, str]] = set()
    for m in sorted(mentions, key=lambda m: m.span):
        if m.entity.type != "Person" or m.kind not in ("name", "alias"):
            continue
        first, last = start_of.get(m.span.begin), end_of.get(m.span.end)
        if first is None or last is None:
            continue
        candidates: list[tuple[Span, Span, float]] = []
        start = title_before(doc, first, org_tokens)
        if start is not None:
            last_word = doc[title_end(doc, first) - 1]
            title = Span.of(text, doc[start].idx, last_word.idx + len(last_word.text))
            candidates.append((title, Span.of(text, title.begin, m.span.end), 0.9))
        after = title_after(doc, last + 1, org_tokens)
        if after is not None:
            a, b = after
            title = Span.of(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
            candidates.append((title, Span.of(text, m.span.begin, title.end), 0.8))
        header = header_title(doc, first, last, org_tokens)
        if header is not None:
            a, b = header
            title = Span.of(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
            begin = min(title.begin, m.span.begin)
            candidates.append((title, Span.of(text, begin, max(title.end, m.span.end)), 0.7))
        clause = relative_title(doc, last + 1) or as_title(doc, last + 1)
        if clause is not None:
            a, b = clause
            title = Span.of(text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
            candidates.append((title, Span.of(text, m.span.begin, title.end), 0.8))
        for title, evidence, confidence in candidates:
            key = (str(m.entity.iri), title.text.casefold())
            if key in seen:
                continue
            seen.add(key)
            org, org_spans = _organisation(title, mentions, gazetteer)
            rank, rank_text = rank_of(title.text)
            post = _known_post(title, org, org_spans, gazetteer)
            government = gazetteer.government_of(org) if org is not None and org.type == "State" else None
            found.append(
                PostHolding(
                    holder=m.entity,
                    title=title,
                    evidence=evidence,
                    organisation=org,
                    post=post,
                    rank=rank,
                    rank_as_written=rank_text,
                    confidence=confidence,
                    government=government,
                )
            )
    return _drop_shortened(found)


def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[\w.-]+", title.casefold()) if w not in _CONNECTORS)


def _drop_shortened(posts: list[PostHolding]) -> list[PostHolding]:
    """Without a title+name that only shortens another of the same holder ("Secretary Blinken" beside
    "Secretary of State Antony J. Blinken"): the short form repeats the post, it does not name another.
    Titles of appositions and clauses ("… as secretary general") stay: the article states them."""
    before = [p for p in posts if p.evidence.begin == p.title.begin]
    kept = []
    for post in posts:
        words = _title_words(post.title.text)
        if post in before and any(
            other.holder == post.holder and words < _title_words(other.title.text) for other in before
        ):
            continue
        kept.append(post)
    return kept
