"""Endpoints: push the graph to any SPARQL 1.1 server, or serve it read-only from this machine.

:func:`push` speaks the SPARQL 1.1 Graph Store HTTP Protocol, so it works with any server that
does (Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso, QLever): one ``PUT ?graph=IRI`` per named
graph, which the server applies atomically. Pushing the same graphs again leaves the server as it
was; a push that fails part-way leaves every graph either as it was or wholly replaced.

:func:`serve` does not implement a web server: it loads the graph into a temporary Oxigraph store
and runs Oxigraph's own read-only SPARQL server over it (``pip install 'natokg[server]'``).

Answers through a server equal local ones. natokg's default graph is the *set* union of the named
graphs, so a triple stated in two articles counts once; a server's "union default graph" (Oxigraph's
``--union-default-graph``) matches it once per graph and counts it twice. So :func:`serve` stores
the deduplicated union as the real default graph beside the named graphs, and serves without that
option; ``push(..., default_graph=True)`` (``natokg push --default-graph``) does the same on a
server whose default graph is its own.

>>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/natokg/graph/background")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fnatokg%2Fgraph%2Fbackground'
"""

from __future__ import annotations

import errno
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType

from rdflib import Dataset, Graph, URIRef

from natokg.errors import NatokgError
from natokg.export import Selection, canonical_dataset, nquads, ntriples, selected_graphs
from natokg.files import atomic_write
from natokg.http import check_endpoint, send

#: Seconds to wait for one HTTP request to a SPARQL server.
TIMEOUT = 60.0


@dataclass(frozen=True)
class PushedGraph:
    """One named graph that :func:`push` replaced on the server."""

    graph: URIRef
    triples: int
    status: int


def graph_store_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol address of one named graph: ``endpoint?graph=IRI``."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': str(graph)})}"


def push(
    dataset: Dataset,
    endpoint: str,
    graphs: Selection = None,
    *,
    timeout: float = TIMEOUT,
    on_graph: Callable[[PushedGraph], None] | None = None,
    default_graph: bool = False,
) -> list[PushedGraph]:
    """Replace the selected named graphs on a Graph Store Protocol ``endpoint``, one PUT each.

    ``endpoint`` is the server's graph store address (Oxigraph: ``http://host:7878/store``;
    Fuseki: ``http://host:3030/DATASET/data``). ``on_graph`` is called after each graph is
    replaced, e.g. to report progress. Errors name the endpoint and the graph, and say how many
    graphs were already replaced.

    ``default_graph=True`` also replaces the server's default graph (``PUT ?default``, reported as
    :data:`DEFAULT_GRAPH`) with the union of the pushed graphs, each triple once: on a server that
    keeps its default graph apart (Oxigraph without ``--union-default-graph``, Fuseki without
    ``unionDefaultGraph``) queries then count as natokg's do, even for a triple stated in two graphs.

    >>> import natokg
    >>> push(natokg.load(), "ftp://example.org/store")
    Traceback (most recent call last):
    natokg.errors.NatokgError: --endpoint 'ftp://example.org/store' is not an http:// or https:// URL
    """
    check_endpoint(endpoint)
    data = canonical_dataset(dataset, graphs)
    names = selected_graphs(dataset, graphs)
    parts = [(name, data.graph(name)) for name in names]
    if default_graph:
        parts.append((DEFAULT_GRAPH, union_graph(data)))
    pushed: list[PushedGraph] = []
    for name, graph in parts:
        # N-Triples is a subset of Turtle, and text/turtle is the one type every GSP server takes.
        body = ntriples(graph).encode("utf-8")
        url = _default_graph_url(endpoint) if name == DEFAULT_GRAPH else graph_store_url(endpoint, name)
        request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "text/turtle"})
        try:
            status, _, _ = send(request, endpoint, timeout)
        except NatokgError as exc:
            progress = f"{len(pushed)} of {len(parts)} graphs replaced before it, the others unchanged"
            raise NatokgError(f"{exc} (pushing graph <{name}>; {progress})") from None
        pushed.append(PushedGraph(name, len(graph), status))
        if on_graph is not None:
            on_graph(pushed[-1])
    return pushed


#: How :func:`push` reports the server's default graph (it has no IRI of its own).
DEFAULT_GRAPH = URIRef("urn:x-natokg:default-graph")


