"""Benchmark of the actor network: how long projection, analysis, drawing and exports take.

Run from the repository root: ``python benchmarks/network.py`` (needs the ``plot`` extra).
Prints one line per step: the best of a few runs, in milliseconds, and the size of the result.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import natokg
from natokg.network import centrality, communities, explain_path, write_network


def best(step: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """The fastest of ``runs`` calls, in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def main() -> None:
    ms, ds = best(lambda: natokg.load(inferred=True), runs=1)
    print(f"{'load (inferred, cached after the first run)':<44} {ms:9.1f} ms")
    rows: list[tuple[str, float, str]] = []
    ms, graph = best(lambda: natokg.actor_network(ds))
    rows.append(("actor_network (multigraph)", ms, f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"))
    ms, weighted = best(lambda: natokg.actor_network(ds, multigraph=False))
    rows.append(("actor_network (weighted)", ms, f"{weighted.number_of_edges()} edges"))
    ms, inferred = best(lambda: natokg.actor_network(ds, inferred=True))
    rows.append(("actor_network (inferred)", ms, f"{inferred.number_of_edges()} edges"))
    ms, bipartite = best(lambda: natokg.actor_network(ds, bipartite=True))
    rows.append(("actor_network (bipartite)", ms, f"{bipartite.number_of_nodes()} nodes"))
    ms, _ = best(lambda: centrality(graph))
    rows.append(("centrality", ms, ""))
    ms, _ = best(lambda: communities(graph))
    rows.append(("communities (louvain)", ms, ""))
    ms, _ = best(lambda: explain_path(graph, "Rubio", "Rutte"))
    rows.append(("explain_path Rubio → Rutte", ms, ""))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("png", "svg", "html", "graphml", "gexf", "json"):
            path = Path(folder) / f"network.{fmt}"
            ms, _ = best(lambda path=path: write_network(graph, path))
            rows.append((f"write_network {fmt}", ms, f"{path.stat().st_size / 1024:.0f} KiB"))
    for name, ms, note in rows:
        print(f"{name:<44} {ms:9.1f} ms  {note}")


if __name__ == "__main__":
    main()
