"""Write docs/fields.md: which face reads and writes each format-version-2 field.

Measured, not declared: for each field the tool takes a small register, sets that one
field, and compares the faces with and without it.

- editor: the field has a place in one of the editor's faces (``FACES`` in the field
  catalogue) or in the dialog of the list it belongs to (legal bases, DPIA answers);
- workbook export: the exported workbook's cells change;
- workbook import: export → import gives the field back unchanged;
- JSON: export → import gives the field back unchanged;
- PDF: the printed text changes (``pdftotext``; the content fingerprint masked).

Usage::

    python tools/fields_coverage.py          # rewrite docs/fields.md
    python tools/fields_coverage.py --check  # exit 1 when the document is out of date
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ropa_desktop.domain.fields import FACES, FIELDS  # noqa: E402
from ropa_desktop.exports.pdf import export_pdf  # noqa: E402
from ropa_desktop.exports.xlsx import export_xlsx, import_xlsx_file  # noqa: E402
from ropa_desktop.i18n import translator  # noqa: E402
from ropa_desktop.interchange import json_format  # noqa: E402

DOC = ROOT / "docs" / "fields.md"

# The JSON section of each entity, and where in the base register the field is set.
_SECTION = {
    "data_subject": "data_subject_categories",
    "personal_data": "personal_data_categories",
    "recipient": "recipients",
    "transfer": "transfers",
    "activity": "activities",
}
# Each format-version-2 field and the value the variant gives it (the base register leaves it empty).
V2_VALUES: dict[tuple[str, str], Any] = {
    ("organisation", "dpo_required"): False,
    ("organisation", "dpo_assessment"): "Ingen kjerneaktivitet i stor skala",
    ("organisation", "source_date"): "2024-05-27",
    ("organisation", "source_version"): "Versjon 3.1",
    ("data_subject", "employees"): True,
    ("data_subject", "children"): True,
    ("data_subject", "vulnerable"): True,
    ("personal_data", "location"): True,
    ("personal_data", "financial"): True,
    ("personal_data", "communications"): True,
    ("personal_data", "retention"): "Tre måneder etter innsamling",
    ("personal_data", "retention_duration"): 3,
    ("personal_data", "retention_unit"): "months",
    ("personal_data", "retention_trigger"): "collection",
    ("personal_data", "deletion_method"): "anonymise",
    ("personal_data", "retention_reason"): "Tvisteløsning",
    ("recipient", "role=to_clarify"): "to_clarify",
    ("recipient", "disclosure_law"): "skatteforvaltningsloven § 7-1",
    ("recipient", "on_request_only"): True,
    ("recipient", "arrangement_covers"): "Sidestatistikk",
    ("recipient", "arrangement_contact"): "Meta svarer",
    ("recipient", "arrangement_reference"): "Page Insights Addendum",
    ("recipient", "arrangement_date"): "2023-01-02",
    ("transfer", "other_mechanisms"): ["scc"],
    ("transfer", "recipients"): [2],
    ("activity", "legal_bases"): [{"basis": "c", "covers": "Regnskap"}],
    ("legal_basis_entry", "covers"): "Kjørebok",
    ("legal_basis_entry", "national_law"): "bokføringsloven § 13",
    ("legal_basis_entry", "balancing_test"): "Sikkerhet veier tyngre",
    ("legal_basis_entry", "consent_record"): "Skjema med tidsstempel",
    ("legal_basis_entry", "consent_withdrawal"): "Min side",
    ("activity", "large_scale"): True,
    ("activity", "systematic_monitoring"): True,
    ("activity", "automated_decisions"): True,
    ("activity", "new_technology"): True,
    ("activity", "combines_datasets"): True,
    ("activity", "direct_marketing"): True,
    ("activity", "marketing_channels"): ["email"],
    ("activity", "marketing_customer_exception"): True,
    ("activity", "tracking_technology"): True,
    ("activity", "tracking_purposes"): ["analytics"],
    ("activity", "dpia_answers"): [{"criterion": "innovative_technology", "applies": True}],
    ("dpia_answer", "note"): "Nytt kamerasystem",
    ("activity", "dpia_need"): "needed",
    ("activity", "dpia_need_reason"): "Overvåking av ansatte",
    ("activity", "dpia_reference"): "DPIA-2024-07",
    ("activity", "dpia_date"): "2024-02-01",
}
# The letter each entry field belongs with (a balancing test is for (f), a consent record for (a)).
_ENTRY_BASIS = {"balancing_test": "f", "consent_record": "a", "consent_withdrawal": "a", "national_law": "c"}
# Fields edited in a dialog of the list they belong to, rather than in a face of their own.
_DIALOGS = {"legal_basis_entry": ("activity", "legal_bases"), "dpia_answer": ("activity", "dpia_answers")}


def base_document() -> dict[str, Any]:
    org: dict[str, Any] = {
        "id": 1,
        "name": "Eksempel AS",
        "data_subject_categories": [{"id": 1, "name": "Kunder"}],
        "personal_data_categories": [{"id": 1, "name": "Kontaktinformasjon"}],
        "recipients": [
            {"id": 1, "name": "Skyleverandør", "role": "processor", "country": "US", "dpa_in_place": True},
            {"id": 2, "name": "Partner", "role": "joint_controller", "country": "NO", "purpose": "Felles kampanje"},
        ],
        "transfers": [{"id": 1, "recipient_id": 1, "country": "US", "mechanism": "adequacy"}],
        "activities": [
            {
                "id": 1,
                "purpose": "Kundeoppfølging",
                "legal_basis": ["b"],
                "retention": "Fem år etter kundeforholdets slutt",
                "data_subjects": [1],
                "personal_data": [1],
                "recipients": [1, 2],
            }
        ],
    }
    return {"format": json_format.FORMAT, "version": json_format.FORMAT_VERSION, "organisations": [org]}


def variant(key: tuple[str, str], with_value: bool = True) -> dict[str, Any]:
    doc = base_document()
    org = doc["organisations"][0]
    entity, name = key
    value = V2_VALUES[key]
    if entity == "organisation":
        org[name] = value
    elif entity in _DIALOGS:
        parent = org["activities"][0]
        list_name = _DIALOGS[entity][1]
        first = (
            {"basis": _ENTRY_BASIS.get(name, "b")}
            if entity == "legal_basis_entry"
            else {"criterion": "innovative_technology", "applies": True}
        )
        parent[list_name] = [{**first, name: value} if with_value else first]
    elif name.startswith("role="):
        org["recipients"][1]["role"] = value
    else:
        records = org[_SECTION[entity]]
        records[-1 if entity == "recipient" else 0][name] = value  # a recipient's v2 fields: the joint controller
    return doc


def _field_of(doc: dict[str, Any], key: tuple[str, str]) -> Any:
    org = doc["organisations"][0]
    entity, name = key
    if entity == "organisation":
        return org.get(name)
    if entity in _DIALOGS:
        return org["activities"][0].get(_DIALOGS[entity][1])
    if name.startswith("role="):
        return org["recipients"][1].get("role")
    return org[_SECTION[entity]][-1 if entity == "recipient" else 0].get(name)


def _xlsx_cells(path: Path) -> list[Any]:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    cells = []
    for sheet in wb.sheet_names:
        rows = wb.get_sheet_by_name(sheet).to_python()
        if sheet.endswith("Organisation"):
            rows = rows[:-1]  # the export date
        cells.append((sheet, rows))
    return cells


# What changes with any change of content: the fingerprint (spaced on the cover, whole on the approval
# page) and the count of open errors the approval page states.
_VOLATILE = re.compile(
    r"(?:[0-9a-f]{8} ){7}[0-9a-f]{8}|[0-9a-f]{64}|with \d+ open errors? reported by the completeness check\."
)


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return _VOLATILE.sub("", " ".join(out.stdout.split()))


class Faces:
    """Each face's view of one register document, in a scratch folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.n = 0
        self.tr = translator("en")

    def views(self, doc: dict[str, Any]) -> tuple[dict[str, Any], list[Any], dict[str, Any], str]:
        """(JSON back, workbook cells, workbook back, PDF text)."""
        self.n += 1
        ropa, xlsx, back, pdf = (self.folder / f"{self.n}{s}" for s in (".ropa", ".xlsx", "-back.ropa", ".pdf"))
        with json_format.import_document(copy.deepcopy(doc), ropa) as reg:
            snapshot = reg.snapshot()
            json_back = json_format.snapshot_document(snapshot)
            export_xlsx(snapshot, xlsx, self.tr)
            # Without the findings: a field counts as printed when the print-out shows it, not a finding about it.
            export_pdf(snapshot, pdf, self.tr, include_findings=False)
        with import_xlsx_file(xlsx, back) as reg:
            xlsx_back = json_format.snapshot_document(reg.snapshot())
        return json_back, _xlsx_cells(xlsx), xlsx_back, _pdf_text(pdf)


