"""The rules of the completeness check (see the domain guide's list).

Rule ids are stable: scripts filter on them and the findings pane keys on
them. Add rules; never rename one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from stdnum.no import orgnr as no_orgnr

from ropa_desktop.checks.common import bases, controller_activities, excerpt, finding, label
from ropa_desktop.checks.dpia import dpia_recorded
from ropa_desktop.checks.engine import Context, Finding, Severity, rule
from ropa_desktop.checks.retention import Reading, read_retention
from ropa_desktop.domain import enums as e
from ropa_desktop.domain.countries import transfer_rules
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import N_

REVIEW_INTERVAL = timedelta(days=365)
DPIA_CRITERIA_THRESHOLD = 2


_finding = finding
_label = label
_excerpt = excerpt
_controller_activities = controller_activities


# --------------------------------------------------------------------------- the organisation


@rule(
    "organisation.contact.missing",
    Severity.ERROR,
    N_("Controller contact details are missing"),
    article="GDPR art. 30(1)(a)",
    why=N_("The register must say who the controller is and how to reach it; the authority and data subjects use it."),
    fix=N_("Fill in the address, e-mail or telephone number of the controller."),
)
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


@rule(
    "organisation.orgnr.missing",
    Severity.WARNING,
    N_("Organisation number is missing"),
    article="GDPR art. 30(1)(a)",
    why=N_("The organisation number identifies the controller without doubt, especially in a group of companies."),
    fix=N_("Record the organisation number from Brønnøysundregistrene."),
)
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


@rule(
    "organisation.orgnr.invalid",
    Severity.ERROR,
    N_("Norwegian organisation number fails its check digit"),
    article="GDPR art. 30(1)(a)",
    why=N_("A mistyped organisation number points at another company or at none."),
    fix=N_("Correct the number (nine digits, the last a check digit)."),
)
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


@rule(
    "organisation.security_measures.missing",
    Severity.WARNING,
    N_("No security measures recorded"),
    article="GDPR art. 30(1)(g), art. 32",
    why=N_("The register should describe, in general terms, the technical and organisational security measures."),
    fix=N_("Record the measures (access control, encryption, logging, backup, training, …)."),
)
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


@rule(
    "activity.purpose.missing",
    Severity.ERROR,
    N_("Activity without a purpose"),
    article="GDPR art. 30(1)(b), art. 5(1)(b)",
    why=N_("Every processing needs a specified purpose; without one, nothing else in the row can be judged."),
    fix=N_("Describe what the data is used for."),
)
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


@rule(
    "activity.personal_data.missing",
    Severity.ERROR,
    N_("Activity without categories of personal data"),
    article="GDPR art. 30(1)(c)",
    why=N_("The register must say which categories of personal data each activity processes."),
    fix=N_("Link the categories of personal data the activity uses."),
)
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


@rule(
    "activity.data_subjects.missing",
    Severity.ERROR,
    N_("Activity without categories of data subjects"),
    article="GDPR art. 30(1)(c)",
    why=N_("The register must say whose data each activity processes."),
    fix=N_("Link the categories of data subjects (customers, employees, applicants, …)."),
)
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


@rule(
    "activity.legal_basis.missing",
    Severity.ERROR,
    N_("Activity without a legal basis"),
    article="GDPR art. 6(1)",
    why=N_("Processing without a legal basis is unlawful."),
    fix=N_("Choose the basis from art. 6(1) for the activity, or for each part of it."),
)
def _basis(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        if not bases(a.activity):
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
    "activity.national_law.missing",
    Severity.WARNING,
    N_("Legal obligation or public task without the law it rests on"),
    article="GDPR art. 6(3)",
    why=N_("A legal obligation or public task must rest on a specific law."),
    fix=N_("Name the act and section, e.g. «bokføringsloven § 13»."),
)
def _national_law(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    needs_law = {e.LegalBasis.LEGAL_OBLIGATION.value, e.LegalBasis.PUBLIC_INTEREST.value}
    for a in _controller_activities(org):
        act = a.activity
        entry_laws = [str(x.get("national_law", "")) for x in act.legal_bases if x.get("basis") in needs_law]
        main_needs = bool(needs_law & set(act.legal_basis))
        unnamed = (main_needs and not act.national_law.strip()) or any(
            not law.strip() and not act.national_law.strip() for law in entry_laws
        )
        if unnamed:
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


@rule(
    "activity.retention.missing",
    Severity.WARNING,
    N_("Activity without a retention period"),
    article="GDPR art. 30(1)(f), art. 5(1)(e)",
    why=N_("Data must not be kept longer than needed; the register records the time limit for erasure."),
    fix=N_("Give the retention: a duration and the event it counts from, or the law that sets it."),
)
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


@rule(
    "activity.retention.vague",
    Severity.WARNING,
    N_("Vague retention with no period or trigger"),
    article="GDPR art. 30(1)(f), art. 5(1)(e), art. 13(2)(a)",
    why=N_(
        "«As long as necessary» or «the law in force» repeats the principle without saying when data is erased; a consultant asks for a period or an event."
    ),
    fix=N_(
        "Give a duration (number and unit, approximate is fine) or the event that ends it, or name the law that sets it."
    ),
)
def _retention_vague(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        act = a.activity
        if act.retention_duration is not None or act.retention_trigger is not None:
            continue
        if read_retention(act.retention).reading is Reading.VAGUE:
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


@rule(
    "activity.special_condition.missing",
    Severity.ERROR,
    N_("Special categories without an art. 9(2) condition"),
    article="GDPR art. 9(1), 9(2)",
    why=N_("Special categories (health, including allergies) are forbidden unless a condition in art. 9(2) applies."),
    fix=N_("Choose the art. 9(2) condition (often explicit consent)."),
)
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


@rule(
    "activity.criminal_basis.missing",
    Severity.ERROR,
    N_("Criminal-offence data without a basis (art. 10)"),
    article="GDPR art. 10; personopplysningsloven § 11",
    why=N_("Data on criminal convictions may only be processed under official authority or where law authorises it."),
    fix=N_("Record the basis (e.g. the law that requires a police certificate)."),
)
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
    article="personopplysningsloven § 12",
    why=N_("The national identity number may only be used where secure identification is objectively needed."),
    fix=N_("Record why secure identification is needed and why the number is necessary for it."),
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


@rule(
    "activity.balancing_test.missing",
    Severity.ERROR,
    N_("Legitimate interest without a balancing test"),
    article="GDPR art. 6(1)(f)",
    why=N_(
        "Legitimate interest is a basis only after weighing the interest against the data subjects' rights; the weighing must be documented."
    ),
    fix=N_("Record the balancing test (it becomes the footnote in the print-out)."),
)
def _balancing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        act = a.activity
        f_entries = [x for x in act.legal_bases if x.get("basis") == e.LegalBasis.LEGITIMATE_INTERESTS.value]
        untested = (
            e.LegalBasis.LEGITIMATE_INTERESTS.value in act.legal_basis and not act.balancing_test.strip()
        ) or any(not str(x.get("balancing_test", "")).strip() and not act.balancing_test.strip() for x in f_entries)
        if untested:
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


@rule(
    "activity.consent_withdrawal.missing",
    Severity.WARNING,
    N_("Consent without a note on how it is withdrawn"),
    article="GDPR art. 7(3)",
    why=N_("Consent must be as easy to withdraw as to give."),
    fix=N_("Describe how consent is withdrawn (link, e-mail, settings)."),
)
def _consent(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in _controller_activities(org):
        act = a.activity
        a_entries = [x for x in act.legal_bases if x.get("basis") == e.LegalBasis.CONSENT.value]
        unexplained = (e.LegalBasis.CONSENT.value in act.legal_basis and not act.consent_withdrawal.strip()) or any(
            not str(x.get("consent_withdrawal", "")).strip() and not act.consent_withdrawal.strip() for x in a_entries
        )
        if unexplained:
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


@rule(
    "activity.security_measures.missing",
    Severity.WARNING,
    N_("Activity without security measures"),
    article="GDPR art. 30(1)(g), art. 32",
    why=N_("Each activity should be covered by security measures."),
    fix=N_("Link measures to the activity, or mark a measure as applying to all."),
)
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


@rule(
    "activity.dpia.missing",
    Severity.WARNING,
    N_("Two or more DPIA criteria but no DPIA recorded"),
    article="GDPR art. 35",
    why=N_(
        "Where the user's own assessment says a DPIA is needed, it must be carried out before the processing starts."
    ),
    fix=N_("Carry out the DPIA and record its status, reference and date."),
)
def _dpia(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    # The user's own assessment; the screening's (activity.dpia.indicated) reports what is derived.
    for a in _controller_activities(org):
        act = a.activity
        if dpia_recorded(act):
            continue
        if len(act.dpia_criteria) >= DPIA_CRITERIA_THRESHOLD:
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
        elif act.dpia_need == e.DpiaNeed.NEEDED:
            yield _finding(
                org,
                "activity.dpia.missing",
                Severity.WARNING,
                "activity",
                act.id,
                "dpia_status",
                N_("«{label}»: a DPIA is marked as needed, but none is recorded (art. 35)."),
                label=_label(a),
            )


@rule(
    "activity.review.overdue",
    Severity.WARNING,
    N_("Activity not reviewed for more than a year"),
    article="GDPR art. 24(1), art. 5(2)",
    why=N_("The register must be kept up to date; a yearly review is the usual practice."),
    fix=N_("Review the activity and record the date."),
)
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


@rule(
    "activity.review.missing",
    Severity.INFO,
    N_("Activity with no review date"),
    article="GDPR art. 24(1), art. 5(2)",
    why=N_("A review date shows the register is maintained."),
    fix=N_("Record when the activity was last reviewed."),
)
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


@rule(
    "activity.client.missing",
    Severity.WARNING,
    N_("Processor activity without the controller it is done for"),
    article="GDPR art. 30(2)(a)",
    why=N_("A processor's register names the controller on whose behalf it processes."),
    fix=N_("Choose the controller served."),
)
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


@rule(
    "recipient.dpa.missing",
    Severity.ERROR,
    N_("Processor without a data processing agreement"),
    article="GDPR art. 28(3)",
    why=N_("A processor may only process under a binding data processing agreement."),
    fix=N_("Record the agreement (date, reference), or correct the role."),
)
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


OWN_PURPOSE_ROLES = {
    e.RecipientRole.INDEPENDENT_CONTROLLER.value,
    e.RecipientRole.PUBLIC_AUTHORITY.value,
    e.RecipientRole.JOINT_CONTROLLER.value,
}


@rule(
    "recipient.sharing.incomplete",
    Severity.WARNING,
    N_("Recipient receiving data for its own purposes without purpose or legal basis"),
    article="GDPR art. 30(1)(d), art. 6(1), art. 13(1)(e)",
    why=N_(
        "Independent controllers, public authorities and joint controllers receive data for their own purposes: each disclosure is a processing of its own that needs a purpose and a legal basis."
    ),
    fix=N_(
        "Fill in the recipient's purpose and the legal basis of the disclosure (for a legal obligation also the law)."
    ),
)
def _sharing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if rec.role not in OWN_PURPOSE_ROLES:
            continue
        independent = rec.role == e.RecipientRole.INDEPENDENT_CONTROLLER
        if not rec.purpose.strip():
            yield _finding(
                org,
                "recipient.sharing.incomplete",
                Severity.WARNING,
                "recipient",
                rec.id,
                "purpose",
                N_("Independent controller «{name}»: the purpose of the disclosure is missing.")
                if independent
                else N_("«{name}» receives data for its own purposes, but the purpose of the disclosure is missing."),
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
                N_("Independent controller «{name}»: the legal basis of the disclosure is missing.")
                if independent
                else N_(
                    "«{name}» receives data for its own purposes, but the legal basis of the disclosure is missing."
                ),
                name=rec.name,
            )


@rule(
    "recipient.balancing_test.missing",
    Severity.ERROR,
    N_("Disclosure on legitimate interest without a balancing test"),
    article="GDPR art. 6(1)(f)",
    why=N_("A disclosure on legitimate interest needs its own documented weighing."),
    fix=N_("Record the balancing test for the disclosure."),
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


@rule(
    "recipient.transfer.missing",
    Severity.ERROR,
    N_("Recipient outside the EEA without a transfer mechanism"),
    article="GDPR art. 30(1)(e), art. 44–49",
    why=N_("Data may leave the EEA only under chapter V."),
    fix=N_("Record the transfer and its mechanism (adequacy, SCC, BCR, …)."),
)
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


@rule(
    "transfer.mechanism.missing",
    Severity.ERROR,
    N_("Transfer without a mechanism"),
    article="GDPR art. 30(1)(e), art. 44–49",
    why=N_("A transfer outside the EEA needs a mechanism under chapter V."),
    fix=N_("Record the mechanism (adequacy, SCC, BCR, code of conduct, certification, derogation)."),
)
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


@rule(
    "transfer.country.missing",
    Severity.ERROR,
    N_("Transfer that does not name the country"),
    article="GDPR art. 30(1)(e)",
    why=N_("The register must name the third country."),
    fix=N_("Record the country the data goes to."),
)
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


@rule(
    "transfer.adequacy.invalid",
    Severity.ERROR,
    N_("Adequacy claimed for a country without a decision"),
    article="GDPR art. 45",
    why=N_(
        "Adequacy exists only for the countries on the Commission's list; for the US only for recipients certified under the Data Privacy Framework."
    ),
    fix=N_("Choose another mechanism (e.g. SCC) or confirm the DPF certification."),
)
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


@rule(
    "transfer.derogation.safeguards_missing",
    Severity.ERROR,
    N_("Art. 49 derogation without documented safeguards"),
    article="GDPR art. 49(1), art. 30(1)(e)",
    why=N_("A transfer under the second subparagraph of art. 49(1) must be documented with its safeguards."),
    fix=N_("Document the suitable safeguards."),
)
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
