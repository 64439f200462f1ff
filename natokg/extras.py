"""Optional dependencies: one check, before any work is done, that names the extra to install.

natokg's core needs rdflib, owlrl, networkx and pySHACL. Pictures, the HTML view, DataFrames and
the SPARQL server need more, declared as extras in ``pyproject.toml``. :func:`require` looks the
modules up without importing them (:func:`importlib.util.find_spec`, so the check is cheap) and
raises :class:`~natokg.errors.NatokgError` with the one line to run when one is missing.
"""

from __future__ import annotations

import importlib.util

from natokg.errors import NatokgError

#: The extra of ``pyproject.toml`` that installs each optional module natokg imports.
EXTRA_OF = {
    "matplotlib": "plot",
    "numpy": "view",
    "scipy": "view",
    "pandas": "pandas",
    "pyoxigraph": "server",
}


class MissingExtra(NatokgError, ImportError):
    """An optional module is not installed: a :class:`NatokgError` (the CLI prints it in one line)
    and an :class:`ImportError` (what Python code expects of a missing module)."""


def missing(*modules: str) -> list[str]:
    """The modules among ``modules`` that cannot be imported here.

    >>> missing("json", "no_such_module_natokg")
    ['no_such_module_natokg']
    """
    out = []
    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a parent package is missing, or the module was unloaded
            found = False
        if not found:
            out.append(name)
    return out


def require(purpose: str, *modules: str) -> None:
    """Raise :class:`MissingExtra` naming the extra to install if any of ``modules`` is missing.

    ``purpose`` says what needs them (``"--format png"``); the extra comes from :data:`EXTRA_OF`.

    >>> require("--format png", "json")
    >>> require("--format png", "no_such_module_natokg")
    Traceback (most recent call last):
    natokg.extras.MissingExtra: --format png needs no_such_module_natokg; install it with: pip install "natokg[...]"
    """
    absent = missing(*modules)
    if not absent:
        return
    extras = sorted({EXTRA_OF.get(name, "...") for name in absent})
    install = " ".join(f'"natokg[{extra}]"' for extra in extras)
    raise MissingExtra(f"{purpose} needs {', '.join(absent)}; install it with: pip install {install}")
