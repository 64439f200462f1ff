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

Every lookup is a SPARQL query batched over all rows (``VALUES``), run through
:func:`~natokg.queries.execution.execute` on the query's own target: an rdflib dataset, a remote
endpoint or the corpus store give the same provenance. About ten queries per answer, whatever
its length; in rdflib, ``GRAPH ?g`` visits every named graph, so a lookup costs in proportion to
the rows times the graphs (see ``benchmarks/provenance.py``).

>>> basis_word(GRAPH["background"])
'background'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from natokg.namespaces import (
    BACKGROUND_GRAPH,
    BACKGROUND_INFERRED_GRAPH,
    ENTITIES_GRAPH,
    GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
)
from natokg.queries.results import Results

if TYPE_CHECKING:
    from natokg.queries.execution import Target

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

Triple = tuple[Node, URIRef, Node]


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


# --- the lookups: a few SPARQL queries, each batched over all rows with VALUES -------------------
# They run through natokg.queries.execution.execute, the one function that runs SPARQL on every
# target (an rdflib dataset, a remote endpoint, the corpus store), so every target gets the same
# provenance. Blank nodes cannot be named in a query, so they get none.


def _select(target: Target, text: str) -> list[dict[str, Node | None]]:
    from natokg.queries.execution import execute  # execution imports this module
    from natokg.store.build import Store

    if isinstance(target, Store):
        # natokg's own lookup, so no checks: straight to Oxigraph, without rdflib's parser (whose
        # cost grows with the VALUES of a long answer: seconds for thousands of rows)
        from natokg.store.query import query as store_query

        return [dict(row) for row in store_query(target, text, inferred=target.inferred)]
    return execute(text, target, source="<provenance>", timeout=None, max_rows=None).to_dicts()


def _terms(nodes: Iterable[Node | None]) -> str:
    """The nodes that a query can name, sorted, as SPARQL terms for a VALUES clause ('' if none)."""
    return " ".join(sorted({n.n3() for n in nodes if isinstance(n, (URIRef, Literal))}))


def _nameable(*nodes: Node | None) -> bool:
    return all(isinstance(n, (URIRef, Literal)) for n in nodes)


def statuses(target: Target, graphs: Iterable[Node | None] | None = None) -> dict[URIRef, str]:
    """Article graph → ``curated`` or ``draft``: the nkg:curationStatus of the article it holds;
    of the article graphs among ``graphs`` only, if given (one lookup each, not one per graph).

    >>> import natokg
    >>> list(statuses(natokg.load()).values())
    ['curated']
    """
    only = ""
    if graphs is not None:
        wanted = [g for g in graphs if isinstance(g, URIRef) and str(g).startswith(_ARTICLE_GRAPHS)]
        if not wanted:
            return {}
        only = f"VALUES ?g {{ {_terms(wanted)} }}"
    rows = _select(
        target,
        f"""SELECT ?g ?status WHERE {{
              {only}
              GRAPH ?g {{ ?article a nkg:NewsArticle ; nkg:curationStatus ?status }}
              FILTER(STRSTARTS(STR(?g), "{_ARTICLE_GRAPHS}"))
            }} ORDER BY ?g ?status""",
    )
    found: dict[URIRef, str] = {}
    for row in rows:
        found.setdefault(URIRef(str(row["g"])), str(row["status"]).rsplit("#", 1)[-1].lower())
    return found


def _fact_graphs(target: Target, facts: Iterable[Node]) -> dict[Node, tuple[set[URIRef], set[URIRef]]]:
    """Fact node → (the graphs that state its ``rdf:type``, the graphs with any triple about it)."""
    values = _terms(facts)
    found: dict[Node, tuple[set[URIRef], set[URIRef]]] = defaultdict(lambda: (set(), set()))
    if not values:
        return found
    rows = _select(
        target,
        f"""SELECT DISTINCT ?fact ?g ?typed WHERE {{
              VALUES ?fact {{ {values} }}
              GRAPH ?g {{ ?fact ?p ?o }}
              BIND(?p = rdf:type AS ?typed)
            }}""",
    )
    for row in rows:
        typed, anything = found[row["fact"]]
        anything.add(URIRef(str(row["g"])))
        if row["typed"] is not None and row["typed"].toPython() is True:
            typed.add(URIRef(str(row["g"])))
    return found


