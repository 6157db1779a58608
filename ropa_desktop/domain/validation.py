"""Checking and normalising field values, shared by store operations and imports.

A field's type comes from its annotation on the domain model; fields that
hold a closed vocabulary name their enum in :data:`VOCABULARIES`.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from babel import Locale

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.i18n import N_, Translator, current

VOCABULARIES: dict[tuple[type[Any], str], type[StrEnum]] = {
    (m.ProcessingActivity, "register_kind"): e.RegisterKind,
    (m.ProcessingActivity, "legal_basis"): e.LegalBasis,
    (m.ProcessingActivity, "special_condition"): e.SpecialCategoryCondition,
    (m.ProcessingActivity, "retention_unit"): e.DurationUnit,
    (m.ProcessingActivity, "retention_trigger"): e.RetentionTrigger,
    (m.ProcessingActivity, "dpia_need"): e.DpiaNeed,
    (m.ProcessingActivity, "dpia_status"): e.DpiaStatus,
    (m.ProcessingActivity, "dpia_criteria"): e.DpiaCriterion,
    (m.ProcessingActivity, "status"): e.ActivityStatus,
    (m.Recipient, "role"): e.RecipientRole,
    (m.Recipient, "legal_basis"): e.LegalBasis,
    (m.Transfer, "mechanism"): e.TransferMechanism,
    (m.SecurityMeasure, "kind"): e.SecurityMeasureKind,
    (m.PersonalDataCategory, "retention_unit"): e.DurationUnit,
    (m.PersonalDataCategory, "retention_trigger"): e.RetentionTrigger,
    (m.PersonalDataCategory, "deletion_method"): e.DeletionMethod,
    (m.Transfer, "other_mechanisms"): e.TransferMechanism,
    (m.ProcessingActivity, "marketing_channels"): e.MarketingChannel,
    (m.ProcessingActivity, "tracking_purposes"): e.TrackingPurpose,
}

# An entry key's type, and the values it may take when it is a closed vocabulary.
EntryKey = tuple[type, frozenset[str] | None]


def _values(*enums: type[StrEnum]) -> frozenset[str]:
    return frozenset(v.value for en in enums for v in en)


# Fields that hold a list of small structured entries (format version 2), and each entry's keys.
# An entry is stored and exported with its keys in this order, empty values left out.
ENTRY_SCHEMAS: dict[tuple[type[Any], str], dict[str, EntryKey]] = {
    (m.ProcessingActivity, "legal_bases"): {
        "basis": (str, _values(e.LegalBasis)),  # art. 6(1) letter: required
        "covers": (str, None),  # the part of the processing it covers
        "national_law": (str, None),  # (c), (e): the law it rests on
        "balancing_test": (str, None),  # (f): becomes a footnote
        "consent_record": (str, None),  # (a): how consent is recorded
        "consent_withdrawal": (str, None),  # (a): how it is withdrawn
    },
    (m.ProcessingActivity, "dpia_answers"): {
        "criterion": (str, _values(e.DpiaCriterion, e.DpiaListItem)),  # required
        "applies": (bool, None),  # the user's answer, overriding what the screening derives
        "note": (str, None),
    },
}
ENTRY_REQUIRED = {"basis", "criterion"}

COUNTRY_FIELDS = {"country"}

# Characters Excel, XML and terminals choke on; tab and newline are legitimate in text. Lone
# surrogates (JSON's "\\ud800") cannot be stored as UTF-8, and XML forbids U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# SQLite stores whole numbers in 64 bits.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class Problem:
    """One invalid value, located by a path such as ``organisations[0].activities[3].legal_basis``."""

    path: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translator: Translator | None = None) -> str:
        tr = translator or current()
        return f"{self.path}: {tr.gettext(self.message).format(**self.params)}"


class ValueProblem(ValueError):
    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(message.format(**params))


_COUNTRY_CODES: list[frozenset[str]] = []


def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, from Babel's locale data: loaded when a country is first checked,
    not when the module is imported (reading the locale data is most of this module's import)."""
    if not _COUNTRY_CODES:
        codes = (str(code) for code in Locale.parse("en").territories)
        _COUNTRY_CODES.append(frozenset(code for code in codes if len(code) == 2 and code.isalpha()))
    return _COUNTRY_CODES[0]


