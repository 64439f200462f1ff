"""Writing ingested articles: ``<slug>.ttl`` and ``<slug>.txt``, both or neither, never over a curated one.

The Turtle is natokg's deterministic export (:func:`natokg.export.export`: canonical order, fixed
prefixes), so the same text and metadata give the same bytes. Its first line is a comment with
the SHA-256 of the rest of the file: a draft whose body still matches is ingest's own and may be
replaced; a file without that line (a curated article such as the shipped one) or whose body
changed (a draft someone edited) is only overwritten with ``force=True``. An existing draft of a
*different* text under the same slug is a slug collision, also refused without ``force``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph

from natokg.errors import InputError, NatokgError
from natokg.files import atomic_write
from natokg.loading import ARTICLE_SLUG, find_data_root, is_data_root, is_package_data
from natokg.namespaces import article_graph, article_namespace, bind_prefixes

HEADER = "# natokg ingest draft; curate it, then set nkg:curationStatus nkg:Curated. sha256 of the lines below: {}\n"
_HEADER = re.compile(r"# natokg ingest draft; .* sha256 of the lines below: ([0-9a-f]{64})\n")


def to_turtle(graph: Graph, slug: str) -> str:
    """``graph`` (the article graph of ``slug``) as deterministic Turtle, headed by its content hash.

    rdflib's Turtle writers order their output by the terms they print, so a graph without blank
    nodes filled in sorted order prints the same in every process (:mod:`natokg.export` explains
    this; a graph with blank nodes goes through its canonical export instead).

    >>> from rdflib import Graph, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    >>> text = to_turtle(g, "x")
    >>> text.startswith("# natokg ingest draft") and is_unedited_draft(text)
    True
    """
    from natokg.export import _sort_key, export
    from natokg.loading import new_dataset

    name = article_graph(slug)
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        dataset = new_dataset()
        target = dataset.graph(name)
        for triple in graph:
            target.add(triple)
        body = export(dataset, "ttl")
    else:
        ordered = bind_prefixes(Graph(bind_namespaces="none"))
        ordered.bind("art", article_namespace(slug))
        for s, p, o in sorted(graph, key=lambda t: _sort_key((*t, name))):
            ordered.add((s, p, o))
        body = ordered.serialize(format="longturtle")
    return HEADER.format(hashlib.sha256(body.encode("utf-8")).hexdigest()) + body


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


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise NatokgError(f"{path}: cannot read the existing file: {exc}") from None
