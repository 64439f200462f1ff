"""The text layer of an article graph (NIF 2.0), and the builder that the facts are added to.

:func:`natokg.ingest.rdf.article_triples` makes one :class:`Builder` per article; this module
adds what every article graph has whatever facts were found:

* ``art:article`` (a ``nkg:NewsArticle``, ``nkg:curationStatus nkg:Draft``) with its metadata
  (``schema:datePublished``, ``schema:url``, ``dcterms:publisher``) and one ``prov:Activity``
  (``art:ingest``: natokg version, NLP model and version, no wall-clock time);
* ``art:text``, a ``nif:Context`` holding the text byte for byte; ``art:sentence-NN``
  (``nif:Sentence``, chained by ``nif:nextSentence``); ``art:quote-NN`` (``nkg:QuoteSpan``);
  ``art:mention-B-E`` (``nkg:Mention`` with ``itsrdf:taIdentRef``); and, through
  :meth:`Builder.evidence`, ``art:phrase-B-E`` (a ``nif:Phrase`` for each fact's evidence, named
  by its code-point offsets, inside its sentence).

Every span has ``nif:beginIndex``/``nif:endIndex`` (code points, ``xsd:nonNegativeInteger``) and
``nif:anchorOf``, the text at those offsets.

>>> from natokg.ingest.model import ArticleMetadata, Extraction, Span
>>> text = "NATO met in Brussels. Allies agreed."
>>> b = Builder(Extraction(text, ArticleMetadata("note"), sentences=[Span.of(text, 0, 21), Span.of(text, 22, 36)]),
...             frozenset())
>>> add_text(b)
>>> [str(o) for s, p, o in sorted(b.triples) if p == NIF.anchorOf]
['NATO met in Brussels.', 'Allies agreed.']
>>> b.sentence_of(Span.of(text, 29, 35)).rsplit("/", 1)[-1]
'sentence-02'
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef, namespace
from rdflib.term import Node

from natokg import namespaces
from natokg.ingest.model import Entity, Extraction, Mention, Span
from natokg.namespaces import article_namespace


class Terms:
    """A namespace whose terms are made once: ``Terms(NKG).Person is Terms(NKG).Person``.

    rdflib's ``Namespace`` and ``DefinedNamespace`` make (and check) a new ``URIRef`` on every
    attribute access, which was a third of the graph builder's time; the builders use these instead.

    >>> from natokg.namespaces import NKG
    >>> terms = Terms(NKG)
    >>> terms.Person == NKG.Person and terms.Person is terms.Person
    True
    """

    def __init__(self, space: Any) -> None:
        self._space = space

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._space, name)
        setattr(self, name, term)  # found in the instance's __dict__ from now on, without __getattr__
        return term


DCTERMS, PROV, RDF, RDFS = Terms(namespace.DCTERMS), Terms(namespace.PROV), Terms(namespace.RDF), Terms(namespace.RDFS)
SDO, TIME, XSD = Terms(namespace.SDO), Terms(namespace.TIME), Terms(namespace.XSD)
ITSRDF, NIF, NKG, ORG = Terms(namespaces.ITSRDF), Terms(namespaces.NIF), Terms(namespaces.NKG), Terms(namespaces.ORG)

#: Actor types of the extraction model, as ontology classes.
ACTOR_CLASSES: dict[str, URIRef] = {
    "Person": NKG.Person,
    "Organization": NKG.Organization,
    "State": NKG.State,
    "Place": NKG.Place,
    "CollectiveActor": NKG.CollectiveActor,
}


@lru_cache(maxsize=256)
def _decimal(value: float) -> Literal:
    return Literal(Decimal(f"{min(max(value, 0.0), 1.0):.2f}"), datatype=XSD.decimal)


@lru_cache(maxsize=4096)
def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


#: one RDF triple, as :func:`natokg.ingest.rdf.article_triples` returns them
Triple = tuple[Node, Node, Node]


@dataclass
class Builder:
    """The state of one article graph while it is built: IRIs given so far, entities declared."""

    extraction: Extraction
    shared: frozenset[URIRef]
    #: the triples so far: a set, not an rdflib Graph, whose ``add`` costs ten times more
    triples: set[Triple] = field(default_factory=set)
    declared: set[URIRef] = field(default_factory=set)
    phrases: dict[tuple[int, int], URIRef] = field(default_factory=dict)
    times: dict[Span, URIRef] = field(default_factory=dict)
    #: the unnamed event that a sentence's representation or absence refers to, by sentence
    occasions: dict[URIRef, URIRef] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ns = Namespace(str(article_namespace(self.extraction.metadata.slug)))
        self.article, self.context, self.activity = self.ns["article"], self.ns["text"], self.ns["ingest"]
        self.sentences = sorted(s for s in self.extraction.sentences if s.begin < s.end)
        self.starts = [s.begin for s in self.sentences]
        self.sentence_iris = [
            self.ns[f"sentence-{i:0{padded_width(len(self.sentences))}d}"] for i in range(1, len(self.sentences) + 1)
        ]

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.add((s, p, o))

    # --- text ---------------------------------------------------------------

    def sentence_of(self, span: Span) -> URIRef | None:
        """The sentence that holds all of ``span`` (sentences are sorted and do not overlap)."""
        i = bisect_right(self.starts, span.begin) - 1
        if i >= 0 and span.end <= self.sentences[i].end:
            return self.sentence_iris[i]
        return None

    def sentences_touching(self, span: Span) -> list[URIRef]:
        pairs = zip(self.sentences, self.sentence_iris, strict=False)
        return [iri for s, iri in pairs if s.begin < span.end and span.begin < s.end]

    def span(self, iri: URIRef, span: Span, *types: URIRef) -> None:
        for kind in (*types, NIF.String):
            self.add(iri, RDF.type, kind)
        self.add(iri, NIF.referenceContext, self.context)
        self.add(iri, NIF.beginIndex, _count(span.begin))
        self.add(iri, NIF.endIndex, _count(span.end))
        self.add(iri, NIF.anchorOf, Literal(span.text))

    def evidence(self, node: URIRef, *spans: Span | None) -> None:
        """Cite each span: as a phrase inside its sentence, with the sentence; else the sentences it touches."""
        for span in spans:
            if span is None or span.begin >= span.end:
                continue
            sentence = self.sentence_of(span)
            if sentence is None:
                for iri in self.sentences_touching(span):
                    self.add(node, NKG.evidence, iri)
                continue
            key = (span.begin, span.end)
            phrase = self.phrases.get(key)
            if phrase is None:
                phrase = self.phrases[key] = self.ns[f"phrase-{span.begin}-{span.end}"]
                self.span(phrase, span, NIF.Phrase)
                self.add(phrase, NIF.sentence, sentence)
            self.add(node, NKG.evidence, phrase)
            self.add(node, NKG.evidence, sentence)
        self.add(node, NKG.reportedIn, self.article)

    def extracted(self, node: URIRef, confidence: float) -> None:
        self.add(node, PROV.wasGeneratedBy, self.activity)
        self.add(node, NKG.confidence, _decimal(confidence))

    # --- entities -----------------------------------------------------------

    def entity(self, entity: Entity) -> URIRef:
        """The entity's IRI; new entities (and known ones outside the shared entities) are declared here."""
        if entity.iri not in self.declared and (not entity.known or entity.iri not in self.shared):
            self.declared.add(entity.iri)
            self.add(entity.iri, RDF.type, ACTOR_CLASSES.get(entity.type, NKG.Actor))
            self.add(entity.iri, RDFS.label, Literal(entity.label))
            if not entity.known:
                self.add(entity.iri, NKG.curationStatus, NKG.Minted)
                self.add(entity.iri, PROV.wasGeneratedBy, self.activity)
        return entity.iri


