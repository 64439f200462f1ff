"""Export: the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD, byte-for-byte reproducible.

The same graph always gives the same bytes, in every process, so exports diff well under
version control. rdflib's serializers order their output by the terms they print, so two
things make that order stable: blank nodes (the ontology's property chains and restrictions)
get canonical labels from :func:`rdflib.compare.to_canonical_graph`, and the triples are
added in sorted order. Line-based formats are then sorted line by line.

Turtle and N-Triples hold one graph: the union of the selected named graphs. TriG, N-Quads and
JSON-LD keep every named graph. JSON-LD carries its ``@context`` inline; nothing refers to a URL.

Every literal reads back as itself: N-Triples and N-Quads are written by :func:`nt_term`, which
escapes each character a line-based reader would break a line at (ECHAR and UCHAR of the
N-Triples 1.1 grammar); JSON-LD writes each typed literal as its lexical form and datatype, so
``INF`` and ill-typed values survive. A term no syntax can carry is refused (:func:`check_term`).

>>> import natokg
>>> ttl = export(natokg.load(), format="ttl", graphs="background")
>>> [line for line in ttl.splitlines() if line.startswith("PREFIX nkg:")]
['PREFIX nkg: <https://w3id.org/natokg/ontology#>']
>>> ttl == export(natokg.load(), format="ttl", graphs="background")
True
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from rdflib import BNode, Dataset, Graph, Literal, URIRef, compare
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.plugins.shared.jsonld.keys import CONTEXT as JSONLD_CONTEXT
from rdflib.plugins.shared.jsonld.keys import GRAPH as JSONLD_GRAPH
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.files import atomic_open
from natokg.loading import article_graphs, graph_names, new_dataset
from natokg.namespaces import article_namespace

Quad = tuple[Node, Node, Node, URIRef]
#: Which named graphs to export: ``None`` for every graph the dataset holds, else a selection
#: such as ``"asserted"`` or ``["asserted", "background"]`` (see :func:`natokg.select`).
Selection = str | Iterable[str] | None


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name on the command line, its media type and file suffix."""

    name: str
    media_type: str
    suffix: str
    #: rdflib's parser name, to read an export back in
    parser: str
    #: True if the format keeps named graphs; False if it holds their union
    quads: bool


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("ttl", "text/turtle", ".ttl", "turtle", quads=False),
        ExportFormat("nt", "application/n-triples", ".nt", "nt", quads=False),
        ExportFormat("nq", "application/n-quads", ".nq", "nquads", quads=True),
        ExportFormat("trig", "application/trig", ".trig", "trig", quads=True),
        ExportFormat("jsonld", "application/ld+json", ".jsonld", "json-ld", quads=True),
    )
}


