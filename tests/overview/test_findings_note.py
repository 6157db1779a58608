"""The Overview's "Most frequent" line names the rules by their translated titles, never their ids."""

from __future__ import annotations

from ropa_desktop.checks.engine import load_rules, run_checks
from ropa_desktop.i18n import translator
from ropa_desktop.overview.dashboard import findings_figure
from ropa_desktop.store.register import RegisterFile


def test_most_frequent_rules_are_named_by_their_nb_titles(promeister: RegisterFile) -> None:
    snapshot = promeister.snapshot()
    findings = run_checks(snapshot)
    org = snapshot.organisations[0]
    nb = translator("nb")
    note = findings_figure(org, findings, nb).note
    assert note
    rules = load_rules()
    assert not any(rule_id in note for rule_id in rules)  # no "activity.retention.missing"
    top = max(
        (f.rule_id for f in findings if f.organisation_id == org.organisation.id),
        key=lambda r: sum(1 for f in findings if f.rule_id == r and f.severity.value != "info"),
    )
    title = nb.gettext(rules[top].description)
    assert title != rules[top].description and title in note  # translated, not the English msgid
