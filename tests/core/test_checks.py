"""Each completeness rule fires on the gap it names, and goes quiet when the gap is filled."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.checks.engine import RULES, Severity, has_errors, load_rules, run_checks
from ropa_desktop.domain.fields import FIELDS
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format as jf
from tests.conftest import OpenOnEngine

pytestmark = pytest.mark.both_engines  # the checks read a register file and a PostgreSQL server register alike

TODAY = date(2026, 11, 22)

# A register a careful consultant would sign off: no findings at all.
CLEAN: dict[str, Any] = {
    "format": "ropa-register",
    "version": 1,
    "organisations": [
        {
            "id": 1,
            "name": "ProMeister Solutions AS",
            "orgnr": "917100462",
            "address": "c/o MECA Norway AS, Postboks 1014, 2804 Gjøvik",
            "email": "personvern@mekonomercompany.no",
            "dpo_required": False,
            "dpo_assessment": "Ingen kjerneaktivitet med stor skala overvåking eller særlige kategorier (art. 37(1)).",
            "data_subject_categories": [{"id": 1, "name": "Kursdeltakere"}],
            "personal_data_categories": [
                {"id": 1, "name": "Navn"},
                {"id": 2, "name": "Allergier", "special": True},
                {"id": 3, "name": "Fødselsnummer", "national_id": True},
            ],
            "recipients": [
                {"id": 1, "name": "Driftspartner AS", "role": "processor", "country": "NO", "dpa_in_place": True},
                {
                    "id": 2,
                    "name": "Statens vegvesen",
                    "role": "independent_controller",
                    "country": "NO",
                    "purpose": "Registrere sertifiseringer",
                    "legal_basis": ["b"],
                },
            ],
            "transfers": [],
            "security_measures": [
                {"id": 1, "name": "Tilgangsstyring", "kind": "access_control", "applies_to_all": True}
            ],
            "activities": [
                {
                    "id": 1,
                    "purpose": "Tilby og administrere kurs",
                    "operations": ["Fakturere arbeidsgiver"],
                    "legal_basis": ["b"],
                    "retention": "I 5 år og deretter inntil bruker/konto blir inaktiv",
                    "last_reviewed": "2026-06-01",
                    "data_subjects": [1],
                    "personal_data": [1],
                    "recipients": [1, 2],
                },
                {
                    "id": 2,
                    "purpose": "Sertifisere kursdeltakere",
                    "legal_basis": ["b"],
                    "special_condition": "a",
                    "national_id_justification": "Sikker identifisering ved registrering av sertifisering",
                    "retention": "I 5 år etter avsluttet kurs",
                    "last_reviewed": "2026-06-01",
                    "data_subjects": [1],
                    "personal_data": [2, 3],
                },
            ],
        }
    ],
}


def _legal_gaps() -> dict[str, Any]:
    from tests.checks.test_legal_rules import FIRES

    return {rule_id: cases[0][1] for rule_id, cases in FIRES.items()}


def _findings(doc: dict[str, Any], tmp_path: Path, register_on: OpenOnEngine) -> list[Any]:
    """The findings on ``doc`` read back from the test's engine (a file, or a server it was published to)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    jf.import_document(doc, tmp_path / "r.ropa").close()
    return run_checks(register_on(tmp_path / "r.ropa", readonly=True).snapshot(), today=TODAY)


def _mutated(change: Any) -> dict[str, Any]:
    doc = copy.deepcopy(CLEAN)
    change(doc["organisations"][0])
    return doc


def _act(org: dict[str, Any]) -> dict[str, Any]:
    return org["activities"][0]  # type: ignore[no-any-return]


def test_the_clean_register_has_no_findings(tmp_path: Path, register_on: OpenOnEngine) -> None:
    assert _findings(CLEAN, tmp_path, register_on) == []


LEGAL_GAPS = _legal_gaps()