def _triple_graphs(target: Target, triples: Iterable[Triple]) -> dict[Triple, set[URIRef]]:
    """Triple → the named graphs that state it."""
    rows_in = sorted({f"({s.n3()} {p.n3()} {o.n3()})" for s, p, o in triples if _nameable(s, p, o)})
    found: dict[Triple, set[URIRef]] = defaultdict(set)
    if not rows_in:
        return found
    rows = _select(
        target,
        f"""SELECT DISTINCT ?s ?p ?o ?g WHERE {{
              VALUES (?s ?p ?o) {{ {" ".join(rows_in)} }}
              GRAPH ?g {{ ?s ?p ?o }}
            }}""",
    )
    for row in rows:
        found[(row["s"], row["p"], row["o"])].add(URIRef(str(row["g"])))
    return found


def _stated_edges(target: Target, starts: Iterable[Node], predicate: URIRef) -> dict[Node, list[Node]]:
    """Node → the nodes it has ``predicate`` to, in a stated graph (not an inferred one), for every
    node reachable from ``starts`` (sorted, so a shortest path is the same on every engine)."""
    values = _terms(starts)
    edges: dict[Node, list[Node]] = defaultdict(list)
    if not values:
        return edges
    rows = _select(
        target,
        f"""SELECT DISTINCT ?a ?b WHERE {{
              VALUES ?start {{ {values} }}
              ?start {predicate.n3()}* ?a .
              GRAPH ?g {{ ?a {predicate.n3()} ?b }}
              FILTER(?g NOT IN ({INFERRED_GRAPH.n3()}, {BACKGROUND_INFERRED_GRAPH.n3()}))
            }}""",
    )
    for row in rows:
        edges[row["a"]].append(row["b"])
    for following in edges.values():
        following.sort(key=lambda n: n.n3())
    return edges


def shortest_path(edges: Mapping[Node, Sequence[Node]], start: Node, predicate: URIRef, end: Node) -> list[Triple]:
    """The triples of a shortest path from ``start`` to ``end`` over ``edges`` ([] if none).

    >>> from rdflib import URIRef as U
    >>> edges = {U("urn:a"): [U("urn:b")], U("urn:b"): [U("urn:c")]}
    >>> [str(o) for _, _, o in shortest_path(edges, U("urn:a"), U("urn:in"), U("urn:c"))]
    ['urn:b', 'urn:c']
    """
    previous: dict[Node, Node] = {start: start}
    frontier = [start]
    while frontier and end not in previous:
        following = []
        for node in frontier:
            for nxt in edges.get(node, ()):
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


def chain(target: Target, start: Node, predicate: URIRef, end: Node) -> list[Triple]:
    """The stated triples of a shortest ``predicate`` path from ``start`` to ``end`` ([] if none).

    >>> import natokg
    >>> from natokg.namespaces import NKG, NKR
    >>> steps = chain(natokg.load(), NKR["nato-headquarters"], NKG.locatedIn, NKR["belgium"])
    >>> [str(o).rsplit("/", 1)[-1] for _, _, o in steps]
    ['brussels', 'belgium']
    """
    return shortest_path(_stated_edges(target, [start], predicate), start, predicate, end)


def _resolved_times(target: Target, nodes: Iterable[Node]) -> tuple[dict[Node, set[Node]], dict[Node, set[Node]]]:
    """(node → the ``nkg:resolvedTo`` of its ``nkg:time``, node → its own ``nkg:resolvedTo``)."""
    values = _terms(nodes)
    through_time: dict[Node, set[Node]] = defaultdict(set)
    own: dict[Node, set[Node]] = defaultdict(set)
    if not values:
        return through_time, own
    rows = _select(
        target,
        f"""SELECT DISTINCT ?n ?via ?r WHERE {{
              VALUES ?n {{ {values} }}
              {{ ?n nkg:time ?t . ?t nkg:resolvedTo ?r BIND("time" AS ?via) }}
              UNION {{ ?n nkg:resolvedTo ?r BIND("own" AS ?via) }}
            }}""",
    )
    for row in rows:
        (through_time if str(row["via"]) == "time" else own)[row["n"]].add(row["r"])
    return through_time, own


