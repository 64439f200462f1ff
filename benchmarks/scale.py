"""Benchmark: how loading, validation and reasoning scale with the number of articles.

A synthetic corpus is made by copying the shipped article under new slugs (its own nodes get
the new slug's namespace; shared entities stay shared), so the figures show how the per-article
design grows. Prints seconds and peak memory for each step.

Usage::

    python benchmarks/scale.py            # 1, 10, 50 articles
    python benchmarks/scale.py 1 100 500  # any sizes
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import natokg
from natokg.reasoning import compute_inferences
from natokg.validation import validate

SLUG = "reuters-2026-02-12-colby-nato-brussels"


def make_corpus(size: int, target: Path) -> Path:
    root = natokg.data_root()
    for folder in ("ontology", "graph"):
        shutil.copytree(root / folder, target / folder)
    articles = target / "graph" / "articles"
    turtle = (articles / f"{SLUG}.ttl").read_text(encoding="utf-8")
    text = (articles / f"{SLUG}.txt").read_text(encoding="utf-8")
    for number in range(1, size):
        slug = f"{SLUG}-copy-{number:05d}"
        (articles / f"{slug}.ttl").write_text(turtle.replace(f"/id/{SLUG}/", f"/id/{slug}/"), encoding="utf-8")
        (articles / f"{slug}.txt").write_text(text, encoding="utf-8")
    return target


def timed(label: str, step):
    start = time.perf_counter()
    result = step()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {label:<22} {time.perf_counter() - start:8.2f} s   peak RSS {peak_mib:7.0f} MiB")
    return result


def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_corpus(size, Path(tmp))
            print(f"{size} article(s)")
            dataset = timed("load", lambda root=root: natokg.load(root))
            print(f"  {'triples':<22} {len(dataset):8d}")
            timed("validate", lambda dataset=dataset: validate(dataset))
            inferred = timed("reason (owlrl, no cache)", lambda dataset=dataset: compute_inferences(dataset))
            for name, graph in inferred.items():
                print(f"  {'inferred: ' + name.rsplit('/', 1)[-1]:<30} {len(graph):8d}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 50])
