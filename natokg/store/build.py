"""Building the corpus store: the Turtle files parsed once by Oxigraph into an on-disk store.

The Turtle files stay the source of truth; the store is derived from them and can always be
rebuilt. A manifest beside the store records, per named graph, its files with their SHA-256 and
the triple count, plus the natokg and rules versions, so :func:`build` re-parses only the graphs
whose files changed and drops the graphs of removed files. The manifest is first rewritten as
incomplete, the store changed, and the manifest written complete last (atomically, by
:mod:`natokg.files`): a crash half-way leaves a store that the next build detects and rebuilds
from scratch, as it does a store that fails to open or whose counts differ from the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from natokg.errors import InputError, NatokgError
from natokg.files import atomic_write
from natokg.loading import PACKAGE_DIR, Sources
from natokg.namespaces import BACKGROUND_GRAPH, ENTITIES_GRAPH, ONTOLOGY_GRAPH, article_graph
from natokg.store._oxigraph import oxigraph, to_rdflib
from natokg.store.rules import BACKGROUND_ONLY, RULES_VERSION, Materialisation, compile_rules, materialise

MANIFEST = "manifest.json"
OXIGRAPH_DIR = "oxigraph"
FORMAT_VERSION = 1

Progress = Callable[[str], None]


@dataclass
class Timings:
    """Seconds spent by the last :func:`build`: parse (and store), reason, validate (not yet here)."""

    parse: float = 0.0
    reason: float = 0.0
    validate: float | None = None
    parsed_files: list[str] = field(default_factory=list)


@dataclass
class Store:
    """A built corpus store: its folder, the open pyoxigraph store and the manifest.

    ``timings`` says what the build that returned it did (``parsed_files`` lists the files it
    parsed, relative to the data root); ``contradictions`` are owlrl-style messages, empty when
    the data is consistent with the ontology.
    """

    path: Path
    oxigraph: Any
    manifest: dict[str, Any]
    timings: Timings = field(default_factory=Timings)

    @property
    def contradictions(self) -> list[str]:
        return list(self.manifest.get("contradictions", []))

    def graph_names(self) -> list[str]:
        """The named graphs built from source files, sorted."""
        return sorted(self.manifest["graphs"])


def default_store_dir(root: Path) -> Path:
    """Where the store of the data under ``root`` lives: ``<root>/.natokg/store`` for a data folder
    of one's own; for the data shipped inside the package (or a read-only folder), a folder named
    by a hash of the root under ``$NATOKG_CACHE_DIR`` (see :func:`natokg.reasoning.cache_dir`).

    >>> default_store_dir(Path("/tmp/mydata"))
    PosixPath('/tmp/mydata/.natokg/store')
    """
    root = Path(root).resolve()
    shipped = root == (PACKAGE_DIR / "_data").resolve()
    if not shipped and (os.access(root, os.W_OK) or not root.exists()):
        return root / ".natokg" / "store"
    from natokg.reasoning import cache_dir

    return cache_dir() / "store" / hashlib.sha256(str(root).encode()).hexdigest()[:16]


def build(
    sources: Sources | str | Path | None = None,
    store_dir: str | Path | None = None,
    *,
    progress: Progress | bool | None = None,
) -> Store:
    """Build or bring up to date the store of ``sources`` (a :class:`Sources`, a data root, or
    the default data root) in ``store_dir`` (default :func:`default_store_dir`), and return it open.

    Only graphs whose files changed are parsed (by Oxigraph's parser); reasoning reruns when
    anything changed. ``progress``: a callable taking one line, ``True`` for a bar on stderr,
    ``False`` for none, ``None`` for a bar only when stderr is a terminal. Bad files raise
    :class:`InputError` naming the file and line; the store is then left marked incomplete.

    >>> import tempfile
    >>> store = build(store_dir=tempfile.mkdtemp())
    >>> "https://w3id.org/natokg/graph/entities" in store.graph_names()
    True
    """
    ox = oxigraph()
    if not isinstance(sources, Sources):
        sources = Sources.find(sources)
    folder = Path(store_dir) if store_dir is not None else default_store_dir(sources.root)
    report = _progress(progress)
    timings = Timings()
    manifest, store = _open_trusted(folder)
    started = time.perf_counter()
    wanted = _plan(sources)
    old_graphs: dict[str, Any] = manifest["graphs"]
    changed = {g for g, files in wanted.items() if old_graphs.get(g, {}).get("files") != files}
    removed = set(old_graphs) - set(wanted)
    stale = manifest.get("rules") != RULES_VERSION or manifest.get("natokg") != _natokg_version()
    if not changed and not removed and not stale and manifest.get("complete"):
        return Store(folder, store, manifest, timings)

    manifest["complete"] = False
    _write_manifest(folder, manifest)
    reported_before = {g for g in old_graphs if g != str(BACKGROUND_GRAPH)}
    dropped: set[Any] = set()
    for number, name in enumerate(sorted(changed | removed), 1):
        node = ox.NamedNode(name)
        if name in reported_before:
            dropped.update(
                ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, node)
            )
        store.remove_graph(node)
        old_graphs.pop(name, None)
        if name in wanted:
            quads = []
            for path in wanted[name]["paths"]:
                quads += _parse(path, node)
                timings.parsed_files.append(str(path.relative_to(sources.root)))
            if name != str(BACKGROUND_GRAPH):
                quads += [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads]
            _add(store, quads)
            old_graphs[name] = {"files": wanted[name]["files"], "triples": _count(store, node)}
        if report is not None:
            report(f"parsing {number}/{len(changed | removed)}")
    _drop_from_union(store, dropped, set(old_graphs) - {str(BACKGROUND_GRAPH)})
    _refresh_background_only(store)
    timings.parse = time.perf_counter() - started

    started = time.perf_counter()
    ontology = _rdflib_graph(store, str(ONTOLOGY_GRAPH))
    outcome: Materialisation = materialise(store, compile_rules(ontology), ontology, progress=report)
    timings.reason = time.perf_counter() - started
    store.flush()
    manifest.update(
        complete=True,
        format=FORMAT_VERSION,
        natokg=_natokg_version(),
        rules=RULES_VERSION,
        contradictions=outcome.contradictions,
        derived=outcome.derived,
        quads=len(store),
    )
    _write_manifest(folder, manifest)
    if report is not None:
        report("")
    return Store(folder, store, manifest, timings)


def open_store(store_dir: str | Path, *, read_only: bool = True) -> Store:
    """Open a store that :func:`build` completed; raise :class:`NatokgError` when it is missing,
    half-built or from another version (then run :func:`build`)."""
    ox = oxigraph()
    folder = Path(store_dir)
    manifest = _read_manifest(folder)
    if manifest is None or not manifest.get("complete") or manifest.get("rules") != RULES_VERSION:
        raise NatokgError(f"{folder}: no complete natokg store here; build it first")
    try:
        opener = ox.Store.read_only if read_only else ox.Store
        store = opener(str(folder / OXIGRAPH_DIR))
    except OSError as exc:
        raise NatokgError(f"{folder}: the store does not open ({exc}); build it again") from None
    return Store(folder, store, manifest)


def _open_trusted(folder: Path) -> tuple[dict[str, Any], Any]:
    """The manifest and open store in ``folder`` if they can be trusted, else an empty new store."""
    ox = oxigraph()
    manifest = _read_manifest(folder)
    if manifest is not None and manifest.get("complete") and manifest.get("format") == FORMAT_VERSION:
        try:
            store = ox.Store(str(folder / OXIGRAPH_DIR))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise NatokgError(f"{folder}: the store is in use by another process") from None
            store = None
        if store is not None and len(store) == manifest.get("quads"):
            return manifest, store
        del store  # an untrusted store is closed before its files are removed
    shutil.rmtree(folder / OXIGRAPH_DIR, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    return {"format": FORMAT_VERSION, "complete": False, "graphs": {}}, ox.Store(str(folder / OXIGRAPH_DIR))


def _plan(sources: Sources) -> dict[str, dict[str, Any]]:
    """Per named graph: its files (path relative to the root and SHA-256) and their paths."""
    groups = {
        str(ONTOLOGY_GRAPH): list(sources.ontology),
        str(ENTITIES_GRAPH): [sources.entities],
        str(BACKGROUND_GRAPH): [sources.background],
    }
    groups |= {str(article_graph(p.stem)): [p] for p in sources.articles}
    plan = {}
    for name, paths in groups.items():
        files = []
        for path in paths:
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
            files.append([str(path.relative_to(sources.root)), digest])
        plan[name] = {"files": files, "paths": paths}
    return plan


def _parse(path: Path, graph: Any) -> list[Any]:
    """The triples of one Turtle file as quads in ``graph``; errors name the file and line."""
    ox = oxigraph()
    try:
        return [
            ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        ]
    except SyntaxError as exc:
        message = str(exc).split(" (line")[0]
        raise InputError(f"invalid Turtle: {message}", path=str(path), line=exc.lineno) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"invalid RDF: {exc}", path=str(path)) from None


def _add(store: Any, quads: list[Any]) -> None:
    # Bulk loading writes files directly: fast for big batches, wasteful for small ones.
    if len(quads) > 100_000:
        store.bulk_extend(quads)
    else:
        store.extend(quads)


def _count(store: Any, graph: Any) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def _drop_from_union(store: Any, dropped: set[Any], reported: set[str]) -> None:
    """Remove from the default graph (the union of the reported graphs) the triples of removed or
    changed graphs that no remaining reported graph holds."""
    ox = oxigraph()
    for triple in dropped:
        holders = {
            str(q.graph_name.value)
            for q in store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
            if isinstance(q.graph_name, ox.NamedNode)
        }
        if not holders & reported:
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, ox.DefaultGraph()))


def _refresh_background_only(store: Any) -> None:
    """The background triples that the reporting does not state, in their own graph, so that the
    default graph plus this graph is the deduplicated union of everything asserted."""
    ox = oxigraph()
    target = ox.NamedNode(BACKGROUND_ONLY)
    store.remove_graph(target)
    quads = [
        ox.Quad(q.subject, q.predicate, q.object, target)
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(str(BACKGROUND_GRAPH)))
        if not list(store.quads_for_pattern(q.subject, q.predicate, q.object, ox.DefaultGraph()))
    ]
    store.extend(quads)


def _rdflib_graph(store: Any, name: str) -> Graph:
    ox = oxigraph()
    graph = Graph()
    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("graphs"), dict) else None


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    atomic_write(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))


def _natokg_version() -> str:
    from natokg import __version__

    return __version__


def _progress(setting: Progress | bool | None) -> Progress | None:
    """A callable for progress lines: given, a line rewritten on stderr, or none."""
    if callable(setting):
        return setting
    if setting is False or (setting is None and not sys.stderr.isatty()):
        return None

    def show(line: str) -> None:
        sys.stderr.write(f"\r\033[K{line}" if line else "\r\033[K")
        sys.stderr.flush()

    return show
