"""Whole-process start-up benchmark: what a user double-clicking a register or typing ``ropa`` feels.

Run (from the repository root):

    PYTHONPATH=. .venv/bin/python tests/benchmarks/bench_startup.py [--runs 7] [--sizes 10000 100000]

Every figure is a whole process, started fresh and timed from outside (wall clock, and the CPU
time the kernel accounts to the finished child), next to its floor: a bare interpreter for the
``ropa`` command, a bare PySide6 window painting a table for the editor. The commands run in turn,
round after round, so drift in the machine's load spreads over all of them; the medians are printed.
The editor runs offscreen with ``ROPA_EXIT_AFTER_FIRST_PAINT=1``: it ends as soon as the register
is painted (the overview shown on opening, saying its figures are being computed, with the
organisation, tabs and findings pane around it); ``=overview`` waits for the overview's figures. When ``packaging/dist/ropa-desktop`` exists (``packaging/ci-build.sh``) the
frozen programs are measured too, against the same floors.

Targets (issue 16): editor start to first painted typical register < 1.0 s (10,000 activities
< 1.5 s); ``ropa --help`` < 0.15 s; ``ropa info``/``check`` on a typical register < 0.4 s; typical
register → signed PDF < 1.0 s; the frozen bundle within 20 % of these.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "promeister-solutions.json"
BUNDLE = ROOT / "packaging" / "dist" / "ropa-desktop"

# The editor's floor: the least a PySide6 program showing an 11-row table can do.
BARE_TABLE = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
table = QTableWidget(11, 5)
for r in range(11):
    for c in range(5):
        table.setItem(r, c, QTableWidgetItem(f"Formål {r}.{c}"))
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))
        return False
watch = Watch()  # held: Qt does not keep the filter alive
table.viewport().installEventFilter(watch)
table.resize(1200, 800)
table.show()
app.exec()
"""


@dataclass
class Case:
    name: str
    argv: list[str]
    floor: str  # the name of the floor case it is compared with ("" for a floor)
    target: float | None = None  # seconds, wall
    before: list[str] | None = None  # a command run (untimed) before each timed run
    env: dict[str, str] = field(default_factory=dict)  # on top of the common environment
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def run_once(case: Case, env: dict[str, str], cwd: Path) -> None:
    if case.before:
        subprocess.run(case.before, check=True, env=env, cwd=cwd, capture_output=True)
    started = time.perf_counter()
    child = subprocess.Popen(
        case.argv, env={**env, **case.env}, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read() if child.stderr else b""
    if child.returncode not in (0, 1):  # ropa check exits 1 when an error-severity finding exists
        raise SystemExit(f"{case.name}: exit {child.returncode}\n{error.decode(errors='replace')}")
    case.wall.append(wall)
    case.cpu.append(usage.ru_utime + usage.ru_stime)


def environment(home: Path) -> dict[str, str]:
    # No PYTHONDONTWRITEBYTECODE: a user's installation has its bytecode cached, so the runs here do too.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),  # the editor's settings and recent files stay in here
        QT_QPA_PLATFORM="offscreen",
        ROPA_LANG="en",
        ROPA_EXIT_AFTER_FIRST_PAINT="1",
    )
    return env


def prepare(work: Path, python: str, sizes: list[int]) -> dict[str, Path]:
    """The registers and certificate used by the cases; built once, not timed."""
    files: dict[str, Path] = {}
    typical = work / "promeister.ropa"
    code = "import sys; from ropa_desktop.interchange.json_format import import_json_file as f; f(*sys.argv[1:3], True).close()"
    subprocess.run([python, "-c", code, str(SAMPLE), str(typical)], check=True, cwd=ROOT)
    files["typical"] = typical
    for size in sizes:
        path = work / f"synthetic-{size}.ropa"
        t = time.perf_counter()
        build = (
            "import sys; from tests.benchmarks.synthetic import synthetic_document;"
            "from ropa_desktop.interchange.json_format import import_document;"
            "import_document(synthetic_document(int(sys.argv[1])), sys.argv[2]).close()"
        )
        subprocess.run([python, "-c", build, str(size), str(path)], check=True, cwd=ROOT)
        print(f"built the {size:,}-activity register in {time.perf_counter() - t:.1f} s (not timed)")
        files[str(size)] = path
    passphrase = work / "passphrase.txt"
    passphrase.write_text("benchmark passphrase\n", encoding="utf-8")
    p12 = work / "board.p12"
    ropa = [python, "-m", "ropa_desktop.cli"]
    cert = [*ropa, "cert", "create", "--name", "Styreleder", "-o", str(p12), "--passphrase-file", str(passphrase)]
    subprocess.run(cert, check=True, cwd=work, capture_output=True)
    files["p12"], files["passphrase"] = p12, passphrase
    return files


