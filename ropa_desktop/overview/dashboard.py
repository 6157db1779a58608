"""The overview dashboard's figures for one organisation.

Each bar carries the records it counts, so the editor can lead from a number
to its rows and a test can check a count against its ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ropa_desktop.checks.engine import SEVERITY_LABELS, Finding, Severity, load_rules
from ropa_desktop.checks.rules import REVIEW_INTERVAL
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels
from ropa_desktop.domain.countries import transfer_rules
from ropa_desktop.domain.fields import CATALOGUE, FIELDS, FieldKind, Required, field_label, is_required
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import N_, Translator, current
from ropa_desktop.overview.datamap import RecordRef


@dataclass
class Bar:
    label: str
    count: int
    ids: tuple[int, ...] = ()  # the records counted, all of ``entity``
    tone: str = "neutral"  # "good", "warning", "bad", "neutral": the colour the renderers give it
    entity: str = "activity"
    more: tuple[RecordRef, ...] = ()  # records of other kinds (a finding's record, a country's transfers)
    of: int = 0  # what this bar's count is a share of, when not the figure's total
    missing: tuple[int, ...] = ()  # completeness: the activities that do not state the element

    @property
    def records(self) -> tuple[RecordRef, ...]:
        return tuple(RecordRef(self.entity, i) for i in self.ids) + self.more


@dataclass
class Figure:
    key: str
    title: str
    bars: list[Bar] = field(default_factory=list)
    total: int = 0  # what a bar's count is a share of; 0 when the bars are plain counts
    note: str = ""


@dataclass
class Dashboard:
    organisation: str
    activity_count: int
    figures: list[Figure]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def _acts(records: list[ActivityRecord]) -> tuple[int, ...]:
    return tuple([r.activity.id or 0 for r in records])


def _states_security(org: OrganisationRegister) -> Callable[[ActivityRecord], bool]:
    everywhere = any(s.applies_to_all for s in org.security_measures)
    return lambda r: everywhere or bool(r.security_measure_ids)


def _stated(org: OrganisationRegister, field: str) -> Callable[[ActivityRecord], bool]:
    """Whether an activity states a required element; the elements that live elsewhere are read there."""
    if field == "security_measures":
        return _states_security(org)
    if field == "retention":
        return lambda r: bool(r.activity.retention.strip()) or r.activity.retention_duration is not None
    if field == "transfers":
        # Stated when the register says where each recipient's data goes (a country, or a transfer record):
        # only then can a reader tell whether the data leave the EEA (art. 30(1)(e)). None to state is fine.
        # one pass over the transfers, not one per recipient: 10,000-activity registers have thousands of each
        known = {t.recipient_id for t in org.transfers}
        known.update(i for ids in org.transfer_recipient_ids.values() for i in ids)
        known.update(rid for rid, rec in org.recipients_by_id.items() if rec.recipient.country.strip())
        return lambda r: all(i in known for i in r.recipient_ids)
    info = FIELDS["activity", field]
    if info.kind == FieldKind.LINK:
        links = {
            "data_subjects": "data_subject_ids",
            "personal_data": "personal_data_ids",
            "recipients": "recipient_ids",
            "sources": "source_ids",
        }
        if field in links:
            return lambda r: bool(getattr(r, links[field]))
    return lambda r: _has_value(getattr(r.activity, field, None))


def _has_value(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple):
        return bool(value)
    return value is not None


def completeness(org: OrganisationRegister, tr: Translator) -> Figure:
    """Share of the activities stating each element art. 30 requires of them, by the field catalogue's
    ``required`` flags: an element the controller's register requires counts over the controller's
    activities, one the processor's register requires over the processor's."""
    acts = org.activities
    bars = []
    for info in CATALOGUE:
        if info.entity != "activity" or info.required == Required.NO:
            continue
        required_of: dict[str, bool] = {kind.value: is_required("activity", info.name, kind) for kind in e.RegisterKind}
        due = [r for r in acts if required_of.get(r.activity.register_kind, False)]
        if not due:
            continue
        states = _stated(org, info.name)
        stated: list[ActivityRecord] = []
        missing: list[ActivityRecord] = []
        for r in due:  # each activity asked once: this runs over every activity of a 10,000-activity register
            (stated if states(r) else missing).append(r)
        share = len(stated) / len(due)
        tone = "good" if share >= 1.0 else "warning" if share >= 0.8 else "bad"
        bars.append(
            Bar(
                field_label("activity", info.name, tr),
                len(stated),
                _acts(stated),
                tone,
                of=len(due),
                missing=_acts(missing),
            )
        )
    return Figure("completeness", tr.gettext(N_("Completeness of the records")), bars, total=len(acts))


def _rule_title(rule_id: str, tr: Translator) -> str:
    rule = load_rules().get(rule_id)
    return tr.gettext(rule.description) if rule is not None else rule_id


def findings_figure(org: OrganisationRegister, findings: list[Finding], tr: Translator) -> Figure:
    mine = [f for f in findings if f.organisation_id == org.organisation.id]
    tones = {Severity.ERROR: "bad", Severity.WARNING: "warning", Severity.INFO: "neutral"}
    bars = [
        Bar(
            tr.gettext(SEVERITY_LABELS[s]),
            sum(1 for f in mine if f.severity == s),
            (),
            tones[s],
            more=tuple(RecordRef(f.entity, f.record_id) for f in mine if f.severity == s),
        )
        for s in Severity
    ]
    top = Counter(f.rule_id for f in mine if f.severity != Severity.INFO).most_common(3)
    # The rule's own title, as the findings pane words it; a raw id ("activity.retention.missing") tells
    # an owner nothing.
    note = "; ".join(f"{_rule_title(rule, tr)} ({tr.format_number(n)})" for rule, n in top)
    return Figure("findings", tr.gettext(N_("Findings")), bars, note=note)


def legal_basis_figure(org: OrganisationRegister, tr: Translator) -> Figure:
    by_basis: dict[str, list[ActivityRecord]] = {b.value: [] for b in e.LegalBasis}
    none: list[ActivityRecord] = []
    for r in org.activities:  # one pass: this runs over every activity of a 10,000-activity register
        letters = r.activity.legal_basis
        for letter in letters:
            by_basis.get(letter, none).append(r)
        if not letters and not r.activity.legal_basis_note.strip():
            none.append(r)
    bars = []
    for basis in e.LegalBasis:
        having = by_basis[basis.value]
        if having:
            bars.append(Bar(labels.label(basis, tr), len(having), _acts(having)))
    if none:
        bars.append(Bar(tr.gettext(N_("No legal basis stated")), len(none), _acts(none), "bad"))
    return Figure("legal_basis", tr.gettext(N_("Activities by legal basis")), bars, total=len(org.activities))


def sensitive_figure(org: OrganisationRegister, tr: Translator) -> Figure:
    """Special categories, criminal-offence data and national identity numbers, with the activities using them."""
    bars = []
    for category in org.personal_data:
        if not (category.special or category.criminal or category.national_id):
            continue
        using = [r for r in org.activities if category.id in r.personal_data_ids]
        bars.append(
            Bar(
                category.name, len(using), _acts(using), "warning", more=(RecordRef("personal_data", category.id or 0),)
            )
        )
    return Figure("sensitive", tr.gettext(N_("Special categories and national ID numbers in use")), bars)


def recipients_figure(org: OrganisationRegister, tr: Translator) -> Figure:
    bars = []
    for role in e.RecipientRole:
        having = [r.recipient for r in org.recipients if r.recipient.role == role.value]
        if having:
            bars.append(Bar(labels.label(role, tr), len(having), tuple(r.id or 0 for r in having), entity="recipient"))
    unknown = [
        r.recipient
        for r in org.recipients
        if not r.recipient.country.strip() and not org.transfers_for(r.recipient.id or 0)
    ]
    if unknown:
        ids = tuple(r.id or 0 for r in unknown)
        bars.append(Bar(tr.gettext(N_("Country not stated")), len(unknown), ids, "bad", entity="recipient"))
    return Figure("recipients", tr.gettext(N_("Recipients by role")), bars)


def third_countries_figure(org: OrganisationRegister, tr: Translator) -> Figure:
    """Each country outside the EEA: how many recipients' data goes there, and whether the transfer has a basis."""
    rules = transfer_rules()
    per_country: dict[str, list[RecordRef]] = {}
    grounded: dict[str, bool] = {}
    for rec in org.recipients:
        r = rec.recipient
        transfers = org.transfers_for(r.id or 0)
        for code in {c.strip().upper() for c in [r.country, *(t.country for t in transfers)] if c.strip()}:
            if not rules.is_third_country(code):
                continue
            refs = per_country.setdefault(code, [])
            refs.append(RecordRef("recipient", r.id or 0))
            here = [t for t in transfers if t.country.strip().upper() == code]
            refs.extend(RecordRef("transfer", t.id or 0) for t in here)
            ok = rules.decision(code) is not None or any(t.mechanism for t in here)
            grounded[code] = grounded.get(code, True) and ok
    bars = []
    for code in sorted(per_country, key=lambda c: tr.country_name(c)):
        recipients = sum(1 for ref in per_country[code] if ref.entity == "recipient")
        state = tr.gettext(N_("mechanism stated")) if grounded[code] else tr.gettext(N_("no mechanism"))
        tone = "good" if grounded[code] else "bad"
        bars.append(Bar(f"{tr.country_name(code)} · {state}", recipients, (), tone, more=tuple(per_country[code])))
    return Figure("third_countries", tr.gettext(N_("Countries outside the EEA")), bars)


