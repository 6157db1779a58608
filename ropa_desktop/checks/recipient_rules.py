"""Rules on recipients: unknown countries, unclear roles, disclosures by law, joint controllers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa_desktop.checks.common import finding, names_a_law
from ropa_desktop.checks.engine import Context, Finding, Severity, rule
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.i18n import N_

R = e.RecipientRole

# Names of Norwegian public bodies: their country is not in doubt.
NORWEGIAN_PUBLIC_BODY = re.compile(
    r"\bstatens\b|\bnav\b|skatteetaten|skattekontor\w*|kommune\b|fylkeskommune|politi\w*|\bdatatilsynet\b|"
    r"brønnøysund\w*|\bssb\b|statistisk sentralbyrå|arbeidstilsynet|tolletaten|helsedirektoratet|"
    r"namsmann\w*|tingrett\w*|lagmannsrett\w*|høyesterett|\bdomstol\w*|forliksråd\w*|offentlige?\b|"
    r"\bpublic (?:authority|register|agency)\b|\bpolice\b|tax administration",
    re.IGNORECASE,
)
# Services known by brand whose operator may be outside the EEA; the country must be confirmed.
GLOBAL_SERVICE = re.compile(
    r"office 365|microsoft|\bazure\b|google|youtube|facebook|\bmeta\b|instagram|linkedin|mailchimp|salesforce|"
    r"hubspot|\bzoom\b|\bslack\b|amazon|\baws\b|dropbox|apple|icloud|twitter|tiktok|\bx\.com\b|shopify|"
    r"stripe|paypal|zendesk|intercom|trello|atlassian|github|hotjar|\.com\b|\.io\b",
    re.IGNORECASE,
)
# A processor given as a type ("IT-tjenester", "Leverandører av …", "IT suppliers") rather than a company.
TYPE_NAME = re.compile(
    r"leverandør(?:er|ene)?\b|tjenester\b|selskap(?:er|ene)?\b|bedrifter\b|samarbeidspartner\w*|"
    r"partnere\b|partnar(?:ar|ane)?\b|leverandørar\b|organisasjon(?:er|ar|ene|ane)\b|"
    r"aktører\b|byrå(?:er)?\b|\bsuppliers?\b|\bproviders?\b|\bvendors?\b|\bcompanies\b|\bpartners\b|"
    r"\bservices\b|\bagencies\b|\bcontractors\b|\bfirms\b",
    re.IGNORECASE,
)
COMPANY_FORM = re.compile(r"\b(?:AS|ASA|ANS|DA|SA|BA|NUF|AB|ApS|A/S|Oy|GmbH|Ltd|Limited|Inc|LLC|BV|SAS|plc)\b\.?")


# The notice places the recipient inside the EEA: no transfer, whichever member state it is.
WITHIN_EEA = re.compile(
    r"\b(?:innenfor|innanfor|innan|i)\s+(?:EU/)?EØS(?:-området)?\b|\bEØS- og EU-området|\bEU- og EØS-området|"
    r"\b(?:within|inside|in)\s+the\s+(?:EU/)?EEA\b|\bwithin the EU and the EEA\b",
    re.IGNORECASE,
)


def _country_obvious(org: OrganisationRegister, rec: m.Recipient) -> bool:
    """Internal units and Norway's public bodies share the organisation's country; a recipient the
    notice places within the EEA needs no country for art. 30(1)(e)."""
    if rec.role == R.INTERNAL or (org.organisation.country == "NO" and bool(NORWEGIAN_PUBLIC_BODY.search(rec.name))):
        return True
    return bool(WITHIN_EEA.search(" ".join((rec.name, rec.description, rec.purpose))))


@rule(
    "recipient.country.unknown",
    Severity.WARNING,
    N_("Recipient whose country is not recorded"),
    article="GDPR art. 30(1)(d), (e); art. 44–49",
    why=N_(
        "Without the country nobody can tell whether data leaves the EEA. A recipient named only by brand or web domain («Office 365») is often a US service."
    ),
    fix=N_("Record the country of the company that processes the data (from the agreement or its privacy notice)."),
)
def _country_unknown(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if rec.country or _country_obvious(org, rec):
            continue
        yield finding(
            org,
            "recipient.country.unknown",
            Severity.WARNING,
            "recipient",
            rec.id,
            "country",
            N_(
                "«{name}» is a service known by brand; record which company and country process the data, many such services transfer data outside the EEA."
            )
            if GLOBAL_SERVICE.search(rec.name)
            else N_("«{name}»: the country is not recorded, so whether data leaves the EEA cannot be told."),
            name=rec.name,
        )


@rule(
    "recipient.role.unclear",
    Severity.WARNING,
    N_("Recipient whose role is to be clarified or does not fit"),
    article="GDPR art. 4(7), (8); art. 26, 28",
    why=N_(
        "Whether a recipient is our processor, a controller of its own, or a joint controller decides which agreement is needed and what the register must hold."
    ),
    fix=N_("Clarify the role with the recipient (agreement, their privacy notice) and record it."),
)
def _role_unclear(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if rec.role == R.TO_CLARIFY:
            yield finding(
                org,
                "recipient.role.unclear",
                Severity.WARNING,
                "recipient",
                rec.id,
                "role",
                N_("«{name}»: the role (processor, independent or joint controller) is still to be clarified."),
                name=rec.name,
            )
        elif rec.role == R.PROCESSOR and NORWEGIAN_PUBLIC_BODY.search(rec.name):
            yield finding(
                org,
                "recipient.role.unclear",
                Severity.WARNING,
                "recipient",
                rec.id,
                "role",
                N_(
                    "«{name}» looks like a public authority or public register, which acts for its own purposes, not as our processor."
                ),
                name=rec.name,
            )


def _disclosed_by_law(rec: m.Recipient) -> bool:
    letters = set(rec.legal_basis)
    return (
        bool(letters & {e.LegalBasis.LEGAL_OBLIGATION.value, e.LegalBasis.PUBLIC_INTEREST.value})
        or rec.on_request_only
        or rec.role == R.PUBLIC_AUTHORITY
    )


@rule(
    "recipient.law.missing",
    Severity.WARNING,
    N_("Disclosure under a legal obligation without the law"),
    article="GDPR art. 6(1)(c), 6(3)",
    why=N_(
        "A disclosure to an authority, or one made because the law requires it, rests on a specific provision; without it nobody can check the disclosure is lawful and limited."
    ),
    fix=N_("Record the law and section that requires or permits the disclosure."),
)
def _law_missing(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if not _disclosed_by_law(rec):
            continue
        if names_a_law(" ".join([rec.disclosure_law, rec.legal_basis_note])):
            continue
        yield finding(
            org,
            "recipient.law.missing",
            Severity.WARNING,
            "recipient",
            rec.id,
            "disclosure_law",
            N_("«{name}»: data is disclosed under a legal obligation, but the law is not named."),
            name=rec.name,
        )


@rule(
    "joint_controller.arrangement.missing",
    Severity.ERROR,
    N_("Joint controller without the art. 26 arrangement"),
    article="GDPR art. 26(1), (2); art. 30(1)(a)",
    why=N_(
        "Joint controllers (a Facebook page, a partner's pixel collecting on our site) must set out by arrangement who does what, in particular who answers data subjects, and make its essence available."
    ),
    fix=N_("Record what the arrangement covers, who answers data subjects' requests, its reference and date."),
)
def _joint(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    joint = [r.recipient for r in org.recipients if r.recipient.role == R.JOINT_CONTROLLER]
    for rec in joint:
        if rec.arrangement_covers.strip() or rec.arrangement_reference.strip():
            if not rec.arrangement_contact.strip():
                yield finding(
                    org,
                    "joint_controller.arrangement.missing",
                    Severity.ERROR,
                    "recipient",
                    rec.id,
                    "arrangement_contact",
                    N_("Joint controller «{name}»: the arrangement does not say who answers data subjects' requests."),
                    name=rec.name,
                )
            continue
        yield finding(
            org,
            "joint_controller.arrangement.missing",
            Severity.ERROR,
            "recipient",
            rec.id,
            "arrangement_covers",
            N_("Joint controller «{name}»: no arrangement under art. 26 is recorded."),
            name=rec.name,
        )
    o = org.organisation
    if o.joint_controllers.strip() and not joint:
        yield finding(
            org,
            "joint_controller.arrangement.missing",
            Severity.ERROR,
            "organisation",
            o.id,
            "joint_controllers",
            N_(
                "Joint controllers are named ({names}), but none is recorded as a recipient with its art. 26 arrangement."
            ),
            names=" ".join(o.joint_controllers.split())[:80],
        )


@rule(
    "recipient.named_by_type",
    Severity.INFO,
    N_("Processor given only as a type"),
    article="GDPR art. 30(1)(d), art. 28; art. 15(1)(c)",
    why=N_(
        "Art. 30 allows categories of recipients, but the register is where the controller keeps track of its processors and their agreements; a type («IT suppliers») cannot be checked for an agreement or a country."
    ),
    fix=N_("Name each processor (company, country, agreement), keeping the type as its service."),
)
def _named_by_type(org: OrganisationRegister, ctx: Context) -> Iterator[Finding]:
    for r in org.recipients:
        rec = r.recipient
        if rec.role not in (R.PROCESSOR, R.TO_CLARIFY) or NORWEGIAN_PUBLIC_BODY.search(rec.name):
            continue  # a public body recorded as processor is reported once, by recipient.role.unclear
        name = rec.name.strip()
        # "Selskap Eksempel AS samarbeider med": our own name in the description is not the recipient's company.
        own = org.organisation.name.strip()
        named = name.replace(own, "") if own else name
        by_type = (rec.service.strip().casefold() == name.casefold() and not COMPANY_FORM.search(named)) or (
            bool(TYPE_NAME.search(named)) and not COMPANY_FORM.search(named)
        )
        if by_type:
            yield finding(
                org,
                "recipient.named_by_type",
                Severity.INFO,
                "recipient",
                rec.id,
                "name",
                N_("«{name}» is a type of processor, not a named company.")
                if rec.role == R.PROCESSOR
                else N_("«{name}» is a type of recipient, not a named company; its role cannot be clarified so."),
                name=name,
            )
