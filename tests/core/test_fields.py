"""The field catalogue covers every field of every record, and each entry is consistent with the model."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any

import pytest

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import CATALOGUE, FACES, FIELDS, FieldKind, field_label, is_required, long_label
from ropa_desktop.domain.labels import LABELS
from ropa_desktop.domain.validation import ENTRY_SCHEMAS
from ropa_desktop.i18n import translator
from ropa_desktop.interchange.json_format import SECTIONS
from ropa_desktop.store.entities import ENTITIES

NB = translator("nb")
BOOKKEEPING = {"id", "organisation_id"}
RECORDS = ["organisation", *(s.entity for s in SECTIONS)]


def _plain(annotation: Any) -> set[Any]:
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return {typing.get_origin(a) or a for a in typing.get_args(annotation)} - {type(None)}
    return {typing.get_origin(annotation) or annotation}


@pytest.mark.parametrize("entity", RECORDS)
def test_every_field_of_every_record_is_in_the_catalogue(entity: str) -> None:
    model = ENTITIES[entity].model
    section = next((s for s in SECTIONS if s.entity == entity), None)
    names = set(m.field_names(model)) - BOOKKEEPING | set(section.links if section else ())
    assert names <= {name for (ent, name) in FIELDS if ent == entity}, names - {n for (x, n) in FIELDS if x == entity}


@pytest.mark.parametrize("info", CATALOGUE, ids=[f"{f.entity}.{f.name}" for f in CATALOGUE])
def test_each_entry_agrees_with_the_model(info: Any) -> None:
    if info.entity not in ENTITIES:
        # Not a stored record: the keys of a structured entry inside one (activity.legal_bases).
        keys = {key for schema in ENTRY_SCHEMAS.values() for key in schema}
        assert info.name in keys, info
        field = None
    else:
        field = m.field_types(ENTITIES[info.entity].model).get(info.name)
    if field is not None:
        types_ = _plain(field)
        expected = {
            FieldKind.BOOL: {bool},
            FieldKind.DATE: {datetime.date},
            FieldKind.NUMBER: {int},
            FieldKind.LIST: {list},
            FieldKind.ENUM_LIST: {list},
        }.get(info.kind)
        if expected is not None:
            assert types_ == expected, (info, types_)
    if info.kind in (FieldKind.ENUM, FieldKind.ENUM_LIST):
        assert info.vocabulary is not None
        assert all((info.vocabulary, m.value) in LABELS for m in info.vocabulary)
    # Headings are given; the help sentence is translated (the catalogue is complete, not just marked).
    assert info.heading and info.long
    assert NB.gettext(info.help) != info.help


def test_every_face_lists_known_fields_once() -> None:
    for name, ids in FACES.items():
        assert len(ids) == len(set(ids)), name
        assert all(i in FIELDS for i in ids), name


def test_art_30_requirements_follow_the_article() -> None:
    # Art. 30(1)(b)-(c): purpose and categories for the controller; 30(2)(b): the processing for the processor.
    assert is_required("activity", "purpose", e.RegisterKind.CONTROLLER)
    assert is_required("activity", "personal_data", e.RegisterKind.CONTROLLER)
    assert is_required("activity", "client_id", e.RegisterKind.PROCESSOR)
    assert not is_required("activity", "client_id", e.RegisterKind.CONTROLLER)
    assert is_required("activity", "security_measures", e.RegisterKind.PROCESSOR)
    assert not is_required("activity", "notes", e.RegisterKind.CONTROLLER)
    assert all(f.article.startswith("art. 30") for f in CATALOGUE if f.required.value)


def test_short_and_long_headings_translate() -> None:
    assert field_label("activity", "purpose", NB) == "Formål"
    assert long_label("activity", "purpose", NB) == "Formålet med behandlingen"
    assert field_label("activity", "no_such_field", NB) == "no_such_field"
