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

>>> import natokg
>>> ds = natokg.load()
>>> [str(row.representativeLabel) for row in natokg.query(ds, "cq1").to_records()]
['Elbridge Colby']
"""

from __future__ import annotations

import difflib
import html
import io
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql import CUSTOM_EVALS
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from natokg.errors import InputError, NatokgError
from natokg.http import send
from natokg.loading import SELECTIONS, Sources, data_root, load, select
from natokg.namespaces import PREFIXES, bind_prefixes

#: Output formats of :meth:`Results.format` (and the CLI's ``--format``).
FORMATS = ("table", "csv", "json", "markdown", "html", "turtle")

#: Parameter types a query header may declare, with what a value must look like.
PARAMETER_TYPES = {
    "iri": "an IRI: a prefixed name with a known prefix (nkr:elbridge-colby) or a full IRI (<urn:x> or https://…)",
    "string": "a string",
    "integer": "an integer such as 3",
    "decimal": "a decimal number such as 5.0",
    "boolean": "true or false",
    "date": "a date such as 2026-02-12",
    "year": "a year such as 2035",
}

HEADER_KEYS = ("title", "question", "cq", "param")

_HEADER_LINE = re.compile(r"#\s*([A-Za-z]+)\s*:\s*(.*?)\s*\Z")
_PARAMETER = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[A-Za-z]+)"
    r"(?:\s*=\s*(?P<default>.*?)|\s+(?P<optional>optional))?"
    r"(?:\s+--\s*(?P<description>.*))?\Z"
)
_CQ_ID = re.compile(r"cq0*(\d+)", re.IGNORECASE)
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+\Z")
# Characters that may not appear in an IRI (RFC 3987), as rdflib's own IRI check has them.
_NOT_IN_IRI = set('<>"{}|\\^`')
_UPDATE_OPERATIONS = {"Modify": "DELETE/INSERT … WHERE"}

# rdflib evaluates SERVICE clauses by calling the remote endpoint. Queries are checked before they
# run (see _refuse_remote_parts); this guard is a second line: while natokg runs a query without
# allow_network, rdflib's evaluator refuses any SERVICE part it meets.
_NETWORK_ALLOWED: ContextVar[bool] = ContextVar("natokg_network_allowed", default=True)


class QueryError(NatokgError):
    """A query that cannot run: unknown name, bad syntax, bad parameter, or refused on purpose.

    >>> str(QueryError("unknown query 'x'"))
    "unknown query 'x'"
    """


# ---------------------------------------------------------------------------------------------
#  Parameters and named queries
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query: its name (the SPARQL variable), type and default.

    >>> p = Parameter("fact", "iri")
    >>> p.convert("nkr:elbridge-colby")
    rdflib.term.URIRef('https://w3id.org/natokg/id/elbridge-colby')
    >>> Parameter("n", "integer").convert("3")
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """

    name: str
    type: str
    default: str | None = None
    optional: bool = False
    description: str = ""

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def convert(self, value: object, namespaces: Mapping[str, str] | None = None, *, query: str = "") -> Node:
        """The RDF term for ``value`` (a string as typed on the command line, a Python value or
        an rdflib term); raises :class:`QueryError` when it does not fit the type."""
        try:
            return _convert(self.type, value, namespaces if namespaces is not None else _prefix_map())
        except (ValueError, TypeError, KeyError, InvalidOperation):
            where = f" of {query}" if query else ""
            raise QueryError(
                f"parameter {self.name!r}{where} must be {PARAMETER_TYPES[self.type]}, not {str(value)!r}"
            ) from None

    def describe(self) -> str:
        """``name (type)``, then the default or ``optional``, as ``natokg query --list`` shows it."""
        if self.default is not None:
            return f"{self.name} ({self.type}) = {self.default}"
        return f"{self.name} ({self.type}, {'optional' if self.optional else 'required'})"


def _year(text: str) -> Literal:
    if not re.fullmatch(r"-?\d{4,}", text):
        raise ValueError(text)
    return Literal(text, datatype=XSD.gYear)


_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
# Each takes the value as text (stripped, except for strings) and returns its literal.
_LITERALS: dict[str, Callable[[str], Literal]] = {
    "string": Literal,
    "integer": lambda text: Literal(int(text)),
    "decimal": lambda text: Literal(Decimal(text)),
    "boolean": lambda text: Literal(_BOOLEANS[text.lower()]),
    "date": lambda text: Literal(date.fromisoformat(text)),
    "year": _year,
}


