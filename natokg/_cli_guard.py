"""Ctrl-C while the ``natokg`` command is still importing ends in one line, not a traceback.

The console script imports ``natokg.cli``, hence this package and rdflib, networkx, pySHACL...
first: most of its first second. :func:`natokg.cli.main` turns Ctrl-C into one line and exit
code 130 only once it runs. This module is imported first by ``natokg/__init__.py``; in the
``natokg`` command's process only (never in a notebook or a program that imports natokg), it
sets a :data:`sys.excepthook` that ends an interrupt that nothing caught the same way.
"""

from __future__ import annotations

import os
import sys
from types import TracebackType

EXIT_INTERRUPTED = 130


def _is_the_command() -> bool:
    """True in the process of the ``natokg`` console script (``natokg``, ``natokg.exe``...)."""
    return bool(sys.argv) and os.path.basename(sys.argv[0]).split(".")[0] == "natokg"


def _quiet_interrupt(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.stderr.write("natokg: interrupted\n")
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)  # the import failed half-way: nothing was written, nothing to clean up
    sys.__excepthook__(kind, value, trace)


if _is_the_command() and sys.excepthook is sys.__excepthook__:
    sys.excepthook = _quiet_interrupt
