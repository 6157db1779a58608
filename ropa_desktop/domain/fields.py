"""The field catalogue: every field of every record, named once (English msgids; the notices'
Norwegian is in the catalogue).

Each :class:`FieldInfo` says what users call the field (a short heading for table
columns and undo texts, a long one for the detail pane and help), which part of
GDPR art. 30 it answers, a one-line help text (tooltips), its kind, and whether
art. 30 requires it in the controller's and in the processor's register. The
editor's tables and detail pane, the workbook, the PDF, ``docs/json-format.md``
and the checks (which field a finding points at) read headings and order from
here, so a field is called the same everywhere.

Add a field as one line of :data:`CATALOGUE`; ``field_label`` keeps working for
every entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Flag, StrEnum, auto

from ropa_desktop.domain import enums as e
from ropa_desktop.i18n import N_, Translator, current


class FieldKind(StrEnum):
    TEXT = "text"  # one text, possibly several lines
    LIST = "list"  # a list of texts, one bullet per line
    ENUM = "enum"  # one value of a closed vocabulary (labels in domain/labels.py)
    ENUM_LIST = "enum_list"  # several values of a closed vocabulary
    DATE = "date"
    LINK = "link"  # records of another catalogue of the organisation
    BOOL = "bool"
    NUMBER = "number"
    COUNTRY = "country"  # ISO 3166-1 alpha-2 code, shown by its name in the user's language


class Required(Flag):
    """Which art. 30 register requires the field ("where possible" counts as required)."""

    NO = 0
    CONTROLLER = auto()  # art. 30(1)
    PROCESSOR = auto()  # art. 30(2)
    BOTH = CONTROLLER | PROCESSOR


@dataclass(frozen=True)
class FieldInfo:
    entity: str
    name: str
    heading: str  # msgid: table columns, undo texts, the change log
    long: str  # msgid: the detail pane, the workbook's organisation sheet, help
    article: str  # "art. 30(1)(b)" … or "" when no article asks for it
    help: str  # msgid: one line for tooltips
    kind: FieldKind = FieldKind.TEXT
    required: Required = Required.NO
    vocabulary: type[StrEnum] | None = None

    @property
    def id(self) -> tuple[str, str]:
        return self.entity, self.name


T, L, EN, EL, D, LK, B, NU, C = (
    FieldKind.TEXT,
    FieldKind.LIST,
    FieldKind.ENUM,
    FieldKind.ENUM_LIST,
    FieldKind.DATE,
    FieldKind.LINK,
    FieldKind.BOOL,
    FieldKind.NUMBER,
    FieldKind.COUNTRY,
)
NO, CTRL, PROC, BOTH = Required.NO, Required.CONTROLLER, Required.PROCESSOR, Required.BOTH
F = FieldInfo

# fmt: off
CATALOGUE: tuple[FieldInfo, ...] = (
    F("organisation", "name", N_("Name"), N_("Name of the organisation"), "art. 30(1)(a), 30(2)(a)", N_("The legal name of the controller or processor."), T, BOTH),
    F("organisation", "orgnr", N_("Organisation number"), N_("Organisation number"), "art. 30(1)(a), 30(2)(a)", N_("The organisation number in the Central Coordinating Register for Legal Entities."), T, NO),
    F("organisation", "country", N_("Country"), N_("Country"), "", N_("Where the organisation is established."), C, NO),
    F("organisation", "address", N_("Address"), N_("Address"), "art. 30(1)(a), 30(2)(a)", N_("Postal address for the contact details art. 30 asks for."), T, BOTH),
    F("organisation", "email", N_("E-mail"), N_("E-mail"), "art. 30(1)(a), 30(2)(a)", N_("Where data subjects and the authority reach the organisation."), T, NO),
    F("organisation", "phone", N_("Telephone"), N_("Telephone"), "art. 30(1)(a), 30(2)(a)", N_("Telephone number for the contact details."), T, NO),
    F("organisation", "contact_person", N_("Contact person"), N_("Contact person"), "art. 30(1)(a), 30(2)(a)", N_("Who answers questions about the register."), T, NO),
    F("organisation", "dpo_name", N_("Data protection officer"), N_("Data protection officer"), "art. 30(1)(a), 30(2)(a)", N_("The data protection officer, where one is appointed (art. 37)."), T, NO),
    F("organisation", "dpo_contact", N_("Data protection officer's contact details"), N_("Data protection officer's contact details"), "art. 30(1)(a), 30(2)(a)", N_("How to reach the data protection officer."), T, NO),
    F("organisation", "representative_name", N_("Representative"), N_("Representative"), "art. 30(1)(a), 30(2)(a)", N_("The representative in the EEA of an organisation established outside it (art. 27)."), T, NO),
    F("organisation", "representative_contact", N_("Representative's contact details"), N_("Representative's contact details"), "art. 30(1)(a), 30(2)(a)", N_("How to reach the representative."), T, NO),
    F("organisation", "joint_controllers", N_("Joint controllers"), N_("Joint controllers"), "art. 30(1)(a)", N_("Controllers who decide purposes and means together with this one (art. 26)."), T, NO),
    F("organisation", "is_controller", N_("Controller"), N_("Controller"), "art. 30(1)", N_("The organisation keeps a controller's register."), B, NO),
    F("organisation", "is_processor", N_("Processor"), N_("Processor"), "art. 30(2)", N_("The organisation also processes on behalf of others and keeps a processor's register."), B, NO),
    F("organisation", "position", N_("Order"), N_("Order"), "", N_("The organisation's place in the list."), NU, NO),
    F("organisation", "notes", N_("Notes"), N_("Notes"), "", N_("Internal notes; not part of art. 30."), T, NO),
    F("activity", "register_kind", N_("Register"), N_("Register"), "art. 30(1), 30(2)", N_("Whether the activity belongs to the controller's or the processor's register."), EN, NO, e.RegisterKind),
    F("activity", "client_id", N_("Controller served"), N_("Controller served"), "art. 30(2)(a)", N_("The controller on whose behalf the processing is carried out."), LK, PROC),
    F("activity", "purpose", N_("Purpose"), N_("Purpose of the processing"), "art. 30(1)(b)", N_("Why the personal data are processed, as the notice says it."), T, CTRL),
    F("activity", "operations", N_("Processing"), N_("Processing operations"), "art. 30(1)(b), 30(2)(b)", N_("What is done with the data, one operation per line."), L, PROC),
    F("activity", "data_subjects", N_("Data subjects"), N_("Categories of data subjects"), "art. 30(1)(c)", N_("Whose personal data the activity processes."), LK, CTRL),
    F("activity", "personal_data", N_("Categories of personal data"), N_("Categories of personal data"), "art. 30(1)(c)", N_("Which kinds of personal data the activity processes."), LK, CTRL),
    F("activity", "sources", N_("Sources"), N_("Sources"), "art. 14(2)(f)", N_("Where the data come from when not from the data subject."), LK, NO),
    F("activity", "recipients", N_("Recipients"), N_("Recipients"), "art. 30(1)(d)", N_("Who receives the data: processors, other controllers, authorities."), LK, CTRL),
    F("activity", "transfers", N_("Transfers to third countries"), N_("Transfers to third countries"), "art. 30(1)(e), 30(2)(c)", N_("Transfers outside the EEA, from the recipients' transfers; read only here."), LK, BOTH),
    F("activity", "security_measures", N_("Security measures"), N_("Security measures"), "art. 30(1)(g), 30(2)(d)", N_("Technical and organisational measures (art. 32), where possible."), LK, BOTH),
    F("activity", "legal_basis", N_("Legal basis"), N_("Legal basis"), "art. 6(1)", N_("The basis in art. 6(1) for the processing."), EL, NO, e.LegalBasis),
    F("activity", "legal_basis_note", N_("Legal basis as written"), N_("Legal basis as written"), "art. 6(1)", N_("The basis in the notice's own words, when it says more than a letter."), T, NO),
    F("activity", "national_law", N_("National law"), N_("Supplementary legal basis in national law"), "art. 6(3)", N_("The law that lays down a legal obligation or public task (art. 6(3))."), T, NO),
    F("activity", "balancing_test", N_("Balancing test"), N_("Balancing test (footnote)"), "art. 6(1)(f)", N_("For legitimate interests: why they outweigh the data subjects' interests; printed as a footnote."), T, NO),
    F("activity", "consent_withdrawal", N_("How consent is withdrawn"), N_("How consent is withdrawn"), "art. 7(3)", N_("For consent: how the data subject withdraws it."), T, NO),
    F("activity", "special_condition", N_("Art. 9 condition"), N_("Condition for special categories (art. 9(2))"), "art. 9(2)", N_("The exception in art. 9(2) that allows special-category data."), EN, NO, e.SpecialCategoryCondition),
    F("activity", "special_condition_note", N_("Note on the art. 9(2) condition"), N_("Note on the art. 9(2) condition"), "art. 9(2)", N_("The national law or other detail behind the art. 9(2) condition."), T, NO),
    F("activity", "criminal_basis", N_("Art. 10 basis"), N_("Basis for criminal-offence data (art. 10)"), "art. 10", N_("The authority in law for data about criminal convictions and offences."), T, NO),
    F("activity", "national_id_justification", N_("National identity number"), N_("Need for the national identity number (§ 12)"), "personopplysningsloven § 12", N_("Why the national identity number is needed for secure identification."), T, NO),
    F("activity", "retention", N_("Retention"), N_("Retention"), "art. 30(1)(f)", N_("When the data are erased, as the notice says it, where possible."), T, CTRL),
    F("activity", "retention_duration", N_("Retention period"), N_("Retention period"), "art. 30(1)(f)", N_("How long the data are kept, as a number."), NU, NO),
    F("activity", "retention_unit", N_("Unit"), N_("Retention unit"), "art. 30(1)(f)", N_("Days, months or years."), EN, NO, e.DurationUnit),
    F("activity", "retention_trigger", N_("Counted from"), N_("Counted from"), "art. 30(1)(f)", N_("The event the retention period runs from."), EN, NO, e.RetentionTrigger),
    F("activity", "retention_legal_ref", N_("Retention required by"), N_("Legal requirement for retention"), "art. 30(1)(f)", N_("The law that requires keeping the data, e.g. the Bookkeeping Act."), T, NO),
    F("activity", "dpia_need", N_("DPIA needed"), N_("DPIA needed"), "art. 35", N_("Whether a data protection impact assessment is required."), EN, NO, e.DpiaNeed),
    F("activity", "dpia_status", N_("DPIA status"), N_("DPIA status"), "art. 35", N_("How far the impact assessment has come."), EN, NO, e.DpiaStatus),
    F("activity", "dpia_reference", N_("DPIA reference"), N_("DPIA reference"), "art. 35", N_("Where the impact assessment is filed."), T, NO),
    F("activity", "dpia_criteria", N_("DPIA criteria"), N_("DPIA criteria"), "art. 35(1)", N_("The Datatilsynet criteria the activity meets; two or more usually call for an assessment."), EL, NO, e.DpiaCriterion),
    F("activity", "responsible_unit", N_("Responsible unit"), N_("Owner (responsible unit)"), "art. 5(2)", N_("The part of the organisation that owns the activity."), T, NO),
    F("activity", "status", N_("Status"), N_("Status"), "", N_("Draft until the activity is approved."), EN, NO, e.ActivityStatus),
    F("activity", "last_reviewed", N_("Last reviewed"), N_("Last reviewed"), "art. 24(1)", N_("When the activity was last checked against reality."), D, NO),
    F("activity", "notes", N_("Notes"), N_("Notes"), "", N_("Internal notes; not part of art. 30."), T, NO),
    F("activity", "position", N_("Order"), N_("Order"), "", N_("The activity's place in the purpose table."), NU, NO),
    F("data_subject", "name", N_("Data subjects"), N_("Category of data subjects"), "art. 30(1)(c)", N_("A group of people whose data are processed, e.g. customers."), T, CTRL),
    F("data_subject", "description", N_("Description"), N_("Description"), "", N_("Who belongs to the group."), T, NO),
    F("data_subject", "position", N_("Order"), N_("Order"), "", N_("The category's place in the list."), NU, NO),
    F("personal_data", "name", N_("Category"), N_("Category of personal data"), "art. 30(1)(c)", N_("A kind of personal data, e.g. contact information."), T, CTRL),
    F("personal_data", "description", N_("Description"), N_("Description"), "", N_("What the category contains."), T, NO),
    F("personal_data", "special", N_("Special category (art. 9)"), N_("Special category (art. 9)"), "art. 9(1)", N_("Health, religion, ethnicity and the other kinds art. 9(1) protects."), B, NO),
    F("personal_data", "criminal", N_("Criminal offences (art. 10)"), N_("Criminal offences (art. 10)"), "art. 10", N_("Data about criminal convictions and offences."), B, NO),
    F("personal_data", "national_id", N_("National identity number"), N_("National identity number"), "personopplysningsloven § 12", N_("The category holds national identity numbers."), B, NO),
    F("personal_data", "position", N_("Order"), N_("Order"), "", N_("The category's place in the list."), NU, NO),
    F("source", "name", N_("Source"), N_("Source"), "art. 14(2)(f)", N_("Where data come from when not from the data subject."), T, NO),
    F("source", "description", N_("What it supplies"), N_("What the source supplies"), "art. 14(2)(f)", N_("Which data the source supplies."), T, NO),
    F("source", "position", N_("Order"), N_("Order"), "", N_("The source's place in the list."), NU, NO),
    F("recipient", "name", N_("Recipient"), N_("Recipient"), "art. 30(1)(d), 30(2)(a)", N_("Who receives personal data, by name or by category."), T, BOTH),
    F("recipient", "role", N_("Role"), N_("Role"), "art. 30(1)(d)", N_("Processor, independent or joint controller, authority or internal."), EN, CTRL, e.RecipientRole),
    F("recipient", "country", N_("Country"), N_("Country"), "art. 30(1)(e)", N_("Where the recipient processes the data."), C, NO),
    F("recipient", "service", N_("Service"), N_("Service"), "art. 28", N_("What the processor does for the organisation; processors are grouped by it."), T, NO),
    F("recipient", "description", N_("Description"), N_("Description"), "", N_("More about the recipient."), T, NO),
    F("recipient", "dpa_in_place", N_("Processor agreement"), N_("Data processing agreement"), "art. 28(3)", N_("Whether a data processing agreement is signed (processors only)."), B, NO),
    F("recipient", "dpa_date", N_("Agreement date"), N_("Agreement date"), "art. 28(3)", N_("When the data processing agreement was signed."), D, NO),
    F("recipient", "dpa_reference", N_("Agreement reference"), N_("Agreement reference"), "art. 28(3)", N_("Where the data processing agreement is filed."), T, NO),
    F("recipient", "purpose", N_("Purpose"), N_("Purpose of the disclosure"), "art. 30(1)(d)", N_("Why the data are disclosed to this recipient."), T, NO),
    F("recipient", "legal_basis", N_("Legal basis"), N_("Legal basis"), "art. 6(1)", N_("The basis in art. 6(1) for the disclosure."), EL, NO, e.LegalBasis),
    F("recipient", "legal_basis_note", N_("Legal basis as written"), N_("Legal basis as written"), "art. 6(1)", N_("The basis in the notice's own words."), T, NO),
    F("recipient", "balancing_test", N_("Balancing test"), N_("Balancing test (footnote)"), "art. 6(1)(f)", N_("For legitimate interests: why they outweigh the data subjects' interests; printed as a footnote."), T, NO),
    F("recipient", "personal_data", N_("Categories of personal data"), N_("Categories of personal data"), "art. 30(1)(c)", N_("Which kinds of personal data the recipient receives."), LK, NO),
    F("recipient", "position", N_("Order"), N_("Order"), "", N_("The recipient's place in the list."), NU, NO),
    F("transfer", "recipient_id", N_("Recipient"), N_("Recipient"), "art. 30(1)(e), 30(2)(c)", N_("The recipient in the third country."), LK, BOTH),
    F("transfer", "country", N_("Country"), N_("Third country"), "art. 30(1)(e), 30(2)(c)", N_("The third country or international organisation."), C, BOTH),
    F("transfer", "mechanism", N_("Transfer mechanism"), N_("Transfer mechanism"), "art. 44–49", N_("The chapter V ground for the transfer."), EN, NO, e.TransferMechanism),
    F("transfer", "dpf_certified", N_("Data Privacy Framework"), N_("Certified under the Data Privacy Framework"), "art. 45", N_("A US recipient is covered by the adequacy decision only when certified."), B, NO),
    F("transfer", "safeguards", N_("Safeguards"), N_("Safeguards"), "art. 30(1)(e), 30(2)(c)", N_("Documentation of suitable safeguards; required for art. 49(1) second subparagraph."), T, NO),
    F("transfer", "reference", N_("Reference"), N_("Reference"), "", N_("Where the transfer documents are filed."), T, NO),
    F("transfer", "position", N_("Order"), N_("Order"), "", N_("The transfer's place in the list."), NU, NO),
    F("security_measure", "kind", N_("Kind"), N_("Kind"), "art. 32(1)", N_("The kind of measure, as art. 32 lists them."), EN, NO, e.SecurityMeasureKind),
    F("security_measure", "name", N_("Measure"), N_("Measure"), "art. 30(1)(g), 30(2)(d)", N_("A technical or organisational security measure."), T, BOTH),
    F("security_measure", "description", N_("Description"), N_("Description"), "art. 30(1)(g), 30(2)(d)", N_("What the measure does."), T, NO),
    F("security_measure", "applies_to_all", N_("Applies to all activities"), N_("Applies to all activities"), "art. 30(1)(g), 30(2)(d)", N_("An organisation-wide measure counts for every activity."), B, NO),
    F("security_measure", "position", N_("Order"), N_("Order"), "", N_("The measure's place in the list."), NU, NO),
    F("client", "name", N_("Controller"), N_("Controller"), "art. 30(2)(a)", N_("A controller on whose behalf the organisation processes data."), T, PROC),
    F("client", "orgnr", N_("Organisation number"), N_("Organisation number"), "art. 30(2)(a)", N_("The controller's organisation number."), T, NO),
    F("client", "country", N_("Country"), N_("Country"), "art. 30(2)(a)", N_("Where the controller is established."), C, NO),
    F("client", "contact", N_("Contact details"), N_("Contact details"), "art. 30(2)(a)", N_("How to reach the controller."), T, PROC),
    F("client", "representative", N_("Representative"), N_("Representative"), "art. 30(2)(a)", N_("The controller's representative (art. 27), if any."), T, NO),
    F("client", "dpo", N_("Data protection officer"), N_("Data protection officer"), "art. 30(2)(a)", N_("The controller's data protection officer, if any."), T, NO),
    F("client", "position", N_("Order"), N_("Order"), "", N_("The controller's place in the list."), NU, NO),
    F("approver", "name", N_("Name"), N_("Name"), "", N_("Who approves the register on the board's behalf."), T, NO),
    F("approver", "role", N_("Role"), N_("Role"), "", N_("The approver's position, e.g. chair of the board."), T, NO),
    F("approver", "position", N_("Order"), N_("Order"), "", N_("The approver's place in the list."), NU, NO),
    F("change_log", "when", N_("When"), N_("When"), "art. 5(2)", N_("When the register changed."), D, NO),
    F("change_log", "text", N_("What"), N_("What"), "art. 5(2)", N_("What changed."), T, NO),
    F("change_log", "who", N_("Who"), N_("Who"), "art. 5(2)", N_("Who made the change (the user's name or login)."), T, NO),
    F("change_log", "position", N_("Order"), N_("Order"), "", N_("The entry's place in the log."), NU, NO),
    F("approval", "version", N_("Version"), N_("Version"), "art. 5(2)", N_("The approved version of the register."), NU, NO),
    F("approval", "approved_on", N_("Approved on"), N_("Approved on"), "art. 5(2)", N_("The day the board approved it."), D, NO),
    F("approval", "fingerprint", N_("Fingerprint (SHA-256)"), N_("Fingerprint (SHA-256)"), "art. 5(2)", N_("SHA-256 of the organisation's canonical JSON at approval."), T, NO),
    F("approval", "signed_file_sha256", N_("Signed file (SHA-256)"), N_("Signed file (SHA-256)"), "art. 5(2)", N_("SHA-256 of the signed PDF."), T, NO),
    F("approval", "snapshot", N_("Approved content"), N_("Approved content"), "art. 5(2)", N_("The canonical JSON that was approved, for the changes since."), T, NO),
    F("approval", "position", N_("Order"), N_("Order"), "", N_("The approval's place in the list."), NU, NO),
    F("approval", "signers", N_("Signed by"), N_("Signed by"), "art. 5(2)", N_("Who signed the approved register."), L, NO),
    # format version 2 (issue 13): legal depth
    F("approval", "open_errors", N_("Open errors when approved"), N_("Open errors when approved"), "art. 5(2)", N_("How many error findings were open when the register was approved."), NU, NO),
    F("organisation", "dpo_required", N_("Data protection officer required (art. 37)"), N_("Data protection officer required (art. 37)"), "art. 37(1)", N_("Whether art. 37(1) requires a data protection officer; not assessed until answered."), B, NO),
    F("organisation", "dpo_assessment", N_("Why no data protection officer is required"), N_("Why no data protection officer is required"), "art. 37(1)", N_("The reasoning when no data protection officer is appointed."), T, NO),
    F("organisation", "source_date", N_("Source date"), N_("Source date"), "", N_("The date of the notice or document the register was drawn from."), D, NO),
    F("organisation", "source_version", N_("Source version"), N_("Source version"), "", N_("The version of the notice or document the register was drawn from."), T, NO),
    F("data_subject", "employees", N_("Employees"), N_("Employees"), "art. 35(1)", N_("The group is the organisation's employees (a DPIA criterion)."), B, NO),
    F("data_subject", "children", N_("Children"), N_("Children"), "art. 8, 35(1)", N_("The group includes children (a DPIA criterion)."), B, NO),
    F("data_subject", "vulnerable", N_("Patients or other vulnerable groups"), N_("Patients or other vulnerable groups"), "art. 35(1)", N_("The group includes patients or other vulnerable people (a DPIA criterion)."), B, NO),
    F("personal_data", "location", N_("Location or movement data"), N_("Location or movement data"), "art. 35(1)", N_("The category tracks where people are (a DPIA criterion)."), B, NO),
    F("personal_data", "financial", N_("Financial or credit data"), N_("Financial or credit data"), "art. 35(1)", N_("Financial or credit information (highly personal data)."), B, NO),
    F("personal_data", "communications", N_("Content of communications"), N_("Content of communications"), "art. 35(1)", N_("The content of e-mails, messages or calls (highly personal data)."), B, NO),
    F("personal_data", "retention", N_("Retention"), N_("Retention of this category"), "art. 30(1)(f)", N_("When this category is erased, where it differs from the activity's retention."), T, NO),
    F("personal_data", "retention_duration", N_("Retention period"), N_("Retention period"), "art. 30(1)(f)", N_("How long this category is kept, as a number."), NU, NO),
    F("personal_data", "retention_unit", N_("Unit"), N_("Retention unit"), "art. 30(1)(f)", N_("Days, months or years."), EN, NO, e.DurationUnit),
    F("personal_data", "retention_trigger", N_("Counted from"), N_("Counted from"), "art. 30(1)(f)", N_("The event the retention period runs from."), EN, NO, e.RetentionTrigger),
    F("personal_data", "deletion_method", N_("When retention ends"), N_("When retention ends"), "art. 5(1)(e)", N_("Delete, anonymise or return the data when the period ends."), EN, NO, e.DeletionMethod),
    F("personal_data", "retention_reason", N_("Why kept longer"), N_("Why kept longer"), "art. 5(1)(e)", N_("Why this category is kept longer than the activity's retention."), T, NO),
    F("recipient", "disclosure_law", N_("Law for the disclosure"), N_("Law for the disclosure"), "art. 6(1)(c), 6(3)", N_("The law that requires the disclosure, for disclosures under a legal obligation."), T, NO),
    F("recipient", "on_request_only", N_("Only on request or when required by law"), N_("Only on request or when required by law"), "art. 30(1)(d)", N_("Data are disclosed only when the recipient asks or the law requires it."), B, NO),
    F("recipient", "arrangement_covers", N_("Arrangement covers (art. 26)"), N_("Arrangement covers (art. 26)"), "art. 26(1)", N_("What the joint controllers' arrangement covers."), T, NO),
    F("recipient", "arrangement_contact", N_("Answers data subjects' requests"), N_("Answers data subjects' requests"), "art. 26(1)", N_("Which joint controller answers the data subjects' requests."), T, NO),
    F("recipient", "arrangement_reference", N_("Arrangement reference"), N_("Arrangement reference"), "art. 26(2)", N_("Where the arrangement is filed."), T, NO),
    F("recipient", "arrangement_date", N_("Arrangement date"), N_("Arrangement date"), "art. 26(2)", N_("When the arrangement was made."), D, NO),
    F("transfer", "other_mechanisms", N_("Other transfer mechanisms"), N_("Other transfer mechanisms"), "art. 44–49", N_("Further chapter V grounds the transfer rests on."), EL, NO, e.TransferMechanism),
    F("transfer", "recipients", N_("Other recipients"), N_("Other recipients"), "art. 30(1)(e)", N_("Further recipients in the same third country under the same transfer."), LK, NO),
    F("activity", "legal_bases", N_("Legal bases for parts of the processing"), N_("Legal bases for parts of the processing"), "art. 6(1)", N_("When parts of the activity rest on different bases: each basis and the part it covers."), L, NO),
    F("activity", "large_scale", N_("Large scale"), N_("Large scale"), "art. 35(3)", N_("Many people, much data, long or wide processing (a DPIA criterion)."), B, NO),
    F("activity", "systematic_monitoring", N_("Systematic monitoring"), N_("Systematic monitoring"), "art. 35(3)(c)", N_("Observing or tracking people systematically (a DPIA criterion)."), B, NO),
    F("activity", "automated_decisions", N_("Automated decisions or profiling (art. 22)"), N_("Automated decisions or profiling (art. 22)"), "art. 22, 35(3)(a)", N_("Decisions with legal or similar effect made without a person, or profiling."), B, NO),
    F("activity", "new_technology", N_("New technology"), N_("New technology"), "art. 35(1)", N_("New or innovative technology (a DPIA criterion)."), B, NO),
    F("activity", "combines_datasets", N_("Combines datasets"), N_("Combines datasets"), "art. 35(1)", N_("Matching or combining datasets from different sources (a DPIA criterion)."), B, NO),
    F("activity", "direct_marketing", N_("Direct marketing"), N_("Direct marketing"), "art. 21(2)", N_("The activity markets directly to people; they may always object (art. 21(2))."), B, NO),
    F("activity", "marketing_channels", N_("Marketing channels"), N_("Marketing channels"), "markedsføringsloven § 15", N_("E-mail and SMS marketing need consent or the customer exception."), EL, NO, e.MarketingChannel),
    F("activity", "marketing_customer_exception", N_("Customer exception (markedsføringsloven § 15)"), N_("Customer exception (markedsføringsloven § 15)"), "markedsføringsloven § 15", N_("Electronic marketing to existing customers for similar products, with an easy way to say no."), B, NO),
    F("activity", "tracking_technology", N_("Cookies or similar technology"), N_("Cookies or similar technology"), "ekomloven § 3-15", N_("The activity stores or reads information on the user's device."), B, NO),
    F("activity", "tracking_purposes", N_("Cookie purposes"), N_("Cookie purposes"), "ekomloven § 3-15", N_("What the cookies are for; all but strictly necessary ones need consent."), EL, NO, e.TrackingPurpose),
    F("activity", "dpia_answers", N_("DPIA screening answers"), N_("DPIA screening answers"), "art. 35", N_("The user's confirmations or overrides of the screening's pre-filled answers."), L, NO),
    F("activity", "dpia_need_reason", N_("Reason for the DPIA decision"), N_("Reason for the DPIA decision"), "art. 35", N_("Why a DPIA is or is not needed."), T, NO),
    F("activity", "dpia_date", N_("DPIA date"), N_("DPIA date"), "art. 35", N_("When the DPIA was carried out."), D, NO),
    F("legal_basis_entry", "basis", N_("Legal basis"), N_("Legal basis"), "art. 6(1)", N_("The art. 6(1) letter for this part."), EN, NO, e.LegalBasis),
    F("legal_basis_entry", "covers", N_("Part of the processing it covers"), N_("Part of the processing it covers"), "art. 6(1)", N_("Which operations or categories rest on this basis."), T, NO),
    F("legal_basis_entry", "national_law", N_("National law"), N_("Supplementary legal basis in national law"), "art. 6(3)", N_("The law for a legal obligation or public task."), T, NO),
    F("legal_basis_entry", "balancing_test", N_("Balancing test"), N_("Balancing test (footnote)"), "art. 6(1)(f)", N_("For legitimate interests: the balancing test; printed as a footnote."), T, NO),
    F("legal_basis_entry", "consent_record", N_("How consent is recorded"), N_("How consent is recorded"), "art. 7(1)", N_("How the organisation can show that consent was given."), T, NO),
    F("legal_basis_entry", "consent_withdrawal", N_("How consent is withdrawn"), N_("How consent is withdrawn"), "art. 7(3)", N_("How the data subject withdraws consent."), T, NO),
    F("dpia_answer", "criterion", N_("Screening question"), N_("Screening question"), "art. 35", N_("A WP248 criterion or an item of Datatilsynet's list."), EN, NO, e.DpiaCriterion),
    F("dpia_answer", "applies", N_("Applies"), N_("Applies"), "art. 35", N_("The user's answer, overriding what the screening derives from the data."), B, NO),
    F("dpia_answer", "note", N_("Note on the answer"), N_("Note on the answer"), "art. 35", N_("Why the answer is what it is."), T, NO),
)
# fmt: on

FIELDS: Mapping[tuple[str, str], FieldInfo] = {f.id: f for f in CATALOGUE}

# The order in which each face shows fields; every id is in FIELDS.
# fmt: off
FACES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "purpose_table": (("activity", "purpose"), ("activity", "operations"), ("activity", "personal_data"), ("activity", "legal_basis"), ("activity", "retention")),
    "activity_detail": (("activity", "client_id"), ("activity", "data_subjects"), ("activity", "sources"), ("activity", "recipients"), ("activity", "security_measures"), ("activity", "transfers"), ("activity", "balancing_test"), ("activity", "legal_basis_note"), ("activity", "legal_bases"), ("activity", "national_law"), ("activity", "consent_withdrawal"), ("activity", "special_condition_note"), ("activity", "criminal_basis"), ("activity", "national_id_justification"), ("activity", "retention_duration"), ("activity", "retention_unit"), ("activity", "retention_trigger"), ("activity", "retention_legal_ref"), ("activity", "large_scale"), ("activity", "systematic_monitoring"), ("activity", "automated_decisions"), ("activity", "new_technology"), ("activity", "combines_datasets"), ("activity", "direct_marketing"), ("activity", "marketing_channels"), ("activity", "marketing_customer_exception"), ("activity", "tracking_technology"), ("activity", "tracking_purposes"), ("activity", "dpia_answers"), ("activity", "dpia_need"), ("activity", "dpia_need_reason"), ("activity", "dpia_status"), ("activity", "dpia_reference"), ("activity", "dpia_date"), ("activity", "responsible_unit"), ("activity", "status"), ("activity", "last_reviewed"), ("activity", "notes")),
    "sharing_table": (("recipient", "name"), ("recipient", "role"), ("recipient", "purpose"), ("recipient", "personal_data"), ("recipient", "legal_basis"), ("recipient", "country"), ("recipient", "dpa_in_place"), ("recipient", "disclosure_law"), ("recipient", "on_request_only"), ("recipient", "arrangement_covers"), ("recipient", "arrangement_contact"), ("recipient", "arrangement_reference"), ("recipient", "arrangement_date")),
    "processor_table": (("recipient", "name"), ("recipient", "service"), ("recipient", "country"), ("recipient", "dpa_in_place"), ("recipient", "dpa_date"), ("recipient", "description")),
    "transfer_table": (("transfer", "recipient_id"), ("transfer", "country"), ("transfer", "mechanism"), ("transfer", "other_mechanisms"), ("transfer", "dpf_certified"), ("transfer", "safeguards"), ("transfer", "reference"), ("transfer", "recipients")),
    "security_table": (("security_measure", "kind"), ("security_measure", "name"), ("security_measure", "description"), ("security_measure", "applies_to_all")),
    "personal_data_table": (("personal_data", "name"), ("personal_data", "description"), ("personal_data", "special"), ("personal_data", "criminal"), ("personal_data", "national_id"), ("personal_data", "location"), ("personal_data", "financial"), ("personal_data", "communications"), ("personal_data", "retention"), ("personal_data", "retention_duration"), ("personal_data", "retention_unit"), ("personal_data", "retention_trigger"), ("personal_data", "deletion_method"), ("personal_data", "retention_reason")),
    "data_subject_table": (("data_subject", "name"), ("data_subject", "description"), ("data_subject", "employees"), ("data_subject", "children"), ("data_subject", "vulnerable")),
    "source_table": (("source", "name"), ("source", "description")),
    "change_log_table": (("change_log", "when"), ("change_log", "text")),
    "client_table": (("client", "name"), ("client", "orgnr"), ("client", "country"), ("client", "contact"), ("client", "representative"), ("client", "dpo")),
    "organisation_detail": (("organisation", "name"), ("organisation", "orgnr"), ("organisation", "country"), ("organisation", "address"), ("organisation", "email"), ("organisation", "phone"), ("organisation", "contact_person"), ("organisation", "dpo_name"), ("organisation", "dpo_contact"), ("organisation", "representative_name"), ("organisation", "representative_contact"), ("organisation", "joint_controllers"), ("organisation", "is_controller"), ("organisation", "is_processor"), ("organisation", "dpo_required"), ("organisation", "dpo_assessment"), ("organisation", "source_date"), ("organisation", "source_version"), ("organisation", "notes")),
    # The workbook's sheets (and the print-out's tables below), column by column; the layout adds the hidden id
    # columns. The sharing and processor sheets show the activity's derived transfers column.
    "workbook_purposes": (("activity", "purpose"), ("activity", "operations"), ("activity", "data_subjects"), ("activity", "personal_data"), ("activity", "legal_basis"), ("activity", "legal_basis_note"), ("activity", "special_condition"), ("activity", "retention"), ("activity", "sources"), ("activity", "recipients"), ("activity", "transfers"), ("activity", "security_measures"), ("activity", "dpia_need"), ("activity", "responsible_unit"), ("activity", "status"), ("activity", "last_reviewed"), ("activity", "balancing_test"), ("activity", "national_law"), ("activity", "consent_withdrawal"), ("activity", "special_condition_note"), ("activity", "criminal_basis"), ("activity", "national_id_justification"), ("activity", "retention_duration"), ("activity", "retention_unit"), ("activity", "retention_trigger"), ("activity", "retention_legal_ref"), ("activity", "dpia_status"), ("activity", "dpia_reference"), ("activity", "dpia_criteria"), ("activity", "large_scale"), ("activity", "systematic_monitoring"), ("activity", "automated_decisions"), ("activity", "new_technology"), ("activity", "combines_datasets"), ("activity", "direct_marketing"), ("activity", "marketing_channels"), ("activity", "marketing_customer_exception"), ("activity", "tracking_technology"), ("activity", "tracking_purposes"), ("activity", "dpia_need_reason"), ("activity", "dpia_date"), ("activity", "notes")),
    "workbook_processing": (("activity", "purpose"), ("activity", "client_id"), ("activity", "operations"), ("activity", "data_subjects"), ("activity", "personal_data"), ("activity", "legal_basis"), ("activity", "legal_basis_note"), ("activity", "special_condition"), ("activity", "retention"), ("activity", "sources"), ("activity", "recipients"), ("activity", "transfers"), ("activity", "security_measures"), ("activity", "dpia_need"), ("activity", "responsible_unit"), ("activity", "status"), ("activity", "last_reviewed"), ("activity", "balancing_test"), ("activity", "national_law"), ("activity", "consent_withdrawal"), ("activity", "special_condition_note"), ("activity", "criminal_basis"), ("activity", "national_id_justification"), ("activity", "retention_duration"), ("activity", "retention_unit"), ("activity", "retention_trigger"), ("activity", "retention_legal_ref"), ("activity", "dpia_status"), ("activity", "dpia_reference"), ("activity", "dpia_criteria"), ("activity", "large_scale"), ("activity", "systematic_monitoring"), ("activity", "automated_decisions"), ("activity", "new_technology"), ("activity", "combines_datasets"), ("activity", "direct_marketing"), ("activity", "marketing_channels"), ("activity", "marketing_customer_exception"), ("activity", "tracking_technology"), ("activity", "tracking_purposes"), ("activity", "dpia_need_reason"), ("activity", "dpia_date"), ("activity", "notes")),
    "workbook_sharing": (("recipient", "name"), ("recipient", "role"), ("recipient", "purpose"), ("recipient", "personal_data"), ("recipient", "legal_basis"), ("recipient", "legal_basis_note"), ("recipient", "country"), ("activity", "transfers"), ("recipient", "balancing_test"), ("recipient", "service"), ("recipient", "description"), ("recipient", "dpa_in_place"), ("recipient", "dpa_date"), ("recipient", "dpa_reference"), ("recipient", "disclosure_law"), ("recipient", "on_request_only"), ("recipient", "arrangement_covers"), ("recipient", "arrangement_contact"), ("recipient", "arrangement_reference"), ("recipient", "arrangement_date")),
    "workbook_processors": (("recipient", "service"), ("recipient", "name"), ("recipient", "description"), ("recipient", "country"), ("recipient", "dpa_in_place"), ("recipient", "dpa_date"), ("recipient", "dpa_reference"), ("activity", "transfers"), ("recipient", "role"), ("recipient", "purpose"), ("recipient", "personal_data"), ("recipient", "legal_basis"), ("recipient", "legal_basis_note"), ("recipient", "balancing_test"), ("recipient", "disclosure_law"), ("recipient", "on_request_only"), ("recipient", "arrangement_covers"), ("recipient", "arrangement_contact"), ("recipient", "arrangement_reference"), ("recipient", "arrangement_date")),
    "workbook_clients": (("client", "name"), ("client", "orgnr"), ("client", "country"), ("client", "contact"), ("client", "representative"), ("client", "dpo")),
    "workbook_transfers": (("transfer", "recipient_id"), ("transfer", "country"), ("transfer", "mechanism"), ("transfer", "dpf_certified"), ("transfer", "safeguards"), ("transfer", "reference"), ("transfer", "other_mechanisms"), ("transfer", "recipients")),
    "workbook_security": (("security_measure", "name"), ("security_measure", "kind"), ("security_measure", "description"), ("security_measure", "applies_to_all")),
    "workbook_subjects": (("data_subject", "name"), ("data_subject", "description"), ("data_subject", "employees"), ("data_subject", "children"), ("data_subject", "vulnerable")),
    "workbook_data": (("personal_data", "name"), ("personal_data", "description"), ("personal_data", "special"), ("personal_data", "criminal"), ("personal_data", "national_id"), ("personal_data", "location"), ("personal_data", "financial"), ("personal_data", "communications"), ("personal_data", "retention"), ("personal_data", "retention_duration"), ("personal_data", "retention_unit"), ("personal_data", "retention_trigger"), ("personal_data", "deletion_method"), ("personal_data", "retention_reason")),
    "workbook_sources": (("source", "name"), ("source", "description")),
    "workbook_approvers": (("approver", "name"), ("approver", "role")),
    "workbook_change_log": (("change_log", "when"), ("change_log", "text")),
    "workbook_organisation": (("organisation", "name"), ("organisation", "orgnr"), ("organisation", "address"), ("organisation", "country"), ("organisation", "email"), ("organisation", "phone"), ("organisation", "contact_person"), ("organisation", "dpo_name"), ("organisation", "dpo_contact"), ("organisation", "representative_name"), ("organisation", "representative_contact"), ("organisation", "joint_controllers"), ("organisation", "is_controller"), ("organisation", "is_processor"), ("organisation", "dpo_required"), ("organisation", "dpo_assessment"), ("organisation", "source_date"), ("organisation", "source_version"), ("organisation", "notes")),
    "workbook_legal_bases": (("legal_basis_entry", "basis"), ("legal_basis_entry", "covers"), ("legal_basis_entry", "national_law"), ("legal_basis_entry", "balancing_test"), ("legal_basis_entry", "consent_record"), ("legal_basis_entry", "consent_withdrawal")),
    "workbook_dpia_answers": (("dpia_answer", "criterion"), ("dpia_answer", "applies"), ("dpia_answer", "note")),
    # The board PDF's tables (the purpose table prints "purpose_table"); a table's other columns are not fields.
    "print_sharing": (("recipient", "name"), ("recipient", "purpose"), ("recipient", "personal_data"), ("recipient", "legal_basis")),
    "print_processors": (("recipient", "service"), ("recipient", "name"), ("recipient", "country"), ("recipient", "description"), ("recipient", "dpa_in_place")),
    "print_transfers": (("transfer", "recipient_id"), ("transfer", "country"), ("transfer", "mechanism"), ("transfer", "safeguards"), ("transfer", "reference")),
    "print_security": (("security_measure", "kind"), ("security_measure", "name"), ("security_measure", "description")),
}
# fmt: on

# Headings older workbooks used for the same fields: never written, still read back by the import,
# so a workbook exported before the catalogue imports. One entry per line.
# fmt: off
FORMER_HEADINGS: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("activity", "balancing_test"): (N_("Balancing test (legitimate interests)"),),
    ("activity", "client_id"): (N_("Controller"),),
    ("activity", "consent_withdrawal"): (N_("Withdrawal of consent"),),
    ("activity", "dpia_need"): (N_("DPIA"),),
    ("activity", "legal_basis_note"): (N_("Legal basis, note"),),
    ("activity", "national_id_justification"): (N_("National identity number, justification"),),
    ("activity", "retention_legal_ref"): (N_("Retention, legal reference"),),
    ("activity", "retention_unit"): (N_("Retention unit"),),
    ("activity", "special_condition_note"): (N_("Art. 9 condition, note"),),
    ("activity", "transfers"): (N_("Transfers and safeguards"),),
    ("client", "contact"): (N_("Contact"),),
    ("client", "orgnr"): (N_("Org. no."),),
    ("personal_data", "name"): (N_("Categories of personal data"),),
    ("recipient", "balancing_test"): (N_("Balancing test (legitimate interests)"),),
    ("recipient", "legal_basis_note"): (N_("Legal basis, note"),),
    ("recipient", "name"): (N_("Processor"),),
    ("security_measure", "applies_to_all"): (N_("All activities"),),
    ("source", "description"): (N_("What the source supplies"),),
}
# fmt: on

# (entity, field) -> heading msgid: the short form every face uses for a column or an undo text.
# ("*", field) answers for any entity that has no entry of its own.
FIELD_LABELS: dict[tuple[str, str], str] = {f.id: f.heading for f in CATALOGUE}
FIELD_LABELS.update(
    {("*", "name"): N_("Name"), ("*", "description"): N_("Description"), ("*", "position"): N_("Order")}
)


def field_info(entity: str, field: str) -> FieldInfo:
    """The catalogue entry of ``field`` on ``entity`` (KeyError when the catalogue lacks it)."""
    return FIELDS[entity, field]


def field_label(entity: str, field: str, translator: Translator | None = None) -> str:
    """The translated short heading of ``field`` on ``entity``; the field's identifier if it has none."""
    tr = translator or current()
    msgid = FIELD_LABELS.get((entity, field)) or FIELD_LABELS.get(("*", field))
    return tr.gettext(msgid) if msgid else field