def dpia_figure(org: OrganisationRegister, tr: Translator) -> Figure:
    tones = {e.DpiaNeed.UNASSESSED: "warning", e.DpiaNeed.NOT_NEEDED: "good", e.DpiaNeed.NEEDED: "neutral"}
    by_need: dict[str, list[ActivityRecord]] = defaultdict(list)
    for r in org.activities:
        by_need[r.activity.dpia_need].append(r)
    bars = []
    for need in e.DpiaNeed:
        having = by_need[need.value]
        if need == e.DpiaNeed.NEEDED:
            done = [r for r in having if r.activity.dpia_status == e.DpiaStatus.DONE.value]
            open_ = [r for r in having if r.activity.dpia_status != e.DpiaStatus.DONE.value]
            if done:
                bars.append(
                    Bar(
                        f"{labels.label(need, tr)} · {labels.label(e.DpiaStatus.DONE, tr)}",
                        len(done),
                        _acts(done),
                        "good",
                    )
                )
            if open_:
                bars.append(
                    Bar(f"{labels.label(need, tr)} · {tr.gettext(N_('not done'))}", len(open_), _acts(open_), "bad")
                )
        elif having:
            bars.append(Bar(labels.label(need, tr), len(having), _acts(having), tones[need]))
    return Figure("dpia", tr.gettext(N_("DPIA screening")), bars, total=len(org.activities))


