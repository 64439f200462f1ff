"""Every row of every named query says where it comes from (issue 11, section 1)."""

from __future__ import annotations

import pytest
from conftest import Answer
from rdflib import Dataset

import natokg
from natokg.namespaces import GRAPH, NKG, NKR
from natokg.queries.provenance import annotate, basis_word, chain

BASES = (
    "article (curated)",
    "article (draft)",
    "entities",
    "background",
    "inferred from the article",
    "inferred with background",
)


def _params(named: natokg.NamedQuery) -> dict[str, str] | None:
    return {"fact": "art:colby-appeal"} if named.cq == "CQ8" else None


def check_rows(results: natokg.Results, name: str) -> int:
    """Every row has a known basis; article rows an evidence sentence; background rows a source."""
    checked = 0
    for row in results.to_dicts():
        basis = str(row.get("basis") or "")
        assert basis.split(";")[0] in BASES, (name, row)
        evidence = row.get("evidence") or row.get("sentence")
        if basis.startswith("article"):
            assert evidence and str(evidence).strip(), (name, row)
        if basis.startswith("background") or "background" in basis:
            assert row.get("source"), (name, row)
        checked += 1
    return checked


@pytest.mark.parametrize("graphs", [None, "asserted"])
def test_every_named_query_row_has_its_basis_and_evidence(dataset: Dataset, answer, graphs: str | None) -> None:
    total = 0
    for named in natokg.named_queries().values():
        results = answer(dataset, named.name, _params(named), graphs=graphs)
        assert "basis" in results.columns, named.name
        total += check_rows(results, named.name)
    assert total > 40  # the walk saw the answers, not empty tables


def test_every_named_query_row_has_its_basis_with_inferences(inferred_dataset: Dataset, answer: Answer) -> None:
    for named in natokg.named_queries().values():
        check_rows(answer(inferred_dataset, named.name, _params(named)), named.name)


def test_the_walk_catches_a_row_without_evidence(dataset: Dataset, answer: Answer) -> None:
    results = answer(dataset, "cq1")
    broken = natokg.Results(
        "SELECT",
        results.columns,
        [
            tuple(None if c == "evidence" else v for c, v in zip(results.columns, row, strict=True))
            for row in results.rows
        ],
    )
    with pytest.raises(AssertionError):
        check_rows(broken, "cq1")


def test_background_values_are_marked_with_their_source(dataset: Dataset, answer: Answer) -> None:
    # By hand from the NATO announcement (background): Italy takes Naples, the UK Norfolk.
    rows = {(str(r["commandLabel"]), str(r["toLabel"])): r for r in answer(dataset, "cq10").to_dicts()}
    italy = rows[("NATO command post in Naples", "Italy")]
    assert str(italy["toBasis"]) == "background" and "to: background" in str(italy["basis"])
    assert "nato.int news 2026-02-06" in str(italy["source"])
    assert str(rows[("NATO command post in Naples", "European officers")]["toBasis"]) == "article (curated)"
    maritime = rows[("Allied Maritime Command", "United States")]
    assert str(maritime["basis"]) == "background" and maritime["evidence"] is None  # no article sentence


def test_a_claim_is_shown_as_a_claim_with_who_makes_it(dataset: Dataset, answer: Answer) -> None:
    # "declaring that ... because European nations had agreed to lead": Colby's claim, not a fact.
    rows = {str(r["actorLabel"]): r for r in answer(dataset, "cq5").to_dicts()}
    assert (str(rows["European nations"]["reportedAs"]), str(rows["European nations"]["claimedByLabel"])) == (
        "claim",
        "Elbridge Colby",
    )
    assert str(rows["NATO leaders"]["reportedAs"]) == "fact" and rows["NATO leaders"]["claimedByLabel"] is None


def test_a_selection_keeps_the_schema_so_no_place_is_lost(dataset: Dataset, answer: Answer) -> None:
    places = {str(r["placeLabel"]) for r in answer(dataset, "cq12", graphs="asserted").to_dicts()}
    # typed as a nkg:Building or nkg:State, places only through the ontology's subclass axioms
    assert {"NATO headquarters", "Italy", "United States", "Brussels"} <= places


def test_a_path_through_background_is_inferred_with_background(dataset: Dataset, answer: Answer) -> None:
    steps = chain(dataset, NKR["norfolk-virginia"], NKG.locatedIn, NKR["united-states"])
    assert [str(o).rsplit("/", 1)[-1] for _, _, o in steps] == ["virginia", "united-states"]
    row = next(
        r
        for r in answer(dataset, "cq12").to_dicts()
        if str(r["placeLabel"]) == "Norfolk" and str(r["withinLabel"]) == "United States"
    )
    assert str(row["basis"]) == "inferred with background" and "Q1370 P17" in str(row["source"])


def test_basis_words_and_a_bad_fact_header() -> None:
    assert basis_word(GRAPH["article/x"], "curated") == "article (curated)"
    assert basis_word(GRAPH["inferred-background"]) == "inferred with background"
    assert basis_word(GRAPH["elsewhere"]) is None
    with pytest.raises(natokg.QueryError, match="fact header"):
        natokg.queries.parse_named_query("q.rq", "# title: t\n# question: q\n# cq: CQ1\n# fact: a b\nASK {}")
    assert annotate  # the public entry point
