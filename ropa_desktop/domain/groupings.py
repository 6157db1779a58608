"""The groupings users see, defined once: every face (editor, workbook, PDF, checks) asks here.

- the purpose table: one register's activities in the user's order
  (:meth:`OrganisationRegister.activities_of`);
- the sharing table: recipients that are not processors, grouped by role in the
  order of :class:`RecipientRole`, the user's order within a role;
- the processor table: processors grouped by service, services in order of first
  appearance, the user's order within a service;
- transfers: those of the recipients an activity shares with, in the user's order.

The functions take plain sequences with a key function, so the editor (which holds
narrow rows, not the aggregate) applies exactly the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord

T = TypeVar("T")

SHARING_ROLES: tuple[str, ...] = tuple(r.value for r in e.RecipientRole if r is not e.RecipientRole.PROCESSOR)


def in_sharing_table(role: str | None) -> bool:
    """Recipients that are not processors: other controllers, authorities, internal units."""
    return role != e.RecipientRole.PROCESSOR.value


def in_processor_table(role: str | None) -> bool:
    return role == e.RecipientRole.PROCESSOR.value


def group_by_role(items: Iterable[T], role_of: Callable[[T], str | None]) -> list[tuple[str, list[T]]]:
    """Sharing-table items grouped by role (roles in vocabulary order; unknown roles last)."""
    groups: dict[str, list[T]] = {}
    for item in items:
        role = role_of(item) or ""
        if in_sharing_table(role):
            groups.setdefault(role, []).append(item)
    rank = {role: i for i, role in enumerate(SHARING_ROLES)}
    return sorted(groups.items(), key=lambda g: rank.get(g[0], len(rank)))


def group_by_service(items: Iterable[T], service_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """Processors grouped by service, services in order of first appearance ("" is a group too)."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(service_of(item).strip(), []).append(item)
    return list(groups.items())


def flatten(groups: Sequence[tuple[str, list[T]]]) -> list[T]:
    return [item for _, items in groups for item in items]


def sharing_groups(org: OrganisationRegister) -> list[tuple[str, list[RecipientRecord]]]:
    return group_by_role(org.recipients, lambda r: r.recipient.role)


def sharing_recipients(org: OrganisationRegister) -> list[RecipientRecord]:
    """The sharing table's rows in the order every face shows them."""
    return flatten(sharing_groups(org))


def processor_groups(org: OrganisationRegister) -> list[tuple[str, list[RecipientRecord]]]:
    processors = [r for r in org.recipients if in_processor_table(r.recipient.role)]
    return group_by_service(processors, lambda r: r.recipient.service)


def processors(org: OrganisationRegister) -> list[RecipientRecord]:
    """The processor table's rows in the order every face shows them."""
    return flatten(processor_groups(org))


def purpose_rows(org: OrganisationRegister, register_kind: e.RegisterKind | str) -> list[ActivityRecord]:
    """One register's purpose table, in the user's order."""
    return org.activities_of(register_kind)


def activity_transfers(org: OrganisationRegister, record: ActivityRecord) -> list[m.Transfer]:
    """The transfers an activity makes: those of the recipients it shares with."""
    ids = set(record.recipient_ids)
    return [t for t in org.transfers if t.recipient_id in ids]


__all__ = [
    "SHARING_ROLES",
    "activity_transfers",
    "flatten",
    "group_by_role",
    "group_by_service",
    "in_processor_table",
    "in_sharing_table",
    "processor_groups",
    "processors",
    "purpose_rows",
    "sharing_groups",
    "sharing_recipients",
]
