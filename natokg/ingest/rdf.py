"""The graph builder: an :class:`~natokg.ingest.model.Extraction` as an article graph.

The graph has the shape of the curated article ``graph/articles/reuters-2026-02-12-colby-nato-brussels.ttl``,
so validation, the named queries and the actor network work on it unchanged:

* the text layer (:mod:`natokg.ingest.nif`): ``art:article`` (a ``nkg:NewsArticle``, ``nkg:curationStatus
  nkg:Draft``) with its metadata and ``art:text``, a NIF 2.0 context holding the text; its sentences,
  quoted spans, mentions, and a ``nif:Phrase`` for each fact's evidence;
* facts: ``nkg:PostHolding`` nodes with their direct ``org:holds``; ``nkg:Quotation`` nodes
  (``nkg:verbatim``, ``nkg:saidBy``, ``nkg:quotedIn`` a statement); ``nkg:TemporalExpression``
  nodes with ``nkg:asWritten``; events typed by :data:`EVENT_CLASSES` with ``nkg:eventType`` a
  CAMEO concept; ``nkg:Representation`` and ``nkg:Absence`` with their direct triples (the shapes
  demand both);
* derived values: a resolved TIMEX3 value is not words of the article, so it is a separate
  ``nkg:ResolvedTime`` (OWL-Time: a ``time:Instant`` with ``time:inXSDDate``/``inXSDgYearMonth``/
  ``inXSDgYear`` for a day, month or year; ``nkg:timexValue`` always) that ``prov:wasDerivedFrom``
  the expression, with the anchor date and the method;
* provenance: one ``prov:Activity`` (``art:ingest``: natokg version, NLP model and version, no
  wall-clock time, so the same input gives the same graph) that every extracted node
  ``prov:wasGeneratedBy``, and a ``nkg:confidence`` (``xsd:decimal``) on each;
* entities: known ones by their IRI; new ones (``Entity.known`` false, minted ``nkr:<slug>`` by the
  gazetteer) get their type and label here and ``nkg:curationStatus nkg:Minted``, never a Wikidata ID.

A fact whose required parts were not found is not forced into a class whose shape it would
break: an event without its agent becomes a plain ``nkg:Event`` with an ``rdfs:comment`` saying
what it was extracted as; a quotation without a speaker keeps only its quoted span; a post whose
organisation is unknown is left out. A post of a state ("German Foreign Minister") is a post in
that state's government: the known one (``nkg:governmentOf`` in the entities: ``nkr:us-government``
for the United States), else ``art:government-of-<state>``, minted in the article.

>>> from natokg.ingest.model import ArticleMetadata, Extraction, Span
>>> text = "NATO met in Brussels."
>>> ex = Extraction(text, ArticleMetadata("note"), sentences=[Span.of(text, 0, len(text))])
>>> g = to_graph(ex)
>>> from natokg.namespaces import NIF
>>> str(g.value(ARTICLE_NS("note")["text"], NIF.isString))
'NATO met in Brussels.'
"""

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from natokg.errors import NatokgError
from natokg.ingest.model import Entity, EventMention, Extraction, PostHolding, Quotation, Span, Timex
from natokg.ingest.nif import (  # the namespaces as nif.Terms, whose terms are made once
    ACTOR_CLASSES,
    NKG,
    ORG,
    PROV,
    RDF,
    RDFS,
    TIME,
    XSD,
    Builder,
    Triple,
    add_article,
    add_mentions,
    add_quote_spans,
    add_text,
    padded_width,
    shared_entities,
)
from natokg.namespaces import CAMEO, article_namespace, bind_prefixes

__all__ = [
    "ACTOR_CLASSES",
    "ACTOR_TYPES_FOR_ROLES",
    "ARTICLE_NS",
    "EVENT_CLASSES",
    "ORGANISATION_TYPES",
    "STATEMENT_KINDS",
    "Triple",
    "article_triples",
    "cameo_concept",
    "shared_entities",
    "to_graph",
]

ARTICLE_NS = article_namespace

