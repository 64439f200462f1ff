"""Running a query natively in the corpus store: Oxigraph evaluates it, natokg's checks and results stay the same.

:func:`natokg.queries.execute` parses every query with rdflib first (syntax errors with line and
column, updates and ``SERVICE`` refused, ``SELECT *`` columns in query order), whatever the
target; on a :class:`natokg.store.Store` the text then runs in Oxigraph, over the deduplicated
union of the graphs (with the inferred graphs unless the store view leaves them out), and the
solutions come back as a :class:`~natokg.queries.results.Results` of rdflib terms, as rdflib's
own evaluation gives them. Parameters are sent as a ``VALUES`` clause, as to a remote endpoint.

Limits: rows are counted as they come (``max_rows``). Oxigraph's evaluation (in Rust, which
releases the GIL) cannot be interrupted from Python, so it runs in a daemon thread that the caller
waits for at most ``timeout`` seconds: at the limit :class:`QueryError` is raised at once, and the
abandoned evaluation goes on in the background until it ends or the process exits (the command
line exits right after the message).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from natokg.errors import NatokgError, QueryError
from natokg.queries.limits import rows_error, timeout_error
from natokg.queries.parameters import used_prefixes
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
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["results"] = _evaluate(text, prepared, bindings, store, namespaces, max_rows, source)
        except BaseException as exc:  # handed to the caller's thread
            # without its traceback and context: their frames hold Oxigraph's solutions, which must
            # be dropped in this thread, not the caller's (pyo3 objects are bound to their thread)
            exc.__context__ = exc.__cause__ = None
            outcome["error"] = exc.with_traceback(None)

    worker = threading.Thread(target=work, name="natokg-store-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise timeout_error(source, timeout or 0)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["results"]


def _evaluate(
    text: str,
    prepared: Query,
    bindings: Mapping[str, Node],
    store: Any,
    namespaces: Mapping[str, str],
    max_rows: int | None,
    source: str,
) -> Results:
    from natokg.store._oxigraph import to_rdflib
    from natokg.store.query import answer as store_answer

    form = query_form(prepared)
    sparql = remote_text(text, bindings) if bindings else text
    answer: Any = None
    try:
        answer = store_answer(
            store,
            sparql,
            inferred=store.inferred,
            prefixes=used_prefixes(namespaces, sparql),
            # FROM / FROM NAMED in the query choose its dataset (graphs of the store only, never the web)
            own_dataset=bool(prepared.algebra.datasetClause),
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
            del solution
    except NatokgError:
        raise
    except SyntaxError as exc:  # what rdflib's parser accepts and Oxigraph's refuses
        raise QueryError(f"{source}: the store's SPARQL engine refused the query: {exc}") from None
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise QueryError(f"{source}: the query failed while running: {type(exc).__name__}: {exc}") from None
    finally:
        del answer  # Oxigraph's solutions are bound to this thread: dropped here, not by a later GC
    return Results("SELECT", columns, rows, namespaces=namespaces)


def _columns(prepared: Query, answer: Any) -> list[str]:
    """The SELECT's columns in rdflib's order (``SELECT *``: the order of the query text)."""
    projected = prepared.algebra.get("PV")
    if isinstance(projected, list):
        return [str(v) for v in projected]
    return [v.value for v in answer.variables]
