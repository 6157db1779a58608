"""`ropa check` on registers from notices the project had never seen (issue 13's bar: recall 80 %, precision 95 %)."""

from __future__ import annotations

import json

import pytest

from tools import unseen_score


def test_each_register_cites_its_notice_and_has_a_consultants_list() -> None:
    names = unseen_score.registers()
    assert len(names) >= 3
    for name in names:
        doc = json.loads((unseen_score.FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
        assert "https://" in doc["organisations"][0]["notes"]
        expected, _, _ = unseen_score.read_expectations(unseen_score.FIXTURES / f"{name}.md")
        assert len(expected) >= 10, name


@pytest.mark.parametrize("name", unseen_score.registers())
def test_recall_and_precision(name: str) -> None:
    score = unseen_score.score(name)
    recall, precision = unseen_score.totals([score])
    assert recall >= 0.8, [x.text for x in score.missed]
    assert precision >= 0.95, [f.render() for f in score.wrong]