#: Every event kind of the gold annotations (and the ontology's own event classes) as a class.
EVENT_CLASSES: dict[str, URIRef] = {
    "Meeting": NKG.Meeting,
    "Summit": NKG.Summit,
    "Absence": NKG.Absence,
    "Representation": NKG.Representation,
    "Statement": NKG.Statement,
    "Appeal": NKG.Appeal,
    "Demand": NKG.Demand,
    "Pledge/Commitment": NKG.Pledge,
    "Pledge": NKG.Pledge,
    "Commitment": NKG.Pledge,
    "Agreement": NKG.Agreement,
    "Announcement": NKG.Announcement,
    "Arrival": NKG.Arrival,
    "Departure": NKG.Departure,
    "Handover": NKG.Handover,
    "Deployment": NKG.Deployment,
    "Investment": NKG.Investment,
    "Thanks": NKG.Thanks,
    "Reassurance": NKG.Reassurance,
    "Questioning": NKG.Questioning,
    "Tension": NKG.Tension,
    "Other": NKG.Event,
}
#: Kinds whose class is a nkg:Statement: the agent is the speaker, the other actors its addressees.
STATEMENT_KINDS = frozenset({"Statement", "Appeal", "Demand", "Thanks", "Reassurance", "Questioning"})
ACTOR_TYPES_FOR_ROLES = frozenset({"Person", "Organization", "State", "CollectiveActor"})
ORGANISATION_TYPES = frozenset({"Organization"})


def cameo_concept(code: str | None) -> URIRef | None:
    """The concept for a CAMEO code, or for its nearest broader code in the scheme (CAMEO codes nest
    by prefix: 0431 lies under 043 under 04); ``None`` if there is none.

    >>> [str(cameo_concept(code)).rsplit("/", 1)[-1] for code in ("0212", "10429")], cameo_concept("99") is None
    (['0212', '1042'], True)
    """
    if not code:
        return None
    from natokg.ingest.cameo import cameo_notations

    known = cameo_notations()
    for end in range(len(code), 1, -1):
        if code[:end] in known:
            return CAMEO[code[:end]]
    return None


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _slug(text: str) -> str:
    """A readable IRI part for ``text``; ``"x"`` when it has no letter or digit ("—")."""
    from natokg.ingest.reader import make_slug

    try:
        return make_slug(text)
    except NatokgError:
        return "x"


def to_graph(extraction: Extraction, *, shared: Iterable[URIRef] | None = None) -> Graph:
    """The article graph of ``extraction`` (see the module docstring), natokg's prefixes and ``art:`` bound;
    ``shared`` are the entity IRIs whose type the shared entities state (default: those of the current
    data root's entities)."""
    graph = bind_prefixes(Graph())
    graph.bind("art", article_namespace(extraction.metadata.slug))
    graph.addN((s, p, o, graph) for s, p, o in article_triples(extraction, shared=shared))
    return graph


def article_triples(extraction: Extraction, *, shared: Iterable[URIRef] | None = None) -> set[Triple]:
    """The triples of :func:`to_graph`'s article graph as a set, without building an rdflib Graph
    (what ingest writes: :func:`natokg.ingest.writer.to_turtle` takes them as they are)."""
    b = Builder(extraction, frozenset(shared) if shared is not None else shared_entities())
    add_article(b)
    add_text(b)
    add_mentions(b, extraction.mentions)
    times = _times(b, extraction.times)
    events = _events(b, extraction.events, times)
    _posts(b, extraction.posts)
    _quotations(b, extraction, events)
    return b.triples


_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), TIME.inXSDDate, XSD.date),
    (re.compile(r"\d{4}-\d{2}"), TIME.inXSDgYearMonth, XSD.gYearMonth),
    (re.compile(r"\d{4}"), TIME.inXSDgYear, XSD.gYear),
)


