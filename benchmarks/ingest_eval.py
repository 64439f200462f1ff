"""Extraction quality and speed of ``natokg ingest``, measured against gold annotations.

Quality: ingests each text of the gold corpus (``shared/corpus``: the Reuters seed report and four
public-domain U.S. government texts) and prints, per article and in total, precision, recall and
F1 of each component (quotations, posts, times, actor mentions, events) and the share of matched
items whose speaker, audience, time value or CAMEO code is right; then the issue's targets, met or
not, the number of spans whose text differs from their offsets, and Wikidata IDs the drafts state.

Speed: ``--speed N`` ingests N articles of about 500 words (sentences of the corpus shuffled into
new articles, with a fixed seed) in one batch as ``natokg ingest`` does (extraction, article triples, the
draft's Turtle; no files written) and prints articles per second, the time for 1 000, the peak resident
memory and the load average, which on a shared machine decides the figures.

    python benchmarks/ingest_eval.py                    # quality table, with the model
    python benchmarks/ingest_eval.py --rules            # the same without the model
    python benchmarks/ingest_eval.py --misses           # what each article got wrong
    python benchmarks/ingest_eval.py --speed 1000       # throughput and memory
    python benchmarks/ingest_eval.py --speed 1000 --processes 2   # parse in two processes

Exit code 0 when every target is met, 1 when one is missed, 2 when the corpus is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import time
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from natokg.ingest.evaluation import NameIndex, check_targets, compact_table, load_gold, score_article, table, total
from natokg.ingest.model import ArticleMetadata
from natokg.ingest.pipeline import BATCH_SIZE
from natokg.loading import Sources
from natokg.namespaces import WD

REPO = Path(__file__).resolve().parents[1]


def find_corpus(given: str | None) -> Path | None:
    """The gold corpus: ``--corpus``, else ``shared/corpus`` beside the checkout (as CI lays it)."""
    candidates = [Path(given)] if given else [REPO.parent / "shared" / "corpus", REPO / "shared" / "corpus"]
    return next((c for c in candidates if (c / "gold").is_dir()), None)


def gold_documents(corpus: Path) -> list[tuple[str, ArticleMetadata, dict]]:
    """(text, metadata, gold) for every gold file whose text is found."""
    docs = []
    for gold_path in sorted((corpus / "gold").glob("*.gold.json")):
        gold = load_gold(gold_path)
        text_path = next(
            (
                p
                for p in (corpus / "articles" / gold["source_file"], corpus.parent / "source" / gold["source_file"])
                if p.is_file()
            ),
            None,
        )
        if text_path is None:
            print(f"{gold_path}: its text {gold['source_file']} is missing; skipped", file=sys.stderr)
            continue
        sidecar = text_path.with_suffix(".json")
        meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        metadata = ArticleMetadata(
            slug=gold["id"],
            published=_date(gold.get("published") or meta.get("date")),
            title=meta.get("title"),
            source=meta.get("url"),
            publisher=meta.get("publisher"),
        )
        docs.append((text_path.read_text(encoding="utf-8"), metadata, gold))
    return docs


def _date(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else None


def known_names(sources: Sources) -> NameIndex:
    """Every name of every entity natokg knows a name of (labels and alternative labels in the entities,
    the background and the gazetteer of names), for matching gold names."""
    graph = Graph()
    for path in (sources.entities, sources.background, sources.entities.with_name("gazetteer.ttl")):
        if path.is_file():
            graph.parse(path)
    aliases: dict[str, list[str]] = {}
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for subject, label in graph.subject_objects(predicate):
            if isinstance(subject, URIRef):
                aliases.setdefault(str(subject), []).append(str(label))
    return NameIndex(aliases)


def wikidata_in_drafts(extractions) -> int:
    """Wikidata IRIs stated by the draft graphs (natokg keeps them in the background only)."""
    try:
        from natokg.ingest.rdf import to_graph
    except ImportError:
        return -1
    count = 0
    for extraction in extractions:
        graph = to_graph(extraction)
        count += sum(1 for t in graph if any(str(term).startswith(str(WD)) for term in t))
    return count


def quality(args: argparse.Namespace, corpus: Path) -> int:
    from natokg.ingest.pipeline import extract_many, load_nlp

    docs = gold_documents(corpus)
    nlp = load_nlp(rules=args.rules)
    extractions = list(extract_many([(text, meta) for text, meta, _ in docs], nlp=nlp))
    names = known_names(Sources.find())
    results = [score_article(ex, gold, names) for ex, (_, _, gold) in zip(extractions, docs, strict=True)]
    rows = {r.article: r.scores for r in results}
    totals = total(results)
    rows["TOTAL"] = totals
    print(f"natokg ingest, extraction quality against {len(docs)} gold articles ({extractions[0].model})\n")
    print(compact_table(rows) if args.compact else table(rows))
    bad = sum(len(r.bad_spans) for r in results)
    print(f"\nspans whose text differs from their offsets: {bad}")
    print(f"Wikidata IDs stated by the drafts: {wikidata_in_drafts(extractions)}")
    failed = check_targets(totals)
    print("targets: " + ("all met" if not failed else "missed: " + "; ".join(failed)))
    if args.misses:
        for r in results:
            print(f"\n## {r.article}")
            print("\n".join(f"- {m}" for m in r.misses) or "- nothing")
    return 0 if not failed and bad == 0 else 1


def synthetic_articles(corpus: Path, count: int, words: int = 500, seed: int = 7) -> list[str]:
    """``count`` articles of about ``words`` words, each a fresh shuffle of the corpus's sentences."""
    sentences = []
    for path in sorted((corpus / "articles").glob("*.txt")) + sorted((corpus.parent / "source").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s)
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        chosen, n = [], 0
        while n < words:
            sentence = rng.choice(sentences)
            chosen.append(sentence)
            n += len(sentence.split())
        paragraphs = [" ".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3)]
        articles.append("\n".join(paragraphs))
    return articles


