"""Where each rule's findings point: the record kind and the field the user must fix.

The editor (and any other face) takes a finding to this place: the
organisation dialog's field, the purpose table's column or the detail pane's
field, or a catalogue table's column. ``field`` "" means the catalogue as a
whole (no security measures at all: the Security measures table). Every rule
has an entry; ``tests/core/test_checks.py`` keeps it so.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    entity: str  # "organisation", "activity", "recipient", "transfer", "security_measure", ...
    field: str


RULE_LOCATIONS: dict[str, Location] = {
    "organisation.contact.missing": Location("organisation", "address"),
    "organisation.orgnr.missing": Location("organisation", "orgnr"),
    "organisation.orgnr.invalid": Location("organisation", "orgnr"),
    "organisation.security_measures.missing": Location("security_measure", ""),
    "activity.purpose.missing": Location("activity", "purpose"),
    "activity.personal_data.missing": Location("activity", "personal_data"),
    "activity.data_subjects.missing": Location("activity", "data_subjects"),
    "activity.legal_basis.missing": Location("activity", "legal_basis"),
    "activity.national_law.missing": Location("activity", "national_law"),
    "activity.retention.missing": Location("activity", "retention"),
    "activity.retention.vague": Location("activity", "retention"),
    "activity.special_condition.missing": Location("activity", "special_condition"),
    "activity.criminal_basis.missing": Location("activity", "criminal_basis"),
    "activity.national_id_justification.missing": Location("activity", "national_id_justification"),
    "activity.balancing_test.missing": Location("activity", "balancing_test"),
    "activity.consent_withdrawal.missing": Location("activity", "consent_withdrawal"),
    "activity.security_measures.missing": Location("activity", "security_measures"),
    "activity.dpia.missing": Location("activity", "dpia_status"),
    "activity.review.overdue": Location("activity", "last_reviewed"),
    "activity.review.missing": Location("activity", "last_reviewed"),
    "activity.client.missing": Location("activity", "client_id"),
    "recipient.dpa.missing": Location("recipient", "dpa_in_place"),
    "recipient.sharing.incomplete": Location("recipient", "purpose"),
    "recipient.balancing_test.missing": Location("recipient", "balancing_test"),
    "recipient.transfer.missing": Location("recipient", "country"),
    "transfer.mechanism.missing": Location("transfer", "mechanism"),
    "transfer.country.missing": Location("transfer", "country"),
    "transfer.adequacy.invalid": Location("transfer", "mechanism"),
    "transfer.derogation.safeguards_missing": Location("transfer", "safeguards"),
    # the consultant's rules (issue 13)
    "activity.cookies.consent": Location("activity", "tracking_purposes"),
    "activity.dpia.indicated": Location("activity", "dpia_need"),
    "activity.marketing.basis": Location("activity", "legal_basis"),
    "activity.national_law.invalid": Location("activity", "national_law"),
    "activity.retention.category_conflict": Location("personal_data", "retention_reason"),
    "category.unused": Location("personal_data", "name"),
    "joint_controller.arrangement.missing": Location("recipient", "arrangement_covers"),
    "organisation.dpo.assessment.missing": Location("organisation", "dpo_required"),
    "organisation.security.generic": Location("security_measure", "description"),
    "recipient.country.unknown": Location("recipient", "country"),
    "recipient.law.missing": Location("recipient", "disclosure_law"),
    "recipient.named_by_type": Location("recipient", "name"),
    "recipient.role.unclear": Location("recipient", "role"),
}


def location_of(rule_id: str, entity: str, field: str) -> Location:
    """A finding's place: what it names itself (a rule may point at a more exact field), else its rule's."""
    if entity and field:
        return Location(entity, field)
    return RULE_LOCATIONS.get(rule_id, Location(entity, field))