def background_facts(target: Target) -> list[tuple[Triple, str]]:
    """The (reified triple, source label) of every ``nkg:BackgroundFact`` (the source's IRI where it
    has no label). The background is small and fixed, so all of it is read in one query: joined
    with a VALUES clause of a thousand rows' subjects, rdflib takes fifty times longer.

    >>> import natokg
    >>> from natokg.namespaces import BG
    >>> facts = background_facts(natokg.load())
    >>> sorted({label[:24] for (s, _, _), label in facts if s == BG["command-roles-agreement"]})
    ['nato.int news 2026-02-06']
    """
    rows = _select(
        target,
        """SELECT DISTINCT ?s ?p ?o ?source ?label WHERE {
              ?fact a nkg:BackgroundFact ; rdf:subject ?s ; nkg:source ?source .
              OPTIONAL { ?fact rdf:predicate ?p }
              OPTIONAL { ?fact rdf:object ?o }
              OPTIONAL { ?source rdfs:label ?label }
            }""",
    )
    return [((r["s"], r["p"], r["o"]), str(r["label"] if r["label"] is not None else r["source"])) for r in rows]


def _evidence_texts(target: Target, facts: Iterable[Node]) -> dict[Node, str]:
    """Fact → its evidence spans' ``nif:anchorOf`` texts, sorted, joined with `` | ``."""
    values = _terms(facts)
    if not values:
        return {}
    rows = _select(
        target,
        f"""SELECT DISTINCT ?fact ?text WHERE {{
              VALUES ?fact {{ {values} }}
              ?fact nkg:evidence ?span . ?span nif:anchorOf ?text
            }}""",
    )
    texts: dict[Node, set[str]] = defaultdict(set)
    for row in rows:
        texts[row["fact"]].add(str(row["text"]))
    return {fact: " | ".join(sorted(found)) for fact, found in texts.items()}


def _naming_sentences(target: Target, triples: Mapping[Triple, Iterable[URIRef]]) -> dict[Triple, str]:
    """Triple → the first sentence (by IRI) of an article graph stating it (``triples`` maps each to
    those graphs) that names both its ends: a relation such as ``Naples nkg:locatedIn Italy`` has
    no span of its own. A name is a label, an alternative label or, for a person, the family name."""
    wanted = {t: sorted(g for g in graphs if str(g).startswith(_ARTICLE_GRAPHS)) for t, graphs in triples.items()}
    wanted = {t: graphs for t, graphs in wanted.items() if graphs and _nameable(t[0], t[2])}
    if not wanted:
        return {}
    names: dict[Node, list[str]] = defaultdict(list)
    for row in _select(
        target,
        f"""SELECT DISTINCT ?node ?name ?person WHERE {{
              VALUES ?node {{ {_terms(n for t in wanted for n in (t[0], t[2]))} }}
              {{ ?node rdfs:label ?name BIND(EXISTS {{ ?node a nkg:Person }} AS ?person) }}
              UNION {{ ?node skos:altLabel ?name }}
            }}""",
    ):
        names[row["node"]].append(str(row["name"]))
        if row["person"] is not None and row["person"].toPython() is True:
            names[row["node"]].append(str(row["name"]).split()[-1])
    sentences: dict[URIRef, list[str]] = defaultdict(list)
    for row in _select(
        target,
        f"""SELECT ?g ?sentence ?text WHERE {{
              VALUES ?g {{ {_terms(g for graphs in wanted.values() for g in graphs)} }}
              GRAPH ?g {{ ?sentence a nif:Sentence . OPTIONAL {{ ?sentence nif:anchorOf ?text }} }}
            }} ORDER BY ?g ?sentence""",
    ):
        sentences[URIRef(str(row["g"]))].append(str(row["text"] or ""))
    found = {}
    for triple, graphs in wanted.items():
        groups = [names.get(triple[0], []), names.get(triple[2], [])]
        text = next(
            (
                text
                for graph in graphs
                for text in sentences.get(graph, [])
                if all(any(name in text for name in group) for group in groups)
            ),
            None,
        )
        if text is not None:
            found[triple] = text
    return found


def _strongest(graphs: Iterable[URIRef], status: Mapping[URIRef, str]) -> str | None:
    words = [basis_word(g, status.get(g)) for g in graphs]
    known = [w for w in words if w]
    return min(known, key=lambda w: _ORDER.index(w.split(" (")[0])) if known else None


def _path_basis(steps: list[Triple], holding: Mapping[Triple, set[URIRef]], status: Mapping[URIRef, str]) -> str:
    """A transitive path the query followed (locatedIn+): as strong as its weakest step."""
    words = [_strongest(holding.get(step, ()), status) or "" for step in steps]
    return "inferred with background" if any("background" in w for w in words) else "inferred from the article"


