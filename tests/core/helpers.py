"""Helpers shared by the core tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_register(path: Path, activities: int = 30) -> Path:
    """A closed register with some real content spread over several pages."""
    with RegisterFile.create(path) as reg:
        org = reg.apply(ops.Create("organisation", {"name": "ProMeister Solutions AS", "orgnr": "917100462"})).record_id
        cat = reg.apply(ops.Create("personal_data", {"organisation_id": org, "name": "Navn"})).record_id or 0
        reg.apply(
            ops.Batch(
                tuple(
                    ops.Create(
                        "activity",
                        {
                            "organisation_id": org,
                            "purpose": f"Formål {i} " + "lang tekst " * 40,
                            "operations": [f"Behandling {i}.{j}" for j in range(5)],
                            "legal_basis": ["b"],
                        },
                    )
                    for i in range(activities)
                )
            )
        )
        first = reg.snapshot().organisations[0].activities[0].activity.id or 0
        reg.apply(ops.SetLinks("activity.personal_data", first, (cat,)))
    return path


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    """The ``ropa`` command in-process: (exit status, stdout, stderr)."""
    import contextlib
    import io

    from ropa_desktop import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def run_unprivileged(*args: str | Path) -> tuple[int, str, str]:
    """``run_cli`` as a user without root's powers, so that file modes count (root ignores them).

    When the tests run as root (a container), a forked child drops to ``nobody`` first; the
    modules the command needs are imported before, as that user cannot read root's Python.
    """
    import os
    import pickle

    if not hasattr(os, "geteuid") or os.geteuid() != 0:  # Windows has no root to drop
        return run_cli(*args)
    import ropa_desktop.exports.xlsx
    import ropa_desktop.interchange.json_format  # noqa: F401

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result: object = run_cli(*args)
        except BaseException as exc:
            result = (99, "", f"{type(exc).__name__}: {exc}")
        with os.fdopen(write_end, "wb") as fh:
            fh.write(pickle.dumps(result))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    code, out, err = pickle.loads(data)
    return int(code), str(out), str(err)
