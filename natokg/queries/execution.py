"""Running queries: parsing, refusing updates and network access, binding, on a graph or an endpoint."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib import ConjunctiveGraph, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from natokg.errors import NatokgError, QueryError
from natokg.loading import SELECTIONS, load, select
from natokg.namespaces import INFERRED_GRAPH, INFERRED_GRAPHS, PREFIXES
from natokg.queries.catalog import get_query
from natokg.queries.limits import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    Deadline,
    check_limits,
    deadline,
    timeout_error,
)
from natokg.queries.parameters import _VARIABLE_NAME, _namespaces_of, _prefix_map, used_prefixes
from natokg.queries.provenance import annotate
from natokg.queries.remote import Endpoint, _run_remote
from natokg.queries.results import Results
from natokg.store.build import Store

_UPDATE_OPERATIONS = {"Modify": "DELETE/INSERT … WHERE"}


# rdflib evaluates SERVICE clauses by calling the remote endpoint. Queries are checked before they
# run (see _refuse_remote_parts); this guard is a second line: while natokg runs a query without
# allow_network, rdflib's evaluator refuses any SERVICE part it meets.
_NETWORK_ALLOWED: ContextVar[bool] = ContextVar("natokg_network_allowed", default=True)


def parse_sparql(
    text: str,
    *,
    source: str = "<query>",
    allow_network: bool = False,
    namespaces: Mapping[str, str] | None = None,
) -> Query:
    """Parse a SPARQL query with rdflib and check it may run; return the prepared query.

    Refused, with a :class:`QueryError`: syntax errors (with line and column), updates, queries
    nested too deeply for rdflib's recursive parser (about 30 levels of ``{}`` or ``()``), and
    (unless ``allow_network``) ``SERVICE`` anywhere in the query. natokg's prefixes (and
    ``namespaces``, such as each loaded article's slug) are predeclared; a byte order mark at the
    start is ignored. ``SELECT *`` gives its columns in the order the variables first appear in
    the query (rdflib's own order changes from run to run).

    >>> parse_sparql("SELECT ?x WHERE { ?x a nkg:Person }").algebra.name
    'SelectQuery'
    >>> [str(v) for v in parse_sparql("SELECT * WHERE { ?z ?y ?x . ?w ?v ?z }").algebra["PV"]]
    ['z', 'y', 'x', 'w', 'v']
    >>> parse_sparql("SELECT ?x WHERE {\\n  ?x a }", source="q.rq")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    natokg.errors.QueryError: q.rq:2:3: SPARQL syntax error: ...
    """
    text = text.removeprefix("\ufeff")
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        operations = _update_operations(text)
        if operations:
            raise QueryError(
                f"{source}: {operations} is a SPARQL update; natokg only reads, so updates are refused"
            ) from None
        near = exc.line.strip()
        near = near if len(near) <= 60 else near[:57] + "..."
        raise QueryError(f"{source}:{exc.lineno}:{exc.col}: SPARQL syntax error: {exc.msg}; at {near!r}") from None
    except RecursionError:
        raise _too_deep(source) from None
    order = _variables_in_order(parsed)  # before translation adds unordered sets to the tree
    try:
        # only the prefixes the text uses: a corpus has one per article, and rdflib binds each
        query = translateQuery(parsed, initNs={**PREFIXES, **used_prefixes(namespaces, text)})
    except RecursionError:
        raise _too_deep(source) from None
    except Exception as exc:  # rdflib raises bare Exceptions, e.g. for an unknown prefix
        hint = ""
        if "prefix" in str(exc).lower() and "art" in str(exc):
            hint = "; with several articles loaded art: is ambiguous: use the article's slug as the prefix (slug:local)"
        raise QueryError(f"{source}: invalid SPARQL: {exc}{hint}") from None
    if "projection" not in parsed[1]:
        _order_star_columns(query, order)
    if not allow_network:
        _refuse_remote_parts(query, source)
    return query


def _too_deep(source: str) -> QueryError:
    return QueryError(
        f"{source}: the query is nested too deeply for rdflib's SPARQL parser (more than about 30 levels of "
        "{ } or ( )); flatten it"
    )


def _variables_in_order(parsed: ParseResults) -> list[Variable]:
    """The variables of a parsed query, in the order they first appear in its text."""
    seen: dict[Variable, None] = {}
    stack: list[object] = [parsed]
    while stack:  # depth-first, left to right, without recursion
        item = stack.pop()
        if isinstance(item, Variable):
            seen.setdefault(item)
        elif isinstance(item, CompValue):
            stack.extend(reversed([value for key, value in item.items() if not str(key).startswith("_")]))
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(reversed(list(item)))
    return list(seen)


def _order_star_columns(query: Query, order: list[Variable]) -> None:
    """Put the columns of ``SELECT *`` in the order of the query: rdflib collects them in a set."""
    rank = {variable: i for i, variable in enumerate(order)}

    def ordered(variables: list[Variable]) -> list[Variable]:
        return sorted(variables, key=lambda v: (rank.get(v, len(rank)), str(v)))

    algebra = query.algebra
    if algebra.name != "SelectQuery" or not isinstance(algebra.get("PV"), list):
        return
    algebra["PV"] = ordered(algebra["PV"])
    for project in _parts(algebra, "Project"):
        if isinstance(project.get("PV"), list):
            project["PV"] = ordered(project["PV"])


def _update_operations(text: str) -> str:
    """The update operations in ``text`` ('INSERT DATA, DROP'), or '' when it is no update."""
    try:
        update = parseUpdate(text)
    except ParseException:
        return ""
    names = [part.name for part in update.request or [] if isinstance(part, CompValue)]
    words = [_UPDATE_OPERATIONS.get(n) or re.sub(r"(?<!^)(?=[A-Z])", " ", n).upper() for n in names]
    return ", ".join(dict.fromkeys(words))


def _parts(node: object, name: str) -> Iterator[CompValue]:
    """Every algebra node called ``name`` anywhere under ``node``, expressions included."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == name:
                yield item
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


def _refuse_remote_parts(query: Query, source: str) -> None:
    for service in _parts(query.algebra, "ServiceGraphPattern"):
        target = service.term
        where = target.n3() if isinstance(target, (URIRef, Variable)) else "an endpoint"
        raise QueryError(
            f"{source}: SERVICE {where} would query a remote endpoint; natokg queries stay offline "
            "unless you pass --allow-network (allow_network=True in Python)"
        )


def _refuse_missing_graphs(query: Query, target: Graph, source: str) -> None:
    """rdflib fetches a ``FROM``/``FROM NAMED`` graph from the web or the disk when the dataset
    lacks it; refuse that unless the graph is there (the exact condition rdflib tests)."""
    if isinstance(target, Store):
        for clause in query.algebra.datasetClause or []:
            iri = clause.default or clause.named
            if str(iri) not in target.manifest["graphs"] and iri not in INFERRED_GRAPHS:
                raise QueryError(f"{source}: FROM {iri.n3()} names a graph that is not in the corpus store")
        return
    if not isinstance(target, ConjunctiveGraph):
        return  # on a single graph rdflib ignores the dataset clause
    for clause in query.algebra.datasetClause or []:
        iri = clause.default or clause.named
        if not len(target.get_context(iri)):
            raise QueryError(
                f"{source}: FROM {iri.n3()} names a graph that is not in the dataset; rdflib would load it "
                "from the web or the file system, which natokg refuses unless you pass --allow-network "
                "(allow_network=True in Python)"
            )


def _offline_guard(ctx: Any, part: CompValue) -> Any:
    if part.name == "ServiceGraphPattern" and not _NETWORK_ALLOWED.get():
        raise QueryError("SERVICE refused: natokg queries stay offline unless you pass --allow-network")
    raise NotImplementedError  # rdflib's own evaluation takes over


CUSTOM_EVALS.setdefault("natokg-offline-guard", _offline_guard)


Target = Graph | Endpoint | Store


def execute(
    text: str,
    target: Target,
    bindings: Mapping[str, Node] | None = None,
    *,
    allow_network: bool = False,
    source: str = "<query>",
    namespaces: Mapping[str, str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> Results:
    """Run SPARQL ``text`` on ``target`` (an rdflib graph or dataset, a corpus :class:`~natokg.store.Store`,
    or an :class:`Endpoint`) with ``bindings`` (variable name → RDF term) bound before evaluation.

    This is the one place queries run: parsing, refusals and binding are the same for every
    target. ``namespaces`` (prefix → IRI) only shortens IRIs in the readable formats. A local
    query is stopped with a :class:`QueryError` after ``timeout`` seconds or ``max_rows`` rows
    (triples for CONSTRUCT and DESCRIBE); ``None`` lifts a limit (see :mod:`natokg.queries.limits`).

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
    >>> execute("SELECT ?s WHERE { ?s ?p ?o }", g, {"o": Literal("x")}).rows
    [(rdflib.term.URIRef('urn:a'),)]
    >>> execute("SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }", g, max_rows=0)
    Traceback (most recent call last):
    natokg.errors.QueryError: max_rows must be a whole number of at least 1, not 0
    """
    check_limits(timeout, max_rows)
    bound = _check_bindings(bindings or {}, source)
    local = None if isinstance(target, Endpoint) else (namespaces or _namespaces_of(target))
    prepared = parse_sparql(text, source=source, allow_network=allow_network, namespaces=local)
    if isinstance(target, Endpoint):
        return _run_remote(text, prepared, bound, target, namespaces or _prefix_map())
    if isinstance(target, Store):
        from natokg.queries.native import run_in_store

        _refuse_missing_graphs(prepared, target, source)
        return run_in_store(
            text, prepared, bound, target, local or {}, timeout=timeout, max_rows=max_rows, source=source
        )
    if not allow_network:
        _refuse_missing_graphs(prepared, target, source)
    token = _NETWORK_ALLOWED.set(allow_network)
    try:
        with deadline(timeout):
            result = target.query(prepared, initBindings=bound)
            results = Results.from_rdflib(
                result, namespaces or _namespaces_of(target), max_rows=max_rows, source=source
            )
    except Deadline:
        raise timeout_error(source, timeout or 0) from None
    except NatokgError:
        raise
    except RecursionError:
        raise QueryError(f"{source}: the query is nested too deeply for rdflib's evaluator; flatten it") from None
    except Exception as exc:  # the evaluator's errors are rdflib's; report them in one line
        raise QueryError(f"{source}: the query failed while running: {type(exc).__name__}: {exc}") from None
    finally:
        _NETWORK_ALLOWED.reset(token)
    return results


def _check_bindings(bindings: Mapping[str, Node], source: str) -> dict[str, Node]:
    for name, term in bindings.items():
        if not _VARIABLE_NAME.match(name):
            raise QueryError(f"{source}: {name!r} is not a SPARQL variable name")
        if not isinstance(term, (URIRef, Literal)):
            raise QueryError(f"{source}: the value of {name!r} must be an rdflib URIRef or Literal, not {term!r}")
    return dict(bindings)


def query(
    target: Target,
    name: str,
    params: Mapping[str, object] | None = None,
    *,
    graphs: str | Sequence[str] | None = None,
    allow_network: bool = False,
    root: str | Path | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> Results:
    """Run the named query ``name`` (id or CQ id) with ``params`` (name → value) on ``target``.

    ``graphs`` restricts a dataset to some named graphs (``"asserted"``, ``["asserted",
    "background"]``...; see :func:`natokg.select`); by default the whole dataset is queried.

    >>> import natokg
    >>> ds = natokg.load()
    >>> [str(r["officialLabel"]) for r in natokg.query(ds, "cq3").to_dicts()]
    ['Marco Rubio', 'Pete Hegseth']
    """
    named = get_query(name, root)
    view, namespaces = _view(target, graphs)
    bindings = named.bindings(params, namespaces)
    results = execute(
        named.text,
        view,
        bindings,
        allow_network=allow_network,
        source=str(named.path),
        namespaces=namespaces,
        timeout=timeout,
        max_rows=max_rows,
    )
    if named.fact and results.kind == "SELECT":
        # every target with named graphs gets its provenance, looked up on it with SPARQL (execute)
        results = annotate(results, view, named.fact, [p.name for p in named.parameters])
    unloaded = (isinstance(view, ConjunctiveGraph) and not len(view.get_context(INFERRED_GRAPH))) or (
        isinstance(view, Store) and not view.inferred
    )
    if named.needs == "inferred" and not results.rows and unloaded:
        results.note = (
            f"{named.name}: no row; some of its answers need the OWL 2 RL inferences, which are left out: "
            "run it without --no-inferred (natokg.load(inferred=True) in Python)"
        )
    return results


def sparql(
    target: Target,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    graphs: str | Sequence[str] | None = None,
    allow_network: bool = False,
    source: str = "<query>",
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> Results:
    """Run an ad-hoc SPARQL query (natokg's prefixes are predeclared) on ``target``.

    >>> import natokg
    >>> natokg.sparql(natokg.load(), "ASK { nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth }").boolean
    True
    """
    view, namespaces = _view(target, graphs)
    return execute(
        text,
        view,
        bindings,
        allow_network=allow_network,
        source=source,
        namespaces=namespaces,
        timeout=timeout,
        max_rows=max_rows,
    )


def _view(target: Target, graphs: str | Sequence[str] | None) -> tuple[Target, dict[str, str]]:
    """The graphs of ``target`` that the query sees, and the prefixes that name its IRIs."""
    if isinstance(target, Endpoint):
        if graphs is not None:
            raise QueryError("choosing graphs is not supported on a remote endpoint; use GRAPH in the query")
        return target, _prefix_map()
    namespaces = _namespaces_of(target)
    if isinstance(target, Store):
        return _store_view(target, graphs), namespaces
    if graphs is None or (isinstance(target, ConjunctiveGraph) and _is_everything(graphs)):
        return target, namespaces
    if not isinstance(target, ConjunctiveGraph):
        raise QueryError("graphs can only be chosen on a dataset, such as natokg.load() returns")
    # A selection restricts the facts, never the schema: class and property lookups
    # (a/rdfs:subClassOf*) need the ontology whatever is chosen (issue 11).
    chosen = [graphs] if isinstance(graphs, str) else list(graphs)
    try:
        return select(target, [*chosen, "ontology"]), namespaces
    except ValueError as exc:
        raise QueryError(str(exc)) from None


def _store_view(store: Store, graphs: str | Sequence[str] | None) -> Store:
    """A store answers over everything, or everything but the inferences (``--no-inferred``);
    other selections are rdflib's (:func:`natokg.select` on :func:`natokg.load`)."""
    if graphs is None:
        return store
    chosen = set([graphs] if isinstance(graphs, str) else graphs)
    if chosen <= {"all", "inferred"} or chosen == {"asserted", "ontology", "background", "inferred"}:
        return replace(store, inferred=True) if not store.inferred else store
    if chosen == {"asserted", "ontology", "background"}:
        return replace(store, inferred=False)
    raise QueryError(
        f"a corpus store answers over all graphs, or all but the inferred ones; for {sorted(chosen)} "
        "query natokg.load() (rdflib) instead"
    )


def _is_everything(graphs: str | Sequence[str]) -> bool:
    return list([graphs] if isinstance(graphs, str) else graphs) == ["all"]


def graph_selection(graphs: str | None, inferred: bool) -> tuple[list[str] | None, bool]:
    """Resolve the CLI's ``--graphs LIST`` and ``--inferred``: the selection to query (``None``:
    everything loaded) and whether the inferences must be loaded.

    >>> graph_selection("asserted", True)
    (['asserted', 'inferred'], True)
    >>> graph_selection(None, False)
    (None, False)
    """
    names = [n.strip() for n in (graphs or "all").split(",") if n.strip()]
    unknown = [n for n in names if n not in SELECTIONS]
    if unknown or not names:
        raise QueryError(
            f"--graphs: unknown graph selection {','.join(unknown)!r}; choose from {', '.join(SELECTIONS)}"
        )
    needs_inferred = inferred or "inferred" in names
    if names == ["all"]:
        return None, needs_inferred
    if inferred and "inferred" not in names and "all" not in names:
        names.append("inferred")
    return names, needs_inferred


def load_for_query(
    root: str | Path | None, graphs: str | None, inferred: bool, *, cache: bool = True
) -> tuple[Target, list[str] | None]:
    """The target a CLI query runs on and the graph selection: the data root's corpus store
    (built or brought up to date first, see :func:`natokg.store.current`) when the engine is the
    store and the selection is everything (or everything but the inferences), else the dataset
    loaded by rdflib (with the inferences if asked for). See :func:`natokg.loading.engine`.

    >>> ds, selection = load_for_query(None, "asserted,background", False)
    >>> selection
    ['asserted', 'background']
    """
    from natokg.loading import engine

    selection, needs_inferred = graph_selection(graphs, inferred)
    if engine() == "store" and selection is None:
        from natokg.store import current

        store = current(root)
        return (store if needs_inferred else replace(store, inferred=False)), None
    return load(root, inferred=needs_inferred, cache=cache), selection


def corpus(root: str | Path | None = None, *, inferred: bool = True) -> Target:
    """The corpus of a data root as the commands query it: its store, built or brought up to date
    (:func:`natokg.store.current`), or without the ``store`` extra (or with ``NATOKG_ENGINE=memory``)
    the rdflib dataset of :func:`natokg.load` with its inferences. ``inferred=False`` leaves the
    OWL 2 RL inferences out. Pass it to :func:`query` and :func:`sparql` as any target.

    >>> import natokg
    >>> [str(r["officialLabel"]) for r in natokg.query(natokg.corpus(), "cq3").to_dicts()]
    ['Marco Rubio', 'Pete Hegseth']
    """
    return load_for_query(root, None, inferred)[0]
