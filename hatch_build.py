"""Build hook: compile the gettext catalogues (translations/*.po) into the package.

The .mo files are build products, never committed or edited by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The compiler is shared with tools/i18n.py; the checkout (or unpacked sdist) is not on sys.path
# when hatchling loads this file, so put it there. tools/ ships in the sdist, not in the wheel.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tools.catalogues import compile_catalogues

__all__ = ["DATA_FOLDERS", "CustomBuildHook", "compile_catalogues"]


# Top-level folders the app reads at run time. A wheel carries them inside the package
# (ropa_desktop/_data/...), where ropa_desktop.resources looks first; an editable install
# reads them from the source tree, so they are not copied there.
DATA_FOLDERS = ("resources", "samples", "translations")


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        compile_catalogues(root)
        if self.target_name == "wheel" and version != "editable":
            for name in DATA_FOLDERS:
                if (root / name).is_dir():
                    build_data["force_include"][str(root / name)] = f"ropa_desktop/_data/{name}"