def _convert(kind: str, value: object, namespaces: Mapping[str, str]) -> Node:
    if kind == "iri":
        if not isinstance(value, str):  # a URIRef is a str too
            raise TypeError(kind)
        return _to_iri(value, namespaces)
    if isinstance(value, Literal):
        return value
    if isinstance(value, Node):
        raise TypeError(kind)
    text = str(value)
    return _LITERALS[kind](text if kind == "string" else text.strip())


def _to_iri(text: str, namespaces: Mapping[str, str]) -> URIRef:
    """Expand ``prefix:local`` with a known prefix, unwrap ``<…>``, and check the result is an
    absolute IRI with no character that IRIs forbid (so it can never break out of a query).

    >>> _to_iri("https://example.org/a", {})
    rdflib.term.URIRef('https://example.org/a')
    """
    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif "://" not in value:
        # A bare value is a prefixed name; an unknown prefix is a mistake, not an IRI scheme.
        prefix, colon, local = value.partition(":")
        if not colon or prefix not in namespaces:
            raise ValueError(value)
        value = namespaces[prefix] + local
    if not _ABSOLUTE_IRI.match(value) or any(c in _NOT_IN_IRI or ord(c) <= 0x20 for c in value):
        raise ValueError(value)
    return URIRef(value)


@dataclass(frozen=True)
class NamedQuery:
    """A ``.rq`` file of ``queries/``: its id (the file stem), header and SPARQL text.

    >>> q = get_query("cq1")
    >>> q.name, q.cq, [p.name for p in q.parameters]
    ('cq01-us-representation', 'CQ1', ['represented', 'meeting'])
    """

    name: str
    cq: str
    title: str
    question: str
    text: str
    path: Path
    parameters: tuple[Parameter, ...] = field(default=())

    def bindings(
        self, params: Mapping[str, object] | None = None, namespaces: Mapping[str, str] | None = None
    ) -> dict[str, Node]:
        """The RDF terms to bind: given values, else defaults; optional parameters stay unbound.

        >>> get_query("cq8").bindings({"fact": "nkr:x"})
        {'fact': rdflib.term.URIRef('https://w3id.org/natokg/id/x')}
        """
        given = dict(params or {})
        declared = {p.name: p for p in self.parameters}
        for name in given:
            if name not in declared:
                known = ", ".join(declared) if declared else "none"
                raise QueryError(f"query {self.name} has no parameter {name!r}; its parameters: {known}")
        bound: dict[str, Node] = {}
        for param in self.parameters:
            if param.name in given:
                bound[param.name] = param.convert(given[param.name], namespaces, query=self.name)
            elif param.default is not None:
                bound[param.name] = param.convert(param.default, namespaces, query=self.name)
            elif param.required:
                raise QueryError(
                    f"query {self.name} needs the parameter {param.name!r} ({PARAMETER_TYPES[param.type]}): "
                    f"pass --param {param.name}=VALUE, or params={{{param.name!r}: ...}} in Python"
                )
        return bound


def parse_named_query(path: str | Path, text: str | None = None) -> NamedQuery:
    """Read one ``.rq`` file and its header; errors name the file and line.

    >>> q = parse_named_query(data_root() / "queries" / "cq08-evidence.rq")
    >>> q.parameters[0].required
    True
    """
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read the query: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    header: dict[str, str] = {}
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER_LINE.match(stripped)
        if match is None:
            continue  # a free comment line
        key, value = match.group(1).lower(), match.group(2)
        if key not in HEADER_KEYS:
            raise QueryError(f"{path}:{number}: unknown header key {key!r}; expected one of {', '.join(HEADER_KEYS)}")
        if key == "param":
            parameters.append(_parse_parameter(value, f"{path}:{number}"))
        elif key in header:
            raise QueryError(f"{path}:{number}: the header gives {key!r} twice")
        else:
            header[key] = value
    missing = [key for key in ("title", "question", "cq") if not header.get(key)]
    if missing:
        raise QueryError(f"{path}: the header lacks {', '.join(missing)} (lines such as '# title: ...' at the top)")
    cq = _CQ_ID.fullmatch(header["cq"])
    if cq is None:
        raise QueryError(f"{path}: the cq header must look like CQ7, not {header['cq']!r}")
    names = [p.name for p in parameters]
    if len(set(names)) != len(names):
        raise QueryError(f"{path}: a parameter is declared twice: {', '.join(names)}")
    return NamedQuery(
        name=path.stem,
        cq=f"CQ{int(cq.group(1))}",
        title=header["title"],
        question=header["question"],
        text=text,
        path=path,
        parameters=tuple(parameters),
    )


