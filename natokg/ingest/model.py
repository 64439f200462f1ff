"""The extraction model: what the ingest extractors find in one article, before it becomes RDF.

Every extractor reads a spaCy ``Doc`` of the article text and returns plain records of this
module; :mod:`natokg.ingest.rdf` (the graph builder) turns an :class:`Extraction` into triples.
The records hold code-point offsets into the article text (Python ``str`` indexes, as spaCy's
``Token.idx`` and NIF 2.0 use), so every fact can cite the exact words it came from.

>>> text = "NATO Secretary General Mark Rutte said allies were stepping up."
>>> Span.of(text, 23, 33)
Span(begin=23, end=33, text='Mark Rutte')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

#: Actor types, as in the gold annotations and the ontology's classes (nkg:Person, …).
ACTOR_TYPES = ("Person", "Organization", "State", "Place", "CollectiveActor")


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the article text: ``text == context[begin:end]``, offsets in code points."""

    begin: int
    end: int
    text: str

    @classmethod
    def of(cls, context: str, begin: int, end: int) -> Span:
        """The span of ``context`` from ``begin`` to ``end``; raises ValueError when out of range."""
        if not 0 <= begin <= end <= len(context):
            raise ValueError(f"span {begin}..{end} lies outside a text of {len(context)} characters")
        return cls(begin, end, context[begin:end])


@dataclass(frozen=True)
class ArticleMetadata:
    """What is known about an article besides its text (from the command line or a sidecar JSON)."""

    slug: str
    published: date | None = None
    title: str | None = None
    source: str | None = None  # the article's URL
    publisher: str | None = None


@dataclass(frozen=True)
class Entity:
    """An actor or place that a mention refers to.

    ``known`` entities come from ``graph/entities.ttl`` or ``graph/background.ttl`` (their IRI is
    the one there); new ones are minted as ``nkr:<readable-slug>`` and never get a Wikidata ID.
    """

    iri: URIRef
    label: str
    type: str  # one of ACTOR_TYPES
    known: bool


@dataclass(frozen=True)
class Mention:
    """A stretch of text that refers to an entity: a name, a surname, a title or a pronoun."""

    span: Span
    entity: Entity
    kind: str = "name"  # "name", "alias" (surname, acronym, alt label), "title", "pronoun"
    confidence: float = 1.0


@dataclass(frozen=True)
class PostHolding:
    """A person holding a post, as the text states it ("NATO Secretary General Mark Rutte")."""

    holder: Entity
    title: Span  # the title as written, e.g. "NATO Secretary General"
    evidence: Span  # title and name together, or the apposition / relative clause
    organisation: Entity | None = None  # the organisation or state the title names
    post: URIRef | None = None  # a known org:Post this matches, if any
    rank: int | None = None  # "No. 3" -> 3
    rank_as_written: str | None = None
    confidence: float = 1.0
    #: the known government (``nkg:governmentOf``) of the state that ``organisation`` is, if any
    government: Entity | None = None


@dataclass(frozen=True)
class Quotation:
    """Text between balanced quotation marks, and who said it.

    ``quote`` is the text inside the marks (the marks excluded), as the gold annotations have it.
    """

    quote: Span
    speaker: Entity | None = None
    cue: Span | None = None  # the attribution cue: "Rutte said", "he told reporters"
    audience: Entity | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Timex:
    """A temporal expression, TimeML TIMEX3 style.

    ``value`` is at the expression's own granularity: ``2026-02-12``, ``2025-12``, ``2025``,
    ``2026-W07``, ``2024-SU``, ``194`` (a decade), or ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``.
    ``anchor`` is what it was resolved against (``2026-02-12``, the publication date), ``None``
    when the value is absolute ("June 24, 2025") or could not be resolved.
    """

    span: Span
    value: str | None
    timex_type: str = "DATE"  # DATE, TIME, DURATION, SET
    anchor: date | None = None
    method: str = "rule"  # how the value was found: "<rule or spacy>:<natokg.timex rule>", e.g. "rule:weekday"
    confidence: float = 1.0
    mod: str | None = None  # TIMEX3 mod: "START", "MID", "END", "ON_OR_BEFORE" ("the late 1940s", "by 2035")


@dataclass(frozen=True)
class EventMention:
    """An event the text reports, typed with an ontology class and a CAMEO code.

    ``kind`` is a local name of an nkg: class (``Meeting``, ``Absence``, ``Appeal``, ``Demand``,
    ``Statement``, ``Announcement``, ``Agreement``, ``Arrival``, ``Handover`` …) or one of the
    gold kinds the ontology maps (``Representation``, ``Commitment``, ``Thanks``).
    """

    kind: str
    trigger: Span  # the word or words that name it ("called on", "skipped", "meeting")
    evidence: Span  # the phrase the fact cites
    cameo: str | None = None  # CAMEO 1.1b3 code, e.g. "0212"
    agent: Entity | None = None
    participants: tuple[Entity, ...] = ()
    place: Entity | None = None
    time: Timex | None = None
    quantity: str | None = None  # "5% of their GDP", as written
    confidence: float = 1.0
    #: who an appeal, demand or thanks is addressed to: the object of "urged", "called on", "thanked"
    #: ("urged Hungary to support Sweden's accession": Hungary only), a subset of ``participants``
    addressees: tuple[Entity, ...] = ()
    #: whom a representative stands in for ("replacing Defence Minister Bill Blair" at a summit)
    replaced: Entity | None = None


@dataclass
class Extraction:
    """Everything extracted from one article, in text order within each list."""

    text: str
    metadata: ArticleMetadata
    sentences: list[Span] = field(default_factory=list)
    quote_spans: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[PostHolding] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    #: problems that did not stop the extraction, each one line naming the offset
    warnings: list[str] = field(default_factory=list)
    model: str = "rules"  # the NLP model used, e.g. "en_core_web_sm 3.8.0", or "rules"

    @property
    def entities(self) -> list[Entity]:
        """The distinct entities mentioned, in order of first mention."""
        seen: dict[URIRef, Entity] = {}
        for mention in self.mentions:
            seen.setdefault(mention.entity.iri, mention.entity)
        return list(seen.values())
