"""DPIA screening (art. 35): the nine WP248 criteria and Datatilsynet's list, per activity.

Each criterion is pre-filled from the register (flags on the activity, its data categories
and data subjects, its sources) with the reason shown; the user confirms or overrides it
(``ProcessingActivity.dpia_answers``). The result is *required* when an item of the list
applies or two or more criteria do, *recommended* with one, *not required* with none; the
user's own decision (``dpia_need`` with ``dpia_need_reason``) overrides the result.

Sources (see docs/dpia.md): EDPB/WP29, Guidelines on DPIA, WP248 rev.01 (the nine criteria);
Datatilsynet, "Liste over behandlingsaktiviteter som alltid krever vurdering av
personvernkonsekvenser" (art. 35(4)); GDPR art. 35(3).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ropa_desktop.checks.common import Wording
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import N_, Translator

CRITERIA_FOR_REQUIRED = 2

_EMPLOYEES = re.compile(r"^\s*(?:ansatte|medarbeidere|arbeidstakere|employees|staff)\b(?!.*\b(?:hos|at)\b)", re.I)
_CHILDREN = re.compile(r"\b(?:barn|elever|mindreårige|children|pupils|minors)\b", re.I)
_VULNERABLE = re.compile(r"\b(?:pasienter|brukere av helsetjenest\w*|patients|asylsøkere|asylum seekers)\b", re.I)
# Wordings with the stems every match contains (see checks.common.Wording: the stems are looked for first).
_LOCATION = Wording(
    r"lokasjon\w*|posisjon\w*|\bgps\b|geolokal\w*|kjørebok|bevegelsesmønst\w*|location|geoloc",
    ("lokasjon", "posisjon", "gps", "geolokal", "kjørebok", "bevegelsesmønst", "location", "geoloc"),
)
_MONITORING_STEMS = ("overvåk", "cctv", "monitoring of", "surveillance")
_MONITORING = Wording(
    r"kameraovervåk\w*|videoovervåk\w*|\bcctv\b|overvåk\w*|monitoring of|surveillance", _MONITORING_STEMS
)
# WP248's evaluation or scoring: profiles, credit and risk assessments, decisions on insurance or credit
# terms, and behavioural advertising built from how people use a site ("målretting av annonser").
_SCORING_STEMS = (
    "profiler",
    "kredittvurder",
    "scoring",
    "credit check",
    "credit scor",
    "profiling",
    "målrett",
    "targeted",
    "behavioral advertising",
    "behavioural advertising",
    "interest-based advertising",
    "beslutning",
    "avgjørels",
    "risikovurder",
    "premiefastsett",
    "underwriting",
    "credit decision",
)
_SCORING = Wording(
    r"profiler\w*|kredittvurder\w*|scoring|credit (?:check|scor)\w*|profiling|"
    r"målrett\w*\s+(?:\w+\s+){0,2}(?:annons|reklam|markedsfør|marknadsfør|tilbud)\w*|"
    r"(?:annons|reklam)\w*\s+(?:\w+\s+){0,2}målrett\w*|"
    r"targeted (?:advertising|ads|marketing)|behaviou?ral advertising|interest-based advertising|"
    r"(?:fatte|ta|treffe)\s+(?:\w+\s+){0,2}(?:beslutning|avgjørels)\w*\s+om\s+(?:\w+\s+){0,3}"
    r"(?:forsikring|premie|kreditt|lån|vilkår)\w*|risikovurder\w*|premiefastsett\w*|underwriting|credit decisions?",
    _SCORING_STEMS,
)
_INNOVATIVE_STEMS = ("kunstig intelligens", "ki", "ai", "maskinlæring", "machine learning", "biometri")
_INNOVATIVE = Wording(r"kunstig intelligens|\bKI\b|\bAI\b|maskinlæring|machine learning|biometri\w*", _INNOVATIVE_STEMS)


class DpiaResult(StrEnum):
    REQUIRED = "required"
    RECOMMENDED = "recommended"
    NOT_REQUIRED = "not_required"


RESULT_LABELS = {
    DpiaResult.REQUIRED: N_("DPIA required"),
    DpiaResult.RECOMMENDED: N_("DPIA recommended"),
    DpiaResult.NOT_REQUIRED: N_("DPIA not required"),
}


@dataclass(frozen=True)
class ScreeningItem:
    key: str  # a DpiaCriterion or DpiaListItem value
    derived: bool  # what the register's data says
    reason: str  # msgid: why it was derived (empty when not)
    reason_params: dict[str, str]
    answer: bool | None  # the user's confirmation or override
    note: str

    @property
    def applies(self) -> bool:
        return self.derived if self.answer is None else self.answer


@dataclass(frozen=True)
class Screening:
    criteria: tuple[ScreeningItem, ...]  # the nine WP248 criteria, in order
    list_items: tuple[ScreeningItem, ...]  # Datatilsynet's list (and art. 35(3))
    result: DpiaResult  # what the screening says
    decided: DpiaResult | None  # the user's decision, when made

    @property
    def applying_criteria(self) -> list[ScreeningItem]:
        return [c for c in self.criteria if c.applies]

    @property
    def applying_list_items(self) -> list[ScreeningItem]:
        return [c for c in self.list_items if c.applies]

    @property
    def final(self) -> DpiaResult:
        return self.decided or self.result

    def why(self) -> tuple[str, dict[str, object]]:
        """A msgid and its parameters saying why the screening came out as it did."""
        if self.applying_list_items:
            return N_("on Datatilsynet's list of processing that always requires a DPIA"), {}
        count = len(self.applying_criteria)
        if count >= CRITERIA_FOR_REQUIRED:
            return N_("{count} of the nine criteria apply (two or more: required)"), {"count": count}
        if count == 1:
            return N_("one of the nine criteria applies (recommended)"), {"count": count}
        return N_("none of the nine criteria applies"), {"count": count}


def dpia_recorded(act: m.ProcessingActivity) -> bool:
    """A DPIA is recorded: started or done, or its reference or date given."""
    return act.dpia_status in (e.DpiaStatus.IN_PROGRESS, e.DpiaStatus.DONE) or bool(
        act.dpia_reference.strip() or act.dpia_date
    )


def _answers(act: m.ProcessingActivity) -> dict[str, tuple[bool | None, str]]:
    out: dict[str, tuple[bool | None, str]] = {}
    for entry in act.dpia_answers:
        applies = entry.get("applies")
        out[str(entry.get("criterion", ""))] = (
            applies if isinstance(applies, bool) else None,
            str(entry.get("note", "")),
        )
    # Version-1 registers: a ticked criterion is the user's "applies".
    for criterion in act.dpia_criteria:
        out.setdefault(criterion, (True, ""))
    return out


@dataclass(frozen=True)
class _Facts:
    """What the screening reads from the organisation's catalogues, worked out once per check run."""

    sensitive: frozenset[int]
    highly_personal: frozenset[int]
    location: frozenset[int]
    employees: frozenset[int]
    vulnerable: frozenset[int]