def _parse_parameter(spec: str, where: str) -> Parameter:
    match = _PARAMETER.match(spec)
    if match is None:
        raise QueryError(
            f"{where}: a parameter reads 'NAME TYPE [= DEFAULT | optional] [-- description]', not {spec!r}"
        )
    kind = match.group("type").lower()
    if kind not in PARAMETER_TYPES:
        raise QueryError(f"{where}: unknown parameter type {kind!r}; use one of {', '.join(PARAMETER_TYPES)}")
    param = Parameter(
        name=match.group("name"),
        type=kind,
        default=match.group("default") or None,
        optional=match.group("optional") is not None,
        description=(match.group("description") or "").strip(),
    )
    if param.default is not None:
        try:
            param.convert(param.default)
        except QueryError as exc:
            raise QueryError(f"{where}: the default of {exc}") from None
    return param


def named_queries(root: str | Path | None = None) -> dict[str, NamedQuery]:
    """Every named query under ``root/queries`` (default: the shipped ones), by id, sorted.

    >>> list(named_queries())[:2]
    ['cq01-us-representation', 'cq02-posts']
    """
    folder = Sources.find(root).queries or Path(root if root is not None else data_root()) / "queries"
    if not folder.is_dir():
        raise QueryError(f"{folder}: no queries/ folder here; is this a natokg data root?")
    found = {path.stem: parse_named_query(path) for path in sorted(folder.glob("*.rq"))}
    by_cq: dict[str, str] = {}
    for name, named in found.items():
        if named.cq in by_cq:
            raise QueryError(f"{named.path}: {named.cq} is already answered by {by_cq[named.cq]}.rq")
        by_cq[named.cq] = name
    return found


