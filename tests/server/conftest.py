"""Fixtures for the server tests: a new empty database per test on the session's cluster, or a cluster of one's own.

The cluster itself (``pg_cluster``) is in ``tests/conftest.py``, shared with the
store, operations, checks and export tests that run on both engines.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres_cluster import Cluster

pytest.importorskip("psycopg", reason="the server tests need psycopg (pip install -e '.[server]')")


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A cluster of the test's own, for tests that kill the server."""
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """A new empty database on the session's cluster (no register in it yet)."""
    return pg_cluster.new_database()
