"""Query results: rdflib terms, DataFrames and the formats (table, Markdown, CSV, JSON, Turtle)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.query import Result

import natokg
from natokg.namespaces import NKR
from natokg.queries import QueryError, Results


def test_results_hold_rdflib_terms_and_convert_to_dicts(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq1")
    assert results.kind == "SELECT" and len(results) == 1 and bool(results)
    row = results.to_dicts()[0]
    assert row["representative"] == NKR["elbridge-colby"] and isinstance(row["representativeLabel"], Literal)
    assert results.columns[0] == "representative" and results.rows[0][0] == NKR["elbridge-colby"]
    assert repr(results).startswith("<Results SELECT 1 row(s): representative, representativeLabel")


def test_dataframe(dataset: Dataset) -> None:
    pandas = pytest.importorskip("pandas")  # pulled in by the test extra
    frame = natokg.query(dataset, "cq5").to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["actorLabel"]) == ["European nations", "NATO leaders", "US government"]
    assert frame.loc[1, "timeValue"] == "2025" and frame.loc[1, "actor"] == str(NKR["nato-leaders"])
    assert frame.loc[0, "share"] is None


def test_dataframe_without_pandas_says_what_to_install(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "natokg\[pandas\]"'):
        natokg.query(dataset, "cq1").to_dataframe()


def test_readable_formats_show_labels_and_escape(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq11")
    table = results.to_table()
    assert [c.strip() for c in table.splitlines()[0].split("|")][:3] == ["tension", "actorLabel", "otherLabel"]
    assert "reuters-2026-02-12-colby-nato-brussels:trump-europe-tensions" in table and "Donald Trump" in table
    assert "nkr:donald-trump" not in table
    assert "nkr:donald-trump" in results.to_table(all_columns=True)
    markdown = results._repr_markdown_()
    assert markdown.splitlines()[1].startswith("|---|") and "| Donald Trump | European nations |" in markdown
    tricky = Results("SELECT", ["x"], [(Literal("<script>alert(1)</script> | a"),)])
    assert "<script>" not in tricky._repr_html_() and "&lt;script&gt;" in tricky._repr_html_()
    assert "\\| a" in tricky.to_markdown()
    assert tricky.to_table(max_width=10).splitlines()[2] == "<script>a…"


def test_csv_and_json_are_standard_sparql_results(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq3")
    parsed = Result.parse(io.BytesIO(results.to_json().encode("utf-8")), format="json")
    assert [tuple(row) for row in parsed] == results.rows
    lines = results.to_csv().splitlines()
    assert lines[0].split(",")[:2] == ["official", "officialLabel"]
    assert lines[1].startswith(f"{NKR['marco-rubio']},Marco Rubio,")
    assert json.loads(results.format("json"))["head"]["vars"] == results.columns


def test_ask_and_construct_answers(dataset: Dataset) -> None:
    ask = natokg.sparql(dataset, "ASK { nkr:elbridge-colby nkg:standsInFor nkr:marco-rubio }")
    assert ask.kind == "ASK" and ask.boolean is False and not ask
    assert json.loads(ask.to_json())["boolean"] is False
    graph = natokg.sparql(dataset, "CONSTRUCT { ?a nkg:standsInFor ?b } WHERE { ?a nkg:standsInFor ?b }")
    assert graph.kind == "CONSTRUCT" and len(graph.graph) == 2
    turtle = graph.format("table")  # a graph is always Turtle
    assert "nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth" in turtle
    assert set(Graph().parse(data=turtle, format="turtle")) == set(graph.graph)
    with pytest.raises(QueryError, match="a SELECT answer is a table, not a graph"):
        natokg.query(dataset, "cq1").to_turtle()
