"""A module that loads when it is first used, not when it is imported (start-up time, issue 16).

For a module the editor names at import time but needs only on some user action (a server
register's addresses load SQLAlchemy): :class:`importlib.util.LazyLoader` puts the module in
``sys.modules`` and runs it on the first attribute access. Type checkers see a normal import
(under ``TYPE_CHECKING``) beside it.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """``name`` imported now if it already is, otherwise on the first use of one of its attributes."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # pragma: no cover - a misspelt module name
        raise ModuleNotFoundError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