def review_figure(org: OrganisationRegister, tr: Translator, today: date) -> Figure:
    fresh = [
        r for r in org.activities if r.activity.last_reviewed and today - r.activity.last_reviewed <= REVIEW_INTERVAL
    ]
    overdue = [
        r for r in org.activities if r.activity.last_reviewed and today - r.activity.last_reviewed > REVIEW_INTERVAL
    ]
    never = [r for r in org.activities if r.activity.last_reviewed is None]
    bars = [
        Bar(tr.gettext(N_("Reviewed within a year")), len(fresh), _acts(fresh), "good"),
        Bar(tr.gettext(N_("Review overdue")), len(overdue), _acts(overdue), "bad"),
        Bar(tr.gettext(N_("Never reviewed")), len(never), _acts(never), "warning"),
    ]
    return Figure("review", tr.gettext(N_("Review freshness")), bars, total=len(org.activities))


def build_dashboard(
    org: OrganisationRegister, findings: list[Finding], translator: Translator | None = None, today: date | None = None
) -> Dashboard:
    tr = translator or current()
    day = today or date.today()
    figures = [
        completeness(org, tr),
        findings_figure(org, findings, tr),
        legal_basis_figure(org, tr),
        sensitive_figure(org, tr),
        recipients_figure(org, tr),
        third_countries_figure(org, tr),
        dpia_figure(org, tr),
        review_figure(org, tr, day),
    ]
    return Dashboard(org.organisation.name, len(org.activities), figures)