def speed(args: argparse.Namespace, corpus: Path) -> int:
    """Ingest ``args.speed`` synthetic articles as ``natokg ingest`` does (extraction, article triples,
    the draft's Turtle; no files written), one at a time, so memory stays that of one batch."""
    from datetime import date

    from natokg.ingest.pipeline import default_gazetteer, extract_many, load_nlp
    from natokg.ingest.rdf import article_triples, shared_entities
    from natokg.ingest.writer import to_turtle

    texts = synthetic_articles(corpus, args.speed)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp(rules=args.rules)
    gazetteer, shared = default_gazetteer(), shared_entities()  # loaded once per run, as ingest does
    items = [(t, ArticleMetadata(slug=f"bench-{i:05d}", published=date(2026, 2, 12))) for i, t in enumerate(texts)]
    load_before = os.getloadavg()[0]
    extracting = writing = 0.0
    triples = 0
    model = ""
    start = time.perf_counter()
    extractions = extract_many(
        items, nlp=nlp, gazetteer=gazetteer, batch_size=args.batch_size, n_process=args.processes
    )
    while True:
        t0 = time.perf_counter()
        extraction = next(extractions, None)
        t1 = time.perf_counter()
        extracting += t1 - t0
        if extraction is None:
            break
        graph = article_triples(extraction, shared=shared)
        to_turtle(graph, extraction.metadata.slug)
        writing += time.perf_counter() - t1
        triples += len(graph)
        model = extraction.model
    elapsed = time.perf_counter() - start
    load_after = os.getloadavg()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(texts)
    print(f"{n} articles, {words / n:.0f} words and {triples / n:.0f} triples each on average, model: {model}")
    print(
        f"batch size {args.batch_size}, {args.processes} parsing process(es); load average "
        f"{load_before:.2f} before, {load_after:.2f} after, on {os.cpu_count()} cores"
    )
    print(
        f"extraction (spaCy and the extractors): {extracting:.1f} s = {extracting / n * 1000:.0f} ms/article; "
        f"article triples and Turtle: {writing:.1f} s = {writing / n * 1000:.0f} ms/article"
    )
    print(
        f"throughput: {n / elapsed:.1f} articles/s (target ≥ 20); batch {elapsed:.1f} s, "
        f"so {1000 / (n / elapsed):.0f} s for 1 000 (target < 60 s)"
    )
    total = peak + children * (args.processes if args.processes > 1 else 0)
    print(
        f"peak RSS: {peak:.0f} MiB in this process"
        + (
            f", at most {children:.0f} MiB in each parsing process, {total:.0f} MiB in all"
            if args.processes > 1
            else ""
        )
        + " (target ≤ 600)"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="the gold corpus folder (default: ../shared/corpus beside the checkout)")
    parser.add_argument("--rules", action="store_true", help="run without the spaCy model (rules only)")
    parser.add_argument("--misses", action="store_true", help="list what each article got wrong")
    parser.add_argument("--compact", action="store_true", help="one row per article: the measures the targets name")
    parser.add_argument("--speed", type=int, metavar="N", help="measure throughput on N synthetic articles instead")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="articles parsed together (--speed)")
    parser.add_argument("--processes", type=int, default=1, help="spaCy parsing processes (--speed)")
    args = parser.parse_args()
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("benchmarks/ingest_eval.py: no gold corpus found; pass --corpus DIR", file=sys.stderr)
        return 2
    return speed(args, corpus) if args.speed else quality(args, corpus)


if __name__ == "__main__":
    sys.exit(main())
