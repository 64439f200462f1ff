"""The ``natokg`` command line: ``natokg validate``, ``stats``, ``query``, ``sparql``, ``network``,
``export``, ``push`` and ``serve``.

Errors are printed as one readable line naming the file, line, option or parameter at fault,
with exit code 2 (a usage error too: one line, no usage text); a graph that fails validation
exits with 1; Ctrl-C, at any time, exits with 130 after one line. Writing to standard output
that fails (a full disk) is one line and exit code 2; a closed pipe (``| head -1``) ends quietly.
Every numeric option is checked by the parser, with one type function per kind of number.
"""

from __future__ import annotations

import argparse
import errno
import logging
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from natokg.errors import NatokgError

EXIT_OK, EXIT_INVALID, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Set this environment variable to see the traceback of an internal error (a bug in natokg).
TRACEBACK_VARIABLE = "NATOKG_TRACEBACK"


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error in one line (the option and what is wrong) instead of the usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _OutputError(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.errno = error.errno


def _write(text: str | bytes) -> None:
    """Write to standard output (bytes as they are), turning a failure into :class:`_OutputError`."""
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
    except OSError as exc:
        raise _OutputError(exc) from None


def _say(line: str) -> None:
    """Print one line to standard output now (progress that must not wait in a buffer)."""
    _write(line + "\n")
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise _OutputError(exc) from None


def _int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error naming the range.

    >>> _int_in(1, 9)("3")
    3
    """

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value

    return parse


def _seconds(most: float) -> Callable[[str], float]:
    """An argparse type: a duration in seconds, more than 0 and at most ``most`` (no nan, no inf).

    >>> _seconds(60)("2.5")
    2.5
    >>> _seconds(60)("nan")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: 'nan' is not a number of seconds from 0 (exclusive) to 60
    """

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and 0 < value <= most):
            raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 (exclusive) to {most:g}")
        return value

    return parse


#: The longest time limit an option takes: a day.
MAX_SECONDS = 86_400.0


def _add_allow_network_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-network",
        action="store_true",
        help="let SERVICE and FROM <url> in a query reach the network or the file system (refused by default)",
    )


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="data root: a folder made by natokg init, or one holding ontology/ and graph/"
        " (default: NATOKG_DATA, else the nearest above the current folder, else the shipped data)",
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from natokg.loading import engine

    if engine() == "store":
        from natokg.store.validate import validate_root

        report = validate_root(args.data, consistency=not args.no_reasoning)
    else:
        from natokg.validation import validate_path

        report = validate_path(args.data, consistency=not args.no_reasoning)
    _write(f"{report}\n")
    return EXIT_OK if report.conforms else EXIT_INVALID


def cmd_stats(args: argparse.Namespace) -> int:
    from natokg.stats import stats

    figures = stats(_store_or_dataset(args, cache=not args.no_cache))
    width = max(len(name) for name in figures)
    _write("".join(f"{name:<{width}}  {value:>7}\n" for name, value in figures.items()))
    return EXIT_OK


def cmd_network(args: argparse.Namespace) -> int:
    from natokg.loading import SELECTIONS
    from natokg.network import PICTURES, ROLES, actor_network, format_of, query_subgraph, write_network
    from natokg.network.formats import require_format
    from natokg.network.projection import why_empty
    from natokg.network.relations import RELATIONS
    from natokg.queries import read_query_file, sparql

    # Everything that can be checked is checked before the (slow) loading.
    fmt = format_of(args.output, args.format)
    require_format(fmt)
    relations = [name.strip() for name in args.relations.split(",") if name.strip()] if args.relations else None
    table = ROLES if args.bipartite else RELATIONS
    unknown = [name for name in relations or [] if name not in table]
    if unknown:
        raise NatokgError(f"--relations: unknown relation {unknown[0]!r}; choose from {', '.join(table)}")
    graphs = [name.strip() for name in args.graphs.split(",") if name.strip()]
    wrong = [name for name in graphs if name not in SELECTIONS] or ([] if graphs else [args.graphs])
    if wrong:
        raise NatokgError(f"--graphs: unknown graph selection {wrong[0]!r}; choose from {', '.join(SELECTIONS)}")
    text, source = read_query_file(args.query) if args.query else (None, None)
    dataset = _store_or_dataset(args)
    graph = actor_network(
        dataset,
        relations,
        multigraph=not args.weighted,
        bipartite=args.bipartite,
        inferred=args.inferred,
        graphs=graphs,
    )
    if text is not None:
        # SERVICE and remote FROM are refused unless --allow-network says otherwise.
        found = sparql(dataset, text, source=source, allow_network=args.allow_network)
        if found.kind not in ("SELECT", "CONSTRUCT", "DESCRIBE"):
            raise NatokgError(f"{source}: an {found.kind} query names no actors; use SELECT or CONSTRUCT")
        graph = query_subgraph(graph, found)
        if not len(graph):
            raise NatokgError(f"{args.query}: the query names no actor of the network")
    reason = why_empty(graph)
    if reason:
        raise NatokgError(f"{args.output}: not written: {reason}")
    options = {"seed": args.seed, **({"title": args.title} if args.title else {})} if fmt in PICTURES else {}
    path = write_network(graph, args.output, fmt, **options)
    _say(f"{path}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges ({fmt})")
    return EXIT_OK


def _store_or_dataset(args: argparse.Namespace, *, cache: bool = True) -> Any:
    """What ``natokg network`` and ``natokg stats`` read: the corpus store (brought up to date;
    its inferences in view with ``--inferred``), or without the ``store`` extra, with
    ``NATOKG_ENGINE=memory`` or with ``--no-cache`` (owlrl's inferences recomputed), the Dataset
    loaded by rdflib. Both give the same answers (tests/store/test_store_network.py)."""
    from natokg.loading import engine, load

    if engine() == "store" and cache:
        from dataclasses import replace

        from natokg.store import current

        return replace(current(args.data), inferred=args.inferred)
    return load(args.data, inferred=args.inferred, cache=cache)


def _add_network_commands(commands: argparse._SubParsersAction) -> None:
    from natokg.network.relations import FORMATS, RELATIONS, ROLES, SEED

    network = commands.add_parser(
        "network",
        help="draw or export the actor network",
        description="Project the graph onto its actors and write it as a picture, an interactive page or a graph file.",
    )
    _add_data_option(network)
    network.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write (atomically)")
    network.add_argument("--format", choices=FORMATS, help="output format (default: from the suffix of FILE)")
    network.add_argument(
        "--relations",
        metavar="NAMES",
        help=f"comma-separated relations to keep (default: all): {', '.join(RELATIONS)}; "
        f"with --bipartite: {', '.join(ROLES)}",
    )
    network.add_argument("--weighted", action="store_true", help="a weighted simple graph instead of a multigraph")
    network.add_argument("--bipartite", action="store_true", help="actors linked to the events they take part in")
    network.add_argument("--inferred", action="store_true", help="also use the inferred relations (marked inferred)")
    network.add_argument(
        "--graphs",
        default="asserted",
        metavar="NAMES",
        help="named graphs to read (default: asserted; e.g. asserted,background)",
    )
    network.add_argument("--query", metavar="FILE", help="draw only what this SPARQL SELECT or CONSTRUCT query names")
    _add_allow_network_option(network)
    network.add_argument(
        "--seed", type=_int_in(0, 2**32 - 1), default=SEED, help=f"layout seed, 0 to 2**32-1 (default: {SEED})"
    )
    network.add_argument("--title", help="title of the picture or page")
    network.set_defaults(handler=cmd_network)


def cmd_query(args: argparse.Namespace) -> int:
    from natokg.queries import get_query, list_table, params_from_options, query

    if args.list:
        text = list_table(args.data).format(args.format, max_width=0)
        _write(text if text.endswith("\n") else text + "\n")
        return EXIT_OK
    if not args.name:
        raise NatokgError("name the query to run (an id, or a CQ id such as cq1); `natokg query --list` shows them")
    named = get_query(args.name, args.data)
    params = params_from_options(named, args.param)
    if args.endpoint:
        target, graphs = _remote(args), None
    else:
        target, graphs = _load_selection(args)
    results = query(
        target, named.name, params, graphs=graphs, allow_network=args.allow_network, root=args.data, **_limits(args)
    )
    return _print_results(args, results)


def cmd_sparql(args: argparse.Namespace) -> int:
    from natokg.queries import bindings_from_options, read_query_file, sparql

    endpoint = _remote(args) if args.endpoint else None  # a bad URL fails before the query is read
    text, source = read_query_file(args.file)
    if endpoint is not None:
        target, graphs = endpoint, None
        bindings = bindings_from_options(args.param)
    else:
        target, graphs = _load_selection(args)
        bindings = bindings_from_options(args.param, target)
    results = sparql(
        target, text, bindings, graphs=graphs, allow_network=args.allow_network, source=source, **_limits(args)
    )
    return _print_results(args, results)


def _limits(args: argparse.Namespace) -> dict[str, Any]:
    """The time and row limits of a local query (``--timeout``, ``--max-rows``); a remote endpoint sets its own."""
    return {} if args.endpoint else {"timeout": args.timeout, "max_rows": args.max_rows}


def _remote(args: argparse.Namespace) -> Any:  # -> natokg.queries.Endpoint
    """The ``--endpoint`` to query; the graphs there are what was pushed, so none are chosen here."""
    from natokg.http import check_endpoint
    from natokg.queries import Endpoint

    if args.graphs is not None or args.inferred or getattr(args, "no_inferred", False):
        raise NatokgError(
            "--graphs and --inferred (or --no-inferred) choose local graphs; an --endpoint holds what was pushed to it"
            " (natokg push --inferred pushes the inferences too)"
        )
    return Endpoint(check_endpoint(args.endpoint), timeout=args.timeout)


def _print_results(args: argparse.Namespace, results: Any) -> int:
    text = results.format(args.format, max_width=args.max_width, all_columns=args.all_columns)
    _write(text if text.endswith("\n") else text + "\n")
    if getattr(results, "note", None):
        print(f"natokg: {results.note}", file=sys.stderr)
    return EXIT_OK


def _add_graph_options(parser: argparse.ArgumentParser, *, inferred_by_default: bool = False) -> None:
    """``--graphs LIST``, ``--inferred`` and ``--no-cache``: which named graphs a command works on;
    for queries, which see the inferences by default, ``--no-inferred`` too."""
    parser.add_argument(
        "--graphs",
        metavar="LIST",
        help="comma-separated graphs: asserted (entities + articles), ontology, background, inferred,"
        " all (default: all that is loaded)",
    )
    if inferred_by_default:
        parser.add_argument(
            "--inferred",
            action="store_true",
            help="add the OWL 2 RL inferences to a --graphs selection (without --graphs they are on)",
        )
        parser.add_argument(
            "--no-inferred", action="store_true", help="leave the OWL 2 RL inferences out (they are on by default)"
        )
    else:
        parser.add_argument(
            "--inferred", action="store_true", help="add the OWL 2 RL inferences (cached after one run)"
        )
    parser.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")


def _add_query_commands(commands: argparse._SubParsersAction) -> None:
    """``natokg query`` (named competency queries) and ``natokg sparql`` (ad-hoc SPARQL)."""
    from natokg.queries.limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    query = commands.add_parser("query", help="run a named competency query (natokg query --list shows them)")
    query.add_argument("name", nargs="?", help="query id such as cq01-us-representation, or a CQ id such as cq1")
    query.add_argument("--list", action="store_true", help="list the named queries: ids, titles and parameters")
    query.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter value (repeatable)"
    )
    query.set_defaults(handler=cmd_query)
    sparql = commands.add_parser("sparql", help="run an ad-hoc SPARQL query from a file, or - for standard input")
    sparql.add_argument("file", metavar="FILE|-", help="the query file, or - to read standard input")
    sparql.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME[:TYPE]=VALUE",
        help="bind ?NAME to VALUE before the query runs (TYPE: iri, string, integer, decimal, boolean, date, year;"
        " default string)",
    )
    sparql.set_defaults(handler=cmd_sparql)
    for sub in (query, sparql):
        _add_data_option(sub)
        sub.add_argument(
            "--format",
            choices=("table", "csv", "json", "markdown"),
            default="table",
            help="output format (default table); CONSTRUCT and DESCRIBE answers are always Turtle",
        )
        _add_graph_options(sub, inferred_by_default=True)
        _add_allow_network_option(sub)
        sub.add_argument(
            "--max-width",
            type=_int_in(0, 10_000),
            default=60,
            metavar="N",
            help="cut table cells at N characters (0: never)",
        )
        sub.add_argument("--all-columns", action="store_true", help="show IRI columns beside their label columns")
        sub.add_argument(
            "--timeout",
            type=_seconds(MAX_SECONDS),
            default=DEFAULT_TIMEOUT,
            metavar="SECONDS",
            help=f"stop a query that runs longer (default: {DEFAULT_TIMEOUT:g}); with --endpoint, per request",
        )
        sub.add_argument(
            "--max-rows",
            type=_int_in(1, 10**9),
            default=DEFAULT_MAX_ROWS,
            metavar="N",
            help=f"stop a local query that gives more rows, or triples (default: {DEFAULT_MAX_ROWS})",
        )
        sub.add_argument(
            "--endpoint",
            metavar="URL",
            help="run on a remote SPARQL 1.1 query endpoint instead (e.g. http://localhost:7878/query)",
        )


def _load_selection(args: argparse.Namespace) -> tuple[Any, list[str] | None]:
    """The target to query (the corpus store, or the rdflib dataset) and the graph selection of
    ``--graphs``; the inferences are in unless ``--no-inferred`` (with ``--graphs``: if ``--inferred``)."""
    from natokg.queries import load_for_query

    if args.inferred and args.no_inferred:
        raise NatokgError("--inferred and --no-inferred contradict each other; give one")
    inferred = args.inferred or (args.graphs is None and not args.no_inferred)
    return load_for_query(args.data, args.graphs, inferred, cache=not args.no_cache)


def _load_dataset(args: argparse.Namespace) -> tuple[Any, list[str] | None]:
    """The rdflib dataset that export, push and serve write out, and the ``--graphs`` selection: what
    is asked for, the inferences only with ``--inferred`` (or ``--graphs inferred``)."""
    from natokg.loading import load
    from natokg.queries import graph_selection

    graphs, inferred = graph_selection(args.graphs, args.inferred)
    return load(args.data, inferred=inferred, cache=not args.no_cache), graphs


def cmd_export(args: argparse.Namespace) -> int:
    from natokg.export import export, format_for, write

    chosen = format_for(args.output, args.format).name if args.output else None  # fail before loading
    dataset, graphs = _load_dataset(args)
    if args.output:
        write(dataset, args.output, chosen, graphs)
    else:
        _write(export(dataset, args.format or "ttl", graphs).encode("utf-8"))
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from natokg.endpoint import DEFAULT_GRAPH, PushedGraph, push
    from natokg.http import check_endpoint

    def report(pushed: PushedGraph) -> None:
        name = "the default graph" if pushed.graph == DEFAULT_GRAPH else f"<{pushed.graph}>"
        _say(f"replaced {name}: {pushed.triples} triples (HTTP {pushed.status})")

    check_endpoint(args.endpoint)  # fail before loading
    dataset, graphs = _load_dataset(args)
    pushed = push(
        dataset, args.endpoint, graphs, timeout=args.timeout, on_graph=report, default_graph=args.default_graph
    )
    named = [p for p in pushed if p.graph != DEFAULT_GRAPH]
    count = f"{len(named)} graph{'' if len(named) == 1 else 's'}"
    union = " and their union as the default graph" if len(named) < len(pushed) else ""
    _say(f"pushed {count}, {sum(p.triples for p in named)} triples{union}, to {args.endpoint}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from natokg.endpoint import OxigraphServer, check_bind, oxigraph_binary, serve

    def ready(server: OxigraphServer) -> None:
        _say(f"read-only SPARQL endpoint at {server.url}/query (Ctrl-C to stop)")

    oxigraph_binary()  # fail before loading
    check_bind(args.host, args.port)
    dataset, graphs = _load_dataset(args)
    return serve(dataset, graphs, host=args.host, port=args.port, cors=args.cors, on_ready=ready)


def _add_export_commands(commands: argparse._SubParsersAction) -> None:
    """``natokg export``, ``natokg push`` and ``natokg serve``."""
    from natokg.endpoint import TIMEOUT
    from natokg.export import FORMATS

    def common(parser: argparse.ArgumentParser) -> None:
        _add_data_option(parser)
        _add_graph_options(parser)

    export = commands.add_parser("export", help="write the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD")
    common(export)
    export.add_argument("--format", choices=list(FORMATS), help="output format (default: from the -o suffix, else ttl)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here, atomically (default: standard output)")
    export.set_defaults(handler=cmd_export)

    push = commands.add_parser("push", help="replace the named graphs on a SPARQL 1.1 Graph Store Protocol server")
    common(push)
    push.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="graph store address, e.g. http://localhost:7878/store (Oxigraph), http://host:3030/ds/data (Fuseki)",
    )
    push.add_argument(
        "--timeout", type=_seconds(MAX_SECONDS), default=TIMEOUT, metavar="S", help="seconds per request (default: 60)"
    )
    push.add_argument(
        "--default-graph",
        action="store_true",
        help="also replace the server's default graph with the union of the pushed graphs, each triple once"
        " (for a server run without a union default graph, so that counts match local ones)",
    )
    push.set_defaults(handler=cmd_push)

    serve = commands.add_parser("serve", help="serve the graph as a local, read-only SPARQL endpoint (Oxigraph)")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_int_in(1, 65535), default=7878, help="port to listen on (default: 7878)")
    serve.add_argument("--cors", action="store_true", help="answer web pages of other origins (e.g. YASGUI)")
    serve.set_defaults(handler=cmd_serve)


def _add_check_commands(commands: argparse._SubParsersAction) -> None:
    """``natokg validate`` and ``natokg stats``."""
    validate = commands.add_parser(
        "validate", help="check shapes, evidence offsets, quotations, citations and consistency"
    )
    _add_data_option(validate)
    validate.add_argument("--no-reasoning", action="store_true", help="skip the OWL 2 RL consistency check")
    validate.set_defaults(handler=cmd_validate)

    stats = commands.add_parser("stats", help="count triples per named graph and facts per kind")
    _add_data_option(stats)
    stats.add_argument("--inferred", action="store_true", help="also compute (or read from cache) the inferences")
    stats.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")
    stats.set_defaults(handler=cmd_stats)


def _add_ingest_commands(commands: argparse._SubParsersAction) -> None:
    from natokg.ingest.cli import register

    register(commands)


def _add_store_commands(commands: argparse._SubParsersAction) -> None:
    from natokg.store.cli import register

    register(commands)


#: The subcommands, in the order ``natokg --help`` lists them: each function adds its parsers (with
#: ``set_defaults(handler=...)``) to the subparsers it is given. A new job adds its own here.
REGISTRATIONS: list[Callable[[argparse._SubParsersAction], None]] = [
    _add_check_commands,
    _add_query_commands,
    _add_export_commands,
    _add_network_commands,
    _add_ingest_commands,
    _add_store_commands,
]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="natokg",
        description="A knowledge graph of news reporting on NATO: validate, query, draw and export it.",
    )
    from natokg import __version__

    parser.add_argument("--version", action="version", version=f"natokg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in REGISTRATIONS:
        register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (a usage error raises :class:`SystemExit` with 2).

    >>> main(["stats"]) == 0  # doctest: +ELLIPSIS
    triples: ontology ...
    True
    """
    from natokg._cli_guard import release

    try:
        # Building the parser imports the query layer (rdflib's SPARQL engine and its C extensions):
        # Ctrl-C during those imports could crash one of them (exit -11), so the import-time handler
        # (one line, exit 130) stays until the arguments are parsed; nothing is written before.
        args = build_parser().parse_args(argv)
        release()  # from here on Ctrl-C is a KeyboardInterrupt, caught below after the work cleans up
        handler: Callable[[argparse.Namespace], int] = args.handler
        # rdflib logs a whole traceback for an ill-typed literal; the validator reports it in one line.
        logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
        code = handler(args)
        try:
            sys.stdout.flush()
        except OSError as exc:
            raise _OutputError(exc) from None
        if hasattr(args, "data"):  # the commands that read a data root say which one
            _report_data_root(args.data)
        return code
    except NatokgError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print("natokg: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (_OutputError, BrokenPipeError) as exc:
        _silence_stdout()
        if exc.errno == errno.EPIPE:  # the reader has gone (| head -1): nothing more to say
            return EXIT_OK
        return _fail(f"cannot write to standard output: {exc}")
    except RecursionError:
        return _fail("the input is nested too deeply to process")
    except Exception as exc:
        if os.environ.get(TRACEBACK_VARIABLE):
            raise
        return _fail(
            f"internal error: {type(exc).__name__}: {exc} (a bug in natokg; set {TRACEBACK_VARIABLE}=1 to see where)"
        )


def _report_data_root(data: str | None) -> None:
    """Say on standard error, in one line, which data root a command used and why."""
    from natokg.loading import find_data_root

    root, how = (Path(data), "--data") if data is not None else find_data_root()
    print(f"natokg: data root {root} ({how})", file=sys.stderr)


def _fail(message: str) -> int:
    print(f"natokg: error: {' '.join(message.splitlines())}", file=sys.stderr)
    return EXIT_ERROR


def _silence_stdout() -> None:
    """Point standard output at the null device, so that Python's own flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no real file behind sys.stdout (a test's capture): nothing to silence
        pass


def main_exit() -> None:
    """Console-script entry point: run :func:`main` and exit with its code."""
    sys.exit(main())


if __name__ == "__main__":
    main_exit()