def fact_basis(target: Target, fact: Node, predicate: URIRef | None = None, value: Node | None = None) -> str | None:
    """The basis of a fact node (where its ``rdf:type`` is stated, else any triple about it) or,
    with ``predicate`` and ``value``, of the triple ``fact predicate value``.

    >>> import natokg
    >>> from natokg.namespaces import BG
    >>> fact_basis(natokg.load(), BG["command-roles-agreement"])
    'background'
    """
    if predicate is not None and value is not None:
        steps = chain(target, fact, predicate, value)
        holding = _triple_graphs(target, [(fact, predicate, value), *steps])
        status = statuses(target, {g for graphs in holding.values() for g in graphs})
        if len(steps) > 1:
            return _path_basis(steps, holding, status)
        return _strongest(holding.get((fact, predicate, value), ()), status)
    typed, anything = _fact_graphs(target, [fact]).get(fact, (set(), set()))
    status = statuses(target, anything)
    return _strongest(typed, status) or _strongest(anything, status)


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


def annotate(results: Results, target: Target | None, spec: str, parameters: Iterable[str] = ()) -> Results:
    """``results`` with ``basis``, ``source`` and (if missing) ``evidence`` for each row, the
    ``*Basis`` columns written as basis words; ``spec`` is the query's ``# fact:`` header;
    ``parameters`` are the query's parameter names (bound in every row, so they make no answer).

    ``target`` is what the query ran on: an rdflib dataset, a remote :class:`Endpoint` (whose
    default graph is the union of its named graphs, as ``natokg push`` makes it) or any other
    target :func:`~natokg.queries.execution.execute` runs SPARQL on; the provenance is looked up
    there with a few SPARQL queries, each over all rows at once, so every target gives the same
    answer. Without a ``target`` (or on a single graph, which has no named graphs) the columns are
    there but empty, and :attr:`Results.note` says so.

    >>> import natokg
    >>> r = natokg.query(natokg.load(), "cq10")
    >>> sorted({str(row["basis"]).split(";")[0] for row in r.to_dicts()})
    ['article (curated)', 'background']
    """
    given = set(parameters)
    column, predicate, value_column = parse_fact_spec(spec, results.columns)
    # the readable formats show xLabel instead of x: the fact's id then gets a column of its own
    shown_by_label = predicate is None and f"{column}Label" in results.columns and "id" not in results.columns
    if target is None or (isinstance(target, Graph) and not hasattr(target, "graphs")):
        return _unknown(results, column if shown_by_label else None)
    rows = [
        row
        for row in results.to_dicts()
        # rdflib answers an empty grouped query with one row of nothing
        if not all(cell is None for name, cell in row.items() if name not in given)
    ]
    own_evidence = "evidence" in results.columns
    own_basis = "basis" in results.columns
    lookups = _Lookups(target, rows, column, predicate, value_column, own_basis)
    value_columns = [c for c in results.columns if c.endswith("Basis") and c != "basis"]
    status = lookups.status
    answered = []
    for row in rows:
        fact = row.get(column)
        triple = lookups.triple(row)
        basis = lookups.basis(row)
        parts = [basis or "unknown"]
        steps = lookups.steps(triple) if triple is not None else []
        background = basis is not None and ("background" in basis)
        annotated = dict(row)
        for name in value_columns:
            graph = row[name]
            word = basis_word(graph, status.get(URIRef(str(graph)))) if graph is not None else None
            annotated[name] = Literal(word) if word else None
            if word and word != basis:
                parts.append(f"{name.removesuffix('Basis')}: {word}")
                background = background or "background" in word
        sources = lookups.sources(row, basis, steps) if background else []
        annotated["basis"] = Literal("; ".join(parts))
        annotated["source"] = Literal(" | ".join(sources)) if sources else None
        if not own_evidence or row.get("evidence") is None:  # the fact's own spans where the query found none
            text = None
            if fact is not None and basis and basis.startswith("article"):
                text = lookups.evidence.get(fact) if triple is None else lookups.sentences.get(triple)
            annotated["evidence"] = Literal(text) if text else None
        if shown_by_label:
            annotated["id"] = fact
        answered.append(annotated)
    extra = ("id", *COLUMNS) if shown_by_label else COLUMNS
    columns = [*results.columns, *(c for c in extra if c not in results.columns)]
    return Results(
        results.kind,
        columns,
        [tuple(r.get(c) for c in columns) for r in answered],
        namespaces=results.namespaces,
    )