def get_query(name: str, root: str | Path | None = None) -> NamedQuery:
    """A named query by id (``cq01-us-representation``) or by competency question (``cq1``, ``CQ01``).

    An unknown name raises :class:`QueryError` naming the closest ids.

    >>> get_query("CQ12").name
    'cq12-places'
    >>> get_query("cq01-us-represntation")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    natokg.queries.QueryError: unknown query 'cq01-us-represntation'; did you mean cq01-us-representation...
    """
    queries = named_queries(root)
    if name in queries:
        return queries[name]
    cq = _CQ_ID.fullmatch(name.strip())
    if cq is not None:
        for named in queries.values():
            if named.cq == f"CQ{int(cq.group(1))}":
                return named
    candidates = list(queries) + [q.cq.lower() for q in queries.values()]
    close = difflib.get_close_matches(name.lower(), candidates, n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise QueryError(f"unknown query {name!r}; {hint}`natokg query --list` shows them all")


# ---------------------------------------------------------------------------------------------
#  Parsing and refusing what must not run
# ---------------------------------------------------------------------------------------------


def parse_sparql(text: str, *, source: str = "<query>", allow_network: bool = False) -> Query:
    """Parse a SPARQL query with rdflib and check it may run; return the prepared query.

    Refused, with a :class:`QueryError`: syntax errors (with line and column), updates, and
    (unless ``allow_network``) ``SERVICE`` anywhere in the query. natokg's prefixes are predeclared.

    >>> parse_sparql("SELECT ?x WHERE { ?x a nkg:Person }").algebra.name
    'SelectQuery'
    >>> parse_sparql("SELECT ?x WHERE {\\n  ?x a }", source="q.rq")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    natokg.queries.QueryError: q.rq:2:3: SPARQL syntax error: ...
    """
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
    try:
        query = translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises bare Exceptions, e.g. for an unknown prefix
        raise QueryError(f"{source}: invalid SPARQL: {exc}") from None
    if not allow_network:
        _refuse_remote_parts(query, source)
    return query


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


# ---------------------------------------------------------------------------------------------
#  Running: one function for every query and target
# ---------------------------------------------------------------------------------------------


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


Target = Graph | Endpoint


def execute(
    text: str,
    target: Target,
    bindings: Mapping[str, Node] | None = None,
    *,
    allow_network: bool = False,
    source: str = "<query>",
    namespaces: Mapping[str, str] | None = None,
) -> Results:
    """Run SPARQL ``text`` on ``target`` (an rdflib graph or dataset, or an :class:`Endpoint`)
    with ``bindings`` (variable name → RDF term) bound before evaluation.

    This is the one place queries run: parsing, refusals and binding are the same for every
    target. ``namespaces`` (prefix → IRI) only shortens IRIs in the readable formats.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph(); _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
    >>> execute("SELECT ?s WHERE { ?s ?p ?o }", g, {"o": Literal("x")}).rows
    [(rdflib.term.URIRef('urn:a'),)]
    """
    bound = _check_bindings(bindings or {}, source)
    prepared = parse_sparql(text, source=source, allow_network=allow_network)
    if isinstance(target, Endpoint):
        return _run_remote(text, prepared, bound, target, namespaces or _prefix_map())
    if not allow_network:
        _refuse_missing_graphs(prepared, target, source)
    token = _NETWORK_ALLOWED.set(allow_network)
    try:
        result = target.query(prepared, initBindings=bound)
        results = Results.from_rdflib(result, namespaces or _namespaces_of(target))
    except NatokgError:
        raise
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
    return execute(
        named.text, view, bindings, allow_network=allow_network, source=str(named.path), namespaces=namespaces
    )


def sparql(
    target: Target,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    graphs: str | Sequence[str] | None = None,
    allow_network: bool = False,
    source: str = "<query>",
) -> Results:
    """Run an ad-hoc SPARQL query (natokg's prefixes are predeclared) on ``target``.

    >>> import natokg
    >>> natokg.sparql(natokg.load(), "ASK { nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth }").boolean
    True
    """
    view, namespaces = _view(target, graphs)
    return execute(text, view, bindings, allow_network=allow_network, source=source, namespaces=namespaces)


def _view(target: Target, graphs: str | Sequence[str] | None) -> tuple[Target, dict[str, str]]:
    """The graphs of ``target`` that the query sees, and the prefixes that name its IRIs."""
    if isinstance(target, Endpoint):
        if graphs is not None:
            raise QueryError("choosing graphs is not supported on a remote endpoint; use GRAPH in the query")
        return target, _prefix_map()
    namespaces = _namespaces_of(target)
    if graphs is None or (isinstance(target, ConjunctiveGraph) and _is_everything(graphs)):
        return target, namespaces
    if not isinstance(target, ConjunctiveGraph):
        raise QueryError("graphs can only be chosen on a dataset, such as natokg.load() returns")
    try:
        return select(target, graphs), namespaces
    except ValueError as exc:
        raise QueryError(str(exc)) from None


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
        raise QueryError(f"unknown graph selection {','.join(unknown)!r}; choose from {', '.join(SELECTIONS)}")
    needs_inferred = inferred or "inferred" in names
    if names == ["all"]:
        return None, needs_inferred
    if inferred and "inferred" not in names and "all" not in names:
        names.append("inferred")
    return names, needs_inferred


def parse_param_option(option: str) -> tuple[str, str | None, str]:
    """Split a CLI ``--param NAME[:TYPE]=VALUE`` into name, type (or None) and value.

    >>> parse_param_option("fact:iri=art:colby-appeal")
    ('fact', 'iri', 'art:colby-appeal')
    """
    name, equals, value = option.partition("=")
    name, _, kind = name.strip().partition(":")
    if not equals or not _VARIABLE_NAME.match(name):
        raise QueryError(f"--param takes NAME=VALUE (or NAME:TYPE=VALUE), not {option!r}")
    if kind and kind not in PARAMETER_TYPES:
        choices = ", ".join(PARAMETER_TYPES)
        raise QueryError(f"unknown parameter type {kind!r} in --param {option!r}; use one of {choices}")
    return name, kind or None, value


def params_from_options(named: NamedQuery, options: Sequence[str]) -> dict[str, str]:
    """The values of a named query's ``--param`` options (typed later, by its header).

    >>> params_from_options(get_query("cq8"), ["fact=art:colby-appeal"])
    {'fact': 'art:colby-appeal'}
    """
    declared = {p.name: p.type for p in named.parameters}
    params: dict[str, str] = {}
    for option in options:
        name, kind, value = parse_param_option(option)
        if kind is not None and name in declared and declared[name] != kind:
            raise QueryError(f"parameter {name!r} of {named.name} is of type {declared[name]}, not {kind}")
        params[name] = value
    return params


def bindings_from_options(options: Sequence[str], graph: Graph | None = None) -> dict[str, Node]:
    """RDF terms for an ad-hoc query's ``--param NAME[:TYPE]=VALUE`` options (type default:
    string); prefixed names may use natokg's prefixes and those bound in ``graph``.

    >>> bindings_from_options(["who:iri=nkr:mark-rutte", "word=Thursday"])
    {'who': rdflib.term.URIRef('https://w3id.org/natokg/id/mark-rutte'), 'word': rdflib.term.Literal('Thursday')}
    """
    namespaces = _namespaces_of(graph) if graph is not None else _prefix_map()
    bindings: dict[str, Node] = {}
    for option in options:
        name, kind, value = parse_param_option(option)
        bindings[name] = Parameter(name, kind or "string").convert(value, namespaces)
    return bindings


def read_query_file(path: str) -> tuple[str, str]:
    """The text of a query file (``-``: standard input) and the name to report errors under."""
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(path).read_text(encoding="utf-8"), path
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the query: {exc.strerror}", path=path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path) from None


def load_for_query(
    root: str | Path | None, graphs: str | None, inferred: bool, *, cache: bool = True
) -> tuple[Dataset, list[str] | None]:
    """Load the dataset a CLI query needs (with inferences if asked for) and the graph selection.

    >>> ds, selection = load_for_query(None, "asserted,background", False)
    >>> selection
    ['asserted', 'background']
    """
    selection, needs_inferred = graph_selection(graphs, inferred)
    return load(root, inferred=needs_inferred, cache=cache), selection


def _prefix_map() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _namespaces_of(graph: Graph) -> dict[str, str]:
    """natokg's prefixes plus those bound in ``graph`` (such as an article's ``art:``)."""
    bound = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    return {**bound, **_prefix_map()}


# ---------------------------------------------------------------------------------------------
#  Remote endpoints (SPARQL 1.1 protocol, standard library only)
# ---------------------------------------------------------------------------------------------

_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "text/turtle, application/n-triples;q=0.9",
    "DESCRIBE": "text/turtle, application/n-triples;q=0.9",
}
_GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt"}


