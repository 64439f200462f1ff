"""Building the corpus store: the Turtle files parsed once by Oxigraph into an on-disk store.

The Turtle files stay the source of truth; the store is derived from them and can always be
rebuilt. Layout of a store folder: ``oxigraph/`` (the query database) and ``engine/`` (the
graphs the rules join; see :mod:`natokg.store.layout`), and ``manifest.json`` (per named graph,
its files with their SHA-256 and its triple count; the natokg, rules and format versions; the
derived counts and contradictions; ``complete``).

Two ways to bring a store up to date, both parsing only the files whose hash changed:

* new articles only: parsed into a staging store, added in place, and the inferences extended
  semi-naively (:func:`natokg.store.rules.extend_closure`); a few seconds at most;
* anything else (an article edited or removed; ontology, entities or background changed; a new
  version; no trusted store; an addition whose inferences reach a blank node of an older file):
  the old store's unchanged graphs are copied (Oxigraph's N-Quads, not Turtle) into an in-memory
  store, the changed files parsed, the closure computed there, and the two databases bulk-loaded
  into new folders that replace the old ones.

Crash safety: before touching the database the manifest is rewritten as incomplete (atomically,
by :mod:`natokg.files`), and it is written complete last. A store whose manifest is missing,
incomplete or of another format, whose database fails to open (RocksDB reports corruption), or
whose small graphs (ontology, entities, background, the last article; the engine's copies of the
ontology and background) do not hold the counted triples, is not trusted: the next
:func:`build` rebuilds it from the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from natokg.errors import InputError, NatokgError
from natokg.files import atomic_write
from natokg.loading import PACKAGE_DIR, Sources
from natokg.namespaces import (
    BACKGROUND_GRAPH,
    ENTITIES_GRAPH,
    INFERRED_GRAPHS,
    ONTOLOGY_GRAPH,
    article_graph,
)
from natokg.store._oxigraph import graph_to_rdflib, oxigraph
from natokg.store.dumps import bulk_load, dump_graph
from natokg.store.layout import BACKGROUND_ONLY, ENGINE_DIR, ENGINE_GRAPHS, REPORTED, RULES_VERSION

MANIFEST = "manifest.json"
REUSE = "reuse.nq"
OXIGRAPH_DIR = "oxigraph"
FORMAT_VERSION = 1

Progress = Callable[[str], None]


@dataclass
class Timings:
    """Seconds spent by the last :func:`build`: parse, reason, validate (per article, cached), write to disk."""

    parse: float = 0.0
    reason: float = 0.0
    validate: float | None = None
    write: float = 0.0
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
    #: whether queries see the two inferred graphs (``dataclasses.replace(store, inferred=False)``
    #: gives a view without them, as ``--no-inferred`` does)
    inferred: bool = True

    @property
    def contradictions(self) -> list[str]:
        return list(self.manifest.get("contradictions", []))

    def close(self) -> None:
        """Release the database (and its lock), so that another build or process may open it."""
        self.oxigraph = None

    def graph_names(self) -> list[str]:
        """The named graphs built from source files, sorted."""
        return sorted(self.manifest["graphs"])

    def article_slugs(self) -> list[str]:
        """The slugs of the articles in the store (``graph/article/<slug>``), sorted."""
        prefix = str(article_graph(""))
        return [g.removeprefix(prefix) for g in self.graph_names() if g.startswith(prefix)]


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
    validate: bool = True,
) -> Store:
    """Build or bring up to date the store of ``sources`` (a :class:`Sources`, a data root, or
    the default data root) in ``store_dir`` (default :func:`default_store_dir`), and return it open.

    Only files whose content changed are parsed (by Oxigraph's parser). New articles are added
    in place, their inferences computed incrementally (:func:`natokg.store.rules.extend_closure`);
    any other change (an article edited or removed, the ontology, entities or background changed,
    a new natokg or rules version, an untrusted store) rebuilds the store in memory from the files
    that did not change in the old store plus the changed files, reasons from scratch, and
    replaces the store on disk. ``progress``: a callable taking one line, ``True`` for a line on
    stderr, ``False`` for none, ``None`` for a line only when stderr is a terminal. Bad files raise
    :class:`InputError` naming the file and line, and leave the old store as it was.
    ``validate``: check the articles parsed (SHACL, spans, quotations, texts) and cache the results
    for ``natokg validate`` (:mod:`natokg.store.validate`); the implicit builds of queries skip it,
    ``natokg validate`` then checks what has no cached result.

    >>> import tempfile
    >>> store = build(store_dir=tempfile.mkdtemp())
    >>> "https://w3id.org/natokg/graph/entities" in store.graph_names()
    True
    """
    if not isinstance(sources, Sources):
        sources = Sources.find(sources)
    folder = Path(store_dir) if store_dir is not None else default_store_dir(sources.root)
    # Two builds at once (two commands, or a query's implicit build beside `natokg build`): the
    # second waits for the first, then finds the store up to date instead of failing on RocksDB's lock.
    with _build_lock(folder):
        return _build(sources, folder, _progress(progress), validate=validate)


def _build(sources: Sources, folder: Path, report: Progress | None, *, validate: bool) -> Store:
    """:func:`build` once ``folder``'s build lock is held."""
    manifest, disk, engine = _open_trusted(folder)
    wanted = _plan(sources, manifest.get("stats"))
    old_graphs: dict[str, Any] = manifest["graphs"]
    changed = sorted(g for g, plan in wanted.items() if old_graphs.get(g, {}).get("files") != plan["files"])
    removed = set(old_graphs) - set(wanted)
    current = _of_this_version(manifest)
    if disk is not None and current and not changed and not removed:
        if manifest.get("stats") != _stats(wanted):  # touched, not changed: remember the new times
            manifest["stats"] = _stats(wanted)
            _write_manifest(folder, manifest)
        return Store(folder, disk, manifest)
    prefix = str(article_graph(""))
    if (
        disk is not None
        and current
        and not removed
        and all(g.startswith(prefix) and g not in old_graphs for g in changed)
    ):
        store = _add_articles(
            folder, disk, engine, manifest, {g: wanted[g] for g in changed}, sources, report, validate=validate
        )
        if store is not None:
            return store
    del engine
    reuse: set[str] = set()
    if disk is not None:
        # Oxigraph's own N-Quads of the old store: the unchanged graphs are not parsed from Turtle again.
        reuse = {g for g in wanted if g not in changed}
        disk.dump(str(folder / REUSE), format=oxigraph().RdfFormat.N_QUADS)
    del disk  # closes the old store, so that it can be replaced
    return _rebuild(folder, wanted, sources, report, reuse=reuse, validate=validate)


def _rebuild(
    folder: Path,
    wanted: dict[str, dict[str, Any]],
    sources: Sources,
    report: Progress | None,
    *,
    reuse: set[str],
    validate: bool = True,
) -> Store:
    """Build the store in memory (the graphs in ``reuse`` from the old store's dump, the others
    parsed from their files), reason there, and write its two databases in one bulk load each."""
    ox = oxigraph()
    timings = Timings()
    started = time.perf_counter()
    memory = ox.Store()
    if reuse:
        memory.load(path=str(folder / REUSE), format=ox.RdfFormat.N_QUADS)
        memory.remove_graph(ox.DefaultGraph())
        for graph in list(memory.named_graphs()):
            if graph.value not in reuse:
                memory.remove_graph(graph)
    (folder / REUSE).unlink(missing_ok=True)
    graphs: dict[str, Any] = {}
    for number, (name, plan) in enumerate(sorted(wanted.items()), 1):
        node = ox.NamedNode(name)
        if name in reuse:
            graphs[name] = {"files": plan["files"], "triples": _count(memory, name)}
            continue
        for path in plan["paths"]:
            _load(memory, path, node)
            timings.parsed_files.append(_file_name(path, sources.root))
        graphs[name] = {"files": plan["files"], "triples": _count(memory, name)}
        if report is not None and number % 100 == 0:
            report(f"parsing {number}/{len(wanted)}")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT_VERSION, "complete": False, "graphs": graphs, "stats": _stats(wanted)}
    _write_manifest(folder, manifest)  # from here until the end, a crash leaves a store marked half-built
    dumps = {directory: folder / f"{directory}.nq" for directory in (OXIGRAPH_DIR, ENGINE_DIR)}
    timings.parse = time.perf_counter() - started

    # The query database's named graphs are the parsed graphs as they are: one N-Quads dump.
    started = time.perf_counter()
    memory.dump(str(dumps[OXIGRAPH_DIR]), format=ox.RdfFormat.N_QUADS)
    timings.write = time.perf_counter() - started

    if validate:  # validation per article, cached (issue 10)
        from natokg.store.validate import validate_new

        timings.validate = validate_new(memory, sources, folder, graphs)

    # The rules run in a store of their own, which holds the reporting's deduplicated union and,
    # apart from it, the background's other triples (the two together, once, are the default
    # graph of the query database), and the ontology and background that the rules read. Oxigraph
    # keeps a removed graph's quads in its indexes, so the parsed graphs are not removed: their
    # store is dropped.
    started = time.perf_counter()
    engine = ox.Store()
    # Copied as N-Quads text through pyoxigraph.parse, which keeps blank-node labels (Store.load
    # would rename them, and the query database would then hold two names for one node), in
    # batches of a few MB so that the copy never holds the whole text.
    batch: list[bytes] = []
    size = 0
    for name in [*(g for g in graphs if g != str(BACKGROUND_GRAPH)), None]:
        if name is not None:
            batch.append(dump_graph(memory, name, REPORTED))
            size += len(batch[-1])
        if size > 1 << 24 or name is None:
            engine.extend(ox.parse(b"".join(batch), ox.RdfFormat.N_QUADS))
            batch, size = [], 0
    for name in (str(ONTOLOGY_GRAPH), str(BACKGROUND_GRAPH)):
        engine.extend(ox.parse(dump_graph(memory, name), ox.RdfFormat.N_QUADS))
    del memory
    engine.update(
        f"INSERT {{ GRAPH <{BACKGROUND_ONLY}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{BACKGROUND_GRAPH}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH <{REPORTED}> {{ ?s ?p ?o }} }} }}"
    )
    timings.parse += time.perf_counter() - started

    started = time.perf_counter()
    asserted = [REPORTED, BACKGROUND_ONLY]
    before_reasoning = (*asserted, str(ONTOLOGY_GRAPH), str(BACKGROUND_GRAPH))  # the engine's, written now
    quads = sum(plan["triples"] for plan in graphs.values()) + sum(_count(engine, g) for g in asserted)
    with dumps[OXIGRAPH_DIR].open("ab") as query_dump, dumps[ENGINE_DIR].open("wb") as engine_dump:
        for name in asserted:  # materialise() consumes REPORTED: it is written first
            query_dump.write(dump_graph(engine, name, None))
        for name in before_reasoning:
            engine_dump.write(dump_graph(engine, name))
    for directory in dumps:
        shutil.rmtree(folder / f"{directory}.new", ignore_errors=True)
    timings.write += time.perf_counter() - started

    started = time.perf_counter()
    from natokg.store.rules import compile_rules, materialise

    ontology = graph_to_rdflib(engine, str(ONTOLOGY_GRAPH))
    outcome = materialise(engine, compile_rules(ontology), progress=report)
    timings.reason = time.perf_counter() - started

    # Each database in one bulk load: Oxigraph renames blank nodes per load (two loads would make
    # two nodes of one), and each load adds first-level files that slow queries until compacted.
    started = time.perf_counter()
    inferred = [str(g) for g in INFERRED_GRAPHS]
    quads += sum(outcome.added[name] for name in inferred)
    with dumps[OXIGRAPH_DIR].open("ab") as query_dump, dumps[ENGINE_DIR].open("ab") as engine_dump:
        for name in inferred:
            query_dump.write(dump_graph(engine, name))
        for name in ENGINE_GRAPHS:
            if name not in before_reasoning:
                engine_dump.write(dump_graph(engine, name))
    del engine
    bulk_load(folder, dumps, compact=OXIGRAPH_DIR)
    for directory in (OXIGRAPH_DIR, ENGINE_DIR):
        shutil.rmtree(folder / directory, ignore_errors=True)
        os.replace(folder / f"{directory}.new", folder / directory)
    timings.write += time.perf_counter() - started
    manifest.update(
        complete=True,
        natokg=_natokg_version(),
        rules=RULES_VERSION,
        contradictions=outcome.contradictions,
        derived={name: outcome.added.get(name, 0) for name in inferred},
        quads=quads,
    )
    _write_manifest(folder, manifest)
    if report is not None:
        report("")
    return Store(folder, _open_writable(folder / OXIGRAPH_DIR), manifest, timings)


