"""Hypothesis strategies for whole register documents in the JSON interchange format."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from hypothesis import strategies as st

from ropa_desktop.domain import enums as e

# Any text a user could type or paste, including Norwegian letters, bullets, newlines and
# markup; control characters are included on purpose (the store cleans them).
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
short = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=20).filter(
    str.strip
)  # a name must be more than blanks
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)).map(date.isoformat)
countries = st.sampled_from(["", "NO", "SE", "US", "GB", "IN", "DE"])


def letters(enum: type[StrEnum]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([m.value for m in enum]), unique=True, max_size=3)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# Format version 2: structured entries, written in any key order with empty values (import normalises).
legal_basis_entry = st.fixed_dictionaries(
    {"basis": st.sampled_from([b.value for b in e.LegalBasis])},
    optional={"covers": text, "national_law": text, "balancing_test": text, "consent_withdrawal": text},
)
dpia_answer = st.fixed_dictionaries(
    {"criterion": st.sampled_from([c.value for c in (*e.DpiaCriterion, *e.DpiaListItem)])},
    optional={"applies": st.booleans(), "note": text},
)


@st.composite
def organisation(draw: st.DrawFn, ids: dict[str, int]) -> dict[str, Any]:
    def next_id(kind: str) -> int:
        ids[kind] = ids.get(kind, 0) + 1
        return ids[kind]

    def records(kind: str, fields: st.SearchStrategy[dict[str, Any]], max_size: int = 4) -> list[dict[str, Any]]:
        return [{"id": next_id(kind), **draw(fields)} for _ in range(draw(st.integers(0, max_size)))]

    subjects = records(
        "ds",
        st.fixed_dictionaries(
            {"name": short},
            optional={
                "description": text,
                "employees": st.booleans(),
                "children": st.booleans(),
                "vulnerable": st.booleans(),
            },
        ),
    )
    categories = records(
        "pd",
        st.fixed_dictionaries(
            {"name": short},
            optional={
                "special": st.booleans(),
                "national_id": st.booleans(),
                "criminal": st.booleans(),
                # format version 2
                "location": st.booleans(),
                "financial": st.booleans(),
                "retention": text,
                "retention_duration": optional(st.integers(0, 100)),
                "retention_unit": optional(st.sampled_from([u.value for u in e.DurationUnit])),
                "deletion_method": optional(st.sampled_from([d.value for d in e.DeletionMethod])),
                "retention_reason": text,
            },
        ),
    )
    cat_ids = [c["id"] for c in categories]
    sources = records("src", st.fixed_dictionaries({"name": short, "description": text}))
    recipients = records(
        "rec",
        st.fixed_dictionaries(
            {"name": short, "role": st.sampled_from([r.value for r in e.RecipientRole])},
            optional={
                "country": countries,
                "dpa_in_place": optional(st.booleans()),
                "dpa_date": optional(dates),
                "purpose": text,
                "legal_basis": letters(e.LegalBasis),
                "balancing_test": text,
                "disclosure_law": text,
                "on_request_only": st.booleans(),
                "arrangement_covers": text,
                "arrangement_date": optional(dates),
                "personal_data": st.permutations(cat_ids).map(lambda p: list(p[: len(p) // 2 + 1]) if p else []),
            },
        ),
    )
    rec_ids = [r["id"] for r in recipients]

    def subset(ids_: list[int]) -> st.SearchStrategy[list[int]]:
        return st.lists(st.sampled_from(ids_), unique=True) if ids_ else st.just([])

    transfers = records(
        "tr",
        st.fixed_dictionaries(
            {"country": countries},
            optional={
                "recipient_id": st.sampled_from(rec_ids) if rec_ids else st.none(),
                "mechanism": optional(st.sampled_from([m.value for m in e.TransferMechanism])),
                "safeguards": text,
                "dpf_certified": st.booleans(),
                "other_mechanisms": letters(e.TransferMechanism),
                "recipients": subset(rec_ids),
            },
        ),
    )
    measures = records(
        "sm",
        st.fixed_dictionaries(
            {"name": short, "kind": st.sampled_from([k.value for k in e.SecurityMeasureKind])},
            optional={"applies_to_all": st.booleans()},
        ),
    )
    clients = records("cl", st.fixed_dictionaries({"name": short}, optional={"orgnr": text}))

    activities = records(
        "act",
        st.fixed_dictionaries(
            {"purpose": text},
            optional={
                "register_kind": st.sampled_from(["controller", "processor"]),
                "client_id": st.sampled_from([c["id"] for c in clients]) if clients else st.none(),
                "operations": st.lists(text, max_size=4),
                "legal_basis": letters(e.LegalBasis),
                "balancing_test": text,
                "special_condition": optional(st.sampled_from([c.value for c in e.SpecialCategoryCondition])),
                "retention": text,
                "retention_duration": optional(st.integers(0, 100)),
                "retention_unit": optional(st.sampled_from([u.value for u in e.DurationUnit])),
                "dpia_criteria": letters(e.DpiaCriterion),
                # format version 2
                "legal_bases": st.lists(legal_basis_entry, max_size=3),
                "large_scale": st.booleans(),
                "automated_decisions": st.booleans(),
                "direct_marketing": st.booleans(),
                "marketing_channels": letters(e.MarketingChannel),
                "tracking_purposes": letters(e.TrackingPurpose),
                "dpia_answers": st.lists(dpia_answer, max_size=3),
                "dpia_need": st.sampled_from([n.value for n in e.DpiaNeed]),
                "dpia_date": optional(dates),
                "last_reviewed": optional(dates),
                "data_subjects": subset([s["id"] for s in subjects]),
                "personal_data": subset(cat_ids),
                "sources": subset([s["id"] for s in sources]),
                "recipients": subset(rec_ids),
                "security_measures": subset([m["id"] for m in measures]),
            },
        ),
        max_size=6,
    )
    change_log = records("cl", st.fixed_dictionaries({"when": optional(dates), "text": text}))
    org: dict[str, Any] = {
        "id": next_id("org"),
        **draw(
            st.fixed_dictionaries(
                {"name": short},
                optional={
                    "orgnr": text,
                    "address": text,
                    "is_processor": st.booleans(),
                    "country": countries,
                    "dpo_required": optional(st.booleans()),
                    "dpo_assessment": text,
                    "source_date": optional(dates),
                },
            )
        ),
    }
    for key, value in (
        ("data_subject_categories", subjects),
        ("personal_data_categories", categories),
        ("sources", sources),
        ("recipients", recipients),
        ("transfers", transfers),
        ("security_measures", measures),
        ("processor_clients", clients),
        ("activities", activities),
        ("change_log", change_log),
    ):
        if value:
            org[key] = value
    return org


@st.composite
def register_document(draw: st.DrawFn) -> dict[str, Any]:
    ids: dict[str, int] = {}
    orgs = [draw(organisation(ids)) for _ in range(draw(st.integers(1, 2)))]
    return {"format": "ropa-register", "version": draw(st.sampled_from([1, 2])), "organisations": orgs}
