"""Extraction quality and speed of ``natokg ingest``, measured against gold annotations.

Quality: ingests each text of the gold corpus (``shared/corpus``: the Reuters seed report and four
public-domain U.S. government texts) and prints, per article and in total, precision, recall and
F1 of each component (quotations, posts, times, actor mentions, events) and the share of matched
items whose speaker, audience, time value or CAMEO code is right; then the issue's targets, met or
not, the number of spans whose text differs from their offsets, and Wikidata IDs the drafts state.

Speed: ``--speed N`` ingests N articles of about 500 words (sentences of the corpus shuffled into
new articles, with a fixed seed) in one batch as ``natokg ingest`` does (extraction, article triples, the
draft's Turtle; no files written), once in one process and once in two (``--processes``), each run in a
fresh Python process, and prints articles per second, the time for 1 000, CPU time per article, the peak
resident memory of all processes together, and the load average, which on a shared machine decides the
wall-clock figures.

    python benchmarks/ingest_eval.py                    # quality table, with the model
    python benchmarks/ingest_eval.py --rules            # the same without the model
    python benchmarks/ingest_eval.py --misses           # what each article got wrong
    python benchmarks/ingest_eval.py --speed 1000       # throughput and memory, 1 and 2 processes
    python benchmarks/ingest_eval.py --speed 300 --processes 2 --batch-size 4

Exit code 0 when every target is met, 1 when one is missed, 2 when the corpus is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
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
    """Ingest ``args.speed`` synthetic articles once per number of processes in ``args.processes``, each
    run in a fresh Python process (so that its peak memory is its own), and print the figures."""
    runs = []
    for processes in args.processes:
        command = [sys.executable, __file__, "--corpus", str(corpus), "--speed", str(args.speed)]
        command += ["--batch-size", str(args.batch_size), "--processes", str(processes), "--one-run"]
        command += ["--rules"] if args.rules else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(
                f"benchmarks/ingest_eval.py: the run with {processes} process(es) failed:\n{done.stderr}",
                file=sys.stderr,
            )
            return 1
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    first = runs[0]
    print(
        f"{first['articles']} articles, {first['words']:.0f} words and {first['triples']:.0f} triples each on average,"
        f" batch size {args.batch_size}, model: {first['model']}; {os.cpu_count()} cores"
    )
    print(
        "| processes | load before | load after | articles/s | s for 1 000 | CPU ms/article | "
        "peak RSS, MiB (all processes) |\n|---:|---:|---:|---:|---:|---:|---:|"
    )
    for run in runs:
        print(
            f"| {run['processes']} | {run['load_before']:.2f} | {run['load_after']:.2f} | {run['rate']:.1f} |"
            f" {1000 / run['rate']:.0f} | {run['cpu_ms']:.0f} | {run['rss']:.0f} |"
        )
    print(
        "targets: ≥ 20 articles/s, 1 000 in under 60 s, peak memory ≤ 600 MiB. A load average above 0 means other"
        " work shares the cores; CPU ms per article does not depend on it (wall time on n idle cores is about"
        " CPU ms / n)."
    )
    return 0


def one_run(args: argparse.Namespace, corpus: Path) -> int:
    """One speed run as ``natokg ingest`` does it (extraction, article triples and the draft's Turtle, in
    every process; no files written); prints its figures as one JSON line."""
    from datetime import date

    from natokg.ingest.pipeline import default_gazetteer, extract_many, load_nlp, map_extractions, model_name
    from natokg.ingest.rdf import article_triples, shared_entities
    from natokg.ingest.run import Drafter

    texts = synthetic_articles(corpus, args.speed)
    nlp = load_nlp(rules=args.rules)
    gazetteer, shared = default_gazetteer(), shared_entities()  # loaded once per run, as ingest does
    items = [(t, ArticleMetadata(slug=f"bench-{i:05d}", published=date(2026, 2, 12))) for i, t in enumerate(texts)]
    draft = Drafter(shared)
    load_before = os.getloadavg()[0]
    cpu_before = _cpu_seconds()
    start = time.perf_counter()
    for turtle, _, error, _ in map_extractions(
        items, draft, nlp=nlp, gazetteer=gazetteer, batch_size=args.batch_size, n_process=args.processes
    ):
        assert turtle is not None, error
    elapsed = time.perf_counter() - start
    cpu = _cpu_seconds() - cpu_before
    # ru_maxrss of the children is that of the largest helper; with one helper (2 processes) it is exact
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(texts)
    sample = list(extract_many(items[:20], nlp=nlp, gazetteer=gazetteer))  # after the clock: triples per article
    triples = sum(len(article_triples(e, shared=shared)) for e in sample) / len(sample)
    figures = {
        "articles": n,
        "words": sum(len(t.split()) for t in texts) / n,
        "triples": triples,
        "model": model_name(nlp),
        "processes": args.processes,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "rate": n / elapsed,
        "cpu_ms": cpu / n * 1000,
        "rss": own + helper * (args.processes - 1),
    }
    print(json.dumps(figures))
    return 0


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children (the helpers), in seconds."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="the gold corpus folder (default: ../shared/corpus beside the checkout)")
    parser.add_argument("--rules", action="store_true", help="run without the spaCy model (rules only)")
    parser.add_argument("--misses", action="store_true", help="list what each article got wrong")
    parser.add_argument("--compact", action="store_true", help="one row per article: the measures the targets name")
    parser.add_argument("--speed", type=int, metavar="N", help="measure throughput on N synthetic articles instead")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="articles parsed together (--speed)")
    parser.add_argument(
        "--processes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="numbers of processes to measure, comma-separated (--speed; default: 1,2)",
    )
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("benchmarks/ingest_eval.py: no gold corpus found; pass --corpus DIR", file=sys.stderr)
        return 2
    if args.one_run:
        args.processes = args.processes[0]
        return one_run(args, corpus)
    return speed(args, corpus) if args.speed else quality(args, corpus)


if __name__ == "__main__":
    sys.exit(main())
