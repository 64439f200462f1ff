"""Reading articles: plain text, HTML (main text via trafilatura) or a folder of them, plus sidecar metadata.

The text is the input decoded as strict UTF-8 and nothing else, with two documented exceptions
that keep code-point offsets meaningful on every platform: a leading byte-order mark is dropped,
and CRLF or lone CR line ends become LF (the ``.txt`` copy that ingest writes holds exactly this
text, so ``natokg validate`` compares like with like). The input file is never modified.

Metadata comes from a sidecar ``<name>.json`` beside the text (shaped like the corpus sidecars:
``date`` is the publication date, ``title``, ``url``, ``publisher``, ``id``); values given on the
command line (or as keyword arguments) override it.

Limits: a file larger than :data:`MAX_BYTES` (2 MB, some 300 000 words; a long news article is
under 100 kB) is refused rather than processed for minutes; so is an empty file, a binary file
(a NUL byte), text that is not UTF-8, text without a single word, and HTML without a main text.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "note.txt").write_bytes(b"NATO met.\\r\\nAllies agreed.")
>>> article = read_article(folder / "note.txt", published="2026-02-12")
>>> article.text, article.metadata.slug, str(article.metadata.published)
('NATO met.\\nAllies agreed.', 'note', '2026-02-12')
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from natokg.errors import InputError, NatokgError
from natokg.ingest.model import ArticleMetadata

#: Largest input file accepted, in bytes.
MAX_BYTES = 2_000_000
#: File suffixes read as plain text and as HTML; other files in a folder are left alone.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: A word: two letters in a row (any script). A text without one holds no sentence.
_WORD = re.compile(r"[^\W\d_]{2}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HTML_EXTRA = "html"


@dataclass(frozen=True)
class Article:
    """One input article: its text (see the module docstring), metadata and the file it came from."""

    text: str
    metadata: ArticleMetadata
    path: Path | None = None


def find_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The article files that ``paths`` name: files as given, folders expanded to their text and HTML
    files (not recursively, sorted by name, hidden files and sidecar ``.json`` left out).

    Raises :class:`~natokg.errors.InputError` for a path that does not exist.

    >>> find_inputs([])
    []
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
            )
        elif path.is_file() and path.suffix.lower() == ".json":
            raise InputError(
                "a sidecar of metadata, not an article; give the text or HTML file beside it", path=str(path)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return list(dict.fromkeys(found))


def read_article(
    path: str | Path,
    *,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    publisher: str | None = None,
    slug: str | None = None,
) -> Article:
    """Read one text or HTML file and its sidecar; keyword values override the sidecar's.

    Every problem is an :class:`~natokg.errors.InputError` naming the file (and the line or byte
    offset where there is one).
    """
    path = Path(path)
    data = _read_bytes(path)
    if path.suffix.lower() in HTML_SUFFIXES or _looks_like_html(data):
        text, html_title = _html_text(path, data)
    else:
        text, html_title = decode_text(data, path), None
    if not _WORD.search(text):
        raise InputError("no sentence: the text holds no word", path=str(path))
    sidecar = read_sidecar(path.with_suffix(".json"))
    when = published if published is not None else sidecar.get("date")
    metadata = ArticleMetadata(
        slug=make_slug(slug or sidecar.get("id") or path.stem, where=str(path)),
        published=parse_date(when, where=str(path.with_suffix(".json")) if published is None else "--published"),
        title=title or sidecar.get("title") or html_title,
        source=check_url(source or sidecar.get("url"), where=str(path)),
        publisher=publisher or sidecar.get("publisher"),
    )
    return Article(text=text, metadata=metadata, path=path)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{size:,} bytes is more than the {MAX_BYTES:,} bytes ingest reads (a long article is under 100 kB)",
                path=str(path),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    if not data.strip():
        raise InputError("empty file", path=str(path))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"a binary file, not text (NUL byte at byte offset {nul})", path=str(path))
    return data


def decode_text(data: bytes, path: str | Path = "<text>") -> str:
    """``data`` as strict UTF-8, without a leading byte-order mark, with LF line ends.

    >>> decode_text("Brüssel\\r\\n".encode())
    'Brüssel\\n'
    >>> decode_text(b"ab\\nc\\xff")
    Traceback (most recent call last):
    natokg.errors.InputError: <text>:2: not UTF-8 text (invalid start byte at byte offset 4)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 text ({exc.reason} at byte offset {exc.start})", path=str(path), line=line
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


