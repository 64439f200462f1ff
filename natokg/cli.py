"""The ``natokg`` command line: ``natokg validate``, ``natokg stats``, ``natokg network``.

Errors are printed as one readable line naming the file, line or parameter at fault, with exit
code 2; a graph that fails validation exits with 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from natokg.errors import NatokgError

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


def _add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="DIR",
        help="data root holding ontology/ and graph/ (default: the data shipped with natokg)",
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
        found = sparql(dataset, text, source=source)  # SERVICE and remote FROM are refused
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
    network.add_argument("--seed", type=int, default=SEED, help=f"layout seed (default: {SEED})")
    network.add_argument("--title", help="title of the picture or page")
    network.set_defaults(handler=cmd_network)


def cmd_query(args: argparse.Namespace) -> int:
    from natokg.queries import get_query, list_table, load_for_query, params_from_options, query

    if args.list:
        print(list_table(args.data).to_table(max_width=0))
        return EXIT_OK
    if not args.name:
        raise NatokgError("name the query to run (an id, or a CQ id such as cq1); `natokg query --list` shows them")
    named = get_query(args.name, args.data)
    params = params_from_options(named, args.param)
    dataset, graphs = load_for_query(args.data, args.graphs, args.inferred, cache=not args.no_cache)
    results = query(dataset, named.name, params, graphs=graphs, allow_network=args.allow_network, root=args.data)
    return _print_results(args, results)


def cmd_sparql(args: argparse.Namespace) -> int:
    from natokg.queries import bindings_from_options, load_for_query, read_query_file, sparql

    text, source = read_query_file(args.file)
    dataset, graphs = load_for_query(args.data, args.graphs, args.inferred, cache=not args.no_cache)
    bindings = bindings_from_options(args.param, dataset)
    results = sparql(dataset, text, bindings, graphs=graphs, allow_network=args.allow_network, source=source)
    return _print_results(args, results)


def _print_results(args: argparse.Namespace, results: Any) -> int:
    text = results.format(args.format, max_width=args.max_width, all_columns=args.all_columns)
    print(text, end="" if text.endswith("\n") else "\n")
    return EXIT_OK


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
        sub.add_argument(
            "--graphs",
            metavar="LIST",
            default="all",
            help="comma-separated graphs to query: asserted (entities + articles), ontology, background, inferred,"
            " all (default: all that is loaded)",
        )
        sub.add_argument("--inferred", action="store_true", help="add the OWL 2 RL inferences (cached after one run)")
        sub.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")
        sub.add_argument(
            "--allow-network",
            action="store_true",
            help="let SERVICE and FROM <url> reach the network or the file system (refused by default)",
        )
        sub.add_argument(
            "--max-width", type=int, default=60, metavar="N", help="cut table cells at N characters (0: never)"
        )
        sub.add_argument("--all-columns", action="store_true", help="show IRI columns beside their label columns")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="natokg",
        description="A knowledge graph of news reporting on NATO: validate, query, draw and export it.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check shapes, evidence offsets, quotations and citations")
    _add_data_option(validate)
    validate.add_argument("--no-reasoning", action="store_true", help="skip the OWL 2 RL consistency check")
    validate.set_defaults(handler=cmd_validate)

    stats = commands.add_parser("stats", help="count triples per named graph and facts per kind")
    _add_data_option(stats)
    stats.add_argument("--inferred", action="store_true", help="also compute (or read from cache) the inferences")
    stats.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")
    stats.set_defaults(handler=cmd_stats)

    _add_query_commands(commands)
    _add_network_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    >>> main(["stats"]) == 0  # doctest: +ELLIPSIS
    triples: ontology ...
    True
    """
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
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
