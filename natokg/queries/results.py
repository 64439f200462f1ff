"""Query results: columns and rows of rdflib terms, and their formats (table, CSV, JSON, Markdown, HTML, Turtle)."""

from __future__ import annotations

import html
import json
import re
from collections import namedtuple
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from natokg.errors import QueryError
from natokg.extras import require
from natokg.namespaces import bind_prefixes
from natokg.queries.limits import rows_error
from natokg.queries.parameters import _prefix_map

#: Output formats of :meth:`Results.format` (and the CLI's ``--format``).
FORMATS = ("table", "csv", "json", "markdown", "html", "turtle")


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
        #: a remark on the answer, such as why a named query found no row (the CLI prints it)
        self.note: str | None = None

    @classmethod
    def from_rdflib(
        cls,
        result: Result,
        namespaces: Mapping[str, str] | None = None,
        *,
        max_rows: int | None = None,
        source: str = "<query>",
    ) -> Results:
        """Wrap an rdflib query result (local or parsed from an endpoint).

        Solutions are read one by one as rdflib's lazy evaluator yields them; more than
        ``max_rows`` rows (or triples) raise :class:`QueryError` without reading the rest.
        """
        if result.type == "ASK":
            answer = bool(result.askAnswer)
            return cls("ASK", ["ask"], [(Literal(answer),)], boolean=answer, namespaces=namespaces)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            if max_rows is not None and len(result.graph) > max_rows:
                raise rows_error(source, max_rows, "triples")
            return cls.from_graph(result.type, result.graph, namespaces)
        columns = [str(v) for v in result.vars or []]
        variables = [Variable(c) for c in columns]
        rows = []
        for binding in _solutions(result):
            if max_rows is not None and len(rows) >= max_rows:
                raise rows_error(source, max_rows)
            rows.append(tuple(binding.get(v) for v in variables))
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
        require("Results.to_dataframe()", "pandas")
        import pandas

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
        """Aligned plain text; text cells longer than ``max_width`` are cut (0: never). An IRI is
        never cut: a printed id must work again as a parameter or in SPARQL (issue 11)."""
        columns, rows = self._readable(all_columns)
        cells = [
            [self._display(term) if isinstance(term, URIRef) else _cut(self._display(term), max_width) for term in row]
            for row in rows
        ]
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


def _solutions(result: Result) -> Iterator[Mapping[Variable, Node]]:
    """The solutions of a SELECT result as rdflib makes them: lazily when it has a generator
    (``Result.bindings`` would read them all at once), keeping empty solutions, which
    ``iter(result)`` would drop."""
    pending = getattr(result, "_genbindings", None)
    if pending is None:
        yield from result.bindings
        return
    yield from getattr(result, "_bindings", [])
    yield from pending


def _compact(iri: URIRef, namespaces: Mapping[str, str]) -> str:
    """``prefix:local`` with the longest matching namespace, where the local part is simple.

    Looked up by the IRI's own cut points (after each ``/``, ``#`` or ``:``), not by trying every
    namespace: a corpus has a prefix per article, thousands of them.

    >>> _compact(URIRef("https://w3id.org/natokg/id/a/b"), {"nkr": "https://w3id.org/natokg/id/", "a": "https://w3id.org/natokg/id/a/"})
    'a:b'
    """
    text = str(iri)
    inverse = _inverse(namespaces)
    for cut in range(len(text) - 1, -1, -1):
        if text[cut] in "/#:" and (prefix := inverse.get(text[: cut + 1])) is not None:
            local = text[cut + 1 :]
            if local and _SIMPLE_LOCAL.fullmatch(local) and not local.endswith("."):
                return f"{prefix}:{local}"
    # a namespace that ends otherwise (rare): the slow way
    best = ""
    for prefix, namespace in namespaces.items():
        longer = len(namespace) > len(namespaces.get(best, ""))
        if namespace[-1:] not in ("/", "#", ":") and text.startswith(namespace) and longer:
            local = text[len(namespace) :]
            if local and _SIMPLE_LOCAL.fullmatch(local) and not local.endswith("."):
                best = prefix
    return f"{best}:{text[len(namespaces[best]) :]}" if best else f"<{text}>"


_SIMPLE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")
_INVERSES: dict[int, tuple[Mapping[str, str], int, dict[str, str]]] = {}


def _inverse(namespaces: Mapping[str, str]) -> dict[str, str]:
    """Namespace → prefix (the first prefix of a namespace named twice), kept for the last few tables."""
    kept = _INVERSES.get(id(namespaces))
    if kept is not None and kept[0] is namespaces and kept[1] == len(namespaces):
        return kept[2]
    inverse: dict[str, str] = {}
    for prefix, namespace in namespaces.items():
        inverse.setdefault(namespace, prefix)
    if len(_INVERSES) > 16:
        _INVERSES.clear()
    _INVERSES[id(namespaces)] = (namespaces, len(namespaces), inverse)
    return inverse


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
