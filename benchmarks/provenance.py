"""The cost of provenance: what :func:`natokg.queries.provenance.annotate` adds to each named query.

Run from the repository root: ``python benchmarks/provenance.py [SIZES...] [--timeout S]``
(default sizes 1, 100, 1 000). For each size a corpus is generated with
``benchmarks/corpus.py`` (the shipped Reuters article and ``size - 1`` generated ones), loaded with
:func:`natokg.load` (rdflib, no inferences), and every named query is run once without its
provenance (:func:`natokg.queries.execute`) and then annotated; one line per query gives the
rows, the query's own time and the provenance time in milliseconds. A query that exceeds the
timeout is reported as such and its provenance is not timed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import EVIDENCE_FACT, make_corpus

import natokg
from natokg.errors import QueryError
from natokg.queries import execute, get_query
from natokg.queries.provenance import annotate


def measure(size: int, timeout: float) -> list[tuple[str, int, float, float | None]]:
    """(query, rows, query ms, provenance ms or None) for each named query on a corpus of ``size``."""
    with tempfile.TemporaryDirectory() as folder:
        root = make_corpus(size, Path(folder))
        start = time.perf_counter()
        dataset = natokg.load(root, cache=False)
        print(f"{size} article(s): loaded {len(dataset)} triples in {time.perf_counter() - start:.1f} s", flush=True)
        lines = []
        for name in natokg.named_queries(root):
            named = get_query(name, root)
            params = {"fact": EVIDENCE_FACT} if named.cq == "CQ8" else None
            bindings = named.bindings(params, natokg.queries.article_prefixes(dataset))
            start = time.perf_counter()
            try:
                results = execute(named.text, dataset, bindings, timeout=timeout, max_rows=None)
            except QueryError as exc:
                print(f"  {name}: {exc}", flush=True)
                lines.append((name, 0, (time.perf_counter() - start) * 1000, None))
                continue
            own = (time.perf_counter() - start) * 1000
            start = time.perf_counter()
            annotate(results, dataset, named.fact, [p.name for p in named.parameters]) if named.fact else None
            cost = (time.perf_counter() - start) * 1000
            lines.append((name, len(results), own, cost))
            print(f"  {name:<28} {len(results):>6} rows {own:>10.0f} ms query {cost:>10.0f} ms provenance", flush=True)
        return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1, 100, 1000])
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds after which a query is stopped")
    args = parser.parse_args(argv)
    summary = {}
    for size in args.sizes:
        summary[size] = measure(size, args.timeout)
    print("\nprovenance ms per named query (rows) at " + ", ".join(str(s) for s in args.sizes) + " articles")
    for i, (name, *_) in enumerate(summary[args.sizes[0]]):
        cells = []
        for size in args.sizes:
            _, rows, _, cost = summary[size][i]
            cells.append(f"{'timeout' if cost is None else f'{cost:.0f}'} ({rows})")
        print(f"{name:<28} " + " | ".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
