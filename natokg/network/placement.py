"""Layout: seeded node positions and edge curvatures, shared by the pictures and the HTML view."""

from __future__ import annotations

import textwrap

import networkx as nx
from rdflib.term import Node

from natokg.extras import require
from natokg.network.analysis import _simple
from natokg.network.relations import RELATIONS, ROLES, SEED, TYPE_COLOURS, Row, _local_name, _names


def layout(graph: nx.Graph, seed: int = SEED) -> dict[Node, tuple[float, float]]:
    """Node positions in [0, 1]², the same on every run: a seeded spring layout over sorted nodes.

    Each connected component is laid out on its own and given room by its size (rows of
    components, largest first); isolated nodes sit in rows along the bottom, so that they
    neither squeeze the rest into a corner nor pile up.

    >>> pos = layout(nx.path_graph(3))
    >>> pos == layout(nx.path_graph(3)) and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    True
    """
    simple = _simple(graph)
    components = sorted(
        (sorted(component, key=str) for component in nx.connected_components(simple)),
        key=lambda c: (-len(c), str(c[0])),
    )
    require_layout(len(components[0]) if components else 0)
    groups = [c for c in components if len(c) > 1]
    singles = [c[0] for c in components if len(c) == 1]
    pos: dict[Node, tuple[float, float]] = {}
    per_row = 4  # about as many labels as fit side by side
    rows = -(-len(singles) // per_row)
    strip = 1.0 if not groups else min(0.3, 0.08 * rows)
    for i, node in enumerate(singles):
        row, column = divmod(i, per_row)
        in_row = min(per_row, len(singles) - row * per_row)
        pos[node] = (round((column + 0.5) / in_row, 6), round(strip * (1 - (row + 0.5) / rows) * 0.9, 6))
    rooms = _shelves([len(c) for c in groups], (0.0, strip, 1.0, 1.0)) if groups else []
    for component, box in zip(groups, rooms, strict=True):
        # A large component is stretched to fill its room; a small one keeps its shape.
        pos.update(_fit(_spring(simple, component, seed), box, stretch=len(component) >= 4))
    return pos


def require_layout(largest: int = 0, purpose: str = "the network layout") -> None:
    """Fail with one line naming the extra (``view``) if the layout cannot run here.

    networkx's spring layout needs numpy, and scipy for a component of 500 nodes or more
    (networkx 3.x switches to its sparse solver there); ``largest`` is the size of the largest
    connected component, when known.

    >>> require_layout(3)
    """
    require(purpose, "numpy", *(["scipy"] if largest >= 500 else []))


def _shelves(sizes: list[int], box: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """Rooms for components of these sizes (largest first): rows that fill the width of ``box``,
    each room as wide as the square root of its component's size.

    >>> _shelves([9], (0, 0, 1, 1))
    [(0.0, 0.0, 1.0, 1.0)]
    """
    sides = [size**0.5 for size in sizes]
    width = max([*sides, 1.4 * sum(sizes) ** 0.5])
    shelves: list[list[float]] = [[]]
    for side in sides:
        if shelves[-1] and sum(shelves[-1]) + side > width:
            shelves.append([])
        shelves[-1].append(side)
    x0, y0, x1, y1 = box
    height = sum(max(shelf) for shelf in shelves)
    pad = 0.04 if len(sizes) > 1 else 0.0
    rooms, top = [], y1
    for shelf in shelves:
        bottom = top - (y1 - y0) * max(shelf) / height
        left = x0
        for side in shelf:
            right = left + (x1 - x0) * side / sum(shelf)
            rooms.append((left + pad, bottom + pad, right - pad, top - pad))
            left = right
        top = bottom
    return [tuple(round(v, 6) for v in room) for room in rooms]


def _spring(simple: nx.Graph, nodes: list[Node], seed: int) -> dict[Node, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)  # sorted: the node order, hence the layout, is the same on every run
    ordered.add_edges_from(sorted((tuple(sorted(e, key=str)) for e in simple.subgraph(nodes).edges), key=str))
    raw = nx.spring_layout(ordered, seed=seed, k=1.8 / len(nodes) ** 0.5, iterations=500)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _fit(
    points: dict[Node, tuple[float, float]], box: tuple[float, float, float, float], *, stretch: bool = False
) -> dict[Node, tuple[float, float]]:
    """Scale ``points`` into ``box`` (x0, y0, x1, y1), centred; keeping their aspect unless ``stretch``."""
    x0, y0, x1, y1 = box
    xs, ys = [x for x, _ in points.values()], [y for _, y in points.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    span = max(width, height)
    sx = (x1 - x0) / (width if stretch and width else span) if span else 0.0
    sy = (y1 - y0) / (height if stretch and height else span) if span else 0.0
    if not stretch:
        sx = sy = min(sx, sy)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    return {node: (round(mx + (x - cx) * sx, 6), round(my + (y - cy) * sy, 6)) for node, (x, y) in points.items()}


def _edges_to_draw(graph: nx.Graph) -> list[tuple[Node, Node, Row, float]]:
    """Each edge with a curvature that keeps parallel edges apart (the same in PNG, SVG and HTML)."""
    edges = list(graph.edges(data=True))
    groups: dict[tuple[str, str], int] = {}
    for u, v, _ in edges:
        pair = tuple(sorted((str(u), str(v))))
        groups[pair] = groups.get(pair, 0) + 1
    seen: dict[tuple[str, str], int] = {}
    out = []
    for u, v, data in edges:
        pair = tuple(sorted((str(u), str(v))))
        index = seen.get(pair, 0)
        seen[pair] = index + 1
        rad = 0.0 if groups[pair] == 1 else 0.22 * (index - (groups[pair] - 1) / 2)
        # Curvature is relative to the direction of drawing: flip it for edges drawn the other way.
        out.append((u, v, data, rad if (str(u), str(v)) == pair else -rad))
    return out


def _present(graph: nx.Graph) -> tuple[list[str], list[str]]:
    """The node types and relations that occur in ``graph``, in legend order."""
    types = {data.get("type") for _, data in graph.nodes(data=True)}
    names = {name for _, _, data in graph.edges(data=True) for name in _names(data)}
    order = [*RELATIONS, *ROLES]
    return [t for t in TYPE_COLOURS if t in types], [n for n in order if n in names] + sorted(names - set(order))


def _label_lines(graph: nx.Graph, node: Node, width: int = 30) -> list[str]:
    """A node's label broken into short lines (events are labelled with whole clauses)."""
    return textwrap.wrap(graph.nodes[node].get("label", _local_name(node)), width) or [""]