GAPS: dict[str, Any] = {
    "organisation.contact.missing": lambda o: o.update(address="", email=""),
    "organisation.orgnr.missing": lambda o: o.update(orgnr=""),
    "organisation.orgnr.invalid": lambda o: o.update(orgnr="917100463"),
    "organisation.security_measures.missing": lambda o: o.update(security_measures=[]),
    "activity.purpose.missing": lambda o: _act(o).update(purpose=""),
    "activity.personal_data.missing": lambda o: _act(o).update(personal_data=[]),
    "activity.data_subjects.missing": lambda o: _act(o).update(data_subjects=[]),
    "activity.legal_basis.missing": lambda o: _act(o).update(legal_basis=[]),
    "activity.national_law.missing": lambda o: _act(o).update(legal_basis=["c"]),
    "activity.retention.missing": lambda o: _act(o).update(retention=""),
    "activity.retention.vague": lambda o: _act(o).update(retention="så lenge det er hensiktsmessig etter formålet"),
    "activity.special_condition.missing": lambda o: _act(o).update(personal_data=[1, 2]),
    "activity.criminal_basis.missing": lambda o: (
        o["personal_data_categories"].append({"id": 4, "name": "Straffeattest", "criminal": True}),
        _act(o).update(personal_data=[4]),
    ),
    "activity.national_id_justification.missing": lambda o: _act(o).update(personal_data=[1, 3]),
    "activity.balancing_test.missing": lambda o: _act(o).update(legal_basis=["f"]),
    "activity.consent_withdrawal.missing": lambda o: _act(o).update(legal_basis=["a"]),
    "activity.security_measures.missing": lambda o: o["security_measures"][0].update(applies_to_all=False),
    "activity.dpia.missing": lambda o: _act(o).update(dpia_criteria=["large_scale", "sensitive_data"]),
    "activity.review.overdue": lambda o: _act(o).update(last_reviewed="2024-05-27"),
    "activity.review.missing": lambda o: _act(o).pop("last_reviewed"),
    "activity.client.missing": lambda o: _act(o).update(register_kind="processor"),
    **LEGAL_GAPS,
    "recipient.dpa.missing": lambda o: o["recipients"][0].update(dpa_in_place=False),
    "recipient.sharing.incomplete": lambda o: o["recipients"][1].update(purpose=""),
    "recipient.balancing_test.missing": lambda o: o["recipients"][1].update(legal_basis=["f"]),
    "recipient.transfer.missing": lambda o: o["recipients"][0].update(country="IN"),
    "transfer.mechanism.missing": lambda o: o["transfers"].append({"id": 1, "recipient_id": 1, "country": "IN"}),
    "transfer.country.missing": lambda o: o["transfers"].append(
        {"id": 1, "recipient_id": 1, "mechanism": "scc", "safeguards": "EUs standardklausuler"}
    ),
    "transfer.adequacy.invalid": lambda o: o["transfers"].append(
        {"id": 1, "recipient_id": 1, "country": "US", "mechanism": "adequacy"}
    ),
    "transfer.derogation.safeguards_missing": lambda o: o["transfers"].append(
        {"id": 1, "recipient_id": 1, "country": "IN", "mechanism": "derogation"}
    ),
}


def test_every_rule_has_a_gap_test() -> None:
    assert set(GAPS) == set(load_rules())


@pytest.mark.parametrize("rule_id", sorted(GAPS))
def test_rule_fires_on_its_gap(tmp_path: Path, rule_id: str, register_on: OpenOnEngine) -> None:
    findings = _findings(_mutated(GAPS[rule_id]), tmp_path, register_on)
    fired = [f for f in findings if f.rule_id == rule_id]
    assert fired, [f.rule_id for f in findings]
    finding = fired[0]
    assert finding.severity is RULES[rule_id].severity
    assert finding.organisation_id == 1 and finding.record_id >= 1
    # It points at a field every face knows (organisation-level findings included).
    for each in fired:
        entity, record_id, field = each.location
        if field:
            assert (entity, field) in FIELDS, each
        else:  # the entity's table as a whole
            assert record_id == 0 and any(key[0] == entity for key in FIELDS), each
    # The message renders in both languages without leaving a placeholder unfilled.
    for language in ("en", "nb"):
        text = finding.render(translator(language))
        assert text and "{" not in text


def test_us_transfer_with_dpf_certification_is_adequate(tmp_path: Path, register_on: OpenOnEngine) -> None:
    doc = _mutated(
        lambda o: (
            o["recipients"][0].update(country="US"),
            o["transfers"].append(
                {"id": 1, "recipient_id": 1, "country": "US", "mechanism": "adequacy", "dpf_certified": True}
            ),
        )
    )
    assert _findings(doc, tmp_path, register_on) == []


def test_legitimate_interest_with_balancing_test_is_clean(tmp_path: Path, register_on: OpenOnEngine) -> None:
    doc = _mutated(lambda o: _act(o).update(legal_basis=["f"], balancing_test="Vi har vurdert at ..."))
    assert _findings(doc, tmp_path, register_on) == []


def test_structured_retention_is_not_vague(tmp_path: Path, register_on: OpenOnEngine) -> None:
    doc = _mutated(
        lambda o: _act(o).update(
            retention="så lenge det er hensiktsmessig", retention_duration=3, retention_unit="years"
        )
    )
    assert "activity.retention.vague" not in {f.rule_id for f in _findings(doc, tmp_path, register_on)}


def test_errors_decide_the_exit_status(tmp_path: Path, register_on: OpenOnEngine) -> None:
    findings = _findings(_mutated(GAPS["activity.review.missing"]), tmp_path, register_on)
    assert findings and not has_errors(findings)
    assert all(f.severity is Severity.INFO for f in findings)
    assert has_errors(_findings(_mutated(GAPS["activity.purpose.missing"]), tmp_path / "b", register_on))
