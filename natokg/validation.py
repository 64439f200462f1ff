"""Validation: SHACL shapes (pySHACL) plus the evidence checks that SHACL cannot express.

* every span's ``nif:anchorOf`` equals the article text at its offsets (code points);
* every quotation's verbatim text occurs in the article, and equals its quoted span;
* every article's ``nif:isString`` equals, character for character, the ``.txt`` beside it;
* every triple of the background graph cites a source through a ``nkg:BackgroundFact``;
* optionally, that the OWL 2 RL closure finds no contradiction with the ontology.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from natokg.loading import Sources, article_graphs, parse_file
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    ENTITIES_GRAPH,
    NIF,
    NKG,
    ONTOLOGY_GRAPH,
    article_graph,
    bind_prefixes,
)
from natokg.queries.parameters import article_prefixes, compact


@dataclass(frozen=True)
class Violation:
    """One problem: which check found it, on which node and path, and what is wrong."""

    check: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        path = f" [{self.path}]" if self.path else ""
        return f"{self.check}: {self.focus}{path}: {self.message}"


@dataclass(frozen=True)
class Report:
    """The outcome of :func:`validate`; ``conforms`` is true when there are no violations.

    >>> Report(()).conforms
    True
    """

    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def __str__(self) -> str:
        if self.conforms:
            return "Conforms: every shape, offset, quotation and background citation checks out."
        lines = [f"{len(self.violations)} violation(s):"]
        lines += [f"  - {v}" for v in self.violations]
        return "\n".join(lines)


def validate(dataset: Dataset, sources: Sources | None = None, *, consistency: bool = False) -> Report:
    """Run every check on ``dataset``; pass ``sources`` to also compare texts with their files.

    ``consistency=True`` also runs the reasoner (cached) and reports contradictions.

    >>> from natokg.loading import load, Sources
    >>> validate(load(), Sources.find()).conforms
    True
    """
    shapes = parse_file(sources.shapes) if sources else _default_shapes()
    violations = list(check_shapes(dataset, shapes))
    violations += check_spans(dataset)
    violations += check_quotations(dataset)
    violations += check_background_citations(dataset.graph(BACKGROUND_GRAPH))
    if sources is not None:
        violations += check_texts(dataset, sources)
    if consistency:
        violations += check_consistency(dataset)
    # Two shapes (or two paths to one shape) can report the same fault; say it once.
    return Report(tuple(dict.fromkeys(violations)))


def check_consistency(dataset: Dataset) -> list[Violation]:
    """Contradictions that OWL 2 RL finds, such as a node in two disjoint classes."""
    from natokg.reasoning import InconsistencyError, inferences

    try:
        inferences(dataset)
    except InconsistencyError as exc:
        names = _names(dataset)
        return [Violation("consistency", "owlrl", "", _compact_message(names, message)) for message in exc.messages]
    return []


def _default_shapes() -> Graph:
    return parse_file(Sources.find().shapes)


def check_shapes(dataset: Dataset, shapes: Graph) -> list[Violation]:
    """SHACL over the ontology, the shared entities and the articles (not the background)."""
    data = bind_prefixes(Graph())
    names = _names(dataset)
    for name in (ONTOLOGY_GRAPH, ENTITIES_GRAPH, *article_graphs(dataset)):
        for triple in dataset.graph(name):
            data.add(triple)
    return sort_shacl(v for _, _, v in shacl_violations(data, shapes, names))


def shacl_violations(
    data: Graph, shapes: Graph, names: dict[str, str] | None, focus_nodes: list[URIRef] | None = None
) -> list[tuple[Node, Node, Violation]]:
    """pySHACL's results on ``data`` as (focus node, constraint component, violation), unsorted;
    ``focus_nodes`` restricts the targets to those nodes (pySHACL's option of that name).
    ``names=None`` writes IRIs deferred, for :func:`resolve_names` to compact later (see
    :func:`_short`)."""
    with prepared_sparql():
        _, results, _ = shacl_validate(
            data, shacl_graph=shapes, inference="none", advanced=True, focus_nodes=focus_nodes or None
        )
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        component = results.value(result, SH.sourceConstraintComponent)
        if message is None:
            message = f"violates {_short(names, component)}"
        found.append(
            (focus, component, Violation("shacl", _short(names, focus), path_text(results, names, path), str(message)))
        )
    return found


def path_text(graph: Graph, names: dict[str, str] | None, path: Node | None) -> str:
    """A SHACL property path as a SPARQL property path: an IRI by its compact name, a path of
    blank nodes (alternative, sequence, inverse, repetition) as ``a|b``, ``a/b``, ``^a``, ``a*``,
    ``a+``, ``a?`` (parenthesised when nested), so that a report reads the same in every run
    rather than by the label rdflib gives a blank node.

    >>> from rdflib.collection import Collection
    >>> g, head, alt = Graph(), BNode(), BNode()
    >>> _ = Collection(g, head, [RDFS.label, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")])
    >>> _ = g.add((alt, SH.alternativePath, head))
    >>> path_text(g, _names(), alt)
    'rdfs:label|skos:prefLabel'
    """
    if not isinstance(path, BNode):
        return _short(names, path)

    def part(node: Node) -> str:
        text = path_text(graph, names, node)
        return f"({text})" if isinstance(node, BNode) and not text.startswith("(") else text

    if (path, RDF.first, None) in graph:
        return "/".join(part(item) for item in Collection(graph, path))
    for predicate, pattern in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is not None:
            return pattern.format(part(inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(part(item) for item in Collection(graph, alternatives))
    return str(path)


#: SPARQL text (with base and namespaces) → rdflib's parsed and translated query, for pySHACL.
_PREPARED: dict[tuple[object, ...], object] = {}


@contextmanager
def prepared_sparql() -> Iterator[None]:
    """While it lasts, rdflib parses each SPARQL text once per process: pySHACL runs a shape's SPARQL
    constraint as text once per focus node, and rdflib's parsing (pyparsing) was most of the
    time of validation. A parsed query is what rdflib's ``prepareQuery`` gives, made for reuse.
    And pySHACL's ``focus_nodes`` are looked up in a set rather than its list.

    >>> from rdflib import Graph
    >>> with prepared_sparql():
    ...     [len(Graph().query("ASK { ?s ?p ?o }")) for _ in range(2)]
    [1, 1]
    """
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    prepared = _PREPARED

    def query(
        self: Any, text: Any, bindings: Any = None, namespaces: Any = None, base: Any = None, debug: bool = False
    ) -> Any:
        if isinstance(text, str):
            key = (text, base, tuple(sorted((namespaces or {}).items(), key=lambda item: item[0])))
            if key not in prepared:
                if len(prepared) >= 512:  # the shapes' queries are few; other texts must not pile up
                    prepared.clear()
                prepared[key] = processor.translateQuery(processor.parseQuery(text), base, namespaces)
            text = prepared[key]
        return original(self, text, bindings, namespaces, base, debug)

    from pyshacl.validator import Validator

    make_executor = Validator.make_executor

    def executor(self: Any) -> Any:
        # pySHACL looks each target up in the focus_nodes list: a set makes that O(1).
        made = make_executor(self)
        if made.focus_nodes:
            made.focus_nodes = frozenset(made.focus_nodes)
        return made

    processor.SPARQLProcessor.query = query
    Validator.make_executor = executor
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original
        Validator.make_executor = make_executor


def sort_shacl(violations: Iterable[Violation]) -> list[Violation]:
    """SHACL violations once each, in the order ``natokg validate`` prints them (focus, path, message)."""
    return sorted(set(violations), key=lambda v: (v.focus, v.path, v.message))


def check_spans(dataset: Dataset) -> list[Violation]:
    """Every span's anchor must equal its context's text between its offsets."""
    names = _names(dataset)
    return [v for name in article_graphs(dataset) for v in spans_in(dataset.graph(name), names)]


def spans_in(graph: Graph, names: dict[str, str] | None) -> list[Violation]:
    """:func:`check_spans` on one article graph, in the graph's order of triples."""
    found = []
    for span, context in graph.subject_objects(NIF.referenceContext):
        text = graph.value(context, NIF.isString)
        begin, end = graph.value(span, NIF.beginIndex), graph.value(span, NIF.endIndex)
        anchor = graph.value(span, NIF.anchorOf)
        if None in (text, begin, end, anchor):
            continue  # missing values are reported by the shapes
        b, e = _int(begin), _int(end)
        if b is None or e is None:
            found.append(
                Violation("offsets", _short(names, span), "nif:beginIndex", f"offsets {begin}-{end} are not integers")
            )
        elif not 0 <= b < e <= len(text):
            found.append(
                Violation(
                    "offsets",
                    _short(names, span),
                    "nif:beginIndex",
                    f"offsets {begin}-{end} lie outside the text (length {len(text)})",
                )
            )
        elif str(text)[b:e] != str(anchor):
            found.append(
                Violation(
                    "offsets",
                    _short(names, span),
                    "nif:anchorOf",
                    f"anchor {str(anchor)!r} differs from the text at {b}-{e}: {str(text)[b:e]!r}",
                )
            )
        else:
            found += _outside_sentence(graph, names, span, b, e)
    return found


def _outside_sentence(graph: Graph, names: dict[str, str] | None, span: Node, begin: int, end: int) -> list[Violation]:
    """A phrase or quoted span must lie inside the sentence it names."""
    found = []
    for sentence in graph.objects(span, NIF.sentence):
        s_begin, s_end = _int(graph.value(sentence, NIF.beginIndex)), _int(graph.value(sentence, NIF.endIndex))
        if s_begin is not None and s_end is not None and not s_begin <= begin < end <= s_end:
            found.append(
                Violation(
                    "offsets",
                    _short(names, span),
                    "nif:sentence",
                    f"span {begin}-{end} lies outside its sentence {_short(names, sentence)} ({s_begin}-{s_end})",
                )
            )
    return found


def check_quotations(dataset: Dataset) -> list[Violation]:
    """Every quotation's verbatim text occurs in its article and equals its quoted span."""
    names = _names(dataset)
    return [v for name in article_graphs(dataset) for v in quotations_in(dataset.graph(name), names)]


def quotations_in(graph: Graph, names: dict[str, str] | None) -> list[Violation]:
    """:func:`check_quotations` on one article graph, in the graph's order of triples."""
    found = []
    texts = [str(t) for t in graph.objects(None, NIF.isString)]
    for quotation, verbatim in graph.subject_objects(NKG.verbatim):
        if not any(str(verbatim) in text for text in texts):
            found.append(
                Violation(
                    "quotation",
                    _short(names, quotation),
                    "nkg:verbatim",
                    f"{str(verbatim)!r} does not occur verbatim in the article",
                )
            )
            continue
        for span in graph.objects(quotation, NKG.evidence):
            if (span, RDF.type, NKG.QuoteSpan) in graph and str(graph.value(span, NIF.anchorOf)) != str(verbatim):
                found.append(
                    Violation(
                        "quotation",
                        _short(names, quotation),
                        "nkg:evidence",
                        f"verbatim text differs from its quoted span {_short(names, span)}",
                    )
                )
    return found


def check_texts(dataset: Dataset, sources: Sources) -> list[Violation]:
    """Each article's ``nif:isString`` must equal, code point for code point, the ``.txt`` beside its
    Turtle file, and every ``.txt`` in ``graph/articles/`` must have its Turtle file.

    The file is read as it is, without newline translation: a ``.txt`` with CRLF line ends does
    not match a text with LF, nor the other way round. A mismatch says where the two first differ.
    """
    found = []
    for path in sources.articles:
        found += text_of(path, dataset.graph(article_graph(path.stem)), sources)
    return found + orphan_texts(sources)


def text_of(path: Path, graph: Graph, sources: Sources) -> list[Violation]:
    """:func:`check_texts` on one article: its Turtle file ``path`` and its graph."""
    text_file = sources.article_text(path)
    strings = [str(s) for s in graph.objects(None, NIF.isString)]
    if not text_file.is_file():
        return [Violation("text", str(path), "", f"the article text {text_file} is missing")]
    try:
        text = text_file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Violation("text", str(text_file), "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    if len(strings) != 1:
        return [Violation("text", str(path), "nif:isString", f"{len(strings)} NIF context texts, not exactly one")]
    if strings[0] != text:
        where = first_difference(strings[0], text)
        message = f"the NIF context does not hold exactly the text of {text_file.name}: {where}"
        return [Violation("text", str(path), "nif:isString", message)]
    return []


def orphan_texts(sources: Sources) -> list[Violation]:
    """Every ``.txt`` in ``graph/articles/`` without its Turtle file (the article is not loaded)."""
    loaded = {path.stem for path in sources.articles}
    return [
        Violation("text", str(text_file), "", f"no {text_file.stem}.ttl beside it, so the article is not loaded")
        for text_file in sorted((sources.root / "graph" / "articles").glob("*.txt"))
        if text_file.stem not in loaded
    ]


def first_difference(graph_text: str, file_text: str) -> str:
    r"""Where ``graph_text`` (the NIF context) and ``file_text`` (the ``.txt``) first differ: the
    code-point offset, the line and column in the file (both from 1), and the two characters.

    >>> first_difference("one\ntwo", "one\r\ntwo")
    "first differ at offset 3 (line 1, column 4): '\\n' in the graph, '\\r' in the file"
    >>> first_difference("abc", "abcd")
    "first differ at offset 3 (line 1, column 4): the graph's text ends, the file has 'd'"
    """
    offset = next(
        (i for i, (a, b) in enumerate(zip(graph_text, file_text, strict=False)) if a != b),
        min(len(graph_text), len(file_text)),
    )
    line = file_text.count("\n", 0, offset) + 1
    column = offset - (file_text.rfind("\n", 0, offset) + 1) + 1
    where = f"first differ at offset {offset} (line {line}, column {column})"
    if offset == len(graph_text):
        return f"{where}: the graph's text ends, the file has {file_text[offset]!r}"
    if offset == len(file_text):
        return f"{where}: the file ends, the graph has {graph_text[offset]!r}"
    return f"{where}: {graph_text[offset]!r} in the graph, {file_text[offset]!r} in the file"


def check_background_citations(background: Graph) -> list[Violation]:
    """Every background triple is reified as a nkg:BackgroundFact with a source, and vice versa."""
    facts = set(background.subjects(RDF.type, NKG.BackgroundFact))
    sources = set(background.subjects(RDF.type, NKG.BackgroundSource))
    cited: dict[tuple[Node, Node, Node], bool] = {}
    found = []
    names = _names()
    for fact in facts:
        triple = (
            background.value(fact, RDF.subject),
            background.value(fact, RDF.predicate),
            background.value(fact, RDF.object),
        )
        has_source = any(s in sources for s in background.objects(fact, NKG.source))
        cited[triple] = cited.get(triple, False) or has_source
        if not has_source:
            found.append(
                Violation(
                    "background",
                    _short(names, fact),
                    "nkg:source",
                    "background fact cites no nkg:BackgroundSource",
                )
            )
        if triple not in background:
            found.append(
                Violation(
                    "background",
                    _short(names, fact),
                    "rdf:subject",
                    "reified triple is not asserted in the background graph",
                )
            )
    for triple in background:
        subject = triple[0]
        if subject in facts or (subject in sources and triple[1] in (RDF.type, RDFS.label)):
            continue
        if not cited.get(triple):
            found.append(
                Violation(
                    "background",
                    _short(names, subject),
                    _short(names, triple[1]),
                    f"triple with object {_short(names, triple[2])} cites no source",
                )
            )
    return found


def _names(dataset: Graph | None = None) -> dict[str, str]:
    """Prefix → namespace to print nodes by: the compact names of query output (each loaded
    article's slug for its facts, see :func:`natokg.queries.article_prefixes`), and ``sh:``."""
    table = article_prefixes(dataset) if dataset is not None else article_prefixes(Graph())
    return {**table, "sh": str(SH)}


def _int(value: Node) -> int | None:
    try:
        return int(value.toPython()) if isinstance(value, Literal) else None
    except (TypeError, ValueError):
        return None


def _short(names: dict[str, str] | None, node: Node | None) -> str:
    """A node as natokg prints it everywhere (:func:`natokg.compact`): ``slug:local``, ``nkr:x``, ``<iri>``.

    With ``names=None`` an IRI is written deferred, between two private-use characters, because
    the names depend on the whole corpus (``art:`` while one article is loaded) and a cached
    result must not: :func:`resolve_names` compacts it when the corpus is known.

    >>> _short(None, URIRef("https://w3id.org/natokg/id/a"))
    '\ue000https://w3id.org/natokg/id/a\ue001'
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return f"{_OPEN}{node}{_CLOSE}" if names is None else compact(node, namespaces=names)
    return str(node)


_OPEN, _CLOSE = "\ue000", "\ue001"
_DEFERRED = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")


def resolve_names(violation: Violation, names: dict[str, str]) -> Violation:
    """``violation`` with every deferred IRI (see :func:`_short`) written by ``names``.

    >>> v = Violation("x", _short(None, URIRef("https://w3id.org/natokg/id/a")), "", "m")
    >>> str(resolve_names(v, _names()))
    'x: nkr:a: m'
    """

    def fix(text: str) -> str:
        return _DEFERRED.sub(lambda m: compact(URIRef(m.group(1)), namespaces=names), text) if _OPEN in text else text

    return Violation(violation.check, fix(violation.focus), fix(violation.path), fix(violation.message))


#: An IRI inside a message of owlrl's (printed bare): compacted like every other node.
_BARE_IRI = re.compile(r"(?<![<\w])https?://[^\s,()<>\"']+")


def _compact_message(names: dict[str, str], message: str) -> str:
    """``message`` with every bare IRI in it written as its compact name.

    >>> _compact_message(_names(), "x https://w3id.org/natokg/id/a, y")
    'x nkr:a, y'
    """
    return _BARE_IRI.sub(lambda m: _short(names, URIRef(m.group(0))), message)


def validate_path(root: str | Path | None = None, *, consistency: bool = False) -> Report:
    """Load the data under ``root`` (the shipped data by default) and validate it.

    >>> validate_path().conforms
    True
    """
    from natokg.loading import load

    sources = Sources.find(root)
    return validate(load(sources.root), sources, consistency=consistency)