def format_for(path: str | Path, format: str | None = None) -> ExportFormat:
    """The export format named by ``format``, or else the one that ``path``'s suffix implies.

    >>> format_for("natokg.trig").name, format_for("out.txt", "nq").name
    ('trig', 'nq')
    """
    if format is None:
        suffix = Path(path).suffix.lower()
        by_suffix = {f.suffix: f for f in FORMATS.values()} | {".json": FORMATS["jsonld"]}
        if suffix not in by_suffix:
            raise NatokgError(f"{path}: cannot tell the format from the suffix; give --format ({', '.join(FORMATS)})")
        return by_suffix[suffix]
    if format not in FORMATS:
        raise NatokgError(f"unknown export format {format!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[format]


def selected_graphs(dataset: Dataset, graphs: Selection = None) -> list[URIRef]:
    """The IRIs of the named graphs a selection names; ``None``: every non-empty one ``dataset`` holds.

    >>> import natokg
    >>> [str(g).rsplit("/", 1)[-1] for g in selected_graphs(natokg.load())]
    ['entities', 'reuters-2026-02-12-colby-nato-brussels', 'ontology', 'background']
    """
    if graphs is not None:
        return graph_names(dataset, graphs)
    known = graph_names(dataset, "all")
    others = sorted(
        g.identifier
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and g.identifier not in known and g.identifier != DATASET_DEFAULT_GRAPH_ID
    )
    return [name for name in [*known, *others] if len(dataset.graph(name))]


def canonical_quads(dataset: Dataset, graphs: Selection = None) -> list[Quad]:
    """The quads of the selected named graphs, sorted, with canonical blank-node labels.

    Blank-node labels are a function of the data alone (SHA-256 of their surroundings), so they
    are the same in every process; sorting then fixes the order of everything else.

    Triples in ``dataset``'s own default graph (added from Python with ``dataset.add((s, p, o))``)
    come along under :data:`~rdflib.graph.DATASET_DEFAULT_GRAPH_ID` when ``graphs`` is ``None``;
    with a selection, which cannot name them, a :class:`NatokgError` says how many would be lost.
    A term that no RDF syntax can carry (see :func:`check_term`) is refused the same way.

    >>> import natokg
    >>> quads = canonical_quads(natokg.load(), "ontology")
    >>> quads == sorted(quads, key=_sort_key) and any(isinstance(q[0], BNode) for q in quads)
    True
    """
    names = selected_graphs(dataset, graphs)
    stray = len(dataset.graph(DATASET_DEFAULT_GRAPH_ID))
    if stray and graphs is not None:
        raise NatokgError(
            f"{stray} triple(s) in the dataset's default graph belong to no named graph and would be lost;"
            " export with graphs=None to keep them, or add them to a named graph"
        )
    if stray:
        names = [*names, DATASET_DEFAULT_GRAPH_ID]
    plain: list[Quad] = []
    with_bnodes: list[Quad] = []
    for name in names:
        for s, p, o in dataset.graph(name):
            for term in (s, p, o):
                check_term(term)
            (with_bnodes if isinstance(s, BNode) or isinstance(o, BNode) else plain).append((s, p, o, name))
    return sorted(plain + _relabel(with_bnodes), key=_sort_key)


def _relabel(quads: list[Quad]) -> list[Quad]:
    """Give the blank nodes of ``quads`` canonical labels.

    rdflib canonicalises graphs, not datasets: the graph name is folded into the predicate, so a
    blank node's label also depends on the graph it is in, then unfolded again. Triples without a
    blank node cannot change a blank node's label, so only the triples that have one are passed in.
    """
    if not quads:
        return []
    folded = Graph()
    for s, p, o, g in quads:
        folded.add((s, URIRef(f"urn:natokg:quad:{quote(g, safe='')}:{quote(p, safe='')}"), o))
    relabelled: list[Quad] = []
    for s, tag, o in to_canonical_graph(folded):
        graph, predicate = tag.removeprefix("urn:natokg:quad:").split(":")
        relabelled.append((s, URIRef(unquote(predicate)), o, URIRef(unquote(graph))))
    return relabelled


def _sort_key(quad: Quad) -> tuple[str, ...]:
    s, p, o, g = quad
    return (g.n3(), s.n3(), p.n3(), o.n3())


def canonical_dataset(dataset: Dataset, graphs: Selection = None) -> Dataset:
    """A copy of the selected named graphs, canonically labelled, filled in sorted order.

    Its prefixes are natokg's fixed table plus ``art:`` for the article the data cites (or
    ``art-<slug>:`` for each, if it cites several), whatever prefixes ``dataset`` had bound.

    >>> import natokg
    >>> ds = natokg.load()
    >>> len(canonical_dataset(ds, "background")) == len(natokg.select(ds, "background"))
    True
    """
    copy = new_dataset()
    quads = canonical_quads(dataset, graphs)
    for prefix, namespace in _article_prefixes(dataset, quads):
        copy.bind(prefix, namespace)
    for name in selected_graphs(dataset, graphs):
        copy.graph(name)  # an empty graph is still a graph of the selection
    for s, p, o, g in quads:
        copy.add((s, p, o, g))
    return copy


def _article_prefixes(dataset: Dataset, quads: list[Quad]) -> list[tuple[str, str]]:
    slugs = [str(name).rsplit("/", 1)[-1] for name in article_graphs(dataset)]
    iris = {str(t) for quad in quads for t in quad[:3] if isinstance(t, URIRef)}
    used = [
        (slug, str(article_namespace(slug)))
        for slug in slugs
        if any(iri.startswith(str(article_namespace(slug))) for iri in iris)
    ]
    if len(used) == 1:
        return [("art", used[0][1])]
    return [(f"art-{slug}", namespace) for slug, namespace in used if re.fullmatch(r"[A-Za-z][\w.-]*(?<!\.)", slug)]


def export(dataset: Dataset, format: str = "ttl", graphs: Selection = None) -> str:
    """Serialise the selected named graphs of ``dataset`` as text, the same text on every run.

    ``format`` is one of ``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld`` (see :data:`FORMATS`);
    ``graphs`` a selection as in :func:`natokg.select`, or ``None`` for every graph ``dataset`` holds.

    >>> import natokg
    >>> nt = export(natokg.load(), format="nt", graphs="background")
    >>> lines = nt.splitlines()
    >>> lines == sorted(lines) and all(line.endswith(" .") for line in lines)
    True
    """
    chosen = format_for("", format)
    data = canonical_dataset(dataset, graphs)
    if chosen.name == "ttl":
        union = _union(data)
        return union.serialize(format="longturtle")
    if chosen.name == "nt":
        return ntriples(_union(data))
    if chosen.name == "nq":
        return nquads(data.quads((None, None, None, None)))
    if chosen.name == "trig":
        return _trig(data)
    return _jsonld(data)


def write(
    dataset: Dataset,
    path: str | Path,
    format: str | None = None,
    graphs: Selection = None,
) -> Path:
    """Export to ``path`` atomically (a failure keeps any old file); the format defaults to the suffix.

    >>> import natokg, tempfile, pathlib
    >>> out = write(natokg.load(), pathlib.Path(tempfile.mkdtemp()) / "bg.nq", graphs="background")
    >>> out.read_text().count("<https://w3id.org/natokg/graph/background> .") > 0
    True
    """
    chosen = format_for(path, format)
    text = export(dataset, chosen.name, graphs)
    with atomic_open(path) as handle:
        handle.write(text.encode("utf-8"))
    return Path(path)


def isomorphic(first: Dataset, second: Dataset) -> bool:
    """True if both hold the same non-empty graphs, each pair isomorphic (blank nodes aside); the
    default graph counts for what was added to it directly, not as the union of the named graphs.

    >>> import natokg
    >>> ds = natokg.load()
    >>> back = Dataset()
    >>> isomorphic(ds, back.parse(data=export(ds, "trig"), format="trig"))
    True
    >>> isomorphic(ds, natokg.select(ds, "asserted"))
    False
    """

    def named(dataset: Dataset) -> dict[Node, Graph]:
        return {g.identifier: g for g in dataset.graphs() if len(g)}

    left, right = named(first), named(second)
    return left.keys() == right.keys() and all(compare.isomorphic(left[name], right[name]) for name in left)


def _union(data: Dataset) -> Graph:
    union = Graph(bind_namespaces="none")
    union.namespace_manager = data.namespace_manager
    for s, p, o, _ in sorted(data.quads((None, None, None, None)), key=_sort_key):
        union.add((s, p, o))
    return union


def ntriples(graph: Graph) -> str:
    """``graph`` as N-Triples, one triple a line, the lines sorted (terms written by :func:`nt_term`).

    >>> from rdflib import URIRef
    >>> g = Graph()
    >>> for o in ("urn:b", "urn:a"):
    ...     _ = g.add((URIRef("urn:s"), URIRef("urn:p"), URIRef(o)))
    >>> print(ntriples(g), end="")
    <urn:s> <urn:p> <urn:a> .
    <urn:s> <urn:p> <urn:b> .
    """
    return _sorted_lines(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in graph)


def nquads(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> str:
    r"""``quads`` as N-Quads, one a line, the lines sorted; a quad whose graph is ``None`` or
    rdflib's :data:`~rdflib.graph.DATASET_DEFAULT_GRAPH_ID` is in the default graph (no fourth term).

    >>> from rdflib import URIRef, Literal
    >>> print(nquads([(URIRef("urn:s"), URIRef("urn:p"), Literal("a\u2028b"), URIRef("urn:g"))]), end="")
    <urn:s> <urn:p> "a\u2028b" <urn:g> .
    """
    lines = []
    for s, p, o, g in quads:
        graph = "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else f" {nt_term(g)}"
        lines.append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{graph} .\n")
    return _sorted_lines(lines)


# N-Triples 1.1 ECHAR, and the characters written as UCHAR: every one that ``str.splitlines``, a
# line-based reader or a strict parser treats as a line break or rejects (C0 and C1 controls, DEL,
# U+2028/U+2029 line and paragraph separators, the byte-order mark, the non-characters U+FFFE/U+FFFF).
_ECHAR = {"\t": "\\t", "\b": "\\b", "\n": "\\n", "\r": "\\r", "\f": "\\f", '"': '\\"', "\\": "\\\\"}
_ESCAPED = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
# Characters that an IRIREF may not hold (N-Triples 1.1 grammar, production [8]).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A well-formed BCP 47 language tag (RFC 5646, section 2.1; case-insensitive), as Oxigraph requires:
# language (with extlang), script, region, variants, extensions, private use.
_LANGUAGE_TAG = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)",
    re.IGNORECASE,
)


