"""Every fact id natokg prints works again, unchanged, on a corpus of several articles (issue 11, section 2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

import natokg
from natokg.cli import main
from natokg.namespaces import NKR

# the shared corpus beside the checkout (or beside the folder of worktrees)
CORPUS = next(
    (p / "shared" / "corpus" / "articles" for p in Path(__file__).resolve().parents[1:4] if (p / "shared").is_dir()),
    Path("shared/corpus/articles"),
)
TEXTS = ("dod-2025-06-05-hegseth-statement-to-press.txt", "war-2026-02-12-colby-remarks-nato-ministerial.txt")
SHIPPED = "reuters-2026-02-12-colby-nato-brussels"


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not all((CORPUS / name).is_file() for name in TEXTS):
        pytest.skip("the shared corpus is not available")
    root = tmp_path_factory.mktemp("corpus") / "root"
    assert main(["init", str(root)]) == 0
    inputs = tmp_path_factory.mktemp("inputs")
    for name in TEXTS:  # copies, with their sidecars: ingest never touches the user's input anyway
        for suffix in (".txt", ".json"):
            source = (CORPUS / name).with_suffix(suffix)
            if source.is_file():
                shutil.copy(source, inputs / source.name)
    assert main(["ingest", "--rules", "--data", str(root), *(str(inputs / n) for n in TEXTS)]) == 0
    return root


@pytest.fixture(scope="module")
def corpus(corpus_root: Path) -> Dataset:
    return natokg.load(corpus_root)


@pytest.fixture(scope="module")
def answers(corpus: Dataset) -> dict[str, natokg.Results]:
    """Every named query's answer on the corpus, by query id (computed once per module)."""
    return {
        named.name: natokg.query(corpus, named.name, {"fact": f"{SHIPPED}:colby-appeal"} if named.cq == "CQ8" else None)
        for named in natokg.named_queries().values()
    }


@pytest.fixture(scope="module")
def printed(corpus: Dataset, answers: dict[str, natokg.Results]) -> dict[str, URIRef]:
    """Every article-node IRI in any named query's answer, by the compact name natokg prints."""
    printed: dict[str, URIRef] = {}
    for results in answers.values():
        for row in results.rows:
            for cell in row:
                if isinstance(cell, URIRef) and str(cell).startswith(str(NKR)) and str(cell).count("/") > 4:
                    printed[natokg.compact(cell, corpus)] = cell
    return printed


def test_fact_ids_are_unique_across_the_corpus_and_name_their_article(printed: dict[str, URIRef]) -> None:
    slugs = {name.split(":", 1)[0] for name in printed}
    assert {SHIPPED, "war-2026-02-12-colby-remarks-nato-ministerial"} <= slugs  # several articles answer
    assert len(set(printed.values())) == len(printed)  # one name, one IRI
    assert not any(name.startswith(("art:", "<")) for name in printed)


def test_every_printed_id_works_as_parameter_in_sparql_and_in_python(
    corpus: Dataset, printed: dict[str, URIRef]
) -> None:
    assert len(printed) > 20
    for name, iri in printed.items():
        assert natokg.expand(name, corpus) == iri  # Python
        assert natokg.sparql(corpus, f"ASK {{ {name} ?p ?o }}").boolean, name  # ad-hoc SPARQL, as printed
        bound = natokg.sparql(corpus, "ASK { ?x ?p ?o }", {"x": natokg.expand(name, corpus)})
        assert bound.boolean
    # as a named query's parameter: the evidence of each fact (cq8) that has evidence
    facts = [n for n, iri in printed.items() if any(corpus.objects(iri, natokg.NKG.evidence))]
    assert facts
    for name in facts:
        assert natokg.query(corpus, "cq8", {"fact": name}).rows, name


def test_the_cli_prints_and_accepts_the_same_names(corpus_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "cq11", "--data", str(corpus_root), "--format", "csv", "--max-width", "0"]) == 0
    out = capsys.readouterr().out
    assert f"{SHIPPED}/trump-europe-tensions" in out  # CSV keeps full IRIs
    assert main(["query", "cq11", "--data", str(corpus_root)]) == 0
    table = capsys.readouterr().out
    name = f"{SHIPPED}:trump-europe-tensions"
    assert name in table
    assert main(["query", "cq8", "--data", str(corpus_root), "--param", f"fact={name}"]) == 0
    assert "(0 rows)" not in capsys.readouterr().out


def test_every_id_in_the_table_output_works_unchanged(
    corpus_root: Path, corpus: Dataset, answers: dict[str, natokg.Results], capsys: pytest.CaptureFixture[str]
) -> None:
    slugs = [p.stem for p in (corpus_root / "graph" / "articles").glob("*.ttl")] + [SHIPPED]
    # the CLI's table is the answer's table format with the CLI's defaults (checked here on one query)
    assert main(["query", "cq11", "--data", str(corpus_root)]) == 0
    cli = capsys.readouterr().out.rstrip("\n")
    assert cli == answers["cq11-tensions"].format("table", max_width=60).rstrip("\n")
    seen = set()
    for results in answers.values():
        table = results.format("table", max_width=60)
        for slug in slugs:
            seen |= set(re.findall(rf"(?<![\w-]){re.escape(slug)}:[A-Za-z0-9_.-]*[A-Za-z0-9_-]", table))
    assert len(seen) > 20
    for name in seen:  # never cut with an ellipsis, always a working name
        assert natokg.sparql(corpus, f"ASK {{ {name} ?p ?o }}").boolean, name


def test_art_is_refused_with_a_clear_message_when_ambiguous(corpus: Dataset) -> None:
    with pytest.raises(natokg.QueryError, match="slug"):
        natokg.sparql(corpus, "ASK { art:colby-appeal ?p ?o }")
    with pytest.raises(natokg.QueryError, match="slug"):
        natokg.query(corpus, "cq8", {"fact": "art:colby-appeal"})


def test_art_stays_accepted_for_the_one_shipped_article(dataset: Dataset) -> None:
    assert natokg.sparql(dataset, "ASK { art:colby-appeal ?p ?o }").boolean
    assert natokg.query(dataset, "cq8", {"fact": "art:colby-appeal"}).rows