def clean_text(value: str) -> str:
    """Normalise line endings and drop control characters that have no place in a register."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _is_optional(annotation: Any) -> tuple[bool, Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return True, args[0]
    return False, annotation


def field_names(model: type[Any]) -> list[str]:
    return list(m.field_names(model))


def coerce(model: type[Any], name: str, value: Any) -> Any:
    """Return ``value`` as the field stores it, or raise :class:`ValueProblem`."""
    annotation = m.field_types(model).get(name)
    if annotation is None:
        raise ValueProblem(N_("unknown field"))
    optional, base = _is_optional(annotation)
    vocabulary = VOCABULARIES.get((model, name))
    if value is None:
        if optional:
            return None
        raise ValueProblem(N_("a value is required"))
    if base is str:
        if not isinstance(value, str):
            raise ValueProblem(N_("expected text, got {value!r}"), value=value)
        if vocabulary is not None:
            if value not in vocabulary._value2member_map_:
                raise ValueProblem(N_('unknown value "{value}"'), value=clean_text(value))
            return value
        if name in COUNTRY_FIELDS:
            code = value.strip().upper()
            if code and code not in country_codes():
                raise ValueProblem(N_('unknown country code "{value}"'), value=value)
            return code
        return clean_text(value)
    if base is bool:
        if not isinstance(value, bool):
            raise ValueProblem(N_("expected true or false, got {value!r}"), value=value)
        return value
    if base is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueProblem(N_("expected a whole number, got {value!r}"), value=value)
        if not INT_MIN <= value <= INT_MAX:
            raise ValueProblem(N_("the number is too large"))
        if name == "retention_duration" and value < 0:
            raise ValueProblem(N_("must not be negative"))
        return value
    if base is date:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise ValueProblem(N_("expected a date (YYYY-MM-DD), got {value!r}"), value=value)
    schema = ENTRY_SCHEMAS.get((model, name))
    if schema is not None:
        return _entries(schema, value)
    if typing.get_origin(base) is list:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ValueProblem(N_("expected a list of texts, got {value!r}"), value=value)
        items = [clean_text(v) for v in value]
        if vocabulary is not None:
            for item in items:
                if item not in vocabulary._value2member_map_:
                    raise ValueProblem(N_('unknown value "{value}"'), value=item[:80])
            if len(set(items)) != len(items):
                raise ValueProblem(N_("a value is listed twice"))
        return items
    raise ValueProblem(N_("unsupported field type"))  # pragma: no cover - a model declaration error


def orgnr_problem(orgnr: str, country: str = "NO") -> str | None:
    """Why ``orgnr`` is not a Norwegian organisation number (a msgid), or None when it is one (or is
    empty, or belongs to another country's register). python-stdnum checks the length and the
    modulus-11 check digit."""
    from stdnum import exceptions
    from stdnum.no import orgnr as no_orgnr

    if not orgnr.strip() or country.upper() != "NO":
        return None
    try:
        no_orgnr.validate(orgnr)
    except exceptions.InvalidChecksum:
        return N_("The check digit is wrong: look for a mistyped digit.")
    except exceptions.InvalidLength:
        return N_("A Norwegian organisation number has nine digits.")
    except exceptions.ValidationError:
        return N_("Only digits and spaces, nine digits in all.")
    return None


def _entries(schema: dict[str, EntryKey], value: Any) -> list[dict[str, Any]]:
    """A list of structured entries in canonical form: keys in schema order, empty values dropped."""
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, dict) for v in value):
        raise ValueProblem(N_("expected a list of objects, got {value!r}"), value=value)
    out: list[dict[str, Any]] = []
    for entry in value:
        for key in entry:
            if key not in schema:
                raise ValueProblem(N_('unknown key "{value}"'), value=key)
        clean: dict[str, Any] = {}
        for key, (kind, allowed) in schema.items():
            item = entry.get(key)
            if item is None or item == "":
                if key in ENTRY_REQUIRED:
                    raise ValueProblem(N_('"{value}" is required in every entry'), value=key)
                continue
            if kind is bool:
                if not isinstance(item, bool):
                    raise ValueProblem(N_("expected true or false, got {value!r}"), value=item)
                clean[key] = item
                continue
            if not isinstance(item, str):
                raise ValueProblem(N_("expected text, got {value!r}"), value=item)
            if allowed is not None and item not in allowed:
                raise ValueProblem(N_('unknown value "{value}"'), value=item)
            text = clean_text(item)
            if text:
                clean[key] = text
        out.append(clean)
    return out