def _escape_character(match: re.Match[str]) -> str:
    character = match.group()
    return _ECHAR.get(character) or f"\\u{ord(character):04X}"


def escape_lexical(text: str) -> str:
    r"""The lexical form ``text`` as the inside of an N-Triples string, every line break escaped.

    >>> print(escape_lexical('say "hi"\n\u2028\x0b'))
    say \"hi\"\n\u2028\u000B
    """
    return _ESCAPED.sub(_escape_character, text)


def check_term(term: Node) -> Node:
    """Return ``term`` if every RDF syntax can write it; else raise a :class:`NatokgError` naming it.

    Refused: an IRI with a character that IRIs may not hold (space, ``<``, ``>``, ``"``...), a
    string with a lone surrogate code point (no UTF-8 encoding exists), a malformed language tag.

    >>> check_term(Literal("x", lang="en-GB"))
    rdflib.term.Literal('x', lang='en-GB')
    >>> check_term(URIRef("urn:a b"))
    Traceback (most recent call last):
    natokg.errors.NatokgError: cannot export the IRI 'urn:a b': an IRI may not hold ' '
    """
    if isinstance(term, URIRef):
        bad = _NOT_IN_IRI.search(term) or _SURROGATE.search(term)
        if bad:
            raise NatokgError(f"cannot export the IRI {str(term)!r}: an IRI may not hold {bad.group()!r}")
    elif isinstance(term, Literal):
        bad = _SURROGATE.search(term)
        if bad:
            raise NatokgError(
                f"cannot export the literal {str(term)[:40]!r}: it holds the lone surrogate"
                f" U+{ord(bad.group()):04X}, which no UTF-8 file can carry"
            )
        if term.language is not None and not _LANGUAGE_TAG.fullmatch(term.language):
            raise NatokgError(
                f"cannot export the literal {str(term)[:40]!r}: {term.language!r} is not a BCP 47 language tag"
            )
        if term.datatype is not None:
            check_term(term.datatype)
    return term


