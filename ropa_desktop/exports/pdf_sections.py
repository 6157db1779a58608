"""The sections of the board PDF for one organisation, as reportlab flowables."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from ropa_desktop.checks.dpia import screening_row
from ropa_desktop.checks.engine import RULES, SEVERITY_LABELS, Finding, Severity, load_rules, run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import groupings, labels
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import FACES, FIELD_LABELS, face, field_label
from ropa_desktop.domain.gaps import NOT_STATED, Gaps
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RecipientRecord, RegisterSnapshot
from ropa_desktop.exports.pdf_flowables import (
    LONG_TEXT,
    MARGIN,
    CellParagraph,
    CellValue,
    ContentsLine,
    Heading,
    LayoutState,
    LongText,
    PagedTable,
    RunningHeader,
    SignatureBox,
    continuation_style,
    cut_text,
    expand_rows,
    table_style,
)
from ropa_desktop.exports.pdf_fonts import BOLD, REGULAR
from ropa_desktop.exports.pdf_notes import NotedTable
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.interchange import json_format
from ropa_desktop.interchange.diff import changes_since

PORTRAIT = A4
LANDSCAPE = landscape(A4)
LANDSCAPE_WIDTH = LANDSCAPE[0] - 2 * MARGIN
PORTRAIT_WIDTH = PORTRAIT[0] - 2 * MARGIN
FRAME_CHROME = 12  # room for the running header
LANDSCAPE_FRAME_HEIGHT = LANDSCAPE[1] - 2 * MARGIN - FRAME_CHROME


TITLE = N_("Records of processing activities")
# The checks that decide which recipients the transfers table lists beside the recorded transfers.
COUNTRY_UNKNOWN = "recipient.country.unknown"
_TRANSFER_RULES = frozenset({"recipient.transfer.missing", COUNTRY_UNKNOWN})
_BASES = frozenset(b.value for b in e.LegalBasis)


def text(value: str) -> str:
    """User text as paragraph markup that prints literally."""
    return escape(value).replace("\n", "<br/>")


class Styles:
    body: ParagraphStyle = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5)
    cell: ParagraphStyle = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)
    head_cell: ParagraphStyle = ParagraphStyle(
        "head", fontName=BOLD, fontSize=8.5, leading=10.5, textColor=colors.white
    )
    bullet: ParagraphStyle = ParagraphStyle(
        "bullet", fontName=REGULAR, fontSize=8.5, leading=10.5, leftIndent=12, bulletIndent=0, bulletFontName=REGULAR
    )
    footnote: ParagraphStyle = ParagraphStyle(
        "footnote", fontName=REGULAR, fontSize=8.5, leading=11, leftIndent=10, firstLineIndent=-10, spaceAfter=3
    )
    h1: ParagraphStyle = ParagraphStyle("h1", fontName=BOLD, fontSize=15, leading=19, spaceAfter=8, spaceBefore=16)
    h2: ParagraphStyle = ParagraphStyle("h2", fontName=BOLD, fontSize=11.5, leading=15, spaceAfter=5, spaceBefore=8)
    title: ParagraphStyle = ParagraphStyle("title", fontName=BOLD, fontSize=24, leading=30, spaceAfter=6)
    subtitle: ParagraphStyle = ParagraphStyle(
        "subtitle", fontName=REGULAR, fontSize=15, leading=20, textColor=colors.HexColor("#1f3a5f")
    )
    note: ParagraphStyle = ParagraphStyle(
        "note", fontName=REGULAR, fontSize=8.5, leading=11, textColor=colors.HexColor("#4a5563")
    )
    centre_note: ParagraphStyle = ParagraphStyle(
        "centre_note", fontName=REGULAR, fontSize=8, leading=10, alignment=TA_CENTER
    )
    # A labelled block inside a cell ("Data subjects", "Recipients"): the notice's five columns stay.
    block_label: ParagraphStyle = ParagraphStyle(
        "block_label", fontName=BOLD, fontSize=7.5, leading=9.5, spaceBefore=3, textColor=colors.HexColor("#1f3a5f")
    )
    # A required element that is missing: marked, never blank.
    gap: ParagraphStyle = ParagraphStyle(
        "gap",
        fontName=BOLD,
        fontSize=8.5,
        leading=10.5,
        textColor=colors.HexColor("#9b1c1c"),
        backColor=colors.HexColor("#fde8e8"),
    )
    legend: ParagraphStyle = ParagraphStyle("legend", fontName=REGULAR, fontSize=8, leading=10.5, spaceBefore=3)


STYLES = Styles()

# Marks after a personal-data category's name, explained in a legend under the table.
SPECIAL_MARK, CRIMINAL_MARK, NATIONAL_ID_MARK = "†", "‡", "#"
_MARKED_FLAGS = (("special", SPECIAL_MARK), ("criminal", CRIMINAL_MARK), ("national_id", NATIONAL_ID_MARK))


class PrintedFootnotes:
    """The organisation's footnote numbering (shared with the editor and Excel, see
    :func:`ropa_desktop.domain.labels.footnotes`); each note prints at the end of every page's part of a
    table whose rows on that page mark it (:class:`ropa_desktop.exports.pdf_notes.NotedTable`)."""

    def __init__(self, numbering: labels.Footnotes) -> None:
        self._items = numbering.items
        self._by_text = {" ".join(note.split()): mark for mark, note in numbering.items}

    def mark(self, balancing_test: str) -> str:
        return self._by_text.get(" ".join(balancing_test.split()), "")


class OrganisationSections:
    """Every section of one organisation's print-out."""

    def __init__(
        self,
        org: OrganisationRegister,
        tr: Translator,
        state: LayoutState,
        findings: Sequence[Finding],
        today: date,
        *,
        show_findings: bool = True,
        approved_on: date | None = None,
        printed_at: datetime | None = None,
    ) -> None:
        self.org, self.tr, self.state, self.findings, self.today = org, tr, state, findings, today
        self.approved_on, self.printed_at = approved_on, printed_at  # set when signed electronically
        self.show_findings = show_findings
        self.gaps = Gaps.of(findings)
        self.gap_count = 0  # markers printed; the body is laid out before the cover, which states the count
        self.marks_used: set[str] = set()
        self._parsed: dict[tuple[str, str, str | None], Paragraph] = {}
        self.row_marks: list[tuple[str, str]] = []  # the footnotes the row being built marks
        self.o = org.organisation
        self.prefix = f"org{self.o.id}"
        self.version = max((a.version for a in org.approvals), default=0) + 1
        self.footnotes = PrintedFootnotes(labels.footnotes(org))
        self.contents: list[tuple[str, str, int]] = []
        self.s = STYLES

    # ---------------------------------------------------------------- helpers

    def heading_of(self, entity: str, field: str) -> str:
        """A column heading from the field catalogue, in the print-out's language."""
        return field_label(entity, field, self.tr)

    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def face_header(self, face_name: str) -> list[str]:
        """A table's column headings: the catalogue face's fields, in its order."""
        return [self.heading_of(entity, field) for entity, field in FACES[face_name]]

    @staticmethod
    def in_face_order(face_name: str, cells: Mapping[str, Any]) -> list[Any]:
        """A row's cells (or a table's column widths) keyed by field, in the face's order."""
        return [cells[field] for _entity, field in FACES[face_name]]

    def heading(self, title: str, section: str, level: int = 0) -> Heading:
        key = f"{self.prefix}-{section}"
        self.contents.append((title, key, level))
        return Heading(text(title), self.s.h1 if level == 0 else self.s.h2, key, self.state, level)

    def _paragraph(self, markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        """A cell paragraph, parsed once per distinct text: category, recipient and basis texts repeat on
        most rows, and parsing the markup was half the layout time. Each use gets its own shallow copy
        (its own line breaks and position); the parsed fragments are shared and never changed."""
        key = (markup, style.name, bullet)
        proto = self._parsed.get(key)
        if proto is None:
            proto = self._parsed[key] = CellParagraph(markup, style, bulletText=bullet)
        return copy.copy(proto)

    def cell(self, value: str) -> Flowable:
        if len(value) > LONG_TEXT:
            return LongText(value, self.s.cell, text)
        return self._paragraph(text(value), self.s.cell)

    def paragraphs(self, value: str, style: ParagraphStyle) -> list[Flowable]:
        """Text outside a table, in pieces a page break can fall between (linear time in its length)."""
        return [Paragraph(text(piece), style) for piece in cut_text(value, LONG_TEXT)]

    def head(self, values: Sequence[str]) -> list[CellValue]:
        return [Paragraph(text(v), self.s.head_cell) for v in values]

    def bullets(self, items: Sequence[str]) -> list[Flowable]:
        return [
            LongText(i, self.s.bullet, text, bullet="•")
            if len(i) > LONG_TEXT and not i.startswith("\0")
            else self._paragraph(text(i) if not i.startswith("\0") else i[1:], self.s.bullet, "•")
            for i in items
        ]

    def table(self, header: Sequence[str], rows: list[list[CellValue]], widths: Sequence[float]) -> PagedTable:
        total = sum(widths)
        scaled = [w * LANDSCAPE_WIDTH / total for w in widths]
        expanded, continued = expand_rows(rows, scaled)
        self.state.rows_total += len(expanded)
        return PagedTable(
            self.head(header),
            expanded,
            scaled,
            table_style(),
            self.state,
            LANDSCAPE_FRAME_HEIGHT,
            continued=continued,
        )

    def noted_table(
        self,
        header: Sequence[str],
        rows: list[list[CellValue]],
        notes: list[list[tuple[str, str]]],
        widths: Sequence[float],
    ) -> PagedTable:
        """A table whose balancing-test footnotes print at the end of each page's part, beside their marks."""
        total = sum(widths)
        scaled = [w * LANDSCAPE_WIDTH / total for w in widths]
        expanded: list[list[CellValue]] = []
        continued: set[int] = set()
        row_notes: list[list[tuple[str, str]]] = []
        for row, marks in zip(rows, notes, strict=True):
            # A row with a long text becomes continuation rows; its marks (short cells) are on the first.
            pieces, _ = expand_rows([row], scaled)
            for j, piece in enumerate(pieces):
                if j:
                    continued.add(len(expanded))
                expanded.append(piece)
                row_notes.append(marks if j == 0 else [])
        self.state.rows_total += len(expanded)
        return NotedTable(
            self.head(header),
            expanded,
            scaled,
            table_style(),
            self.state,
            LANDSCAPE_FRAME_HEIGHT,
            continued=continued,
            row_notes=row_notes,
            note=self.s.footnote,
            markup=text,
        )

    def rows_with_notes(
        self, records: Sequence[Any], build: Callable[[Any], list[CellValue]]
    ) -> tuple[list[list[CellValue]], list[list[tuple[str, str]]]]:
        rows: list[list[CellValue]] = []
        notes: list[list[tuple[str, str]]] = []
        for record in records:
            self.row_marks = []
            rows.append(build(record))
            notes.append(self.row_marks)
        self.row_marks = []
        return rows, notes

    def gap_markup(self, rule_id: str) -> str:
        """ "Not stated" and where the requirement comes from ("GDPR art. 9(1), 9(2)"): the board reads
        the article, not the check's id (the findings table lists the ids for whoever fixes them)."""
        rule = load_rules().get(rule_id)
        source = f" ({rule.article})" if rule is not None and rule.article else ""
        return f'{text(self._(NOT_STATED))}<font name="{REGULAR}" size="7" color="#5b6470">{text(source)}</font>'

    def gap(self, entity: str, record_id: int | None, field: str) -> list[Flowable]:
        """The "Not stated" marker for a missing required element, or nothing when no check asks for it."""
        rule_id = self.gaps.rule(entity, record_id, field)
        if rule_id is None:
            return []
        self.gap_count += 1
        return [self._paragraph(self.gap_markup(rule_id), self.s.gap)]

    def filled(self, flowables: list[Flowable], entity: str, record_id: int | None, field: str) -> list[Flowable]:
        return flowables or self.gap(entity, record_id, field)

    def not_stated(self) -> Flowable:
        """ "Not stated" where the checks report the element elsewhere (no rule of its own, not counted)."""
        return self._paragraph(text(self._(NOT_STATED)), self.s.gap)

    def text_or_gap(self, value: str, entity: str, record_id: int | None, field: str) -> list[Flowable]:
        return self.filled([self.cell(value)] if value.strip() else [], entity, record_id, field)

    def block(self, label: str, flowables: list[Flowable]) -> list[Flowable]:
        """A labelled part of a cell; nothing when there is nothing to show."""
        if not flowables:
            return []
        return [self._paragraph(text(label), self.s.block_label), *flowables]

    def inline(self, field: str, names: list[str], activity_id: int | None) -> list[Flowable]:
        """An activity's linked records as one labelled line in a cell ("Data subjects: Kunder, Kursdeltakere"),
        its gap marker when required and missing, or nothing. One paragraph, not a label and a list: the
        five-column table stays as short as the notice's."""
        label = f'<font name="{BOLD}" color="#1f3a5f">{text(field_label("activity", field, self.tr))}:</font> '
        if names:
            return [self._paragraph(label + text(", ".join(names)), self.s.cell)]
        rule_id = self.gaps.rule("activity", activity_id, field)
        if rule_id is None:
            return []
        self.gap_count += 1
        return [self._paragraph(label + self.gap_markup(rule_id), self.s.gap)]

    def category_names(self, ids: Sequence[int]) -> list[str]:
        """Personal-data categories with their marks (special category, criminal offences, national ID)."""
        out: list[str] = []
        for i in ids:
            c = self.org.personal_data_by_id.get(i)
            if c is None:
                continue
            marks = "".join(mark for flag, mark in _MARKED_FLAGS if getattr(c, flag))
            self.marks_used.update(marks)
            out.append(f"{c.name}\u00a0{marks}" if marks else c.name)
        return out

    def legend(self) -> list[Flowable]:
        if not self.marks_used:
            return []
        names = {
            SPECIAL_MARK: field_label("personal_data", "special", self.tr),
            CRIMINAL_MARK: field_label("personal_data", "criminal", self.tr),
            NATIONAL_ID_MARK: field_label("personal_data", "national_id", self.tr),
        }
        parts = [f"{mark} {text(names[mark])}" for _, mark in _MARKED_FLAGS if mark in self.marks_used]
        return [Paragraph("\u2003".join(parts), self.s.legend)]

    def version_text(self) -> str:
        return self._("Version {version}").format(version=self.version)

    # ---------------------------------------------------------------- story

    def story(self) -> list[Flowable]:
        body: list[Flowable] = [NextPageTemplate("landscape"), PageBreak()]
        body += self.pictures()
        body += self.purpose_tables()
        body += self.sharing_table()
        body += self.processors()
        body += self.transfers()
        body += self.security_measures()
        body += self.dpia_screening()
        if self.show_findings:
            body += self.open_findings()
        body += self.change_log()
        body += self.changes_since_approval()
        body += [NextPageTemplate("portrait"), PageBreak()]
        body += self.approval_page()
        # The page header is one line: a very long name is shortened there (the cover shows it whole).
        name = self.o.name if len(self.o.name) <= 80 else self.o.name[:79] + "…"
        header = RunningHeader(name, self.version_text())
        cover = self.cover()  # after the body: it states how many gaps the body marked
        return [
            NextPageTemplate("portrait"),
            RunningHeader(None),
            *cover,
            PageBreak(),
            header,
            *self.contents_page(),
            *body,
        ]

    def pictures(self) -> list[Flowable]:
        """The overview dashboard and the data map (issue 18): the shape of the register before its tables."""
        from ropa_desktop.exports import pdf_pictures as pictures

        out = pictures.overview_pages(
            self.org,
            self.findings,
            self.tr,
            self.today,
            lambda: self.heading(self._("Overview"), "overview"),
            LANDSCAPE_WIDTH,
            LANDSCAPE_FRAME_HEIGHT,
        )
        out.append(PageBreak())
        out += pictures.map_pages(
            self.org,
            self.tr,
            lambda: self.heading(self._("Data map"), "datamap"),
            self.s.note,
            LANDSCAPE_WIDTH,
            LANDSCAPE_FRAME_HEIGHT,
        )
        out.append(PageBreak())
        return out

    def cover(self) -> list[Flowable]:
        o, fp = self.o, json_format.fingerprint(self.org)
        contact = ", ".join(v for v in (o.contact_person, o.email, o.phone) if v)
        dpo = ", ".join(v for v in (o.dpo_name, o.dpo_contact) if v)
        joint = [o.joint_controllers.strip()] if o.joint_controllers.strip() else []
        joint += [r.recipient.name for r in self.org.recipients if r.recipient.role == e.RecipientRole.JOINT_CONTROLLER]
        facts: list[tuple[str, str, str]] = [
            (N_("Organisation"), o.name, "name"),
            (FIELD_LABELS["organisation", "orgnr"], o.orgnr, "orgnr"),
            (FIELD_LABELS["organisation", "address"], o.address, "address"),
            (N_("Contact"), contact, ""),  # a missing contact is marked once, at the address
            (FIELD_LABELS["organisation", "dpo_name"], dpo, "dpo_name"),
            (
                FIELD_LABELS["organisation", "representative_name"],
                ", ".join(v for v in (o.representative_name, o.representative_contact) if v),
                "representative_name",
            ),
            (FIELD_LABELS["organisation", "joint_controllers"], "\n".join(joint), "joint_controllers"),
            (FIELD_LABELS["organisation", "dpo_required"], self.dpo_required_text(), ""),
            (
                N_("Drawn from"),
                ", ".join(
                    v for v in (o.source_version, self.tr.format_date(o.source_date) if o.source_date else "") if v
                ),
                "",
            ),
            (N_("Register version"), str(self.version), ""),
            (N_("Date"), self.tr.format_date(self.today, "long"), ""),
            (N_("Content fingerprint (SHA-256)"), " ".join(fp[i : i + 8] for i in range(0, len(fp), 8)), ""),
        ]
        # The art. 30(1)(a) facts are always shown, so a missing one is visible to the board.
        always = {
            FIELD_LABELS["organisation", "orgnr"],
            FIELD_LABELS["organisation", "address"],
            N_("Contact"),
            FIELD_LABELS["organisation", "dpo_name"],
        }
        rows: list[list[CellValue]] = []
        for k, v, field in facts:
            if not (v or k in always):
                continue
            value: list[Flowable] = [self.cell(v)] if v else self.gap("organisation", o.id, field)
            rows.append([Paragraph(text(self._(k)), self.s.note), value or self.cell(self._("Not recorded"))])
        rows.append([Paragraph(text(self._("Gaps in required elements")), self.s.note), self.gap_summary()])
        widths = [48 * mm, PORTRAIT_WIDTH - 48 * mm]
        expanded, continued = expand_rows(rows, widths)
        style = table_style(*continuation_style(continued, 0, len(expanded), 0), heading=False)
        facts_table = Table(expanded, colWidths=widths, style=style)
        return [
            Spacer(1, 40 * mm),
            Paragraph(text(self._(TITLE)), self.s.title),
            Paragraph(self._("GDPR article 30"), self.s.subtitle),
            Spacer(1, 12 * mm),
            *self.paragraphs(o.name, self.s.subtitle),
            Spacer(1, 8 * mm),
            facts_table,
            Spacer(1, 8 * mm),
            Paragraph(
                text(
                    self._(
                        "The content fingerprint identifies exactly this content of the register; "
                        "the approval record in the register carries the same fingerprint."
                    )
                ),
                self.s.note,
            ),
        ]

    def dpo_required_text(self) -> str:
        """Art. 37: whether a data protection officer is required, and why not, as assessed."""
        o = self.o
        if o.dpo_required is None:
            return o.dpo_assessment
        answer = self._("Yes") if o.dpo_required else self._("No")
        return f"{answer} — {o.dpo_assessment}" if o.dpo_assessment else answer

    def gap_summary(self) -> Paragraph:
        if not self.gap_count:
            return self.cell(self._("None: every required element is stated."))
        message = self.tr.ngettext(
            "{count} required element is not stated; it is marked «{marker}» where it belongs.",
            "{count} required elements are not stated; each is marked «{marker}» where it belongs.",
            self.gap_count,
        ).format(count=self.tr.format_number(self.gap_count), marker=self._(NOT_STATED))
        return Paragraph(text(message), self.s.gap)

    def contents_page(self) -> list[Flowable]:
        out: list[Flowable] = [Paragraph(text(self._("Contents")), self.s.h1), Spacer(1, 4 * mm)]
        for title, key, level in self.contents:
            out.append(ContentsLine(title, key, self.state, level))
        return out

    # ---------------------------------------------------------------- purpose table

    def _names(self, ids: Sequence[int], lookup: Mapping[int, m.PersonalDataCategory | m.DataSource]) -> list[str]:
        return [lookup[i].name for i in ids if i in lookup]

    def basis_items(self, bases: Sequence[str], note: str, balancing_test: str) -> list[str]:
        items: list[str] = []
        for letter in bases:
            label = text(labels.label(letter, self.tr, e.LegalBasis))
            mark = self.footnotes.mark(balancing_test) if letter == e.LegalBasis.LEGITIMATE_INTERESTS else ""
            if mark:
                self.row_marks.append((mark, balancing_test.strip()))
            if mark:
                label += "\u00a0" + mark
            items.append("\0" + label)
        if note:
            items.append(note)
        return items

    def entry_items(self, entries: Sequence[dict[str, Any]]) -> list[str]:
        """Format version 2: the bases for parts of the processing, "letter: the part (the law)", with the
        balancing test of a legitimate-interest part as a footnote."""
        items: list[str] = []
        for entry in entries:
            letter = str(entry.get("basis", ""))
            label = text(labels.label(letter, self.tr, e.LegalBasis) if letter in _BASES else letter)
            test = str(entry.get("balancing_test", "")).strip()
            # The one footnote numbering (domain/labels.py) is the main basis's; a part's test prints inline,
            # unless the same text already has its footnote.
            mark = self.footnotes.mark(test) if letter == e.LegalBasis.LEGITIMATE_INTERESTS and test else ""
            if mark:
                self.row_marks.append((mark, test))
                label += "\u00a0" + mark
            details = [str(entry.get(k, "")).strip() for k in ("covers", "national_law", "consent_record")]
            if test and not mark:
                details.append(f"{self.heading_of('legal_basis_entry', 'balancing_test')}: {test}")
            shown = "; ".join(d for d in details if d)
            items.append("\0" + label + (": " + text(shown) if shown else ""))
        return items

    def marketing_items(self, a: m.ProcessingActivity) -> list[str]:
        """Format version 2: the marketing channels (markedsføringsloven § 15) and cookie purposes (ekomloven
        § 3-15) the basis must cover."""
        items = []
        if a.marketing_channels:
            channels = ", ".join(labels.label(v, self.tr, e.MarketingChannel) for v in a.marketing_channels)
            items.append(f"{self.heading_of('activity', 'marketing_channels')}: {channels}")
        if a.marketing_customer_exception:
            items.append(self.heading_of("activity", "marketing_customer_exception"))
        if a.tracking_technology or a.tracking_purposes:
            purposes = ", ".join(labels.label(v, self.tr, e.TrackingPurpose) for v in a.tracking_purposes)
            heading = self.heading_of("activity", "tracking_technology")
            items.append(f"{heading}: {purposes}" if purposes else heading)
        return items

    def category_retention(self, ids: Sequence[int]) -> list[str]:
        """Format version 2: categories kept for a time of their own, "name: retention"."""
        out = []
        for i in ids:
            c = self.org.personal_data_by_id.get(i)
            if c is None:
                continue
            parts = [c.retention.strip()]
            unit = labels.label(c.retention_unit, self.tr, e.DurationUnit) if c.retention_unit else ""
            if not parts[0]:  # a wording says it already; the period as a number would repeat it
                number = self.tr.format_number(c.retention_duration) if c.retention_duration is not None else ""
                parts.append(f"{number} {unit}".strip())
            if c.retention_trigger:
                trigger = labels.label(c.retention_trigger, self.tr, e.RetentionTrigger)
                parts.append(f"{self.heading_of('personal_data', 'retention_trigger')}: {trigger}")
            if c.deletion_method:
                parts.append(labels.label(c.deletion_method, self.tr, e.DeletionMethod))
            parts.append(c.retention_reason.strip())
            shown = "; ".join(p for p in parts if p)
            if shown:
                out.append(f"{c.name}: {shown}")
        return out

    def activity_row(self, record: ActivityRecord) -> list[CellValue]:
        a, org = record.activity, self.org
        aid = a.id
        purpose = self.text_or_gap(a.purpose, "activity", aid, "purpose")
        if a.register_kind == "processor":
            if a.client_id in org.clients_by_id:
                client = org.clients_by_id[a.client_id]
                purpose.append(Paragraph(text(self._("For {client}").format(client=client.name)), self.s.note))
            else:
                purpose += self.gap("activity", aid, "client_id")
        processing = [
            *self.filled(self.bullets(a.operations), "activity", aid, "operations"),
            *self.inline(
                "recipients",
                [org.recipients_by_id[i].recipient.name for i in record.recipient_ids if i in org.recipients_by_id],
                aid,
            ),
            *self.inline("sources", self._names(record.source_ids, org.sources_by_id), aid),
        ]
        subjects = [org.data_subjects_by_id[i].name for i in record.data_subject_ids if i in org.data_subjects_by_id]
        categories = [
            *self.inline("data_subjects", subjects, aid),
            *self.filled(self.bullets(self.category_names(record.personal_data_ids)), "activity", aid, "personal_data"),
        ]
        # A basis only "as written" still lacks its art. 6(1) letter: the note and the marker both print.
        basis = self.bullets(self.basis_items(a.legal_basis, a.legal_basis_note, a.balancing_test))
        basis += self.bullets(self.entry_items(a.legal_bases))
        basis += [] if a.legal_basis or a.legal_bases else self.gap("activity", aid, "legal_basis")
        basis += self.gap("activity", aid, "balancing_test")
        basis += self.filled(self.bullets([a.national_law] if a.national_law else []), "activity", aid, "national_law")
        basis += self.bullets(self.marketing_items(a))
        # How consent is withdrawn is not an art. 30 element: only its gap is printed (the detail is in the editor).
        basis += self.gap("activity", aid, "consent_withdrawal")
        # The condition's label names its article already ("… (art. 9(2)(b))"): printed once.
        special = (
            [labels.label(a.special_condition, self.tr, e.SpecialCategoryCondition)] if a.special_condition else []
        )
        if a.special_condition_note:
            special.append(a.special_condition_note)
        basis += self.filled(self.bullets(special), "activity", aid, "special_condition")
        criminal = [self._("Art. 10: {basis}").format(basis=a.criminal_basis)] if a.criminal_basis else []
        basis += self.filled(self.bullets(criminal), "activity", aid, "criminal_basis")
        basis += self.gap("activity", aid, "national_id_justification")
        retention = self.text_or_gap(a.retention, "activity", aid, "retention")
        retention += self.bullets(self.category_retention(record.personal_data_ids))
        measures = [
            org.security_measures_by_id[i].name for i in record.security_measure_ids if i in org.security_measures_by_id
        ]
        retention += self.inline("security_measures", measures, aid)
        return [purpose, processing, categories, basis, retention]

    def purpose_header(self) -> list[str]:
        headings = [field_label(f.entity, f.name, self.tr) for f in face("purpose_table")]
        headings[2] = self._("Data subjects and categories of personal data")  # both, in one cell (art. 30(1)(c))
        return headings

    def purpose_tables(self) -> list[Flowable]:
        out: list[Flowable] = []
        widths = (19, 26, 22, 18, 15)
        controller = groupings.purpose_rows(self.org, "controller")
        out.append(self.heading(self._("Purposes and processing"), "purposes"))
        if controller:
            rows, notes = self.rows_with_notes(controller, self.activity_row)
            out.append(self.noted_table(self.purpose_header(), rows, notes, widths))
        else:
            out.append(Paragraph(text(self._("No processing activities are recorded.")), self.s.body))
        out += self.legend()
        processor = groupings.purpose_rows(self.org, "processor")
        if processor:
            out += [CondPageBreak(60 * mm), self.heading(self._("Processing on behalf of others"), "processor")]
            self.marks_used.clear()
            rows, notes = self.rows_with_notes(processor, self.activity_row)
            out.append(self.noted_table(self.purpose_header(), rows, notes, widths))
            out += self.legend()
        return out

    # ---------------------------------------------------------------- recipients

    # Sharing: one group per role, each under its own heading (art. 30(1)(d)).
    SHARING_ROLES: tuple[tuple[str, str], ...] = (
        (e.RecipientRole.INDEPENDENT_CONTROLLER, N_("Independent controllers")),
        (e.RecipientRole.JOINT_CONTROLLER, N_("Joint controllers (art. 26)")),
        (e.RecipientRole.PUBLIC_AUTHORITY, N_("Public authorities")),
        (e.RecipientRole.INTERNAL, N_("Recipients within the organisation")),
    )

    def sharing_row(self, record: RecipientRecord) -> list[CellValue]:
        return self.in_face_order("print_sharing", self.sharing_cells(record))

    def sharing_cells(self, record: RecipientRecord) -> dict[str, CellValue]:
        r = record.recipient
        rid = r.id
        name: list[Flowable] = [self.cell(r.name)]
        if r.country:
            name.append(Paragraph(text(self.tr.country_name(r.country)), self.s.note))
        if r.description:
            label = (
                self._("Arrangement (art. 26)")
                if r.role == e.RecipientRole.JOINT_CONTROLLER
                else field_label("recipient", "description", self.tr)
            )
            name += self.block(label, [self.cell(r.description)])
        arrangement = [
            f"{self.heading_of('recipient', key)}: {value}"
            for key, value in (
                ("arrangement_covers", r.arrangement_covers),
                ("arrangement_contact", r.arrangement_contact),
                ("arrangement_reference", r.arrangement_reference),
                ("arrangement_date", self.tr.format_date(r.arrangement_date) if r.arrangement_date else ""),
            )
            if value
        ]
        name += self.bullets(arrangement)
        basis = self.bullets(self.basis_items(r.legal_basis, r.legal_basis_note, r.balancing_test))
        disclosure = (
            [f"{self.heading_of('recipient', 'disclosure_law')}: {r.disclosure_law}"] if r.disclosure_law else []
        )
        if r.on_request_only:
            disclosure.append(self.heading_of("recipient", "on_request_only"))
        basis += self.bullets(disclosure)
        basis += [] if r.legal_basis else self.gap("recipient", rid, "legal_basis")
        basis += self.gap("recipient", rid, "balancing_test")
        return {
            "name": name,
            "purpose": self.text_or_gap(r.purpose, "recipient", rid, "purpose"),
            "personal_data": self.bullets(self.category_names(record.personal_data_ids)),
            "legal_basis": basis,
        }

    def sharing_table(self) -> list[Flowable]:
        sharing = groupings.sharing_recipients(self.org)
        if not sharing:
            return []
        header = self.face_header("print_sharing")
        widths = self.in_face_order(
            "print_sharing", {"name": 24, "purpose": 30, "personal_data": 28, "legal_basis": 18}
        )
        out: list[Flowable] = [CondPageBreak(60 * mm), self.heading(self._("Sharing with other recipients"), "sharing")]
        self.marks_used.clear()
        titles = dict(self.SHARING_ROLES)
        # The core's grouping (domain/groupings.py), so every role the vocabulary has is printed, e.g. a role
        # still to be clarified, under its own heading or the role's label.
        for role, group in groupings.group_by_role(sharing, lambda r: r.recipient.role):
            title = self._(titles[role]) if role in titles else labels.label(role, self.tr, e.RecipientRole)
            rows, notes = self.rows_with_notes(group, self.sharing_row)
            out += [
                CondPageBreak(40 * mm),
                self.heading(title, f"sharing-{role}", level=1),
                self.noted_table(header, rows, notes, tuple(widths)),
            ]
        out += self.legend()
        return out

    def processors(self) -> list[Flowable]:
        # Grouped by service, the service named once at the head of its group.
        processors = [record.recipient for record in groupings.processors(self.org)]
        if not processors:
            return []
        rows: list[list[CellValue]] = []
        previous: str | None = None
        for r in processors:
            service = r.service or self._("Other services")
            cells: dict[str, CellValue] = {
                "service": self.cell(service if service != previous else ""),
                "name": self.cell(r.name),
                "country": self.cell(self.tr.country_name(r.country)),
                # A legitimate-interest basis recorded for a processor still needs its balancing test.
                "description": [self.cell(r.description), *self.gap("recipient", r.id, "balancing_test")],
                "dpa_in_place": self.dpa_cell(r),
            }
            rows.append(self.in_face_order("print_processors", cells))
            previous = service
        widths = {"service": 18, "name": 30, "country": 10, "description": 26, "dpa_in_place": 16}
        return [
            CondPageBreak(60 * mm),
            self.heading(self._("Processors"), "processors"),
            self.table(
                self.face_header("print_processors"), rows, tuple(self.in_face_order("print_processors", widths))
            ),
        ]

    def dpa_cell(self, r: m.Recipient) -> list[Flowable]:
        if r.dpa_in_place is None:
            return self.gap("recipient", r.id, "dpa_in_place") or [self.cell(self.dpa_text(r))]
        return [self.cell(self.dpa_text(r))]

    def dpa_text(self, r: m.Recipient) -> str:
        if r.dpa_in_place is None:
            return self._("Not recorded")
        if not r.dpa_in_place:
            return self._("Missing")
        parts = [self._("In place")]
        if r.dpa_date:
            parts.append(self.tr.format_date(r.dpa_date))
        if r.dpa_reference:
            parts.append(r.dpa_reference)
        return ", ".join(parts)

    def transfer_row(self, t: m.Transfer) -> list[CellValue]:
        recipient = self.org.recipients_by_id.get(t.recipient_id or 0)
        mechanism: list[Flowable] = []
        if t.mechanism:
            label = labels.label(t.mechanism, self.tr, e.TransferMechanism)
            if t.dpf_certified:
                label += " — " + self._("EU–US Data Privacy Framework")
            mechanism = [self.cell(label)]
        others = [labels.label(v, self.tr, e.TransferMechanism) for v in t.other_mechanisms]
        mechanism += self.block(self.heading_of("transfer", "other_mechanisms"), self.bullets(others))
        country = [self.cell(self.tr.country_name(t.country))] if t.country else []
        further = [
            self.org.recipients_by_id[i].recipient.name
            for i in self.org.transfer_recipient_ids.get(t.id or 0, [])
            if i in self.org.recipients_by_id
        ]
        cells: dict[str, CellValue] = {
            "recipient_id": [
                self.cell(recipient.recipient.name) if recipient else self.not_stated(),
                *self.bullets(further),
            ],
            # A transfer with neither country nor mechanism is reported once, at the mechanism; the country
            # still reads as missing, not as blank.
            "country": self.filled(country, "transfer", t.id, "country") or [self.not_stated()],
            "mechanism": self.filled(mechanism, "transfer", t.id, "mechanism"),
            "safeguards": self.text_or_gap(t.safeguards, "transfer", t.id, "safeguards"),
            "reference": self.cell(t.reference),
        }
        return self.in_face_order("print_transfers", cells)

    def unrecorded_transfer_row(self, record: RecipientRecord) -> list[CellValue]:
        """A recipient outside the EEA with no transfer recorded, or one whose country is not recorded."""
        r = record.recipient
        if r.country:
            country = [self.cell(self.tr.country_name(r.country))]
            mechanism = self.gap("recipient", r.id, "country") or [
                Paragraph(text(self._("No transfer recorded")), self.s.gap)
            ]
        else:
            # The gap is the country, as the check says; whether there is a transfer at all waits for it.
            country = [self._paragraph(self.gap_markup(COUNTRY_UNKNOWN), self.s.gap)]
            mechanism = [self.cell(self._("Cannot be told until the country is recorded"))]
        cells: dict[str, CellValue] = {
            "recipient_id": self.cell(r.name),
            "country": country,
            "mechanism": mechanism,
            "safeguards": self.cell(""),
            "reference": self.cell(""),
        }
        return self.in_face_order("print_transfers", cells)

    def transfers(self) -> list[Flowable]:
        """Every recorded transfer, and every recipient the checks report as outside the EEA with no transfer
        or of unknown country. A recipient within the EEA (a Norwegian public body among them, whose country
        is not in doubt) is no third-country transfer and is not listed."""
        recorded = {t.recipient_id for t in self.org.transfers}
        reported = {f.record_id for f in self.findings if f.entity == "recipient" and f.rule_id in _TRANSFER_RULES}
        unrecorded = [r for r in self.org.recipients if r.recipient.id in reported and r.recipient.id not in recorded]
        if not self.org.transfers and not unrecorded:
            return []
        rows = [self.transfer_row(t) for t in self.org.transfers]
        rows += [self.unrecorded_transfer_row(r) for r in unrecorded]
        widths = {"recipient_id": 20, "country": 12, "mechanism": 22, "safeguards": 32, "reference": 14}
        return [
            CondPageBreak(50 * mm),
            self.heading(self._("Transfers to third countries"), "transfers"),
            self.table(self.face_header("print_transfers"), rows, tuple(self.in_face_order("print_transfers", widths))),
        ]

    def dpia_screening(self) -> list[Flowable]:
        """Issue 13: the DPIA screening of the activities where it says something: a criterion, a decision or a DPIA.

        Activities with nothing to show are counted in one line, so a long register's print-out does
        not grow by a page of "not required".
        """
        activities = [a for a in self.org.activities if a.activity.register_kind == e.RegisterKind.CONTROLLER]
        if not activities:
            return []
        rows: list[list[CellValue]] = []
        quiet = 0
        for a in activities:
            row = screening_row(self.org, a, self.tr)
            decided = a.activity.dpia_need != e.DpiaNeed.UNASSESSED or a.activity.dpia_need_reason
            if not (row.items or row.dpia or decided):
                quiet += 1
                continue
            rows.append(
                [
                    self.cell(a.activity.purpose),
                    self.cell(f"{row.result} — {row.why}"),
                    self.bullets(row.items),
                    self.cell(row.dpia),
                ]
            )
        out: list[Flowable] = [CondPageBreak(50 * mm), self.heading(self._("DPIA screening"), "dpia")]
        if rows:
            header = [self.heading_of("activity", "purpose"), self._("Result"), self._("What applies"), self._("DPIA")]
            out.append(self.table(header, rows, (24, 26, 36, 14)))
        if quiet:
            note = self.tr.ngettext(
                "{count} other activity: none of the nine criteria applies, DPIA not required.",
                "{count} other activities: none of the nine criteria applies, DPIA not required.",
                quiet,
            ).format(count=quiet)
            out.append(Paragraph(text(note), self.s.body))
        return out

    def security_measures(self) -> list[Flowable]:
        if not self.org.security_measures:
            return []
        rows: list[list[CellValue]] = [
            [
                *self.in_face_order(
                    "print_security",
                    {
                        "kind": self.cell(labels.label(s.kind, self.tr, e.SecurityMeasureKind)),
                        "name": self.cell(s.name),
                        "description": self.cell(s.description),
                    },
                ),
                self.cell(self._("All activities") if s.applies_to_all else self._("Linked activities")),
            ]
            for s in self.org.security_measures
        ]
        # The last column says which activities a measure covers: not a field of its own.
        header = [*self.face_header("print_security"), self._("Applies to")]
        widths = self.in_face_order("print_security", {"kind": 16, "name": 24, "description": 45})
        return [
            CondPageBreak(50 * mm),
            self.heading(self._("Security measures"), "security"),
            self.table(header, rows, (*widths, 15)),
        ]

    def open_findings(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(50 * mm), self.heading(self._("Open findings of the checks"), "findings")]
        if not self.findings:
            return [*out, Paragraph(text(self._("The checks found nothing to fix.")), self.s.body)]
        names: dict[tuple[str, int], str] = {
            ("activity", r.activity.id or 0): r.activity.purpose for r in self.org.activities
        }
        names.update({("recipient", r.recipient.id or 0): r.recipient.name for r in self.org.recipients})
        # Errors, then warnings, one row each (the checks sort them so); notes summarised per rule, so a
        # long list of "no review date" cannot bury the errors.
        rows: list[list[CellValue]] = []
        notes: dict[str, int] = {}
        for f in self.findings:
            if f.severity is Severity.INFO:
                notes[f.rule_id] = notes.get(f.rule_id, 0) + 1
                continue
            rows.append(
                [
                    self.cell(self.tr.gettext(SEVERITY_LABELS[f.severity])),
                    self.cell(names.get((f.entity, f.record_id), self.o.name)),
                    self.cell(f.render(self.tr)),
                    self.cell(f.rule_id),
                ]
            )
        for rule_id, count in notes.items():
            summary = self.tr.ngettext("{count} record", "{count} records", count).format(
                count=self.tr.format_number(count)
            )
            rows.append(
                [
                    self.cell(self.tr.gettext(SEVERITY_LABELS[Severity.INFO])),
                    self.cell(summary),
                    self.cell(self.tr.gettext(RULES[rule_id].description)),
                    self.cell(rule_id),
                ]
            )
        header = [self._("Severity"), self._("Record"), self._("Finding"), self._("Rule")]
        return [*out, self.table(header, rows, (10, 26, 46, 18))]

    def change_log(self) -> list[Flowable]:
        if not self.org.change_log:
            return []
        rows: list[list[CellValue]] = [
            [self.cell(self.tr.format_date(c.when)), self.cell(c.text)] for c in self.org.change_log
        ]
        return [
            CondPageBreak(40 * mm),
            self.heading(self._("Change log"), "changelog"),
            self.table([self.heading_of("change_log", "when"), self.heading_of("change_log", "text")], rows, (18, 82)),
        ]

    def changes_since_approval(self) -> list[Flowable]:
        if not self.org.approvals:
            return []
        last = max(self.org.approvals, key=lambda a: a.version)
        changes = changes_since(last, self.org)
        out: list[Flowable] = [
            CondPageBreak(40 * mm),
            self.heading(self._("Changes since the last approval"), "changes"),
            Paragraph(
                text(
                    self._("Compared with version {version}, approved {date}.").format(
                        version=last.version, date=self.tr.format_date(last.approved_on)
                    )
                ),
                self.s.body,
            ),
            Spacer(1, 2 * mm),
        ]
        if not changes:
            return [*out, Paragraph(text(self._("No activities have changed.")), self.s.body)]
        kinds = {"added": self._("Added"), "removed": self._("Removed"), "changed": self._("Changed")}
        rows: list[list[CellValue]] = [
            [
                self.cell(kinds[c.kind]),
                self.cell(c.purpose),
                self.cell(", ".join(dict.fromkeys(field_label("activity", f, self.tr) for f in c.fields))),
            ]
            for c in changes
        ]
        header = [self._("Change"), self.heading_of("activity", "purpose"), self._("Changed fields")]
        return [*out, self.table(header, rows, (12, 48, 40))]

    # ---------------------------------------------------------------- approval

    def approval_page(self) -> list[Flowable]:
        fp = json_format.fingerprint(self.org)
        intro = self._(
            "The board has reviewed and approves the records of processing activities of {organisation}, "
            "version {version}, content fingerprint {fingerprint}."
        ).format(organisation=self.o.name, version=self.version, fingerprint=fp)
        # Issue 13: an approval with open errors says so on the page the board signs.
        errors = [f for f in run_checks(RegisterSnapshot([self.org], 0), self.today) if f.severity is Severity.ERROR]
        if errors:
            intro += " " + self.tr.ngettext(
                "Approved with {count} open error reported by the completeness check.",
                "Approved with {count} open errors reported by the completeness check.",
                len(errors),
            ).format(count=len(errors))
        if self.printed_at is not None:
            intro += " " + self._("Printed {time}.").format(time=self.tr.format_local_time(self.printed_at))
        approvers = self.org.approvers or [m.Approver(), m.Approver(), m.Approver()]
        signed_on = self.tr.format_date(self.approved_on) if self.approved_on and self.org.approvers else ""
        header = [
            self.heading_of("approver", "name"),
            self.heading_of("approver", "role"),
            self._("Date"),
            self._("Signature"),
        ]
        rows: list[list[CellValue]] = [
            [self.cell(a.name), self.cell(a.role), self.cell(signed_on), self.cell("")] for a in approvers
        ]
        widths = [w * PORTRAIT_WIDTH / 100 for w in (30, 22, 16, 32)]
        style = table_style()
        table = Table(
            [self.head(header), *rows],
            colWidths=widths,
            rowHeights=[None] + [34] * len(rows),
            style=style,
            repeatRows=1,
        )
        return [
            self.heading(self._("Approval"), "approval"),
            *self.paragraphs(intro, self.s.body),
            Spacer(1, 6 * mm),
            table,
            Spacer(1, 10 * mm),
            KeepTogether(
                [
                    Paragraph(text(self._("Electronic signature")), self.s.h2),
                    SignatureBox(85 * mm, 32 * mm, self._("Signature stamp when signed electronically"), self.state),
                ]
            ),
        ]