#: Three words or more ending with a full stop, question or exclamation mark.
_SENTENCE = re.compile(r"\w+\W+\w+\W+\w+[^.!?\n]*[.!?]")


def _looks_like_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _html_text(path: Path, data: bytes) -> tuple[str, str | None]:
    """The main text of an HTML page (trafilatura, offline: it is given the bytes, never a URL)."""
    try:
        import trafilatura
    except ImportError:
        raise NatokgError(f"{path}: reading HTML needs trafilatura: pip install 'natokg[{HTML_EXTRA}]'") from None
    html = decode_text(data, path)
    options = {"include_comments": False, "include_tables": False, "favor_precision": True}
    text = trafilatura.extract(html, fast=True, **options)
    if not text:
        # trafilatura's fallbacks (readability, jusText) find a body its own extractor misses (text
        # in bare <div>s), but also return a navigation menu when a page has no body: their text
        # counts only when it holds a sentence.
        text = trafilatura.extract(html, **options)
        text = text if text and _SENTENCE.search(text) else None
    if not text or not _WORD.search(text):
        raise InputError("HTML with no main text (trafilatura found no article body)", path=str(path))
    found = trafilatura.extract_metadata(html)
    return decode_text(text.encode("utf-8"), path), (found.title if found is not None else None)


def read_sidecar(path: Path) -> dict[str, str]:
    """The metadata in a sidecar JSON file (``{}`` if there is none); only string values are kept.

    >>> read_sidecar(Path("/nonexistent.json"))
    {}
    """
    if not path.is_file():
        return {}
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})", path=str(path), line=exc.lineno) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=str(path)) from None
    if not isinstance(content, dict):
        raise InputError("a sidecar holds one JSON object (date, title, url, publisher)", path=str(path))
    known = ("id", "date", "title", "url", "publisher")
    for key in known:
        if content.get(key) is not None and not isinstance(content[key], str):
            raise InputError(f"{key!r} must be a string, not {content[key]!r}", path=str(path))
    return {key: content[key] for key in known if content.get(key)}


def parse_date(value: str | date | None, *, where: str = "--published") -> date | None:
    """A publication date in ISO 8601 form (``YYYY-MM-DD``); ``None`` stays ``None``.

    >>> parse_date("2026-02-12")
    datetime.date(2026, 2, 12)
    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
    natokg.errors.InputError: --published: '2026-02-30' is not a date (YYYY-MM-DD): day is out of range for month
    """
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not _ISO_DATE.fullmatch(text):
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD)", path=where)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"{value!r} is not a date (YYYY-MM-DD): {exc}", path=where) from None


def check_url(value: str | None, *, where: str = "--source") -> str | None:
    """An http(s) URL as given, or ``None``; anything else is an InputError.

    >>> check_url("https://www.defense.gov/News/")
    'https://www.defense.gov/News/'
    """
    if value is None:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value.strip()):
        raise InputError(f"the source {value!r} is not an http(s) URL", path=where)
    return value.strip()


def make_slug(text: str, *, where: str = "--slug") -> str:
    """A valid article slug (letters, digits, ``.``, ``_``, ``-``; lower case) made from ``text``.

    >>> make_slug("Hegseth & Rutte: Common Ground (2025)")
    'hegseth-rutte-common-ground-2025'
    >>> make_slug("Brüssel-Treffen")
    'brussel-treffen'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9._-]+", "-", ascii_text)
    slug = re.sub(r"-{2,}", "-", slug).strip("._-")
    if not slug:
        raise InputError(f"cannot make an article slug of {text!r}; give --slug", path=where)
    return slug[:120].rstrip("._-")
