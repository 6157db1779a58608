"""How fast tools/i18n.py extract, update and check run: on this checkout and on a tree with 5,000 messages.

Run: PYTHONPATH=. python tests/benchmarks/bench_i18n.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tools.i18n as tool

REPO = Path(__file__).resolve().parents[2]


def timed(label: str, action: Callable[[], object]) -> None:
    start = time.perf_counter()
    action()
    print(f"  {label:<28} {1000 * (time.perf_counter() - start):8.1f} ms")


def run(root: Path, title: str) -> None:
    print(title)
    timed("extract", lambda: tool.main(["--root", str(root), "extract"]))
    timed("update (nb + en)", lambda: tool.main(["--root", str(root), "update"]))
    timed("check (with re-extract)", lambda: tool.check(tool.Paths(root)))
    timed("check --no-extract", lambda: tool.check(tool.Paths(root), extract=False))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp) / "checkout"
        here.mkdir()
        for name in ("babel.cfg", "ropa_desktop", "translations"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, here / name)
        run(here, f"this checkout ({len(tool.extract_catalog(here))} messages)")
        big = Path(tmp) / "big"
        shutil.copytree(here, big)
        lines = ["from ropa_desktop.i18n import N_", ""]
        lines += [f"M{i} = N_('Generated message number {i} with a {{placeholder}}')" for i in range(5000)]
        (big / "ropa_desktop" / "generated.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
        run(big, "with 5,000 more messages")
        timed("update again (no change)", lambda: tool.main(["--root", str(big), "update"]))


if __name__ == "__main__":
    main()
