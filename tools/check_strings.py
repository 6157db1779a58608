"""Fail on user-visible string literals that bypass the translation catalogue.

An AST scan of ``ropa_desktop/`` (after napari's ``tools/check_strings.py``).
It reports:

- literals (plain, f-strings, ``"...".format()``, ``"a" + b``) passed to places
  users read: ``print()``; Qt text setters and constructors (``setText``,
  ``setWindowTitle``, ``setToolTip``, ``QAction``, ``QLabel``,
  ``QMessageBox.warning`` …); argparse ``help=`` / ``description=``; text drawn
  into PDFs (``Paragraph``, ``drawString``) and sheet titles or cell values
  assigned in Excel exports (``ws.title = ...``, ``cell.value = ...``);
- messages of :class:`ropa_desktop.errors.RopaError` subclasses given as plain
  literals (class attribute ``message = "..."`` or a constructor argument)
  instead of ``N_("...")`` / ``_("...")``;
- calls to ``_()`` / ``N_()`` / ``ngettext()`` whose message is not a plain
  literal (an f-string or a formatted string cannot be looked up: translate
  first, then ``.format()``);
- Qt's ``self.tr()`` / ``QCoreApplication.translate()``: they read Qt ``.qm``
  files, which the program does not ship, so the text would stay English;
- one vocabulary (issue 10): a field heading or an enum wording defined outside
  the field catalogue (``domain/fields.py``) and the label tables
  (``domain/labels.py``): a translated literal equal to one of theirs, or a
  table column (``Column``, ``DetailField``, ``TableSpec``) given its own heading.

Legitimate exceptions go in ``tools/check_strings_allowlist.txt``, one per
line: ``path<TAB>text`` where text is the literal's constant text (f-string
parts joined, placeholders left out, surrounding spaces ignored). Usage::

    python tools/check_strings.py            # exit 1 when something escaped
    python tools/check_strings.py --list     # also print allowlisted hits
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "ropa_desktop"
ALLOWLIST = Path(__file__).with_name("check_strings_allowlist.txt")

TRANSLATE_FUNCTIONS = {"_", "N_", "gettext", "ngettext", "pgettext", "npgettext"}
# Qt's own translation functions look like translation but read .qm files we do not ship.
QT_TRANSLATE = {"tr", "translate"}
# Methods and constructors whose string arguments end up on screen.
QT_TEXT_SINKS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setTitle",
    "setSubTitle",
    "setLabelText",
    "setTabText",
    "setTabToolTip",
    "addTab",
    "insertTab",
    "setItemText",
    "addItem",
    "addItems",
    "insertItem",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels",
    "showMessage",
    "setAccessibleName",
    "setAccessibleDescription",
    "setSuffix",
    "setPrefix",
    "setSpecialValueText",
    "setButtonText",
    "setInformativeText",
    "setDetailedText",
    "setCancelButtonText",
    "setNameFilter",
    "setNameFilters",
    "addButton",
    "addMenu",
    "addAction",
    "addSection",
    "setWindowIconText",
    "getOpenFileName",
    "getSaveFileName",
    "getExistingDirectory",
    "getText",
    "getItem",
    "QAction",
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QMenu",
    "QMessageBox",
    "QProgressDialog",
    "QWizardPage",
    "QTreeWidgetItem",
    "QListWidgetItem",
    "QTableWidgetItem",
    "QStandardItem",
    # exports: text drawn into PDF pages (reportlab) ...
    "Paragraph",
    "drawString",
    "drawCentredString",
    "drawRightString",
}
# ... and attributes that become visible text in an export (openpyxl sheet titles and cell values).
VISIBLE_ATTRIBUTES = {"title", "value"}
MESSAGE_BOX_STATICS = {"information", "warning", "critical", "question", "about"}
ARGPARSE_KEYWORDS = {"help", "description", "epilog"}
LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    reason: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}: {self.text!r}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def literal_text(node: ast.expr) -> str | None:
    """The constant text of a string-building expression, or None when it is not one.

    f-string parts are joined without their placeholders; ``"x".format()``, ``"x".upper()`` and
    ``"a" + b`` count as the literal they start from.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left, right = literal_text(node.left), literal_text(node.right)
        if left is None and right is None:
            return None
        return (left or "") + (right or "")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not _is_translation(node):
        return literal_text(node.func.value)
    return None


