"""The interactive HTML view: one self-contained page, JavaScript inline, nothing loaded from anywhere."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from natokg.files import atomic_write
from natokg.network.analysis import _simple
from natokg.network.placement import _edges_to_draw, _label_lines, _present, layout
from natokg.network.projection import why_empty
from natokg.network.relations import (
    DASHES,
    SEED,
    TYPE_COLOURS,
    Row,
    _local_name,
    _names,
    _relation_label,
    relation_style,
)


@dataclass(frozen=True)
class NetworkView:
    """A self-contained interactive HTML page; Jupyter and VS Code show it inline (iframe srcdoc).

    >>> view = NetworkView("<p>hi</p>")
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """

    html: str
    height: int = 640

    def __repr__(self) -> str:
        return f"NetworkView({len(self.html)} characters of HTML)"

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" title="natokg network"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (atomically) and return the path."""
        return atomic_write(path, self.html)


def interactive(graph: nx.Graph, *, seed: int = SEED, title: str = "natokg actor network") -> NetworkView:
    """An interactive view of ``graph``: the layout of :func:`layout`, drawn by inline JavaScript on a
    canvas. Hover shows labels and relations; click shows the evidence; drag moves nodes, the
    wheel zooms. Works offline, in a browser, Jupyter or VS Code.

    >>> view = interactive(nx.Graph([("a", "b")]))
    >>> "http" in view.html.split("<script")[1], view.html.count("<script")
    (False, 2)
    """
    template = resources.files("natokg").joinpath("templates/network.html").read_text(encoding="utf-8")
    payload = json_text(_view_data(graph, seed, title), separators=(",", ":"))
    # Inside <script>, "</" would end the element: escape it (and <!-- ) the JSON way.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = template.replace("__NATOKG_TITLE__", html.escape(title)).replace("__NATOKG_DATA__", payload)
    return NetworkView(page)


def json_text(data: Any, **options: Any) -> str:
    r"""JSON that encodes as UTF-8 whatever strings ``data`` holds: non-ASCII text stays readable, and
    a lone surrogate (which UTF-8 cannot encode) is written as its ``\uXXXX`` escape, as
    ``ensure_ascii`` would, so that :func:`json.loads` gives back the same string.

    >>> json_text(["é", chr(0xDC80)])
    '["é", "\\udc80"]'
    """
    text = json.dumps(data, ensure_ascii=False, default=str, **options)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_SURROGATE = re.compile("[\\ud800-\\udfff]")


def _view_data(graph: nx.Graph, seed: int, title: str) -> Row:
    pos = layout(graph, seed)
    simple = _simple(graph)
    nodes = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    types, relations = _present(graph)
    return {
        "title": title,
        "directed": graph.is_directed(),
        "nodes": [
            {
                "label": graph.nodes[n].get("label", _local_name(n)),
                "lines": _label_lines(graph, n),
                "type": graph.nodes[n].get("type", ""),
                "cls": graph.nodes[n].get("cls", ""),
                "iri": str(n),
                "colour": TYPE_COLOURS.get(graph.nodes[n].get("type"), "#555555"),
                "degree": simple.degree(n),
                "x": pos[n][0],
                "y": pos[n][1],
            }
            for n in nodes
        ],
        "edges": [
            {
                "s": index[u],
                "t": index[v],
                "label": data["label"] if isinstance(data.get("label"), str) else "; ".join(data.get("label", [])),
                "colour": relation_style(_names(data)[0])[0],
                "dash": list(DASHES[relation_style(_names(data)[0])[1]]),
                "inferred": bool(data.get("inferred")),
                "rad": rad,
                "evidence": list(data.get("evidence", [])),
                "phrases": list(data.get("phrases", [])),
            }
            for u, v, data, rad in _edges_to_draw(graph)
        ],
        "types": [[t, TYPE_COLOURS[t]] for t in types],
        "relations": [[_relation_label(n), *relation_style(n)] for n in relations],
        "note": why_empty(graph) if not len(graph) else None,
    }
