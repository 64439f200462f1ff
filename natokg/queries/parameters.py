"""Parameters: the types a query parameter may take, and their values as RDF terms (bound, never pasted)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from natokg.namespaces import PREFIXES

if TYPE_CHECKING:
    from natokg.queries.catalog import NamedQuery
from natokg.errors import QueryError

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


_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+\Z")


# Characters that may not appear in an IRI (RFC 3987), as rdflib's own IRI check has them.
_NOT_IN_IRI = set('<>"{}|\\^`')


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
            if prefix == "art":
                raise QueryError(
                    f"{value}: art: is ambiguous when several articles are loaded; "
                    "name the article by its slug as the prefix (slug:local), as natokg prints fact ids"
                )
            raise ValueError(value)
        value = namespaces[prefix] + local
    if not _ABSOLUTE_IRI.match(value) or any(c in _NOT_IN_IRI or ord(c) <= 0x20 for c in value):
        raise ValueError(value)
    return URIRef(value)


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

    >>> from natokg.queries import get_query
    >>> params_from_options(get_query("cq8"), ["fact=art:colby-appeal"])
    {'fact': 'art:colby-appeal'}
    """
    declared = {p.name: p.type for p in named.parameters}
    params: dict[str, str] = {}
    for option in options:
        name, kind, value = parse_param_option(option)
        if kind is not None and name in declared and declared[name] != kind:
            raise QueryError(f"parameter {name!r} of {named.name} is of type {declared[name]}, not {kind}")
        _refuse_repeated(name, params)
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
        _refuse_repeated(name, bindings)
        bindings[name] = Parameter(name, kind or "string").convert(value, namespaces)
    return bindings


def _refuse_repeated(name: str, given: Mapping[str, object]) -> None:
    """A parameter given twice is a mistake (which value was meant?), never silently the last.

    >>> _refuse_repeated("fact", {"fact": "x"})
    Traceback (most recent call last):
    natokg.errors.QueryError: --param fact is given twice; give each parameter once
    """
    if name in given:
        raise QueryError(f"--param {name} is given twice; give each parameter once")


def _prefix_map() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def used_prefixes(namespaces: Mapping[str, str] | None, text: str) -> dict[str, str]:
    """The prefixes of ``namespaces`` that ``text`` may use (``prefix:`` occurs in it): a corpus has a
    prefix per article, thousands, and the SPARQL engines bind every prefix they are given.

    >>> used_prefixes({"a": "urn:a/", "b": "urn:b/"}, "SELECT * { a:x ?p ?o }")
    {'a': 'urn:a/'}
    """
    return {p: ns for p, ns in (namespaces or {}).items() if f"{p}:" in text}


def _namespaces_of(graph: Graph) -> dict[str, str]:
    """The prefixes that name a graph's IRIs: each loaded article's slug for its namespace, then
    natokg's, then ``art:`` while one article only is loaded (see :func:`article_prefixes`)."""
    return article_prefixes(graph)


#: A slug that can be a SPARQL prefix (PN_PREFIX: a letter first, no '.' last).
_PN_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*(?<!\.)\Z")
#: Prefixes rdflib binds while it parses several article files that each declare ``art:``.
_ART = re.compile(r"art\d*\Z")


def article_prefixes(graph: Graph) -> dict[str, str]:
    """Prefix → namespace for ``graph``: every loaded article's slug names its namespace
    (``reuters-2026-02-12-colby-nato-brussels:colby-represents-us``), so a fact id is unique across
    the corpus and reads the same in output, parameters, ad-hoc SPARQL and Python; then natokg's
    prefixes and those bound in ``graph``. ``art:`` names the article's namespace only while one
    article is loaded. A slug that is no valid SPARQL prefix (it starts with a digit) gets no prefix:
    its facts are printed as full IRIs.

    >>> import natokg
    >>> table = article_prefixes(natokg.load())
    >>> table["reuters-2026-02-12-colby-nato-brussels"] == table["art"]
    True
    """
    from natokg.loading import article_graphs
    from natokg.namespaces import GRAPH, article_namespace

    slugs = []
    if hasattr(graph, "article_slugs"):  # a corpus store (natokg.store.Store)
        slugs = graph.article_slugs()
    elif hasattr(graph, "graphs"):
        slugs = [str(g).removeprefix(str(GRAPH["article/"])) for g in article_graphs(graph)]
    own = {s: str(article_namespace(s)) for s in slugs if _PN_PREFIX.match(s) and s not in PREFIXES}
    namespaces = graph.namespaces() if hasattr(graph, "namespaces") else []
    bound = {p: str(ns) for p, ns in namespaces if p and not _ART.match(p) and p not in own}
    table = {**own, **bound, **_prefix_map()}
    if len(slugs) == 1:
        table["art"] = str(article_namespace(slugs[0]))
    return table


def expand(name: str, graph: Graph | None = None) -> URIRef:
    """The IRI of a compact name as natokg prints it (``slug:local``, ``nkr:x``, ``<iri>``).

    >>> import natokg
    >>> expand("reuters-2026-02-12-colby-nato-brussels:colby-appeal", natokg.load())
    rdflib.term.URIRef('https://w3id.org/natokg/id/reuters-2026-02-12-colby-nato-brussels/colby-appeal')
    """
    return Parameter("name", "iri").convert(name, article_prefixes(graph) if graph is not None else None)


def compact(iri: URIRef, graph: Graph | None = None, *, namespaces: Mapping[str, str] | None = None) -> str:
    """The compact name natokg prints for ``iri`` (the inverse of :func:`expand`), in every
    command's output: query tables, ``natokg validate``. The names are those of ``graph``
    (:func:`article_prefixes`), or a table of them computed once (``namespaces``, prefix → IRI).

    >>> import natokg
    >>> from rdflib import URIRef
    >>> compact(URIRef("https://w3id.org/natokg/id/reuters-2026-02-12-colby-nato-brussels/colby-appeal"), natokg.load())
    'reuters-2026-02-12-colby-nato-brussels:colby-appeal'
    >>> compact(URIRef("urn:x"))
    '<urn:x>'
    """
    from natokg.queries.results import _compact

    if namespaces is None:
        namespaces = article_prefixes(graph) if graph is not None else _prefix_map()
    return _compact(iri, namespaces)
