"""The command line: exit codes, readable reports, no tracebacks."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_TTL

import natokg
from natokg.cli import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, main


def test_validate_passes_on_the_shipped_graph(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == EXIT_OK
    assert "Conforms" in capsys.readouterr().out


def test_validate_reports_violations_and_exits_1(mutate, capsys: pytest.CaptureFixture[str]) -> None:
    root = mutate(ARTICLE_TTL, 'nkg:verbatim "strong basis" ;', 'nkg:verbatim "strong bias" ;')
    assert main(["validate", "--no-reasoning", "--data", str(root)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert "violation(s)" in out and f"{ARTICLE}:quotation-02 [nkg:verbatim]" in out


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


# --- Standard output, Ctrl-C and missing extras (issue 9 §1) ---------------------------------------

NATOKG = Path(sys.executable).with_name("natokg")
needs_command = pytest.mark.skipif(not NATOKG.exists(), reason="the natokg console script is not installed here")


@needs_command
@pytest.mark.parametrize("argv", [["export"], ["query", "cq1"], ["query", "--list"], ["stats"]])
def test_a_full_disk_on_standard_output_is_one_line(argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run([str(NATOKG), *argv], stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == EXIT_ERROR
    assert done.stderr == "natokg: error: cannot write to standard output: No space left on device\n"


@needs_command
def test_a_closed_pipe_ends_quietly() -> None:
    # `natokg export | head -1`: the reader leaves after one line.
    process = subprocess.Popen([str(NATOKG), "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=300) == EXIT_OK
    # Nothing but the notice of which data root was used: no error, no traceback.
    assert first.startswith(b"PREFIX ")
    assert [line for line in error.splitlines() if not line.startswith("natokg: data root ")] == []


# The console script, up to the point where natokg's imports begin; "ready" marks that point.
IMPORTING = (
    "import sys; sys.argv[0] = 'natokg'; print('ready', flush=True); from natokg.cli import main_exit; main_exit()"
)


@pytest.mark.parametrize("delay", [0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 1.5])
def test_ctrl_c_at_any_time_is_one_line_and_exit_130(delay: float) -> None:
    # Delays up to ~0.6 s land in natokg's imports (rdflib, networkx, pySHACL...); 1.5 s in the command
    # itself (loading and reasoning without the cache). Python's own start-up (site, .pth files) comes
    # before any natokg code, so "ready" marks where natokg's part begins.
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORTING, "stats", "--inferred", "--no-cache"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (EXIT_INTERRUPTED, "natokg: interrupted\n")


@pytest.mark.parametrize(
    ("argv", "missing", "extra"),
    [
        (["network", "--format", "png", "-o", "x.png"], "matplotlib", "plot"),
        (["network", "-o", "x.svg"], "numpy", "view"),
        (["network", "-o", "x.html"], "numpy", "view"),
    ],
)
def test_a_missing_extra_is_named_before_any_work(
    argv: list[str],
    missing: str,
    extra: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, missing, None)  # import fails, find_spec finds nothing

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the data was loaded before the missing extra was named")

    monkeypatch.setattr("natokg.loading.load", no_loading)
    assert main(argv) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and missing in err and f'pip install "natokg[{extra}]"' in err
    assert list(tmp_path.iterdir()) == []


def test_a_missing_extra_in_python_is_one_error(monkeypatch: pytest.MonkeyPatch, dataset) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(natokg.NatokgError, match=r'needs pandas; install it with: pip install "natokg\[pandas\]"'):
        natokg.query(dataset, "cq1").to_dataframe()
    with pytest.raises(natokg.NatokgError, match=r"natokg\[pandas\]"):
        natokg.network.to_frame([{"a": 1}])


def test_an_internal_error_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(sys.modules["natokg.stats"], "stats", broken)
    assert main(["stats"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("natokg: error: internal error: ZeroDivisionError") and err.count("\n") == 1


def test_version_names_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    from natokg import __version__

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"natokg {__version__}\n"
