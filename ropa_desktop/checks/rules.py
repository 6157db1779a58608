"""The rules of the completeness check (see the domain guide's list).

Rule ids are stable: scripts filter on them and the findings pane keys on
them. Add rules; never rename one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from stdnum.no import orgnr as no_orgnr

from ropa_desktop.checks.engine import Context, Finding, Severity, rule
from ropa_desktop.domain import enums as e
from ropa_desktop.domain.countries import transfer_rules
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import N_

# Retention wording that names neither a period nor an event: "as long as appropriate".
VAGUE_RETENTION = re.compile(
    r"hensiktsmessig|så lenge (det er |vi har )?(nødvendig|behov)|"
    r"as long as (is |it is )?(necessary|needed|appropriate|required|relevant)",
    re.IGNORECASE,
)
REVIEW_INTERVAL = timedelta(days=365)
DPIA_CRITERIA_THRESHOLD = 2


def _org_id(org: OrganisationRegister) -> int:
    return org.organisation.id or 0


def _finding(
    org: OrganisationRegister,
    rule_id: str,
    severity: Severity,
    entity: str,
    record_id: int | None,
    field: str,
    message: str,
    **params: object,
) -> Finding:
    return Finding(rule_id, severity, _org_id(org), entity, record_id or 0, field, message, dict(params))


def _label(activity: ActivityRecord) -> str:
    return (
        activity.activity.purpose.strip().splitlines()[0]
        if activity.activity.purpose.strip()
        else f"#{activity.activity.id or 0}"
    )


def _excerpt(text: str, limit: int = 80) -> str:
    """A quotable start of a long text, so a finding stays one readable line."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _controller_activities(org: OrganisationRegister) -> Iterator[ActivityRecord]:
    return (a for a in org.activities if a.activity.register_kind == e.RegisterKind.CONTROLLER)


# --------------------------------------------------------------------------- the organisation