def _times(b: Builder, times: list[Timex]) -> dict[Span, URIRef]:
    ordered = sorted((t for t in times if t.span.begin < t.span.end), key=lambda t: t.span)
    iris: dict[Span, URIRef] = {}
    for i, timex in enumerate(ordered, 1):
        if timex.span in iris:
            continue
        iri = iris[timex.span] = b.ns[f"time-{i:0{padded_width(len(ordered))}d}"]
        b.add(iri, RDF.type, NKG.TemporalExpression)
        b.add(iri, NKG.asWritten, Literal(timex.span.text))
        b.evidence(iri, timex.span)
        b.extracted(iri, timex.confidence)
        if timex.value:
            _resolved(b, iri, timex)
    return iris


def _resolved(b: Builder, expression: URIRef, timex: Timex) -> None:
    value = URIRef(f"{expression}-value")
    b.add(expression, NKG.resolvedTo, value)
    b.add(value, RDF.type, NKG.ResolvedTime)
    b.add(value, PROV.wasDerivedFrom, expression)
    b.add(value, NKG.timexValue, Literal(timex.value))
    b.add(value, NKG.timexType, Literal(timex.timex_type))
    b.add(value, NKG.resolutionMethod, Literal(timex.method))
    if getattr(timex, "mod", None):
        b.add(value, NKG.timexMod, Literal(timex.mod))
    if timex.anchor is not None:
        b.add(value, NKG.anchorDate, Literal(timex.anchor.isoformat(), datatype=XSD.date))
    for pattern, prop, datatype in _DATE_FORMS:
        if pattern.fullmatch(timex.value or ""):
            b.add(value, RDF.type, TIME.Instant)
            b.add(value, prop, Literal(timex.value, datatype=datatype))
            break
    b.extracted(value, timex.confidence)


def _actors(entities: Iterable[Entity | None]) -> list[Entity]:
    return [e for e in entities if e is not None and e.type in ACTOR_TYPES_FOR_ROLES]


def _events(b: Builder, events: list[EventMention], times: dict[Span, URIRef]) -> dict[EventMention, URIRef]:
    """Each event as a node of its class, in text order; returns the IRI of each event."""
    ordered = sorted(events, key=lambda e: (e.evidence, e.trigger, e.kind))
    width = padded_width(len(ordered))
    iris: dict[EventMention, URIRef] = {}
    for i, event in enumerate(ordered, 1):
        iris[event] = b.ns[f"{_slug(event.kind.split('/')[0])}-{i:0{width}d}"]
    meetings = [(e, iris[e]) for e in ordered if EVENT_CLASSES.get(e.kind) in (NKG.Meeting, NKG.Summit)]
    absences = [e for e in ordered if e.kind == "Absence" and e.agent is not None]
    for event in ordered:
        _event(b, event, iris[event], times, meetings, absences)
    return iris


def _event(
    b: Builder,
    event: EventMention,
    iri: URIRef,
    times: dict[Span, URIRef],
    meetings: list[tuple[EventMention, URIRef]],
    absences: list[EventMention],
) -> None:
    cls = EVENT_CLASSES.get(event.kind, NKG.Event)
    actors = _actors(event.participants)
    agent = event.agent if event.agent is not None and event.agent.type in ACTOR_TYPES_FOR_ROLES else None
    represented = _represented(b, event, agent, actors) if event.kind == "Representation" else None
    missing = _missing(event, agent, represented)
    if missing:
        b.add(iri, RDFS.comment, Literal(f"extracted as {event.kind}; {missing} not found"))
        cls = NKG.Event
    b.add(iri, RDF.type, cls)
    b.add(iri, RDFS.label, Literal(f"{event.kind}: {_short(event.evidence.text)}"))
    b.evidence(iri, event.evidence)
    b.extracted(iri, event.confidence)
    if cls == NKG.Representation:
        assert agent is not None and represented is not None
        _representation(b, event, iri, agent, represented, meetings, absences)
        return
    concept = cameo_concept(event.cameo)
    if concept is not None:
        b.add(iri, NKG.eventType, concept)
    if event.cameo:
        b.add(iri, NKG.cameoCode, Literal(event.cameo))
    if event.time is not None and event.time.span in times:
        b.add(iri, NKG.time, times[event.time.span])
    if event.place is not None:
        b.add(iri, NKG.place, b.entity(event.place))
    if event.quantity:
        b.add(iri, NKG.quantityAsWritten, Literal(event.quantity))
    if agent is not None:
        b.add(iri, NKG.speaker if event.kind in STATEMENT_KINDS and cls != NKG.Event else NKG.agent, b.entity(agent))
    for actor in actors:
        b.add(iri, NKG.participant, b.entity(actor))
    if cls in (NKG.Appeal, NKG.Demand, NKG.Thanks):
        for actor in _actors(event.addressees):
            b.add(iri, NKG.addressee, b.entity(actor))
            if cls in (NKG.Appeal, NKG.Demand) and agent is not None:
                b.add(agent.iri, NKG.calledOn, actor.iri)
    if cls in (NKG.Appeal, NKG.Demand):
        called = b.extraction.text[event.trigger.end : event.evidence.end].strip(" ,;:") or event.evidence.text
        b.add(iri, NKG.calledFor, Literal(called))
    if cls == NKG.Absence and agent is not None:
        missed = _missed_event(b, event, iri, meetings)
        b.add(iri, NKG.absentee, agent.iri)
        b.add(iri, NKG.missedEvent, missed)
        b.add(agent.iri, NKG.absentFrom, missed)


