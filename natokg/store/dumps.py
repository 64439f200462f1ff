"""Writing a store's databases: graphs of an in-memory Oxigraph store as N-Quads text, and that
text bulk-loaded into a new on-disk database, in chunks when it is large.

Kept apart from :mod:`natokg.store.build`, which decides what goes where.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from natokg.store._oxigraph import oxigraph

#: Bytes of N-Quads per bulk load of a large database (see :func:`bulk_load`).
LOAD_CHUNK = 1 << 25


def bulk_load(folder: Path, dumps: dict[str, Path], *, compact: str | None = None) -> None:
    """Bulk-load each N-Quads file of ``dumps`` (by database folder name) into a new database
    ``<folder>/<name>.new``, then delete the file.

    Oxigraph's bulk loader holds about five times its input in memory (784 MiB for 825 000
    quads, 2.1 GiB for 1.86 million, measured), and pyoxigraph does not let one bound it; a file
    larger than two :data:`LOAD_CHUNK` is loaded in chunks of that size instead, and the database
    named ``compact`` (the one queries read) compacted after: each load leaves first-level files
    that slow queries. The chunks go
    through :func:`pyoxigraph.parse`, which keeps blank-node labels: each ``bulk_load`` call
    would rename them, making two nodes of one."""
    ox = oxigraph()
    for directory, dump in dumps.items():
        database = ox.Store(str(folder / f"{directory}.new"))
        if dump.stat().st_size <= 2 * LOAD_CHUNK:
            database.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        else:
            with dump.open("rb") as handle:
                rest = b""
                while block := handle.read(LOAD_CHUNK):
                    block = rest + block
                    cut = block.rfind(b"\n") + 1
                    database.bulk_extend(ox.parse(block[:cut], ox.RdfFormat.N_QUADS))
                    rest = block[cut:]
                if rest:
                    database.bulk_extend(ox.parse(rest, ox.RdfFormat.N_QUADS))
            if directory == compact:
                database.optimize()
        database.flush()
        del database
        dump.unlink()


def in_graph(triples: bytes, name: str | None) -> bytes:
    """N-Triples as N-Quads lines in the graph ``name`` (None: the default graph, which they are).
    An escaped N-Triples line ends with the only " .\\n" it holds.

    >>> in_graph(b'<urn:s> <urn:p> "a .\\\\n" .\\n', "urn:g")
    b'<urn:s> <urn:p> "a .\\\\n" <urn:g> .\\n'
    """
    return triples if name is None else triples.replace(b" .\n", f" <{name}> .\n".encode())


def dump_graph(memory: Any, graph: str, name: str | None = "") -> bytes:
    """The named graph ``graph`` of ``memory`` as N-Quads lines in the graph ``name`` (by default
    ``graph`` itself; None for the default graph)."""
    ox = oxigraph()
    data = memory.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
    return in_graph(data, graph if name == "" else name)
