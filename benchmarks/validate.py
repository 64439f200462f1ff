"""Validation through the corpus store against today's path, on benchmarks/corpus.py's generated corpus.

Usage::

    python benchmarks/validate.py            # 100 and 1 000 articles
    python benchmarks/validate.py 10 100     # chosen sizes
    python benchmarks/validate.py --no-memory 1000   # without today's (slow) path

Prints, per size: the first build's validation (every article checked and cached), a second
``natokg validate`` through the store (cached results plus the union check), adding one article
(its build's validation, then validate), and today's path (rdflib loads everything, pySHACL on the
union), all without the OWL 2 RL consistency check (the store's comes with its build), and
whether the two reports are the same.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType


def _corpus_module() -> ModuleType:
    """benchmarks/corpus.py, loaded from its path (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("natokg_bench_corpus", Path(__file__).with_name("corpus.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run(size: int, memory: bool) -> None:
    from natokg.loading import Sources
    from natokg.store import build
    from natokg.store.validate import validate_store
    from natokg.validation import validate_path

    corpus = _corpus_module()
    with tempfile.TemporaryDirectory() as tmp:
        root = corpus.make_corpus(size, Path(tmp) / "data")
        store_dir = Path(tmp) / "store"
        print(f"{size} article(s)  (load: {os.getloadavg()[0]:.2f})")
        started = time.perf_counter()
        store = build(root, store_dir, progress=False)
        total = time.perf_counter() - started
        print(f"  {'build (total)':<34} {total:8.2f} s")
        print(f"  {'build: validate (all articles)':<34} {store.timings.validate:8.2f} s")
        for what in ("validate after the build", "validate again, nothing changed"):
            started = time.perf_counter()
            ours = validate_store(store, Sources.find(root))
            print(f"  {what:<34} {time.perf_counter() - started:8.2f} s   {len(ours.violations)} violation(s)")
        store.close()
        corpus.add_article(root, size + 1, corpus.make_pool(3000, seed=1), random.Random(size))
        started = time.perf_counter()
        store = build(root, store_dir, progress=False)
        print(f"  {'add one article: build':<34} {time.perf_counter() - started:8.2f} s")
        print(f"  {'add one article: its validation':<34} {store.timings.validate:8.2f} s")
        started = time.perf_counter()
        ours = validate_store(store, Sources.find(root))
        print(f"  {'add one article: validate':<34} {time.perf_counter() - started:8.2f} s")
        store.close()
        if memory:
            started = time.perf_counter()
            today = validate_path(root)
            print(f"  {'today: load + validate':<34} {time.perf_counter() - started:8.2f} s")
            print(f"  {'same report':<34} {str(today) == str(ours)!s:>8}")
        print(f"  (load after: {os.getloadavg()[0]:.2f})")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--no-memory", action="store_true", help="skip today's path (rdflib + pySHACL on everything)")
    args = parser.parse_args(argv)
    for size in args.sizes:
        run(size, not args.no_memory)


if __name__ == "__main__":
    main()