class _Lookups:
    """What the provenance of a batch of rows needs, looked up on ``target`` in a few queries."""

    def __init__(
        self,
        target: Target,
        rows: list[dict[str, Node | None]],
        column: str,
        predicate: URIRef | None,
        value_column: str | None,
        own_basis: bool,
    ) -> None:
        self.target = target
        self.column, self.predicate, self.value_column, self.own_basis = column, predicate, value_column, own_basis
        facts = [row.get(column) for row in rows if row.get(column) is not None]
        triples = [t for t in (self.triple(row) for row in rows) if t is not None]
        self._facts = _fact_graphs(target, [row.get(column) for row in rows if self.triple(row) is None])
        self._paths: dict[Triple, list[Triple]] = {}
        if predicate is not None and triples:
            edges = _stated_edges(target, {t[0] for t in triples}, predicate)
            self._paths = {t: shortest_path(edges, *t) for t in triples}
        self._holding = _triple_graphs(target, [*triples, *(s for steps in self._paths.values() for s in steps)])
        # the curation status of the article graphs the answer names: holding a fact, or a *Basis value
        named = {g for found in self._facts.values() for graphs in found for g in graphs}
        named |= {g for graphs in self._holding.values() for g in graphs}
        named |= {row[c] for row in rows for c in row if (c == "basis" or c.endswith("Basis")) and row[c] is not None}
        self.status = statuses(target, {URIRef(str(g)) for g in named})
        self._bases = {id(row): self._basis(row) for row in rows}
        article_rows = [row for row in rows if (self._bases[id(row)] or "").startswith("article")]
        self.evidence = _evidence_texts(target, [row.get(column) for row in article_rows if self.triple(row) is None])
        self.sentences = _naming_sentences(
            target, {t: self._holding.get(t, set()) for t in (self.triple(row) for row in article_rows) if t}
        )
        cells = {cell for row in rows for cell in row.values() if isinstance(cell, URIRef)}
        self._through_time, self._resolved = _resolved_times(target, {*facts, *cells})
        self._background: list[tuple[Triple, str]] | None = None

    def triple(self, row: Mapping[str, Node | None]) -> Triple | None:
        fact = row.get(self.column)
        value = row.get(self.value_column) if self.value_column else None
        if self.predicate is None or fact is None or value is None:
            return None
        return (fact, self.predicate, value)

    def steps(self, triple: Triple) -> list[Triple]:
        return self._paths.get(triple, [])

    def basis(self, row: Mapping[str, Node | None]) -> str | None:
        return self._bases.get(id(row))

    def _basis(self, row: Mapping[str, Node | None]) -> str | None:
        if self.own_basis and row.get("basis") is not None:
            # the query's own basis, a named graph (cq9 tells stated and inferred memberships apart)
            own = URIRef(str(row["basis"]))
            return basis_word(own, self.status.get(own)) or str(row["basis"])
        fact = row.get(self.column)
        if fact is None:
            return None
        triple = self.triple(row)
        if triple is None:
            typed, anything = self._facts.get(fact, (set(), set()))
            return _strongest(typed, self.status) or _strongest(anything, self.status)
        steps = self.steps(triple)
        if len(steps) > 1:
            return _path_basis(steps, self._holding, self.status)
        return _strongest(self._holding.get(triple, ()), self.status)

    def sources(self, row: Mapping[str, Node | None], basis: str | None, steps: list[Triple]) -> list[str]:
        """The labels of the background sources of the row: facts about the row's fact node (unless
        the row is an exact triple or a path), the exact triple or the path's steps, the resolved times."""
        if self._background is None:  # only rows with background need it; looked up once for all
            self._background = background_facts(self.target)
        fact = row.get(self.column)
        triple = self.triple(row)
        loose = triple is None or (basis == "inferred with background" and len(steps) < 2)
        subjects = {fact} if fact is not None and loose else set()
        subjects |= {r for n in list(subjects) for r in self._through_time.get(n, ())}
        subjects |= {r for cell in row.values() if isinstance(cell, URIRef) for r in self._resolved.get(cell, ())}
        stated = steps or ([triple] if triple else [])
        return sorted(
            {label for fact_triple, label in self._background if fact_triple[0] in subjects or fact_triple in stated}
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
    answer.note = "basis, source and evidence need the named graphs, which this target does not have"
    return answer
