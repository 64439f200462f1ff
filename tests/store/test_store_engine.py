"""The store as the commands' engine (issue 10): implicit builds, inferences on by default,
``--no-inferred``, ``natokg build``, and the choice of engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import natokg
from natokg.cli import main
from natokg.errors import NatokgError
from natokg.loading import engine
from natokg.store import Store, current

from .conftest import copy_data_root

COUNT_EVENTS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a nkg:Event }"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the shipped data root (one article), with its own store."""
    return copy_data_root(tmp_path / "data")


def _count(capsys: pytest.CaptureFixture[str], *argv: str) -> int:
    query = Path(os.environ["NATOKG_TEST_QUERY"])
    assert main(["sparql", str(query), "--format", "csv", *argv]) == 0
    return int(capsys.readouterr().out.splitlines()[1])


def test_queries_see_the_inferences_unless_told_not_to(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Events are typed by their subclasses in the article: only reasoning makes them nkg:Event.
    query = tmp_path / "count.rq"
    query.write_text(COUNT_EVENTS, encoding="utf-8")
    monkeypatch.setenv("NATOKG_TEST_QUERY", str(query))
    monkeypatch.setenv("NATOKG_ENGINE", "store")
    on, off = _count(capsys, "--data", str(root)), _count(capsys, "--data", str(root), "--no-inferred")
    monkeypatch.setenv("NATOKG_ENGINE", "memory")
    memory_on, memory_off = _count(capsys, "--data", str(root)), _count(capsys, "--data", str(root), "--no-inferred")
    assert off == memory_off == 0
    assert on == memory_on > 10
    assert (root / ".natokg" / "store" / "manifest.json").is_file()  # the query built the data root's store


def test_an_unchanged_corpus_is_opened_without_parsing_and_a_change_is_picked_up(root: Path) -> None:
    first = current(root, progress=False)
    assert "graph/entities.ttl" in first.timings.parsed_files
    first.close()
    again = current(root, progress=False)
    assert again.timings.parsed_files == []
    other = current(root, progress=False)  # read-only: a second reader at the same time
    assert natokg.sparql(other, "ASK { nkr:elbridge-colby ?p ?o }").boolean
    again.close()
    other.close()
    article = next((root / "graph" / "articles").glob("*.ttl"))
    os.utime(article, ns=(1, 1))  # touched, same content: hashed, not parsed
    assert current(root, progress=False).timings.parsed_files == []
    with article.open("a", encoding="utf-8") as handle:
        handle.write('\n<https://w3id.org/natokg/id/elbridge-colby> rdfs:comment "edited" .\n')
    changed = current(root, progress=False)
    assert changed.timings.parsed_files == [str(article.relative_to(root))]
    assert natokg.sparql(changed, 'ASK { nkr:elbridge-colby rdfs:comment "edited" }').boolean


def test_build_command_says_what_it_did(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--data", str(root)]) == 0
    first = capsys.readouterr().out
    assert main(["build", "--data", str(root)]) == 0
    second = capsys.readouterr().out
    # 3 ontology files, the entities, the background, the article
    assert "1 article(s)" in first and "parsed 6 file(s)" in first
    assert "up to date, nothing parsed" in second


def test_a_contradiction_makes_build_exit_1(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "graph" / "articles" / "bad.ttl").write_text(
        "@prefix nkg: <https://w3id.org/natokg/ontology#> .\n"
        "<https://w3id.org/natokg/id/x> a nkg:Person, nkg:Organization .\n",
        encoding="utf-8",
    )
    assert main(["build", "--data", str(root)]) == 1
    out = capsys.readouterr().out
    assert "contradiction:" in out and "https://w3id.org/natokg/id/x" in out


def test_the_engine_is_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATOKG_ENGINE", "memory")
    assert engine() == "memory" and not isinstance(natokg.corpus(), Store)
    monkeypatch.setenv("NATOKG_ENGINE", "store")
    assert engine() == "store"
    monkeypatch.setenv("NATOKG_ENGINE", "duckdb")
    with pytest.raises(NatokgError, match="NATOKG_ENGINE: unknown engine 'duckdb'"):
        engine()


def test_a_selection_the_store_cannot_answer_is_refused_in_python(root: Path) -> None:
    store = current(root, progress=False)
    with pytest.raises(NatokgError, match="all graphs, or all but the inferred ones"):
        natokg.query(store, "cq2", graphs="background")


def test_a_second_command_waits_for_the_first_ones_build(root: Path) -> None:
    # Two commands started at once on a data root without a store: the second waits for the first
    # one's build, then reads it, parsing nothing itself.
    import threading
    import time

    from natokg.loading import Sources
    from natokg.store.build import _build, _build_lock

    folder = root / ".natokg" / "store"

    def first() -> None:
        with _build_lock(folder):  # what build() does, held a little longer
            time.sleep(0.3)
            _build(Sources.find(root), folder, None, validate=True).close()

    holder = threading.Thread(target=first)
    holder.start()
    time.sleep(0.1)
    store = current(root, progress=False)
    holder.join()
    assert store.timings.parsed_files == []
    assert natokg.sparql(store, "ASK { nkr:elbridge-colby ?p ?o }").boolean


def test_two_build_commands_at_once_build_once(root: Path) -> None:
    # `natokg build & natokg build` on a root without a store: without the build lock both wrote the
    # same folders and failed with RocksDB or file errors; with it the second finds the first's store.
    import subprocess
    import sys

    command = [sys.executable, "-c", "from natokg.cli import main_exit; main_exit()", "build", "--data", str(root)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    summaries = sorted(out for out, _ in outputs)
    assert "up to date, nothing parsed" in summaries[1] and "parsed " in summaries[0]


def test_a_users_own_entities_are_in_the_store(tmp_path: Path) -> None:
    # a root made by `natokg init` may hold its own graph/entities.ttl beside the shipped entities;
    # the store held only the shipped ones, so queries on it missed the user's
    from natokg.cli import main

    root = tmp_path / "mine"
    assert main(["init", str(root)]) == 0
    (root / "graph" / "entities.ttl").write_text(
        "@prefix nkg: <https://w3id.org/natokg/ontology#> .\n"
        "@prefix nkr: <https://w3id.org/natokg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'nkr:jane-analyst a nkg:Person ; rdfs:label "Jane Analyst" .\n',
        encoding="utf-8",
    )
    store = current(root, progress=False)
    assert natokg.sparql(store, 'ASK { nkr:jane-analyst rdfs:label "Jane Analyst" }').boolean
    assert natokg.sparql(store, "ASK { nkr:jane-analyst a nkg:Actor }").boolean  # reasoned on too
    assert natokg.sparql(store, "ASK { nkr:elbridge-colby a nkg:Person }").boolean  # the shipped ones stay
