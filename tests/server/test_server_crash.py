"""Killing the server in the middle of edits loses no acknowledged edit, and the editor gets a message, not a crash."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from tests.postgres_cluster import Cluster


def edit_until_refused(url: str, organisation_id: int, log: str) -> None:
    from ropa_desktop.errors import RopaError

    with server.ServerRegister.open(url) as register, open(log, "a", encoding="utf-8") as acknowledged:
        for i in range(100_000):
            purpose = f"edit {i}"
            try:
                register.apply(ops.Create("activity", {"organisation_id": organisation_id, "purpose": purpose}))
            except RopaError as exc:  # the lost connection, as a message
                acknowledged.write(f"REFUSED {type(exc).__name__}\n")
                return
            acknowledged.write(purpose + "\n")  # only after apply returned: the edit was acknowledged
            acknowledged.flush()


@pytest.mark.slow
def test_killing_the_server_mid_edits_loses_no_acknowledged_edit(own_cluster: Cluster, tmp_path: Path) -> None:
    url = own_cluster.new_database()
    server.init_server(url)
    with server.ServerRegister.open(url) as register:
        org = register.apply(ops.Create("organisation", {"name": "Krasjtest AS"})).record_id
    assert org is not None
    log = tmp_path / "acknowledged.txt"
    log.touch()
    worker = multiprocessing.get_context("spawn").Process(target=edit_until_refused, args=(url, org, str(log)))
    worker.start()
    deadline = time.monotonic() + 120
    while len(log.read_text(encoding="utf-8").splitlines()) < 100 and time.monotonic() < deadline:
        time.sleep(0.05)
    own_cluster.kill()
    worker.join(timeout=120)
    assert worker.exitcode == 0  # no traceback: the lost connection was a message
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "REFUSED ServerUnreachable"
    acknowledged = lines[:-1]
    assert len(acknowledged) >= 100

    own_cluster.start()
    with server.ServerRegister.open(url) as register:
        stored = {a.activity.purpose for a in register.snapshot().organisations[0].activities}
    missing = [p for p in acknowledged if p not in stored]
    assert missing == []
    print(f"\n{len(acknowledged)} acknowledged edits before the kill, {len(stored)} stored after restart, 0 lost")
