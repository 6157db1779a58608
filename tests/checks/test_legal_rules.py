"""The consultant's rules (issue 13): each fires on its gap and stays quiet on the near miss, nb and en.

Every case mutates the clean register of ``tests.core.test_checks`` (no findings at all), so a
case that fires shows exactly the gap the rule names. Cases come in Norwegian and English
wording, since several rules read the register's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.checks.engine import load_rules
from ropa_desktop.i18n import translator
from tests.conftest import OpenOnEngine

pytestmark = pytest.mark.both_engines  # the checks read a register file and a PostgreSQL server register alike

Org = dict[str, Any]
Change = Callable[[Org], Any]


def _act(org: Org, i: int = 0) -> Org:
    activity: Org = org["activities"][i]
    return activity


def _rec(org: Org, i: int) -> Org:
    return org["recipients"][i]  # type: ignore[no-any-return]


def _add_recipient(org: Org, **fields: Any) -> None:
    org["recipients"].append({"id": 3, **fields})


def _add_category(org: Org, link: bool, **fields: Any) -> None:
    org["personal_data_categories"].append({"id": 4, **fields})
    if link:
        _act(org, 1)["personal_data"].append(4)


def _insurance_terms_from_credit_data(org: Org) -> None:
    _add_category(org, False, name="Opplysninger fra kredittinformasjonsregistre", financial=True)
    _act(org).update(operations=["Fatte beslutninger om forsikringers innhold og vilkår"], personal_data=[1, 4])


def _purpose(org: Org, purpose: str, basis: list[str], **more: Any) -> None:
    _act(org).update(purpose=purpose, legal_basis=basis, **more)


SECURITY_GENERIC_NB = {
    "id": 1,
    "name": "Sikkerhetstiltak",
    "description": "Vi gjennomfører de tiltak som kreves etter loven.",
}
SECURITY_GENERIC_EN = {
    "id": 1,
    "name": "Security",
    "description": "Appropriate technical and organisational measures as required by law.",
}

FIRES: dict[str, list[tuple[str, Change]]] = {
    "recipient.country.unknown": [
        ("nb", lambda o: _rec(o, 0).update(country="")),
        ("en", lambda o: _add_recipient(o, name="Office 365", role="processor", dpa_in_place=True)),
    ],
    "recipient.role.unclear": [
        ("nb", lambda o: _rec(o, 0).update(role="to_clarify")),
        ("en", lambda o: _add_recipient(o, name="Public register of vehicles", role="processor", dpa_in_place=True)),
    ],
    "recipient.law.missing": [
        ("nb", lambda o: _rec(o, 1).update(legal_basis=["c"])),
        (
            "en",
            lambda o: _add_recipient(
                o,
                name="Tax Administration",
                role="public_authority",
                country="NO",
                purpose="Tax reporting",
                legal_basis=["c"],
            ),
        ),
    ],
    "joint_controller.arrangement.missing": [
        (
            "nb",
            lambda o: _add_recipient(
                o,
                name="Meta Platforms Ireland Ltd",
                role="joint_controller",
                country="IE",
                purpose="Facebook-side",
                legal_basis=["f"],
                balancing_test="Vurdert",
            ),
        ),
        ("en", lambda o: o.update(joint_controllers="Facebook page insights, shared with Meta")),
    ],
    "activity.dpia.indicated": [
        (
            "nb",
            lambda o: (
                o["data_subject_categories"].append({"id": 2, "name": "Ansatte"}),
                _act(o).update(purpose="Kameraovervåking av lager", data_subjects=[2]),
            ),
        ),
        ("en", lambda o: _act(o).update(purpose="Customer analytics", large_scale=True, combines_datasets=True)),
    ],
    "activity.national_law.invalid": [
        (
            "nb",
            lambda o: _act(o).update(legal_basis=["c"], national_law="personvernforordningen art. 6 nr. 1 bokstav c"),
        ),
        ("en", lambda o: _act(o).update(legal_basis=["c"], national_law="the law in force")),
    ],
    "activity.marketing.basis": [
        ("nb", lambda o: _purpose(o, "Markedsføring av kurs", ["b"])),
        ("en", lambda o: _purpose(o, "Newsletter to customers", ["f"], balancing_test="Weighed")),
    ],
    "activity.cookies.consent": [
        ("nb", lambda o: _purpose(o, "Informasjonskapsler for analyse av nettstedet", ["f"], balancing_test="Vurdert")),
        ("en", lambda o: _purpose(o, "Advertising pixels on our web shop", ["f"], balancing_test="Weighed")),
    ],
    "organisation.security.generic": [
        ("nb", lambda o: o.update(security_measures=[{**SECURITY_GENERIC_NB, "applies_to_all": True}])),
        ("en", lambda o: o.update(security_measures=[{**SECURITY_GENERIC_EN, "applies_to_all": True}])),
    ],
    "organisation.dpo.assessment.missing": [
        ("nb", lambda o: (o.pop("dpo_required"), o.pop("dpo_assessment"))),
        ("en", lambda o: o.update(dpo_required=True, dpo_assessment="Large-scale monitoring is a core activity.")),
    ],
    "category.unused": [
        ("nb", lambda o: _add_category(o, False, name="Ordrehistorikk")),
        ("en", lambda o: _add_category(o, False, name="Order history")),
    ],
    "activity.retention.category_conflict": [
        (
            "nb",
            lambda o: (
                _act(o).update(retention_duration=1, retention_unit="years"),
                o["personal_data_categories"][0].update(retention_duration=5, retention_unit="years"),
            ),
        ),
        (
            "en",
            lambda o: (
                _act(o).update(retention="Six months", retention_duration=6, retention_unit="months"),
                o["personal_data_categories"][0].update(
                    retention="Two years", retention_duration=2, retention_unit="years"
                ),
            ),
        ),
    ],
    "recipient.named_by_type": [
        ("nb", lambda o: _rec(o, 0).update(name="IT-leverandører")),
        ("en", lambda o: _rec(o, 0).update(name="IT suppliers")),
    ],
    "recipient.sharing.incomplete": [
        ("nb", lambda o: _rec(o, 1).update(purpose="")),
        ("en", lambda o: _add_recipient(o, name="The police", role="public_authority", country="NO")),
    ],
    "activity.retention.vague": [
        ("nb", lambda o: _act(o).update(retention="så lenge det er hensiktsmessig etter formålet")),
        ("en", lambda o: _act(o).update(retention="As long as we think we may need it.")),
    ],
}

QUIET: dict[str, list[tuple[str, Change]]] = {
    "recipient.country.unknown": [
        (
            "nb",
            lambda o: _add_recipient(
                o,
                name="Skatteetaten",
                role="public_authority",
                purpose="Rapportering",
                legal_basis=["c"],
                disclosure_law="a-opplysningsloven § 4",
            ),
        ),
        ("en", lambda o: _add_recipient(o, name="Office 365", role="processor", country="IE", dpa_in_place=True)),
    ],
    "recipient.role.unclear": [
        ("nb", lambda o: _rec(o, 0).update(role="processor")),
        (
            "en",
            lambda o: _add_recipient(
                o,
                name="Statens vegvesen",
                role="independent_controller",
                country="NO",
                purpose="Certification",
                legal_basis=["b"],
            ),
        ),
    ],
    "recipient.law.missing": [
        ("nb", lambda o: _rec(o, 1).update(legal_basis=["c"], disclosure_law="skatteforvaltningsloven § 7-2")),
        (
            "en",
            lambda o: _add_recipient(
                o,
                name="Tax Administration",
                role="public_authority",
                country="NO",
                purpose="Tax reporting",
                legal_basis=["c"],
                disclosure_law="Tax Administration Act section 7-2",
            ),
        ),
    ],
    "joint_controller.arrangement.missing": [
        (
            "nb",
            lambda o: _add_recipient(
                o,
                name="Meta Platforms Ireland Ltd",
                role="joint_controller",
                country="IE",
                purpose="Facebook-side",
                legal_basis=["f"],
                balancing_test="Vurdert",
                arrangement_covers="Sidestatistikk (Page Insights)",
                arrangement_contact="Meta svarer på innsynskrav",
                arrangement_reference="Page Insights Controller Addendum",
            ),
        ),
        ("en", lambda o: o.update(joint_controllers="")),
    ],
    "activity.dpia.indicated": [
        (
            "nb",
            lambda o: (
                o["data_subject_categories"].append({"id": 2, "name": "Ansatte"}),
                _act(o).update(purpose="Kameraovervåking av lager", data_subjects=[2], dpia_reference="DPIA 2026-01"),
            ),
        ),
        (
            "en",
            lambda o: _act(o).update(
                purpose="Customer analytics",
                large_scale=True,
                combines_datasets=True,
                dpia_need="not_needed",
                dpia_need_reason="Aggregated statistics only; no individual is singled out.",
            ),
        ),
    ],
    "activity.national_law.invalid": [
        ("nb", lambda o: _act(o).update(legal_basis=["c"], national_law="bokføringsloven § 13")),
        ("en", lambda o: _act(o).update(legal_basis=["c"], national_law="Bookkeeping Act section 13")),
    ],
    "activity.marketing.basis": [
        ("nb", lambda o: _purpose(o, "Markedsføring av kurs", ["a"], consent_withdrawal="Lenke i hver e-post")),
        (
            "en",
            lambda o: _purpose(
                o, "Newsletter to customers", ["f"], balancing_test="Weighed", marketing_customer_exception=True
            ),
        ),
    ],
    "activity.cookies.consent": [
        (
            "nb",
            lambda o: _purpose(
                o, "Informasjonskapsler for analyse av nettstedet", ["a"], consent_withdrawal="Samtykkebanneret"
            ),
        ),
        (
            "en",
            lambda o: _purpose(
                o,
                "Session cookies for the shopping cart",
                ["b"],
                tracking_technology=True,
                tracking_purposes=["necessary"],
            ),
        ),
    ],
    "organisation.security.generic": [
        ("nb", lambda o: o["security_measures"].append({**SECURITY_GENERIC_NB, "id": 2})),
        (
            "en",
            lambda o: o.update(
                security_measures=[
                    {
                        "id": 1,
                        "name": "Encryption",
                        "description": "Laptops and backups are encrypted.",
                        "applies_to_all": True,
                    }
                ]
            ),
        ),
    ],
    "organisation.dpo.assessment.missing": [
        ("nb", lambda o: (o.pop("dpo_required"), o.pop("dpo_assessment"), o.update(dpo_name="Kari Nordmann"))),
        (
            "en",
            lambda o: o.update(dpo_assessment="No large-scale monitoring or special categories as a core activity."),
        ),
    ],
    "category.unused": [
        ("nb", lambda o: _add_category(o, True, name="Ordrehistorikk")),
        ("en", lambda o: _add_category(o, True, name="Order history")),
    ],
    "activity.retention.category_conflict": [
        (
            "nb",
            lambda o: (
                _act(o).update(retention_duration=1, retention_unit="years"),
                o["personal_data_categories"][0].update(
                    retention_duration=5, retention_unit="years", retention_reason="bokføringsloven § 13"
                ),
            ),
        ),
        (
            "en",
            lambda o: (
                _act(o).update(retention="Six months", retention_duration=6, retention_unit="months"),
                o["personal_data_categories"][0].update(
                    retention="90 days", retention_duration=90, retention_unit="days"
                ),
            ),
        ),
    ],
    "recipient.named_by_type": [
        ("nb", lambda o: _rec(o, 0).update(name="Driftspartner AS")),
        ("en", lambda o: _rec(o, 0).update(name="Acme Hosting Ltd")),
    ],
    "recipient.sharing.incomplete": [
        ("nb", lambda o: _rec(o, 1).update(purpose="Registrere sertifiseringer")),
        (
            "en",
            lambda o: _add_recipient(
                o,
                name="The police",
                role="public_authority",
                country="NO",
                purpose="Criminal investigation",
                legal_basis=["c"],
                disclosure_law="straffeprosessloven § 210",
            ),
        ),
    ],
    "activity.retention.vague": [
        ("nb", lambda o: _act(o).update(retention="Ca. 6 år etter avsluttet kurs")),
        ("en", lambda o: _act(o).update(retention="Until you withdraw your consent.")),
    ],
}


# What the first measurement on unseen notices missed or got wrong (tests/fixtures/unseen), each both ways.
_ADVERTISING = {"id": 4, "name": "Bruk av nettstedet", "description": "Samlet inn med informasjonskapsler"}
FIRES["recipient.named_by_type"] += [
    ("nb", lambda o: _add_recipient(o, name="Partnarar innan sosiale medium og annonsering", role="to_clarify")),
    ("nb", lambda o: _add_recipient(o, name=f"Selskaper {o['name']} samarbeider med", role="to_clarify")),
    ("en", lambda o: _add_recipient(o, name="Advertising partners", role="to_clarify")),
]
QUIET["recipient.named_by_type"] += [
    ("nb", lambda o: _add_recipient(o, name="Bring Norge AS", role="to_clarify")),
    ("en", lambda o: _add_recipient(o, name="Acme Advertising Ltd", role="to_clarify")),
]
FIRES["recipient.country.unknown"] += [
    ("nb", lambda o: _add_recipient(o, name="Samarbeidspartnere", role="to_clarify", description="Utenfor EØS")),
    ("en", lambda o: _add_recipient(o, name="Partner companies", role="to_clarify", purpose="Marketing in the US")),
]
QUIET["recipient.country.unknown"] += [
    (
        "nb",
        lambda o: _add_recipient(o, name="Selskaper vi samarbeider med innenfor EØS- og EU-området", role="to_clarify"),
    ),
    ("en", lambda o: _add_recipient(o, name="Group companies", role="to_clarify", description="All within the EEA")),
]
FIRES["activity.dpia.indicated"] += [
    (
        "nb",
        lambda o: _act(o).update(
            purpose="Målretting av annonser ut fra hvordan du bruker nettstedet", combines_datasets=True
        ),
    ),
    (
        "nb",
        _insurance_terms_from_credit_data,
    ),
    ("en", lambda o: _act(o).update(purpose="Targeted advertising from how you use our site", large_scale=True)),
]
QUIET["activity.dpia.indicated"] += [
    ("nb", lambda o: _act(o).update(purpose="Målrettede tiltak for arbeidsmiljøet", combines_datasets=True)),
    ("en", lambda o: _act(o).update(purpose="Advertising in the local newspaper", large_scale=True)),
]
FIRES["activity.retention.vague"] += [
    ("nb", lambda o: _act(o).update(retention="Ordredata lagres i minimum 5 år i henhold til bokføringsloven")),
    ("en", lambda o: _act(o).update(retention="We keep the records for at least five years.")),
]
QUIET["activity.retention.vague"] += [
    ("nb", lambda o: _act(o).update(retention="Lagres i minst 5 år etter regnskapsårets slutt og slettes deretter")),
    ("en", lambda o: _act(o).update(retention="At least three and at most five years after the contract ends")),
]


def _cases(table: dict[str, list[tuple[str, Change]]]) -> list[Any]:
    return [
        pytest.param(rule_id, change, id=f"{rule_id}-{lang}")
        for rule_id, cases in table.items()
        for lang, change in cases
    ]


def _run(change: Change, tmp_path: Path, register_on: OpenOnEngine) -> list[Any]:
    from tests.core import test_checks as base

    return base._findings(base._mutated(change), tmp_path, register_on)


def test_every_new_rule_has_both_languages_both_ways() -> None:
    rules = load_rules()
    for table in (FIRES, QUIET):
        for rule_id, cases in table.items():
            assert rule_id in rules
            assert {lang for lang, _ in cases} == {"nb", "en"}, rule_id
    assert set(FIRES) == set(QUIET)


@pytest.mark.parametrize(("rule_id", "change"), _cases(FIRES))
def test_fires(rule_id: str, change: Change, tmp_path: Path, register_on: OpenOnEngine) -> None:
    findings = _run(change, tmp_path, register_on)
    fired = [f for f in findings if f.rule_id == rule_id]
    assert fired, [f.rule_id for f in findings]
    assert fired[0].severity is load_rules()[rule_id].severity
    for language in ("en", "nb"):
        text = fired[0].render(translator(language))
        assert text and "{" not in text


@pytest.mark.parametrize(("rule_id", "change"), _cases(QUIET))
def test_quiet(rule_id: str, change: Change, tmp_path: Path, register_on: OpenOnEngine) -> None:
    findings = _run(change, tmp_path, register_on)
    assert rule_id not in {f.rule_id for f in findings}, [f.render() for f in findings if f.rule_id == rule_id]
