"""Benchmark: export (each format), push to a local Oxigraph server, and load for ``natokg serve``.

Uses the synthetic corpus of ``benchmarks/scale.py`` (copies of the shipped article) and the
graphs that need no reasoning (asserted, ontology, background). Prints seconds, output size and
peak memory. Needs ``pip install -e ".[server]"`` for the push and serve figures.

Usage::

    python benchmarks/export.py            # 1, 10, 50 articles
    python benchmarks/export.py 1 200      # any sizes
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import make_corpus, timed  # the sibling benchmark (benchmarks/ is no package)

import natokg
from natokg.endpoint import OxigraphServer, load_store, push
from natokg.export import FORMATS, export

GRAPHS = ["asserted", "ontology", "background"]


def bench(size: int, tmp: Path) -> None:
    dataset = natokg.load(make_corpus(size, tmp / "data"))
    print(f"{size} article(s), {len(natokg.select(dataset, GRAPHS))} triples")
    for name in FORMATS:
        text = timed(f"export {name}", lambda name=name: export(dataset, name, GRAPHS))
        print(f"  {'':<22} {len(text.encode('utf-8')) / 1024:8.0f} KiB")
    with OxigraphServer(tmp / "server") as server:
        endpoint = f"{server.url}/store"
        pushed = timed("push (GSP PUT)", lambda: push(dataset, endpoint, GRAPHS))
        timed("push again", lambda: push(dataset, endpoint, GRAPHS))
        print(f"  {'graphs pushed':<22} {len(pushed):8d}")
    timed("serve: load store", lambda: load_store(dataset, tmp / "store", GRAPHS))


def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            bench(size, Path(tmp))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 50])
