"""Benchmark the named queries: parse time, and run time on the graph with and without inferences.

Run from the repository root: ``python benchmarks/bench_queries.py [--repeat N]``. Prints one line
per query (milliseconds: parse, median run without inferences, median run with inferences, rows),
then the time to load the data and the peak memory of one run of every query.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import natokg
from natokg import queries

PARAMS = {"CQ8": {"fact": "art:colby-represents-us"}}


def _median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (the median is printed)")
    args = parser.parse_args()

    start = time.perf_counter()
    plain = natokg.load()
    load_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    inferred = natokg.load(inferred=True)
    inferred_ms = (time.perf_counter() - start) * 1000

    print(f"{'query':<28} {'parse ms':>9} {'run ms':>8} {'+inf ms':>8} {'rows':>5}")
    total = 0.0
    for named in natokg.named_queries().values():
        params = PARAMS.get(named.cq)
        parse_ms = _median_ms(lambda n=named: queries.parse_sparql(n.text), args.repeat)
        run_ms = _median_ms(lambda n=named, p=params: natokg.query(plain, n.name, p), args.repeat)
        inf_ms = _median_ms(lambda n=named, p=params: natokg.query(inferred, n.name, p), args.repeat)
        rows = len(natokg.query(inferred, named.name, params))
        total += run_ms
        print(f"{named.name:<28} {parse_ms:>9.1f} {run_ms:>8.1f} {inf_ms:>8.1f} {rows:>5}")
    print(f"all {len(natokg.named_queries())} queries, no inferences: {total:.0f} ms")
    print(f"load: {load_ms:.0f} ms ({len(plain)} triples); with inferences (cached): {inferred_ms:.0f} ms")

    tracemalloc.start()
    for named in natokg.named_queries().values():
        natokg.query(inferred, named.name, PARAMS.get(named.cq))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory of one run of every query (beyond the loaded data): {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