def padded_width(n: int) -> int:
    """Digits of the running numbers of ``n`` nodes (at least two), so their IRIs sort in text order.

    >>> padded_width(9), padded_width(100)
    (2, 3)
    """
    return max(2, len(str(n)))


def shared_entities() -> frozenset[URIRef]:
    """The subjects typed in the shared entities of the current data root (their types are known there)."""
    from natokg.loading import Sources

    sources = Sources.find()
    return _typed_subjects((sources.entities, *sources.own_entities))


@lru_cache(maxsize=8)
def _typed_subjects(paths: tuple[Path, ...]) -> frozenset[URIRef]:
    from natokg.loading import parse_file

    graph = Graph()
    for path in paths:
        parse_file(path, graph)
    return frozenset(s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef))


def add_article(b: Builder) -> None:
    """The article node with its metadata, and the ingest activity (natokg version, model, its version)."""
    meta = b.extraction.metadata
    b.add(b.article, RDF.type, NKG.NewsArticle)
    b.add(b.article, RDFS.label, Literal(meta.title or f"Article {meta.slug}"))
    b.add(b.article, NKG.text, b.context)
    b.add(b.article, NKG.curationStatus, NKG.Draft)
    if meta.published is not None:
        b.add(b.article, SDO.datePublished, Literal(meta.published.isoformat(), datatype=XSD.date))
    if meta.source:
        b.add(b.article, SDO.url, URIRef(meta.source))
    if meta.publisher:
        b.add(b.article, DCTERMS.publisher, Literal(meta.publisher))
    name, _, version = b.extraction.model.rpartition(" ")
    name, version = (name, version) if name else (b.extraction.model, "")
    from natokg import __version__

    b.add(b.activity, RDF.type, PROV.Activity)
    b.add(b.activity, RDFS.label, Literal(f"natokg ingest of {meta.slug}"))
    b.add(b.activity, PROV.used, b.context)
    b.add(b.activity, NKG.softwareVersion, Literal(f"natokg {__version__}"))
    b.add(b.activity, NKG.nlpModel, Literal(name))
    if version:
        b.add(b.activity, NKG.nlpModelVersion, Literal(version))


