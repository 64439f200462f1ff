"""Lazy public names (PEP 562): a package exports names whose modules are imported on first use.

``import natokg`` and the ``natokg`` command must not pay for rdflib's SPARQL parser, owlrl,
pySHACL or networkx before a job needs them (issue 10: ``import natokg`` ≤ 0.15 s).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any


def lazy_exports(
    namespace: MutableMapping[str, Any], table: Mapping[str, Sequence[str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose public names (``table``: module →
    names) are imported from their modules when first asked for, then kept in ``namespace``.

    >>> space = {"__name__": "demo"}
    >>> getattr_, dir_ = lazy_exports(space, {"json": ["dumps"]})
    >>> getattr_("dumps")([1])
    '[1]'
    >>> "dumps" in space, "dumps" in dir_()
    (True, True)
    >>> import natokg
    >>> natokg.validation.__name__  # submodules are reachable as attributes too
    'natokg.validation'
    """
    module_of = {name: module for module, names in table.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            # a submodule, as ``natokg.validation`` was reachable when the package imported it eagerly
            submodule = f"{namespace['__name__']}.{name}"
            if not name.startswith("_") and importlib.util.find_spec(submodule) is not None:
                return importlib.import_module(submodule)
            raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *module_of})

    return __getattr__, __dir__
