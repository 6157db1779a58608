"""Labels users see for the closed vocabularies and for the table columns (English msgids)."""

from __future__ import annotations

from ropa_desktop.domain import enums as e
from ropa_desktop.i18n import N_, _

LEGAL_BASIS: dict[str, str] = {
    e.LegalBasis.CONSENT: N_("Consent"),
    e.LegalBasis.CONTRACT: N_("Contract"),
    e.LegalBasis.LEGAL_OBLIGATION: N_("Legal obligation"),
    e.LegalBasis.VITAL_INTERESTS: N_("Vital interests"),
    e.LegalBasis.PUBLIC_INTEREST: N_("Public interest"),
    e.LegalBasis.LEGITIMATE_INTERESTS: N_("Legitimate interests"),
}

SPECIAL_CONDITION: dict[str, str] = {
    e.SpecialCategoryCondition.EXPLICIT_CONSENT: N_("Explicit consent"),
    e.SpecialCategoryCondition.EMPLOYMENT_LAW: N_("Employment and social security law"),
    e.SpecialCategoryCondition.VITAL_INTERESTS: N_("Vital interests"),
    e.SpecialCategoryCondition.NOT_FOR_PROFIT: N_("Not-for-profit body"),
    e.SpecialCategoryCondition.MANIFESTLY_PUBLIC: N_("Made manifestly public"),
    e.SpecialCategoryCondition.LEGAL_CLAIMS: N_("Legal claims"),
    e.SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST: N_("Substantial public interest"),
    e.SpecialCategoryCondition.HEALTH_CARE: N_("Health or social care"),
    e.SpecialCategoryCondition.PUBLIC_HEALTH: N_("Public health"),
    e.SpecialCategoryCondition.ARCHIVING_RESEARCH: N_("Archiving, research or statistics"),
}

RECIPIENT_ROLE: dict[str, str] = {
    e.RecipientRole.PROCESSOR: N_("Processor"),
    e.RecipientRole.INDEPENDENT_CONTROLLER: N_("Independent controller"),
    e.RecipientRole.JOINT_CONTROLLER: N_("Joint controller"),
    e.RecipientRole.PUBLIC_AUTHORITY: N_("Public authority"),
    e.RecipientRole.INTERNAL: N_("Internal"),
}

TRANSFER_MECHANISM: dict[str, str] = {
    e.TransferMechanism.ADEQUACY: N_("Adequacy decision (art. 45)"),
    e.TransferMechanism.SCC: N_("Standard contractual clauses"),
    e.TransferMechanism.BCR: N_("Binding corporate rules"),
    e.TransferMechanism.CODE_OF_CONDUCT: N_("Code of conduct"),
    e.TransferMechanism.CERTIFICATION: N_("Certification"),
    e.TransferMechanism.DEROGATION: N_("Derogation (art. 49)"),
}

RETENTION_TRIGGER: dict[str, str] = {
    e.RetentionTrigger.END_OF_CONTRACT: N_("after the contract ends"),
    e.RetentionTrigger.ACCOUNT_INACTIVE: N_("after the account becomes inactive"),
    e.RetentionTrigger.CONSENT_WITHDRAWN: N_("after consent is withdrawn"),
    e.RetentionTrigger.END_OF_FINANCIAL_YEAR: N_("after the end of the financial year"),
    e.RetentionTrigger.CASE_CLOSED: N_("after the case is closed"),
    e.RetentionTrigger.COLLECTION: N_("after collection"),
    e.RetentionTrigger.OTHER: N_("other"),
}

DPIA_NEED: dict[str, str] = {
    e.DpiaNeed.UNASSESSED: N_("Not assessed"),
    e.DpiaNeed.NOT_NEEDED: N_("Not needed"),
    e.DpiaNeed.NEEDED: N_("Needed"),
}

DPIA_STATUS: dict[str, str] = {
    e.DpiaStatus.NOT_STARTED: N_("Not started"),
    e.DpiaStatus.IN_PROGRESS: N_("In progress"),
    e.DpiaStatus.DONE: N_("Done"),
}

ACTIVITY_STATUS: dict[str, str] = {
    e.ActivityStatus.DRAFT: N_("Draft"),
    e.ActivityStatus.APPROVED: N_("Approved"),
}

SECURITY_KIND: dict[str, str] = {
    e.SecurityMeasureKind.ACCESS_CONTROL: N_("Access control"),
    e.SecurityMeasureKind.ENCRYPTION: N_("Encryption"),
    e.SecurityMeasureKind.LOGGING: N_("Logging"),
    e.SecurityMeasureKind.BACKUP: N_("Backup"),
    e.SecurityMeasureKind.TRAINING: N_("Training"),
    e.SecurityMeasureKind.CONFIDENTIALITY: N_("Confidentiality"),
    e.SecurityMeasureKind.PROCESSOR_AGREEMENTS: N_("Processor agreements"),
    e.SecurityMeasureKind.PSEUDONYMISATION: N_("Pseudonymisation"),
    e.SecurityMeasureKind.OTHER: N_("Other"),
}

# The purpose table's columns, as in published Norwegian notices (Formål / Behandling / ...).
PURPOSE = N_("Purpose")
PROCESSING = N_("Processing")
CATEGORIES = N_("Categories of personal data")
LEGAL_BASIS_COLUMN = N_("Legal basis")
RETENTION = N_("Retention")


def footnote_mark(number: int) -> str:
    """¹, ², ... ¹⁰: superscript digits for the n-th legitimate-interest footnote."""
    digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
    return "".join(digits[int(d)] for d in str(number))


def label(table: dict[str, str], value: str | None) -> str:
    """The translated label of an enum value; the value itself when unknown."""
    if value is None or value == "":
        return ""
    msgid = table.get(value)
    return _(msgid) if msgid else value


def bullets(items: list[str]) -> str:
    """A multi-line cell as the notices show it: one bullet per item."""
    return "\n".join(f"• {item}" for item in items)