def add_text(b: Builder) -> None:
    """The NIF context (the text byte for byte) and its sentences, chained in text order."""
    text = b.extraction.text
    for kind in (NIF.Context, NIF.String):
        b.add(b.context, RDF.type, kind)
    b.add(b.context, RDFS.label, Literal("Text of the article"))
    b.add(b.context, NIF.isString, Literal(text))
    b.add(b.context, NIF.beginIndex, _count(0))
    b.add(b.context, NIF.endIndex, _count(len(text)))
    for i, (sentence, iri) in enumerate(zip(b.sentences, b.sentence_iris, strict=False)):
        b.span(iri, sentence, NIF.Sentence)
        if i + 1 < len(b.sentence_iris):
            b.add(iri, NIF.nextSentence, b.sentence_iris[i + 1])


def add_quote_spans(b: Builder) -> dict[Span, URIRef]:
    """Each quoted span (marks excluded) that lies inside a sentence, numbered in text order; returns their IRIs."""
    spans = sorted(s for s in b.extraction.quote_spans if s.begin < s.end)
    iris: dict[Span, URIRef] = {}
    for i, span in enumerate(spans, 1):
        sentence = b.sentence_of(span)
        if sentence is None:
            continue  # the pipeline merges sentences so that a quote lies inside one; never cite across
        iri = iris[span] = b.ns[f"quote-{i:0{padded_width(len(spans))}d}"]
        b.span(iri, span, NKG.QuoteSpan)
        b.add(iri, NIF.sentence, sentence)
    return iris


def add_mentions(b: Builder, mentions: list[Mention]) -> None:
    """Each mention inside a sentence as ``art:mention-B-E``, linked to its entity (declared if new)."""
    for mention in mentions:
        span = mention.span
        sentence = b.sentence_of(span)
        if span.begin >= span.end or sentence is None:
            continue
        iri = b.ns[f"mention-{span.begin}-{span.end}"]
        b.span(iri, span, NKG.Mention)
        b.add(iri, NIF.sentence, sentence)
        b.add(iri, ITSRDF.taIdentRef, b.entity(mention.entity))
        b.add(iri, NKG.mentionKind, Literal(mention.kind))
        b.extracted(iri, mention.confidence)
