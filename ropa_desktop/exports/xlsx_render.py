"""What each cell of the workbook says: the text of one column for one record.

Used by the export and by the benchmark, which times openpyxl writing exactly
these texts. The pieces the import also needs (headings, category marks) live
in :mod:`ropa_desktop.interchange.xlsx_layout`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.gaps import Gaps, marker
from ropa_desktop.domain.labels import Footnotes, label
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.interchange.xlsx_layout import ALL_ACTIVITIES, BULLET, Column, Kind, category_marks

_PLAIN = frozenset({Kind.TEXT, Kind.DATE, Kind.INT})


def marked_name(category: m.PersonalDataCategory, tr: Translator) -> str:
    """A personal-data category's name with its special kinds marked, e.g. ``Allergier (special category)``."""
    # A name that says it already ("Fødselsnummer") is not marked twice.
    marks = [mark for mark in category_marks(category, tr) if mark.casefold() not in category.name.casefold()]
    return f"{category.name} ({', '.join(marks)})" if marks else category.name


def version_text(org: OrganisationRegister, tr: Translator) -> str:
    approved = [a for a in org.approvals if a.approved_on is not None]
    if not approved:
        return tr.gettext(N_("Not yet approved"))
    last = max(approved, key=lambda a: (a.version, a.approved_on or date.min))
    return tr.gettext(N_("Version {version}, approved {date}")).format(
        version=last.version, date=tr.format_date(last.approved_on)
    )


def screening_label(value: str, tr: Translator) -> str:
    """A DPIA screening question: a WP248 criterion or an item of Datatilsynet's list."""
    vocabulary = e.DpiaCriterion if value in e.DpiaCriterion._value2member_map_ else e.DpiaListItem
    return label(value, tr, vocabulary)


def render_scalar(kind: Kind, value: Any, tr: Translator, vocabulary: Any = None) -> Any:
    if kind is Kind.TEXT:
        return value or None
    if kind is Kind.BOOL:
        return tr.gettext(N_("Yes")) if value else tr.gettext(N_("No"))
    if kind is Kind.OPTIONAL_BOOL:
        return None if value is None else render_scalar(Kind.BOOL, value, tr)
    if kind is Kind.COUNTRY:
        return tr.country_name(value) if value else None
    if kind is Kind.ENUM:
        return label(value, tr, vocabulary) if value else None
    if kind is Kind.ENUM_LIST:
        return "\n".join(label(v, tr, vocabulary) for v in value) or None
    if kind is Kind.LIST:
        return "\n".join(BULLET + item for item in value) or None
    return value  # DATE, INT


