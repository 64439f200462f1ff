"""The named queries: ``.rq`` files of ``queries/`` and their headers (title, question, cq, param)."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal
from rdflib.term import Node

from natokg.errors import InputError, QueryError
from natokg.loading import Sources, data_root
from natokg.queries.parameters import PARAMETER_TYPES, Parameter
from natokg.queries.results import Results

#: ``fact`` names the row's fact for provenance (see :mod:`natokg.queries.provenance`); ``needs``
#: says a query answers only with inferences loaded (``needs: inferred``).
HEADER_KEYS = ("title", "question", "cq", "param", "fact", "needs")


_HEADER_LINE = re.compile(r"#\s*([A-Za-z]+)\s*:\s*(.*?)\s*\Z")


_PARAMETER = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[A-Za-z]+)"
    r"(?:\s*=\s*(?P<default>.*?)|\s+(?P<optional>optional))?"
    r"(?:\s+--\s*(?P<description>.*))?\Z"
)


_CQ_ID = re.compile(r"cq0*(\d+)", re.IGNORECASE)


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
    #: the ``# fact:`` header: a column (``change``) or ``column prefix:predicate column``
    fact: str = ""
    #: the ``# needs:`` header: ``inferred`` when the query needs the OWL 2 RL inferences
    needs: str = ""

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
            text = path.read_text(encoding="utf-8-sig")  # a byte order mark is no part of the header
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
        fact=_fact_spec(header.get("fact", ""), path),
        needs=header.get("needs", ""),
    )


def _fact_spec(spec: str, path: Path) -> str:
    """Check a ``# fact:`` header: one column, or a column, a prefixed predicate and a column."""
    parts = spec.split()
    if not parts:
        return ""
    from natokg.namespaces import PREFIXES

    if len(parts) not in (1, 3) or (len(parts) == 3 and parts[1].partition(":")[0] not in PREFIXES):
        raise QueryError(f"{path}: the fact header takes a column, or 'column prefix:predicate column', not {spec!r}")
    return spec


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
    natokg.errors.QueryError: unknown query 'cq01-us-represntation'; did you mean cq01-us-representation...
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


def read_query_file(path: str) -> tuple[str, str]:
    """The text of a query file (``-``: standard input) and the name to report errors under; a
    byte order mark at the start is dropped. Errors name the file.

    >>> read_query_file("no/such.rq")
    Traceback (most recent call last):
    natokg.errors.InputError: no/such.rq: file not found
    """
    try:
        if path == "-":
            return sys.stdin.read().removeprefix("\ufeff"), "<stdin>"
        return Path(path).read_text(encoding="utf-8-sig"), path
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the query: {exc.strerror}", path=path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=path) from None


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