def _facts(org: OrganisationRegister) -> _Facts:
    store = vars(org)
    found = store.get("_dpia_facts")
    if isinstance(found, _Facts):
        return found

    def ids(items: list[Any], test: Callable[[Any], bool]) -> frozenset[int]:
        return frozenset(x.id for x in items if x.id is not None and test(x))

    def located(c: m.PersonalDataCategory) -> bool:
        return c.location or bool(_LOCATION.search(f"{c.name} {c.description}"))

    facts = _Facts(
        sensitive=ids(org.personal_data, lambda c: c.special or c.criminal),
        highly_personal=ids(org.personal_data, lambda c: c.financial or c.communications or located(c)),
        location=ids(org.personal_data, located),
        employees=ids(org.data_subjects, lambda s: s.employees or bool(_EMPLOYEES.search(s.name))),
        vulnerable=ids(
            org.data_subjects,
            lambda s: (
                s.employees
                or s.children
                or s.vulnerable
                or bool(_EMPLOYEES.search(s.name) or _CHILDREN.search(s.name) or _VULNERABLE.search(s.name))
            ),
        ),
    )
    store["_dpia_facts"] = facts
    return facts


_ANY_WORDING = Wording(
    "|".join(p.pattern for p in (_MONITORING, _SCORING, _INNOVATIVE)),
    (*_MONITORING_STEMS, *_SCORING_STEMS, *_INNOVATIVE_STEMS),
)


