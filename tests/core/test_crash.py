"""Kill a writer with SIGKILL at random moments: the register stays intact and keeps every reported edit."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile

REPO = Path(__file__).resolve().parents[2]
TRIALS = 24

# The child reports an edit only after apply() returned, i.e. after the commit.
CHILD = textwrap.dedent("""
    import sys
    from ropa_desktop.store import operations as ops
    from ropa_desktop.store.register import RegisterFile

    path, trial = sys.argv[1], sys.argv[2]
    reg = RegisterFile.open(path)
    cat = reg.snapshot().organisations[0].personal_data[0].id
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        purpose = f"t{trial}-e{n}"
        created = reg.apply(ops.Create("activity", {"organisation_id": 1, "purpose": purpose, "operations": ["x"] * 20}))
        reg.apply(ops.Batch((
            ops.Update("activity", created.record_id, {"retention": f"r{trial}-{n}"}),
            ops.SetLinks("activity.personal_data", created.record_id, (cat,)),
        )))
        print(purpose, flush=True)
""")


@pytest.mark.slow
def test_sigkill_during_edits_never_loses_a_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.ropa"
    with RegisterFile.create(path) as reg:
        reg.apply(ops.Create("organisation", {"name": "Crash AS"}))
        reg.apply(ops.Create("personal_data", {"organisation_id": 1, "name": "Navn"}))
    rng = random.Random(20261122)
    reported: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(trial)], stdout=subprocess.PIPE, text=True, env=env
        )
        # Wait until it has committed its first edit (start-up and the first fsync take longer on a
        # loaded machine), then kill it mid-flight at a random moment of the edits that follow; so
        # every trial interrupts real work, whatever the machine's load.
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        first = child.stdout.readline().strip()
        assert first.startswith(f"t{trial}-e"), first
        time.sleep(0.05 + rng.random() * 0.3)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        edits = [first, *out.split()]
        reported.extend(edits)

        with RegisterFile.open(path) as reg:
            assert reg.integrity_check() == ["ok"]
            org = reg.snapshot().organisations[0]
            by_purpose = {a.activity.purpose: a for a in org.activities}
            for purpose in reported:
                record = by_purpose[purpose]
                trial_no, n = purpose[1:].split("-e")
                assert record.activity.retention == f"r{trial_no}-{n}"
                assert record.personal_data_ids == [org.personal_data[0].id]
