"""Every sample imports, is in canonical form, round-trips, and draws the findings a consultant expects."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.cli import main
from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.interchange import json_format
from tests.samples.conftest import SAMPLES, load_sample, sample_path

# A fixed day so review-date findings do not depend on when the suite runs.
TODAY = date(2026, 1, 1)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_is_canonical_and_round_trips(name: str, tmp_path: Path) -> None:
    original = sample_path(name).read_text(encoding="utf-8")
    with json_format.import_json_file(sample_path(name), tmp_path / "a.ropa") as register:
        first = json_format.export_json(register)
    # The committed file is exactly what the program writes, so a saved sample never shows a spurious diff.
    assert first == original
    (tmp_path / "a.json").write_text(first, encoding="utf-8")
    with json_format.import_json_file(tmp_path / "a.json", tmp_path / "b.ropa") as register:
        second = json_format.export_json(register)
    assert second.encode("utf-8") == first.encode("utf-8")


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_imports_through_the_command(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"{name}.ropa"
    assert main(["import", str(sample_path(name)), "-o", str(target)]) == 0
    assert target.is_file()
    code = main(["check", str(target)])
    out = capsys.readouterr().out
    assert code == 1  # every sample has real gaps with error severity
    assert "errors," in out


def _key_findings(name: str, tmp_path: Path) -> Counter[tuple[str, str]]:
    org = load_sample(name, tmp_path)
    findings = run_checks(RegisterSnapshot([org], 0), today=TODAY)
    activities = {a.activity.id: a.activity.purpose for a in org.activities}
    recipients = {r.recipient.id: r.recipient.name for r in org.recipients}
    keys: Counter[tuple[str, str]] = Counter()
    for f in findings:
        if f.rule_id == "activity.review.missing":
            continue
        label = {"activity": activities, "recipient": recipients}.get(f.entity, {}).get(f.record_id, f.entity)
        keys[(f.rule_id, label)] += 1
    return keys


PROMEISTER_TYPES = (
    "IT-tjenester",
    "Eksterne kursleverandører",
    "Markedsføring",
    "Betalings- og inkassoselskaper",
    "Kundeservice",
    "Kommunikasjonstjenester",
)


def test_promeister_findings(tmp_path: Path) -> None:
    expected = Counter(
        {
            ("transfer.mechanism.missing", "transfer"): 1,
            ("activity.special_condition.missing", "Tilby og administrere spesialmat i forbindelse med kurs"): 1,
            ("activity.retention.missing", "Oppfylle forpliktelser i avtalen med leverandøren"): 1,
            # Issue 13: what a consultant adds.
            # Direct marketing on legitimate interest to people whose e-mail and phone are held: § 15 unrecorded.
            ("activity.marketing.basis", "Markedsføre våre kurs og tjenester"): 1,
            # "Slettes iht. personvernerklæringen for gjeldende plattform" gives no period.
            (
                "activity.retention.vague",
                "Behandle tilbakemeldinger/evalueringer, kommentarer i sosiale medier m.m.",
            ): 1,
            # Ordreinformasjon and Informasjon om kjøretøyet ditt are listed but used by no purpose.
            ("category.unused", "personal_data"): 2,
            ("joint_controller.arrangement.missing", "Facebook"): 1,
            ("recipient.sharing.incomplete", "Facebook"): 1,
            ("organisation.dpo.assessment.missing", "organisation"): 1,
            # "the legal, technical and organisational measures required" plus processor agreements only.
            ("organisation.security.generic", "security_measure"): 1,
            # A public register is not a processor.
            ("recipient.role.unclear", "Offentlige person- og kjøretøyregister"): 1,
        }
    )
    for name in PROMEISTER_TYPES:
        expected[("recipient.named_by_type", name)] += 1
    for name in (
        *PROMEISTER_TYPES,
        "Facebook",
        "Isovator (stiftelsen returpass)",
        "Bedrifter som tilbyr betalingsløsninger, for eksempel Resurs Bank",
        "Selskap i konsernet som er behandlingsansvarlig for digitale bestillinger",
        "Selskaper som er selvstendigbehandlingsansvarlig som tilbyr kurstjenester",
    ):
        expected[("recipient.country.unknown", name)] += 1
    assert _key_findings("promeister-solutions", tmp_path) == expected


def test_mestergruppen_findings(tmp_path: Path) -> None:
    keys = _key_findings("mestergruppen", tmp_path)
    assert keys[("activity.balancing_test.missing", "Analyse, utvikling og tilpasning av de Digitale Tjenestene")] == 1
    assert (
        keys[("activity.balancing_test.missing", "Hindre, begrense og følge opp misbruk av de Digitale Tjenestene")]
        == 1
    )
    assert (
        keys[("activity.national_law.missing", "Hindre, begrense og følge opp misbruk av de Digitale Tjenestene")] == 1
    )
    assert keys[("activity.national_law.missing", "Overholdelse av lovpålagte plikter")] == 1
    assert keys[("recipient.sharing.incomplete", "Datterselskaper i Mestergruppen-konsernet")] == 1
    suppliers = "Leverandører av sentrale systemer for håndtering av personopplysninger"
    assert keys[("recipient.dpa.missing", suppliers)] == 1
    assert keys[("recipient.named_by_type", suppliers)] == 1
    assert keys[("recipient.country.unknown", suppliers)] == 1
    assert keys[("recipient.country.unknown", "Datterselskaper i Mestergruppen-konsernet")] == 1
    # Analysis of data "innhentet gjennom informasjonskapsler" on legitimate interest (ekomloven § 3-15).
    assert keys[("activity.cookies.consent", "Analyse, utvikling og tilpasning av de Digitale Tjenestene")] == 1
    # The cookie row itself rests on consent: nothing to say.
    assert not any(
        rule == "activity.cookies.consent" and label.startswith("Informasjonskapsler") for rule, label in keys
    )
    # The general "så lenge det er nødvendig" retention is all the notice says, for every purpose.
    assert sum(n for (rule, _), n in keys.items() if rule == "activity.retention.vague") == 7
    # Valid org.nr., contact and concrete measures; but no DPO and no word on why none is required.
    assert {rule for rule, _ in keys if rule.startswith("organisation.")} == {"organisation.dpo.assessment.missing"}
    assert sum(keys.values()) == 18


def test_proactima_findings(tmp_path: Path) -> None:
    keys = _key_findings("proactima", tmp_path)
    assert keys[("organisation.orgnr.missing", "organisation")] == 1
    assert keys[("organisation.dpo.assessment.missing", "organisation")] == 1
    assert keys[("activity.retention.vague", "Kurs i regi av Proactima")] == 1
    assert keys[("activity.retention.vague", "Behandle ditt kundeforhold")] == 1
    assert keys[("activity.legal_basis.missing", "Registrering av søknader på ledige stillinger")] == 1
    assert keys[("recipient.sharing.incomplete", "LinkedIn")] == 1
    assert keys[("recipient.country.unknown", "LinkedIn")] == 1
    assert keys[("recipient.country.unknown", "Mintra Trainingportal")] == 1
    assert keys[("activity.consent_withdrawal.missing", "Behandle ditt kundeforhold")] == 1
    assert ("recipient.dpa.missing", "Mintra Trainingportal") not in keys  # the notice names a databehandleravtale
    # The newsletter rests on consent: no marketing finding.
    assert not any(rule == "activity.marketing.basis" for rule, _ in keys)
    assert sum(n for (rule, _), n in keys.items() if rule == "activity.retention.vague") == 4
    assert sum(keys.values()) == 12


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_hold_only_norwegian_data_as_written(name: str, tmp_path: Path) -> None:
    """Names and purposes stay in the notice's language; nothing English slipped into the data."""
    org = load_sample(name, tmp_path)
    english = ("Purpose", "Customer", "Retention", "Contract", "Consent", "Legitimate interest")
    texts = [a.activity.purpose for a in org.activities] + [c.name for c in org.personal_data]
    assert not [t for t in texts if any(word in t for word in english)]
