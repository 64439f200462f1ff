"""Pictures of the actor network: a stable layout, PNG and SVG."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from natokg.namespaces import NKR
from natokg.network import (
    TYPE_COLOURS,
    actor_network,
    layout,
    write_network,
)


def test_layout_is_stable(dataset: Dataset, network: nx.MultiDiGraph) -> None:
    again = actor_network(dataset)
    assert layout(network) == layout(again)
    assert layout(network) != layout(network, seed=8)
    pos = layout(network)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    # Isolated Italy waits in the bottom strip; the connected actors fill the rest of the picture.
    others = [xy for node, xy in pos.items() if node != NKR["italy"]]
    assert pos[NKR["italy"]][1] < 0.08 <= min(y for _, y in others)
    assert min(x for x, _ in others) == 0 and max(x for x, _ in others) == 1 and max(y for _, y in others) == 1


def test_png_is_drawn_with_colours_per_type(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    from PIL import Image

    path = write_network(network, tmp_path / "network.png")
    assert path.stat().st_size > 50_000
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size[0] >= 1200 and image.size[1] >= 800
        pixels = Counter({colour: n for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)})
    white = pixels[(255, 255, 255)]
    assert white < 0.97 * sum(pixels.values())  # not blank
    assert len(pixels) > 200  # many colours: nodes, edges, text
    for kind in ("person", "organisation", "state", "collective actor"):
        rgb = tuple(int(TYPE_COLOURS[kind][i : i + 2], 16) for i in (1, 3, 5))
        assert pixels[rgb] > 300, kind  # discs of each actor type's colour are really painted
    # Same input, same picture.
    assert write_network(network, tmp_path / "again.png").read_bytes() == path.read_bytes()


def test_svg_is_stable_and_has_labels(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    first = write_network(network, tmp_path / "a.svg").read_text(encoding="utf-8")
    second = write_network(network, tmp_path / "b.svg").read_text(encoding="utf-8")
    assert first == second and first.lstrip().startswith("<?xml") and "<svg" in first
