"""Remote SPARQL 1.1 query endpoints (the SPARQL 1.1 protocol, standard library only)."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from natokg.errors import NatokgError, QueryError
from natokg.http import send
from natokg.queries.parameters import _prefix_map
from natokg.queries.results import Results


@dataclass(frozen=True)
class Endpoint:
    """A remote SPARQL 1.1 query endpoint to run queries on, over the SPARQL 1.1 protocol.

    Parameters are sent as a trailing ``VALUES`` clause of RDF terms in N3 syntax (as rdflib's
    own SPARQLStore does), so a named query must use its parameters in triple patterns.

    >>> Endpoint("http://127.0.0.1:7878/query").url
    'http://127.0.0.1:7878/query'
    """

    url: str
    timeout: float = 60.0


_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "text/turtle, application/n-triples;q=0.9",
    "DESCRIBE": "text/turtle, application/n-triples;q=0.9",
}


_GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt"}


def query_form(prepared: Query) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> from natokg.queries import parse_sparql
    >>> query_form(parse_sparql("ASK { ?s ?p ?o }"))
    'ASK'
    """
    return prepared.algebra.name.removesuffix("Query").upper()


def remote_text(text: str, bindings: Mapping[str, Node]) -> str:
    """The query to send to an endpoint: natokg's prefixes that ``text`` does not declare, the
    text, and the bindings as a ``VALUES`` clause of RDF terms in N3 syntax, first in the outer
    ``WHERE`` group, so that the query's FILTERs see them as they see local bindings (a trailing
    ``VALUES`` joins only after the filters ran); without an outer ``WHERE``, a trailing one.

    A named query may also mark *slots*, ``VALUES ?name { UNDEF }`` (a no-op as written), where a
    parameter's value is best joined early, e.g. at the start of each branch of a ``UNION``:
    Oxigraph joins a ``VALUES`` clause with a ``UNION`` only after it evaluated every branch in
    full, so a slot filled with the value turns a scan of the corpus into an index lookup. A slot
    must sit in a group whose triple patterns bind the variable (the outer ``VALUES`` is joined as
    well, so the answer is the same).

    >>> from rdflib import Literal
    >>> print(remote_text("SELECT ?s WHERE { ?s a ?t }", {"t": Literal('x" }')}).splitlines()[-1])
    SELECT ?s WHERE { VALUES (?t) { ("x\\" }") } ?s a ?t }
    >>> print(remote_text("SELECT ?s WHERE { { VALUES ?t { UNDEF } ?s a ?t } }", {"t": Literal("x")}).splitlines()[-1])
    SELECT ?s WHERE { VALUES (?t) { ("x") } { VALUES ?t { "x" } ?s a ?t } }
    """
    parsed = parseQuery(text)
    declared = {decl.prefix for decl in parsed[0] if decl.name == "PrefixDecl"}
    prologue = [f"PREFIX {p}: <{ns}>" for p, ns in _prefix_map().items() if p not in declared]
    body = text.rstrip()
    if bindings:
        if parsed[1].valuesClause:
            raise QueryError("parameters cannot be sent with a query that already ends in a VALUES clause")
        for name, term in bindings.items():
            body = _slot(name).sub(lambda m, term=term: f"{m.group(1)}{{ {term.n3()} }}", body)
        names = " ".join(f"?{name}" for name in bindings)
        terms = " ".join(term.n3() for term in bindings.values())
        values = f"VALUES ({names}) {{ ({terms}) }}"
        where = _OUTER_WHERE.search(body)
        body = f"{body[: where.end()]} {values}{body[where.end() :]}" if where else f"{body}\n{values}"
    return "\n".join([*prologue, body]) + "\n"


def _slot(name: str) -> re.Pattern[str]:
    """A parameter slot of ``name`` in a query text: ``VALUES ?name { UNDEF }`` (or ``$name``)."""
    return re.compile(rf"(\bVALUES\s+[?$]{re.escape(name)}\s*)\{{\s*UNDEF\s*\}}", re.IGNORECASE)


# The first WHERE { on a line that is no comment: the outer group (subqueries come later).
_OUTER_WHERE = re.compile(r"^(?!\s*#).*?\bWHERE\s*\{", re.MULTILINE | re.IGNORECASE)


def endpoint_request(endpoint: Endpoint, text: str, bindings: Mapping[str, Node], form: str) -> urllib.request.Request:
    """The HTTP request (SPARQL 1.1 protocol, query via POST form) for one query.

    >>> r = endpoint_request(Endpoint("http://127.0.0.1:7878/query"), "ASK {}", {}, "ASK")
    >>> r.get_method(), r.get_header("Accept")
    ('POST', 'application/sparql-results+json')
    """
    body = urllib.parse.urlencode({"query": remote_text(text, bindings)}).encode("utf-8")
    headers = {"Accept": _ACCEPT[form], "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    return urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")


def parse_response(body: bytes, content_type: str, form: str, namespaces: Mapping[str, str]) -> Results:
    """Turn an endpoint's answer into :class:`Results` (parsed by rdflib, never as JSON-LD,
    so no remote context can be fetched).

    >>> parse_response(b'{"head": {}, "boolean": true}', "application/sparql-results+json", "ASK", {}).boolean
    True
    """
    media = content_type.split(";", 1)[0].strip().lower()
    try:
        if form in ("SELECT", "ASK"):
            return Results.from_rdflib(Result.parse(io.BytesIO(body), format="json"), namespaces)
        if media not in _GRAPH_FORMATS:
            raise QueryError(f"the endpoint answered a {form} query with {media or 'no media type'}, not Turtle")
        graph = Graph().parse(data=body.decode("utf-8"), format=_GRAPH_FORMATS[media])
    except NatokgError:
        raise
    except Exception as exc:
        raise QueryError(f"the endpoint's answer cannot be read: {type(exc).__name__}: {exc}") from None
    return Results.from_graph(form, graph, namespaces)


def _run_remote(
    text: str, prepared: Query, bindings: Mapping[str, Node], endpoint: Endpoint, namespaces: Mapping[str, str]
) -> Results:
    form = query_form(prepared)
    request = endpoint_request(endpoint, text, bindings, form)
    _, body, content_type = send(request, endpoint.url, endpoint.timeout)
    return parse_response(body, content_type, form, namespaces)
