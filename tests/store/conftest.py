"""Fixtures of the store tests: small data roots (generated or written by hand) and helpers to
compare the store's inferences with owlrl's, modulo blank-node labels."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import BNode, Graph
from rdflib.term import Node

import natokg

pytest.importorskip("pyoxigraph")

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

HEADER = """@prefix nkg: <https://w3id.org/natokg/ontology#> .
@prefix nkr: <https://w3id.org/natokg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


@pytest.fixture(scope="session")
def corpus() -> ModuleType:
    """benchmarks/corpus.py, the generator of varied articles."""
    spec = importlib.util.spec_from_file_location("natokg_bench_corpus", BENCHMARKS / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def copy_data_root(root: Path, *, articles: bool = True) -> Path:
    """A copy of the shipped data root at ``root`` (ontology, graph, queries), with or without its article."""
    source = natokg.data_root()
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(source / folder, root / folder)
    if not articles:
        for path in (root / "graph" / "articles").iterdir():
            path.unlink()
    return root


@pytest.fixture
def bare_root(tmp_path: Path) -> Path:
    """A data root with the ontology, entities and background but no article (owlrl is quick on it)."""
    return copy_data_root(tmp_path / "data", articles=False)


@pytest.fixture
def write_article() -> Callable[[Path, str, str], Path]:
    """Write a small article (Turtle body after natokg's usual prefixes) into a data root."""

    def _write(root: Path, slug: str, body: str) -> Path:
        path = root / "graph" / "articles" / f"{slug}.ttl"
        path.write_text(HEADER + body, encoding="utf-8")
        return path

    return _write


def normalised(graph: Graph | set[tuple[Node, Node, Node]]) -> set[tuple[Node | str, ...]]:
    """The triples with every blank node replaced by one placeholder (labels differ per parse)."""
    return {tuple("_:" if isinstance(t, BNode) else t for t in triple) for triple in graph}


@pytest.fixture(scope="session")
def same_as_owlrl() -> Callable[[object, dict], None]:
    """Assert that a built store's two inferred graphs equal owlrl's (as from compute_inferences)."""
    from natokg.namespaces import BACKGROUND_INFERRED_GRAPH, INFERRED_GRAPH
    from natokg.store import named_graph

    def check(store: object, reference: dict) -> None:
        for name in (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH):
            ours, theirs = normalised(named_graph(store, name)), normalised(reference[name])
            assert ours == theirs, f"{name}: missing {sorted(theirs - ours)[:5]}, extra {sorted(ours - theirs)[:5]}"

    return check


@pytest.fixture(scope="session")
def inferred_sets() -> Callable[[object], dict]:
    """The two inferred graphs of a built store, blank nodes normalised, by graph IRI."""
    from natokg.namespaces import BACKGROUND_INFERRED_GRAPH, INFERRED_GRAPH
    from natokg.store import named_graph

    return lambda store: {g: normalised(named_graph(store, g)) for g in (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH)}


@pytest.fixture(name="normalised", scope="session")
def _normalised() -> Callable:
    """:func:`normalised` as a fixture, for the test modules."""
    return normalised
