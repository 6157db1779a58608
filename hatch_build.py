"""Build hook: compile the gettext catalogues (translations/*.po) into the package.

The .mo files are build products, never committed or edited by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogues(root: Path) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / "translations").glob("*/LC_MESSAGES/*.po")):
        language = po.parent.parent.name
        target = root / "ropa_desktop" / "locale" / language / "LC_MESSAGES" / (po.stem + ".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        with target.open("wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        written.append(target)
    return written


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
