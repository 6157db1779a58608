"""Recall and precision of `ropa check` on registers from notices the project had never seen.

Reads ``tests/fixtures/unseen/*.json`` (the registers) and the ``*.md`` beside each (a consultant's
findings, and the judgement of what else the check reported), runs every rule, and prints per register
and in total: the consultant's findings the check reported (recall), and the check's findings that are
right (precision). Usage::

    python tools/unseen_score.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ropa_desktop.checks.engine import Finding, run_checks  # noqa: E402
from ropa_desktop.interchange import json_format  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "unseen"
_ROW = re.compile(r"^\|\s*(?:[A-Z]\d+\s*\|\s*)?([\w.—-]+)\s*\|\s*(\w+)\s*\|\s*([\d*]+)\s*\|\s*(.*?)\s*\|$")


@dataclass(frozen=True)
class Expected:
    rule: str  # "—" when no rule can report it
    entity: str
    record: str  # an id, or "*" for any record
    text: str

    def matches(self, f: Finding) -> bool:
        return f.rule_id == self.rule and f.entity == self.entity and self.record in ("*", str(f.record_id))


@dataclass
class Score:
    name: str
    expected: list[Expected]
    also_right: list[Expected]
    also_wrong: list[Expected]
    findings: list[Finding]

    @property
    def found(self) -> list[Expected]:
        return [x for x in self.expected if any(x.matches(f) for f in self.findings)]

    @property
    def missed(self) -> list[Expected]:
        return [x for x in self.expected if x not in self.found]

    def right(self, f: Finding) -> bool:
        return any(x.matches(f) for x in (*self.expected, *self.also_right))

    @property
    def wrong(self) -> list[Finding]:
        return [f for f in self.findings if not self.right(f)]


def read_expectations(md: Path) -> tuple[list[Expected], list[Expected], list[Expected]]:
    """The consultant's list, and the "Also reported" rows judged right and wrong."""
    text = md.read_text(encoding="utf-8")
    head, _, tail = text.partition("## Also reported")
    expected = [Expected(*m.groups()) for m in map(_ROW.match, head.splitlines()) if m and m.group(1) != "rule"]
    also = [Expected(*m.groups()) for m in map(_ROW.match, tail.splitlines()) if m and m.group(1) != "rule"]
    right = [x for x in also if x.text.startswith("right")]
    wrong = [x for x in also if x.text.startswith("wrong")]
    return expected, right, wrong


def score(name: str, folder: Path = FIXTURES) -> Score:
    expected, right, wrong = read_expectations(folder / f"{name}.md")
    doc = json_format.parse((folder / f"{name}.json").read_bytes())
    with tempfile.TemporaryDirectory() as tmp, json_format.import_document(doc, Path(tmp) / "r.ropa") as reg:
        findings = run_checks(reg.snapshot())
    return Score(name, expected, right, wrong, findings)


def registers(folder: Path = FIXTURES) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.json"))


def totals(scores: list[Score]) -> tuple[float, float]:
    expected = sum(len(s.expected) for s in scores)
    found = sum(len(s.found) for s in scores)
    reported = sum(len(s.findings) for s in scores)
    wrong = sum(len(s.wrong) for s in scores)
    return found / expected, (reported - wrong) / reported if reported else 1.0


def main() -> int:
    scores = [score(name) for name in registers()]
    for s in scores:
        print(
            f"{s.name:16} consultant's findings {len(s.expected):3}  found {len(s.found):3}  "
            f"check's findings {len(s.findings):3}  wrong {len(s.wrong):2}"
        )
        for x in s.missed:
            print(f"    missed: {x.rule} {x.entity} {x.record}: {x.text}")
        for f in s.wrong:
            print(f"    wrong:  {f.rule_id} {f.entity} {f.record_id}")
    recall, precision = totals(scores)
    print(f"recall {recall:.0%}  precision {precision:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
