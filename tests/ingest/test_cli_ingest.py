"""``natokg init`` and ``natokg ingest`` end to end: the corpus ingested once per session, then validated,
queried and drawn; bad files skipped; the same bytes again; nothing curated overwritten."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from samples import ARTICLE, CORPUS, TEXT

import natokg
from natokg.cli import main
from natokg.errors import NatokgError
from natokg.ingest.cli import init_data_root
from natokg.ingest.pipeline import BATCH_SIZE
from natokg.ingest.run import AUTO_ARTICLES_PER_PROCESS, AUTO_MIN_ARTICLES, auto_processes, ingest_paths
from natokg.loading import PACKAGE_DIR
from natokg.namespaces import NKG, article_graph

pytest.importorskip("spacy")
ARTICLES = CORPUS / "articles"
needs_corpus = pytest.mark.skipif(not ARTICLES.is_dir(), reason=f"the shared corpus is not at {ARTICLES}")


@pytest.fixture
def user_root(tmp_path: Path) -> Path:
    return init_data_root(tmp_path / "corpus").parent


def _inputs(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in ARTICLES.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "reuters-copy.txt").write_text(TEXT, encoding="utf-8")
    (folder / "reuters-copy.json").write_text(json.dumps({"date": "2026-02-12", "title": "Reuters"}), encoding="utf-8")
    return folder


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data root holding the ingested corpus (four public-domain texts and a copy of the Reuters text)."""
    if not ARTICLES.is_dir():
        pytest.skip(f"the shared corpus is not at {ARTICLES}")
    base = tmp_path_factory.mktemp("ingested")
    assert main(["init", str(base / "root")]) == 0
    assert main(["ingest", str(_inputs(base / "in")), "--data", str(base / "root")]) == 0
    return base / "root"


@needs_corpus
def test_every_article_is_written_with_its_text(corpus: Path) -> None:
    names = sorted(p.name for p in (corpus / "graph" / "articles").iterdir())
    stems = [*sorted(p.stem for p in ARTICLES.glob("*.txt")), "reuters-copy"]
    assert names == sorted(f"{s}.{x}" for s in stems for x in ("ttl", "txt"))
    for stem in stems:
        source = ARTICLES / f"{stem}.txt" if stem != "reuters-copy" else None
        written = (corpus / "graph" / "articles" / f"{stem}.txt").read_bytes()
        assert written == (source.read_bytes() if source else TEXT.encode("utf-8"))