# rdflib normalises "INF"^^xsd:double to the lexical form "inf" (Python's), which XML Schema does
# not allow; write the XML Schema spelling back.
_SPECIAL_FLOATS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}
_FLOAT_TYPES = {XSD.double, XSD.float}


def lexical_form(literal: Literal) -> str:
    """The lexical form of ``literal`` as XML Schema spells it (``INF``, ``-INF``, ``NaN`` for the
    special values of ``xsd:double``/``xsd:float``, which rdflib turns into ``inf``, ``-inf``, ``nan``).

    >>> lexical_form(Literal("-INF", datatype=XSD.float)), str(Literal("-INF", datatype=XSD.float))
    ('-INF', '-inf')
    """
    text = str(literal)
    if literal.datatype in _FLOAT_TYPES:
        return _SPECIAL_FLOATS.get(text, text)
    return text


def nt_term(term: Node) -> str:
    r"""One RDF term in N-Triples syntax: ``<iri>``, ``_:label`` or a literal with every line break
    and control character escaped, its lexical form and language tag kept exactly as they are.

    rdflib's own N-Triples writer leaves U+2028 and other separators raw (so sorting lines splits
    a literal) and writes the special floats as ``"inf"``, which is not an ``xsd:double``; this
    writer does neither (see :func:`lexical_form`).

    >>> from rdflib.namespace import XSD
    >>> nt_term(Literal("INF", datatype=XSD.double))
    '"INF"^^<http://www.w3.org/2001/XMLSchema#double>'
    >>> nt_term(Literal("Zeile\u2028zwei", lang="de-DE"))
    '"Zeile\\u2028zwei"@de-DE'
    """
    if isinstance(term, Literal):
        text = f'"{escape_lexical(lexical_form(term))}"'
        if term.language is not None:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype is not None else text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def _sorted_lines(lines: Iterable[str]) -> str:
    # Each line was written by nt_term, so it holds no line break but its last one.
    return "".join(sorted(set(lines)))


