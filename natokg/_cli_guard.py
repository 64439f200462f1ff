"""Ctrl-C while the ``natokg`` command is still importing ends in one line, not a traceback.

The console script imports ``natokg.cli``, hence this package and rdflib, networkx, pySHACL...
first: most of its first second. :func:`natokg.cli.main` turns Ctrl-C into one line and exit
code 130 only once it runs, and some libraries swallow a ``KeyboardInterrupt`` raised inside
their imports (a bare ``except:`` around an optional import), so that the command would go on as
if nothing had happened. This module is imported first by ``natokg/__init__.py``; in the
``natokg`` command's process only (never in a notebook or a program that imports natokg), it
handles SIGINT itself until :func:`release` hands it back to Python: one line, exit code 130,
at once. Nothing is written during the imports, so there is nothing to clean up.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130


def _is_the_command() -> bool:
    """True in the process of the ``natokg`` console script (``natokg``, ``natokg.exe``...)."""
    return bool(sys.argv) and os.path.basename(sys.argv[0]).split(".")[0] == "natokg"


def _interrupted(number: int, frame: FrameType | None) -> None:
    sys.stderr.write("natokg: interrupted\n")
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def release() -> None:
    """Give SIGINT back to Python (``KeyboardInterrupt``), so that a running command can clean up.

    >>> release()  # a no-op outside the natokg command
    """
    if signal.getsignal(signal.SIGINT) is _interrupted:
        signal.signal(signal.SIGINT, signal.default_int_handler)


if _is_the_command() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted)
