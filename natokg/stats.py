"""Statistics: how big each named graph is and how many facts of each kind it holds."""

from __future__ import annotations

from rdflib import Dataset

from natokg.loading import article_graphs
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    BACKGROUND_INFERRED_GRAPH,
    ENTITIES_GRAPH,
    INFERRED_GRAPH,
    NIF,
    NKG,
    ONTOLOGY_GRAPH,
)

COUNTED_CLASSES = {
    "actors": NKG.Actor,
    "posts": NKG.Post,
    "events": NKG.Event,
    "statements": NKG.Statement,
    "quotations": NKG.Quotation,
    "commitments": NKG.Commitment,
    "qualified relations": NKG.QualifiedRelation,
    "evidence spans": NIF.String,
}


def stats(dataset: Dataset) -> dict[str, int]:
    """Triples per named graph and instances per kind of fact (subclasses included).

    >>> from natokg.loading import load
    >>> s = stats(load())
    >>> s["quotations"], s["articles"]
    (7, 1)
    """
    graph_names = {
        "ontology": ONTOLOGY_GRAPH,
        "entities": ENTITIES_GRAPH,
        "background": BACKGROUND_GRAPH,
        "inferred": INFERRED_GRAPH,
        "inferred-background": BACKGROUND_INFERRED_GRAPH,
    }
    articles = article_graphs(dataset)
    figures = {f"triples: {name}": len(dataset.graph(iri)) for name, iri in graph_names.items()}
    figures["triples: articles"] = sum(len(dataset.graph(iri)) for iri in articles)
    figures["articles"] = len(articles)
    for label, cls in COUNTED_CLASSES.items():
        query = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* ?cls }"
        row = next(iter(dataset.query(query, initBindings={"cls": cls})))
        figures[label] = int(row[0])
    return figures
