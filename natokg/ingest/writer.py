"""Writing ingested articles: ``<slug>.ttl`` and ``<slug>.txt``, both or neither, never over a curated one.

The Turtle is written by :func:`turtle_body` (natokg's fixed prefixes, one block per subject, everything
sorted), so the same text and metadata give the same bytes. Its first line is a comment with
the SHA-256 of the rest of the file: a draft whose body still matches is ingest's own and may be
replaced; a file without that line (a curated article such as the shipped one) or whose body
changed (a draft someone edited) is only overwritten with ``force=True``. An existing draft of a
*different* text under the same slug is a slug collision, also refused without ``force``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, XSD
from rdflib.term import Node

from natokg.errors import InputError, NatokgError
from natokg.export import escape_lexical, lexical_form, nt_term
from natokg.files import atomic_write
from natokg.ingest.nif import Triple
from natokg.loading import ARTICLE_SLUG, find_data_root, is_data_root, is_package_data
from natokg.namespaces import NKG, PREFIXES, article_graph, article_namespace

HEADER = "# natokg ingest draft; curate it, then set nkg:curationStatus nkg:Curated. sha256 of the lines below: {}\n"
_HEADER = re.compile(r"# natokg ingest draft; .* sha256 of the lines below: ([0-9a-f]{64})\n")


def to_turtle(graph: Graph | Iterable[Triple], slug: str) -> str:
    """``graph`` (the article graph of ``slug``, or its triples) as deterministic Turtle, headed by its content hash.

    Without blank nodes (the graph builder makes none) the body is :func:`turtle_body`: natokg's
    prefixes, then one block per subject, every part sorted, so the same triples give the same
    bytes in every process. A graph with blank nodes goes through the canonical export
    (:func:`natokg.export.export`), which labels them stably.

    >>> from rdflib import Graph, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    >>> text = to_turtle(g, "x")
    >>> text.startswith("# natokg ingest draft") and is_unedited_draft(text)
    True
    """
    triples = set(graph)
    if any(type(s) is BNode or type(o) is BNode for s, _, o in triples):  # type(), not isinstance(): 5x faster
        from natokg.export import export
        from natokg.loading import new_dataset

        dataset = new_dataset()
        target = dataset.graph(article_graph(slug))
        for triple in triples:
            target.add(triple)
        body = export(dataset, "ttl")
    else:
        prefixes = {str(namespace): prefix for prefix, namespace in PREFIXES.items()}
        prefixes[str(article_namespace(slug))] = "art"
        body = turtle_body(triples, prefixes)
    return HEADER.format(hashlib.sha256(body.encode("utf-8")).hexdigest()) + body


# A prefixed name's local part that every Turtle 1.1 reader accepts (a subset of PN_LOCAL: no
# escapes, no ':' or '%', no '.' at either end).
# Literals Turtle writes without quotes (grammar productions INTEGER and DECIMAL) keep their datatype.
_BARE = {str(XSD.integer): re.compile(r"[+-]?[0-9]+"), str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+")}
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_TYPE = RDF.type


def turtle_body(triples: Iterable[Triple], prefixes: dict[str, str]) -> str:
    """Turtle for ``triples`` (no blank nodes), with ``prefixes`` (namespace IRI ending in ``/`` or ``#`` -> prefix).

    One block per subject, subjects in the order of their written form, ``rdf:type`` (written ``a``)
    first and then the other predicates, objects also by their written form; IRIs as prefixed names
    where one fits; integers and decimals bare where their lexical form is Turtle's; other literals
    as :func:`natokg.export.nt_term` writes them (every line break escaped, lexical forms kept),
    their datatype as a prefixed name. Faster than rdflib's pretty serialisers by an
    order of magnitude, and as deterministic: the order depends only on the triples.

    >>> from rdflib import Literal, Namespace, URIRef
    >>> from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, XSD
    >>> ns = {"http://example.org/x/": "x", str(RDF): "rdf", str(XSD): "xsd"}
    >>> s, x = URIRef("http://example.org/x/s"), Namespace("http://example.org/x/")
    >>> print(turtle_body([(s, RDF.type, x.T), (s, x.n, Literal(2))], ns), end="")
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix x: <http://example.org/x/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <BLANKLINE>
    x:s a x:T ;
        x:n 2 .
    """
    written: dict[Node, str] = {_TYPE: "a"}
    blocks: dict[str, dict[str, set[str]]] = {}
    # Grouped by written form, so that sorting compares plain strings (rdflib's comparisons and
    # Literal.__hash__ run in Python); rdf:type is written "a" and goes first in its block.
    for s, p, o in triples:
        ws, wp, wo = written.get(s), written.get(p), written.get(o)
        if ws is None:
            ws = written[s] = _turtle_term(s, prefixes)
        if wp is None:
            wp = written[p] = _turtle_term(p, prefixes)
        if wo is None:
            wo = written[o] = _turtle_term(o, prefixes)
        block = blocks.get(ws)
        if block is None:
            block = blocks[ws] = {}
        objects = block.get(wp)
        if objects is None:
            block[wp] = {wo}
        else:
            objects.add(wo)
    lines = [f"@prefix {prefix}: <{namespace}> .\n" for namespace, prefix in sorted(prefixes.items(), key=_by_value)]
    lines.append("\n")
    for ws in sorted(blocks):
        block = blocks[ws]
        parts = [f"{wp} {' , '.join(sorted(block[wp]))}" for wp in sorted(block, key=_type_first)]
        lines.append(f"{ws} " + " ;\n    ".join(parts) + " .\n\n")
    return "".join(lines).rstrip("\n") + "\n"


def _type_first(written: str) -> tuple[bool, str]:
    return written != "a", written


def _by_value(item: tuple[str, str]) -> str:
    return item[1]


def _turtle_term(node: Node, prefixes: dict[str, str]) -> str:
    if isinstance(node, Literal):
        if node.datatype is not None and node.language is None:
            bare = _BARE.get(str(node.datatype))
            if bare is not None and bare.fullmatch(str(node)):
                return str(node)  # Turtle reads this back as the same lexical form and datatype
            text = f'"{escape_lexical(lexical_form(node))}"'  # quoted and escaped as N-Triples does
            return f"{text}^^{_turtle_term(node.datatype, prefixes)}"
        return nt_term(node)
    iri = str(node)
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = prefixes.get(iri[:cut]) if cut else None
    if prefix is not None and _LOCAL.fullmatch(iri, cut):
        return f"{prefix}:{iri[cut:]}"
    return nt_term(node)


def is_unedited_draft(turtle: str) -> bool:
    """True if ``turtle`` is a draft exactly as ingest wrote it (its header hash matches its body).

    >>> is_unedited_draft("@prefix nkg: <https://w3id.org/natokg/ontology#> .\\n")
    False
    """
    match = _HEADER.match(turtle)
    body = turtle[match.end() :] if match else ""
    return bool(match) and hashlib.sha256(body.encode("utf-8")).hexdigest() == match.group(1)


@dataclass(frozen=True)
class Written:
    """What :func:`write_article` did: ``status`` is ``new``, ``updated`` or ``unchanged``."""

    turtle: Path
    text: Path
    status: str


def articles_folder(out: str | Path | None = None, data: str | Path | None = None) -> Path:
    """Where ingest writes: ``out``, else ``graph/articles`` of the data root (``data``, else found).

    Refuses the installed package's data (``site-packages/natokg/_data``), and, when no data root
    was found, says to make one with ``natokg init``.
    """
    if out is not None:
        folder = Path(out)
    else:
        root, how = (Path(data), "--data") if data is not None else find_data_root()
        if how == "shipped":
            raise NatokgError(
                "no natokg data root here (natokg init DIR makes one; or give --data DIR or --out DIR);"
                " ingest does not write into the installed package"
            )
        if not is_data_root(root):
            raise InputError("not a natokg data root (natokg init DIR makes one)", path=str(root))
        folder = root / "graph" / "articles"
    if is_package_data(folder):
        raise NatokgError(f"{folder}: ingest does not write into the installed package's data; natokg init DIR")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NatokgError(f"{folder}: cannot make the folder: {exc.strerror or exc}") from None
    return folder


def write_article(folder: Path, slug: str, text: str, turtle: str, *, force: bool = False) -> Written:
    """Write ``<slug>.txt`` then ``<slug>.ttl`` atomically; if the second fails, the first is put back.

    Raises NatokgError (naming the file) for a curated or edited article, or a slug that another
    text already uses, unless ``force``.
    """
    if not ARTICLE_SLUG.fullmatch(slug):
        raise InputError("not a valid article slug (letters, digits, '.', '_', '-')", path=slug)
    ttl, txt = folder / f"{slug}.ttl", folder / f"{slug}.txt"
    old_ttl = _read(ttl)
    old_txt = _read(txt)
    if old_ttl == turtle and old_txt == text:
        return Written(ttl, txt, "unchanged")
    if old_ttl is not None and not force:
        if not is_unedited_draft(old_ttl):
            raise NatokgError(
                f"{ttl}: a curated article (or a draft edited by hand) is not overwritten without --force"
            )
        if old_txt is not None and old_txt != text:
            raise NatokgError(
                f"{ttl}: slug {slug!r} collides with an existing article of another text; give --slug or --force"
            )
        lost = lost_metadata(old_ttl, turtle, slug)
        if lost:
            raise NatokgError(
                f"{ttl}: the draft's {', '.join(lost)} would be dropped (this ingest gives none: a sidecar .json"
                " or --published/--title/--source/--publisher); give them, or --force"
            )
    atomic_write(txt, text)
    try:
        atomic_write(ttl, turtle)
    except BaseException:
        if old_txt is None:
            txt.unlink(missing_ok=True)
        else:
            atomic_write(txt, old_txt)
        raise
    return Written(ttl, txt, "new" if old_ttl is None else "updated")


#: The article's metadata that ingest writes, by the name the user gives it, in the order errors name them.
_METADATA = {
    "publication date": SDO.datePublished,
    "title": RDFS.label,
    "source URL": SDO.url,
    "publisher": DCTERMS.publisher,
}


def lost_metadata(old: str, new: str, slug: str) -> list[str]:
    """The metadata (publication date, title, source URL, publisher) that the draft ``old`` states
    and the draft ``new`` of the same text does not: an update would drop them. Both are Turtle as
    :func:`to_turtle` writes it for the article ``slug`` (whose label without a title is
    ``Article <slug>``).

    >>> head = "@prefix nkg: <https://w3id.org/natokg/ontology#> . @prefix schema: <https://schema.org/> ."
    >>> old = head + ' <urn:a> a nkg:NewsArticle ; schema:datePublished "2026-02-12" .'
    >>> lost_metadata(old, head + " <urn:a> a nkg:NewsArticle .", "a"), lost_metadata(old, old, "a")
    (['publication date'], [])
    """
    stated = []
    for turtle in (old, new):
        graph = Graph()
        try:
            graph.parse(data=turtle, format="turtle")
        except Exception:  # a draft that does not parse has nothing to keep
            return []
        articles = list(graph.subjects(RDF.type, NKG.NewsArticle))
        found = {name: {o for a in articles for o in graph.objects(a, p)} for name, p in _METADATA.items()}
        found["title"].discard(Literal(f"Article {slug}"))  # the label without a title (ingest.nif.add_article)
        stated.append(found)
    before, after = stated
    return [name for name in _METADATA if before[name] and not after[name]]


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise NatokgError(f"{path}: cannot read the existing file: {exc}") from None