def _add_articles(
    folder: Path,
    disk: Any,
    engine: Any,
    manifest: dict[str, Any],
    added: dict[str, dict[str, Any]],
    sources: Sources,
    report: Progress | None,
    *,
    validate: bool = True,
) -> Store | None:
    """Add new article graphs to a trusted store in place and extend the inferences incrementally.

    None when the new inferences touch a blank node of an older file: the two databases name
    blank nodes differently, so the caller rebuilds instead."""
    ox = oxigraph()
    timings = Timings()
    started = time.perf_counter()
    staging = ox.Store()
    for name, plan in added.items():
        for path in plan["paths"]:
            _load(staging, path, ox.NamedNode(name))
            timings.parsed_files.append(_file_name(path, sources.root))
    quads = list(staging)
    del staging
    manifest["complete"] = False
    _write_manifest(folder, manifest)
    reported, default = ox.NamedNode(REPORTED), ox.DefaultGraph()
    new = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    new = {t for t in new if ox.Quad(t.subject, t.predicate, t.object, reported) not in engine}
    asserted = [ox.Quad(t.subject, t.predicate, t.object, default) for t in new]
    asserted = [q for q in asserted if q not in disk]  # the background may state it already
    disk.extend(quads + asserted)
    engine.extend(ox.Quad(t.subject, t.predicate, t.object, reported) for t in new)
    for name, plan in added.items():
        triples = sum(1 for q in quads if q.graph_name.value == name)
        manifest["graphs"][name] = {"files": plan["files"], "triples": triples}
        manifest.setdefault("stats", {}).update(plan["stats"])
    timings.parse = time.perf_counter() - started

    started = time.perf_counter()
    from natokg.store.rules import compile_rules, extend_closure

    ontology = graph_to_rdflib(engine, str(ONTOLOGY_GRAPH))
    outcome = extend_closure(engine, compile_rules(ontology), new, progress=report)
    own = {t for q in quads for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)}
    changes = [*outcome.kept, *outcome.evicted]
    if any(isinstance(t, ox.BlankNode) and t not in own for q in changes for t in (q.subject, q.object)):
        return None
    inferred = {str(g) for g in INFERRED_GRAPHS}
    disk.extend(outcome.kept)
    for quad in outcome.evicted:
        if quad.graph_name.value in inferred:
            disk.remove(quad)
    timings.reason = time.perf_counter() - started
    if validate:  # validation per article, cached (issue 10)
        from natokg.store.validate import validate_new

        timings.validate = validate_new(disk, sources, folder, manifest["graphs"])
    disk.flush()
    engine.flush()
    for name in manifest["derived"]:
        manifest["derived"][name] += outcome.added.get(name, 0) - outcome.removed.get(name, 0)
    evicted = sum(outcome.removed.get(name, 0) for name in inferred)
    manifest["quads"] += len(quads) + len(asserted) + len(outcome.kept) - evicted
    contradictions = sorted({*manifest.get("contradictions", ()), *outcome.contradictions})
    manifest.update(complete=True, contradictions=contradictions)
    _write_manifest(folder, manifest)
    if report is not None:
        report("")
    return Store(folder, disk, manifest, timings)