def _is_translation(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in TRANSLATE_FUNCTIONS


def _visible(text: str | None) -> bool:
    return text is not None and bool(LETTER.search(text))


def _sentence_like(text: str | None) -> bool:
    """For arguments that may also be identifiers (field names): only text with a space or a capital."""
    return _visible(text) and text is not None and (" " in text.strip() or text[:1].isupper())


def _error_classes(trees: Iterable[ast.Module]) -> set[str]:
    """Names of RopaError and its subclasses anywhere in the package (by class name)."""
    bases: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    found = {"RopaError"}
    changed = True
    while changed:
        changed = False
        for name, parents in bases.items():
            if name not in found and parents & found:
                found.add(name)
                changed = True
    return found


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str, errors: set[str]) -> None:
        self.path = path
        self.errors = errors
        self.hits: list[Hit] = []

    def hit(self, node: ast.AST, reason: str, text: str) -> None:
        self.hits.append(Hit(self.path, getattr(node, "lineno", 0), reason, text))

    def _args(self, node: ast.Call) -> Iterator[ast.expr]:
        yield from node.args
        for kw in node.keywords:
            yield kw.value

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in TRANSLATE_FUNCTIONS:
            self._translation_call(node, name)
        elif name in QT_TRANSLATE and isinstance(node.func, ast.Attribute):
            for arg in node.args:
                text = literal_text(arg)
                if _sentence_like(text):
                    self.hit(arg, f"Qt {name}() bypasses the gettext catalogue: use _()", text or "")
        elif name == "print":
            for arg in node.args:
                text = literal_text(arg)
                if _visible(text) and not _is_translation(arg):
                    self.hit(arg, "print() of an untranslated literal", text or "")
        elif name in QT_TEXT_SINKS or (
            name in MESSAGE_BOX_STATICS
            and isinstance(node.func, ast.Attribute)
            and _name(node.func.value) == "QMessageBox"
        ):
            for arg in self._args(node):
                text = literal_text(arg)
                if _visible(text) and not _is_translation(arg):
                    self.hit(arg, f"{name}() with an untranslated literal", text or "")
        elif name in self.errors:
            for arg in self._args(node):
                text = literal_text(arg)
                if _sentence_like(text) and not _is_translation(arg):
                    self.hit(arg, f"{name} message not wrapped in N_()/_()", text or "")
        if name in {"add_argument", "add_parser", "ArgumentParser", "add_subparsers", "add_argument_group"} or (
            name.endswith("Parser") and isinstance(node.func, ast.Name)
        ):
            for kw in node.keywords:
                text = literal_text(kw.value)
                if kw.arg in ARGPARSE_KEYWORDS and _visible(text) and not _is_translation(kw.value):
                    self.hit(kw.value, f"argparse {kw.arg}= not translated", text or "")
        self.generic_visit(node)

    def _translation_call(self, node: ast.Call, name: str) -> None:
        count = {"ngettext": 2, "pgettext": 2, "npgettext": 3}.get(name, 1)
        first = 1 if name in {"pgettext", "npgettext"} else 0
        for arg in node.args[first : first + count]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                continue
            text = literal_text(arg)
            if text is not None:
                self.hit(arg, f"{name}() of a built string: translate the literal, then .format()", text)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Attribute) and target.attr in VISIBLE_ATTRIBUTES:
                text = literal_text(node.value)
                if _sentence_like(text) and not _is_translation(node.value):
                    self.hit(node.value, f".{target.attr} = an untranslated literal", text or "")
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if node.name in self.errors:
            for stmt in node.body:
                targets = (
                    [t for t in stmt.targets if isinstance(t, ast.Name)]
                    if isinstance(stmt, ast.Assign)
                    else [stmt.target]
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                    else []
                )
                value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
                if value is None or not any(isinstance(t, ast.Name) and t.id == "message" for t in targets):
                    continue
                text = literal_text(value)
                if _visible(text) and not _is_translation(value):
                    self.hit(value, f"{node.name}.message not wrapped in N_()", text or "")
        self.generic_visit(node)


