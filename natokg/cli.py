"""The ``natokg`` command line: ``natokg validate``, ``natokg stats``, ``natokg network``.

Errors are printed as one readable line naming the file, line or parameter at fault, with exit
code 2; a graph that fails validation exits with 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from natokg.errors import NatokgError

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


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
    from natokg.validation import validate_path

    report = validate_path(args.data, consistency=not args.no_reasoning)
    print(report)
    return EXIT_OK if report.conforms else EXIT_INVALID


def cmd_stats(args: argparse.Namespace) -> int:
    from natokg.loading import load
    from natokg.stats import stats

    figures = stats(load(args.data, inferred=args.inferred, cache=not args.no_cache))
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:>7}")
    return EXIT_OK


def cmd_network(args: argparse.Namespace) -> int:
    from natokg.loading import load
    from natokg.network import PICTURES, actor_network, format_of, query_subgraph, write_network
    from natokg.queries import read_query_file, sparql

    fmt = format_of(args.output, args.format)
    relations = [name.strip() for name in args.relations.split(",") if name.strip()] if args.relations else None
    dataset = load(args.data, inferred=args.inferred)
    graph = actor_network(
        dataset,
        relations,
        multigraph=not args.weighted,
        bipartite=args.bipartite,
        inferred=args.inferred,
        graphs=[name.strip() for name in args.graphs.split(",")],
    )
    if args.query:
        text, source = read_query_file(args.query)
        # SERVICE and remote FROM are refused unless --allow-network says otherwise.
        found = sparql(dataset, text, source=source, allow_network=args.allow_network)
        if found.kind not in ("SELECT", "CONSTRUCT", "DESCRIBE"):
            raise NatokgError(f"{source}: an {found.kind} query names no actors; use SELECT or CONSTRUCT")
        graph = query_subgraph(graph, found)
        if not len(graph):
            raise NatokgError(f"{args.query}: the query names no actor of the network")
    options = {"seed": args.seed, **({"title": args.title} if args.title else {})} if fmt in PICTURES else {}
    path = write_network(graph, args.output, fmt, **options)
    print(f"{path}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges ({fmt})")
    return EXIT_OK


def _add_network_commands(commands: argparse._SubParsersAction) -> None:
    from natokg.network import FORMATS, RELATIONS, ROLES, SEED

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
    network.add_argument("--seed", type=int, default=SEED, help=f"layout seed (default: {SEED})")
    network.add_argument("--title", help="title of the picture or page")
    network.set_defaults(handler=cmd_network)


def cmd_query(args: argparse.Namespace) -> int:
    from natokg.queries import get_query, list_table, params_from_options, query

    if args.list:
        print(list_table(args.data).to_table(max_width=0))
        return EXIT_OK
    if not args.name:
        raise NatokgError("name the query to run (an id, or a CQ id such as cq1); `natokg query --list` shows them")
    named = get_query(args.name, args.data)
    params = params_from_options(named, args.param)
    if args.endpoint:
        target, graphs = _remote(args), None
    else:
        target, graphs = _load_selection(args)
    results = query(target, named.name, params, graphs=graphs, allow_network=args.allow_network, root=args.data)
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
    results = sparql(target, text, bindings, graphs=graphs, allow_network=args.allow_network, source=source)
    return _print_results(args, results)


def _remote(args: argparse.Namespace) -> Any:  # -> natokg.queries.Endpoint
    """The ``--endpoint`` to query; the graphs there are what was pushed, so none are chosen here."""
    from natokg.http import check_endpoint
    from natokg.queries import Endpoint

    if args.graphs is not None or args.inferred:
        raise NatokgError(
            "--graphs and --inferred choose local graphs; an --endpoint holds what was pushed to it"
            " (natokg push --inferred pushes the inferences too)"
        )
    return Endpoint(check_endpoint(args.endpoint))


def _print_results(args: argparse.Namespace, results: Any) -> int:
    text = results.format(args.format, max_width=args.max_width, all_columns=args.all_columns)
    print(text, end="" if text.endswith("\n") else "\n")
    return EXIT_OK


def _add_graph_options(parser: argparse.ArgumentParser) -> None:
    """``--graphs LIST``, ``--inferred`` and ``--no-cache``: which named graphs a command works on."""
    parser.add_argument(
        "--graphs",
        metavar="LIST",
        help="comma-separated graphs: asserted (entities + articles), ontology, background, inferred,"
        " all (default: all that is loaded)",
    )
    parser.add_argument("--inferred", action="store_true", help="add the OWL 2 RL inferences (cached after one run)")
    parser.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")


def _add_query_commands(commands: argparse._SubParsersAction) -> None:
    """``natokg query`` (named competency queries) and ``natokg sparql`` (ad-hoc SPARQL)."""
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
        _add_graph_options(sub)
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
            "--endpoint",
            metavar="URL",
            help="run on a remote SPARQL 1.1 query endpoint instead (e.g. http://localhost:7878/query)",
        )


def _load_selection(args: argparse.Namespace) -> tuple[Any, list[str] | None]:
    """The dataset (with inferences if asked for) and the graph selection of ``--graphs``/``--inferred``."""
    from natokg.queries import load_for_query

    return load_for_query(args.data, args.graphs, args.inferred, cache=not args.no_cache)


def cmd_export(args: argparse.Namespace) -> int:
    from natokg.export import export, format_for, write

    chosen = format_for(args.output, args.format).name if args.output else None  # fail before loading
    dataset, graphs = _load_selection(args)
    if args.output:
        write(dataset, args.output, chosen, graphs)
    else:
        sys.stdout.buffer.write(export(dataset, args.format or "ttl", graphs).encode("utf-8"))
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from natokg.endpoint import PushedGraph, push
    from natokg.http import check_endpoint

    def report(pushed: PushedGraph) -> None:
        print(f"replaced <{pushed.graph}>: {pushed.triples} triples (HTTP {pushed.status})")

    check_endpoint(args.endpoint)  # fail before loading
    dataset, graphs = _load_selection(args)
    pushed = push(dataset, args.endpoint, graphs, timeout=args.timeout, on_graph=report)
    count = f"{len(pushed)} graph{'' if len(pushed) == 1 else 's'}"
    print(f"pushed {count}, {sum(p.triples for p in pushed)} triples, to {args.endpoint}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from natokg.endpoint import OxigraphServer, oxigraph_binary, serve

    def ready(server: OxigraphServer) -> None:
        print(f"read-only SPARQL endpoint at {server.url}/query (Ctrl-C to stop)", flush=True)

    oxigraph_binary()  # fail before loading
    dataset, graphs = _load_selection(args)
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
    push.add_argument("--timeout", type=float, default=TIMEOUT, metavar="S", help="seconds per request (default: 60)")
    push.set_defaults(handler=cmd_push)

    serve = commands.add_parser("serve", help="serve the graph as a local, read-only SPARQL endpoint (Oxigraph)")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_int_in(1, 65535), default=7878, help="port to listen on (default: 7878)")
    serve.add_argument("--cors", action="store_true", help="answer web pages of other origins (e.g. YASGUI)")
    serve.set_defaults(handler=cmd_serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="natokg",
        description="A knowledge graph of news reporting on NATO: validate, query, draw and export it.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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

    _add_query_commands(commands)
    _add_export_commands(commands)
    _add_network_commands(commands)
    from natokg.ingest.cli import register

    register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> main(["stats"]) == 0  # doctest: +ELLIPSIS
    triples: ontology ...
    True
    """
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    # rdflib logs a whole traceback for an ill-typed literal; the validator reports it in one line.
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    try:
        code = handler(args)
        if hasattr(args, "data"):  # the commands that read a data root say which one
            from natokg.ingest.cli import report_data_root

            report_data_root(args.data)
        return code
    except NatokgError as exc:
        print(f"natokg: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("natokg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def main_exit() -> None:
    """Console-script entry point: run :func:`main` and exit with its code."""
    sys.exit(main())


if __name__ == "__main__":
    main_exit()
