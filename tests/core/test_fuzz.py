"""Fuzz: mutated registers, JSON files and workbooks through the real ``ropa`` command (issue 11).

Seeded and bounded: the same 300 inputs of each kind every run. Each goes through
the command in-process (a few through a real subprocess too), and every outcome must
be an exit status of 0, 1 or 2, no traceback, the input byte-for-byte unchanged and
nothing left in the folder but the input and a completed output.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ropa_desktop.exports.xlsx import export_xlsx
from ropa_desktop.i18n import translator
from ropa_desktop.interchange import json_format
from tests.core.helpers import run_cli

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "promeister-solutions.json"
SEED = 20261128
CASES = 300
SUBPROCESS_CASES = 4  # of each kind, through `python -m ropa_desktop.cli`

HOSTILE_TEXTS = [
    "",
    " ",
    "\ud800",
    "\udfff x",
    "\ufffe\uffff",
    "\x00\x01\x1b[31m",
    '=HYPERLINK("http://x")',
    "'; DROP TABLE organisation; --",
    "Æøå " * 3000,
    "x" * 40_000,
    "\u202e\u200b",
    "1e309",
    "NaN",
]
HOSTILE_VALUES: list[Any] = [
    *HOSTILE_TEXTS,
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63) - 1,
    2**64,
    1e308,
    3.5,
    [],
    {},
    [None],
    {"": {}},
    [[[[[]]]]],
    ["x"] * 1000,
]


UNEXPECTED: Counter[str] = Counter()  # errors we could name only by their type, per kind (printed)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- mutations


def _mutate_json(rng: random.Random, base: dict[str, Any]) -> bytes:
    doc = json.loads(json.dumps(base))
    choice = rng.random()
    if choice < 0.1:
        depth = rng.choice([999, 1_000, 5_000, 100_000])
        return ("[" * depth + "]" * depth).encode()
    if choice < 0.2:
        raw = bytearray(json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode())
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    for _ in range(rng.randint(1, 4)):
        node: Any = doc
        path: list[Any] = []
        # Walk down to a random container.
        while True:
            if isinstance(node, dict) and node and rng.random() < 0.8:
                key = rng.choice(list(node))
            elif isinstance(node, list) and node and rng.random() < 0.8:
                key = rng.randrange(len(node))
            else:
                break
            path.append((node, key))
            node = node[key]
        if not path:
            continue
        parent, key = path[-1]
        action = rng.random()
        if action < 0.6:
            parent[key] = rng.choice(HOSTILE_VALUES)
        elif action < 0.8 and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, dict):
            parent[rng.choice(["id", "name", "activities", "x", "recipient_id", "position"])] = rng.choice(
                HOSTILE_VALUES
            )
        else:
            parent.append(rng.choice(HOSTILE_VALUES))
    return json.dumps(doc, ensure_ascii=True).encode()


_CELL_VALUE = re.compile(rb"<v>[^<]*</v>")
_CELL_TEXT = re.compile(rb"<t(?: [^>]*)?>[^<]*</t>")


def _xml_text(text: str) -> bytes:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.encode("utf-8", "surrogatepass")


def _mutate_xlsx(rng: random.Random, parts: dict[str, bytes], raw: bytes) -> bytes:
    if rng.random() < 0.15:
        damaged = bytearray(raw)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        return bytes(damaged)
    changed = dict(parts)
    names = [n for n in parts if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"]
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(names)
        data = changed[name]
        action = rng.random()
        if action < 0.35:
            matches = list(_CELL_VALUE.finditer(data))
            if matches:
                m = rng.choice(matches)
                value = rng.choice([b"", b"-1", b"1e300", b"45292", b"99999999999999999999", b"x", b"0.5"])
                data = data[: m.start()] + b"<v>" + value + b"</v>" + data[m.end() :]
        elif action < 0.75:
            matches = list(_CELL_TEXT.finditer(data))
            if matches:
                m = rng.choice(matches)
                data = data[: m.start()] + b"<t>" + _xml_text(rng.choice(HOSTILE_TEXTS)) + b"</t>" + data[m.end() :]
        elif action < 0.9:
            cells = list(re.finditer(rb"<c [^>]*?(?:/>|>.*?</c>)", data))
            if cells:
                m = rng.choice(cells)
                data = data[: m.start()] + data[m.end() :]
        else:
            position = rng.randrange(len(data))
            data = data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
        changed[name] = data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in changed.items():
            zf.writestr(name, data)
    return out.getvalue()


def _mutate_register(rng: random.Random, base: bytes, folder: Path) -> bytes:
    if rng.random() < 0.45:
        damaged = bytearray(base)
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(100, len(damaged)) if rng.random() < 0.9 else rng.randrange(len(damaged))
            damaged[at] = rng.randrange(256)
        if rng.random() < 0.1:
            damaged = damaged[: rng.randrange(len(damaged))]
        return bytes(damaged)
    scratch = folder / "scratch.ropa"
    scratch.write_bytes(base)
    conn = sqlite3.connect(scratch)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        if r[0] != "audit_entry"
    ]
    for _ in range(rng.randint(1, 3)):
        table = rng.choice(tables)
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        column = rng.choice(columns)
        value = rng.choice(["yesterday", "{", "[1,", '["zz"]', 2**62, -5, 1.5, b"\xff\xfe", "", None, "x" * 5000])
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute(f'UPDATE "{table}" SET "{column}" = ?', (value,))
        except sqlite3.DatabaseError:
            pass  # a constraint refused it: the register stays valid
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = scratch.read_bytes()
    scratch.unlink()
    return data


# --------------------------------------------------------------------------- running


def _check(folder: Path, source: Path, before: str, argv: list[str | Path], output: Path, via: str) -> int:
    if via == "subprocess":
        done = subprocess.run(
            [sys.executable, "-m", "ropa_desktop.cli", *map(str, argv)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO), "ROPA_LANG": "en"},
            timeout=300,
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        code, out, err = run_cli(*argv)
    assert code in (0, 1, 2), (source.name, code, err[-2000:])
    if "Unexpected error" in err:
        UNEXPECTED[folder.name] += 1
    assert "Traceback" not in out + err, err[-2000:]
    if code == 2:
        assert err.startswith("ropa: "), err[-500:]
    assert _digest(source) == before, source.name
    left = {p.name for p in folder.iterdir()}
    expected = {source.name} | ({output.name} if code in (0, 1) and output.exists() else set())
    assert left == expected, (source.name, sorted(left - expected))
    output.unlink(missing_ok=True)
    return code


def _run_kind(
    tmp_path: Path, kind: str, make: Callable[[random.Random], bytes], commands: Callable[[Path, Path, int], list[Any]]
) -> Counter[int]:
    rng = random.Random(f"{SEED}-{kind}")
    folder = tmp_path / kind
    folder.mkdir()
    outcomes: Counter[int] = Counter()
    for case in range(CASES):
        source = folder / f"case{case}.{kind}"
        source.write_bytes(make(rng))
        before = _digest(source)
        output = folder / f"out{case}"
        argv = commands(source, output, case)
        output = Path(argv[argv.index("-o") + 1]) if "-o" in argv else output
        via = "subprocess" if case < SUBPROCESS_CASES else "in-process"
        outcomes[_check(folder, source, before, argv, output, via)] += 1
        source.unlink()
    return outcomes


@pytest.mark.parametrize("kind", ["json", "xlsx", "ropa"])
def test_fuzz_json_xlsx_and_registers(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One kind per test, so parallel workers (pytest-xdist) share the 900 inputs."""
    base_doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    base_dir = tmp_path / "base"
    base_dir.mkdir()
    with json_format.import_document(base_doc, base_dir / "base.ropa") as reg:
        export_xlsx(reg.snapshot(), base_dir / "base.xlsx", translator("nb"))
    register = (base_dir / "base.ropa").read_bytes()
    workbook = (base_dir / "base.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}

    def imports(source: Path, output: Path, case: int) -> list[Any]:
        return ["import", source, "-o", output.with_suffix(".ropa")]

    def register_commands(source: Path, output: Path, case: int) -> list[Any]:
        choice = case % 10
        if choice < 3:
            return ["info", source]
        if choice < 6:
            return ["check", source]
        fmt = "pdf" if choice == 9 and case % 30 == 9 else ("xlsx" if choice == 8 else "json")
        return ["export", source, "--format", fmt, "-o", output.with_suffix(f".{fmt}")]

    makers: dict[str, tuple[Callable[[random.Random], bytes], Callable[[Path, Path, int], list[Any]]]] = {
        "json": (lambda rng: _mutate_json(rng, base_doc), imports),
        "xlsx": (lambda rng: _mutate_xlsx(rng, parts, workbook), imports),
        "ropa": (lambda rng: _mutate_register(rng, register, base_dir), register_commands),
    }
    outcomes = _run_kind(tmp_path, kind, *makers[kind])
    with capsys.disabled():
        summary = ", ".join(f"exit {code}: {count}" for code, count in sorted(outcomes.items()))
        print(f"\nfuzz {kind}: {sum(outcomes.values())} inputs ({summary}; {UNEXPECTED[kind]} 'unexpected error')")
    assert sum(outcomes.values()) == CASES, kind
    assert UNEXPECTED[kind] == 0, f"{kind}: {UNEXPECTED[kind]} inputs got the generic 'unexpected error'"
    assert outcomes[2] > 0, f"no {kind} mutation was refused: the mutations are too weak"