_COUNT = "SELECT (COUNT(*) AS ?n) WHERE {{ {} {{ ?s ?p ?o }} }}"


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
    except (OSError, RuntimeError) as exc:
        raise NatokgError(f"{folder}: the store does not open ({exc}); build it again") from None
    return Store(folder, store, manifest)


def _open_trusted(folder: Path) -> tuple[dict[str, Any], Any, Any]:
    """The manifest and the two open databases in ``folder`` if they can be trusted, else an empty
    manifest and None twice."""
    manifest = _read_manifest(folder)
    empty: dict[str, Any] = {"format": FORMAT_VERSION, "complete": False, "graphs": {}}
    if manifest is None or not manifest.get("complete") or manifest.get("format") != FORMAT_VERSION:
        return empty, None, None
    try:
        store, engine = _open_writable(folder / OXIGRAPH_DIR), _open_writable(folder / ENGINE_DIR)
    except (OSError, RuntimeError) as exc:  # RocksDB reports damage as RuntimeError ("Corruption: ...")
        # RocksDB's lock (another process has the database open); not "block checksum mismatch"
        if isinstance(exc, OSError) and "while lock file" in str(exc).lower():
            raise NatokgError(f"{folder}: the store is in use by another build; try again when it ends") from None
        return empty, None, None
    # Counting every quad takes seconds on a big store; the small graphs, which the rebuild writes
    # last (in sorted order, after the articles), show a half-written or damaged store as well.
    graphs = manifest["graphs"]
    checked = [str(ONTOLOGY_GRAPH), str(ENTITIES_GRAPH), str(BACKGROUND_GRAPH), *sorted(graphs)[-1:]]
    try:
        trusted = all(
            name in graphs and _count(store, name) == graphs[name]["triples"] for name in dict.fromkeys(checked)
        ) and all(
            _count(engine, name) == graphs[name]["triples"] for name in map(str, (ONTOLOGY_GRAPH, BACKGROUND_GRAPH))
        )
    except (OSError, RuntimeError, KeyError, TypeError):
        trusted = False
    return (manifest, store, engine) if trusted else (empty, None, None)


