"""Network files: PNG, SVG, HTML, GraphML, GEXF and node-link JSON, written atomically."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from natokg.errors import InputError, NatokgError
from natokg.files import atomic_write
from natokg.network.drawing import _picture_bytes, require_picture
from natokg.network.html import interactive, json_text
from natokg.network.placement import require_layout
from natokg.network.relations import FORMATS, Row


def xml_text(text: str) -> str:
    r"""``text`` made fit for XML 1.0, which forbids most control characters even as references.

    The mapping, the same in GraphML and GEXF: a C0 control character other than tab, line feed
    and carriage return (U+0000–U+001F) becomes its Unicode Control Picture (U+2400–U+241F,
    e.g. U+000B → ␋), so it stays visible and can be mapped back; a lone surrogate, U+FFFE or
    U+FFFF becomes U+FFFD; a carriage return, alone or before a line feed, becomes a line feed,
    as every XML parser reads it anyway (XML 1.0 § 2.11). Everything else is kept.

    >>> xml_text("a\x0bb\r\nc\udc80")
    'a␋b\nc�'
    """
    if _XML_FORBIDDEN.search(text) is None and "\r" not in text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_FORBIDDEN.sub(lambda m: chr(0x2400 + ord(m[0])) if m[0] < " " else "\ufffd", text)


# What XML 1.0 § 2.2 does not allow as a character: the C0 controls but tab, LF and CR; surrogates;
# U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: lists become lines, the rest JSON or
    text; every string passes through :func:`xml_text`."""

    def flat(value: Any) -> Any:
        if isinstance(value, bool | int | float) or value is None:
            return value
        if isinstance(value, str):
            return xml_text(str(value))
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return xml_text("\n".join(str(v) for v in value))
        return xml_text(json.dumps(value, ensure_ascii=False, default=str))

    def attributes(data: Row) -> Row:
        return {xml_text(str(key)): flat(value) for key, value in data.items() if value is not None}

    out = graph.__class__()
    out.graph.update(attributes(graph.graph))
    out.add_nodes_from((xml_text(str(node)), attributes(data)) for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        out.add_edges_from(
            (xml_text(str(u)), xml_text(str(v)), xml_text(str(key)), attributes(d))
            for u, v, key, d in graph.edges(keys=True, data=True)
        )
    else:
        out.add_edges_from((xml_text(str(u)), xml_text(str(v)), attributes(d)) for u, v, d in graph.edges(data=True))
    return out


def _export_bytes(graph: nx.Graph, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_flat(graph), buffer)
    elif fmt == "gexf":
        nx.write_gexf(_flat(graph), buffer)
    else:
        data = nx.node_link_data(graph, edges="links")
        buffer.write(json_text(data, indent=1).encode("utf-8"))
    return buffer.getvalue()


def _check_folder(path: Path) -> None:
    if path.is_dir():
        raise InputError("is a folder; give the name of the file to write", path=str(path))
    if not path.parent.is_dir():
        raise InputError("the folder to write into does not exist", path=str(path.parent))


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


def require_format(fmt: str) -> None:
    """Fail with one line naming the extra to install when ``fmt`` needs a missing module:
    png and svg need matplotlib and numpy (``plot``), html needs numpy (``view``) for its layout.

    >>> require_format("graphml")
    """
    if fmt in ("png", "svg"):
        require_picture(f"--format {fmt}")
    elif fmt == "html":
        require_layout(0, "--format html")


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
    require_format(fmt)
    renderers: dict[str, Callable[[], bytes]] = {
        "png": lambda: _picture_bytes(graph, "png", **options),
        "svg": lambda: _picture_bytes(graph, "svg", **options),
        "html": lambda: interactive(graph, **options).html.encode("utf-8"),
    }
    content = renderers[fmt]() if fmt in renderers else _export_bytes(graph, fmt)
    return atomic_write(path, content)