class RowRenderer:
    """The cell value of one column for one record of any table."""

    def __init__(
        self,
        org: OrganisationRegister,
        tr: Translator,
        notes: Footnotes,
        order: dict[int | None, int],
        gaps: Gaps | None = None,
    ) -> None:
        self.org, self.tr, self.notes, self.order = org, tr, notes, order
        self.gaps = gaps or Gaps()
        org_wide = [m.name for m in org.security_measures if m.applies_to_all]
        self.org_wide_measures = tr.gettext(ALL_ACTIVITIES).format(measures=", ".join(org_wide)) if org_wide else ""
        self.names: dict[str, dict[int, str]] = {
            "data_subject_categories": {c.id: c.name for c in org.data_subjects if c.id is not None},
            "personal_data_categories": {c.id: marked_name(c, tr) for c in org.personal_data if c.id is not None},
            "sources": {c.id: c.name for c in org.sources if c.id is not None},
            "recipients": {r.recipient.id: r.recipient.name for r in org.recipients if r.recipient.id is not None},
            "security_measures": {c.id: c.name for c in org.security_measures if c.id is not None},
            "processor_clients": {c.id: c.name for c in org.clients if c.id is not None},
            "activities": {a.activity.id: a.activity.purpose for a in org.activities if a.activity.id is not None},
        }
        self.link_texts: dict[tuple[str | None, tuple[int, ...]], str] = {}
        self.label_texts: dict[tuple[Any, ...], Any] = {}
        self.transfers_by_recipient: dict[int | None, list[m.Transfer]] = {}
        for t in org.transfers:
            self.transfers_by_recipient.setdefault(t.recipient_id, []).append(t)

    def __call__(self, column: Column, item: Any) -> Any:
        return self._value(column, item, *self._unpack(item))

    def _unpack(self, item: Any) -> tuple[Any, dict[str, list[int]]]:
        if isinstance(item, m.Transfer):  # format version 2: the transfer's further recipients
            return item, {"recipients": self.org.transfer_recipient_ids.get(item.id or 0, [])}
        return _unpack(item)

    def row(self, columns: tuple[Column, ...], item: Any) -> list[Any]:
        record, links = self._unpack(item)
        text = Kind.TEXT
        values = [
            (getattr(record, c.key) or None) if c.kind is text else self._value(c, item, record, links) for c in columns
        ]
        if isinstance(item, ActivityRecord) and self.org_wide_measures:
            for i, c in enumerate(columns):
                if c.key == "security_measures" and c.kind is Kind.LINKS:
                    linked = values[i]
                    values[i] = self.org_wide_measures + (f"\n{linked}" if linked else "")
        return values

    def gap_columns(self, entity: str, columns: tuple[Column, ...], item: Any, values: list[Any]) -> list[int]:
        """Fill each empty required cell with its "Not stated" marker; the indexes of the cells filled."""
        if not self.gaps.by_field:
            return []
        record, _ = _unpack(item)
        filled: list[int] = []
        for i, c in enumerate(columns):
            if values[i] is None and not c.hidden:
                rule_id = self.gaps.rule(entity, record.id, c.key)
                if rule_id is not None:
                    values[i] = marker(rule_id, self.tr)
                    filled.append(i)
        return filled

    def _value(self, column: Column, item: Any, record: Any, links: dict[str, list[int]]) -> Any:
        kind = column.kind
        if kind in _PLAIN:
            value = getattr(record, column.key)
            return value if value != "" else None
        if kind is Kind.LINKS:
            ids = links.get(column.key)
            if not ids:
                return None
            link_key = (column.target, tuple(ids))
            text = self.link_texts.get(link_key)
            if text is None:  # rows often name the same categories: render each list once
                names = self.names[column.target or ""]
                text = self.link_texts[link_key] = "\n".join(BULLET + names.get(i, "?") for i in ids)
            return text
        if kind is Kind.IDS:
            field_name = column.key.removesuffix(".ids")
            found = links.get(field_name)
            if found is None:
                found = [i for i in [getattr(record, field_name)] if i is not None]
            return " ".join(str(i) for i in found) or None
        if kind is Kind.REF:
            ref = getattr(record, column.key)
            return None if ref is None else self.names[column.target or ""].get(ref, "?")
        if kind is Kind.ID:
            return record.id
        if kind is Kind.ORDER:
            return self.order.get(record.id)
        if kind is Kind.DERIVED:
            return self.transfers(item)
        value = getattr(record, column.key)
        if kind is Kind.SCREENING_ITEM:
            return screening_label(value, self.tr) if value else None
        if kind in _PLAIN:
            return value if value != "" else None
        # Labels repeat from row to row: render each (column, value) once.
        mark = self._mark(item) if kind is Kind.LEGAL_BASIS else ""
        key = (column.key, kind, tuple(value) if isinstance(value, list) else value, mark)
        try:
            return self.label_texts[key]
        except KeyError:
            pass
        if kind is Kind.LEGAL_BASIS:
            lines = [
                label(v, self.tr, e.LegalBasis)
                + (f" {mark}" if mark and v == e.LegalBasis.LEGITIMATE_INTERESTS else "")
                for v in value
            ]
            text = "\n".join(lines) or None
        else:
            text = render_scalar(kind, value, self.tr, column.vocabulary)
        self.label_texts[key] = text
        return text

    def _mark(self, item: Any) -> str:
        if isinstance(item, ActivityRecord):
            return self.notes.mark_for_activity(item.activity.id)
        if isinstance(item, RecipientRecord):
            return self.notes.mark_for_recipient(item.recipient.id)
        return ""

    def transfers(self, item: Any) -> str | None:
        if isinstance(item, ActivityRecord):
            recipient_ids = item.recipient_ids
        elif isinstance(item, RecipientRecord):
            recipient_ids = [item.recipient.id or 0]
        else:
            return None
        lines = []
        for rid in recipient_ids:
            for t in self.transfers_by_recipient.get(rid, ()):
                parts = [self.tr.country_name(t.country)]
                if t.mechanism:
                    parts.append(label(t.mechanism, self.tr, e.TransferMechanism))
                if t.safeguards:
                    parts.append(t.safeguards)
                prefix = f"{self.names['recipients'].get(rid, '')}: " if isinstance(item, ActivityRecord) else ""
                lines.append(BULLET + prefix + " — ".join(p for p in parts if p))
        return "\n".join(lines) or None


def _unpack(item: Any) -> tuple[Any, dict[str, list[int]]]:
    if isinstance(item, ActivityRecord):
        return item.activity, {
            "data_subjects": item.data_subject_ids,
            "personal_data": item.personal_data_ids,
            "sources": item.source_ids,
            "recipients": item.recipient_ids,
            "security_measures": item.security_measure_ids,
        }
    if isinstance(item, RecipientRecord):
        return item.recipient, {"personal_data": item.personal_data_ids}
    return item, {}