def _open_writable(path: Path, *, patience: float = 5.0) -> Any:
    """Open the database for writing. A store of this process that was just released may keep its
    lock until RocksDB's background work ends, so a lock held by this process is waited for."""
    ox = oxigraph()
    deadline = time.monotonic() + patience
    while True:
        try:
            return ox.Store(str(path))
        except OSError as exc:
            if "current process" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _count(store: Any, name: str | None) -> int:
    """Triples in the named graph ``name`` (the default graph for None)."""
    return int(next(iter(store.query(_COUNT.format(f"GRAPH <{name}>" if name else ""))))["n"].value)


def _plan(sources: Sources, known: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Per named graph: its files (path relative to the root and SHA-256), their paths, and per
    file its modification time (ns), size and SHA-256 (``stats``).

    ``known`` is the ``stats`` of the last build: a file whose time and size are unchanged keeps
    its hash without being read again, as git's index does, so that checking a corpus of
    thousands of files for changes costs a ``stat`` per file."""
    groups = {
        str(ONTOLOGY_GRAPH): list(sources.ontology),
        str(ENTITIES_GRAPH): [sources.entities, *sources.own_entities],
        str(BACKGROUND_GRAPH): [sources.background],
    }
    groups |= {str(article_graph(p.stem)): [p] for p in sources.articles}
    known = known or {}
    plan = {}
    for name, paths in groups.items():
        files, stats = [], {}
        for path in paths:
            relative = _file_name(path, sources.root)
            try:
                status = path.stat()
                seen = known.get(relative)
                if seen and seen[:2] == [status.st_mtime_ns, status.st_size]:
                    digest = seen[2]
                else:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
            files.append([relative, digest])
            stats[relative] = [status.st_mtime_ns, status.st_size, digest]
        plan[name] = {"files": files, "paths": paths, "stats": stats}
    return plan


def _file_name(path: Path, root: Path) -> str:
    """A source file's name in the manifest: relative to the data root, or absolute for the shipped
    ontology, entities and background that a root made by ``natokg init`` uses from the package."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _stats(wanted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {relative: stat for plan in wanted.values() for relative, stat in plan["stats"].items()}


def current(
    sources: Sources | str | Path | None = None,
    store_dir: str | Path | None = None,
    *,
    progress: Progress | bool | None = None,
) -> Store:
    """The store of ``sources``, up to date, as the commands use it: opened read-only (so that
    several processes may query it at once) when no file changed since the last :func:`build`,
    else built first (see :func:`build`; only the changed files are parsed).

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> current(store_dir=folder, progress=False).timings.parsed_files != []
    True
    >>> current(store_dir=folder, progress=False).timings.parsed_files
    []
    """
    if not isinstance(sources, Sources):
        sources = Sources.find(sources)
    folder = Path(store_dir) if store_dir is not None else default_store_dir(sources.root)
    up_to_date = _open_if_current(folder, sources)
    if up_to_date is not None:
        return up_to_date
    # Two commands started at once: the second waits for the first one's build, then reads it.
    with _build_lock(folder):
        up_to_date = _open_if_current(folder, sources)
        if up_to_date is not None:
            return up_to_date
        # a query does not wait for SHACL: natokg validate checks what has no cached result
        built = _build(sources, folder, _progress(progress), validate=False)
        timings = built.timings
        built.close()
        del built
    reopened = open_store(folder)
    reopened.timings = timings
    return reopened


def _open_if_current(folder: Path, sources: Sources) -> Store | None:
    """The store in ``folder`` opened read-only if it is complete, of this version, and no file
    changed since it was built (by modification time and size, else by hash); else None."""
    manifest = _read_manifest(folder)
    if (
        manifest is None
        or not manifest.get("complete")
        or manifest.get("format") != FORMAT_VERSION
        or not _of_this_version(manifest)
    ):
        return None
    wanted = _plan(sources, manifest.get("stats"))
    if {g: p["files"] for g, p in wanted.items()} != {g: p["files"] for g, p in manifest["graphs"].items()}:
        return None
    try:
        return open_store(folder)
    except NatokgError:
        return None  # damaged: the caller rebuilds it


@contextmanager
def _build_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s build lock (``flock`` on ``build.lock``) while building: another process
    waits for it. Not re-entrant (a second ``flock`` in this process waits for the first): take it
    once, around :func:`_build`. Without ``fcntl`` (Windows) no lock is taken, and a second build reports the
    store as in use, as :func:`build` does."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with (folder.parent / f"{folder.name}.build.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _load(store: Any, path: Path, graph: Any) -> None:
    """Parse one Turtle file into ``graph`` of ``store``; errors name the file and line."""
    ox = oxigraph()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=graph)
    except SyntaxError as exc:
        message = str(exc).split(" (line")[0]
        raise InputError(f"invalid Turtle: {message}", path=str(path), line=exc.lineno) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"invalid RDF: {exc}", path=str(path)) from None


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("graphs"), dict) else None


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    atomic_write(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))


def _of_this_version(manifest: dict[str, Any]) -> bool:
    """Built by this natokg with these rules (else it is reasoned again)."""
    return manifest.get("rules") == RULES_VERSION and manifest.get("natokg") == _natokg_version()


def _natokg_version() -> str:
    from natokg import __version__

    return __version__


def _progress(setting: Progress | bool | None) -> Progress | None:
    """A callable for progress lines: the given one, a bar rewritten on stderr, or none.

    >>> import io, contextlib
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     _progress(True)("parsing 5/10")
    >>> err.getvalue().split("]")[0].count("#")
    10
    """
    if callable(setting):
        return setting
    if setting is False or (setting is None and not sys.stderr.isatty()):
        return None

    def show(line: str) -> None:
        done, _, total = line.rpartition(" ")[2].partition("/")
        if done.isdigit() and total.isdigit() and int(total):
            filled = 20 * int(done) // int(total)
            line = f"[{'#' * filled}{'.' * (20 - filled)}] {line}"
        sys.stderr.write(f"\r\033[K{line}")
        sys.stderr.flush()

    return show
