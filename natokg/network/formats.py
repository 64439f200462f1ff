"""Network files: PNG, SVG, HTML, GraphML, GEXF and node-link JSON, written atomically."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from natokg.errors import InputError, NatokgError
from natokg.network.drawing import _picture_bytes
from natokg.network.html import interactive
from natokg.network.relations import Row

#: Output formats of :func:`write_network` and ``natokg network --format``; the first three are drawn.
FORMATS = ("png", "svg", "html", "graphml", "gexf", "json")


PICTURES = FORMATS[:3]


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: lists become lines, the rest JSON or text."""

    def flat(value: Any) -> Any:
        if isinstance(value, bool | int | float) or value is None:
            return value
        if isinstance(value, str):
            return str(value)
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return "\n".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)

    def attributes(data: Row) -> Row:
        return {key: flat(value) for key, value in data.items() if value is not None}

    out = graph.__class__()
    out.graph.update(attributes(graph.graph))
    out.add_nodes_from((str(node), attributes(data)) for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        out.add_edges_from((str(u), str(v), key, attributes(d)) for u, v, key, d in graph.edges(keys=True, data=True))
    else:
        out.add_edges_from((str(u), str(v), attributes(d)) for u, v, d in graph.edges(data=True))
    return out


def _export_bytes(graph: nx.Graph, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_flat(graph), buffer)
    elif fmt == "gexf":
        nx.write_gexf(_flat(graph), buffer)
    else:
        data = nx.node_link_data(graph, edges="links")
        buffer.write(json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
    return buffer.getvalue()


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise InputError("the folder to write into does not exist", path=str(path.parent))


def _write_atomic(path: Path, content: bytes) -> Path:
    """Write through a temporary file beside ``path``: a crash leaves the old file or the whole new one."""
    _check_folder(path)
    # NamedTemporaryFile creates files readable by their owner only; give the result the usual mode.
    umask = os.umask(0)
    os.umask(umask)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        temporary = Path(handle.name)
        handle.write(content)
    try:
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def format_of(path: str | Path, format: str | None = None) -> str:
    """The output format: ``format`` if given, else the file's suffix; checked against :data:`FORMATS`,
    along with the folder the file goes into (so that a bad path fails before any work is done).

    >>> format_of("net.GEXF"), format_of("net.out", "json")
    ('gexf', 'json')
    """
    fmt = (format or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise NatokgError(f"--format: cannot tell the format of {str(path)!r}; choose from {', '.join(FORMATS)}")
    _check_folder(Path(path))
    return fmt


def write_network(graph: nx.Graph, path: str | Path, format: str | None = None, **options: Any) -> Path:
    """Write ``graph`` to ``path`` as PNG, SVG, HTML, GraphML, GEXF or node-link JSON (atomically).

    The format comes from ``format`` or the suffix of ``path``. ``options`` go to :func:`draw`
    (png, svg) or :func:`interactive` (html).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_network(nx.Graph([("a", "b")]), folder / "net.graphml").read_text()[:38]
    "<?xml version='1.0' encoding='utf-8'?>"
    """
    fmt = format_of(path, format)
    renderers: dict[str, Callable[[], bytes]] = {
        "png": lambda: _picture_bytes(graph, "png", **options),
        "svg": lambda: _picture_bytes(graph, "svg", **options),
        "html": lambda: interactive(graph, **options).html.encode("utf-8"),
    }
    content = renderers[fmt]() if fmt in renderers else _export_bytes(graph, fmt)
    return _write_atomic(Path(path), content)
