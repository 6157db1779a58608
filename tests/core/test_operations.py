"""The one write path: every operation does what it says, and its inverse undoes it exactly."""

from __future__ import annotations

import pytest

from ropa_desktop.errors import InvalidValue, RecordNotFound, RegisterReadOnly
from ropa_desktop.interchange.json_format import export_json
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from tests.conftest import reopened_readonly

pytestmark = pytest.mark.both_engines  # the store on a file and on a PostgreSQL server


def _activity(reg: RegisterFile, purpose: str, **values: object) -> int:
    applied = reg.apply(ops.Create("activity", {"organisation_id": 1, "purpose": purpose, **values}))
    assert applied.record_id is not None
    return applied.record_id


def _purposes(reg: RegisterFile) -> list[str]:
    return [a.activity.purpose for a in reg.snapshot().organisations[0].activities]


def test_create_update_and_their_inverses(register: RegisterFile) -> None:
    before = export_json(register)
    created = register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "Kurs", "legal_basis": ["b"]}))
    updated = register.apply(ops.Update("activity", created.record_id or 0, {"purpose": "Tilby kurs"}))
    assert _purposes(register) == ["Tilby kurs"]
    register.apply(updated.inverse)
    assert _purposes(register) == ["Kurs"]
    register.apply(created.inverse)
    assert export_json(register) == before


def test_insert_at_index_and_move_keep_a_user_defined_order(register: RegisterFile) -> None:
    a, b, c = (_activity(register, p) for p in ("A", "B", "C"))
    register.apply(ops.Create("activity", {"organisation_id": 1, "purpose": "first"}, index=0))
    assert _purposes(register) == ["first", "A", "B", "C"]
    moved = register.apply(ops.Move("activity", c, 1))
    assert _purposes(register) == ["first", "C", "A", "B"]
    register.apply(moved.inverse)
    assert _purposes(register) == ["first", "A", "B", "C"]
    del a, b


def test_a_record_added_after_deletions_lands_at_the_end(register: RegisterFile) -> None:
    a, b, _c = (_activity(register, p) for p in ("A", "B", "C"))
    register.apply(ops.Delete("activity", a))
    register.apply(ops.Delete("activity", b))
    _activity(register, "D")
    assert _purposes(register) == ["C", "D"]
    _activity(register, "E")
    assert _purposes(register) == ["C", "D", "E"]


def test_delete_of_an_organisation_is_undone_with_every_child_and_link(register: RegisterFile) -> None:
    cat = register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": "Navn"})).record_id or 0
    rec = register.apply(ops.Create("recipient", {"organisation_id": 1, "name": "Statens vegvesen"})).record_id or 0
    client = register.apply(ops.Create("client", {"organisation_id": 1, "name": "Kunde AS"})).record_id or 0
    register.apply(ops.Create("transfer", {"organisation_id": 1, "recipient_id": rec, "country": "US"}))
    act = _activity(register, "Kurs", client_id=client, register_kind="processor")
    register.apply(ops.SetLinks("activity.personal_data", act, (cat,)))
    register.apply(ops.SetLinks("recipient.personal_data", rec, (cat,)))
    before = export_json(register)

    deleted = register.apply(ops.Delete("organisation", 1))
    assert register.snapshot().organisations == []
    register.apply(deleted.inverse)
    assert export_json(register) == before


def test_deleting_a_client_nulls_the_reference_and_undo_restores_it(register: RegisterFile) -> None:
    client = register.apply(ops.Create("client", {"organisation_id": 1, "name": "Kunde AS"})).record_id or 0
    act = _activity(register, "Lønn", client_id=client, register_kind="processor")
    before = export_json(register)
    deleted = register.apply(ops.Delete("client", client))
    assert register.snapshot().organisations[0].activities[0].activity.client_id is None
    register.apply(deleted.inverse)
    assert export_json(register) == before
    del act