def _missing(event: EventMention, agent: Entity | None, represented: Entity | None) -> str:
    """What a kind's shape requires that the event lacks ('' if nothing)."""
    if event.kind in STATEMENT_KINDS | {"Absence", "Representation"} and agent is None:
        return "the speaker" if event.kind in STATEMENT_KINDS else "the actor"
    if event.kind == "Representation" and represented is None:
        return "the represented actor"
    if event.kind == "Handover":
        return "what was handed over"  # the extraction model has no role for it yet
    return ""


def _same_sentence(b: Builder, first: EventMention, second: EventMention) -> bool:
    return b.sentence_of(first.evidence) is not None and b.sentence_of(first.evidence) == b.sentence_of(second.evidence)


def _missed_event(b: Builder, event: EventMention, iri: URIRef, meetings: list[tuple[EventMention, URIRef]]) -> URIRef:
    """The meeting of the same sentence, else a node for the unnamed event the sentence says was missed."""
    return _meeting_of(b, event, iri, meetings, "What the absence misses")


def _meeting_of(
    b: Builder, event: EventMention, iri: URIRef, meetings: list[tuple[EventMention, URIRef]], what: str
) -> URIRef:
    """The meeting named in the sentence of ``event``; else a node, labelled ``what``, for the event
    the sentence refers to without naming it (it cites the same words)."""
    for meeting, meeting_iri in meetings:
        if _same_sentence(b, event, meeting):
            return meeting_iri
    sentence = b.sentence_of(event.evidence)
    if sentence is not None and sentence in b.occasions:
        return b.occasions[sentence]  # the stand-in and the absence of one sentence miss the same occasion
    unnamed = URIRef(f"{iri}-event")
    if sentence is not None:
        b.occasions[sentence] = unnamed
    b.add(unnamed, RDF.type, NKG.Event)
    b.add(unnamed, RDFS.label, Literal(f"{what}: {_short(event.evidence.text)}"))
    b.evidence(unnamed, event.evidence)
    b.extracted(unnamed, event.confidence)
    return unnamed


def _represented(b: Builder, event: EventMention, agent: Entity | None, actors: list[Entity]) -> Entity | None:
    """Whom a representative acts for: an actor the phrase names ("represent the United States"), else
    the state or organisation of a post the article says the representative holds ("Canadian Prime
    Minister Mark Carney …, replacing …" acts for Canada); never the person replaced."""
    if agent is None:
        return None
    replaced = event.replaced.iri if event.replaced is not None else None
    named = [a for a in actors if a.iri not in (agent.iri, replaced)]
    if named:
        return named[0]
    posts = sorted(
        (p for p in b.extraction.posts if p.holder.iri == agent.iri and p.organisation is not None),
        key=lambda p: p.evidence,
    )
    return posts[0].organisation if posts else None


