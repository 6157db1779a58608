"""tools/check_strings.py: passes on the package, catches literals that bypass the catalogue."""

from __future__ import annotations

from pathlib import Path

import tools.check_strings as check_strings
from tests.seeds import REPO

BAD = """
from PySide6.QtWidgets import QAction, QLabel, QMessageBox
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_, _

class Oops(RopaError):
    message = "Something broke."

class Fine(RopaError):
    message = N_("Translated.")

def ui(widget, name, parser, n):
    widget.setText("Save")
    widget.setWindowTitle(f"Register {name}")
    QLabel("Purpose:", widget)
    QAction("&Open", widget)
    QMessageBox.warning(widget, "Careful", _("Fine"))
    print("Done.")
    print(f"{name}: {n}")
    parser.add_argument("--x", help="an option")
    raise Oops("The file is damaged.")

def misuse(name):
    _(f"Hello {name}")
    _("Hello {name}".format(name=name))
    widget_ok = _("Hello {name}").format(name=name)
    logger.warning("not for users")
    raise Fine(field="legal_basis")
    widget.setText(widget.tr("Save as"))

def export(sheet, cell, tr):
    sheet.title = "Purposes"
    cell.value = tr.gettext("Purpose")
    cell.number_format = "YYYY-MM-DD"
    story = [Paragraph("Records of processing", style), Paragraph(tr.gettext("Purpose"), style)]
"""


def _scan(tmp_path: Path, source: str) -> list[check_strings.Hit]:
    package = tmp_path / "ropa_desktop"
    package.mkdir(exist_ok=True)
    (package / "errors.py").write_text("class RopaError(Exception):\n    pass\n", encoding="utf-8")
    (package / "bad.py").write_text(source, encoding="utf-8")
    return check_strings.scan(tmp_path)


def test_the_package_passes() -> None:
    assert check_strings.main(["--root", str(REPO)]) == 0


def test_catches_each_bypass(tmp_path: Path) -> None:
    hits = {(h.line, h.text) for h in _scan(tmp_path, BAD)}
    assert hits == {
        (7, "Something broke."),
        (13, "Save"),
        (14, "Register "),
        (15, "Purpose:"),
        (16, "&Open"),
        (17, "Careful"),
        (18, "Done."),
        (20, "an option"),
        (21, "The file is damaged."),
        (24, "Hello "),
        (25, "Hello {name}"),
        (29, "Save as"),
        (32, "Purposes"),
        (35, "Records of processing"),
    }


def test_allowlist_lets_a_literal_through(tmp_path: Path) -> None:
    allowlist = tmp_path / "allow.txt"
    allowlist.write_text("# comment\nropa_desktop/bad.py\tDone. \n", encoding="utf-8")
    allowed = check_strings.load_allowlist(allowlist)
    hits = _scan(tmp_path, BAD)
    remaining = [h for h in hits if (h.path, h.text.strip()) not in allowed]
    assert len(remaining) == len(hits) - 1
    assert all(h.text != "Done." for h in remaining)


def test_catches_a_heading_or_enum_wording_outside_the_one_vocabulary(tmp_path: Path) -> None:
    domain = tmp_path / "ropa_desktop" / "domain"
    domain.mkdir(parents=True)
    for name in ("fields.py", "labels.py"):
        (domain / name).write_text((REPO / "ropa_desktop" / "domain" / name).read_text(encoding="utf-8"), "utf-8")
    hits = _scan(
        tmp_path,
        "HEADERS = (N_('Legal basis'), N_('Retention'))\n"
        "BASES = {'b': N_('Performance of a contract'), 'e': N_('Public interest')}\n"
        "COLUMN = Column('x', N_('A heading of its own'), 'text')\n"
        "SPEC = DetailField('y', _('Another heading'))\n"
        "FINE = _('Open findings of the checks')\n"
        "ALSO_FINE = N_('Transfers and safeguards')\n",  # a former workbook heading: read back, never shown
    )
    found = {h.text for h in hits}
    assert found == {
        "Legal basis",
        "Retention",
        "Performance of a contract",
        "Public interest",
        "A heading of its own",
        "Another heading",
    }
    assert check_strings.vocabulary(REPO) >= {"Purpose", "Legitimate interests", "Contract"}
