"""Running a query natively in the corpus store: Oxigraph evaluates it, natokg's checks and results stay the same.

:func:`natokg.queries.execute` parses every query with rdflib first (syntax errors with line and
column, updates and ``SERVICE`` refused, ``SELECT *`` columns in query order), whatever the
target; on a :class:`natokg.store.Store` the text then runs in Oxigraph, over the deduplicated
union of the graphs (with the inferred graphs unless the store view leaves them out), and the
solutions come back as a :class:`~natokg.queries.results.Results` of rdflib terms, as rdflib's
own evaluation gives them. Parameters are sent as a ``VALUES`` clause, as to a remote endpoint.

Limits: rows are counted as they come (``max_rows``); the time limit is checked between
solutions, since Oxigraph's evaluation (in Rust) cannot be interrupted from Python while it joins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from natokg.errors import NatokgError, QueryError
from natokg.queries.limits import Deadline, deadline, rows_error, timeout_error
from natokg.queries.remote import query_form, remote_text
from natokg.queries.results import Results


def run_in_store(
    text: str,
    prepared: Query,
    bindings: Mapping[str, Node],
    store: Any,  # natokg.store.Store
    namespaces: Mapping[str, str],
    *,
    timeout: float | None,
    max_rows: int | None,
    source: str,
) -> Results:
    """Run ``text`` (already checked as ``prepared``) with ``bindings`` in ``store``'s Oxigraph database.

    >>> import tempfile, natokg
    >>> from natokg.store import current
    >>> store = current(store_dir=tempfile.mkdtemp(), progress=False)
    >>> natokg.sparql(store, "SELECT (COUNT(?e) AS ?n) WHERE { ?e a nkg:Event }").rows[0][0].toPython() > 0
    True
    """
    from natokg.store._oxigraph import oxigraph, to_rdflib
    from natokg.store.query import _dataset

    ox = oxigraph()
    form = query_form(prepared)
    sparql = remote_text(text, bindings) if bindings else text
    try:
        with deadline(timeout):
            answer = store.oxigraph.query(
                sparql,
                prefixes=dict(namespaces),
                default_graph=_dataset(store, store.inferred),
                # without the inferences, GRAPH ?g does not see the inferred graphs either
                named_graphs=None if store.inferred else [ox.NamedNode(g) for g in store.graph_names()],
            )
            if form == "ASK":
                boolean = bool(answer)
                return Results("ASK", ["ask"], [(Literal(boolean),)], boolean=boolean, namespaces=namespaces)
            if form in ("CONSTRUCT", "DESCRIBE"):
                graph = Graph()
                for number, triple in enumerate(answer, 1):
                    if max_rows is not None and number > max_rows:
                        raise rows_error(source, max_rows, "triples")
                    graph.add((to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)))
                return Results.from_graph(form, graph, namespaces)
            columns = _columns(prepared, answer)
            rows = []
            for solution in answer:
                if max_rows is not None and len(rows) >= max_rows:
                    raise rows_error(source, max_rows)
                rows.append(tuple(None if (term := solution[c]) is None else to_rdflib(term) for c in columns))
    except Deadline:
        raise timeout_error(source, timeout or 0) from None
    except NatokgError:
        raise
    except SyntaxError as exc:  # what rdflib's parser accepts and Oxigraph's refuses
        raise QueryError(f"{source}: the store's SPARQL engine refused the query: {exc}") from None
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise QueryError(f"{source}: the query failed while running: {type(exc).__name__}: {exc}") from None
    return Results("SELECT", columns, rows, namespaces=namespaces)


def _columns(prepared: Query, answer: Any) -> list[str]:
    """The SELECT's columns in rdflib's order (``SELECT *``: the order of the query text)."""
    projected = prepared.algebra.get("PV")
    if isinstance(projected, list):
        return [str(v) for v in projected]
    return [v.value for v in answer.variables]
