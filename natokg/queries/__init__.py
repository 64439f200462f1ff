"""Queries: the named competency queries in ``queries/*.rq``, ad-hoc SPARQL, and their results.

Every query, named or ad hoc, goes through :func:`execute`: it parses the text with rdflib's
SPARQL parser, refuses updates and anything that would reach the network or the file system
(``SERVICE``, ``FROM`` of a graph that is not in the dataset), binds parameters as RDF terms and
runs the query on a target, either an rdflib graph or a remote SPARQL 1.1 :class:`Endpoint`.

A named query is a ``.rq`` file whose leading comment lines form a header::

    # title: Who represented the US in Brussels, and in place of whom
    # question: Who represented the United States at the meeting, and in place of whom?
    # cq: CQ1
    # param: meeting iri = nkr:defence-ministers-meeting-2026-02 -- the meeting
    # param: speaker iri optional -- only this speaker

A parameter is ``NAME TYPE``, then ``= DEFAULT`` or ``optional`` (left unbound, so it matches
anything) or nothing (required), then an optional ``-- description``. Types: see
:data:`PARAMETER_TYPES`.

The jobs live in submodules: :mod:`~natokg.queries.catalog` (named-query files and headers),
:mod:`~natokg.queries.parameters` (types and values), :mod:`~natokg.queries.execution` (parsing,
refusals, running), :mod:`~natokg.queries.remote` (SPARQL 1.1 endpoints) and
:mod:`~natokg.queries.results` (formats). Every public name is importable from ``natokg.queries``.

>>> import natokg
>>> ds = natokg.load()
>>> [str(row.representativeLabel) for row in natokg.query(ds, "cq1").to_records()]
['Elbridge Colby']
"""

from __future__ import annotations

from natokg.errors import QueryError
from natokg.queries.catalog import (
    HEADER_KEYS,
    NamedQuery,
    get_query,
    list_table,
    named_queries,
    parse_named_query,
    read_query_file,
)
from natokg.queries.execution import (
    Target,
    corpus,
    execute,
    graph_selection,
    load_for_query,
    parse_sparql,
    query,
    sparql,
)
from natokg.queries.parameters import (
    PARAMETER_TYPES,
    Parameter,
    article_prefixes,
    bindings_from_options,
    compact,
    expand,
    params_from_options,
    parse_param_option,
)
from natokg.queries.remote import Endpoint, endpoint_request, parse_response, query_form, remote_text
from natokg.queries.results import FORMATS, Results

__all__ = [
    "FORMATS",
    "HEADER_KEYS",
    "PARAMETER_TYPES",
    "Endpoint",
    "NamedQuery",
    "Parameter",
    "QueryError",
    "Results",
    "Target",
    "article_prefixes",
    "bindings_from_options",
    "compact",
    "corpus",
    "endpoint_request",
    "execute",
    "expand",
    "get_query",
    "graph_selection",
    "list_table",
    "load_for_query",
    "named_queries",
    "params_from_options",
    "parse_named_query",
    "parse_param_option",
    "parse_response",
    "parse_sparql",
    "query",
    "query_form",
    "read_query_file",
    "remote_text",
    "sparql",
]
