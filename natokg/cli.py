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