# The single sources of field headings and enum wordings (issue 10: one vocabulary).
VOCABULARY_FILES = ("ropa_desktop/domain/fields.py", "ropa_desktop/domain/labels.py")
# Calls whose translated literal would be a column heading of its own.
COLUMN_CALLS = {"Column", "DetailField", "TableSpec"}
# Argument positions of a catalogue entry F(entity, name, heading, long, article, help, ...) that are
# not vocabulary: the help text is a sentence and may repeat words.
_HELP_ARGUMENT = 5
SKIPPED_TABLES = {"FORMER_HEADINGS"}


def vocabulary(root: Path = ROOT) -> set[str]:
    """Every heading and enum wording the catalogue and label tables define (their msgids)."""
    words: set[str] = set()
    for name in VOCABULARY_FILES:
        path = root / name
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helps = {
            id(call.args[_HELP_ARGUMENT])
            for call in ast.walk(tree)
            if isinstance(call, ast.Call) and _name(call.func) == "F" and len(call.args) > _HELP_ARGUMENT
        }
        # Headings older workbooks used are read back, never shown: not part of the vocabulary.
        for stmt in tree.body:
            if isinstance(stmt, ast.AnnAssign) and _name(stmt.target) in SKIPPED_TABLES and stmt.value is not None:
                helps.update(id(n.args[0]) for n in ast.walk(stmt.value) if isinstance(n, ast.Call) and n.args)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) == "N_" and node.args and id(node.args[0]) not in helps:
                text = literal_text(node.args[0])
                if text:
                    words.add(text)
    return words


class _VocabularyScanner(ast.NodeVisitor):
    def __init__(self, path: str, words: set[str]) -> None:
        self.path = path
        self.words = words
        self.hits: list[Hit] = []

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in TRANSLATE_FUNCTIONS and node.args:
            text = literal_text(node.args[0])
            if text in self.words:
                self.hits.append(
                    Hit(
                        self.path,
                        node.lineno,
                        "a heading or enum wording outside domain/fields.py and domain/labels.py",
                        text,
                    )
                )
        elif name in COLUMN_CALLS:
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                if isinstance(arg, ast.Call) and _is_translation(arg) and arg.args:
                    text = literal_text(arg.args[0]) or ""
                    self.hits.append(
                        Hit(
                            self.path,
                            node.lineno,
                            f"{name}() with its own heading: take it from domain/fields.py",
                            text,
                        )
                    )
        self.generic_visit(node)


def scan_vocabulary(root: Path = ROOT) -> list[Hit]:
    """Headings and enum wordings defined outside the one vocabulary."""
    words = vocabulary(root)
    hits: list[Hit] = []
    for file in sorted((root / PACKAGE).rglob("*.py")):
        relative = file.relative_to(root).as_posix()
        if relative in VOCABULARY_FILES:
            continue
        scanner = _VocabularyScanner(relative, words)
        scanner.visit(ast.parse(file.read_text(encoding="utf-8"), filename=str(file)))
        hits.extend(scanner.hits)
    return hits


def load_allowlist(path: Path = ALLOWLIST) -> set[tuple[str, str]]:
    allowed: set[tuple[str, str]] = set()
    if not path.is_file():
        return allowed
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        file, _sep, text = raw.partition("\t")
        allowed.add((file.strip(), text.strip()))
    return allowed


def scan(root: Path = ROOT) -> list[Hit]:
    files = sorted((root / PACKAGE).rglob("*.py"))
    trees = {f: ast.parse(f.read_text(encoding="utf-8"), filename=str(f)) for f in files}
    errors = _error_classes(trees.values())
    hits: list[Hit] = []
    for file, tree in trees.items():
        scanner = _Scanner(file.relative_to(root).as_posix(), errors)
        scanner.visit(tree)
        hits.extend(scanner.hits)
    return hits + scan_vocabulary(root)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/check_strings.py", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--list", action="store_true", help="also show allowlisted hits")
    args = parser.parse_args(argv)
    allowed = load_allowlist()
    hits = scan(args.root)
    bad = [h for h in hits if (h.path, h.text.strip()) not in allowed]
    for hit in hits if args.list else bad:
        print(("  allowed: " if hit not in bad else "") + str(hit))
    if bad:
        print(f"{len(bad)} user-visible string(s) bypass the catalogue (see tools/check_strings.py)", file=sys.stderr)
        return 1
    print(f"no untranslated user-visible strings ({len(hits) - len(bad)} allowlisted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