def cases(files: dict[str, Path], work: Path, python: str, frozen: Path | None, sizes: list[int]) -> list[Case]:
    if frozen is None:
        ropa, editor, floor_python = [python, "-m", "ropa_desktop.cli"], [python, "-m", "ropa_desktop.ui.app"], python
        tag = ""
    else:
        ropa, editor, floor_python = [str(frozen / "ropa")], [str(frozen / "ropa-desktop")], python
        tag = "frozen "
    typical = str(files["typical"])
    # Signing records the approval in the register: each run signs a fresh copy.
    signing_copy = work / f"{tag.strip() or 'source'}-signing.ropa"
    copy = [python, "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])", typical, str(signing_copy)]
    pdf = str(work / f"{tag.strip() or 'source'}-board.pdf")
    sign = ["--sign", "--p12", str(files["p12"]), "--passphrase-file", str(files["passphrase"]), "--allow-open-errors"]
    result = [
        Case("floor: bare interpreter", [floor_python, "-c", "pass"], ""),
        Case("floor: bare PySide6 table window", [floor_python, "-c", BARE_TABLE], ""),
        Case(f"{tag}ropa --help", [*ropa, "--help"], "floor: bare interpreter", 0.15),
        Case(f"{tag}ropa info (typical)", [*ropa, "info", typical], "floor: bare interpreter", 0.4),
        Case(f"{tag}ropa check (typical)", [*ropa, "check", typical], "floor: bare interpreter", 0.4),
        Case(
            f"{tag}ropa export signed PDF (typical)",
            [*ropa, "export", str(signing_copy), "--format", "pdf", "-o", pdf, "--force", *sign],
            "floor: bare interpreter",
            1.0,
            before=copy,
        ),
        Case(f"{tag}editor to first paint (typical)", [*editor, typical], "floor: bare PySide6 table window", 1.0),
        # The overview shown on opening, with its figures drawn (the first paint says they are coming).
        Case(
            f"{tag}editor to overview drawn (typical)",
            [*editor, typical],
            "floor: bare PySide6 table window",
            env={"ROPA_EXIT_AFTER_FIRST_PAINT": "overview"},
        ),
    ]
    for size in sizes:
        target = 1.5 if size == 10_000 else None
        result.append(
            Case(f"{tag}editor to first paint ({size:,})", [*editor, str(files[str(size)])], result[1].name, target)
        )
    if frozen is not None:
        for case in result[2:]:
            case.target = case.target * 1.2 if case.target else None
    return result


def report(all_cases: list[Case]) -> None:
    by_name = {c.name: c for c in all_cases}
    # On a loaded machine wall time mostly measures the others' work; CPU time (user + system, the
    # kernel's accounting of the finished process) is the steadier figure, so both get a ratio.
    header = f"{'wall median':>12} {'(min–max)':>15} {'× floor':>8} {'cpu median':>11} {'× floor':>8} {'target':>8}"
    print(f"\n{'':44} {header}")
    for case in all_cases:
        wall, cpu = statistics.median(case.wall), statistics.median(case.cpu)
        floor = by_name[case.floor] if case.floor else None
        ratio = f"{wall / statistics.median(floor.wall):.1f}×" if floor else ""
        cpu_ratio = f"{cpu / statistics.median(floor.cpu):.1f}×" if floor else ""
        target = ""
        if case.target:
            target = f"< {case.target:.2f}" + (" ok" if wall < case.target else " MISS")
        spread = f"({min(case.wall):.2f}–{max(case.wall):.2f})"
        print(f"{case.name:44} {wall:>10.3f} s {spread:>15} {ratio:>8} {cpu:>9.3f} s {cpu_ratio:>8} {target:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (after one warm-up)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic register sizes")
    parser.add_argument("--no-frozen", action="store_true", help="skip the frozen bundle even when it is built")
    parser.add_argument("--frozen-only", action="store_true", help="the floors and the frozen bundle only")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout (e.g. a worktree of main): its commands run in the same rounds, for before/after",
    )
    args = parser.parse_args()
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="ropa-startup bench æøå "))
    try:
        files = prepare(work, python, args.sizes)
        env = environment(work / "home")
        env["PYTHONPATH"] = str(ROOT)
        all_cases = cases(files, work, python, None, args.sizes)
        if args.baseline is not None:
            # The same commands from the other checkout's code, interleaved with these in every round,
            # so both see the same load; the registers are built once, by this checkout.
            before = cases(files, work, python, None, args.sizes)[2:]
            for case in before:
                case.name = f"baseline: {case.name}"
                case.env = {**case.env, "PYTHONPATH": str(args.baseline.resolve())}
            all_cases += before
        frozen = BUNDLE if (BUNDLE / "ropa").exists() and not args.no_frozen else None
        if frozen is not None:
            if args.frozen_only:
                all_cases = all_cases[:2]
            all_cases += cases(files, work, python, frozen, args.sizes)[2:]
        print(
            f"{len(all_cases)} commands, one warm-up round and {args.runs} timed rounds, in turn; {os.cpu_count()} CPUs"
        )
        for case in all_cases:
            run_once(case, env, work)
            case.wall.clear()
            case.cpu.clear()
        for _round in range(args.runs):
            for case in all_cases:
                run_once(case, env, work)
        report(all_cases)
        if frozen is None:
            print("\n(no frozen bundle in packaging/dist: run packaging/ci-build.sh to measure it too)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
