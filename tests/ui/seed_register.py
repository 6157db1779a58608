"""A realistic register built from the ProMeister notice's tables through the paste path.

Only what the notice says: the purpose table (pasted as copied out of the
notice) and the independent controllers of its sharing table.
"""

from __future__ import annotations

from pathlib import Path

from ropa_desktop.interchange import editing, tsv
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

SEEDS = next(
    (p / "shared" / "seeds" for p in Path(__file__).resolve().parents if (p / "shared" / "seeds").is_dir()),
    Path("/work/shared/seeds"),
)
PROMEISTER = SEEDS / "000_d06a716b7219f12d.txt"


def purpose_table_text() -> str:
    """The lines of the notice's purpose table, page breaks included, as a user would copy them."""
    lines = PROMEISTER.read_text(encoding="utf-8").splitlines()
    start = lines.index("Formål\tBehandling\tKategorier av personopplysninger\tRettslig grunnlag\tLagringstid")
    end = next(i for i, line in enumerate(lines) if line.startswith("Kategori av personopplysningsansvarlig"))
    return "\n".join(lines[start:end])


def sharing_rows() -> list[list[tsv.Cell]]:
    lines = PROMEISTER.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Kategori av personopplysningsansvarlig"))
    rows = []
    for line in lines[start + 1 :]:
        if "\t" not in line:
            break
        rows.append([tsv.parse_cell(c) for c in line.split("\t")])
    return rows


def build(path: Path) -> RegisterFile:
    register = RegisterFile.create(path, overwrite=True)
    org = register.apply(
        ops.Create(
            "organisation",
            {
                "name": "ProMeister Solutions AS",
                "orgnr": "917100462",
                "address": "c/o MECA Norway AS, Postboks 1014, 2804 Gjøvik",
            },
        )
    ).record_id
    assert org is not None
    pasted = tsv.purpose_rows(tsv.parse_rows(purpose_table_text()))
    register.apply(editing.paste_activities(register, org, "controller", pasted))
    _notice_details(register, org)
    recipients = tsv.sharing_rows(sharing_rows())
    register.apply(editing.paste_recipients(register, org, recipients))
    return register


def _notice_details(register: RegisterFile, org: int) -> None:
    """The footnotes ¹ ² ³ become balancing tests; the notice names allergies as health data."""
    text = PROMEISTER.read_text(encoding="utf-8").splitlines()
    notes = [line[4:].strip() for line in text if line.startswith(("- ¹", "- ²", "- ³"))]
    snapshot = register.snapshot().organisation(org)
    assert snapshot is not None
    legit = [a.activity for a in snapshot.activities if "f" in a.activity.legal_basis]
    for activity, note in zip(legit, notes, strict=False):
        assert activity.id is not None
        register.apply(ops.Update("activity", activity.id, {"balancing_test": note}))
    for category in snapshot.personal_data:
        assert category.id is not None
        if category.name.startswith("Allergier"):
            register.apply(ops.Update("personal_data", category.id, {"special": True}))
        if category.name.startswith("Fødselsnummer"):
            register.apply(ops.Update("personal_data", category.id, {"national_id": True}))


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1])).close()
