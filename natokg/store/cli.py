"""The ``natokg build`` command: build or bring up to date the corpus store of the data root.

Queries build the store implicitly when a file changed (see :func:`natokg.store.current`);
``natokg build`` does it on purpose and says what it did: the files it parsed, the triples
asserted and inferred, the seconds spent parsing, reasoning and writing, and any contradiction
with the ontology (exit 1 then, as ``natokg validate`` does).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_CONTRADICTION = 0, 1


def summary(store: Any) -> str:  # store: natokg.store.Store
    """One line on a built store: where it is, what it holds, what the build did.

    >>> import tempfile
    >>> from natokg.store import build
    >>> print(summary(build(store_dir=tempfile.mkdtemp(), progress=False)))  # doctest: +ELLIPSIS
    store .../...: 1 article(s), ... quads (... inferred, ... inferred with background); parsed ... file(s) ...
    """
    manifest, timings = store.manifest, store.timings
    derived = list(manifest.get("derived", {}).values()) or [0, 0]
    parsed = len(timings.parsed_files)
    did = (
        f"parsed {parsed} file(s) in {timings.parse:.2f} s, reasoned in {timings.reason:.2f} s, "
        + (f"validated in {timings.validate:.2f} s, " if timings.validate is not None else "")
        + f"wrote in {timings.write:.2f} s"
        if parsed
        else "up to date, nothing parsed"
    )
    return (
        f"store {store.path}: {len(store.article_slugs())} article(s), {manifest.get('quads', 0)} quads "
        f"({derived[0]} inferred, {derived[1]} inferred with background); {did}"
    )


def cmd_build(args: argparse.Namespace) -> int:
    from natokg.store import build

    store = build(args.data, args.store, progress=None)
    print(summary(store))
    for message in store.contradictions:
        print(f"contradiction: {message}")
    return EXIT_CONTRADICTION if store.contradictions else EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``natokg build`` to natokg's subcommands."""
    build = commands.add_parser(
        "build",
        help="build or update the corpus store that queries run on (parses only the files that changed)",
    )
    from natokg.cli import _add_data_option

    _add_data_option(build)
    build.add_argument("--store", type=Path, metavar="DIR", help="where the store lives (default: DATA/.natokg/store)")
    build.set_defaults(handler=cmd_build)
