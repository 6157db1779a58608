"""Open the editor on a sample with pseudo-translated text, save screenshots and list cut-off labels.

Pseudo-translation (``ROPA_PSEUDO=1``, see ``ropa_desktop/pseudo.py``) makes every
message about 40 % longer and brackets it, so a label that does not grow with
its text shows up. Besides the screenshot, every visible label, button, tab and
table header whose text is wider than the room it has is listed.

Usage (needs a display; on a server wrap it in ``xvfb-run -a``)::

    python tools/pseudo_screenshot.py [-o build/pseudo] [--lang nb] [--real]

``--real`` takes the screenshots with the real catalogue instead (to compare).
Exit status 1 when something is cut off.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _cut_off(window: object) -> Iterator[str]:
    """Widgets whose text needs more width than they have (word-wrapped labels excepted)."""
    from PySide6.QtWidgets import QAbstractButton, QHeaderView, QLabel, QTabBar, QWidget

    assert isinstance(window, QWidget)
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap() and "\n" not in label.text():
            needed = label.fontMetrics().horizontalAdvance(label.text())
            # A scroll area or splitter may clip a label that is wide enough itself; one scrolled
            # wholly out of view is not cut off.
            shown = label.visibleRegion().boundingRect()
            has = min(label.contentsRect().width(), shown.width())
            if not shown.isEmpty() and needed > has + 1:
                yield f"label {label.text()!r}: needs {needed}px, has {has}px"
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            shown = button.visibleRegion().boundingRect()
            has = min(button.width(), shown.width())
            if not shown.isEmpty() and button.sizeHint().width() > has + 1:
                yield f"button {button.text()!r}: needs {button.sizeHint().width()}px, has {has}px"
    for tabs in window.findChildren(QTabBar):
        if not tabs.isVisible():
            continue
        for i in range(tabs.count()):
            needed = tabs.fontMetrics().horizontalAdvance(tabs.tabText(i).replace("&", ""))
            if needed > tabs.tabRect(i).width():
                yield f"tab {tabs.tabText(i)!r}: needs {needed}px, has {tabs.tabRect(i).width()}px"
    for header in window.findChildren(QHeaderView):
        model = header.model()
        if not header.isVisible() or model is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = model.headerData(section, header.orientation())
            if isinstance(text, str) and text:
                needed = header.fontMetrics().horizontalAdvance(text) + 8
                if needed > header.sectionSize(section) and header.orientation().name == "Horizontal":
                    yield f"column {text!r}: needs {needed}px, has {header.sectionSize(section)}px"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/pseudo_screenshot.py", description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "build" / "pseudo")
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--sample", default="promeister-solutions")
    parser.add_argument("--real", action="store_true", help="use the real catalogue, not the pseudo one")
    parser.add_argument("--size", default="1500x900")
    args = parser.parse_args(argv)
    if not args.real:
        os.environ["ROPA_PSEUDO"] = "1"
    # The run must not add recent files to, or read window geometry from, the user's own settings.
    settings_home = Path(tempfile.mkdtemp(prefix="ropa-pseudo-"))
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(settings_home / var.lower())
    os.environ.setdefault("ROPA_LANG", args.lang)

    from PySide6.QtCore import QTimer

    from ropa_desktop.i18n import set_language
    from ropa_desktop.interchange import json_format
    from ropa_desktop.resources import samples_dir

    # Imported by name: the tool lives beside the UI package but must not tie type checks to it.
    app = importlib.import_module("ropa_desktop.ui.app").make_application([])
    set_language(args.lang)
    main_window = importlib.import_module("ropa_desktop.ui.main_window").MainWindow

    args.output.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        register = Path(tmp) / f"{args.sample}.ropa"
        json_format.import_json_file(samples_dir() / f"{args.sample}.json", register).close()
        window = main_window()
        window.resize(width, height)
        window.show()
        kind = "real" if args.real else "pseudo"
        window.grab().save(str(args.output / f"start-{kind}-{args.lang}.png"))
        window.open_file(register)

        def capture() -> None:
            window.grab().save(str(args.output / f"editor-{kind}-{args.lang}.png"))
            problems.extend(_cut_off(window))
            window.close()
            app.quit()

        QTimer.singleShot(1000, capture)
        app.exec()
    for problem in problems:
        print(problem)
    print(f"screenshots in {args.output}; {len(problems)} cut-off text(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