def _in_editor(key: tuple[str, str]) -> bool:
    entity, name = key
    if name.startswith("role="):
        name = "role"
    if entity in _DIALOGS:
        key = _DIALOGS[entity]
        entity, name = key
    faces = {k for ids in FACES.values() for k in ids}
    return (entity, name) in faces


def measure() -> list[tuple[tuple[str, str], dict[str, bool]]]:
    with tempfile.TemporaryDirectory() as tmp:
        faces = Faces(Path(tmp))
        plain = faces.views(base_document())
        rows = []
        for key in V2_VALUES:
            # An entry's field is compared with the same entry without it; any other field with the plain register.
            base_json, base_cells, _, base_pdf = faces.views(variant(key, False)) if key[0] in _DIALOGS else plain
            json_back, cells, xlsx_back, pdf = faces.views(variant(key))
            wanted = _field_of(json_back, key)
            rows.append(
                (
                    key,
                    {
                        "editor": _in_editor(key),
                        "workbook export": cells != base_cells,
                        "workbook import": _field_of(xlsx_back, key) == wanted and wanted != _field_of(base_json, key),
                        "JSON": wanted is not None and wanted == _field_of(variant(key), key),
                        "PDF": pdf != base_pdf,
                    },
                )
            )
    return rows


COLUMNS = ("editor", "workbook export", "workbook import", "JSON", "PDF")