def query_form(prepared: Query) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> query_form(parse_sparql("ASK { ?s ?p ?o }"))
    'ASK'
    """
    return prepared.algebra.name.removesuffix("Query").upper()


def remote_text(text: str, bindings: Mapping[str, Node]) -> str:
    """The query to send to an endpoint: natokg's prefixes that ``text`` does not declare, the
    text, and the bindings as a trailing ``VALUES`` clause of RDF terms in N3 syntax.

    >>> print(remote_text("SELECT ?s WHERE { ?s a ?t }", {"t": Literal('x" }')}).splitlines()[-1])
    VALUES (?t) { ("x\\" }") }
    """
    parsed = parseQuery(text)
    declared = {decl.prefix for decl in parsed[0] if decl.name == "PrefixDecl"}
    prologue = [f"PREFIX {p}: <{ns}>" for p, ns in _prefix_map().items() if p not in declared]
    lines = [*prologue, text.rstrip()]
    if bindings:
        if parsed[1].valuesClause:
            raise QueryError("parameters cannot be sent with a query that already ends in a VALUES clause")
        names = " ".join(f"?{name}" for name in bindings)
        terms = " ".join(term.n3() for term in bindings.values())
        lines.append(f"VALUES ({names}) {{ ({terms}) }}")
    return "\n".join(lines) + "\n"


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


# ---------------------------------------------------------------------------------------------
#  Results
# ---------------------------------------------------------------------------------------------


class Results:
    """The answer to a query: columns and rows of rdflib terms (``None`` where unbound).

    An ASK answer has one column ``ask``; a CONSTRUCT or DESCRIBE answer keeps its ``graph``
    and lists its triples as rows (``subject``, ``predicate``, ``object``). Readable formats show
    a label instead of an IRI where the query returns both (``x`` and ``xLabel``).

    >>> r = Results("SELECT", ["x", "xLabel"], [(URIRef("https://w3id.org/natokg/id/a"), Literal("A"))])
    >>> print(r.to_table())
    xLabel
    ------
    A
    (1 row)
    >>> r.to_dicts()[0]["x"]
    rdflib.term.URIRef('https://w3id.org/natokg/id/a')
    """

    def __init__(
        self,
        kind: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Node | None]],
        *,
        boolean: bool | None = None,
        graph: Graph | None = None,
        namespaces: Mapping[str, str] | None = None,
    ) -> None:
        self.kind = kind
        self.columns = list(columns)
        self.rows = [tuple(row) for row in rows]
        self.boolean = boolean
        self.graph = graph
        self.namespaces = dict(namespaces) if namespaces is not None else _prefix_map()

    @classmethod
    def from_rdflib(cls, result: Result, namespaces: Mapping[str, str] | None = None) -> Results:
        """Wrap an rdflib query result (local or parsed from an endpoint)."""
        if result.type == "ASK":
            answer = bool(result.askAnswer)
            return cls("ASK", ["ask"], [(Literal(answer),)], boolean=answer, namespaces=namespaces)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return cls.from_graph(result.type, result.graph, namespaces)
        columns = [str(v) for v in result.vars or []]
        rows = [tuple(binding.get(Variable(c)) for c in columns) for binding in result.bindings]
        return cls("SELECT", columns, rows, namespaces=namespaces)

    @classmethod
    def from_graph(cls, kind: str, graph: Graph, namespaces: Mapping[str, str] | None = None) -> Results:
        """Wrap the graph a CONSTRUCT or DESCRIBE query returns."""
        triples = sorted(graph, key=lambda t: tuple(term.n3() for term in t))
        return cls(kind, ["subject", "predicate", "object"], triples, graph=graph, namespaces=namespaces)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else bool(self.rows)

    def __repr__(self) -> str:
        if self.kind == "ASK":
            return f"<Results ASK {str(self.boolean).lower()}>"
        return f"<Results {self.kind} {len(self.rows)} row(s): {', '.join(self.columns)}>"

    # --- conversions -------------------------------------------------------------------------

    def to_dicts(self) -> list[dict[str, Node | None]]:
        """One dict per row: column → rdflib term, or ``None`` where unbound."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_records(self) -> list[Any]:
        """One named tuple per row, so ``row.xLabel`` works (columns are SPARQL variable names)."""
        record = namedtuple("Row", self.columns, rename=True)
        return [record(*row) for row in self.rows]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame: literals as Python values (dates, numbers), IRIs as strings.

        Needs pandas: ``pip install 'natokg[pandas]'``.
        """
        try:
            import pandas
        except ImportError:
            raise ImportError("to_dataframe() needs pandas; install it with: pip install 'natokg[pandas]'") from None
        data = [[_python_value(term) for term in row] for row in self.rows]
        return pandas.DataFrame(data, columns=self.columns)

    # --- formats -----------------------------------------------------------------------------

    def format(self, fmt: str = "table", *, max_width: int = 60, all_columns: bool = False) -> str:
        """The results as text in one of :data:`FORMATS`; a graph answer is always Turtle.

        ``max_width`` cuts long cells of a table; ``all_columns`` keeps IRI columns that have a
        label column beside them in the readable formats (table, markdown, html).
        """
        if fmt not in FORMATS:
            raise QueryError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        if self.graph is not None or fmt == "turtle":
            return self.to_turtle()
        if fmt == "table":
            return self.to_table(max_width=max_width, all_columns=all_columns)
        if fmt == "markdown":
            return self.to_markdown(all_columns=all_columns)
        if fmt == "html":
            return self.to_html(all_columns=all_columns)
        return self.to_csv() if fmt == "csv" else self.to_json()

    def to_table(self, *, max_width: int = 60, all_columns: bool = False) -> str:
        """Aligned plain text; cells longer than ``max_width`` are cut (0: never)."""
        columns, rows = self._readable(all_columns)
        cells = [[_cut(self._display(term), max_width) for term in row] for row in rows]
        widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
        lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
        lines.append("-+-".join("-" * w for w in widths))
        lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
        lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
        return "\n".join(lines)

    def to_markdown(self, *, all_columns: bool = False) -> str:
        """A Markdown table (or, for a graph, a Turtle code block)."""
        if self.graph is not None:
            return f"```turtle\n{self.to_turtle().rstrip()}\n```"
        columns, rows = self._readable(all_columns)

        def cell(text: str) -> str:
            return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
        lines += ["| " + " | ".join(cell(self._display(t)) for t in row) + " |" for row in rows]
        return "\n".join(lines)

    def to_html(self, *, all_columns: bool = False) -> str:
        """An HTML table for notebooks; an IRI shows its compact name, the full IRI on hover."""
        if self.graph is not None:
            return f"<pre>{html.escape(self.to_turtle())}</pre>"
        columns, rows = self._readable(all_columns)
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join("<tr>" + "".join(self._html_cell(t) for t in row) + "</tr>" for row in rows)
        caption = f"{len(rows)} row{'' if len(rows) == 1 else 's'}"
        return (
            f'<table class="natokg-results"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV (rdflib's serializer): full IRIs, lexical forms, every column."""
        return self._rdflib_result("SELECT").serialize(format="csv").decode("utf-8")

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON (rdflib's serializer); for a graph, its triples as rows."""
        kind = "ASK" if self.kind == "ASK" else "SELECT"
        text = self._rdflib_result(kind).serialize(format="json").decode("utf-8")
        return json.dumps(json.loads(text), ensure_ascii=False, indent=2)

    def to_turtle(self) -> str:
        """The graph of a CONSTRUCT or DESCRIBE answer as Turtle."""
        if self.graph is None:
            raise QueryError(f"a {self.kind} answer is a table, not a graph; use table, csv, json or markdown")
        out = bind_prefixes(Graph())
        for prefix, namespace in self.namespaces.items():
            out.bind(prefix, namespace, override=False)
        for triple in self.graph:
            out.add(triple)
        return out.serialize(format="turtle")

    _repr_html_ = to_html
    _repr_markdown_ = to_markdown

    # --- helpers -----------------------------------------------------------------------------

    def _readable(self, all_columns: bool) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        keep = [i for i, c in enumerate(self.columns) if all_columns or f"{c}Label" not in self.columns]
        return [self.columns[i] for i in keep], [tuple(row[i] for i in keep) for row in self.rows]

    def _display(self, term: Node | None) -> str:
        if term is None:
            return ""
        if isinstance(term, URIRef):
            return _compact(term, self.namespaces)
        if isinstance(term, BNode):
            return f"_:{term}"
        return str(term)

    def _html_cell(self, term: Node | None) -> str:
        text = html.escape(self._display(term))
        if isinstance(term, URIRef):
            return f'<td title="{html.escape(str(term))}">{text}</td>'
        return f"<td>{text}</td>"

    def _rdflib_result(self, kind: str) -> Result:
        result = Result(kind)
        if kind == "ASK":
            result.askAnswer = bool(self.boolean)
            return result
        result.vars = [Variable(c) for c in self.columns]
        variables = [Variable(c) for c in self.columns]
        result.bindings = [
            {v: term for v, term in zip(variables, row, strict=True) if term is not None} for row in self.rows
        ]
        return result


def _compact(iri: URIRef, namespaces: Mapping[str, str]) -> str:
    """``prefix:local`` with the longest matching namespace, where the local part is simple."""
    text = str(iri)
    best = ""
    for prefix, namespace in namespaces.items():
        if text.startswith(namespace) and len(namespace) > len(namespaces.get(best, "")):
            local = text[len(namespace) :]
            if local and re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", local) and not local.endswith("."):
                best = prefix
    return f"{best}:{text[len(namespaces[best]) :]}" if best else f"<{text}>"


def _cut(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return text if width <= 0 or len(text) <= width else text[: width - 1] + "…"


def _python_value(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def list_table(root: str | Path | None = None) -> Results:
    """The named queries as a table: id, CQ, title and parameters (``natokg query --list``).

    >>> list_table().rows[0][:2]
    (rdflib.term.Literal('cq01-us-representation'), rdflib.term.Literal('CQ1'))
    """
    rows = [
        (Literal(q.name), Literal(q.cq), Literal(q.title), Literal("; ".join(p.describe() for p in q.parameters)))
        for q in named_queries(root).values()
    ]
    return Results("SELECT", ["id", "cq", "title", "parameters"], rows)
