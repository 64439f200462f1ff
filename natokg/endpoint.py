"""Endpoints: push the graph to any SPARQL 1.1 server, or serve it read-only from this machine.

:func:`push` speaks the SPARQL 1.1 Graph Store HTTP Protocol, so it works with any server that
does (Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso, QLever): one ``PUT ?graph=IRI`` per named
graph, which the server applies atomically. Pushing the same graphs again leaves the server as it
was; a push that fails part-way leaves every graph either as it was or wholly replaced.

:func:`serve` does not implement a web server: it loads the graph into a temporary Oxigraph store
and runs Oxigraph's own read-only SPARQL server over it (``pip install 'natokg[server]'``).

>>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/natokg/graph/background")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fnatokg%2Fgraph%2Fbackground'
"""

from __future__ import annotations

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

from rdflib import Dataset, URIRef

from natokg.errors import NatokgError
from natokg.export import Selection, canonical_dataset, ntriples, selected_graphs, write
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
) -> list[PushedGraph]:
    """Replace the selected named graphs on a Graph Store Protocol ``endpoint``, one PUT each.

    ``endpoint`` is the server's graph store address (Oxigraph: ``http://host:7878/store``;
    Fuseki: ``http://host:3030/DATASET/data``). ``on_graph`` is called after each graph is
    replaced, e.g. to report progress. Errors name the endpoint and the graph, and say how many
    graphs were already replaced.

    >>> import natokg
    >>> push(natokg.load(), "ftp://example.org/store")
    Traceback (most recent call last):
    natokg.errors.NatokgError: --endpoint 'ftp://example.org/store' is not an http:// or https:// URL
    """
    check_endpoint(endpoint)
    data = canonical_dataset(dataset, graphs)
    names = selected_graphs(dataset, graphs)
    pushed: list[PushedGraph] = []
    for name in names:
        graph = data.graph(name)
        # N-Triples is a subset of Turtle, and text/turtle is the one type every GSP server takes.
        body = ntriples(graph).encode("utf-8")
        request = urllib.request.Request(
            graph_store_url(endpoint, name), data=body, method="PUT", headers={"Content-Type": "text/turtle"}
        )
        try:
            status, _, _ = send(request, endpoint, timeout)
        except NatokgError as exc:
            progress = f"{len(pushed)} of {len(names)} graphs replaced before it, the others unchanged"
            raise NatokgError(f"{exc} (pushing graph <{name}>; {progress})") from None
        pushed.append(PushedGraph(name, len(graph), status))
        if on_graph is not None:
            on_graph(pushed[-1])
    return pushed


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on ``host`` that nothing listens on right now.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


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
        if not _port_is_free(self.host, self.port):  # else the readiness check below would see the other server
            raise NatokgError(f"{where}: the port is in use")
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
    """Load the selected named graphs into a new Oxigraph store at ``location`` (with ``oxigraph load``)."""
    location = Path(location)
    location.mkdir(parents=True, exist_ok=True)
    quads = write(dataset, location.parent / f"{location.name}.nq", graphs=graphs)
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

    The default graph is the union of the named graphs, as locally. It runs until the server is
    stopped (Ctrl-C or SIGTERM), then removes its temporary store; returns the server's exit code.
    """
    with tempfile.TemporaryDirectory(prefix="natokg-serve-") as folder:
        store = load_store(dataset, Path(folder) / "store", graphs)
        server = OxigraphServer(store, host=host, port=port, read_only=True, union_default_graph=True, cors=cors)
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