@rule("organisation.contact.missing", Severity.ERROR, N_("Controller contact details are missing"))
def _contact(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    o = org.organisation
    if not (o.address.strip() or o.email.strip() or o.phone.strip()):
        yield _finding(
            org,
            "organisation.contact.missing",
            Severity.ERROR,
            "organisation",
            o.id,
            "address",
            N_("No address, e-mail or telephone number for the controller (art. 30(1)(a))."),
        )


@rule("organisation.orgnr.missing", Severity.WARNING, N_("Organisation number is missing"))
def _orgnr_missing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    o = org.organisation
    if not o.orgnr.strip():
        yield _finding(
            org,
            "organisation.orgnr.missing",
            Severity.WARNING,
            "organisation",
            o.id,
            "orgnr",
            N_("No organisation number recorded."),
        )


@rule("organisation.orgnr.invalid", Severity.ERROR, N_("Norwegian organisation number fails its check digit"))
def _orgnr_invalid(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    o = org.organisation
    if o.orgnr.strip() and o.country.upper() == "NO" and not no_orgnr.is_valid(o.orgnr):
        yield _finding(
            org,
            "organisation.orgnr.invalid",
            Severity.ERROR,
            "organisation",
            o.id,
            "orgnr",
            N_("{orgnr} is not a valid Norwegian organisation number."),
            orgnr=o.orgnr,
        )


@rule("organisation.security_measures.missing", Severity.WARNING, N_("No security measures recorded"))
def _org_security(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    if org.activities and not org.security_measures:
        o = org.organisation
        yield _finding(
            org,
            "organisation.security_measures.missing",
            Severity.WARNING,
            "organisation",
            o.id,
            "",
            N_("No technical or organisational security measures recorded (art. 30(1)(g), art. 32)."),
        )


# --------------------------------------------------------------------------- each activity


@rule("activity.purpose.missing", Severity.ERROR, N_("Activity without a purpose"))
def _purpose(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        if not a.activity.purpose.strip():
            yield _finding(
                org,
                "activity.purpose.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "purpose",
                N_("Activity {label}: the purpose is missing (art. 30(1)(b))."),
                label=_label(a),
            )


@rule("activity.personal_data.missing", Severity.ERROR, N_("Activity without categories of personal data"))
def _categories(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        if not a.personal_data_ids:
            yield _finding(
                org,
                "activity.personal_data.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "personal_data",
                N_("«{label}»: no categories of personal data (art. 30(1)(c))."),
                label=_label(a),
            )


@rule("activity.data_subjects.missing", Severity.ERROR, N_("Activity without categories of data subjects"))
def _subjects(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        if not a.data_subject_ids:
            yield _finding(
                org,
                "activity.data_subjects.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "data_subjects",
                N_("«{label}»: no categories of data subjects (art. 30(1)(c))."),
                label=_label(a),
            )


@rule("activity.legal_basis.missing", Severity.ERROR, N_("Activity without a legal basis"))
def _basis(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        if not a.activity.legal_basis:
            yield _finding(
                org,
                "activity.legal_basis.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "legal_basis",
                N_("«{label}»: no legal basis under art. 6(1) is recorded."),
                label=_label(a),
            )


@rule(
    "activity.national_law.missing", Severity.WARNING, N_("Legal obligation or public task without the law it rests on")
)
def _national_law(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    needs_law = {e.LegalBasis.LEGAL_OBLIGATION.value, e.LegalBasis.PUBLIC_INTEREST.value}
    for a in _controller_activities(org):
        if needs_law & set(a.activity.legal_basis) and not a.activity.national_law.strip():
            yield _finding(
                org,
                "activity.national_law.missing",
                Severity.WARNING,
                "activity",
                a.activity.id,
                "national_law",
                N_(
                    "«{label}»: the basis is a legal obligation or public task, but the law it rests on is not named (art. 6(3))."
                ),
                label=_label(a),
            )


@rule("activity.retention.missing", Severity.WARNING, N_("Activity without a retention period"))
def _retention(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        act = a.activity
        if not act.retention.strip() and act.retention_duration is None and act.retention_trigger is None:
            yield _finding(
                org,
                "activity.retention.missing",
                Severity.WARNING,
                "activity",
                act.id,
                "retention",
                N_("«{label}»: no retention period or erasure deadline (art. 30(1)(f))."),
                label=_label(a),
            )


@rule("activity.retention.vague", Severity.WARNING, N_("Vague retention with no period or trigger"))
def _retention_vague(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        act = a.activity
        if act.retention_duration is None and act.retention_trigger is None and VAGUE_RETENTION.search(act.retention):
            yield _finding(
                org,
                "activity.retention.vague",
                Severity.WARNING,
                "activity",
                act.id,
                "retention",
                N_("«{label}»: the retention «{retention}» names neither a period nor the event it counts from."),
                label=_label(a),
                retention=_excerpt(act.retention),
            )


def _linked_flags(org: OrganisationRegister, a: ActivityRecord, flag: str) -> list[str]:
    cats = org.personal_data_by_id
    return [cats[i].name for i in a.personal_data_ids if i in cats and getattr(cats[i], flag)]


@rule("activity.special_condition.missing", Severity.ERROR, N_("Special categories without an art. 9(2) condition"))
def _special(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        names = _linked_flags(org, a, "special")
        if names and not a.activity.special_condition:
            yield _finding(
                org,
                "activity.special_condition.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "special_condition",
                N_("«{label}»: special categories ({categories}) but no condition under art. 9(2)."),
                label=_label(a),
                categories=", ".join(names),
            )


@rule("activity.criminal_basis.missing", Severity.ERROR, N_("Criminal-offence data without a basis (art. 10)"))
def _criminal(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        names = _linked_flags(org, a, "criminal")
        if names and not a.activity.criminal_basis.strip():
            yield _finding(
                org,
                "activity.criminal_basis.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "criminal_basis",
                N_("«{label}»: data on criminal convictions or offences ({categories}) with no basis under art. 10."),
                label=_label(a),
                categories=", ".join(names),
            )


@rule(
    "activity.national_id_justification.missing",
    Severity.ERROR,
    N_("National identity number without § 12 justification"),
)
def _national_id(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        if _linked_flags(org, a, "national_id") and not a.activity.national_id_justification.strip():
            yield _finding(
                org,
                "activity.national_id_justification.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "national_id_justification",
                N_(
                    "«{label}»: the national identity number is processed, but the need for secure identification (personopplysningsloven § 12) is not recorded."
                ),
                label=_label(a),
            )


@rule("activity.balancing_test.missing", Severity.ERROR, N_("Legitimate interest without a balancing test"))
def _balancing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        if e.LegalBasis.LEGITIMATE_INTERESTS.value in a.activity.legal_basis and not a.activity.balancing_test.strip():
            yield _finding(
                org,
                "activity.balancing_test.missing",
                Severity.ERROR,
                "activity",
                a.activity.id,
                "balancing_test",
                N_("«{label}»: legitimate interest is the basis, but no balancing test is recorded."),
                label=_label(a),
            )


@rule("activity.consent_withdrawal.missing", Severity.WARNING, N_("Consent without a note on how it is withdrawn"))
def _consent(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        if e.LegalBasis.CONSENT.value in a.activity.legal_basis and not a.activity.consent_withdrawal.strip():
            yield _finding(
                org,
                "activity.consent_withdrawal.missing",
                Severity.WARNING,
                "activity",
                a.activity.id,
                "consent_withdrawal",
                N_("«{label}»: consent is the basis, but how consent is withdrawn is not described (art. 7(3))."),
                label=_label(a),
            )


@rule("activity.security_measures.missing", Severity.WARNING, N_("Activity without security measures"))
def _activity_security(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    if not org.security_measures or any(m.applies_to_all for m in org.security_measures):
        return  # reported once for the organisation, or covered by an organisation-wide measure
    for a in org.activities:
        if not a.security_measure_ids:
            yield _finding(
                org,
                "activity.security_measures.missing",
                Severity.WARNING,
                "activity",
                a.activity.id,
                "security_measures",
                N_("«{label}»: no security measures linked (art. 30(1)(g))."),
                label=_label(a),
            )


@rule("activity.dpia.missing", Severity.WARNING, N_("Two or more DPIA criteria but no DPIA recorded"))
def _dpia(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        act = a.activity
        if (
            len(act.dpia_criteria) >= DPIA_CRITERIA_THRESHOLD
            and act.dpia_status is None
            and not act.dpia_reference.strip()
        ):
            yield _finding(
                org,
                "activity.dpia.missing",
                Severity.WARNING,
                "activity",
                act.id,
                "dpia_status",
                N_("«{label}»: {count} DPIA criteria apply, but no impact assessment is recorded (art. 35)."),
                label=_label(a),
                count=len(act.dpia_criteria),
            )


@rule("activity.review.overdue", Severity.WARNING, N_("Activity not reviewed for more than a year"))
def _review(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        reviewed = a.activity.last_reviewed
        if reviewed is not None and ctx.today - reviewed > REVIEW_INTERVAL:
            yield _finding(
                org,
                "activity.review.overdue",
                Severity.WARNING,
                "activity",
                a.activity.id,
                "last_reviewed",
                N_("«{label}»: last reviewed {date}, more than a year ago."),
                label=_label(a),
                date=reviewed.isoformat(),
            )


@rule("activity.review.missing", Severity.INFO, N_("Activity with no review date"))
def _review_missing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        if a.activity.last_reviewed is None:
            yield _finding(
                org,
                "activity.review.missing",
                Severity.INFO,
                "activity",
                a.activity.id,
                "last_reviewed",
                N_("«{label}»: no review date recorded."),
                label=_label(a),
            )


@rule("activity.client.missing", Severity.WARNING, N_("Processor activity without the controller it is done for"))
def _client(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        if a.activity.register_kind == e.RegisterKind.PROCESSOR and a.activity.client_id is None:
            yield _finding(
                org,
                "activity.client.missing",
                Severity.WARNING,
                "activity",
                a.activity.id,
                "client_id",
                N_("«{label}»: processing on behalf of a controller, but the controller is not named (art. 30(2)(a))."),
                label=_label(a),
            )


# --------------------------------------------------------------------------- recipients and transfers


@rule("recipient.dpa.missing", Severity.ERROR, N_("Processor without a data processing agreement"))
def _dpa(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if rec.role == e.RecipientRole.PROCESSOR and rec.dpa_in_place is not True:
            yield _finding(
                org,
                "recipient.dpa.missing",
                Severity.ERROR,
                "recipient",
                rec.id,
                "dpa_in_place",
                N_("Processor «{name}»: no data processing agreement recorded (art. 28)."),
                name=rec.name,
            )


@rule("recipient.sharing.incomplete", Severity.WARNING, N_("Independent controller without purpose or legal basis"))
def _sharing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if rec.role != e.RecipientRole.INDEPENDENT_CONTROLLER:
            continue
        if not rec.purpose.strip():
            yield _finding(
                org,
                "recipient.sharing.incomplete",
                Severity.WARNING,
                "recipient",
                rec.id,
                "purpose",
                N_("Independent controller «{name}»: the purpose of the disclosure is missing."),
                name=rec.name,
            )
        elif not rec.legal_basis and not rec.legal_basis_note.strip():
            yield _finding(
                org,
                "recipient.sharing.incomplete",
                Severity.WARNING,
                "recipient",
                rec.id,
                "legal_basis",
                N_("Independent controller «{name}»: the legal basis of the disclosure is missing."),
                name=rec.name,
            )


@rule(
    "recipient.balancing_test.missing", Severity.ERROR, N_("Disclosure on legitimate interest without a balancing test")
)
def _recipient_balancing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if e.LegalBasis.LEGITIMATE_INTERESTS.value in rec.legal_basis and not rec.balancing_test.strip():
            yield _finding(
                org,
                "recipient.balancing_test.missing",
                Severity.ERROR,
                "recipient",
                rec.id,
                "balancing_test",
                N_("«{name}»: data is disclosed on legitimate interest, but no balancing test is recorded."),
                name=rec.name,
            )


@rule("recipient.transfer.missing", Severity.ERROR, N_("Recipient outside the EEA without a transfer mechanism"))
def _recipient_transfer(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    rules = transfer_rules()
    for r in org.recipients:
        rec = r.recipient
        if rec.id is None or not rules.is_third_country(rec.country):
            continue
        if not any(t.mechanism for t in org.transfers_for(rec.id)):
            yield _finding(
                org,
                "recipient.transfer.missing",
                Severity.ERROR,
                "recipient",
                rec.id,
                "country",
                N_(
                    "«{name}» is outside the EEA ({country}) but no transfer mechanism is recorded (art. 30(1)(e), chapter V)."
                ),
                name=rec.name,
                country=rec.country,
            )


@rule("transfer.mechanism.missing", Severity.ERROR, N_("Transfer without a mechanism"))
def _transfer_mechanism(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    rules = transfer_rules()
    for t in org.transfers:
        if not t.mechanism and (not t.country or rules.is_third_country(t.country)):
            yield _finding(
                org,
                "transfer.mechanism.missing",
                Severity.ERROR,
                "transfer",
                t.id,
                "mechanism",
                N_("Transfer to {country}: no transfer mechanism (adequacy, SCC, BCR, …) recorded.")
                if t.country
                else N_("A transfer outside the EEA names neither the country nor the transfer mechanism."),
                country=t.country,
            )


@rule("transfer.country.missing", Severity.ERROR, N_("Transfer that does not name the country"))
def _transfer_country(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for t in org.transfers:
        # Without a mechanism the transfer is already reported once, by transfer.mechanism.missing.
        if not t.country and t.mechanism:
            yield _finding(
                org,
                "transfer.country.missing",
                Severity.ERROR,
                "transfer",
                t.id,
                "country",
                N_("A transfer outside the EEA does not name the country it goes to (art. 30(1)(e))."),
            )


@rule("transfer.adequacy.invalid", Severity.ERROR, N_("Adequacy claimed for a country without a decision"))
def _transfer_adequacy(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    rules = transfer_rules()
    for t in org.transfers:
        if t.mechanism != e.TransferMechanism.ADEQUACY:
            continue
        decision = rules.decision(t.country, ctx.today)
        if decision is None:
            yield _finding(
                org,
                "transfer.adequacy.invalid",
                Severity.ERROR,
                "transfer",
                t.id,
                "mechanism",
                N_("Transfer to {country}: there is no adequacy decision for this country."),
                country=t.country,
            )
        elif decision.scope == "dpf" and not t.dpf_certified:
            yield _finding(
                org,
                "transfer.adequacy.invalid",
                Severity.ERROR,
                "transfer",
                t.id,
                "dpf_certified",
                N_(
                    "Transfer to {country}: adequacy covers only recipients certified under the EU–US Data Privacy Framework."
                ),
                country=t.country,
            )


@rule("transfer.derogation.safeguards_missing", Severity.ERROR, N_("Art. 49 derogation without documented safeguards"))
def _derogation(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for t in org.transfers:
        if t.mechanism == e.TransferMechanism.DEROGATION and not t.safeguards.strip():
            yield _finding(
                org,
                "transfer.derogation.safeguards_missing",
                Severity.ERROR,
                "transfer",
                t.id,
                "safeguards",
                N_(
                    "Transfer to {country} under an art. 49 derogation: the suitable safeguards are not documented (art. 30(1)(e))."
                ),
                country=t.country or "?",
            )