def long_label(entity: str, field: str, translator: Translator | None = None) -> str:
    """The translated long heading (detail pane, help) of ``field`` on ``entity``."""
    tr = translator or current()
    info = FIELDS.get((entity, field))
    return tr.gettext(info.long) if info else field_label(entity, field, tr)


_PARAGRAPH = re.compile(r"(\d+)\((\d+)\)(?:\(([a-z])\))?")


def cite(article: str, translator: Translator | None = None) -> str:
    """An article reference as the language writes it: "art. 30(1)(f)" is "art. 30 nr. 1 bokstav f" in Bokmål."""
    tr = translator or current()
    if tr.language != "nb":
        return article

    def bokmal(match: re.Match[str]) -> str:
        number, paragraph, letter = match.groups()
        return f"{number} nr. {paragraph}" + (f" bokstav {letter}" if letter else "")

    return _PARAGRAPH.sub(bokmal, article)


def tooltip(entity: str, field: str, translator: Translator | None = None) -> str:
    """The field's tooltip: its long heading with the article that asks for it, then the one-line help."""
    tr = translator or current()
    info = FIELDS.get((entity, field))
    if info is None:
        return ""
    heading = tr.gettext(info.long)
    first = f"{heading} ({cite(info.article, tr)})" if info.article else heading
    return f"{first}\n{tr.gettext(info.help)}"


def face(name: str) -> tuple[FieldInfo, ...]:
    """The fields one face shows, in its order."""
    return tuple(FIELDS[key] for key in FACES[name])


def is_required(entity: str, field: str, register_kind: str) -> bool:
    """Whether art. 30 requires ``field`` in the controller's or the processor's register."""
    info = FIELDS.get((entity, field))
    if info is None:
        return False
    wanted = Required.PROCESSOR if register_kind == e.RegisterKind.PROCESSOR else Required.CONTROLLER
    return bool(info.required & wanted)


__all__ = [
    "CATALOGUE",
    "FACES",
    "FIELDS",
    "FIELD_LABELS",
    "FORMER_HEADINGS",
    "FieldInfo",
    "FieldKind",
    "Required",
    "cite",
    "face",
    "field_info",
    "field_label",
    "is_required",
    "long_label",
    "tooltip",
]
