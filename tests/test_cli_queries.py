"""The ``natokg query`` and ``natokg sparql`` commands: output formats, options and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph

from natokg.cli import EXIT_ERROR, EXIT_OK, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_ids_titles_and_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "--list")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert [c.strip() for c in lines[0].split("|")] == ["id", "cq", "title", "parameters"]
    assert len([line for line in lines if line.startswith("cq")]) == 17
    assert any(
        line.startswith("cq08-evidence ") and "| CQ8 " in line and "fact (iri, required)" in line for line in lines
    )
    assert any("represented (iri) = nkr:united-states" in line for line in lines)


def test_query_by_cq_id_prints_a_table_of_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "query", "cq1")
    assert code == EXIT_OK and err.startswith("natokg: data root ") and err.count("\n") == 1  # only which data root
    header, rule, row, count = out.splitlines()
    assert [c.strip() for c in header.split("|")][:3] == ["representativeLabel", "representedLabel", "inPlaceOfLabel"]
    assert [c.strip() for c in row.split("|")][:3] == ["Elbridge Colby", "United States", "Pete Hegseth"]
    assert set(rule) <= {"-", "+"} and count == "(1 row)"


def test_csv_json_and_markdown_formats(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "query", "cq03-missed-meetings", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["officialLabel"], r["timeValue"]) for r in rows] == [
        ("Marco Rubio", "2025-12"),
        ("Pete Hegseth", "2026-02-12"),
    ]
    _, out, _ = run(capsys, "query", "cq3", "--format", "json")
    bindings = json.loads(out)["results"]["bindings"]
    assert bindings[1]["timeValue"] == {"type": "literal", "value": "2026-02-12"}
    _, out, _ = run(capsys, "query", "cq11", "--format", "markdown")
    first = "| reuters-2026-02-12-colby-nato-brussels:trump-europe-tensions | Donald Trump | European nations |"
    assert out.splitlines()[2].startswith(first)


def test_queries_see_the_inferences_unless_told_not_to(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 10: inferences on by default; --no-inferred leaves them out; --inferred is the default
    _, asserted, _ = run(capsys, "query", "cq9", "--no-inferred", "--format", "csv")
    _, inferred, _ = run(capsys, "query", "cq9", "--format", "csv")
    _, explicit, _ = run(capsys, "query", "cq9", "--inferred", "--format", "csv")
    basis = [row["basis"] for row in csv.DictReader(io.StringIO(asserted))]
    assert basis == ["article (curated)"] * 2
    assert explicit == inferred
    rows = list(csv.DictReader(io.StringIO(inferred)))
    assert len(rows) == 8 and {
        (r["personLabel"], r["basis"]) for r in rows if r["organisationLabel"] == "US government"
    } == {
        ("Christopher Landau", "inferred with background"),
        ("Donald Trump", "inferred from the article"),
        ("Elbridge Colby", "inferred from the article"),
        ("Marco Rubio", "inferred from the article"),
        ("Pete Hegseth", "inferred from the article"),
    }


def test_graphs_option_restricts_the_data(capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "query", "cq6", "--format", "csv")
    _, asserted, _ = run(capsys, "query", "cq6", "--graphs", "asserted", "--format", "csv")
    assert all(row["timeValue"] for row in csv.DictReader(io.StringIO(everything)))
    rows = list(csv.DictReader(io.StringIO(asserted)))
    assert len(rows) == 9 and not any(row["timeValue"] for row in rows)  # resolved times are background facts


def test_string_parameter_cannot_inject(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "query", "cq6", "--param", "written=x> } ; DROP ALL #")
    assert code == EXIT_OK and err.startswith("natokg: data root ") and out.splitlines()[-1] == "(0 rows)"
    code, out, _ = run(capsys, "query", "cq6", "--param", "written=IN DECEMBER")
    assert code == EXIT_OK and out.splitlines()[-1] == "(2 rows)"


def test_iri_parameter_with_a_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "cq8", "--param", "fact=art:colby-represents-us", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == EXIT_OK and [(r["kind"], r["begin"], r["end"]) for r in rows] == [
        ("sentence", "201", "374"),
        ("phrase", "298", "373"),
    ]


def test_sparql_from_a_file_and_from_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "speakers.rq"
    path.write_text("SELECT DISTINCT ?label WHERE { ?q nkg:saidBy/rdfs:label ?label } ORDER BY ?label\n", "utf-8")
    code, out, _ = run(capsys, "sparql", str(path), "--format", "csv")
    assert code == EXIT_OK and out.splitlines() == ["label", "Elbridge Colby", "Mark Rutte"]
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("SELECT ?v { ?q nkg:saidBy ?who ; nkg:verbatim ?v } ORDER BY DESC(?v)")
    )
    code, out, _ = run(capsys, "sparql", "-", "--param", "who:iri=nkr:mark-rutte", "--format", "csv")
    assert code == EXIT_OK
    assert out.splitlines() == [
        "v",
        '"We are already seeing significant increases in allied defense spending,"',
        "Investment is up by tens of billions.",
    ]


def test_sparql_param_may_use_the_article_prefix(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT ?v WHERE { ?q nkg:verbatim ?v }"))
    code, out, _ = run(capsys, "sparql", "-", "--param", "q:iri=art:quotation-02", "--format", "csv")
    assert code == EXIT_OK and out.splitlines() == ["v", "strong basis"]


def test_construct_prints_turtle(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("CONSTRUCT { ?a nkg:represents ?b } WHERE { ?a nkg:represents ?b }"))
    code, out, _ = run(capsys, "sparql", "-", "--format", "csv")
    triples = set(Graph().parse(data=out, format="turtle"))
    assert code == EXIT_OK and len(triples) == 1 and "nkr:elbridge-colby nkg:represents nkr:united-states" in out


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["query", "cq-timeline"], None, r"unknown query 'cq-timeline'; did you mean cq06-timeline"),
        (["query"], None, r"name the query to run .*natokg query --list"),
        (["query", "cq8"], None, r"query cq08-evidence needs the parameter 'fact'"),
        (
            ["query", "cq8", "--param", "fact=x> } ; DROP ALL #"],
            None,
            r"parameter 'fact' of cq08-evidence must be an IRI",
        ),
        (
            ["query", "cq8", "--param", "fact:string=x"],
            None,
            r"parameter 'fact' of cq08-evidence is of type iri, not string",
        ),
        (["query", "cq1", "--param", "who=nkr:x"], None, r"query cq01-us-representation has no parameter 'who'"),
        (["query", "cq1", "--param", "meeting"], None, r"--param takes NAME=VALUE"),
        (["query", "cq1", "--graphs", "asserted,nope"], None, r"unknown graph selection 'nope'"),
        (["sparql", "-"], "SELECT ?x\nWHERE { ?x a }", r"<stdin>:2:\d+: SPARQL syntax error"),
        (["sparql", "-"], "DROP ALL", r"<stdin>: DROP is a SPARQL update; natokg only reads"),
        (["sparql", "-"], "LOAD <https://example.org/data.ttl>", r"<stdin>: LOAD is a SPARQL update"),
        (
            ["sparql", "-"],
            "SELECT * { SERVICE <https://example.org/sparql> { ?s ?p ?o } }",
            r"SERVICE .*--allow-network",
        ),
        (["sparql", "-"], "SELECT * FROM <https://example.org/g> { ?s ?p ?o }", r"FROM <https://example.org/g>"),
        (["sparql", "-", "--param", "n:integer=three"], "SELECT * { ?s ?p ?n }", r"parameter 'n' must be an integer"),
        (["sparql", "no-such-file.rq"], None, r"no-such-file\.rq: file not found"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    stdin: str | None,
    message: str,
) -> None:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code, out, err = run(capsys, *argv)
    assert code == EXIT_ERROR and out == ""
    assert err.count("\n") == 1 and err.startswith("natokg: error: ")
    assert __import__("re").search(message, err), err
