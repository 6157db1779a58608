"""A throw-away PostgreSQL cluster on the loopback address in a temporary folder, for the tests.

Started with the server's own tools (``initdb``, ``pg_ctl`` from Debian's
postgresql package, which ``.ci/run`` installs). PostgreSQL refuses to run as
root, so as root the cluster runs as the ``postgres`` system user. Where the
tools or the driver are missing, the tests that need a server are skipped
with the reason; CI has both.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def missing() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    if importlib.util.find_spec("psycopg") is None:
        return "the PostgreSQL tests need psycopg (pip install -e '.[server]')"
    if _pg_tool("initdb") is None or _pg_tool("pg_ctl") is None:
        return "PostgreSQL server tools (initdb, pg_ctl) are not installed (Debian package postgresql)"
    return None


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

    def new_database(self, template: str | None = None) -> str:
        """A new database; a copy of ``template`` (a database of this cluster) when given."""
        import psycopg

        name = f"register_{os.getpid()}_{next(_numbers)}_{int(time.time() * 1000) % 100000}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return f"{self.url}/{name}"

    def drop_database(self, url: str) -> None:
        """Remove a test's database (an empty register database takes some 8 MB), cutting off any connection left."""
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(f"{self.url}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_numbers = itertools.count()
