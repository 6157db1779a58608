"""Two editors on one server register, each in its own process: what ``bench_team_server.py`` measures.

Qt-free, so a spawned worker starts quickly. Each editor makes its edits on a
few shared records, each against the value it last read (as the editor does),
so some edits meet the other editor's change first and are refused.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.store.schema import tables


def edit_many(url: str, record_ids: list[int], writer: str, edits: int, results: str) -> None:
    from ropa_desktop.errors import EditConflict

    table = tables["activity"]
    acknowledged: list[str] = []
    conflicts = 0
    timings: list[float] = []
    choose = random.Random(writer).choice
    with server.ServerRegister.open(url) as register:
        started = time.perf_counter()
        for i in range(edits):
            record_id = choose(record_ids)
            with register.read() as conn:
                seen = conn.execute(sa.select(table.c.purpose).where(table.c.id == record_id)).scalar_one()
            value = f"{writer}-{i}"
            t = time.perf_counter()
            try:
                register.apply(ops.Update("activity", record_id, {"purpose": value}, expected={"purpose": seen}))
            except EditConflict:
                conflicts += 1
            else:
                acknowledged.append(value)
            timings.append((time.perf_counter() - t) * 1000)
        elapsed = time.perf_counter() - started
    Path(results).write_text(
        json.dumps({"acknowledged": acknowledged, "conflicts": conflicts, "elapsed": elapsed, "timings": timings})
    )


def two_editors(url: str, record_ids: list[int], edits: int, folder: Path) -> dict[str, Any]:
    """Run two editors at once; return what they were told and what the register's audit trail holds."""
    with server.ServerRegister.open(url) as register:
        latest = register.audit_trail(limit=1)
    before = latest[0]["id"] if latest else 0  # only this run's changes are judged
    spawn = multiprocessing.get_context("spawn")
    outputs = [folder / "editor-a.json", folder / "editor-b.json"]
    workers = [
        spawn.Process(target=edit_many, args=(url, record_ids, name, edits, str(out)))
        for name, out in zip("ab", outputs, strict=True)
    ]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=1800)
        if w.exitcode != 0:
            raise RuntimeError(f"an editor process failed (exit code {w.exitcode})")
    wall = time.perf_counter() - started
    results = [json.loads(out.read_text()) for out in outputs]
    acknowledged = {v for r in results for v in r["acknowledged"]}
    with server.ServerRegister.open(url) as register:
        saved = [
            e
            for e in reversed(register.audit_trail())
            if e["id"] > before
            and e["operation"] == "update"
            and e["field"] == "purpose"
            and e["record_id"] in record_ids
        ]
        current = {a.activity.id: a.activity.purpose for o in register.snapshot().organisations for a in o.activities}
    news = {json.loads(e["new"]) for e in saved}
    # Each record's chain must be unbroken: every saved edit started from the value saved just before it.
    broken = 0
    last: dict[int, str] = {}
    for entry in saved:
        record = entry["record_id"]
        if record in last and json.loads(entry["old"]) != last[record]:
            broken += 1
        last[record] = json.loads(entry["new"])
    broken += sum(1 for record, value in last.items() if current.get(record) != value)
    return {
        "edits": sum(len(r["acknowledged"]) + r["conflicts"] for r in results),
        "acknowledged": len(acknowledged),
        "conflicts": sum(r["conflicts"] for r in results),
        "lost": len(acknowledged - news),
        "unexplained": len(news - acknowledged),
        "broken_chain": broken,
        "wall_seconds": wall,
        "editor_seconds": [r["elapsed"] for r in results],
        "timings": [t for r in results for t in r["timings"]],
    }
