"""Reading articles: text kept as written, metadata from sidecars and options, one-line errors for bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from natokg.errors import InputError, NatokgError
from natokg.ingest.reader import MAX_BYTES, find_inputs, make_slug, parse_date, read_article


def _file(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_text_is_kept_and_the_input_untouched(tmp_path: Path) -> None:
    raw = "\ufeffNATO “met” in Brüssel.\r\nAllies agreed.\rThe end.\n".encode()
    path = _file(tmp_path, "a.txt", raw)
    article = read_article(path)
    assert article.text == "NATO “met” in Brüssel.\nAllies agreed.\nThe end.\n"
    assert path.read_bytes() == raw


def test_sidecar_gives_metadata_and_options_override_it(tmp_path: Path) -> None:
    path = _file(tmp_path, "story.txt", "Rutte met Hegseth in Brussels.")
    sidecar = {
        "id": "dod-story",
        "date": "2025-06-05",
        "title": "Common ground",
        "url": "https://www.defense.gov/x",
        "publisher": "DOD News",
    }
    (tmp_path / "story.json").write_text(json.dumps(sidecar), encoding="utf-8")
    meta = read_article(path).metadata
    assert (meta.slug, meta.published, meta.title, meta.source, meta.publisher) == (
        "dod-story",
        date(2025, 6, 5),
        "Common ground",
        "https://www.defense.gov/x",
        "DOD News",
    )
    meta = read_article(path, published="2025-06-06", title="Other", slug="Mine 1").metadata
    assert (meta.slug, meta.published, meta.title) == ("mine-1", date(2025, 6, 6), "Other")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"NATO\x00met", "NUL byte at byte offset 4"),
        (b"NATO met.\nAllies \xffagreed.", r":2: not UTF-8 text \(invalid start byte at byte offset 17\)"),
        (b"12 34 -- 56 !!", "no sentence"),
    ],
)
def test_bad_text_is_one_line_naming_the_file(tmp_path: Path, data: bytes, message: str) -> None:
    path = _file(tmp_path, "bad.txt", data)
    with pytest.raises(InputError, match=message) as caught:
        read_article(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _file(tmp_path, "huge.txt", b"NATO met. " * (MAX_BYTES // 10 + 1))
    with pytest.raises(InputError, match=r"huge\.txt: .* bytes is more than the 2,000,000 bytes"):
        read_article(path)


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('{"date": "12 February 2026"}', r"story\.json: '12 February 2026' is not a date"),
        ('{"date": "2026-02-30"}', r"story\.json: '2026-02-30' is not a date .*day is out of range"),
        ('{"title": "x",\n "date": }', r"story\.json:2: invalid JSON"),
        ('{"url": "ftp://x"}', "is not an http"),
        ('["x"]', "one JSON object"),
    ],
)
def test_bad_sidecar_names_the_sidecar(tmp_path: Path, sidecar: str, message: str) -> None:
    path = _file(tmp_path, "story.txt", "Rutte met Hegseth.")
    (tmp_path / "story.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_bad_published_option_names_the_option() -> None:
    with pytest.raises(InputError, match=r"^--published: 'Thursday' is not a date"):
        parse_date("Thursday")


def test_html_main_text(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    body = "".join(
        f"<p>NATO defence ministers met in Brussels on Thursday, paragraph {i} of the story.</p>" for i in range(6)
    )
    head = "<head><title>Ministers meet</title></head>"
    page = f"<html>{head}<body><nav>Home | News</nav><article>{body}</article></body></html>"
    article = read_article(_file(tmp_path, "page.html", page))
    assert "NATO defence ministers met in Brussels" in article.text and "Home | News" not in article.text
    assert article.metadata.title == "Ministers meet"


@pytest.mark.parametrize(
    "body",
    [
        "<nav>a</nav>",
        "<nav>menu</nav>",
        "<nav><a href='/'>Home</a> <a href='/n'>News</a> <a href='/c'>Contact us</a></nav><footer>Copyright</footer>",
    ],
)
def test_html_without_main_text(tmp_path: Path, body: str) -> None:
    pytest.importorskip("trafilatura")
    path = _file(tmp_path, "empty.html", f"<html><head><title>x</title></head><body>{body}</body></html>")
    with pytest.raises(InputError, match=r"empty\.html: HTML with no main text"):
        read_article(path)


def test_html_body_in_bare_divs_is_found(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    text = "NATO defence ministers met in Brussels on Thursday. Rutte said more was needed."
    page = f"<html><body><nav>Home | News</nav><div>{text}</div></body></html>"
    assert read_article(_file(tmp_path, "div.html", page)).text.strip() == text


def test_html_without_trafilatura_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(NatokgError, match=r"pip install 'natokg\[html\]'"):
        read_article(_file(tmp_path, "p.html", "<html><body><p>NATO met.</p></body></html>"))


def test_folders_expand_to_their_articles(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "a.json", ".hidden.txt", "notes.pdf"):
        _file(tmp_path, name, "NATO met.")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.html", "b.txt"]
    with pytest.raises(InputError, match="no such file or folder"):
        find_inputs([tmp_path / "absent"])
    with pytest.raises(InputError, match=r"a\.json: a sidecar of metadata, not an article"):
        find_inputs([tmp_path / "a.json"])


def test_slugs_are_valid_article_names() -> None:
    assert make_slug("DoD: Hegseth/Rutte — 2025") == "dod-hegseth-rutte-2025"
    with pytest.raises(InputError, match="cannot make an article slug"):
        make_slug("——")
