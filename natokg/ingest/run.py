"""Ingest as a whole: files in, article graphs out, with a summary of what was done and skipped.

:func:`ingest_paths` is what ``natokg ingest`` runs; :func:`ingest_file` and :func:`extract_graph`
are the Python API (also exported by :mod:`natokg.ingest`).
"""

from __future__ import annotations

import os
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from natokg.errors import NatokgError
from natokg.ingest.model import ArticleMetadata, Extraction
from natokg.ingest.nif import NKG, RDF, Triple
from natokg.ingest.reader import Article, check_url, decode_text, find_inputs, make_slug, parse_date, read_article
from natokg.ingest.writer import Written, articles_folder, to_turtle, write_article

#: ``processes="auto"`` starts a second process only from this many articles: a forked helper costs
#: 0.2-0.3 s to start and close (measured with the model loaded, load average 4.5 on two cores), and on a
#: free core saves about half of some 0.1 s of CPU per 500-word article, so it pays from about five
#: articles; 16 (four batches of :data:`natokg.ingest.pipeline.BATCH_SIZE`, two per process) leaves a margin.
AUTO_MIN_ARTICLES = 16
#: with ``processes="auto"``, at least this many articles for each process beyond the first
AUTO_ARTICLES_PER_PROCESS = 8


def auto_processes(articles: int, cpus: int | None = None, load: float | None = None) -> int:
    """How many processes ``processes="auto"`` uses for ``articles`` articles: one below
    :data:`AUTO_MIN_ARTICLES`; else one per :data:`AUTO_ARTICLES_PER_PROCESS` articles, but never more
    than the cores this process may run on (``cpus``, default ``os.cpu_count()`` and the CPU affinity)
    nor more than the cores the load average (``load``, default the last minute's) leaves idle, and at
    least one. A second process on a busy machine only shares this one's time: measured at load 4.7 on
    two cores (benchmarks/ingest_eval.py --speed 64), 7.0 articles/s in one process and 6.9 in two.

    >>> auto_processes(3, cpus=2, load=0.0), auto_processes(100, cpus=2, load=0.1)
    (1, 2)
    >>> auto_processes(100, cpus=2, load=4.7)
    1
    >>> auto_processes(40, cpus=8, load=0.0), auto_processes(10_000, cpus=8, load=2.2)
    (5, 6)
    """
    if cpus is None:
        cpus = os.cpu_count() or 1
        if hasattr(os, "sched_getaffinity"):
            cpus = min(cpus, len(os.sched_getaffinity(0)))
    if load is None:
        try:
            load = os.getloadavg()[0]
        except OSError:  # not available on this system: assume idle cores
            load = 0.0
    if articles < AUTO_MIN_ARTICLES:
        return 1
    idle = max(1, cpus - round(load))
    return max(1, min(cpus, idle, articles // AUTO_ARTICLES_PER_PROCESS))


@dataclass
class Summary:
    """What one ingest run did: articles written, facts found per kind, files skipped and why."""

    written: list[Written] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    facts: Counter[str] = field(default_factory=Counter)
    notices: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        states = Counter(w.status for w in self.written)
        done = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
        lines = [
            f"ingested {len(self.written)} article{'' if len(self.written) == 1 else 's'}"
            + (f" ({done})" if done else "")
        ]
        if self.facts:
            lines.append("facts: " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.facts.items())))
        if self.skipped:
            lines.append(f"skipped {len(self.skipped)}:")
            lines += [f"  {reason}" for _, reason in self.skipped]
        return "\n".join(lines)


def count_facts(extraction: Extraction, triples: Iterable[Triple]) -> Counter[str]:
    """Facts per kind in one extraction, as the summary prints them; posts are the
    ``nkg:PostHolding`` nodes among the article's ``triples`` (:func:`natokg.ingest.rdf.article_triples`),
    i.e. those written (a post whose organisation is unknown is found but not written).

    >>> from natokg.ingest.model import ArticleMetadata, Extraction
    >>> count_facts(Extraction("x", ArticleMetadata("x")), [])
    Counter()
    """
    counts: Counter[str] = Counter()
    counts["quotations"] += sum(1 for q in extraction.quotations if q.speaker is not None)
    counts["posts"] += sum(1 for _, p, o in triples if p == RDF.type and o == NKG.PostHolding)
    counts["times"] += len(extraction.times)
    counts["mentions"] += len(extraction.mentions)
    counts["new entities"] += sum(1 for e in extraction.entities if not e.known)
    for event in extraction.events:
        counts[f"events:{event.kind}"] += 1
    return +counts


