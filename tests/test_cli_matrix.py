"""Every subcommand with a bad value for every option: one line naming the option or the file, exit ≠ 0,
never a traceback (issue 9 §1). Most run in process; a few run as the installed `natokg` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from natokg.cli import EXIT_ERROR, main

NOWHERE = "/nonexistent-natokg-dir"

# (argv, what the one line must name). {tmp} is a fresh folder, {rq} a query file with a syntax error.
CASES: list[tuple[list[str], str]] = [
    # validate, stats
    (["validate", "--data", NOWHERE], NOWHERE),
    (["validate", "--no-reasoning", "--data", NOWHERE], NOWHERE),
    (["stats", "--data", NOWHERE], NOWHERE),
    (["stats", "--inferred", "--no-cache", "--data", NOWHERE], NOWHERE),
    (["validate", "--bogus"], "--bogus"),
    # query
    (["query", "cq99"], "unknown query 'cq99'"),
    (["query"], "name the query"),
    (["query", "cq8"], "needs the parameter 'fact'"),
    (["query", "cq8", "--param", "fact"], "--param takes NAME=VALUE"),
    (["query", "cq8", "--param", "fact=nkr:a", "--param", "fact=nkr:b"], "--param fact is given twice"),
    (["query", "cq8", "--param", "nope=1"], "no parameter 'nope'"),
    (["query", "cq8", "--param", "fact=not an iri"], "parameter 'fact'"),
    (["query", "cq1", "--data", NOWHERE], NOWHERE),
    (["query", "cq1", "--format", "xml"], "--format"),
    (["query", "cq1", "--graphs", "nope"], "--graphs: unknown graph selection 'nope'"),
    (["query", "cq1", "--max-width", "-5"], "--max-width"),
    (["query", "cq1", "--max-width", "wide"], "--max-width"),
    (["query", "cq1", "--endpoint", "ftp://example.org/q"], "--endpoint 'ftp://example.org/q'"),
    (["query", "cq1", "--endpoint", "http://[::1"], "--endpoint 'http://[::1'"),
    (["query", "cq1", "--endpoint", "http://127.0.0.1:9/q", "--inferred"], "--graphs and --inferred"),
    (["query", "cq1", "--timeout", "-1"], "--timeout"),
    (["query", "cq1", "--timeout", "nan"], "--timeout"),
    (["query", "cq1", "--timeout", "inf"], "--timeout"),
    (["query", "cq1", "--timeout", "0"], "--timeout"),
    (["query", "cq1", "--timeout", "soon"], "--timeout"),
    (["query", "cq1", "--max-rows", "0"], "--max-rows"),
    (["query", "cq1", "--max-rows", "-3"], "--max-rows"),
    (["query", "cq1", "--max-rows", "1e3"], "--max-rows"),
    (["query", "--list", "--format", "xml"], "--format"),
    (["query", "--list", "--data", NOWHERE], NOWHERE),
    # sparql
    (["sparql", f"{NOWHERE}/q.rq"], f"{NOWHERE}/q.rq: file not found"),
    (["sparql", "{tmp}"], "{tmp}: cannot read the query"),
    (["sparql", "{rq}"], "{rq}:1:"),
    (["sparql", "{rq}", "--param", "x:bogus=1"], "unknown parameter type 'bogus'"),
    (["sparql", "{rq}", "--param", "x=1", "--param", "x=2"], "--param x is given twice"),
    (["sparql", "{rq}", "--param", "x:integer=one"], "parameter 'x'"),
    (["sparql", "{rq}", "--format", "xml"], "--format"),
    (["sparql", "{rq}", "--graphs", "nope"], "--graphs"),
    (["sparql", "{rq}", "--max-width", "-1"], "--max-width"),
    (["sparql", "{rq}", "--timeout", "nan"], "--timeout"),
    (["sparql", "{rq}", "--max-rows", "none"], "--max-rows"),
    (["sparql", "{rq}", "--endpoint", "localhost:7878"], "--endpoint"),
    (["sparql", "{rq}", "--data", NOWHERE], NOWHERE),
    # network
    (["network"], "-o/--output"),
    (["network", "-o", f"{NOWHERE}/n.html"], NOWHERE),
    (["network", "-o", "{tmp}"], "{tmp}"),
    (["network", "-o", "{tmp}", "--format", "html"], "{tmp}: is a folder"),
    (["network", "-o", "{tmp}/n.xyz"], "--format"),
    (["network", "-o", "{tmp}/n.html", "--format", "pdf"], "--format"),
    (["network", "-o", "{tmp}/n.html", "--relations", "nope"], "--relations: unknown relation 'nope'"),
    (["network", "-o", "{tmp}/n.html", "--bipartite", "--relations", "memberOf"], "--relations"),
    (["network", "-o", "{tmp}/n.html", "--graphs", "nope"], "--graphs: unknown graph selection 'nope'"),
    (["network", "-o", "{tmp}/n.html", "--graphs", ","], "--graphs"),
    (["network", "-o", "{tmp}/n.html", "--query", f"{NOWHERE}/q.rq"], f"{NOWHERE}/q.rq"),
    (["network", "-o", "{tmp}/n.html", "--seed", "-5"], "--seed"),
    (["network", "-o", "{tmp}/n.html", "--seed", "4294967296"], "--seed"),
    (["network", "-o", "{tmp}/n.html", "--seed", "x"], "--seed"),
    (["network", "-o", "{tmp}/n.html", "--data", NOWHERE], NOWHERE),
    # export
    (["export", "--format", "rdfxml"], "--format"),
    (["export", "-o", f"{NOWHERE}/x.ttl"], f"{NOWHERE}/x.ttl"),
    (["export", "-o", "{tmp}"], "{tmp}"),
    (["export", "-o", "{tmp}/x.unknown"], "{tmp}/x.unknown"),
    (["export", "--graphs", "nope"], "--graphs"),
    (["export", "--data", NOWHERE], NOWHERE),
    # push
    (["push"], "--endpoint"),
    (["push", "--endpoint", "ftp://example.org/store"], "--endpoint"),
    (["push", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "-1"], "--timeout"),
    (["push", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "nan"], "--timeout"),
    (["push", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "inf"], "--timeout"),
    (["push", "--endpoint", "http://127.0.0.1:9/store", "--graphs", "nope"], "--graphs"),
    (["push", "--endpoint", "http://127.0.0.1:9/store", "--data", NOWHERE], NOWHERE),
    # serve
    (["serve", "--port", "0"], "--port"),
    (["serve", "--port", "99999"], "--port"),
    (["serve", "--port", "http"], "--port"),
    (["serve", "--graphs", "nope"], "--graphs"),
    # no command, unknown command
    ([], "COMMAND"),
    (["frobnicate"], "frobnicate"),
]


def _fill(values: list[str], tmp: Path, rq: Path) -> list[str]:
    return [value.replace("{tmp}", str(tmp)).replace("{rq}", str(rq)) for value in values]


@pytest.fixture
def bad_query(tmp_path: Path) -> Path:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    return path


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exit:  # argparse's usage errors
        return int(exit.code or 0)


@pytest.mark.parametrize(("argv", "names"), CASES, ids=[" ".join(argv) or "(none)" for argv, _ in CASES])
def test_bad_value_gives_one_line_naming_it(
    argv: list[str], names: str, tmp_path: Path, bad_query: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    code = _run(_fill(argv, folder, bad_query))
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert code != 0, captured
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    assert _fill([names], folder, bad_query)[0] in lines[0]
    assert captured.out == ""
    assert [p.name for p in folder.iterdir()] == []  # nothing written, no temporary file left


NATOKG = Path(sys.executable).with_name("natokg")

SUBPROCESS_CASES = [
    (["push", "--endpoint", "http://127.0.0.1:9/store", "--timeout", "nan"], "--timeout"),
    (["network", "-o", "x.png", "--seed", "-5"], "--seed"),
    (["query", "cq1", "--timeout", "inf"], "--timeout"),
    (["sparql", f"{NOWHERE}/q.rq"], f"{NOWHERE}/q.rq"),
    (["query", "cq8", "--param", "fact=nkr:a", "--param", "fact=nkr:b"], "--param fact"),
]


@pytest.mark.skipif(not NATOKG.exists(), reason="the natokg console script is not installed beside this Python")
@pytest.mark.parametrize(("argv", "names"), SUBPROCESS_CASES)
def test_the_installed_command_gives_one_line(argv: list[str], names: str, tmp_path: Path) -> None:
    done = subprocess.run([str(NATOKG), *argv], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == EXIT_ERROR
    assert done.stderr.count("\n") == 1 and names in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
