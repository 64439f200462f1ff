"""natokg network on the command line: every format, choices, errors in one line."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from rdflib import Dataset

from natokg.cli import main


@pytest.mark.parametrize("fmt", ["graphml", "json", "html", "svg"])
def test_cli_writes_every_format(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"net.{fmt}"
    assert main(["network", "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 1000 and f"22 nodes, 33 edges ({fmt})" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_cli_choices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "net.json"
    assert main(["network", "-o", str(out), "--relations", "memberOf,holdsPostIn", "--weighted"]) == 0
    graph = json.loads(out.read_text(encoding="utf-8"))
    assert graph["multigraph"] is False and len(graph["links"]) == 12
    assert main(["network", "-o", str(out), "--bipartite", "--relations", "absentFrom"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["links"]) == 2
    query = tmp_path / "absences.rq"
    query.write_text("SELECT ?absence WHERE {\n  ?absence a nkg:Absence\n}\n", encoding="utf-8")
    assert main(["network", "-o", str(out), "--query", str(query)]) == 0
    assert "3 nodes, 2 edges" in capsys.readouterr().out


def test_cli_inferred(tmp_path: Path, inferred_dataset: Dataset) -> None:
    # The inferred_dataset fixture has filled the test run's inference cache, which the CLI reads.
    out = tmp_path / "net.json"
    assert main(["network", "-o", str(out), "--inferred", "--relations", "belongsTo"]) == 0
    links = json.loads(out.read_text(encoding="utf-8"))["links"]
    assert links and all(link["inferred"] for link in links)


QUERY_FILES = {
    "bad.rq": "SELECT ?x WHERE {\n  ?x a nkg:Absence \n",  # the brace is never closed
    "remote.rq": "SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?x ?p ?o } }\n",
    "ask.rq": "ASK { ?x a nkg:Absence }\n",
    "nothing.rq": "SELECT ?x WHERE { ?x a nkg:Nothing }\n",
}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--relations", "friendOf"], "relations: unknown relation 'friendOf'"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
        (["--graphs", "nope"], "graphs: unknown graph selection 'nope'"),
        (["--query", "{dir}/bad.rq"], "{dir}/bad.rq:3:1: SPARQL syntax error"),
        (["--query", "{dir}/missing.rq"], "{dir}/missing.rq: file not found"),
        (["--query", "{dir}/remote.rq"], "{dir}/remote.rq: SERVICE <http://127.0.0.1:9/sparql> would query a remote"),
        (["--query", "{dir}/ask.rq"], "{dir}/ask.rq: an ASK query names no actors"),
        (["--query", "{dir}/nothing.rq"], "{dir}/nothing.rq: the query names no actor of the network"),
    ],
)
def test_cli_reports_bad_input_in_one_line(
    arguments: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "net.json"
    out.write_text("previous", encoding="utf-8")
    for name, text in QUERY_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    try:
        code = main(["network", "-o", str(out), *(a.format(dir=tmp_path) for a in arguments)])
    except SystemExit as exit:  # argparse's own errors
        code = exit.code
    err = capsys.readouterr().err
    assert code == 2 and message.format(dir=tmp_path) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 or "usage:" in err
    assert out.read_text(encoding="utf-8") == "previous"  # the old file is left alone


def test_cli_unknown_suffix_and_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "-o", str(tmp_path / "net.xyz")]) == 2
    assert "--format: cannot tell the format" in capsys.readouterr().err
    assert main(["network", "-o", str(tmp_path / "absent" / "net.png")]) == 2
    assert "the folder to write into does not exist" in capsys.readouterr().err


# --- Empty networks, folders, full disks (issue 9 §1) --------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        # The article states no belongsTo: only reasoning does.
        (
            ["--relations", "belongsTo"],
            "no belongsTo relation between the actors of the graphs asserted; belongsTo is only stated by reasoning",
        ),
        # The ontology graph holds classes and properties, no actor.
        (["--graphs", "ontology"], "the graphs ontology hold no actor"),
    ],
)
@pytest.mark.parametrize("fmt", ["html", "png", "graphml"])
def test_an_empty_network_is_explained_and_nothing_written(
    arguments: list[str], reason: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"net.{fmt}"
    assert main(["network", "-o", str(out), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{out}: not written: the network is empty: {reason}" in err
    assert list(tmp_path.iterdir()) == []


def test_a_data_root_without_articles_is_explained(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for article in (data_copy / "graph" / "articles").iterdir():
        article.unlink()
    entities = data_copy / "graph" / "entities.ttl"
    # The shared entities are actors too; without them and without articles nothing is left.
    entities.write_text("@prefix nkg: <https://w3id.org/natokg/ontology#> .\n", encoding="utf-8")
    out = data_copy / "net.html"
    assert main(["network", "-o", str(out), "--data", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "the graphs asserted hold no actor; does the data root hold articles (graph/articles/*.ttl)" in err
    assert not out.exists()


def test_the_empty_picture_says_why() -> None:
    # From Python, an empty network still draws: a picture that says so, not max() of nothing.
    import natokg

    ds = natokg.load()
    empty = natokg.actor_network(ds, graphs="ontology")
    figure = natokg.draw(empty)
    texts = [text.get_text() for ax in figure.axes for text in ax.texts]
    assert texts == ["the network is empty: the graphs ontology hold no actor; actors are in the graphs asserted (the "
                     "default) and background"]  # fmt: skip
    view = natokg.interactive(empty)
    assert "the graphs ontology hold no actor" in view.html
    isolated = natokg.actor_network(ds, ["belongsTo"])  # actors, no edge: laid out in rows
    assert len(natokg.network.layout(isolated)) == 22 and natokg.draw(isolated).axes


@pytest.mark.parametrize("fmt", ["html", "png", "gexf"])
def test_a_full_disk_leaves_no_temporary_file(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from natokg import files

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    out = tmp_path / f"net.{fmt}"
    assert main(["network", "-o", str(out), "--relations", "memberOf"]) == 2
    assert capsys.readouterr().err == f"natokg: error: {out}: cannot write: No space left on device\n"
    assert list(tmp_path.iterdir()) == []  # neither the file nor a hidden .net.*.tmp


def test_a_read_only_folder_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    # chmod cannot stop root, who runs these tests in CI; refuse the way a read-only folder does.
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    out = tmp_path / "net.graphml"
    assert main(["network", "-o", str(out), "--relations", "memberOf"]) == 2
    assert capsys.readouterr().err == f"natokg: error: {out}: cannot write: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


def test_output_onto_a_folder_is_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("natokg.loading.load", lambda *a, **k: pytest.fail("loaded before checking -o"))
    assert main(["network", "-o", str(tmp_path), "--format", "gexf"]) == 2
    assert capsys.readouterr().err == f"natokg: error: {tmp_path}: is a folder; give the name of the file to write\n"
