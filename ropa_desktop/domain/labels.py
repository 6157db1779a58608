"""What users see for the register's closed vocabularies, and the footnote marks.

Every enum value has one English msgid here (marked with ``N_`` so the
catalogue picks it up); :func:`label` translates it with the translator the
caller passes, so the UI, the PDF and the Excel export say the same thing in
the language each needs. :func:`value_for_label` reads a label back (imports).

:func:`footnotes` numbers the legitimate-interest balancing tests ¹ ² ³ the way
published notices do: in table order over the activities, then over the
sharing-table recipients; identical texts share one number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from ropa_desktop import i18n
from ropa_desktop.domain import enums as e
from ropa_desktop.i18n import N_, Translator, current

if TYPE_CHECKING:
    from ropa_desktop.domain.register import OrganisationRegister

_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (e.RegisterKind.CONTROLLER, N_("Controller")),
    (e.RegisterKind.PROCESSOR, N_("Processor")),
    (e.LegalBasis.CONSENT, N_("Consent")),
    (e.LegalBasis.CONTRACT, N_("Performance of a contract")),
    (e.LegalBasis.LEGAL_OBLIGATION, N_("Legal obligation")),
    (e.LegalBasis.VITAL_INTERESTS, N_("Vital interests")),
    (e.LegalBasis.PUBLIC_INTEREST, N_("Public interest or official authority")),
    (e.LegalBasis.LEGITIMATE_INTERESTS, N_("Legitimate interests")),
    (e.SpecialCategoryCondition.EXPLICIT_CONSENT, N_("Explicit consent (art. 9(2)(a))")),
    (e.SpecialCategoryCondition.EMPLOYMENT_LAW, N_("Employment and social security law (art. 9(2)(b))")),
    (e.SpecialCategoryCondition.VITAL_INTERESTS, N_("Vital interests (art. 9(2)(c))")),
    (e.SpecialCategoryCondition.NOT_FOR_PROFIT, N_("Not-for-profit body (art. 9(2)(d))")),
    (e.SpecialCategoryCondition.MANIFESTLY_PUBLIC, N_("Made manifestly public (art. 9(2)(e))")),
    (e.SpecialCategoryCondition.LEGAL_CLAIMS, N_("Legal claims (art. 9(2)(f))")),
    (e.SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST, N_("Substantial public interest (art. 9(2)(g))")),
    (e.SpecialCategoryCondition.HEALTH_CARE, N_("Health or social care (art. 9(2)(h))")),
    (e.SpecialCategoryCondition.PUBLIC_HEALTH, N_("Public health (art. 9(2)(i))")),
    (e.SpecialCategoryCondition.ARCHIVING_RESEARCH, N_("Archiving, research or statistics (art. 9(2)(j))")),
    (e.RecipientRole.PROCESSOR, N_("Processor")),
    (e.RecipientRole.INDEPENDENT_CONTROLLER, N_("Independent controller")),
    (e.RecipientRole.JOINT_CONTROLLER, N_("Joint controller")),
    (e.RecipientRole.PUBLIC_AUTHORITY, N_("Public authority")),
    (e.RecipientRole.INTERNAL, N_("Internal")),
    (e.RecipientRole.TO_CLARIFY, N_("To be clarified")),
    (e.TransferMechanism.ADEQUACY, N_("Adequacy decision (art. 45)")),
    (e.TransferMechanism.SCC, N_("Standard contractual clauses (art. 46)")),
    (e.TransferMechanism.BCR, N_("Binding corporate rules (art. 47)")),
    (e.TransferMechanism.CODE_OF_CONDUCT, N_("Approved code of conduct (art. 46)")),
    (e.TransferMechanism.CERTIFICATION, N_("Approved certification (art. 46)")),
    (e.TransferMechanism.DEROGATION, N_("Derogation (art. 49)")),
    (e.RetentionTrigger.END_OF_CONTRACT, N_("End of contract")),
    (e.RetentionTrigger.ACCOUNT_INACTIVE, N_("Account inactive")),
    (e.RetentionTrigger.CONSENT_WITHDRAWN, N_("Consent withdrawn")),
    (e.RetentionTrigger.END_OF_FINANCIAL_YEAR, N_("End of financial year")),
    (e.RetentionTrigger.CASE_CLOSED, N_("Case closed")),
    (e.RetentionTrigger.COLLECTION, N_("Collection")),
    (e.RetentionTrigger.OTHER, N_("Other event")),
    (e.DurationUnit.DAYS, N_("days")),
    (e.DurationUnit.MONTHS, N_("months")),
    (e.DurationUnit.YEARS, N_("years")),
    (e.DpiaNeed.UNASSESSED, N_("Not assessed")),
    (e.DpiaNeed.NOT_NEEDED, N_("Not needed")),
    (e.DpiaNeed.NEEDED, N_("Needed")),
    (e.DpiaNeed.RECOMMENDED, N_("Recommended")),
    (e.DpiaStatus.NOT_STARTED, N_("Not started")),
    (e.DpiaStatus.IN_PROGRESS, N_("In progress")),
    (e.DpiaStatus.DONE, N_("Done")),
    (e.DpiaCriterion.EVALUATION_SCORING, N_("Evaluation or scoring")),
    (e.DpiaCriterion.AUTOMATED_DECISIONS, N_("Automated decisions with legal or similar effect")),
    (e.DpiaCriterion.SYSTEMATIC_MONITORING, N_("Systematic monitoring")),
    (e.DpiaCriterion.SENSITIVE_DATA, N_("Sensitive or highly personal data")),
    (e.DpiaCriterion.LARGE_SCALE, N_("Large scale")),
    (e.DpiaCriterion.MATCHING_DATASETS, N_("Matching or combining datasets")),
    (e.DpiaCriterion.VULNERABLE_SUBJECTS, N_("Vulnerable data subjects")),
    (e.DpiaCriterion.INNOVATIVE_TECHNOLOGY, N_("Innovative technology")),
    (e.DpiaCriterion.PREVENTS_RIGHTS, N_("Prevents exercising a right or using a service")),
    (e.DpiaListItem.THIRD_PARTY_DATA, N_("Data from third parties, with one more criterion")),
    (e.DpiaListItem.EMPLOYEE_MONITORING, N_("Systematic monitoring of employees")),
    (e.DpiaListItem.LOCATION_DATA, N_("Location data, with one more criterion")),
    (e.DpiaListItem.INNOVATIVE_TECHNOLOGY_COMBINED, N_("Innovative technology, with one more criterion")),
    (e.DpiaListItem.LARGE_SCALE_SENSITIVE, N_("Special categories or criminal-offence data on a large scale")),
    (e.DpiaListItem.RESEARCH_WITHOUT_CONSENT, N_("Research or archiving without consent, with one more criterion")),
    (e.DeletionMethod.DELETE, N_("Delete")),
    (e.DeletionMethod.ANONYMISE, N_("Anonymise")),
    (e.DeletionMethod.RETURN, N_("Return to the controller")),
    (e.MarketingChannel.EMAIL, N_("E-mail")),
    (e.MarketingChannel.SMS, N_("SMS")),
    (e.MarketingChannel.PHONE, N_("Telephone")),
    (e.MarketingChannel.POST, N_("Post")),
    (e.MarketingChannel.SOCIAL_MEDIA, N_("Social media")),
    (e.MarketingChannel.OTHER, N_("Other channel")),
    (e.TrackingPurpose.NECESSARY, N_("Strictly necessary")),
    (e.TrackingPurpose.PREFERENCES, N_("Preferences")),
    (e.TrackingPurpose.ANALYTICS, N_("Analytics")),
    (e.TrackingPurpose.MARKETING, N_("Marketing")),
    (e.ActivityStatus.DRAFT, N_("Draft")),
    (e.ActivityStatus.APPROVED, N_("Approved")),
    (e.SecurityMeasureKind.ACCESS_CONTROL, N_("Access control")),
    (e.SecurityMeasureKind.ENCRYPTION, N_("Encryption")),
    (e.SecurityMeasureKind.LOGGING, N_("Logging")),
    (e.SecurityMeasureKind.BACKUP, N_("Backup")),
    (e.SecurityMeasureKind.TRAINING, N_("Training")),
    (e.SecurityMeasureKind.CONFIDENTIALITY, N_("Confidentiality undertaking")),
    (e.SecurityMeasureKind.PROCESSOR_AGREEMENTS, N_("Processor agreements")),
    (e.SecurityMeasureKind.PSEUDONYMISATION, N_("Pseudonymisation")),
    (e.SecurityMeasureKind.OTHER, N_("Other measure")),
)

# Earlier wordings of the same values (the editor's short labels before there was one table).
# Never shown; imports (workbook, paste) still read them back, in every language, so a
# workbook typed in the editor's old wording imports. One entry per line.
_FORMER: tuple[tuple[StrEnum, str], ...] = (
    (e.LegalBasis.CONTRACT, N_("Contract")),
    (e.LegalBasis.PUBLIC_INTEREST, N_("Public interest")),
    (e.SpecialCategoryCondition.EXPLICIT_CONSENT, N_("Explicit consent")),
    (e.SpecialCategoryCondition.EMPLOYMENT_LAW, N_("Employment and social security law")),
    (e.SpecialCategoryCondition.VITAL_INTERESTS, N_("Vital interests")),
    (e.SpecialCategoryCondition.NOT_FOR_PROFIT, N_("Not-for-profit body")),
    (e.SpecialCategoryCondition.MANIFESTLY_PUBLIC, N_("Made manifestly public")),
    (e.SpecialCategoryCondition.LEGAL_CLAIMS, N_("Legal claims")),
    (e.SpecialCategoryCondition.SUBSTANTIAL_PUBLIC_INTEREST, N_("Substantial public interest")),
    (e.SpecialCategoryCondition.HEALTH_CARE, N_("Health or social care")),
    (e.SpecialCategoryCondition.PUBLIC_HEALTH, N_("Public health")),
    (e.SpecialCategoryCondition.ARCHIVING_RESEARCH, N_("Archiving, research or statistics")),
    (e.TransferMechanism.SCC, N_("Standard contractual clauses")),
    (e.TransferMechanism.BCR, N_("Binding corporate rules")),
    (e.TransferMechanism.CODE_OF_CONDUCT, N_("Code of conduct")),
    (e.TransferMechanism.CERTIFICATION, N_("Certification")),
    (e.RetentionTrigger.END_OF_CONTRACT, N_("after the contract ends")),
    (e.RetentionTrigger.ACCOUNT_INACTIVE, N_("after the account becomes inactive")),
    (e.RetentionTrigger.CONSENT_WITHDRAWN, N_("after consent is withdrawn")),
    (e.RetentionTrigger.END_OF_FINANCIAL_YEAR, N_("after the end of the financial year")),
    (e.RetentionTrigger.CASE_CLOSED, N_("after the case is closed")),
    (e.RetentionTrigger.COLLECTION, N_("after collection")),
    (e.RetentionTrigger.OTHER, N_("other")),
    (e.SecurityMeasureKind.CONFIDENTIALITY, N_("Confidentiality")),
    (e.SecurityMeasureKind.OTHER, N_("Other")),
)

# Keyed by (vocabulary, value): members of different StrEnums with the same letter
# ("b" is a legal basis and an art. 9 condition) are equal as strings.
LABELS: Mapping[tuple[type[StrEnum], str], str] = {(type(member), member.value): text for member, text in _PAIRS}
FORMER: Mapping[tuple[type[StrEnum], str], tuple[str, ...]] = {
    key: tuple(text for member, text in _FORMER if (type(member), member.value) == key)
    for key in {(type(member), member.value) for member, _ in _FORMER}
}
_VOCABULARIES: tuple[type[StrEnum], ...] = tuple(dict.fromkeys(type(member) for member, _ in _PAIRS))


def _member(value: StrEnum | str, vocabulary: type[StrEnum] | None) -> StrEnum:
    if isinstance(value, StrEnum):
        return value
    if vocabulary is not None:
        return vocabulary(value)
    found = [v(value) for v in _VOCABULARIES if value in v._value2member_map_]
    if len(found) != 1:
        # "a" is a letter of both art. 6(1) and art. 9(2): the caller must say which.
        raise ValueError(f"{value!r} needs a vocabulary (matches {len(found)} enums)")
    return found[0]


def label(value: StrEnum | str, translator: Translator | None = None, vocabulary: type[StrEnum] | None = None) -> str:
    """The label of an enum member (or of a stored value of ``vocabulary``) in the translator's language.

    >>> label(LegalBasis.CONSENT, translator("nb"))  # doctest: +SKIP
    'Samtykke'
    """
    tr = translator or current()
    member = _member(value, vocabulary)
    return tr.gettext(LABELS[type(member), member.value])


def labels_of(vocabulary: type[StrEnum], translator: Translator | None = None) -> list[tuple[str, str]]:
    """(stored value, label) for every member of ``vocabulary``, in declaration order (for combo boxes)."""
    return [(member.value, label(member, translator)) for member in vocabulary]


def value_for_label(vocabulary: type[StrEnum], text: str, translator: Translator | None = None) -> str | None:
    """The stored value whose label or former label is ``text`` (in the translator's language,
    in any language the program ships, or the English msgid), or whose value it is; else None.

    Comparison ignores case and surrounding spaces, so a label typed by hand in a
    spreadsheet still reads back, whichever language or wording the typist used.
    """
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    for member in vocabulary:
        if wanted in _readable_names(vocabulary, member.value, translator or current()):
            return member.value
    return None


def _readable_names(vocabulary: type[StrEnum], value: str, tr: Translator) -> set[str]:
    key = (vocabulary, value)
    msgids = (LABELS[key], *FORMER.get(key, ()))
    names = {value.casefold()}
    for language in _languages(tr):
        names.update(" ".join(language.gettext(m).split()).casefold() for m in msgids)
    return names


def _languages(tr: Translator) -> list[Translator]:
    return [tr, *(i18n.translator(language) for language in i18n.LANGUAGES)]


def bullets(items: Iterable[str]) -> str:
    """A multi-line cell as the notices show it: one bullet per item."""
    return "\n".join(f"• {item}" for item in items)


# --------------------------------------------------------------------------- footnotes

_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    """``12`` → ``¹²``."""
    return str(number).translate(_SUPERSCRIPTS)


def is_superscript_mark(text: str) -> bool:
    return bool(text) and all(ch in "⁰¹²³⁴⁵⁶⁷⁸⁹" for ch in text)


@dataclass
class Footnotes:
    """Footnote marks for the legitimate-interest balancing tests of one organisation.

    ``items`` lists ``(mark, text)`` in number order; a row without a recorded
    balancing test (or without art. 6(1)(f)) gets the empty mark ``""``.
    """

    items: list[tuple[str, str]] = field(default_factory=list)
    _activity_marks: dict[int, str] = field(default_factory=dict)
    _recipient_marks: dict[int, str] = field(default_factory=dict)

    def mark_for_activity(self, activity_id: int | None) -> str:
        return self._activity_marks.get(activity_id or 0, "")

    def mark_for_recipient(self, recipient_id: int | None) -> str:
        return self._recipient_marks.get(recipient_id or 0, "")

    def items_for(self, marks: Iterable[str]) -> list[tuple[str, str]]:
        """The items whose marks occur in ``marks`` (the footnotes one table needs), in number order."""
        wanted = set(marks)
        return [item for item in self.items if item[0] in wanted]


def needs_footnote(legal_basis: Iterable[str], balancing_test: str) -> bool:
    return e.LegalBasis.LEGITIMATE_INTERESTS.value in legal_basis and bool(balancing_test.strip())


# One row that may carry a footnote: (id, legal-basis letters, balancing test).
FootnoteSource = tuple[int, Sequence[str], str]


def number_footnotes(activities: Iterable[FootnoteSource], recipients: Iterable[FootnoteSource]) -> Footnotes:
    """The one footnote numbering every face uses (editor, workbook, PDF).

    ``activities`` in table order (the controller's register, then the processor's),
    then ``recipients`` of the sharing table (not processors) in their order. A row
    gets a mark when its basis includes art. 6(1)(f) and its balancing test is
    written; identical texts (ignoring spacing) share one number. The editor feeds
    this from two narrow queries, the exports from the loaded register.
    """
    result = Footnotes()
    number_by_text: dict[str, str] = {}

    def mark(text: str) -> str:
        key = " ".join(text.split())
        if key not in number_by_text:
            number_by_text[key] = superscript(len(number_by_text) + 1)
            result.items.append((number_by_text[key], text.strip()))
        return number_by_text[key]

    for row_id, legal_basis, balancing_test in activities:
        if needs_footnote(legal_basis, balancing_test):
            result._activity_marks[row_id] = mark(balancing_test)
    for row_id, legal_basis, balancing_test in recipients:
        if needs_footnote(legal_basis, balancing_test):
            result._recipient_marks[row_id] = mark(balancing_test)
    return result


def footnotes(org: OrganisationRegister) -> Footnotes:
    """Number the balancing tests of ``org``: activities in table order, then sharing-table recipients."""
    from ropa_desktop.domain.groupings import sharing_recipients

    return number_footnotes(
        ((a.activity.id or 0, a.activity.legal_basis, a.activity.balancing_test) for a in org.activities),
        ((r.recipient.id or 0, r.recipient.legal_basis, r.recipient.balancing_test) for r in sharing_recipients(org)),
    )


__all__ = [
    "FORMER",
    "LABELS",
    "Footnotes",
    "bullets",
    "footnotes",
    "is_superscript_mark",
    "label",
    "labels_of",
    "needs_footnote",
    "number_footnotes",
    "superscript",
    "value_for_label",
]
