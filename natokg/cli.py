"""The ``natokg`` command line: ``natokg validate``, ``natokg stats``.

Errors are printed as one readable line naming the file, line or parameter at fault, with exit
code 2; a graph that fails validation exits with 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

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

    report = validate_path(args.data)
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


def _selection(args: argparse.Namespace) -> list[str]:
    return args.graphs or ["all"]


def _load_selection(args: argparse.Namespace):  # -> rdflib.Dataset
    """Load the graph, reasoning only if the selection asks for the inferences."""
    from natokg.loading import load

    selection = _selection(args)
    return load(args.data, inferred=bool({"inferred", "all"} & set(selection)), cache=not args.no_cache)


def cmd_export(args: argparse.Namespace) -> int:
    from natokg.export import export, format_for, write

    chosen = format_for(args.output, args.format).name if args.output else None  # fail before loading
    dataset = _load_selection(args)
    if args.output:
        write(dataset, args.output, chosen, _selection(args))
    else:
        sys.stdout.buffer.write(export(dataset, args.format or "ttl", _selection(args)).encode("utf-8"))
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from natokg.endpoint import PushedGraph, push

    def report(pushed: PushedGraph) -> None:
        print(f"replaced <{pushed.graph}>: {pushed.triples} triples (HTTP {pushed.status})")

    pushed = push(_load_selection(args), args.endpoint, _selection(args), timeout=args.timeout, on_graph=report)
    graphs = f"{len(pushed)} graph{'' if len(pushed) == 1 else 's'}"
    print(f"pushed {graphs}, {sum(p.triples for p in pushed)} triples, to {args.endpoint}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from natokg.endpoint import OxigraphServer, serve

    def ready(server: OxigraphServer) -> None:
        print(f"read-only SPARQL endpoint at {server.url}/query (Ctrl-C to stop)", flush=True)

    return serve(_load_selection(args), _selection(args), host=args.host, port=args.port, on_ready=ready)


def _add_export_commands(commands: argparse._SubParsersAction) -> None:
    """``natokg export``, ``natokg push`` and ``natokg serve``."""
    from natokg.endpoint import TIMEOUT
    from natokg.export import FORMATS
    from natokg.loading import SELECTIONS

    def common(parser: argparse.ArgumentParser) -> None:
        _add_data_option(parser)
        parser.add_argument(
            "--graphs",
            action="append",
            choices=SELECTIONS,
            help="named graphs to include; repeat to combine (default: all, which includes the inferences)",
        )
        parser.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")

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
    serve.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878)")
    serve.set_defaults(handler=cmd_serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="natokg",
        description="A knowledge graph of news reporting on NATO: validate, query, draw and export it.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check shapes, evidence offsets, quotations and citations")
    _add_data_option(validate)
    validate.set_defaults(handler=cmd_validate)

    stats = commands.add_parser("stats", help="count triples per named graph and facts per kind")
    _add_data_option(stats)
    stats.add_argument("--inferred", action="store_true", help="also compute (or read from cache) the inferences")
    stats.add_argument("--no-cache", action="store_true", help="recompute inferences instead of using the cache")
    stats.set_defaults(handler=cmd_stats)

    _add_export_commands(commands)
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
