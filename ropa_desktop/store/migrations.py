"""Ordered schema migrations, keyed by the ``PRAGMA user_version`` they produce.

``create_all`` builds a new file at :data:`SCHEMA_VERSION`; a file with a lower
version is brought forward one step at a time, each step in the same
transaction that records its version. A backup copy is written first (see
:meth:`ropa_desktop.store.register.RegisterFile.open`).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

SCHEMA_VERSION = 1

Migration = Callable[[sa.Connection], None]

# (version the step produces, step). Append only; never edit a released step.
MIGRATIONS: list[tuple[int, Migration]] = []


def pending(from_version: int) -> list[tuple[int, Migration]]:
    return [(v, step) for v, step in MIGRATIONS if v > from_version]
