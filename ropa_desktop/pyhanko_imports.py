"""pyHanko without its network clients at import time (issue 16: a signed PDF in under a second).

Importing pyHanko's signer imports aiohttp twice over, for clients this program never uses (its
signatures are PAdES B-B, offline: no time-stamp server, no certificate fetching): the package
``pyhanko.sign.timestamps`` imports its aiohttp time-stamp client in its ``__init__``, and
``pyhanko.sign.validation.ades`` imports the aiohttp fetcher backend of pyhanko_certvalidator.
aiohttp is about 40 % of importing pyHanko's signer.

:func:`defer_network_clients` installs an import hook for exactly those two packages. Each is
initialised without its aiohttp part, and that part is imported when first used: a name asked of
the package (PEP 562 ``__getattr__``), or the fetcher backend class, which stands in until it is
instantiated. Nothing of pyHanko goes missing. Should a pyHanko release lay the packages out
differently, the hook steps aside and the package is imported as pyHanko wrote it.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

# Imported by the signing package on every ``ropa`` start (its errors name the commands), so this
# module itself imports next to nothing: the finder and loader below follow the import protocol
# without deriving from importlib.abc (which would load inspect, dataclasses and more).
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec


class _Deferral(NamedTuple):
    light: dict[str, str]  # name -> the light submodule it comes from
    deferred: dict[str, str]  # name -> the heavy submodule ("": the package's own code)
    stand_ins: tuple[str, ...] = ()  # deferred classes others import by name at their import time


_PACKAGES = {
    "pyhanko.sign.timestamps": _Deferral(
        light={"TimeStamper": "api", "TimestampRequestError": "common_utils", "DummyTimeStamper": "dummy_client"},
        deferred={"HTTPTimeStamper": "aiohttp_client"},
    ),
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": _Deferral(
        light={}, deferred={"AIOHttpFetcherBackend": "", "LazySession": "util"}, stand_ins=("AIOHttpFetcherBackend",)
    ),
}


def _stand_in(name: str, load: Callable[[], Any]) -> type:
    """A class that becomes the real one when used: instantiated (``AIOHttpFetcherBackend()`` in
    pyHanko) or asked about by ``isinstance``/``issubclass``."""

    class StandInType(type):
        def __instancecheck__(cls, instance: Any) -> bool:
            return isinstance(instance, load())

        def __subclasscheck__(cls, subclass: type) -> bool:
            return issubclass(subclass, load())

    def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:  # noqa: N807
        return load()(*args, **kwargs)

    return StandInType(name, (), {"__new__": __new__, "__doc__": f"Stands in for {name} until it is used."})


class _Loader:
    def __init__(self, original: Any, deferral: _Deferral) -> None:
        self.original = original
        self.deferral = deferral

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return None  # the default package module, with the package's __path__

    def exec_module(self, module: ModuleType) -> None:
        package = module.__name__
        try:
            for name, submodule in self.deferral.light.items():
                setattr(module, name, getattr(importlib.import_module(f"{package}.{submodule}"), name))
        except (ImportError, AttributeError):
            self.original.exec_module(module)  # laid out differently: pyHanko's own __init__
            return
        whole = {"done": False}

        def load(name: str) -> Any:
            submodule = self.deferral.deferred[name]
            if submodule:
                value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
            else:
                if not whole["done"]:
                    whole["done"] = True
                    self.original.exec_module(module)  # the package's own code, aiohttp and all
                value = module.__dict__[name]
            setattr(module, name, value)
            return value

        def deferred(name: str) -> Any:
            if name not in self.deferral.deferred:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            return load(name)

        for name in self.deferral.stand_ins:
            setattr(module, name, _stand_in(name, lambda name=name: load(name)))  # type: ignore[misc]
        module.__getattr__ = deferred  # type: ignore[method-assign]


class _Finder:
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        deferral = _PACKAGES.get(fullname)
        if deferral is None:
            return None
        # Whoever would find it otherwise: the path finder, or a frozen bundle's importer (PyInstaller).
        spec = None
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(fullname, path, target)
                if spec is not None:
                    break
        if spec is None or spec.loader is None or spec.submodule_search_locations is None:
            return None
        spec.loader = _Loader(spec.loader, deferral)  # type: ignore[assignment]  # the protocol, not the ABC
        return spec


def defer_network_clients() -> None:
    """Install the hook (once), before pyHanko's signer is first imported."""
    if any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