def _representation(
    b: Builder,
    event: EventMention,
    iri: URIRef,
    agent: Entity,
    represented: Entity,
    meetings: list[tuple[EventMention, URIRef]],
    absences: list[EventMention],
) -> None:
    b.add(iri, NKG.representative, b.entity(agent))
    b.add(iri, NKG.representedActor, b.entity(represented))
    b.add(agent.iri, NKG.represents, represented.iri)
    b.add(iri, NKG.atEvent, _meeting_of(b, event, iri, meetings, "The occasion of"))
    replaced = [event.replaced] if event.replaced is not None else []
    replaced += [a.agent for a in absences if _same_sentence(b, event, a) and a.agent is not None]
    for person in replaced:
        if person.iri != agent.iri:
            b.add(iri, NKG.inPlaceOf, b.entity(person))
            b.add(agent.iri, NKG.standsInFor, person.iri)


def _posts(b: Builder, posts: list[PostHolding]) -> None:
    """One nkg:PostHolding per holder and post, citing every place the text states it."""
    grouped: dict[tuple[URIRef, URIRef], list[PostHolding]] = {}
    for post in sorted(posts, key=lambda p: (p.evidence, p.title)):
        target = _post_iri(b, post)
        if target is not None and post.holder.type == "Person":
            grouped.setdefault((post.holder.iri, target), []).append(post)
    for i, ((holder, target), found) in enumerate(grouped.items(), 1):
        first = found[0]
        iri = b.ns[f"post-holding-{i:0{padded_width(len(grouped))}d}"]
        b.add(iri, RDF.type, NKG.PostHolding)
        b.add(iri, RDFS.label, Literal(f"{first.holder.label} holds the post {first.title.text}"))
        b.add(iri, NKG.holder, b.entity(first.holder))
        b.add(iri, NKG.heldPost, target)
        b.add(holder, ORG.holds, target)
        for post in found:
            b.add(iri, NKG.roleAsWritten, Literal(post.title.text))
            b.evidence(iri, post.evidence)
        b.extracted(iri, max(p.confidence for p in found))


def _post_iri(b: Builder, post: PostHolding) -> URIRef | None:
    """The post held: the known one, else a post minted in the article in its organisation; a post of a
    state is in that state's government (:func:`_government`). None when the organisation is unknown."""
    if post.post is not None:
        return post.post
    org = post.organisation
    if org is None or org.type not in ORGANISATION_TYPES | {"State"}:
        return None
    iri = b.ns[f"post-{_slug(post.title.text)}"]
    if iri not in b.declared:
        b.declared.add(iri)
        b.add(iri, RDF.type, NKG.Post)
        b.add(iri, RDFS.label, Literal(post.title.text))
        b.add(iri, ORG.postIn, _government(b, org, post.government) if org.type == "State" else b.entity(org))
        b.add(iri, NKG.curationStatus, NKG.Minted)
        b.extracted(iri, post.confidence)
        if post.rank is not None and post.rank > 0:
            b.add(iri, NKG.rank, Literal(post.rank, datatype=XSD.positiveInteger))
            if post.rank_as_written:
                b.add(iri, NKG.rankAsWritten, Literal(post.rank_as_written))
    return iri


def _government(b: Builder, state: Entity, known: Entity | None) -> URIRef:
    """The government of ``state``, in which its posts are (W3C ORG's ``org:postIn`` needs an
    ``org:Organization``; a ``nkg:State`` is none): the known one (``nkg:governmentOf`` in the
    entities), else one minted in the article, ``art:government-of-<state>``, labelled "government
    of <state>", marked ``nkg:Minted`` and never given a Wikidata ID."""
    if known is not None:
        return b.entity(known)
    iri = b.ns[f"government-of-{_slug(state.label)}"]
    if iri not in b.declared:
        b.declared.add(iri)
        b.add(iri, RDF.type, NKG.Government)
        b.add(iri, RDFS.label, Literal(f"government of {state.label}"))
        b.add(iri, NKG.governmentOf, b.entity(state))
        b.add(iri, NKG.curationStatus, NKG.Minted)
        b.add(iri, PROV.wasGeneratedBy, b.activity)
    return iri


