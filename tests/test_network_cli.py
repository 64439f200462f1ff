"""natokg network on the command line: every format, choices, errors in one line."""

from __future__ import annotations

import json
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