@lru_cache(maxsize=4)
def _nlp(model: str | None, rules: bool, root: str) -> Any:
    from natokg.ingest.pipeline import _gazetteer_for, load_nlp

    return load_nlp(model, rules=rules, gazetteer=_gazetteer_for(root))


def _context(data: str | Path | None) -> tuple[str, frozenset[URIRef], Any]:
    """The data root whose known entities ingest links to, those entities, and its gazetteer."""
    from natokg.ingest.nif import _typed_subjects
    from natokg.ingest.pipeline import _gazetteer_for
    from natokg.loading import Sources, find_data_root

    root = str(Path(data) if data is not None else find_data_root()[0])
    sources = Sources.find(root)
    return root, _typed_subjects((sources.entities, *sources.own_entities)), _gazetteer_for(root)


def _articles_elsewhere(folder: Path, data: str | Path | None) -> dict[str, Path]:
    """Articles of the data root that lie outside ``folder`` (the shipped ones, in a user's root), by slug."""
    from natokg.loading import Sources

    try:
        articles = Sources.find(data).articles
    except NatokgError:
        return {}
    return {p.stem: p for p in articles if p.parent.resolve() != folder.resolve()}


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    slug: str | None = None,
    out: str | Path | None = None,
    data: str | Path | None = None,
    force: bool = False,
    model: str | None = None,
    rules: bool = False,
    processes: int | str = "auto",
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest every file ``paths`` name (folders expanded); a file that fails is skipped, the rest go on.

    ``processes`` > 1 shares the work among that many processes (this one and forked helpers, see
    :func:`natokg.ingest.pipeline.map_extractions`); the files written are the same; ``"auto"`` (the
    default) chooses with :func:`auto_processes` from the number of articles read. Raises
    NatokgError only for what stops the whole run (no place to write, a bad option, no model).
    ``on_total(n)`` learns the number of files, ``progress(1)`` is called after each.
    """
    if processes != "auto" and (isinstance(processes, bool) or not isinstance(processes, int) or processes < 1):
        raise NatokgError(f"processes must be a whole number of at least 1, or 'auto', not {processes!r}")
    summary = Summary()
    inputs: list[Path] = []
    for raw in paths:
        try:
            inputs += find_inputs([raw])
        except NatokgError as exc:
            summary.skipped.append((str(raw), str(exc)))
    if slug is not None and len(inputs) > 1:
        raise NatokgError(f"--slug {slug} names one article, but {len(inputs)} files were given")
    if published is not None:
        parse_date(published)  # a bad --published stops the run before anything is read
    check_url(source)
    folder = articles_folder(out, data)
    if on_total is not None:
        on_total(len(inputs))
    articles: list[Article] = []
    slugs: dict[str, Path] = {}
    existing = _articles_elsewhere(folder, data)
    for path in inputs:
        try:
            article = read_article(path, published=published, title=title, source=source, slug=slug)
        except NatokgError as exc:
            summary.skipped.append((str(path), str(exc)))
            if progress is not None:
                progress(1)
            continue
        taken = existing.get(article.metadata.slug)
        if taken is not None:
            summary.skipped.append(
                (str(path), f"{path}: slug {article.metadata.slug!r} collides with {taken}; give --slug")
            )
            if progress is not None:
                progress(1)
            continue
        first = slugs.setdefault(article.metadata.slug, path)
        if first != path:
            summary.skipped.append((str(path), f"{path}: slug {article.metadata.slug!r} is already used by {first}"))
            if progress is not None:
                progress(1)
            continue
        articles.append(article)
    if not articles:
        return summary
    from natokg.ingest.pipeline import RULES, RULES_NOTICE, RulesOnlyWarning, map_extractions

    root, shared, gazetteer = _context(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RulesOnlyWarning)  # said once in the summary's notices instead
        nlp = _nlp(model, rules, root)
    if nlp.meta.get("name") == RULES and not rules and model != RULES:
        summary.notices.append(RULES_NOTICE)
    if processes == "auto":
        processes = auto_processes(len(articles))
    drafts = map_extractions(
        ((a.text, a.metadata) for a in articles), Drafter(shared), nlp=nlp, gazetteer=gazetteer, n_process=processes
    )
    # Files are written by a thread while the next articles are parsed: each write waits some
    # milliseconds for the disk (atomic_write syncs), time in which parsing goes on.
    with ThreadPoolExecutor(1) as writer:
        outcomes: list[tuple[Article, Counter[str], Future[Written] | str]] = []
        for article, (turtle, facts, error, found) in zip(articles, drafts, strict=True):
            # what the draft could not take in (unbalanced quotation marks), said per file
            summary.notices += [f"{article.path}: {warning}" for warning in found]
            if turtle is None:
                outcomes.append((article, facts, error or "no draft"))
            else:
                slug, text = article.metadata.slug, article.text
                outcomes.append((article, facts, writer.submit(write_article, folder, slug, text, turtle, force=force)))
            if progress is not None:
                progress(1)
        for article, facts, outcome in outcomes:
            try:
                if isinstance(outcome, str):
                    raise NatokgError(outcome)
                summary.written.append(outcome.result())
                summary.facts += facts
            except NatokgError as exc:
                summary.skipped.append((str(article.path), str(exc)))
    return summary


@dataclass(frozen=True)
class Drafter:
    """``(turtle, facts per kind, None, warnings)`` for an extraction, or ``(None, Counter(), why,
    warnings)`` if it cannot be written; the warnings are the extraction's (unbalanced quotation
    marks). :func:`ingest_paths` runs it where the article was extracted, so that only text crosses
    between processes (see :func:`natokg.ingest.pipeline.map_extractions`).

    >>> from natokg.ingest.model import ArticleMetadata, Extraction
    >>> turtle, facts, error, warnings = Drafter(frozenset())(Extraction("NATO met.", ArticleMetadata("x")))
    >>> turtle.startswith("# natokg ingest draft"), facts, error, warnings
    (True, Counter(), None, [])
    """

    shared: frozenset[URIRef]

    def __call__(self, extraction: Extraction) -> tuple[str | None, Counter[str], str | None, list[str]]:
        from natokg.ingest.rdf import article_triples

        try:
            triples = article_triples(extraction, shared=self.shared)
            turtle = to_turtle(triples, extraction.metadata.slug)
        except NatokgError as exc:
            return None, Counter(), str(exc), list(extraction.warnings)
        return turtle, count_facts(extraction, triples), None, list(extraction.warnings)


def ingest_file(path: str | Path, **options: Any) -> Path:
    """Ingest one text or HTML file; returns the path of the ``.ttl`` written (NatokgError if it was not).

    ``options`` are the keyword arguments of :func:`ingest_paths` (``published``, ``title``,
    ``source``, ``slug``, ``out``, ``data``, ``force``, ``model``, ``rules``, ``processes``). Writes
    ``<slug>.ttl`` and ``<slug>.txt`` to ``out``, or to ``graph/articles`` of the data root
    (``data``, else the one found from the current folder).
    """
    summary = ingest_paths([path], **options)
    if summary.skipped:
        raise NatokgError(summary.skipped[0][1])
    return summary.written[0].turtle


def extract_graph(
    text: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    source: str | None = None,
    publisher: str | None = None,
    slug: str = "article",
    model: str | None = None,
    rules: bool = False,
    data: str | Path | None = None,
) -> Graph:
    """The draft article graph of ``text`` (no file is written), linked to the known entities of ``data``.

    ``text`` is taken as :mod:`~natokg.ingest.reader` takes a file (CRLF becomes LF); ``published``
    anchors relative times ("Thursday", "last year").

    >>> from natokg.namespaces import NKG
    >>> text = 'NATO Secretary General Mark Rutte met ministers on Thursday.\\n"We agree," Rutte said.\\n'
    >>> g = extract_graph(text, published="2026-02-12")
    >>> [(str(v), str(g.value(q, NKG.saidBy)).rsplit("/", 1)[-1]) for q, v in g.subject_objects(NKG.verbatim)]
    [('We agree,', 'mark-rutte')]
    >>> [str(v) for v in g.objects(None, NKG.timexValue)]
    ['2026-02-12']
    """
    from natokg.ingest.pipeline import extract
    from natokg.ingest.rdf import to_graph

    metadata = ArticleMetadata(
        slug=make_slug(slug),
        published=parse_date(published),
        title=title,
        source=check_url(source),
        publisher=publisher,
    )
    root, shared, gazetteer = _context(data)
    clean = decode_text(text.encode("utf-8"), "<text>")
    extraction = extract(clean, metadata, nlp=_nlp(model, rules, root), gazetteer=gazetteer)
    return to_graph(extraction, shared=shared)
