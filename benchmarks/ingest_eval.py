"""Extraction quality and speed of ``natokg ingest``, measured against gold annotations.

Quality: ingests each text of the gold corpus (``shared/corpus``: the Reuters seed report and four
public-domain U.S. government texts) and prints, per article and in total, precision, recall and
F1 of each component (quotations, posts, times, actor mentions, events) and the share of matched
items whose speaker, audience, time value or CAMEO code is right; then the issue's targets, met or
not, the number of spans whose text differs from their offsets, and Wikidata IDs the drafts state.

Speed: ``--speed N`` ingests N articles of about 500 words (sentences of the corpus shuffled into
new articles, with a fixed seed) in one batch and prints articles per second, the batch time and the
peak resident memory.

    python benchmarks/ingest_eval.py                    # quality table, with the model
    python benchmarks/ingest_eval.py --rules            # the same without the model
    python benchmarks/ingest_eval.py --misses           # what each article got wrong
    python benchmarks/ingest_eval.py --speed 1000       # throughput and memory

Exit code 0 when every target is met, 1 when one is missed, 2 when the corpus is missing.
"""

from __future__ import annotations

import argparse
import json
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
    from datetime import date

    from natokg.ingest.pipeline import extract_many, load_nlp

    texts = synthetic_articles(corpus, args.speed)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp(rules=args.rules)
    items = [(t, ArticleMetadata(slug=f"bench-{i:05d}", published=date(2026, 2, 12))) for i, t in enumerate(texts)]
    start = time.perf_counter()
    extractions = list(extract_many(items, nlp=nlp))
    extracted = time.perf_counter() - start
    try:
        from natokg.ingest.rdf import to_graph

        for extraction in extractions:
            to_graph(extraction).serialize(format="turtle")
    except ImportError:
        pass
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {words / len(texts):.0f} words each on average, model: {extractions[0].model}")
    print(f"extraction: {extracted:.1f} s; with RDF graphs and Turtle: {elapsed:.1f} s")
    print(
        f"throughput: {len(texts) / elapsed:.1f} articles/s (target ≥ 20); batch {elapsed:.1f} s (target < 60 s "
        f"for 1 000)"
    )
    print(f"peak RSS: {peak:.0f} MiB (target ≤ 600)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="the gold corpus folder (default: ../shared/corpus beside the checkout)")
    parser.add_argument("--rules", action="store_true", help="run without the spaCy model (rules only)")
    parser.add_argument("--misses", action="store_true", help="list what each article got wrong")
    parser.add_argument("--compact", action="store_true", help="one row per article: the measures the targets name")
    parser.add_argument("--speed", type=int, metavar="N", help="measure throughput on N synthetic articles instead")
    args = parser.parse_args()
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("benchmarks/ingest_eval.py: no gold corpus found; pass --corpus DIR", file=sys.stderr)
        return 2
    return speed(args, corpus) if args.speed else quality(args, corpus)


if __name__ == "__main__":
    sys.exit(main())
