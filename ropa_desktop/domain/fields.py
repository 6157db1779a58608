"""The names users see for record fields (English msgids; the notices' Norwegian is in the catalogue).

One table for the editor's column headings, the undo texts ("Undo edit of
Purpose"), the change log and the exports, so a field is called the same
everywhere.
"""

from __future__ import annotations

from ropa_desktop.i18n import N_, Translator, current

# (entity, field) -> label; ("*", field) applies to every entity that has the field.
FIELD_LABELS: dict[tuple[str, str], str] = {
    ("*", "name"): N_("Name"),
    ("*", "description"): N_("Description"),
    ("*", "country"): N_("Country"),
    ("*", "orgnr"): N_("Organisation number"),
    ("*", "position"): N_("Order"),
    ("organisation", "address"): N_("Address"),
    ("organisation", "email"): N_("E-mail"),
    ("organisation", "phone"): N_("Telephone"),
    ("organisation", "contact_person"): N_("Contact person"),
    ("organisation", "dpo_name"): N_("Data protection officer"),
    ("organisation", "dpo_contact"): N_("Data protection officer's contact details"),
    ("organisation", "representative_name"): N_("Representative"),
    ("organisation", "representative_contact"): N_("Representative's contact details"),
    ("organisation", "joint_controllers"): N_("Joint controllers"),
    ("organisation", "is_controller"): N_("Controller"),
    ("organisation", "is_processor"): N_("Processor"),
    ("*", "notes"): N_("Notes"),
    ("personal_data", "special"): N_("Special category (art. 9)"),
    ("personal_data", "criminal"): N_("Criminal offences (art. 10)"),
    ("personal_data", "national_id"): N_("National identity number"),
    ("recipient", "role"): N_("Role"),
    ("recipient", "service"): N_("Service"),
    ("recipient", "dpa_in_place"): N_("Data processing agreement"),
    ("recipient", "dpa_date"): N_("Agreement date"),
    ("recipient", "dpa_reference"): N_("Agreement reference"),
    ("recipient", "purpose"): N_("Purpose"),
    ("recipient", "legal_basis"): N_("Legal basis"),
    ("recipient", "legal_basis_note"): N_("Legal basis as written"),
    ("recipient", "balancing_test"): N_("Balancing test"),
    ("recipient", "personal_data"): N_("Categories of personal data"),
    ("transfer", "recipient_id"): N_("Recipient"),
    ("transfer", "mechanism"): N_("Transfer mechanism"),
    ("transfer", "dpf_certified"): N_("Certified under the Data Privacy Framework"),
    ("transfer", "safeguards"): N_("Safeguards"),
    ("transfer", "reference"): N_("Reference"),
    ("security_measure", "kind"): N_("Kind"),
    ("security_measure", "applies_to_all"): N_("Applies to all activities"),
    ("client", "contact"): N_("Contact details"),
    ("client", "representative"): N_("Representative"),
    ("client", "dpo"): N_("Data protection officer"),
    ("approver", "role"): N_("Role"),
    ("change_log", "when"): N_("When"),
    ("change_log", "text"): N_("What"),
    ("activity", "register_kind"): N_("Register"),
    ("activity", "client_id"): N_("Controller served"),
    ("activity", "purpose"): N_("Purpose"),
    ("activity", "operations"): N_("Processing"),
    ("activity", "data_subjects"): N_("Categories of data subjects"),
    ("activity", "personal_data"): N_("Categories of personal data"),
    ("activity", "sources"): N_("Sources"),
    ("activity", "recipients"): N_("Recipients"),
    ("activity", "security_measures"): N_("Security measures"),
    ("activity", "legal_basis"): N_("Legal basis"),
    ("activity", "legal_basis_note"): N_("Legal basis as written"),
    ("activity", "national_law"): N_("National law"),
    ("activity", "balancing_test"): N_("Balancing test"),
    ("activity", "consent_withdrawal"): N_("How consent is withdrawn"),
    ("activity", "special_condition"): N_("Condition for special categories (art. 9(2))"),
    ("activity", "special_condition_note"): N_("Note on the art. 9(2) condition"),
    ("activity", "criminal_basis"): N_("Basis for criminal-offence data (art. 10)"),
    ("activity", "national_id_justification"): N_("Need for the national identity number (§ 12)"),
    ("activity", "retention"): N_("Retention"),
    ("activity", "retention_duration"): N_("Retention period"),
    ("activity", "retention_unit"): N_("Unit"),
    ("activity", "retention_trigger"): N_("Counted from"),
    ("activity", "retention_legal_ref"): N_("Legal requirement for retention"),
    ("activity", "dpia_need"): N_("DPIA needed"),
    ("activity", "dpia_status"): N_("DPIA status"),
    ("activity", "dpia_reference"): N_("DPIA reference"),
    ("activity", "dpia_criteria"): N_("DPIA criteria"),
    ("activity", "responsible_unit"): N_("Responsible unit"),
    ("activity", "status"): N_("Status"),
    ("activity", "last_reviewed"): N_("Last reviewed"),
    ("approval", "version"): N_("Version"),
    ("approval", "approved_on"): N_("Approved on"),
    ("approval", "signers"): N_("Signed by"),
}


def field_label(entity: str, field: str, translator: Translator | None = None) -> str:
    """The translated name of ``field`` on ``entity``; the field's identifier if it has no label."""
    tr = translator or current()
    msgid = FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(("*", field))
    return tr.gettext(msgid) if msgid else field
