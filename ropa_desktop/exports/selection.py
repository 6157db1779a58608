"""Which organisations of a register an export covers: all, or the one the user named."""

from __future__ import annotations

from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import RopaError
from ropa_desktop.i18n import N_


class OrganisationNotFound(RopaError):
    message = N_("No organisation named {name} in this register.")


def select_organisations(snapshot: RegisterSnapshot, name_or_id: str | None) -> RegisterSnapshot:
    """``snapshot`` itself for ``None``; else only the organisation with that name or id."""
    if name_or_id is None:
        return snapshot
    found = snapshot.organisation(int(name_or_id)) if name_or_id.isdigit() else None
    found = found or snapshot.organisation(name_or_id)  # an organisation may be named "2024"
    if found is None:
        raise OrganisationNotFound(name=name_or_id)
    return RegisterSnapshot([found], snapshot.schema_version)