def _default_graph_url(endpoint: str) -> str:
    """The Graph Store Protocol address of the default graph: ``endpoint?default``."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}default"


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of ``dataset``'s graphs, once: the default graph natokg queries see.

    >>> from rdflib import Literal
    >>> ds = Dataset()
    >>> for g in ("urn:g1", "urn:g2"):
    ...     _ = ds.graph(URIRef(g)).add((URIRef("urn:s"), URIRef("urn:p"), Literal("same")))
    >>> len(union_graph(ds))
    1
    """
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now.

    >>> 0 < free_port() < 65536
    True
    """
    return check_bind(host, 0)


def check_bind(host: str, port: int) -> int:
    """Return ``port`` (a free one for 0) if a server could listen on ``host:port`` now; else raise a
    :class:`NatokgError` that says which is wrong: the host is no address, not one of this
    machine's, or the port is in use or needs privileges.

    >>> check_bind("999.1.1.1", 7878)
    Traceback (most recent call last):
    natokg.errors.NatokgError: --host '999.1.1.1' is not a valid host name or IP address (Name or service not known)
    """
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
            return int(probe.getsockname()[1])
    except socket.gaierror as exc:
        raise NatokgError(f"--host {host!r} is not a valid host name or IP address ({exc.strerror})") from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise NatokgError(f"cannot listen on {host}:{port}: the port is in use") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise NatokgError(f"--host {host!r} is not an address of this machine") from None
        if exc.errno == errno.EACCES:
            raise NatokgError(
                f"cannot listen on {host}:{port}: permission denied (ports below 1024 need privileges)"
            ) from None
        raise NatokgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def oxigraph_binary() -> str:
    """The ``oxigraph`` command: on the PATH, or beside this Python (an unactivated virtualenv)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = shutil.which("oxigraph") or (str(beside) if beside.is_file() else None)
    if found is None:
        raise NatokgError("the oxigraph server is not installed; run: pip install 'natokg[server]'")
    return found


class OxigraphServer:
    """An Oxigraph SPARQL server process over the store in ``location``, on ``host:port``.

    Use it as a context manager: it waits (boundedly) until the server answers, and always stops
    it. ``read_only`` refuses every update; ``union_default_graph`` makes the default graph the
    union of the named graphs, as in :func:`natokg.load`; ``cors`` answers pages of other origins.
    """

    def __init__(
        self,
        location: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        read_only: bool = False,
        union_default_graph: bool = False,
        cors: bool = False,
    ) -> None:
        self.location = Path(location)
        self.host = host
        self.port = port if port is not None else free_port(host)
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.cors = cors
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's root address, e.g. ``http://127.0.0.1:7878``; SPARQL is at ``/query``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self, timeout: float = 30.0) -> OxigraphServer:
        """Start the server and return once it accepts connections (or raise after ``timeout`` s)."""
        mode = "serve-read-only" if self.read_only else "serve"
        command = [oxigraph_binary(), mode, "--location", str(self.location), "--bind", f"{self.host}:{self.port}"]
        if self.union_default_graph:
            command.append("--union-default-graph")
        if self.cors:
            command.append("--cors")
        self.location.mkdir(parents=True, exist_ok=True)
        where = f"oxigraph could not serve {self.location} on {self.host}:{self.port}"
        try:
            check_bind(self.host, self.port)  # else the readiness check below would see another server
        except NatokgError as exc:
            raise NatokgError(f"{where}: {exc}") from None
        # Oxigraph's messages go to a file, not a pipe nobody reads (a full pipe would block it).
        log = self.location.parent / f"{self.location.name}.log"
        with log.open("wb") as handle:
            self.process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                message = log.read_text("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
                raise NatokgError(f"{where} (exit code {self.process.returncode}): {message[0]}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise NatokgError(f"oxigraph did not start listening on {self.host}:{self.port} within {timeout:g} s")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server: politely first, then by force."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)

    def wait(self) -> int:
        """Block until the server exits; return its exit code."""
        assert self.process is not None, "start() the server first"
        return self.process.wait()

    def __enter__(self) -> OxigraphServer:
        return self.start() if self.process is None else self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def load_store(dataset: Dataset, location: str | Path, graphs: Selection = None) -> Path:
    """Load the selected named graphs into a new Oxigraph store at ``location`` (with ``oxigraph load``),
    and their union, each triple once, as its default graph (see the module's notes)."""
    location = Path(location)
    location.mkdir(parents=True, exist_ok=True)
    data = canonical_dataset(dataset, graphs)
    union = ((s, p, o, None) for s, p, o in union_graph(data))
    quads = atomic_write(
        location.parent / f"{location.name}.nq", nquads([*data.quads((None, None, None, None)), *union])
    )
    result = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(quads)],
        capture_output=True,
        text=True,
        check=False,
    )
    quads.unlink()
    if result.returncode != 0:
        raise NatokgError(f"oxigraph could not load the graph into {location}: {result.stderr.strip()}")
    return location


def serve(
    dataset: Dataset,
    graphs: Selection = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    cors: bool = False,
    on_ready: Callable[[OxigraphServer], None] | None = None,
) -> int:
    """Serve the selected graphs as a read-only SPARQL endpoint at ``http://host:port/query``.

    The default graph is the union of the named graphs, each triple once, as locally (it is stored,
    not Oxigraph's ``--union-default-graph``, which counts a triple once per graph that states it).
    It runs until the server is stopped (Ctrl-C or SIGTERM), then removes its temporary store;
    returns the server's exit code. A bad ``host`` or a busy ``port`` fails before anything loads.
    """
    check_bind(host, port)
    with tempfile.TemporaryDirectory(prefix="natokg-serve-") as folder:
        store = load_store(dataset, Path(folder) / "store", graphs)
        server = OxigraphServer(store, host=host, port=port, read_only=True, cors=cors)
        previous = _stop_on_sigterm()
        try:
            with server:
                if on_ready is not None:
                    on_ready(server)
                return server.wait()
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm() -> signal.Handlers | Callable[[int, FrameType | None], object] | int | None:
    """Turn SIGTERM into KeyboardInterrupt, so that ``finally`` blocks stop the server and clean up."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: signals cannot be handled here
        return None
