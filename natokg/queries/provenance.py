"""Provenance of answers: the basis, source and evidence of every row of a named query (issue 11).

A named query names the fact each row reports in its header (``# fact: change`` for a node in
column ``change``, or ``# fact: place nkg:locatedIn within`` for a triple of two columns and a
predicate). :func:`annotate` then adds, from the named graphs that hold the fact:

* ``basis``: ``article (curated)`` or ``article (draft)`` (an article graph states it, with the
  article's ``nkg:curationStatus``), ``entities`` (the shared entities), ``background`` (the
  background graph), ``inferred from the article`` or ``inferred with background`` (the OWL 2 RL
  closure without or with background knowledge). Where one value of a row has another basis, the
  query returns a column ``<value>Basis`` bound to a named graph (``GRAPH ?toBasis { … }``);
  :func:`annotate` writes it as a basis word, and adds it to ``basis`` (``…; to: background``);
* ``source``: the labels of the background sources (``nkg:BackgroundFact`` … ``nkg:source``) of
  the background part of the row: facts about the row's fact node, the exact fact triple, and
  the resolved times of the row (``nkg:resolvedTo``);
* ``id``: the fact's IRI, when the readable formats would show its label in its place;
* ``evidence``: the article's sentence for a fact stated in an article (``nkg:evidence`` spans,
  ``nif:anchorOf``; sentences for draft articles), when the query does not return one itself.

A background row's evidence is its source, never an article sentence.

>>> basis_word(GRAPH["background"])
'background'
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from natokg.namespaces import (
    BACKGROUND_GRAPH,
    BACKGROUND_INFERRED_GRAPH,
    ENTITIES_GRAPH,
    GRAPH,
    INFERRED_GRAPH,
    NIF,
    NKG,
    ONTOLOGY_GRAPH,
)
from natokg.queries.results import Results

_ARTICLE_GRAPHS = str(GRAPH["article/"])
#: Basis words, strongest first: a fact an article states is the article's, even if inferred too.
_ORDER = ("article", "entities", "inferred from the article", "background", "inferred with background", "ontology")
_WORDS = {
    ENTITIES_GRAPH: "entities",
    BACKGROUND_GRAPH: "background",
    INFERRED_GRAPH: "inferred from the article",
    BACKGROUND_INFERRED_GRAPH: "inferred with background",
    ONTOLOGY_GRAPH: "ontology",
}
#: Added columns, in this order, after the query's own.
COLUMNS = ("basis", "source", "evidence")


def basis_word(graph: Node | None, status: str | None = None) -> str | None:
    """The basis word of one named graph: ``article`` (with its curation status), ``background`` …

    >>> basis_word(GRAPH["article/x"], "draft")
    'article (draft)'
    >>> basis_word(GRAPH["inferred"])
    'inferred from the article'
    """
    if graph is None:
        return None
    if str(graph).startswith(_ARTICLE_GRAPHS):
        return f"article ({status})" if status else "article"
    return _WORDS.get(URIRef(str(graph)))


def _status(dataset: Dataset, graph: URIRef) -> str | None:
    """``curated`` or ``draft``: the nkg:curationStatus of the article an article graph holds."""
    named = dataset.graph(graph)
    for article in named.subjects(RDF.type, NKG.NewsArticle):
        status = named.value(article, NKG.curationStatus)
        if status is not None:
            return str(status).rsplit("#", 1)[-1].lower()
    return None


def _graphs_holding(dataset: Dataset, triple: tuple[Node | None, Node | None, Node | None]) -> list[URIRef]:
    return [g.identifier for g in dataset.graphs() if isinstance(g.identifier, URIRef) and (triple in g)]


def _strongest(dataset: Dataset, graphs: Iterable[URIRef]) -> str | None:
    words = [basis_word(g, _status(dataset, g) if str(g).startswith(_ARTICLE_GRAPHS) else None) for g in graphs]
    known = [w for w in words if w]
    return min(known, key=lambda w: _ORDER.index(w.split(" (")[0])) if known else None


def fact_basis(dataset: Dataset, fact: Node, predicate: URIRef | None = None, value: Node | None = None) -> str | None:
    """The basis of a fact node (where its ``rdf:type`` is stated, else any triple about it) or,
    with ``predicate`` and ``value``, of the triple ``fact predicate value``.

    >>> import natokg
    >>> from natokg.namespaces import BG
    >>> fact_basis(natokg.load(), BG["command-roles-agreement"])
    'background'
    """
    if predicate is not None:
        steps = chain(dataset, fact, predicate, value) if value is not None else []
        if len(steps) > 1:  # a transitive path the query followed (locatedIn+): as strong as its weakest step
            words = [fact_basis(dataset, *step) or "" for step in steps]
            return "inferred with background" if any("background" in w for w in words) else "inferred from the article"
        return _strongest(dataset, _graphs_holding(dataset, (fact, predicate, value)))
    return _strongest(dataset, _graphs_holding(dataset, (fact, RDF.type, None))) or _strongest(
        dataset, _graphs_holding(dataset, (fact, None, None))
    )


def chain(dataset: Dataset, start: Node, predicate: URIRef, end: Node) -> list[tuple[Node, URIRef, Node]]:
    """The stated triples of a shortest ``predicate`` path from ``start`` to ``end`` ([] if none).

    >>> import natokg
    >>> from natokg.namespaces import NKR
    >>> steps = chain(natokg.load(), NKR["nato-headquarters"], NKG.locatedIn, NKR["belgium"])
    >>> [str(o).rsplit("/", 1)[-1] for _, _, o in steps]
    ['brussels', 'belgium']
    """
    stated = [g for g in dataset.graphs() if g.identifier not in (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH)]
    previous: dict[Node, Node] = {start: start}
    frontier = [start]
    while frontier and end not in previous:
        following = []
        for node in frontier:
            for nxt in {o for g in stated for o in g.objects(node, predicate)}:
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    if end not in previous:
        return []
    steps = []
    node = end
    while node != start:
        steps.append((previous[node], predicate, node))
        node = previous[node]
    return steps[::-1]


def _sources(dataset: Dataset, subjects: set[Node], triples: list[tuple[Node, Node, Node]]) -> list[str]:
    labels: set[str] = set()
    for fact in dataset.subjects(RDF.type, NKG.BackgroundFact):
        subject = dataset.value(fact, RDF.subject)
        stated = (subject, dataset.value(fact, RDF.predicate), dataset.value(fact, RDF.object))
        if subject in subjects or stated in triples:
            for source in dataset.objects(fact, NKG.source):
                labels.add(str(dataset.value(source, RDFS.label) or source))
    return sorted(labels)


def _evidence(dataset: Dataset, fact: Node) -> str | None:
    phrases = sorted(
        {str(text) for span in dataset.objects(fact, NKG.evidence) for text in dataset.objects(span, NIF.anchorOf)}
    )
    return " | ".join(phrases) or None


def _naming_sentence(dataset: Dataset, triple: tuple[Node, Node, Node]) -> str | None:
    """The first sentence of an article stating ``triple`` that names both its ends (their labels):
    a relation such as ``Naples nkg:locatedIn Italy`` has no span of its own."""
    names = [
        [str(x) for p in (RDFS.label, SKOS.altLabel) for x in dataset.objects(node, p)]
        + [str(x).split()[-1] for x in dataset.objects(node, RDFS.label) if (node, RDF.type, NKG.Person) in dataset]
        for node in (triple[0], triple[2])
    ]
    for graph in _graphs_holding(dataset, triple):
        named = dataset.graph(graph)
        for sentence in sorted(named.subjects(RDF.type, NIF.Sentence)):
            text = str(named.value(sentence, NIF.anchorOf) or "")
            if all(any(name in text for name in group) for group in names):
                return text
    return None


def parse_fact_spec(spec: str, columns: list[str]) -> tuple[str, URIRef | None, str | None]:
    """A ``# fact:`` header as (column, predicate or None, value column or None).

    >>> parse_fact_spec("place nkg:locatedIn within", ["place", "within"])
    ('place', rdflib.term.URIRef('https://w3id.org/natokg/ontology#locatedIn'), 'within')
    """
    from natokg.namespaces import PREFIXES

    parts = spec.split()
    if len(parts) == 3:
        prefix, _, local = parts[1].partition(":")
        return parts[0], URIRef(PREFIXES[prefix] + local), parts[2]
    return parts[0], None, None


def annotate(results: Results, dataset: Dataset | None, spec: str, parameters: Iterable[str] = ()) -> Results:
    """``results`` with ``basis``, ``source`` and (if missing) ``evidence`` for each row, the
    ``*Basis`` columns written as basis words; ``spec`` is the query's ``# fact:`` header;
    ``parameters`` are the query's parameter names (bound in every row, so they make no answer).
    Without a ``dataset`` (a remote endpoint's answer) the columns are there but empty, and
    :attr:`Results.note` says so: the basis is worked out from the named graphs, held locally.

    >>> import natokg
    >>> r = natokg.query(natokg.load(), "cq10")
    >>> sorted({str(row["basis"]).split(";")[0] for row in r.to_dicts()})
    ['article (curated)', 'background']
    """
    given = set(parameters)
    column, predicate, value_column = parse_fact_spec(spec, results.columns)
    # the readable formats show xLabel instead of x: the fact's id then gets a column of its own
    shown_by_label = predicate is None and f"{column}Label" in results.columns and "id" not in results.columns
    if dataset is None:
        return _unknown(results, column if shown_by_label else None)
    own_evidence = "evidence" in results.columns
    own_basis = "basis" in results.columns
    value_columns = [c for c in results.columns if c.endswith("Basis") and c != "basis"]
    statuses = {g: _status(dataset, g) for g in _graphs_of_articles(dataset)}
    rows = []
    for row in results.to_dicts():
        if all(cell is None for name, cell in row.items() if name not in given):
            continue  # rdflib answers an empty grouped query with one row of nothing
        fact = row.get(column)
        value = row.get(value_column) if value_column else None
        triple = (fact, predicate, value) if predicate is not None and fact is not None and value is not None else None
        if fact is None:
            basis = None
        elif predicate is None or value is None:
            basis = fact_basis(dataset, fact)
        else:
            basis = fact_basis(dataset, fact, predicate, value)
        if own_basis and row.get("basis") is not None:
            # the query's own basis, a named graph (cq9 tells stated and inferred memberships apart)
            own = URIRef(str(row["basis"]))
            basis = basis_word(own, statuses.get(own)) or str(row["basis"])
        parts = [basis or "unknown"]
        steps = chain(dataset, *triple) if triple is not None else []
        background = basis is not None and ("background" in basis)
        for name in value_columns:
            graph = row[name]
            word = basis_word(graph, statuses.get(URIRef(str(graph)))) if graph is not None else None
            row[name] = Literal(word) if word else None
            if word and word != basis:
                parts.append(f"{name.removesuffix('Basis')}: {word}")
                background = background or "background" in word
        loose = triple is None or (basis == "inferred with background" and len(steps) < 2)
        subjects = {fact} if fact is not None and loose else set()
        subjects |= {
            r for n in list(subjects) for t in dataset.objects(n, NKG.time) for r in dataset.objects(t, NKG.resolvedTo)
        }
        subjects |= {
            r for cell in row.values() if isinstance(cell, URIRef) for r in dataset.objects(cell, NKG.resolvedTo)
        }
        sources = _sources(dataset, subjects, steps or ([triple] if triple else [])) if background else []
        annotated = dict(row)
        annotated["basis"] = Literal("; ".join(parts))
        annotated["source"] = Literal(" | ".join(sources)) if sources else None
        if not own_evidence or row.get("evidence") is None:  # the fact's own spans where the query found none
            text = None
            if fact is not None and basis and basis.startswith("article"):
                text = _evidence(dataset, fact) if triple is None else _naming_sentence(dataset, triple)
            annotated["evidence"] = Literal(text) if text else None
        if shown_by_label:
            annotated["id"] = fact
        rows.append(annotated)
    extra = ("id", *COLUMNS) if shown_by_label else COLUMNS
    columns = [*results.columns, *(c for c in extra if c not in results.columns)]
    return Results(
        results.kind,
        columns,
        [tuple(r.get(c) for c in columns) for r in rows],
        namespaces=results.namespaces,
    )


def _unknown(results: Results, id_column: str | None) -> Results:
    extra = ("id", *COLUMNS) if id_column else COLUMNS
    columns = [*results.columns, *(c for c in extra if c not in results.columns)]
    rows = []
    for row in results.to_dicts():
        if id_column:
            row["id"] = row[id_column]
        for name in results.columns:
            if (name.endswith("Basis") or name == "basis") and row[name] is not None:
                row[name] = Literal(basis_word(row[name]) or str(row[name]))
        rows.append(tuple(row.get(c) for c in columns))
    answer = Results(results.kind, columns, rows, namespaces=results.namespaces)
    answer.note = "basis, source and evidence are worked out from local named graphs only; run the query locally"
    return answer


def _graphs_of_articles(dataset: Dataset) -> list[URIRef]:
    return [g.identifier for g in dataset.graphs() if str(g.identifier).startswith(_ARTICLE_GRAPHS)]
