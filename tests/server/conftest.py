"""A throw-away PostgreSQL cluster for the server tests, on the loopback address in a temporary folder.

Started once per test session with the server's own tools (``initdb``, ``pg_ctl``
from Debian's postgresql package, which ``.ci/run`` installs); each test gets
a new empty database in it. PostgreSQL refuses to run as root, so as root the
cluster runs as the ``postgres`` system user. Skipped, with the reason, where
the tools or the driver are missing.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("psycopg", reason="the server tests need psycopg (pip install -e '.[server]')")


def _pg_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    # Debian keeps the server tools off PATH; GitHub's Windows and macOS images name theirs in PGBIN.
    if os.environ.get("PGBIN"):
        tool = Path(os.environ["PGBIN"]) / (name + (".exe" if os.name == "nt" else ""))
        if tool.exists():
            return str(tool)
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0  # Windows has neither geteuid nor root


def _as_server_user(command: list[str]) -> list[str]:
    if not _as_root():
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class Cluster:
    """A PostgreSQL cluster in a temporary folder, listening on the loopback address only."""

    def __init__(self) -> None:
        initdb, pg_ctl = _pg_tool("initdb"), _pg_tool("pg_ctl")
        if initdb is None or pg_ctl is None:
            pytest.skip("PostgreSQL server tools (initdb, pg_ctl) are not installed (Debian package postgresql)")
        self.pg_ctl = pg_ctl
        self.folder = Path(tempfile.mkdtemp(prefix="ropa-pg-"))
        if _as_root():
            shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"
        subprocess.run(
            _as_server_user(
                [initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"]
            ),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} -c fsync=on"
        )
        subprocess.run(
            _as_server_user(
                [self.pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"]
            ),
            check=True,
            capture_output=True,
        )

    def kill(self) -> None:
        """Stop at once, as a crash would: no checkpoint, clients cut off."""
        subprocess.run(
            _as_server_user([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"]), capture_output=True
        )

    def remove(self) -> None:
        self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        name = f"register_{os.getpid()}_{next(_numbers)}_{int(time.time() * 1000) % 100000}"
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One running cluster for the session's tests."""
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A cluster of the test's own, for tests that kill the server."""
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.remove()


_numbers = itertools.count()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """A new empty database on the session's cluster (no register in it yet)."""
    return pg_cluster.new_database()
