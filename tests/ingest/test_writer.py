"""Writing drafts: both files or neither, the same bytes again, never over a curated or edited article."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from samples import reuters_extraction

import natokg.ingest.writer as writer
from natokg.errors import NatokgError
from natokg.ingest.model import ArticleMetadata
from natokg.ingest.rdf import to_graph
from natokg.ingest.writer import articles_folder, is_unedited_draft, to_turtle, write_article
from natokg.loading import PACKAGE_DIR


@pytest.fixture(scope="module")
def draft() -> tuple[str, str]:
    ex = reuters_extraction()
    return ex.text, to_turtle(to_graph(ex), "reuters-draft")


def test_new_then_unchanged_with_the_same_bytes(tmp_path: Path, draft: tuple[str, str]) -> None:
    text, turtle = draft
    first = write_article(tmp_path, "reuters-draft", text, turtle)
    assert first.status == "new" and first.text.read_text(encoding="utf-8") == text
    before = first.turtle.read_bytes()
    again = write_article(tmp_path, "reuters-draft", text, turtle)
    assert again.status == "unchanged" and again.turtle.read_bytes() == before == turtle.encode("utf-8")


def test_an_unedited_draft_is_updated(tmp_path: Path, draft: tuple[str, str]) -> None:
    text, turtle = draft
    write_article(tmp_path, "reuters-draft", text, turtle)
    other = to_turtle(to_graph(reuters_extraction()), "reuters-draft").replace("Colby in Brussels", "Colby, Brussels")
    assert is_unedited_draft(other) is False  # the body changed under the header: that is an edit
    newer = writer.HEADER.format(writer.hashlib.sha256(b"x").hexdigest()) + "x"
    assert is_unedited_draft(newer)
    assert write_article(tmp_path, "reuters-draft", text, newer).status == "updated"


def test_an_update_that_would_drop_the_metadata_needs_force(tmp_path: Path, draft: tuple[str, str]) -> None:
    # the draft was ingested with a date, a title and a URL; ingesting the same text again without
    # them (its .txt from graph/articles, no sidecar) would silently strip them
    text, turtle = draft
    write_article(tmp_path, "reuters-draft", text, turtle)
    bare = reuters_extraction()
    bare = dataclasses.replace(bare, metadata=ArticleMetadata("reuters-draft"))
    stripped = to_turtle(to_graph(bare), "reuters-draft")
    with pytest.raises(NatokgError, match=r"reuters-draft\.ttl: the draft's publication date, title, source URL would"):
        write_article(tmp_path, "reuters-draft", text, stripped)
    assert (tmp_path / "reuters-draft.ttl").read_text(encoding="utf-8") == turtle
    dated = dataclasses.replace(bare, metadata=ArticleMetadata("reuters-draft", published=date(2026, 2, 13)))
    with pytest.raises(NatokgError, match=r"the draft's title, source URL would be dropped"):
        write_article(tmp_path, "reuters-draft", text, to_turtle(to_graph(dated), "reuters-draft"))
    assert write_article(tmp_path, "reuters-draft", text, stripped, force=True).status == "updated"


def test_an_edited_draft_is_kept_unless_forced(tmp_path: Path, draft: tuple[str, str]) -> None:
    text, turtle = draft
    written = write_article(tmp_path, "reuters-draft", text, turtle)
    edited = turtle.replace("nkg:Draft", "nkg:Curated")
    written.turtle.write_text(edited, encoding="utf-8")
    fresh = writer.HEADER.format(writer.hashlib.sha256(b"y").hexdigest()) + "y"
    with pytest.raises(NatokgError, match=r"reuters-draft\.ttl: a curated article .* without --force"):
        write_article(tmp_path, "reuters-draft", text, fresh)
    assert written.turtle.read_text(encoding="utf-8") == edited
    assert write_article(tmp_path, "reuters-draft", text, fresh, force=True).status == "updated"


def test_the_shipped_curated_article_is_not_overwritten(data_copy: Path, draft: tuple[str, str]) -> None:
    folder = data_copy / "graph" / "articles"
    slug = "reuters-2026-02-12-colby-nato-brussels"
    before = (folder / f"{slug}.ttl").read_bytes()
    with pytest.raises(NatokgError, match="not overwritten without --force"):
        write_article(folder, slug, draft[0], to_turtle(to_graph(reuters_extraction(slug)), slug))
    assert (folder / f"{slug}.ttl").read_bytes() == before


def test_a_slug_of_another_text_collides(tmp_path: Path, draft: tuple[str, str]) -> None:
    text, turtle = draft
    write_article(tmp_path, "reuters-draft", text, turtle)
    with pytest.raises(NatokgError, match="collides with an existing article of another text"):
        write_article(
            tmp_path, "reuters-draft", "Another text.", writer.HEADER.format(writer.hashlib.sha256(b"").hexdigest())
        )


def test_both_files_or_neither(tmp_path: Path, draft: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = writer.atomic_write

    def failing(path, data):  # the Turtle cannot be written: the text must not stay behind
        if str(path).endswith(".ttl"):
            raise NatokgError(f"{path}: cannot write: disk full")
        return real(path, data)

    monkeypatch.setattr(writer, "atomic_write", failing)
    with pytest.raises(NatokgError, match="disk full"):
        write_article(tmp_path, "reuters-draft", *draft)
    assert list(tmp_path.iterdir()) == []


def test_never_into_the_installed_package() -> None:
    with pytest.raises(NatokgError, match="installed package"):
        articles_folder(PACKAGE_DIR / "_data" / "graph" / "articles")


def test_no_data_root_found_says_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NATOKG_DATA", raising=False)
    monkeypatch.setattr(writer, "find_data_root", lambda: (PACKAGE_DIR / "_data", "shipped"))
    with pytest.raises(NatokgError, match="natokg init DIR"):
        articles_folder()


# --- the Turtle writer ------------------------------------------------------------------------

_X = "http://example.org/x/"
_AWKWARD = [
    (URIRef(f"{_X}s"), RDF.type, URIRef(f"{_X}T")),
    (URIRef(f"{_X}s"), URIRef(f"{_X}p"), Literal('line one\nline "two"\u2028 \\ end')),
    (URIRef(f"{_X}s"), URIRef(f"{_X}p"), Literal("Zeile", lang="de-DE")),
    (URIRef(f"{_X}s"), URIRef(f"{_X}n"), Literal(7)),
    (URIRef(f"{_X}s"), URIRef(f"{_X}d"), Literal("INF", datatype=XSD.double)),
    (URIRef(f"{_X}s"), URIRef(f"{_X}u"), Literal("x", datatype=URIRef("urn:other:type"))),
    (URIRef(f"{_X}a.b"), URIRef(f"{_X}p"), URIRef(f"{_X}ends-with.")),  # '.' may not end a prefixed name
    (URIRef(f"{_X}1st"), URIRef(f"{_X}p"), URIRef(f"{_X}50%25")),  # '%' would need PLX: full IRI
    (URIRef(f"{_X}"), URIRef(f"{_X}p"), URIRef("urn:y:(paren)")),
]


def _prefixes() -> dict[str, str]:
    return {_X: "x", str(XSD): "xsd", str(RDF): "rdf"}


def test_turtle_body_parses_back_to_the_same_triples() -> None:
    text = writer.turtle_body(_AWKWARD, _prefixes())
    assert set(Graph().parse(data=text, format="turtle")) == set(_AWKWARD)
    store = pyoxigraph.Store()  # a second, strict reader
    store.load(text.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(_AWKWARD)
    assert "x:n 7 ;" in text and "<http://example.org/x/ends-with.>" in text and "x:1st x:p" in text


def test_turtle_body_depends_only_on_the_triples() -> None:
    shuffled = list(reversed(_AWKWARD)) + _AWKWARD[:3]  # another order, and repeats
    assert writer.turtle_body(shuffled, dict(reversed(_prefixes().items()))) == writer.turtle_body(
        _AWKWARD, _prefixes()
    )


def test_a_draft_round_trips_and_is_the_same_from_a_graph_or_its_triples(draft: tuple[str, str]) -> None:
    graph = to_graph(reuters_extraction())
    _, turtle = draft
    assert set(Graph().parse(data=turtle, format="turtle")) == set(graph)
    assert to_turtle(list(graph), "reuters-draft") == turtle
    broken = to_turtle([t for t in graph if t[1] != RDF.type], "reuters-draft")
    assert broken != turtle  # the check above can tell a graph that lost triples
