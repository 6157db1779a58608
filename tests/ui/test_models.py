"""Every model passes Qt's model tester; paging, filtering and footnotes behave."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain.labels import label
from ropa_desktop.store import operations as ops
from ropa_desktop.store.register import RegisterFile
from ropa_desktop.ui import purpose_model as pm
from ropa_desktop.ui import record_model as rec
from ropa_desktop.ui.findings import FindingsModel
from ropa_desktop.ui.session import RegisterSession
from tests import promeister as sample

SUPERSCRIPTS = " ¹²³⁴⁵⁶⁷⁸⁹"  # footnote n is marked SUPERSCRIPTS[n]


def test_purpose_model(qtmodeltester: Any, promeister: RegisterFile) -> None:
    session = RegisterSession(promeister)
    model = pm.PurposeTableModel()
    model.load(session, 1)
    qtmodeltester.check(model)
    assert model.rowCount() == len(sample.activities())
    assert model.headerData(pm.LEGAL_BASIS, Qt.Orientation.Horizontal) == "Legal basis"
    first = model.index(0, pm.PROCESSING).data()
    assert first.startswith("• Gi deg rettighet") and "\n• Kontrollere identitet" in first
    # Each art. 6(1)(f) activity carries the mark of its balancing test; identical tests share one.
    notes = sample.balancing_tests()
    rows = [r for r, a in enumerate(sample.activities()) if "f" in a["legal_basis"]]
    expected = [
        f"Legitimate interests {SUPERSCRIPTS[notes.index(sample.activities()[r]['balancing_test']) + 1]}" for r in rows
    ]
    bases = [model.index(r, pm.LEGAL_BASIS).data().split("\n") for r in rows]
    assert [next(line for line in lines if "Legitimate" in line) for lines in bases] == expected
    assert len(set(expected)) == len(notes) >= 3
    tooltip = model.index(rows[0], pm.LEGAL_BASIS).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("¹ " + notes[0][:40])


def test_special_categories_are_marked(promeister: RegisterFile) -> None:
    model = pm.PurposeTableModel()
    model.load(RegisterSession(promeister), 1)
    special = {c["id"]: c["name"] for c in sample.organisation()["personal_data_categories"] if c.get("special")}
    row, activity = next(
        (r, a) for r, a in enumerate(sample.activities()) if set(a["personal_data"]) & set(special.values())
    )
    shown = model.index(row, 2).data().split("\n")
    for name in activity["personal_data"]:
        assert f"• {name} (special category)" in shown if name in special.values() else f"• {name}" in shown


def test_paging_and_filter(qtmodeltester: Any, register: RegisterFile) -> None:
    rows = [ops.Create("activity", {"organisation_id": 1, "purpose": f"Formål {i}"}) for i in range(pm.PAGE + 50)]
    register.apply(ops.Batch(tuple(rows)))
    model = pm.PurposeTableModel()
    model.load(RegisterSession(register), 1)
    assert model.rowCount() == pm.PAGE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == pm.PAGE + 50 and not model.canFetchMore()
    model.set_filter("formål 4")
    # Filtering looks at every row, fetched or not; the matches come in register order.
    matches = [f"Formål {i}" for i in range(pm.PAGE + 50) if str(i).startswith("4")]
    assert len(matches) > 1
    model.fetch_all()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == matches
    model.set_filter("")
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 0).data() == "Formål 99"
    model.sort(-1)
    assert model.index(0, 0).data() == "Formål 0"


@pytest.mark.parametrize(
    "spec",
    [
        rec.SHARING,
        rec.PROCESSORS,
        rec.TRANSFERS,
        rec.SECURITY,
        rec.PERSONAL_DATA,
        rec.DATA_SUBJECTS,
        rec.SOURCES,
        rec.CHANGE_LOG,
    ],
)
def test_record_models(qtmodeltester: Any, promeister: RegisterFile, spec: rec.TableSpec) -> None:
    promeister.apply(ops.Create("transfer", {"organisation_id": 1, "country": "US", "mechanism": "scc"}))
    promeister.apply(ops.Create("change_log", {"organisation_id": 1, "when": "2024-05-27", "text": "Oppdatert"}))
    model = rec.RecordTableModel(spec)
    model.load(RegisterSession(promeister), 1)
    qtmodeltester.check(model)


def test_sharing_table_shows_the_notice(promeister: RegisterFile) -> None:
    model = rec.RecordTableModel(rec.SHARING)
    model.load(RegisterSession(promeister), 1)
    sharing = [r for r in sample.organisation()["recipients"] if r.get("role")]  # processors have none here
    assert model.rowCount() == len(sharing)
    names = {c["id"]: c["name"] for c in sample.organisation()["personal_data_categories"]}
    first = sharing[0]
    assert model.index(0, 0).data() == first["name"] == "Statens vegvesen"
    assert model.index(0, 1).data() == "Independent controller"
    assert model.index(0, 3).data() == "\n".join("• " + names[i] for i in first["personal_data"])
    assert model.index(0, 4).data() == "Performance of a contract"


def test_findings_model(qtmodeltester: Any, promeister: RegisterFile) -> None:
    model = FindingsModel()
    model.set_findings(run_checks(promeister.snapshot()))
    qtmodeltester.check(model)
    assert model.rowCount() > 0
    assert model.index(0, 0).data().endswith("Error")


def test_findings_pane_counts_all_but_lists_the_first(qtbot: Any, promeister: RegisterFile) -> None:
    from collections import Counter

    from ropa_desktop.ui.findings import FindingsPane

    findings = run_checks(promeister.snapshot())
    pane = FindingsPane()
    qtbot.addWidget(pane)
    pane.set_findings(findings[:3], Counter(f.severity for f in findings))
    assert pane.model.rowCount() == 3
    assert pane.summary.text().startswith(f"{len(findings)} findings")
    assert pane.summary.text().endswith("showing the first 3")


def test_transfer_table_edits_recipient_other_mechanisms_and_recipients(promeister: RegisterFile) -> None:
    """Issue 13: a transfer may rest on several mechanisms and go to several recipients; the editor sets both."""
    promeister.apply(ops.Create("transfer", {"organisation_id": 1, "country": "US", "mechanism": "adequacy"}))
    recipients = [(r["id"], r["name"]) for r in sample.organisation()["recipients"]][:3]
    model = rec.RecordTableModel(rec.TRANSFERS)
    model.load(RegisterSession(promeister), 1)
    col = {c.field: i for i, c in enumerate(rec.TRANSFERS.columns)}
    assert rec.TRANSFERS.columns[col["other_mechanisms"]].kind == "choices"
    assert model.setData(model.index(0, col["recipient_id"]), recipients[0][0])
    assert model.setData(model.index(0, col["other_mechanisms"]), ["scc", "bcr"])
    assert model.setData(model.index(0, col["recipients"]), [recipients[2][0], recipients[1][0]])
    model.reload()
    assert model.index(0, col["recipient_id"]).data() == recipients[0][1]
    mechanisms = [label(v, vocabulary=e.TransferMechanism) for v in ("scc", "bcr")]
    assert model.index(0, col["other_mechanisms"]).data() == "\n".join(mechanisms)
    assert model.index(0, col["recipients"]).data() == f"• {recipients[2][1]}\n• {recipients[1][1]}"
    transfer = promeister.snapshot().organisations[0].transfers[0]
    assert transfer.recipient_id == recipients[0][0] and transfer.other_mechanisms == ["scc", "bcr"]
    assert promeister.snapshot().organisations[0].transfer_recipient_ids[transfer.id or 0] == [
        recipients[2][0],
        recipients[1][0],
    ]
