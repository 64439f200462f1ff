"""Local queries cannot run away (issue 9 §3): a time limit and a row guard, from Python and the CLI;
and the smaller query fixes of §8 (SELECT * order, a repeated --param, a byte order mark, --list --format)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

import natokg
from natokg.cli import main
from natokg.errors import QueryError
from natokg.queries.limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, Deadline, deadline

# The query of the issue: a three-way cross product of every triple (n³ rows; 10¹¹ on the shipped graph).
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_defaults_are_sensible() -> None:
    assert (DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS) == (60.0, 100_000)


def test_the_cross_product_stops_at_the_row_limit(dataset: Dataset) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"^<query>: the query gives more than 1000 rows and was stopped"):
        natokg.sparql(dataset, CROSS, max_rows=1000)
    assert time.monotonic() - started < 10  # it stopped at 1 001 rows, not after 10¹¹


def test_a_named_query_takes_the_limits(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"cq04-quotations\.rq: the query gives more than 2 rows"):
        natokg.query(dataset, "cq4", max_rows=2)
    assert len(natokg.query(dataset, "cq4", max_rows=7)) == 7  # Colby's five quotations and Rutte's two


def test_construct_counts_triples(dataset: Dataset) -> None:
    text = "CONSTRUCT { ?q nkg:saidBy ?who } WHERE { ?q nkg:saidBy ?who }"
    with pytest.raises(QueryError, match="more than 6 triples"):
        natokg.sparql(dataset, text, max_rows=6)
    assert len(natokg.sparql(dataset, text, max_rows=7).graph) == 7


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        ({"timeout": -1}, "timeout must be a positive, finite number of seconds, not -1"),
        ({"timeout": float("nan")}, "not nan"),
        ({"timeout": float("inf")}, "not inf"),
        ({"timeout": "10"}, "not '10'"),
        ({"max_rows": 0}, "max_rows must be a whole number of at least 1, not 0"),
        ({"max_rows": 2.5}, "not 2.5"),
        ({"max_rows": True}, "not True"),
    ],
)
def test_bad_limits_are_refused_by_name(dataset: Dataset, limits: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        natokg.sparql(dataset, "ASK {}", **limits)


def test_no_limit_when_none() -> None:
    graph = Graph()
    for i in range(30):
        graph.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    assert len(natokg.sparql(graph, "SELECT * WHERE { ?s ?p ?o . ?t ?q ?r }", max_rows=None, timeout=None)) == 900


def test_the_deadline_never_fires_after_the_block() -> None:
    with deadline(0.05):
        pass
    time.sleep(0.15)  # a Deadline sent now would surface here and fail the test
    with pytest.raises(Deadline), deadline(0.05):
        for _ in range(500):  # short sleeps: the Deadline arrives between two of them, not after 5 s
            time.sleep(0.01)


def test_cli_limits(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(CROSS))
    assert main(["sparql", "-", "--max-rows", "50"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "natokg: error: <stdin>: the query gives more than 50 rows and was stopped; narrow it (a LIMIT, more "
        "patterns), or allow more with --max-rows N (max_rows= in Python)\n"
    )


# The time-limit tests run in a child process with its address space capped (4 GB), so that a
# limit that failed would end that process (MemoryError), not fill the shared machine's memory.
ISOLATED = """
import resource, sys, threading, time
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
import natokg
ds = natokg.load()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
"""


def _isolated(body: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", ISOLATED + body], capture_output=True, text=True, timeout=180, cwd=Path(__file__).parent
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.split("\n")


def _report() -> str:
    """Python that prints the error, the seconds the query ran and the memory it added (MB)."""
    return (
        "except natokg.NatokgError as exc:\n"
        "    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024\n"
        "    print(exc); print(round(time.monotonic() - started, 1)); print(grown)\n"
    )


def test_the_cross_product_stops_at_the_time_limit_even_when_sorted() -> None:
    # ORDER BY gathers every solution before the first comes out: only the time limit can stop it.
    error, seconds, grown = _isolated(
        f"try:\n    natokg.sparql(ds, {CROSS + ' ORDER BY ?a'!r}, timeout=0.5, max_rows=None)\n" + _report()
    )[:3]
    assert "ran longer than its time limit of 0.5 s and was stopped" in error
    assert float(seconds) < 5 and int(grown) < 1000


def test_the_issue_query_is_stopped_quickly_with_little_memory() -> None:
    # As the issue ran it (it grew to 4.5 GB in two minutes), with a 2 s limit and no row limit.
    error, seconds, grown = _isolated(
        f"try:\n    natokg.sparql(ds, {CROSS!r}, timeout=2, max_rows=None)\n" + _report()
    )[:3]
    assert "time limit of 2 s" in error and float(seconds) < 10 and int(grown) < 1000


def test_the_deadline_works_in_any_thread() -> None:
    body = (
        "def run():\n"
        "    try:\n"
        f"        natokg.sparql(ds, {CROSS + ' ORDER BY ?a'!r}, timeout=0.3, max_rows=None)\n"
        "    except natokg.NatokgError as exc:\n"
        "        print(exc)\n"
        "worker = threading.Thread(target=run); worker.start(); worker.join(60)\n"
        "print(worker.is_alive())\n"
    )
    error, alive = _isolated(body)[:2]
    assert "time limit of 0.3 s" in error and alive == "False"


def test_cli_timeout() -> None:
    body = (
        "import io\n"
        "from natokg.cli import main\n"
        f"sys.stdin = io.StringIO({CROSS + ' ORDER BY ?i'!r})\n"
        "print(main(['sparql', '-', '--timeout', '0.5']))\n"
    )
    assert _isolated(body)[0] == "2"


# --- §8: SELECT * order, repeated --param, byte order mark, --list --format ----------------------


def test_select_star_columns_follow_the_query_in_every_process() -> None:
    text = "SELECT * WHERE { ?quote nkg:saidBy ?speaker . ?quote nkg:verbatim ?words . ?speaker rdfs:label ?name }"
    script = f"import natokg; print(natokg.sparql(natokg.load(), {text!r}).columns)"
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
        seen.add(done.stdout.strip())
    assert seen == {"['quote', 'speaker', 'words', 'name']"}


def test_select_star_with_optional_and_bind(dataset: Dataset) -> None:
    text = "SELECT * WHERE { ?x a nkg:Person OPTIONAL { ?x rdfs:label ?label } BIND(STRLEN(?label) AS ?n) } LIMIT 1"
    assert natokg.sparql(dataset, text).columns == ["x", "label", "n"]


def test_a_repeated_param_is_an_error_naming_it(dataset: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["query", "cq8", "--param", "fact=art:colby-appeal", "--param", "fact=art:colby-represents-us"]
    assert main(argv) == 2
    assert capsys.readouterr().err == "natokg: error: --param fact is given twice; give each parameter once\n"


def test_a_byte_order_mark_is_accepted(tmp_path: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    adhoc = tmp_path / "q.rq"
    adhoc.write_bytes(b"\xef\xbb\xbfASK { nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth }\n")
    assert main(["sparql", str(adhoc), "--format", "csv"]) == 0
    assert capsys.readouterr().out == "ask\r\ntrue\r\n"
    # A named query whose header starts after the mark (as Windows editors save it).
    named = data_copy / "queries" / "cq12-places.rq"
    named.write_bytes(b"\xef\xbb\xbf" + named.read_bytes())
    assert natokg.get_query("cq12", data_copy).title == "Places and what they lie within"


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "table"])
def test_query_list_honours_format(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["id", "cq", "title", "parameters"] and rows[1][:2] == ["cq01-us-representation", "CQ1"]
        assert len(rows) == 18
    elif fmt == "json":
        bindings = json.loads(out)["results"]["bindings"]
        assert len(bindings) == 17 and bindings[7]["id"]["value"] == "cq08-evidence"
    elif fmt == "markdown":
        assert out.startswith("| id | cq | title | parameters |\n|---|---|---|---|\n| cq01-us-representation | CQ1 |")
    else:
        assert out.startswith("id ") and out.endswith("(17 rows)\n")


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE " + "{ " * 40 + "?s ?p ?o" + " }" * 40,
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 30 + "1" + ")" * 30 + ") }",
    ],
)
def test_deep_nesting_is_a_clear_error(dataset: Dataset, text: str, capsys, monkeypatch) -> None:
    with pytest.raises(QueryError, match=r"^q\.rq: the query is nested too deeply for rdflib's SPARQL parser"):
        natokg.sparql(dataset, text, source="q.rq")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["sparql", "-"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err


def test_moderate_nesting_still_runs(dataset: Dataset) -> None:
    text = "ASK WHERE " + "{ " * 10 + "nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth" + " }" * 10
    assert natokg.sparql(dataset, text).boolean is True