def _trig(data: Dataset) -> str:
    # The serializer takes graphs in the store's (hash) order; put them in IRI order.
    serializer = TrigSerializer(data)
    serializer.contexts = sorted((g for g in serializer.contexts if len(g)), key=lambda g: str(g.identifier))
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def _jsonld(data: Dataset) -> str:
    quads = list(data.quads((None, None, None, None)))
    used = {str(t) for q in quads for t in q if isinstance(t, URIRef)}
    used |= {str(q[2].datatype) for q in quads if isinstance(q[2], Literal) and q[2].datatype is not None}
    context_data = {
        prefix: str(namespace)
        for prefix, namespace in sorted(data.namespaces())
        if prefix and any(iri.startswith(str(namespace)) for iri in used)
    }
    context = Context(context_data)
    document = _LexicalConverter(context, use_native_types=False, use_rdf_type=False).convert(data)
    if isinstance(document, list):
        document = {context.get_key(JSONLD_GRAPH): document}
    document[JSONLD_CONTEXT] = context_data
    # JSON has no Infinity or NaN; _LexicalConverter writes no number, so none can slip through.
    return json.dumps(_sort_nodes(document), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


class _LexicalConverter(Converter):
    """rdflib's RDF-to-JSON-LD converter, writing each typed literal as ``{"@value": lexical form,
    "@type": datatype}``.

    rdflib 7 always turns ``xsd:integer``, ``xsd:double`` and ``xsd:boolean`` literals into JSON
    numbers when a context is given (its ``use_native_types`` option is read as a one-item tuple,
    always true): ``"INF"^^xsd:double`` became a bare ``Infinity`` (not JSON) or ``null``, and an
    ill-typed ``"not-a-number"^^xsd:integer`` a plain string that lost its datatype. Writing the
    lexical form keeps every literal exactly, and a JSON-LD processor reads it back the same.

    An empty string is written as ``{"@value": ""}``: rdflib adds a second value of a property
    only when the first is truthy, so a bare ``""`` was overwritten by the next value.
    """

    def to_raw_value(self, graph: Graph, s: Node, o: Node, nodemap: dict[str, Any]) -> Any:
        if isinstance(o, Literal) and o.datatype is not None:
            return {
                self.context.type_key: self.context.to_symbol(o.datatype),
                self.context.value_key: lexical_form(o),
            }
        value = super().to_raw_value(graph, s, o, nodemap)
        return {self.context.value_key: value} if value == "" else value


def _sort_nodes(value: Any) -> Any:
    """Put every JSON array in a fixed order (by its items' JSON text), except ``@list`` arrays.

    JSON-LD arrays are sets, so their order carries no meaning, but rdflib fills them in the order
    of its store's hash tables; an RDF list (``@list``) is the one array whose order is data.
    """
    if isinstance(value, dict):
        return {
            key: [_sort_nodes(i) for i in item] if key == "@list" else _sort_nodes(item) for key, item in value.items()
        }
    if isinstance(value, list):
        return sorted(map(_sort_nodes, value), key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value