def render(rows: list[tuple[tuple[str, str], dict[str, bool]]]) -> str:
    lines = [
        "# Format version 2 fields in each face",
        "",
        "Generated by `tools/fields_coverage.py` (do not edit by hand): for each field the tool sets that one",
        "field in a small register and compares each face with and without it. *editor*: the field has a place",
        "in an editor face of the field catalogue (`FACES`) or in the dialog of its list; *workbook export*: the",
        "workbook's cells change; *workbook import*: export → import gives it back; *JSON*: export → import",
        "gives it back; *PDF*: the printed text changes. Flags that only feed the checks and the DPIA screening",
        'show in the PDF through the screening\'s "what applies" column (the PDF is compared without its',
        "findings; a field that only changes a finding does not count).",
        "",
        "| field | heading | " + " | ".join(COLUMNS) + " |",
        "|---|---|" + "---|" * len(COLUMNS),
    ]
    for (entity, name), found in rows:
        field_name = name.replace("role=", "role = ")
        info = FIELDS.get((entity, name.split("=")[0]))
        heading = info.heading if info else ""
        marks = " | ".join("yes" if found[c] else "**no**" for c in COLUMNS)
        lines.append(f"| `{entity}.{field_name}` | {heading} | {marks} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, measured: Callable[[], Any] = measure) -> int:
    parser = argparse.ArgumentParser(prog="tools/fields_coverage.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/fields.md is out of date")
    args = parser.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext (poppler-utils) is needed to read the PDF")
        return 2
    text = render(measured())
    if args.check:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/fields.md is out of date; run tools/fields_coverage.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
