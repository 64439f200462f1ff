"""Pictures of the actor network: a stable layout, PNG and SVG."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset

from natokg.namespaces import NKR
from natokg.network import (
    DASHES,
    RELATIONS,
    ROLES,
    TYPE_COLOURS,
    actor_network,
    draw,
    layout,
    relation_style,
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


# --- Colours a colour-blind reader can tell apart; labels that stay visible (issue 9 §8) ---------

# The Okabe–Ito palette as published (Okabe & Ito 2008), without its yellow.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"}

# The relations the issue found almost the same colour in the old view.
CONFUSED = [
    ("represents", "questionedCommitmentOf", "announcedHandoverBy"),
    ("memberOf", "respondedTo"),
    ("holdsPostIn", "spokeTo"),
]


def test_every_relation_has_its_own_style_from_okabe_ito() -> None:
    for table in (RELATIONS, ROLES):
        styles = [relation_style(name) for name in table]
        assert len(set(styles)) == len(table)  # colour and pattern together tell every relation apart
        assert {colour for colour, _ in styles} <= OKABE_ITO
        assert {dash for _, dash in styles} <= set(DASHES)


@pytest.mark.parametrize("group", CONFUSED)
def test_the_confused_relations_differ_in_colour(group: tuple[str, ...]) -> None:
    colours = [relation_style(name)[0] for name in group]
    assert len(set(colours)) == len(group)


def _label_boxes(figure: Any) -> tuple[list[Any], list[tuple[float, float, float]], Any]:
    ax = figure.axes[0]
    renderer = figure.canvas.get_renderer()
    dots = ax.collections[0]
    centres = ax.transData.transform(dots.get_offsets())
    radii = [size**0.5 / 2 * figure.dpi / 72 for size in dots.get_sizes()]
    labels = [text.get_window_extent(renderer) for text in ax.texts if text.get_zorder() > dots.get_zorder()]
    return labels, [(x, y, r) for (x, y), r in zip(centres, radii, strict=True)], ax.bbox


@pytest.mark.parametrize("view", ["asserted", "inferred", "bipartite"])
def test_edge_labels_are_neither_clipped_nor_under_nodes(inferred_dataset: Dataset, view: str) -> None:
    graph = actor_network(inferred_dataset, inferred=view == "inferred", bipartite=view == "bipartite")
    figure = draw(graph, edge_labels=True)
    labels, discs, inside = _label_boxes(figure)
    assert len(labels) == graph.number_of_edges()
    for box in labels:
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
        for x, y, r in discs:
            nearest = (min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1))
            assert ((x - nearest[0]) ** 2 + (y - nearest[1]) ** 2) ** 0.5 >= r - 0.5


def test_the_picture_draws_each_relation_in_its_style(network: nx.MultiDiGraph) -> None:
    from matplotlib.colors import to_hex
    from matplotlib.patches import FancyArrowPatch

    figure = draw(actor_network_of(network, ["memberOf", "respondedTo", "spokeTo"]))
    arrows = [patch for patch in figure.axes[0].patches if isinstance(patch, FancyArrowPatch)]
    drawn = Counter((to_hex(arrow.get_edgecolor()).upper(), arrow.get_linestyle() != "-") for arrow in arrows)
    # From the article: 7 memberOf (solid orange: two ministers of the Trump administration, five groups of
    # NATO), 1 respondedTo (dotted reddish purple), 1 spokeTo (dashed black).
    assert drawn == Counter({("#E69F00", False): 7, ("#CC79A7", True): 1, ("#000000", True): 1})


def actor_network_of(network: nx.MultiDiGraph, relations: list[str]) -> nx.MultiDiGraph:
    keep = [(u, v, k) for u, v, k in network.edges(keys=True) if k in relations]
    return network.edge_subgraph(keep).copy()
