"""The command line: exit codes, readable reports, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ARTICLE_TTL

from natokg.cli import EXIT_ERROR, EXIT_INVALID, EXIT_OK, main


def test_validate_passes_on_the_shipped_graph(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == EXIT_OK
    assert "Conforms" in capsys.readouterr().out


def test_validate_reports_violations_and_exits_1(mutate, capsys: pytest.CaptureFixture[str]) -> None:
    root = mutate(ARTICLE_TTL, 'nkg:verbatim "strong basis" ;', 'nkg:verbatim "strong bias" ;')
    assert main(["validate", "--no-reasoning", "--data", str(root)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "violation(s)" in out and "art:quotation-02 [nkg:verbatim]" in out


def test_stats_counts_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--inferred"]) == EXIT_OK
    lines = dict(line.rsplit(None, 1) for line in capsys.readouterr().out.splitlines())
    assert int(lines["quotations"]) == 7 and int(lines["articles"]) == 1
    assert int(lines["triples: inferred"]) > 0


def test_malformed_turtle_gives_file_and_line_without_traceback(mutate) -> None:
    root = mutate(ARTICLE_TTL, "art:article a nkg:NewsArticle ;", "art:article a nkg:NewsArticle ;; ]")
    done = subprocess.run(
        [sys.executable, "-m", "natokg.cli", "validate", "--data", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_ERROR
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("natokg: error: ") and f"{ARTICLE_TTL.split('/')[-1]}:" in done.stderr
    assert "invalid Turtle" in done.stderr


def test_missing_data_root_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--data", str(tmp_path / "nowhere")]) == EXIT_ERROR
    assert str(tmp_path / "nowhere") in capsys.readouterr().err


def test_missing_file_is_named(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "graph" / "background.ttl").unlink()
    assert main(["validate", "--data", str(data_copy)]) == EXIT_ERROR
    assert "background.ttl: file not found" in capsys.readouterr().err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["no-such-command"])
    assert caught.value.code == 2


def test_validate_reports_a_contradiction(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entities = data_copy / "graph" / "entities.ttl"
    entities.write_text(entities.read_text(encoding="utf-8") + "\nnkr:mark-rutte a nkg:State .\n", encoding="utf-8")
    assert main(["validate", "--data", str(data_copy)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "consistency: owlrl" in out and "mark-rutte" in out
    assert main(["validate", "--no-reasoning", "--data", str(data_copy)]) == EXIT_OK


@pytest.mark.parametrize(
    "argv",
    [
        ["serve", "--port", "99999"],
        ["serve", "--port", "-1"],
        ["query", "cq1", "--max-width", "-5"],
    ],
)
def test_out_of_range_numbers_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "is not between" in capsys.readouterr().err


def test_malformed_endpoint_url_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "cq1", "--endpoint", "http://[::1"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("natokg: error: --endpoint 'http://[::1' is not a valid URL") and err.count("\n") == 1