def may_apply(org: OrganisationRegister, a: ActivityRecord) -> bool:
    """False when no criterion can apply: a cheap test before :func:`screen` over a large register."""
    act = a.activity
    if (
        act.dpia_answers
        or act.dpia_criteria
        or act.large_scale
        or act.systematic_monitoring
        or act.automated_decisions
        or act.new_technology
        or act.combines_datasets
    ):
        return True
    facts = _facts(org)
    linked = facts.sensitive | facts.highly_personal
    if not linked.isdisjoint(a.personal_data_ids) or not facts.vulnerable.isdisjoint(a.data_subject_ids):
        return True
    return bool(_ANY_WORDING.search(" ".join([act.purpose, *act.operations])))


# Iterating an enum class runs a generator in enum.py each time: the screening's order, taken once.
_CRITERIA = tuple(e.DpiaCriterion)
_LIST_ITEMS = tuple(e.DpiaListItem)


def screen(org: OrganisationRegister, a: ActivityRecord) -> Screening:
    act = a.activity
    cats = [org.personal_data_by_id[i] for i in a.personal_data_ids if i in org.personal_data_by_id]
    subjects = [org.data_subjects_by_id[i] for i in a.data_subject_ids if i in org.data_subjects_by_id]
    text = " ".join([act.purpose, *act.operations])

    def names(items: list[str]) -> dict[str, str]:
        return {"names": ", ".join(items)}

    facts = _facts(org)
    sensitive = [c.name for c in cats if c.id in facts.sensitive]
    highly_personal = [c.name for c in cats if c.id in facts.highly_personal]
    location = [c.name for c in cats if c.id in facts.location]
    employees = [s.name for s in subjects if s.id in facts.employees]
    vulnerable = [s.name for s in subjects if s.id in facts.vulnerable]
    monitoring = act.systematic_monitoring or bool(_MONITORING.search(text))
    scoring = act.automated_decisions or bool(_SCORING.search(text))
    innovative = act.new_technology or bool(_INNOVATIVE.search(text))

    derived: dict[str, tuple[bool, str, dict[str, str]]] = {
        e.DpiaCriterion.EVALUATION_SCORING: (scoring, N_("profiling or scoring: marked, or named in the purpose"), {}),
        e.DpiaCriterion.AUTOMATED_DECISIONS: (
            act.automated_decisions,
            N_("automated decisions with legal or similar effect are marked (art. 22)"),
            {},
        ),
        e.DpiaCriterion.SYSTEMATIC_MONITORING: (
            monitoring,
            N_("systematic monitoring: marked, or named in the purpose"),
            {},
        ),
        e.DpiaCriterion.SENSITIVE_DATA: (
            bool(sensitive or highly_personal),
            N_("categories: {names}"),
            names(sensitive + highly_personal),
        ),
        e.DpiaCriterion.LARGE_SCALE: (act.large_scale, N_("marked as large scale"), {}),
        e.DpiaCriterion.MATCHING_DATASETS: (act.combines_datasets, N_("combining datasets is marked"), {}),
        e.DpiaCriterion.VULNERABLE_SUBJECTS: (
            bool(vulnerable),
            N_("data subjects: {names}"),
            names(vulnerable),
        ),
        e.DpiaCriterion.INNOVATIVE_TECHNOLOGY: (
            innovative,
            N_("new technology: marked, or named in the purpose"),
            {},
        ),
        e.DpiaCriterion.PREVENTS_RIGHTS: (False, "", {}),
    }
    answers = _answers(act)

    def item(key: str, value: bool, reason: str, params: dict[str, str]) -> ScreeningItem:
        answer, note = answers.get(key, (None, ""))
        return ScreeningItem(key, value, reason if value else "", params if value else {}, answer, note)

    criteria = tuple(item(k, *derived[k]) for k in _CRITERIA)
    applying = {c.key for c in criteria if c.applies}

    def others(*exclude: str) -> bool:
        return bool(applying - set(exclude))

    list_derived: dict[str, tuple[bool, str, dict[str, str]]] = {
        e.DpiaListItem.THIRD_PARTY_DATA: (
            bool(a.source_ids)
            and bool(
                applying
                & {
                    e.DpiaCriterion.SYSTEMATIC_MONITORING,
                    e.DpiaCriterion.LARGE_SCALE,
                    e.DpiaCriterion.MATCHING_DATASETS,
                }
            ),
            N_("data from third parties combined with monitoring, large scale or matching"),
            {},
        ),
        e.DpiaListItem.EMPLOYEE_MONITORING: (
            monitoring and bool(employees),
            N_("systematic monitoring of employees: {names}"),
            names(employees),
        ),
        e.DpiaListItem.LOCATION_DATA: (
            bool(location) and others(e.DpiaCriterion.SENSITIVE_DATA),
            N_("location data ({names}) with at least one other criterion"),
            names(location),
        ),
        e.DpiaListItem.INNOVATIVE_TECHNOLOGY_COMBINED: (
            innovative and others(e.DpiaCriterion.INNOVATIVE_TECHNOLOGY),
            N_("new technology with at least one other criterion"),
            {},
        ),
        e.DpiaListItem.LARGE_SCALE_SENSITIVE: (
            act.large_scale and bool(sensitive),
            N_("special categories or criminal-offence data on a large scale (art. 35(3)(b)): {names}"),
            names(sensitive),
        ),
        e.DpiaListItem.RESEARCH_WITHOUT_CONSENT: (False, "", {}),
    }
    list_items = tuple(item(k, *list_derived[k]) for k in _LIST_ITEMS)
    count = len(applying)
    if any(i.applies for i in list_items) or count >= CRITERIA_FOR_REQUIRED:
        result = DpiaResult.REQUIRED
    elif count == 1:
        result = DpiaResult.RECOMMENDED
    else:
        result = DpiaResult.NOT_REQUIRED
    decided = {
        e.DpiaNeed.NEEDED.value: DpiaResult.REQUIRED,
        e.DpiaNeed.RECOMMENDED.value: DpiaResult.RECOMMENDED,
        e.DpiaNeed.NOT_NEEDED.value: DpiaResult.NOT_REQUIRED,
    }.get(act.dpia_need)
    return Screening(criteria, list_items, result, decided)


