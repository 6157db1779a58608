"""Two processes edit the same field of one server register at once: every acknowledged edit is kept or refused.

Each process makes 500 edits, each against the value it last read. The store
either saves an edit (acknowledged) or refuses it as a conflict. Afterwards the
audit trail must hold every acknowledged edit, in one unbroken chain (each
change's old value is the previous change's new value): no edit overwrote
another that its writer had not seen. 0 lost.
"""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
import sqlalchemy as sa

from ropa_desktop.store import operations as ops
from ropa_desktop.store import server
from ropa_desktop.store.schema import tables

EDITS = 500


def edit_many(url: str, record_id: int, writer: str, results: str) -> None:
    from ropa_desktop.errors import EditConflict

    table = tables["activity"]
    acknowledged: list[str] = []
    conflicts = 0
    with server.ServerRegister.open(url) as register:
        for i in range(EDITS):
            with register.read() as conn:
                seen = conn.execute(sa.select(table.c.purpose).where(table.c.id == record_id)).scalar_one()
            value = f"{writer}-{i}"
            try:
                register.apply(ops.Update("activity", record_id, {"purpose": value}, expected={"purpose": seen}))
            except EditConflict:
                conflicts += 1
            else:
                acknowledged.append(value)
    Path(results).write_text(json.dumps({"acknowledged": acknowledged, "conflicts": conflicts}))


@pytest.mark.slow
def test_two_editors_500_conflicting_edits_each_lose_nothing(pg_url: str, tmp_path: Path) -> None:
    server.init_server(pg_url)
    with server.ServerRegister.open(pg_url) as register:
        org = register.apply(ops.Create("organisation", {"name": "Konsulenthuset"})).record_id
        record_id = register.apply(ops.Create("activity", {"organisation_id": org, "purpose": "start"})).record_id
    assert record_id is not None
    spawn = multiprocessing.get_context("spawn")
    outputs = [tmp_path / "a.json", tmp_path / "b.json"]
    workers = [
        spawn.Process(target=edit_many, args=(pg_url, record_id, name, str(out)))
        for name, out in zip("ab", outputs, strict=True)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=600)
        assert w.exitcode == 0
    results = [json.loads(out.read_text()) for out in outputs]
    acknowledged = [v for r in results for v in r["acknowledged"]]
    conflicts = sum(r["conflicts"] for r in results)
    assert len(acknowledged) + conflicts == 2 * EDITS

    with server.ServerRegister.open(pg_url) as register:
        trail = [
            e
            for e in reversed(register.audit_trail())
            if e["operation"] == "update" and e["record_id"] == record_id and e["field"] == "purpose"
        ]
    news = [json.loads(e["new"]) for e in trail]
    olds = [json.loads(e["old"]) for e in trail]
    assert sorted(news) == sorted(acknowledged)  # every acknowledged edit is there, nothing else
    assert olds == ["start", *news[:-1]]  # one unbroken chain: no edit overwrote an unseen one
    print(f"\n{len(acknowledged)} edits saved, {conflicts} refused as conflicts, 0 lost")
