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
    article_graph,
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
    """Triples per named graph and instances per kind of fact (subclasses included). ``dataset``
    may be a corpus store (:func:`natokg.store.current`): the counts are then read from its
    manifest and its engine, the inferred graphs counted when ``store.inferred`` (a Dataset
    holds them when loaded with ``inferred=True``).

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
    query = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* ?cls }"
    if hasattr(dataset, "article_slugs") and hasattr(dataset, "manifest"):  # a corpus store
        from natokg.store import query as store_query

        store = dataset
        counts = {name: info["triples"] for name, info in store.manifest["graphs"].items()}
        derived = store.manifest.get("derived", {}) if store.inferred else {}
        counts.update({str(g): derived.get(str(g), 0) for g in (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH)})
        slugs = store.article_slugs()
        figures = {f"triples: {name}": counts.get(str(iri), 0) for name, iri in graph_names.items()}
        figures["triples: articles"] = sum(counts[str(article_graph(slug))] for slug in slugs)
        figures["articles"] = len(slugs)
        for label, cls in COUNTED_CLASSES.items():
            rows = store_query(store, query, inferred=store.inferred, bindings={"cls": cls})
            figures[label] = int(rows[0]["n"].toPython())
        return figures
    articles = article_graphs(dataset)
    figures = {f"triples: {name}": len(dataset.graph(iri)) for name, iri in graph_names.items()}
    figures["triples: articles"] = sum(len(dataset.graph(iri)) for iri in articles)
    figures["articles"] = len(articles)
    for label, cls in COUNTED_CLASSES.items():
        row = next(iter(dataset.query(query, initBindings={"cls": cls})))
        figures[label] = int(row[0])
    return figures