def _quotations(b: Builder, extraction: Extraction, events: dict[EventMention, URIRef]) -> None:
    """Quoted spans; each attributed quotation with the statement it was said in."""
    quote_iris = add_quote_spans(b)
    spoken = [
        (e, iri)
        for e, iri in events.items()
        if e.kind in STATEMENT_KINDS and e.agent is not None and (iri, RDF.type, NKG.Event) not in b.triples
    ]
    statements: dict[tuple[URIRef, Span | None], URIRef] = {}
    last_by_speaker: dict[URIRef, URIRef] = {}
    attributed = sorted(
        (q for q in extraction.quotations if q.speaker is not None and q.quote in quote_iris), key=lambda q: q.quote
    )
    width = padded_width(len(attributed))
    for i, quotation in enumerate(attributed, 1):
        speaker = quotation.speaker
        assert speaker is not None
        iri = b.ns[f"quotation-{i:0{width}d}"]
        b.add(iri, RDF.type, NKG.Quotation)
        b.add(iri, NKG.verbatim, Literal(quotation.quote.text))
        b.add(iri, NKG.saidBy, b.entity(speaker))
        b.add(iri, NKG.evidence, quote_iris[quotation.quote])
        b.evidence(iri, *([quotation.cue] if quotation.cue is not None else []))
        for sentence in b.sentences_touching(quotation.quote):
            b.add(iri, NKG.evidence, sentence)
        b.extracted(iri, quotation.confidence)
        statement = _statement_of(b, quotation, spoken, statements, last_by_speaker)
        b.add(iri, NKG.quotedIn, statement)
        last_by_speaker[speaker.iri] = statement
    for quotation in attributed:  # a headline quoting words of a longer quotation by the same speaker
        for other in attributed:
            if (
                other is not quotation
                and other.speaker == quotation.speaker
                and quotation.quote.text in other.quote.text
            ) and len(quotation.quote.text) < len(other.quote.text):
                b.add(_iri_of(b, attributed, quotation), NKG.excerptOf, _iri_of(b, attributed, other))
                break


def _iri_of(b: Builder, attributed: list[Quotation], quotation: Quotation) -> URIRef:
    return b.ns[f"quotation-{attributed.index(quotation) + 1:0{padded_width(len(attributed))}d}"]


def _statement_of(
    b: Builder,
    quotation: Quotation,
    spoken: list[tuple[EventMention, URIRef]],
    statements: dict[tuple[URIRef, Span | None], URIRef],
    last_by_speaker: dict[URIRef, URIRef],
) -> URIRef:
    """The extracted statement event of the same speaker and sentence; else one per speaker and cue
    (a quotation with no cue of its own continues its speaker's last statement)."""
    speaker = quotation.speaker
    assert speaker is not None
    sentence = b.sentence_of(quotation.quote)
    for event, iri in spoken:
        if event.agent is not None and event.agent.iri == speaker.iri and b.sentence_of(event.evidence) == sentence:
            return iri
    if quotation.cue is None and speaker.iri in last_by_speaker:
        return last_by_speaker[speaker.iri]
    key = (speaker.iri, quotation.cue)
    if key not in statements:
        # "quoted-" keeps these apart from the extracted events, which are named after their kind
        iri = statements[key] = b.ns[f"quoted-statement-{len(statements) + 1:02d}"]
        b.add(iri, RDF.type, NKG.Statement)
        b.add(iri, RDFS.label, Literal(f"{speaker.label}: quoted remarks"))
        b.add(iri, NKG.speaker, b.entity(speaker))
        if quotation.audience is not None and quotation.audience.type in ACTOR_TYPES_FOR_ROLES:
            b.add(iri, NKG.audience, b.entity(quotation.audience))
        b.evidence(iri, quotation.cue, quotation.quote)
        b.extracted(iri, quotation.confidence)
    return statements[key]
