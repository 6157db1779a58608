"""The board PDF: every fact of the register is printed, literally, on well-formed pages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ropa_desktop.domain import enums as e
from ropa_desktop.domain.labels import label
from ropa_desktop.exports.pdf import PdfExportCancelledError, export_pdf
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests import promeister as sample
from tests.exports.conftest import page_count, pdf_text, poppler, squash

pytestmark = pytest.mark.both_engines  # the board PDF of a register file and of a PostgreSQL server register

EN = translator("en")


@pytest.fixture
def promeister_pdf(promeister: RegisterFile, tmp_path: Path) -> Path:
    out = tmp_path / "promeister.pdf"
    export_pdf(promeister.snapshot(), out, EN)
    return out


def test_every_fact_of_the_purpose_table_is_printed(promeister_pdf: Path) -> None:
    text = pdf_text(promeister_pdf)
    for activity in sample.activities():
        assert squash(activity["purpose"]) in text
        assert squash(activity.get("retention", "")) in text
        for operation in activity.get("operations", []):
            assert squash(operation) in text
        for category in activity["personal_data"]:
            assert squash(category) in text
        for letter in activity.get("legal_basis", []):
            assert label(letter, EN, e.LegalBasis) in text
        if "legal_basis_note" in activity:
            assert activity["legal_basis_note"] in text


def test_sharing_table_and_processors_are_printed(promeister_pdf: Path) -> None:
    text = pdf_text(promeister_pdf)
    for row in sample.recipients("independent_controller"):
        assert squash(row["name"]) in text
        assert squash(row["purpose"]) in text
    for service, description in ((r["service"], r["description"]) for r in sample.recipients(None)):
        assert squash(service) in text
        assert squash(description) in text
    for what in (c["text"] for c in sample.organisation()["change_log"]):
        assert squash(what) in text


def test_footnotes_are_numbered_in_table_order_and_identical_texts_share_a_number(promeister_pdf: Path) -> None:
    text = pdf_text(promeister_pdf)
    assert "¹ " + squash(sample.balancing_tests()[0]) in text
    assert "² " + squash(sample.balancing_tests()[1]) in text
    assert "³ " + squash(sample.balancing_tests()[2]) in text
    assert "⁴" not in text  # the sharing row reuses ³
    # ³ marks every activity and sharing table row with that same balancing test
    rows = [*sample.activities(), *sample.recipients("independent_controller", "joint_controller")]
    shared = [r for r in rows if r.get("balancing_test") == sample.balancing_tests()[2]]
    assert text.count("Legitimate interests ³") == len(shared) >= 2


def test_a_footnote_prints_on_every_page_that_carries_its_mark(promeister_pdf: Path) -> None:
    notes = {"¹": sample.balancing_tests()[0], "²": sample.balancing_tests()[1], "³": sample.balancing_tests()[2]}
    marked_pages = 0
    for page in range(1, page_count(promeister_pdf) + 1):
        text = pdf_text(promeister_pdf, page)
        for mark, note in notes.items():
            if f"Legitimate interests {mark}" in text:
                marked_pages += 1
                assert f"{mark} {squash(note)}" in text, (page, mark)
            else:
                assert squash(note) not in text, (page, mark)  # no note on a page without its mark
    assert marked_pages >= 3


def test_user_text_prints_literally(register: RegisterFile, tmp_path: Path) -> None:
    register.apply(
        ops.Create(
            "activity", {"organisation_id": 1, "purpose": "Kunder <b>& leverandører", "operations": ["a < b && c > d"]}
        )
    )
    out = tmp_path / "escaped.pdf"
    export_pdf(register.snapshot(), out, EN)
    text = pdf_text(out)
    assert "Kunder <b>& leverandører" in text
    assert "a < b && c > d" in text


def test_cover_header_footer_and_metadata(promeister: RegisterFile, promeister_pdf: Path) -> None:
    pages = page_count(promeister_pdf)
    cover = pdf_text(promeister_pdf, 1)
    org = promeister.snapshot().organisations[0]
    fingerprint = json_format.fingerprint(org)
    assert "ProMeister Solutions AS" in cover
    assert "917100462" in cover
    assert "c/o MECA Norway AS, Postboks 1014, 2804 Gjøvik" in cover
    assert " ".join(fingerprint[i : i + 8] for i in range(0, 64, 8)) in cover
    assert f"Page 1 of {pages}" in cover
    assert "Version 1" not in cover  # no running header on the cover
    second = pdf_text(promeister_pdf, 2)
    assert "ProMeister Solutions AS" in second and "Version 1" in second and f"Page 2 of {pages}" in second
    info = subprocess.run([poppler("pdfinfo"), str(promeister_pdf)], capture_output=True, text=True, check=True).stdout
    assert "Title:" in info and "Records of processing activities — ProMeister Solutions AS" in info
    assert "Author:          ProMeister Solutions AS" in info
    assert "Subject:         Records of processing activities under GDPR article 30" in info
    assert b"/Lang (en)" in promeister_pdf.read_bytes()
    fonts = subprocess.run(
        [poppler("pdffonts"), str(promeister_pdf)], capture_output=True, text=True, check=True
    ).stdout
    dejavu = [line for line in fonts.splitlines() if "DejaVuSans" in line]
    assert dejavu and all(" yes yes yes " in line for line in dejavu)


def test_contents_lists_sections_with_their_pages(promeister_pdf: Path) -> None:
    contents = pdf_text(promeister_pdf, 2, raw=False)  # page numbers are drawn last; read by position
    assert "Contents" in contents
    for title in (
        "Purposes and processing",
        "Sharing with other recipients",
        "Independent controllers",
        "Processors",
        "Change log",
        "Approval",
    ):
        assert title in contents
    last = page_count(promeister_pdf)
    assert "Approval" in pdf_text(promeister_pdf, last)
    assert f"Approval {last}" in contents


def test_heading_row_repeats_on_every_page_of_a_long_table(register: RegisterFile, tmp_path: Path) -> None:
    for i in range(120):
        register.apply(
            ops.Create(
                "activity",
                {
                    "organisation_id": 1,
                    "purpose": f"Formål nummer {i}",
                    "operations": ["Lagre", "Sende"],
                    "retention": "5 år",
                },
            )
        )
    out = tmp_path / "long.pdf"
    export_pdf(register.snapshot(), out, EN, include_findings=False)
    map_columns = "Sources and data subjects Processing activities Recipients and processors Countries"
    table_pages = [  # the data map pages (issue 18) name the activities too
        p for p in range(1, page_count(out) + 1) if "Formål nummer" in (t := pdf_text(out, p)) and map_columns not in t
    ]
    assert len(table_pages) >= 3
    for page in table_pages:
        assert "Purpose Processing Data subjects and categories of personal data Legal basis Retention" in pdf_text(
            out, page
        )
    text = pdf_text(out)
    assert all(f"Formål nummer {i} " in text for i in range(120))


def test_a_row_taller_than_a_page_still_prints(register: RegisterFile, tmp_path: Path) -> None:
    operations = [f"Behandlingstrinn {i} med en lang beskrivelse av hva som skjer" for i in range(90)]
    register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "Svært lang", "operations": operations}))
    out = tmp_path / "tall.pdf"
    export_pdf(register.snapshot(), out, EN)
    text = pdf_text(out)
    assert "Behandlingstrinn 0 " in text and "Behandlingstrinn 89 " in text


def test_approval_page_lists_the_approvers(register: RegisterFile, tmp_path: Path) -> None:
    register.apply(ops.Create("approver", {"organisation_id": 1, "name": "Kari Nordmann", "role": "Styreleder"}))
    register.apply(ops.Create("approver", {"organisation_id": 1, "name": "Ola Ås", "role": "Styremedlem"}))
    out = tmp_path / "approval.pdf"
    export_pdf(register.snapshot(), out, EN)
    last = pdf_text(out, page_count(out))
    assert "Name Role Date Signature" in last
    assert "Kari Nordmann Styreleder" in last and "Ola Ås Styremedlem" in last


def test_findings_are_included_for_drafts_and_can_be_left_out(promeister: RegisterFile, tmp_path: Path) -> None:
    with_findings, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    export_pdf(promeister.snapshot(), with_findings, EN)
    export_pdf(promeister.snapshot(), without, EN, include_findings=False)
    assert "Open findings of the checks" in pdf_text(with_findings)
    assert "Open findings of the checks" not in pdf_text(without)


def test_cancelled_export_writes_nothing(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    calls: list[tuple[int, int]] = []

    def stop(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    with pytest.raises(PdfExportCancelledError):
        export_pdf(promeister.snapshot(), out, EN, progress=stop)
    assert calls and not out.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_progress_reaches_the_total(promeister: RegisterFile, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    export_pdf(promeister.snapshot(), tmp_path / "p.pdf", EN, progress=progress)
    assert seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cli_exports_pdf(promeister: RegisterFile, tmp_path: Path) -> None:
    from ropa_desktop.cli import main

    location = str(getattr(promeister, "url", promeister.path))  # every subcommand accepts a server's address
    promeister.close()
    out = tmp_path / "cli.pdf"
    assert main(["export", location, "--format", "pdf", "-o", str(out), "--export-lang", "nb"]) == 0
    assert "Brukeradministrasjon og support" in pdf_text(out)
    assert b"/Lang (nb)" in out.read_bytes()


def test_each_organisation_gets_its_own_cover_header_and_signature_field(
    register: RegisterFile, tmp_path: Path
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields

    second = register.apply(ops.Create("organisation", {"name": "Andre AS", "orgnr": "987654321"})).record_id
    register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "Første formål"}))
    register.apply(ops.Create("activity", {"organisation_id": second, "purpose": "Andre formål"}))
    out = tmp_path / "two.pdf"
    export_pdf(register.snapshot(), out, EN)
    pages = [pdf_text(out, p) for p in range(1, page_count(out) + 1)]
    first_page = next(i for i, t in enumerate(pages) if "Første formål" in t)
    second_page = next(i for i, t in enumerate(pages) if "Andre formål" in t)
    assert first_page < second_page
    assert "Test AS Version 1" in pages[first_page]
    assert "Andre AS Version 1" in pages[second_page]
    with out.open("rb") as fh:
        names = [name for name, _, _ in fields.enumerate_sig_fields(PdfFileReader(fh), filled_status=None)]
    assert names == ["BoardApproval", "BoardApproval2"]


def test_the_export_language_comes_from_the_translator(promeister: RegisterFile, tmp_path: Path) -> None:
    out = tmp_path / "nb.pdf"
    export_pdf(promeister.snapshot(), out, translator("nb"))
    pages = page_count(out)
    text = pdf_text(out)
    assert f"Side 1 av {pages}" in text and f"Side {pages} av {pages}" in text
    assert "Formål Behandling Registrerte og kategorier av personopplysninger Rettslig grunnlag Lagringstid" in text
    assert "Oppfylle avtale" in text
