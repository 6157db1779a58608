"""Labels of stored values as the board PDF prints them.

Private to the PDF export until the shared ``ropa_desktop.domain.labels``
module is merged; the integrator switches these lookups over to it.
"""

from __future__ import annotations

from ropa_desktop.i18n import N_, Translator

_BASIS_LABELS: dict[str, str] = {
    "a": N_("Consent"),
    "b": N_("Contract"),
    "c": N_("Legal obligation"),
    "d": N_("Vital interests"),
    "e": N_("Public interest or official authority"),
    "f": N_("Legitimate interests"),
}

_SPECIAL_CONDITION_LABELS: dict[str, str] = {
    "a": N_("Explicit consent"),
    "b": N_("Employment and social security law"),
    "c": N_("Vital interests"),
    "d": N_("Not-for-profit body"),
    "e": N_("Made public by the data subject"),
    "f": N_("Legal claims"),
    "g": N_("Substantial public interest"),
    "h": N_("Health or social care"),
    "i": N_("Public health"),
    "j": N_("Archiving, research or statistics"),
}

_ROLE_LABELS: dict[str, str] = {
    "processor": N_("Processor"),
    "independent_controller": N_("Independent controller"),
    "joint_controller": N_("Joint controller"),
    "public_authority": N_("Public authority"),
    "internal": N_("Internal"),
}

_MECHANISM_LABELS: dict[str, str] = {
    "adequacy": N_("Adequacy decision (art. 45)"),
    "scc": N_("Standard contractual clauses (art. 46(2)(c))"),
    "bcr": N_("Binding corporate rules (art. 47)"),
    "code_of_conduct": N_("Code of conduct (art. 46(2)(e))"),
    "certification": N_("Certification (art. 46(2)(f))"),
    "derogation": N_("Derogation for a specific situation (art. 49)"),
}

_MEASURE_KIND_LABELS: dict[str, str] = {
    "access_control": N_("Access control"),
    "encryption": N_("Encryption"),
    "logging": N_("Logging"),
    "backup": N_("Backup"),
    "training": N_("Training"),
    "confidentiality": N_("Confidentiality"),
    "processor_agreements": N_("Processor agreements"),
    "pseudonymisation": N_("Pseudonymisation"),
    "other": N_("Other"),
}

# Activity fields named in "Changes since the last approval".
_FIELD_LABELS: dict[str, str] = {
    "purpose": N_("Purpose"),
    "operations": N_("Processing"),
    "personal_data": N_("Categories of personal data"),
    "data_subjects": N_("Categories of data subjects"),
    "legal_basis": N_("Legal basis"),
    "legal_basis_note": N_("Legal basis"),
    "national_law": N_("National law"),
    "balancing_test": N_("Balancing test"),
    "consent_withdrawal": N_("Withdrawal of consent"),
    "special_condition": N_("Condition for special categories"),
    "special_condition_note": N_("Condition for special categories"),
    "criminal_basis": N_("Basis for criminal offence data"),
    "national_id_justification": N_("Justification for national identity numbers"),
    "retention": N_("Retention"),
    "retention_duration": N_("Retention"),
    "retention_unit": N_("Retention"),
    "retention_trigger": N_("Retention"),
    "retention_legal_ref": N_("Retention"),
    "recipients": N_("Recipients"),
    "sources": N_("Sources"),
    "security_measures": N_("Security measures"),
    "dpia_need": N_("Data protection impact assessment"),
    "dpia_status": N_("Data protection impact assessment"),
    "dpia_reference": N_("Data protection impact assessment"),
    "dpia_criteria": N_("Data protection impact assessment"),
    "responsible_unit": N_("Responsible unit"),
    "status": N_("Status"),
    "last_reviewed": N_("Last reviewed"),
    "notes": N_("Notes"),
    "register_kind": N_("Register"),
    "client_id": N_("Controller served"),
}


def _label(table: dict[str, str], value: str | None, tr: Translator) -> str:
    if not value:
        return ""
    msgid = table.get(value)
    return tr.gettext(msgid) if msgid else value


def basis_label(letter: str, tr: Translator) -> str:
    return _label(_BASIS_LABELS, letter, tr)


def special_condition_label(letter: str | None, tr: Translator) -> str:
    return _label(_SPECIAL_CONDITION_LABELS, letter, tr)


def role_label(role: str, tr: Translator) -> str:
    return _label(_ROLE_LABELS, role, tr)


def mechanism_label(mechanism: str | None, tr: Translator) -> str:
    return _label(_MECHANISM_LABELS, mechanism, tr)


def measure_kind_label(kind: str, tr: Translator) -> str:
    return _label(_MEASURE_KIND_LABELS, kind, tr)


def field_labels(fields: list[str], tr: Translator) -> list[str]:
    """Distinct labels in first-seen order (several stored fields share one label)."""
    out: list[str] = []
    for name in fields:
        label = _label(_FIELD_LABELS, name, tr)
        if label not in out:
            out.append(label)
    return out
