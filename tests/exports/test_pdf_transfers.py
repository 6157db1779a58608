"""The board PDF's transfers table (art. 30(1)(e)): third-country recipients and unknown countries, as the checks say.

A recipient inside the EEA (Norway's public bodies, a Norwegian or Swedish company) is not a transfer and is not
listed; a recipient outside it without a recorded transfer is listed as a missing transfer; a recipient whose
country is not recorded is listed with the country as the gap, not as a missing transfer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.exports.pdf import export_pdf
from ropa_desktop.i18n import translator
from tests.exports.conftest import pdf_text

R = e.RecipientRole
TODAY = date(2026, 3, 1)

# (name, role, country): what a small Norwegian firm's register holds
RECIPIENTS = (
    ("Skatteetaten", R.PUBLIC_AUTHORITY, ""),
    ("NAV", R.PUBLIC_AUTHORITY, "NO"),
    ("Statens vegvesen", R.PUBLIC_AUTHORITY, ""),
    ("Regnskapsbyrå Nord AS", R.PROCESSOR, "NO"),
    ("Konsern AB", R.INTERNAL, "SE"),
    ("Skylager", R.PROCESSOR, ""),  # the country is not recorded
    ("Acme Analytics Inc", R.PROCESSOR, "US"),  # outside the EEA, no transfer recorded
    ("Posttjenester Ltd", R.PROCESSOR, "GB"),  # outside the EEA, transfer recorded
)


def snapshot() -> RegisterSnapshot:
    org = OrganisationRegister(m.Organisation(id=1, name="Bakeri Vest AS", orgnr="917100462", country="NO"))
    org.activities.append(
        ActivityRecord(m.ProcessingActivity(id=1, organisation_id=1, purpose="Lønn", legal_basis=["c"]))
    )
    for rid, (name, role, country) in enumerate(RECIPIENTS, start=1):
        org.recipients.append(
            RecipientRecord(m.Recipient(id=rid, organisation_id=1, name=name, role=role, country=country))
        )
    org.transfers.append(m.Transfer(id=1, organisation_id=1, recipient_id=8, country="GB", mechanism="adequacy"))
    return RegisterSnapshot([org], 1)


def transfers_section(pdf: Path, heading: str, next_heading: str) -> str:
    text = pdf_text(pdf)
    start = text.rindex(heading)  # the section itself, not its line in the contents
    return text[start : text.index(next_heading, start)]


@pytest.mark.parametrize(
    ("language", "heading", "next_heading", "not_stated", "unknown_country"),
    [
        ("en", "Transfers to third countries", "DPIA screening", "Not stated", "until the country is recorded"),
        ("nb", "Overføring til tredjeland", "Vurdering av behovet for DPIA", "Ikke oppgitt", "før landet er oppgitt"),
    ],
)
def test_only_recipients_outside_the_eea_or_of_unknown_country_are_listed(
    tmp_path: Path, language: str, heading: str, next_heading: str, not_stated: str, unknown_country: str
) -> None:
    out = tmp_path / "transfers.pdf"
    export_pdf(snapshot(), out, translator(language), today=TODAY)
    section = transfers_section(out, heading, next_heading)
    for inside_eea in ("Skatteetaten", "NAV", "Statens vegvesen", "Regnskapsbyrå Nord AS", "Konsern AB"):
        assert inside_eea not in section
    assert "Posttjenester Ltd" in section  # the recorded transfer
    # The unlisted rows follow the recipients' order: Skylager, then Acme.
    skylager = section[section.index("Skylager") : section.index("Acme Analytics Inc")]
    acme = section[section.index("Acme Analytics Inc") :]
    # Outside the EEA with no transfer: the mechanism is the gap, under chapter V.
    assert f"{not_stated} (GDPR art. 30(1)(e), art. 44–49)" in acme
    # The country unknown: the country is the gap (the check's article), the mechanism waits for it.
    assert f"{not_stated} (GDPR art. 30(1)(d), (e); art. 44–49)" in skylager
    assert "art. 30(1)(e), art. 44–49" not in skylager and unknown_country in skylager


def test_the_listed_recipients_are_those_the_checks_report() -> None:
    """The same recipients the checks flag: outside the EEA with no transfer, or the country unknown."""
    snap = snapshot()
    findings = run_checks(snap, TODAY)
    flagged = {
        f.record_id
        for f in findings
        if f.entity == "recipient" and f.rule_id in ("recipient.transfer.missing", "recipient.country.unknown")
    }
    names = {r.recipient.id: r.recipient.name for r in snap.organisations[0].recipients}
    assert {names[i] for i in flagged} == {"Skylager", "Acme Analytics Inc"}