def test_set_links_keeps_order_and_its_inverse_restores_the_old_list(register: RegisterFile) -> None:
    ids = [register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": n})).record_id or 0 for n in "ABC"]
    act = _activity(register, "Kurs")
    register.apply(ops.SetLinks("activity.personal_data", act, (ids[0], ids[1])))
    changed = register.apply(ops.SetLinks("activity.personal_data", act, (ids[2], ids[0])))
    assert register.links("activity.personal_data", act) == (ids[2], ids[0])
    register.apply(changed.inverse)
    assert register.links("activity.personal_data", act) == (ids[0], ids[1])


def test_link_helpers(register: RegisterFile) -> None:
    cat = register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": "Navn"})).record_id or 0
    act = _activity(register, "Kurs")
    register.apply(ops.link("activity.personal_data", act, (), cat))
    assert register.links("activity.personal_data", act) == (cat,)
    register.apply(ops.unlink("activity.personal_data", act, (cat,), cat))
    assert register.links("activity.personal_data", act) == ()


def test_links_cannot_cross_organisations(register: RegisterFile) -> None:
    other = register.apply(ops.Create("organisation", {"name": "Annen AS"})).record_id
    foreign = register.apply(ops.Create("personal_data", {"organisation_id": other, "name": "Navn"})).record_id or 0
    act = _activity(register, "Kurs")
    with pytest.raises(InvalidValue, match="belongs to another organisation"):
        register.apply(ops.SetLinks("activity.personal_data", act, (foreign,)))


def test_batch_is_all_or_nothing(register: RegisterFile) -> None:
    before = export_json(register)
    batch = ops.Batch(
        (
            ops.Create("activity", {"organisation_id": 1, "purpose": "ok"}),
            ops.Create("activity", {"organisation_id": 1, "legal_basis": ["g"]}),
        )
    )
    with pytest.raises(InvalidValue, match='legal_basis: unknown value "g"'):
        register.apply(batch)
    assert export_json(register) == before


def test_batch_inverse_undoes_every_step(register: RegisterFile) -> None:
    before = export_json(register)
    done = register.apply(
        ops.Batch(tuple(ops.Create("activity", {"organisation_id": 1, "purpose": p}) for p in ("A", "B", "C")))
    )
    assert _purposes(register) == ["A", "B", "C"]
    register.apply(done.inverse)
    assert export_json(register) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"legal_basis": ["g"]}, 'legal_basis: unknown value "g"'),
        ({"last_reviewed": "27.05.2024"}, "last_reviewed: expected a date"),
        ({"retention_duration": -1}, "retention_duration: must not be negative"),
        ({"purpose": 5}, "purpose: expected text"),
        ({"nonsense": "x"}, "nonsense: unknown field"),
        ({"organisation_id": 2}, "organisation_id: cannot be changed this way"),
        ({"legal_basis": ["a", "a"]}, "legal_basis: a value is listed twice"),
    ],
)
def test_update_refuses_invalid_values(register: RegisterFile, changes: dict[str, object], message: str) -> None:
    act = _activity(register, "Kurs")
    with pytest.raises(InvalidValue) as excinfo:
        register.apply(ops.Update("activity", act, changes))
    assert message in excinfo.value.render()


def test_text_is_cleaned_of_control_characters(register: RegisterFile) -> None:
    act = _activity(register, "Kurs\x00\x07 og\r\nopplæring")
    assert register.snapshot().organisations[0].activities[0].activity.purpose == "Kurs og\nopplæring"
    del act


def test_missing_record(register: RegisterFile) -> None:
    with pytest.raises(RecordNotFound):
        register.apply(ops.Update("activity", 999, {"purpose": "x"}))


def test_every_operation_is_audited(register: RegisterFile) -> None:
    act = _activity(register, "Kurs")
    register.apply(ops.Update("activity", act, {"purpose": "Tilby kurs", "retention": "5 år"}))
    trail = register.audit_trail(limit=2)
    fields = {(e["entity"], e["record_id"], e["field"], e["old"], e["new"]) for e in trail}
    assert ("activity", act, "purpose", '"Kurs"', '"Tilby kurs"') in fields
    assert ("activity", act, "retention", '""', '"5 år"') in fields


def test_readonly_register_refuses_writes(register: RegisterFile) -> None:
    with reopened_readonly(register) as ro:
        with pytest.raises(RegisterReadOnly):
            ro.apply(ops.Create("activity", {"organisation_id": 1}))
        assert ro.snapshot().organisations[0].organisation.name == "Test AS"


def test_merge_moves_every_reference_to_the_kept_category_and_undo_puts_all_back(register: RegisterFile) -> None:
    def category(name: str, **flags: bool) -> int:
        return register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": name, **flags})).record_id or 0

    navn, navn2, helse = category("Navn"), category("navn ", special=True), category("Helse")
    a, b = _activity(register, "Kurs"), _activity(register, "Lønn")
    rec = register.apply(ops.Create("recipient", {"organisation_id": 1, "name": "NAV"})).record_id or 0
    register.apply(ops.SetLinks("activity.personal_data", a, (navn2, helse)))  # only the duplicate
    register.apply(ops.SetLinks("activity.personal_data", b, (navn, helse, navn2)))  # both: one stays
    register.apply(ops.SetLinks("recipient.personal_data", rec, (navn2,)))
    before = export_json(register)

    merged = register.apply(ops.Merge("personal_data", navn, navn2))
    org = register.snapshot().organisations[0]
    assert [c.name for c in org.personal_data] == ["Navn", "Helse"]
    by_purpose = {x.activity.purpose: x.personal_data_ids for x in org.activities}
    assert by_purpose == {"Kurs": [navn, helse], "Lønn": [navn, helse]}
    assert org.recipients[0].personal_data_ids == [navn]
    assert org.personal_data[0].special is True  # the duplicate's art. 9 flag is not lost

    register.apply(merged.inverse)
    assert export_json(register) == before


def test_merge_refuses_a_record_into_itself_and_writes_nothing(register: RegisterFile) -> None:
    cat = register.apply(ops.Create("personal_data", {"organisation_id": 1, "name": "Navn"})).record_id or 0
    before = export_json(register)
    with pytest.raises(InvalidValue):
        register.apply(ops.Merge("personal_data", cat, cat))
    with pytest.raises(RecordNotFound):
        register.apply(ops.Merge("personal_data", cat, 999))
    assert export_json(register) == before
