"""Closed vocabularies of the art. 30 register.

Values are stable identifiers stored in register files and the JSON
interchange; the labels users see live in the translation catalogue
(see :mod:`ropa_desktop.domain.labels`).
"""

from enum import StrEnum


class RegisterKind(StrEnum):
    """Which of an organisation's two registers an activity belongs to."""

    CONTROLLER = "controller"  # art. 30(1)
    PROCESSOR = "processor"  # art. 30(2)


class LegalBasis(StrEnum):
    """The letters of GDPR art. 6(1)."""

    CONSENT = "a"
    CONTRACT = "b"
    LEGAL_OBLIGATION = "c"
    VITAL_INTERESTS = "d"
    PUBLIC_INTEREST = "e"
    LEGITIMATE_INTERESTS = "f"


class SpecialCategoryCondition(StrEnum):
    """The letters of GDPR art. 9(2)."""

    EXPLICIT_CONSENT = "a"
    EMPLOYMENT_LAW = "b"
    VITAL_INTERESTS = "c"
    NOT_FOR_PROFIT = "d"
    MANIFESTLY_PUBLIC = "e"
    LEGAL_CLAIMS = "f"
    SUBSTANTIAL_PUBLIC_INTEREST = "g"
    HEALTH_CARE = "h"
    PUBLIC_HEALTH = "i"
    ARCHIVING_RESEARCH = "j"


class RecipientRole(StrEnum):
    PROCESSOR = "processor"
    INDEPENDENT_CONTROLLER = "independent_controller"
    JOINT_CONTROLLER = "joint_controller"
    PUBLIC_AUTHORITY = "public_authority"
    INTERNAL = "internal"
    TO_CLARIFY = "to_clarify"  # the notice does not say; better recorded as open than guessed


class DeletionMethod(StrEnum):
    """What happens to data when its retention ends."""

    DELETE = "delete"
    ANONYMISE = "anonymise"
    RETURN = "return"  # a processor hands the data back to the controller


class MarketingChannel(StrEnum):
    """Channels of direct marketing; the electronic ones fall under markedsføringsloven § 15."""

    EMAIL = "email"
    SMS = "sms"
    PHONE = "phone"
    POST = "post"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


ELECTRONIC_MARKETING = frozenset({MarketingChannel.EMAIL, MarketingChannel.SMS})


class TrackingPurpose(StrEnum):
    """Why cookies, pixels or similar technology read or store on the user's device (ekomloven § 3-15)."""

    NECESSARY = "necessary"  # strictly necessary for the service the user asked for: no consent needed
    PREFERENCES = "preferences"
    ANALYTICS = "analytics"
    MARKETING = "marketing"


class TransferMechanism(StrEnum):
    ADEQUACY = "adequacy"  # art. 45
    SCC = "scc"  # art. 46(2)(c)
    BCR = "bcr"  # art. 46(2)(b), 47
    CODE_OF_CONDUCT = "code_of_conduct"  # art. 46(2)(e)
    CERTIFICATION = "certification"  # art. 46(2)(f)
    DEROGATION = "derogation"  # art. 49


class RetentionTrigger(StrEnum):
    """The event a structured retention period counts from."""

    END_OF_CONTRACT = "end_of_contract"
    ACCOUNT_INACTIVE = "account_inactive"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    END_OF_FINANCIAL_YEAR = "end_of_financial_year"
    CASE_CLOSED = "case_closed"
    COLLECTION = "collection"
    OTHER = "other"


class DurationUnit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


class DpiaNeed(StrEnum):
    UNASSESSED = "unassessed"
    NOT_NEEDED = "not_needed"
    NEEDED = "needed"
    RECOMMENDED = "recommended"  # one criterion: not required, but a careful controller does one


class DpiaStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class DpiaCriterion(StrEnum):
    """The nine criteria European authorities use to decide whether a DPIA is needed."""

    EVALUATION_SCORING = "evaluation_scoring"
    AUTOMATED_DECISIONS = "automated_decisions"
    SYSTEMATIC_MONITORING = "systematic_monitoring"
    SENSITIVE_DATA = "sensitive_data"
    LARGE_SCALE = "large_scale"
    MATCHING_DATASETS = "matching_datasets"
    VULNERABLE_SUBJECTS = "vulnerable_subjects"
    INNOVATIVE_TECHNOLOGY = "innovative_technology"
    PREVENTS_RIGHTS = "prevents_rights"


class DpiaListItem(StrEnum):
    """Items of Datatilsynet's art. 35(4) list of processing that always requires a DPIA.

    Source: datatilsynet.no, "Vurdering av personvernkonsekvenser (DPIA)", the list of processing
    operations that always require a DPIA (see docs/dpia.md for the wording and the links).
    """

    THIRD_PARTY_DATA = "third_party_data"  # data from third parties + at least one other criterion
    EMPLOYEE_MONITORING = "employee_monitoring"  # systematic monitoring of employees' activity
    LOCATION_DATA = "location_data"  # location data + at least one other criterion
    INNOVATIVE_TECHNOLOGY_COMBINED = "innovative_technology_combined"  # new technology + one other criterion
    LARGE_SCALE_SENSITIVE = "large_scale_sensitive"  # special categories or art. 10 data on a large scale
    RESEARCH_WITHOUT_CONSENT = "research_without_consent"  # research/archiving without consent + one other


class ActivityStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class SecurityMeasureKind(StrEnum):
    ACCESS_CONTROL = "access_control"
    ENCRYPTION = "encryption"
    LOGGING = "logging"
    BACKUP = "backup"
    TRAINING = "training"
    CONFIDENTIALITY = "confidentiality"
    PROCESSOR_AGREEMENTS = "processor_agreements"
    PSEUDONYMISATION = "pseudonymisation"
    OTHER = "other"
