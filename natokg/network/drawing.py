"""Static pictures of the actor network (PNG, SVG) with matplotlib."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from natokg.errors import NatokgError
from natokg.network.analysis import _simple
from natokg.network.layout import _edges_to_draw, _label_lines, _present, layout
from natokg.network.relations import SEED, TYPE_COLOURS, _names, _relation_label, relation_colour


def draw(
    graph: nx.Graph,
    *,
    seed: int = SEED,
    edge_labels: bool | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Any:
    """A static picture of ``graph`` as a matplotlib Figure (no pyplot state is touched).

    Nodes are coloured by type and sized by degree, edges coloured by relation (dashed when
    inferred), with a legend for both; ``edge_labels`` writes each relation on its edge (by
    default when there are at most 60 edges). The layout is :func:`layout` with ``seed``.

    >>> import natokg
    >>> fig = draw(natokg.actor_network(natokg.load(), ["memberOf"]))
    >>> [legend.get_title().get_text() for legend in fig.legends]
    ['actors', 'relations']
    """
    try:
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrowPatch
    except ImportError:  # pragma: no cover - depends on the environment
        raise NatokgError("drawing needs matplotlib: pip install 'natokg[plot]'") from None
    pos = layout(graph, seed)
    simple = _simple(graph)
    # Text keeps its size, so a larger graph gets a larger canvas.
    scale = max(1.0, (len(graph) / 25) ** 0.5)
    figure = Figure(figsize=figsize or (15 * scale, 10 * scale), dpi=110)
    ax = figure.add_axes((0.01, 0.01, 0.78, 0.94 if title else 0.98))
    ax.set_axis_off()
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.08, 1.05)
    if title:
        figure.suptitle(title, fontsize=14, x=0.4, y=0.985)
    size = {node: 260 + 110 * simple.degree(node) for node in graph}
    radius = {node: size[node] ** 0.5 / 2 for node in graph}  # scatter sizes are in points²
    show_labels = graph.number_of_edges() <= 60 if edge_labels is None else edge_labels
    for u, v, data, rad in _edges_to_draw(graph):
        colour = relation_colour(_names(data)[0])
        ax.add_patch(
            FancyArrowPatch(
                pos[u],
                pos[v],
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle="-|>" if graph.is_directed() else "-",
                mutation_scale=12,
                linewidth=1.3 + 0.8 * (data.get("weight", 1) - 1),
                linestyle="--" if data.get("inferred") else "-",
                color=colour,
                shrinkA=radius[u] + 1,
                shrinkB=radius[v] + 2,
                alpha=0.85,
                zorder=1,
            )
        )
        if show_labels:
            # arc3 bends in display space: its control point is mid + rad·(dy, −dx) there, so the
            # curve's midpoint is mid + rad/2·(dy, −dx); compute it there and map it back.
            (x1, y1), (x2, y2) = ax.transData.transform([pos[u], pos[v]])
            mid = ((x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2)
            text = data["label"] if isinstance(data.get("label"), str) else "; ".join(data.get("label", []))
            ax.text(*ax.transData.inverted().transform(mid), text, fontsize=6.5, color=_darker(colour), ha="center",
                    va="center", zorder=2, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                    "alpha": 0.8})  # fmt: skip
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
    for node in nodes:
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
    types, relations = _present(graph)
    type_handles = [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=TYPE_COLOURS[t],
               markeredgecolor="white", label=t) for t in types
    ]  # fmt: skip
    relation_handles = [
        Line2D([], [], color=relation_colour(n), linewidth=2, label=_relation_label(n)) for n in relations
    ]
    if any(data.get("inferred") for _, _, data in graph.edges(data=True)):
        relation_handles.append(Line2D([], [], color="#555555", linestyle="--", linewidth=1.5, label="(inferred)"))
    figure.legend(handles=type_handles, title="actors", loc="upper left", bbox_to_anchor=(0.8, 0.97), fontsize=9)
    figure.legend(handles=relation_handles, title="relations", loc="upper left", bbox_to_anchor=(0.8, 0.75), fontsize=8)
    return figure


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
