"""The rules reference: docs/rules.md is generated from the rules and up to date; --explain prints a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.checks.engine import load_rules
from ropa_desktop.checks.reference import rules_markdown
from ropa_desktop.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), "run: python tools/rules_doc.py"


def test_every_rule_has_its_page() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for rule_id, r in load_rules().items():
        assert r.article and r.why and r.fix, rule_id
        assert f"\n## {rule_id}\n" in doc


@pytest.mark.parametrize(("lang", "heading"), [("en", "How to fix"), ("nb", "Slik retter du")])
def test_explain(lang: str, heading: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", lang, "check", "--explain", "activity.retention.vague"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("activity.retention.vague: ")
    assert heading in out and "30(1)(f)" in out


def test_explain_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--explain", "no.such.rule"]) == 2
    assert "no.such.rule" in capsys.readouterr().err
