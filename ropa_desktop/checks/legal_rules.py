"""Rules a privacy consultant applies beyond the art. 30 list: bases, marketing, cookies, DPIA, DPO.

Where a register made from a version-1 file has no flags, the rules read the activity's own
wording (purpose and operations) for marketing, newsletters, cookies and pixels; a flag set
in the register always wins over the wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa_desktop.checks.common import (
    ELECTRONIC_ADDRESS,
    ELECTRONIC_CHANNEL,
    GDPR_ITSELF,
    MARKETING,
    TRACKING,
    TRACKING_NOT_NECESSARY,
    activity_text,
    bases,
    category_ids,
    controller_activities,
    finding,
    label,
    names_a_law,
)
from ropa_desktop.checks.dpia import DpiaResult, dpia_recorded, may_apply, screen
from ropa_desktop.checks.engine import Context, Finding, Severity, rule
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import N_

L = e.LegalBasis

# --------------------------------------------------------------------------- legal basis


@rule(
    "activity.national_law.invalid",
    Severity.WARNING,
    N_("Supplementary national law that is the GDPR itself or names no law"),
    article="GDPR art. 6(3)",
    why=N_(
        "A legal obligation or public task must rest on a law of the EU or Norway other than the GDPR; a reference to the GDPR, or to «the law» in general, says nothing."
    ),
    fix=N_("Name the act and section the obligation comes from, e.g. «bokføringsloven § 13»."),
)
def _national_law_invalid(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in controller_activities(org):
        act = a.activity
        texts = [act.national_law] + [
            str(x.get("national_law", ""))
            for x in act.legal_bases
            if x.get("basis") in (L.LEGAL_OBLIGATION, L.PUBLIC_INTEREST)
        ]
        for text in texts:
            if not text.strip():
                continue
            if GDPR_ITSELF.search(text) and not names_a_law(GDPR_ITSELF.sub(" ", text)):
                yield finding(
                    org,
                    "activity.national_law.invalid",
                    Severity.WARNING,
                    "activity",
                    act.id,
                    "national_law",
                    N_("«{label}»: «{law}» is the GDPR itself, not the national law the basis rests on (art. 6(3))."),
                    label=label(a),
                    law=text.strip(),
                )
                break
            if not names_a_law(text):
                yield finding(
                    org,
                    "activity.national_law.invalid",
                    Severity.WARNING,
                    "activity",
                    act.id,
                    "national_law",
                    N_("«{label}»: «{law}» names no law; give the act and section (art. 6(3))."),
                    label=label(a),
                    law=text.strip(),
                )
                break


def _is_marketing(a: ActivityRecord) -> bool:
    return a.activity.direct_marketing or bool(MARKETING.search(a.activity.purpose))


_SENDS = re.compile(r"\bsend\w*|utsendelse\w*|\bsending\b", re.IGNORECASE)


def _electronic(org: OrganisationRegister, a: ActivityRecord) -> bool:
    """E-mail or SMS: the channels marked, else the wording, else "send" with e-mail or phone data linked."""
    act = a.activity
    if act.marketing_channels:
        return any(c in e.ELECTRONIC_MARKETING for c in act.marketing_channels)
    text = activity_text(a)
    if ELECTRONIC_CHANNEL.search(text):
        return True
    contact = not category_ids(org, ELECTRONIC_ADDRESS, "electronic").isdisjoint(a.personal_data_ids)
    return contact and bool(_SENDS.search(text))


@rule(
    "activity.marketing.basis",
    Severity.ERROR,
    N_("Marketing on a contract, or electronic marketing without consent"),
    article="GDPR art. 6(1)(b), art. 21(2); markedsføringsloven § 15",
    why=N_(
        "A contract is never necessary for marketing. E-mail and SMS marketing to natural persons needs prior consent, unless the customer exception applies (address obtained in a sale, own similar products, refusal offered each time)."
    ),
    fix=N_(
        "Use consent, or legitimate interest with a balancing test; for e-mail or SMS record the consent, or mark that the § 15 customer exception applies."
    ),
)
def _marketing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in controller_activities(org):
        act = a.activity
        if not _is_marketing(a):
            continue
        letters = bases(act)
        if L.CONTRACT.value in letters and not _contract_covers_other_part(act):
            yield finding(
                org,
                "activity.marketing.basis",
                Severity.ERROR,
                "activity",
                act.id,
                "legal_basis",
                N_("«{label}»: marketing rests on a contract (art. 6(1)(b)), which is never necessary for marketing."),
                label=label(a),
            )
        elif _electronic(org, a) and L.CONSENT.value not in letters and not act.marketing_customer_exception:
            yield finding(
                org,
                "activity.marketing.basis",
                Severity.ERROR,
                "activity",
                act.id,
                "legal_basis",
                N_(
                    "«{label}»: marketing that may go by e-mail or SMS, without consent, and the customer exception of markedsføringsloven § 15 is not recorded."
                ),
                label=label(a),
            )


def _contract_covers_other_part(act: m.ProcessingActivity) -> bool:
    """A contract entry that says which (non-marketing) part it covers is not a basis for the marketing."""
    entries = [x for x in act.legal_bases if x.get("basis") == L.CONTRACT.value]
    return (
        L.CONTRACT.value not in act.legal_basis
        and bool(entries)
        and all(x.get("covers") and not MARKETING.search(str(x.get("covers"))) for x in entries)
    )


@rule(
    "activity.cookies.consent",
    Severity.ERROR,
    N_("Cookies or pixels for analytics or marketing without consent"),
    article="ekomloven § 3-15; GDPR art. 6(1)(a)",
    why=N_(
        "Storing or reading information on the user's device needs consent unless it is strictly necessary for the service the user asked for; analytics and marketing cookies and pixels are not."
    ),
    fix=N_(
        "Base the analytics and marketing cookies on consent (and record how it is withdrawn), or mark the purposes as strictly necessary if they are."
    ),
)
def _cookies(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in controller_activities(org):
        act = a.activity
        text = activity_text(a)
        # Data "collected through cookies" linked to an analytics activity is tracking too (EDPB Opinion 5/2019:
        # where ePrivacy requires consent to collect, legitimate interest cannot carry the further processing).
        collected = not category_ids(org, TRACKING, "tracking").isdisjoint(a.personal_data_ids)
        tracking = act.tracking_technology or bool(TRACKING.search(text)) or collected
        if not tracking:
            continue
        if act.tracking_purposes:
            not_necessary = any(p != e.TrackingPurpose.NECESSARY for p in act.tracking_purposes)
        else:
            not_necessary = bool(TRACKING_NOT_NECESSARY.search(text))
        if not_necessary and L.CONSENT.value not in bases(act):
            yield finding(
                org,
                "activity.cookies.consent",
                Severity.ERROR,
                "activity",
                act.id,
                "legal_basis",
                N_(
                    "«{label}»: cookies or similar technology for analytics or marketing without consent (ekomloven § 3-15)."
                ),
                label=label(a),
            )


# --------------------------------------------------------------------------- DPIA


@rule(
    "activity.dpia.indicated",
    Severity.WARNING,
    N_("The DPIA screening says a DPIA is required, but none is recorded"),
    article="GDPR art. 35(1), 35(3), 35(4); Datatilsynet; WP248",
    why=N_(
        "Processing likely to result in a high risk needs an impact assessment before it starts: anything on Datatilsynet's list, and as a rule anything meeting two of the nine criteria."
    ),
    fix=N_(
        "Carry out the DPIA and record its reference and date, or confirm the screening's answers; if you conclude none is needed, record that with the reason."
    ),
)
def _dpia_indicated(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in controller_activities(org):
        act = a.activity
        if dpia_recorded(act) or act.dpia_need == e.DpiaNeed.NEEDED or len(act.dpia_criteria) >= 2:
            continue  # recorded, or reported by activity.dpia.missing from the user's own assessment
        if act.dpia_need == e.DpiaNeed.NOT_NEEDED and act.dpia_need_reason.strip():
            continue  # the user decided, and said why
        if not may_apply(org, a):
            continue  # no criterion can apply: not required
        result = screen(org, a)
        if result.result is not DpiaResult.REQUIRED:
            continue
        reasons = [*result.applying_list_items, *result.applying_criteria]
        yield finding(
            org,
            "activity.dpia.indicated",
            Severity.WARNING,
            "activity",
            act.id,
            "dpia_need",
            N_(
                "«{label}»: the DPIA screening says a DPIA is required ({count} items apply), but none is recorded (art. 35)."
            ),
            label=label(a),
            count=len(reasons),
        )


# --------------------------------------------------------------------------- the organisation

_GENERIC_SECURITY = re.compile(
    r"som kreves|lovens krav|loven krever|nødvendige tiltak|tilfredsstillende|på en sikker måte|"
    r"sikkerhetsforanstaltning\w*|required by law|appropriate (?:technical|measures)|necessary measures|"
    r"industry standard|bransjestandard",
    re.IGNORECASE,
)
_CONCRETE_SECURITY = re.compile(
    r"krypter\w*|tilgangsstyr\w*|tilgangskontroll\w*|tilgangsbegrens\w*|logg\w*|sikkerhetskopi\w*|backup|"
    r"to-?faktor\w*|flerfaktor\w*|\bmfa\b|\b2fa\b|brannmur\w*|pseudonym\w*|anonymis\w*|opplæring\w*|taushetsplikt|"
    r"encrypt\w*|access control|least privilege|firewall|multi-?factor|training|confidentiality|audit log|"
    r"penetrasjonstest\w*|penetration test\w*|sårbarhetsskann\w*|patch\w*",
    re.IGNORECASE,
)
_CONCRETE_KINDS = {
    e.SecurityMeasureKind.ACCESS_CONTROL,
    e.SecurityMeasureKind.ENCRYPTION,
    e.SecurityMeasureKind.LOGGING,
    e.SecurityMeasureKind.BACKUP,
    e.SecurityMeasureKind.TRAINING,
    e.SecurityMeasureKind.CONFIDENTIALITY,
    e.SecurityMeasureKind.PSEUDONYMISATION,
}


def _concrete_measure(sm: m.SecurityMeasure) -> bool:
    if sm.kind in _CONCRETE_KINDS:
        return True
    text = f"{sm.name} {sm.description}"
    return sm.kind != e.SecurityMeasureKind.PROCESSOR_AGREEMENTS and bool(_CONCRETE_SECURITY.search(text))


@rule(
    "organisation.security.generic",
    Severity.WARNING,
    N_("Security measures only described in general terms"),
    article="GDPR art. 30(1)(g), art. 32",
    why=N_(
        "«The measures the law requires» describes no measure. The register should say, in general terms, which technical and organisational measures protect the data."
    ),
    fix=N_("Record the actual measures: access control, encryption, logging, backup, training, confidentiality."),
)
def _security_generic(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    measures = org.security_measures
    if not measures or any(_concrete_measure(sm) for sm in measures):
        return
    generic = next((sm for sm in measures if _GENERIC_SECURITY.search(f"{sm.name} {sm.description}")), measures[0])
    yield finding(
        org,
        "organisation.security.generic",
        Severity.WARNING,
        "security_measure",  # where the user fixes it: the Security measures table, on the generic entry
        generic.id,
        "description",
        N_("The security measures name no concrete measure (e.g. «{name}»); describe them (art. 32)."),
        name=generic.name,
    )


@rule(
    "organisation.dpo.assessment.missing",
    Severity.WARNING,
    N_("No data protection officer, and no assessment of whether one is required"),
    article="GDPR art. 37(1), art. 30(1)(a); personopplysningsloven",
    why=N_(
        "A DPO is mandatory for public bodies and where core activities involve large-scale regular and systematic monitoring or large-scale special categories; without one, the register should say why none is required."
    ),
    fix=N_("Name the DPO, or record that none is required and why."),
)
def _dpo(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    o = org.organisation
    if not org.activities:
        return  # whether a DPO is required follows from the processing; nothing recorded yet
    if o.dpo_required is True and not o.dpo_name.strip():
        yield finding(
            org,
            "organisation.dpo.assessment.missing",
            Severity.WARNING,
            "organisation",
            o.id,
            "dpo_name",
            N_("A data protection officer is required (art. 37), but none is named."),
        )
    elif o.dpo_name.strip() or (o.dpo_required is False and o.dpo_assessment.strip()):
        return
    elif o.dpo_required is None or not o.dpo_assessment.strip():
        yield finding(
            org,
            "organisation.dpo.assessment.missing",
            Severity.WARNING,
            "organisation",
            o.id,
            "dpo_required",
            N_("No data protection officer is named, and the register does not say why none is required (art. 37)."),
        )


# --------------------------------------------------------------------------- data categories


@rule(
    "category.unused",
    Severity.WARNING,
    N_("A category of personal data no activity uses"),
    article="GDPR art. 5(1)(b), (c); art. 30(1)(c)",
    why=N_(
        "Data collected for no recorded purpose is either a gap in the register (a purpose is missing) or data that should not be kept."
    ),
    fix=N_("Link the category to the activities that use it, or remove it (and the data)."),
)
def _category_unused(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    used = {i for a in org.activities for i in a.personal_data_ids}
    for c in org.personal_data:
        if c.id not in used:
            yield finding(
                org,
                "category.unused",
                Severity.WARNING,
                "personal_data",
                c.id,
                "name",  # the category's row in the Categories table
                N_("The category «{name}» is used by no processing activity."),
                name=c.name,
            )


_DAYS = {e.DurationUnit.DAYS.value: 1, e.DurationUnit.MONTHS.value: 30, e.DurationUnit.YEARS.value: 365}


def _days(duration: int | None, unit: str | None) -> int | None:
    if duration is None:
        return None
    return duration * _DAYS.get(unit or e.DurationUnit.YEARS.value, 365)


@rule(
    "activity.retention.category_conflict",
    Severity.WARNING,
    N_("A category kept longer than the activity's retention, without a reason"),
    article="GDPR art. 5(1)(e), art. 30(1)(f)",
    why=N_(
        "When one category (say, accounting records) must be kept longer than the rest of an activity's data, the register must say so and why; otherwise one of the two periods is wrong."
    ),
    fix=N_("Give the category's reason (e.g. the law that requires it), or align the two periods."),
)
def _category_conflict(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for a in org.activities:
        act = a.activity
        limit = _days(act.retention_duration, act.retention_unit)
        if limit is None:
            continue
        for cid in a.personal_data_ids:
            c = org.personal_data_by_id.get(cid)
            if c is None or c.retention_reason.strip():
                continue
            own = _days(c.retention_duration, c.retention_unit)
            if own is not None and own > limit:
                yield finding(
                    org,
                    "activity.retention.category_conflict",
                    Severity.WARNING,
                    "activity",
                    act.id,
                    "retention",
                    N_("«{label}»: «{name}» is kept longer than the activity's retention, and no reason is given."),
                    label=label(a),
                    name=c.name,
                )