@dataclass(frozen=True)
class ScreeningRow:
    """One activity's screening as the workbook and the PDF print it."""

    result: str  # "DPIA required", with the user's decision when it differs
    why: str
    items: list[str]  # each item that applies, with its reason
    dpia: str  # reference, status and date of the DPIA, when one is recorded


def screening_row(org: OrganisationRegister, a: ActivityRecord, tr: Translator) -> ScreeningRow:
    from ropa_desktop.domain.labels import label

    s = screen(org, a)
    act = a.activity
    result = tr.gettext(RESULT_LABELS[s.final])
    why_msg, params = s.why()
    why = tr.gettext(why_msg).format(**params)
    if s.decided is not None and s.decided is not s.result:
        why = tr.gettext("screening: {result} ({why}); decided otherwise: {reason}").format(
            result=tr.gettext(RESULT_LABELS[s.result]), why=why, reason=act.dpia_need_reason or "—"
        )
    elif act.dpia_need_reason:
        why = f"{why}; {act.dpia_need_reason}"  # the user's reasoning, also when it agrees with the screening
    items = []
    for item in (*s.applying_list_items, *s.applying_criteria):
        vocabulary = e.DpiaListItem if item.key in e.DpiaListItem._value2member_map_ else e.DpiaCriterion
        name = label(item.key, tr, vocabulary)
        reason = (
            tr.gettext(item.reason).format(**item.reason_params) if item.derived else tr.gettext("confirmed by you")
        )
        items.append(f"{name}: {reason}" + (f" — {item.note}" if item.note else ""))
    parts = [act.dpia_reference]
    if act.dpia_status:
        parts.append(label(act.dpia_status, tr, e.DpiaStatus))
    if act.dpia_date:
        parts.append(tr.format_date(act.dpia_date))
    return ScreeningRow(result, why, items, ", ".join(p for p in parts if p))
