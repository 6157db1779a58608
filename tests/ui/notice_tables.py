"""The ProMeister notice's tables as a user copies them out of the notice: input for the paste tests."""

from __future__ import annotations

from ropa_desktop.interchange import tsv
from tests.seeds import seed_notice


def _notice_lines() -> list[str]:
    return seed_notice("promeister-solutions").read_text(encoding="utf-8").splitlines()


def purpose_table_text() -> str:
    """The lines of the notice's purpose table, page breaks included, as a user would copy them."""
    lines = _notice_lines()
    start = lines.index("Formål\tBehandling\tKategorier av personopplysninger\tRettslig grunnlag\tLagringstid")
    end = next(i for i, line in enumerate(lines) if line.startswith("Kategori av personopplysningsansvarlig"))
    return "\n".join(lines[start:end])


def sharing_rows() -> list[list[tsv.Cell]]:
    """The notice's sharing table (independent controllers), one list of cells per row."""
    lines = _notice_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Kategori av personopplysningsansvarlig"))
    rows = []
    for line in lines[start + 1 :]:
        if "\t" not in line:
            break
        rows.append([tsv.parse_cell(c) for c in line.split("\t")])
    return rows