@needs_corpus
def test_the_ingested_corpus_validates(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-reasoning", "--data", str(corpus)]) == 0, capsys.readouterr().out
    assert f"natokg: data root {corpus} (--data)" in capsys.readouterr().err


@needs_corpus
def test_every_named_query_and_the_network_run(corpus: Path, tmp_path: Path) -> None:
    dataset = natokg.load(corpus)
    quotation = next(dataset.graph(article_graph("reuters-copy")).subjects(NKG.verbatim, None))
    for name, named in natokg.named_queries(corpus).items():
        params = {p.name: quotation for p in named.parameters if p.default is None and not p.optional}
        natokg.query(dataset, name, params)
    rows = natokg.query(dataset, "cq04-quotations").rows
    assert len(rows) > 14  # the 7 curated quotations, and the ingested ones
    out = tmp_path / "network.json"
    assert main(["network", "--format", "json", "-o", str(out), "--data", str(corpus)]) == 0
    assert "elbridge-colby" in out.read_text(encoding="utf-8")


@needs_corpus
def test_every_node_has_one_label_and_one_confidence(corpus: Path) -> None:
    from rdflib.namespace import RDFS

    dataset = natokg.load(corpus)
    for path in (corpus / "graph" / "articles").glob("*.ttl"):
        graph = dataset.graph(article_graph(path.stem))
        for prop in (RDFS.label, NKG.confidence, NKG.curationStatus):  # functional, or meant to be
            for node in set(graph.subjects(prop, None)):
                assert len(list(graph.objects(node, prop))) == 1, (path.name, node, prop)


@needs_corpus
def test_the_shipped_text_reproduces_the_curated_graph(corpus: Path) -> None:
    dataset = natokg.load(corpus)
    curated, ingested = dataset.graph(article_graph(ARTICLE)), dataset.graph(article_graph("reuters-copy"))

    def quotations(g):
        return {(str(g.value(q, NKG.verbatim)), g.value(q, NKG.saidBy)) for q in g.subjects(NKG.verbatim, None)}

    def posts(g):
        return {(g.value(h, NKG.holder), g.value(h, NKG.heldPost)) for h in g.subjects(NKG.heldPost, None)}

    def times(g):
        return {str(w) for w in g.objects(None, NKG.asWritten)}

    assert quotations(ingested) == quotations(curated) and len(quotations(curated)) == 7
    assert posts(curated) <= posts(ingested) and len(posts(curated)) == 5
    # TimeML extents leave out a preposition ("December" of "in December").
    assert all(any(found in words for found in times(ingested)) for words in times(curated))


@needs_corpus
def test_ingesting_again_is_a_no_op_with_the_same_bytes(corpus: Path, tmp_path: Path, capsys) -> None:
    folder = corpus / "graph" / "articles"
    before = _digest(folder)
    assert main(["ingest", str(_inputs(tmp_path / "in")), "--data", str(corpus)]) == 0
    assert "(5 unchanged)" in capsys.readouterr().out
    assert _digest(folder) == before
    other = tmp_path / "other"
    main(["init", str(other)])
    assert main(["ingest", str(tmp_path / "in"), "--data", str(other)]) == 0
    assert _digest(other / "graph" / "articles") == before


def test_a_bad_file_is_skipped_and_the_others_ingested(user_root: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("NATO Secretary General Mark Rutte met ministers in Brussels on Thursday.\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "latin1.txt").write_bytes("Brüssel".encode("latin-1"))
    assert main(["ingest", str(folder), "--data", str(user_root), "--published", "2026-02-12"]) == 0
    out, err = capsys.readouterr()
    assert "ingested 1 article (1 new)" in out and "skipped 2:" in out
    assert f"{folder / 'binary.txt'}: a binary file" in err and f"{folder / 'latin1.txt'}:1: not UTF-8" in err
    assert sorted(p.name for p in (user_root / "graph" / "articles").iterdir()) == ["good.ttl", "good.txt"]


def test_unbalanced_quotation_marks_are_reported_and_the_rest_ingested(user_root: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "unbalanced.txt"
    path.write_text('Rutte said "We will never stop, and then he left.\n\n"We agree," Colby said.\n')
    assert main(["ingest", str(path), "--data", str(user_root), "--published", "2026-02-12"]) == 0
    out, err = capsys.readouterr()
    # the mark opened at offset 11 (counted by hand) is never closed in its paragraph
    assert f"natokg: notice: {path}: unbalanced quotation mark at offset 11" in err
    assert "ingested 1 article (1 new)" in out and "quotations 1" in out


def test_nothing_ingested_exits_2(user_root: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "empty.txt").write_text("")
    assert main(["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "absent.txt"), "--data", str(user_root)]) == 2
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "absent.txt: no such file or folder" in err
    assert list((user_root / "graph" / "articles").iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--published", "12/02/2026"], "--published: '12/02/2026' is not a date (YYYY-MM-DD)"),
        (["--source", "not a url"], "--source: the source 'not a url' is not an http(s) URL"),
        (["--slug", "one"], "--slug one names one article, but 2 files were given"),
    ],
)
def test_bad_options_are_one_line(user_root: Path, tmp_path: Path, capsys, options, message) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("NATO met in Brussels.")
    assert main(["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--data", str(user_root), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natokg: error: {message}") and err.count("\n") == 1


@pytest.mark.parametrize("value", ["0", "-1", "abc"])
def test_processes_is_a_whole_number_of_at_least_one(user_root: Path, tmp_path: Path, capsys, value: str) -> None:
    (tmp_path / "a.txt").write_text("NATO met in Brussels.")
    with pytest.raises(SystemExit) as caught:
        main(["ingest", str(tmp_path / "a.txt"), "--data", str(user_root), "--processes", value])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("natokg ingest: error: argument --processes: ") and err.count("\n") == 1
    assert list((user_root / "graph" / "articles").iterdir()) == []


@pytest.mark.parametrize("value", [0, -1, "2", 1.0, True])
def test_the_api_refuses_a_bad_number_of_processes(user_root: Path, tmp_path: Path, value: object) -> None:
    (tmp_path / "a.txt").write_text("NATO met in Brussels.")
    with pytest.raises(NatokgError, match="processes must be a whole number of at least 1"):
        ingest_paths([tmp_path / "a.txt"], data=user_root, processes=value)  # type: ignore[arg-type]
    assert list((user_root / "graph" / "articles").iterdir()) == []


def test_two_processes_write_the_same_bytes_as_one(user_root: Path, tmp_path: Path) -> None:
    # more articles than two batches, so that the forked helper gets some of them
    lines = [line for line in TEXT.splitlines() if line.strip()]
    folder = tmp_path / "in"
    folder.mkdir()
    count = 2 * BATCH_SIZE + 1
    for i in range(count):
        (folder / f"part-{i:02d}.txt").write_text("\n".join(lines[i % len(lines) :] + lines[: i % 3]) + "\n")
    written = {}
    for processes in (1, 2):
        out = tmp_path / f"out-{processes}"
        summary = ingest_paths([folder], out=out, published="2026-02-12", processes=processes)
        assert len(summary.written) == count and not summary.skipped
        written[processes] = (_digest(out), summary.facts)
    assert written[2] == written[1]
    assert len(set(written[1][0].values())) == 2 * count  # the articles differ, so order matters


def test_an_edited_draft_needs_force(user_root: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "note.txt"
    source.write_text("Hegseth thanked Rutte in Brussels on Thursday.\n")
    args = ["ingest", str(source), "--data", str(user_root), "--published", "2025-06-05"]
    assert main(args) == 0
    ttl = user_root / "graph" / "articles" / "note.ttl"
    ttl.write_text(ttl.read_text(encoding="utf-8").replace("nkg:Draft", "nkg:Curated"), encoding="utf-8")
    edited = ttl.read_bytes()
    assert main(args) == 2
    assert "not overwritten without --force" in capsys.readouterr().err and ttl.read_bytes() == edited
    assert main([*args, "--force"]) == 0 and ttl.read_bytes() != edited


def test_a_slug_taken_by_the_shipped_article_collides(user_root: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / f"{ARTICLE}.txt"
    source.write_text("NATO met in Brussels.")
    assert main(["ingest", str(source), "--data", str(user_root)]) == 2
    assert f"slug '{ARTICLE}' collides with" in capsys.readouterr().err


def test_commands_inside_a_data_root_use_it(user_root: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("NATOKG_DATA", raising=False)
    monkeypatch.chdir(user_root / "graph" / "articles")
    (user_root / "note.txt").write_text("Rutte met Hegseth in Brussels.")
    assert main(["ingest", str(user_root / "note.txt"), "--published", "2025-06-05"]) == 0
    assert (user_root / "graph" / "articles" / "note.ttl").is_file()
    assert f"natokg: data root {user_root.resolve()} (found above the current folder)" in capsys.readouterr().err
    assert main(["stats"]) == 0
    assert "articles" in capsys.readouterr().out


def test_ingest_refuses_the_installed_package(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text("NATO met in Brussels.")
    out = PACKAGE_DIR / "_data" / "graph" / "articles"
    assert main(["ingest", str(tmp_path / "a.txt"), "--out", str(out)]) == 2
    assert "installed package" in capsys.readouterr().err and not out.exists()


def test_init_is_idempotent_and_never_in_the_package(tmp_path: Path, capsys) -> None:
    assert main(["init", str(tmp_path / "c")]) == 0 and main(["init", str(tmp_path / "c")]) == 0
    assert (tmp_path / "c" / "natokg.toml").read_text(encoding="utf-8").startswith("# A natokg data root")
    assert main(["init", str(PACKAGE_DIR / "_data" / "mine")]) == 2


@pytest.mark.parametrize(
    ("articles", "cpus", "load", "expected"),
    [
        (1, 2, 0.0, 1),
        (AUTO_MIN_ARTICLES - 1, 64, 0.0, 1),  # too few for a second process to pay
        (AUTO_MIN_ARTICLES, 2, 0.0, 2),
        (1_000, 2, 0.0, 2),  # never more than the cores
        (1_000, 2, 1.4, 1),  # one core busy elsewhere: one idle core
        (1_000, 2, 4.7, 1),  # a busy machine: a second process only shares this one's time
        (1_000, 1, 0.0, 1),
        (AUTO_MIN_ARTICLES + 8, 16, 0.0, (AUTO_MIN_ARTICLES + 8) // AUTO_ARTICLES_PER_PROCESS),
        (10_000, 8, 2.2, 6),
    ],
)
def test_auto_processes(articles: int, cpus: int, load: float, expected: int) -> None:
    assert auto_processes(articles, cpus=cpus, load=load) == expected


def test_auto_processes_never_exceeds_the_cpu_count() -> None:
    import os

    assert 1 <= auto_processes(100_000, load=0.0) <= (os.cpu_count() or 1)


def test_processes_auto_is_the_default_and_may_be_given(user_root: Path, tmp_path: Path, monkeypatch) -> None:
    import natokg.ingest.run as run

    chosen: list[int] = []
    real = run.auto_processes
    monkeypatch.setattr(run, "auto_processes", lambda n: chosen.append(real(n, cpus=2, load=0.0)) or chosen[-1])
    (tmp_path / "a.txt").write_text("NATO met in Brussels.")
    assert main(["ingest", str(tmp_path / "a.txt"), "--data", str(user_root), "--published", "2026-02-12"]) == 0
    dated = ["--published", "2026-02-12"]  # the same metadata: an update may not drop the date
    assert main(["ingest", str(tmp_path / "a.txt"), "--data", str(user_root), "--processes", "auto", *dated]) == 0
    assert chosen == [1, 1]
    assert main(["ingest", str(tmp_path / "a.txt"), "--data", str(user_root), "--processes", "1", *dated]) == 0
    assert chosen == [1, 1]  # a number forces the count: no automatic choice
