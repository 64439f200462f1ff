"""Static pictures of the actor network (PNG, SVG) with matplotlib."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from natokg.extras import require
from natokg.network.analysis import _simple
from natokg.network.placement import _edges_to_draw, _label_lines, _present, layout
from natokg.network.projection import why_empty
from natokg.network.relations import DASHES, SEED, TYPE_COLOURS, _names, _relation_label, relation_style


def draw(
    graph: nx.Graph,
    *,
    seed: int = SEED,
    edge_labels: bool | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Any:
    """A static picture of ``graph`` as a matplotlib Figure (no pyplot state is touched).

    Nodes are coloured by type and sized by degree; edges have the colour and line pattern of
    their relation (:func:`~natokg.network.relation_style`: Okabe–Ito colours, solid, dashed or
    dotted), inferred edges are faded, and a legend explains both. ``edge_labels`` writes each
    relation on its edge (by default when there are at most 60 edges), on the first point of the
    curve, from its middle outwards, where the label covers no node; labels are drawn above the
    nodes and never clipped. The layout is :func:`layout` with ``seed``. A graph without nodes
    gives a picture that says so (and why, from :func:`~natokg.network.projection.why_empty`).
    Raises :class:`NatokgError` naming the extra (``plot``) when matplotlib or numpy is missing.

    >>> import natokg
    >>> fig = draw(natokg.actor_network(natokg.load(), ["memberOf"]))
    >>> [legend.get_title().get_text() for legend in fig.legends]
    ['actors', 'relations']
    """
    require_picture()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    pos = layout(graph, seed)
    simple = _simple(graph)
    # Text keeps its size, so a larger graph gets a larger canvas.
    scale = max(1.0, (len(graph) / 25) ** 0.5)
    figure = Figure(figsize=figsize or (15 * scale, 10 * scale), dpi=110)
    renderer = FigureCanvasAgg(figure).get_renderer()  # to measure text before placing edge labels
    ax = figure.add_axes((0.01, 0.01, 0.78, 0.94 if title else 0.98))
    ax.set_axis_off()
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.08, 1.05)
    if title:
        figure.suptitle(title, fontsize=14, x=0.4, y=0.985)
    if not len(graph):
        ax.text(0.5, 0.5, why_empty(graph) or "no actors", ha="center", va="center", fontsize=12, wrap=True)
        return figure
    size = {node: 260 + 110 * simple.degree(node) for node in graph}
    radius = {node: size[node] ** 0.5 / 2 for node in graph}  # scatter sizes are in points²
    nodes = sorted(graph.nodes, key=str)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[size[n] for n in nodes],
        c=[TYPE_COLOURS.get(graph.nodes[n].get("type"), "#555555") for n in nodes],
        edgecolors="white",
        linewidths=1.5,
        zorder=3,
    )
    names = []
    for node in nodes:
        names.append(
            ax.annotate(
                "\n".join(_label_lines(graph, node)),
                pos[node],
                xytext=(0, -radius[node] - 2),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8.5,
                zorder=2.5,  # above the edges, below the nodes: a long label must not hide a node
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        )
    points = figure.dpi / 72
    discs = [(*ax.transData.transform(pos[n]), radius[n] * points) for n in nodes]
    # Boxes an edge label should not cover: the actors' names, then the labels already placed.
    boxes = [tuple(name.get_window_extent(renderer).extents) for name in names]
    show_labels = graph.number_of_edges() <= 60 if edge_labels is None else edge_labels
    for u, v, data, rad in _edges_to_draw(graph):
        colour, dash = relation_style(_names(data)[0])
        inferred = bool(data.get("inferred"))
        ax.add_patch(
            FancyArrowPatch(
                pos[u],
                pos[v],
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle="-|>" if graph.is_directed() else "-",
                mutation_scale=12,
                linewidth=1.3 + 0.8 * (data.get("weight", 1) - 1),
                linestyle=(0, DASHES[dash]) if DASHES[dash] else "-",
                color=colour,
                shrinkA=radius[u] + 1,
                shrinkB=radius[v] + 2,
                alpha=0.4 if inferred else 0.85,
                zorder=1,
            )
        )
        if show_labels:
            text = data["label"] if isinstance(data.get("label"), str) else "; ".join(data.get("label", []))
            label = ax.text(0, 0, text + (" (inferred)" if inferred else ""), fontsize=6.5, color=_darker(colour),
                            ha="center", va="center", zorder=4, clip_on=False, bbox={"boxstyle": "round,pad=0.1",
                            "fc": "white", "ec": "none", "alpha": 0.85})  # fmt: skip
            boxes.append(_place_on_curve(label, ax, renderer, pos[u], pos[v], rad, discs, boxes))
    types, relations = _present(graph)
    type_handles = [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=TYPE_COLOURS[t],
               markeredgecolor="white", label=t) for t in types
    ]  # fmt: skip
    relation_handles = []
    for name in relations:
        colour, dash = relation_style(name)
        style = (0, DASHES[dash]) if DASHES[dash] else "-"
        relation_handles.append(Line2D([], [], color=colour, linestyle=style, linewidth=2, label=_relation_label(name)))
    if any(data.get("inferred") for _, _, data in graph.edges(data=True)):
        relation_handles.append(Line2D([], [], color="#555555", alpha=0.4, linewidth=2, label="(faded: inferred)"))
    figure.legend(handles=type_handles, title="actors", loc="upper left", bbox_to_anchor=(0.8, 0.97), fontsize=9)
    # Long handles, so that dashed and dotted can be told apart in the legend too.
    figure.legend(
        handles=relation_handles, title="relations", loc="upper left", bbox_to_anchor=(0.8, 0.75), fontsize=8,
        handlelength=4,
    )  # fmt: skip
    return figure


#: Where on an edge its label may go, as Bézier parameters: the middle first, then outwards.
_LABEL_POSITIONS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
#: How far (pixels) a label may be moved off its curve, at right angles, when no point on it is free.
_LABEL_SHIFTS = (0.0, 9.0, -9.0, 18.0, -18.0, 30.0, -30.0)


def _place_on_curve(
    label: Any,
    ax: Any,
    renderer: Any,
    start: tuple[float, float],
    end: tuple[float, float],
    rad: float,
    discs: list[tuple[float, float, float]],
    boxes: list[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    """Move ``label`` to the first point on (or, failing that, just beside) the edge's curve where
    it covers no node disc (x, y, radius in pixels) and no box (x0, y0, x1, y1: names, other
    labels), else where it covers least, a node counting far more than a box; always inside the
    axes. Returns the box the label then takes.

    matplotlib's arc3 is a quadratic Bézier curve drawn in display space, with its control point
    at mid + rad·(dy, −dx); the candidates are computed there and mapped back to data coordinates.
    """
    (x1, y1), (x2, y2) = ax.transData.transform([start, end])
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    length = max(1e-9, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
    normal = ((y2 - y1) / length, -(x2 - x1) / length)
    inside = ax.bbox  # the axes: not under the title or the legends, not cut by the figure edge
    label.set_position(tuple(ax.transData.inverted().transform(((x1 + x2) / 2, (y1 + y2) / 2))))
    extent = label.get_window_extent(renderer).padded(2)
    half_width, half_height = extent.width / 2, extent.height / 2
    best: tuple[float, tuple[float, float]] | None = None
    for shift in _LABEL_SHIFTS:
        for t in _LABEL_POSITIONS:
            x = (1 - t) ** 2 * x1 + 2 * t * (1 - t) * cx + t**2 * x2 + shift * normal[0]
            y = (1 - t) ** 2 * y1 + 2 * t * (1 - t) * cy + t**2 * y2 + shift * normal[1]
            x = min(max(x, inside.x0 + half_width), inside.x1 - half_width)
            y = min(max(y, inside.y0 + half_height), inside.y1 - half_height)
            box = (x - half_width, y - half_height, x + half_width, y + half_height)
            covered = 100 * sum(_disc_overlap(box, disc) for disc in discs)
            covered += sum(_box_overlap(box, other) for other in boxes)
            # A label beside its curve must be clearly better than one on it.
            cost = covered + abs(shift) / 100
            if best is None or cost < best[0]:
                best = (cost, (x, y))
            if covered == 0:
                break
        if best is not None and best[0] < 1:
            break
    assert best is not None
    (x, y) = best[1]
    label.set_position(tuple(ax.transData.inverted().transform((x, y))))
    return (x - half_width, y - half_height, x + half_width, y + half_height)


def _box_overlap(box: tuple[float, float, float, float], other: tuple[float, float, float, float]) -> float:
    """How far two boxes (x0, y0, x1, y1) overlap, in pixels: the smaller side of their intersection.

    >>> _box_overlap((0, 0, 10, 10), (8, 5, 20, 20)), _box_overlap((0, 0, 10, 10), (11, 0, 20, 10))
    (2, 0)
    """
    width = min(box[2], other[2]) - max(box[0], other[0])
    height = min(box[3], other[3]) - max(box[1], other[1])
    return max(0, min(width, height))


def _disc_overlap(box: tuple[float, float, float, float], disc: tuple[float, float, float]) -> float:
    """How far a disc (x, y, r) reaches into a box (x0, y0, x1, y1), in pixels: 0 when they do not touch.

    >>> _disc_overlap((0, 0, 10, 10), (15, 5, 3)), _disc_overlap((0, 0, 10, 10), (12, 5, 3))
    (0.0, 1.0)
    """
    x, y, r = disc
    x0, y0, x1, y1 = box
    nearest_x, nearest_y = min(max(x, x0), x1), min(max(y, y0), y1)
    return max(0.0, r - ((x - nearest_x) ** 2 + (y - nearest_y) ** 2) ** 0.5)


def require_picture(purpose: str = "a picture of the network (PNG, SVG)") -> None:
    """Fail with one line naming the extra (``plot``) unless matplotlib and numpy are installed.

    >>> require_picture()
    """
    require(purpose, "matplotlib", "numpy")


def _darker(colour: str, factor: float = 0.75) -> str:
    """The colour with each channel scaled by ``factor``: small text stays readable on white.

    >>> _darker("#ffffff", 0.5)
    '#7f7f7f'
    """
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in channels)


def _picture_bytes(graph: nx.Graph, fmt: str, **options: Any) -> bytes:
    import matplotlib

    figure = draw(graph, **options)
    buffer = io.BytesIO()
    # A fixed salt and no date make the SVG the same on every run.
    with matplotlib.rc_context({"svg.hashsalt": "natokg", "svg.fonttype": "path"}):
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()
