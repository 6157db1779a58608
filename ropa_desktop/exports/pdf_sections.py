"""The sections of the board PDF for one organisation, as reportlab flowables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
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
from ropa_desktop.checks.engine import SEVERITY_LABELS, Finding, Severity, run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RegisterSnapshot
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


STYLES = Styles()


class PrintedFootnotes:
    """The organisation's footnote numbering (shared with the editor and Excel, see
    :func:`ropa_desktop.domain.labels.footnotes`), each note printed below the first
    table that uses it."""

    def __init__(self, numbering: labels.Footnotes) -> None:
        self._items = numbering.items
        self._by_text = {" ".join(note.split()): mark for mark, note in numbering.items}
        self._used: set[str] = set()
        self._printed: set[str] = set()

    def mark(self, balancing_test: str) -> str:
        found = self._by_text.get(" ".join(balancing_test.split()), "")
        if found:
            self._used.add(found)
        return found

    def unprinted(self) -> list[tuple[str, str]]:
        out = [(m, note) for m, note in self._items if m in self._used and m not in self._printed]
        self._printed.update(m for m, _ in out)
        return out


class OrganisationSections:
    """Every section of one organisation's print-out."""

    def __init__(
        self,
        org: OrganisationRegister,
        tr: Translator,
        state: LayoutState,
        findings: Sequence[Finding] | None,
        today: date,
    ) -> None:
        self.org, self.tr, self.state, self.findings, self.today = org, tr, state, findings, today
        self.o = org.organisation
        self.prefix = f"org{self.o.id}"
        self.version = max((a.version for a in org.approvals), default=0) + 1
        self.footnotes = PrintedFootnotes(labels.footnotes(org))
        self.contents: list[tuple[str, str, int]] = []
        self.s = STYLES

    # ---------------------------------------------------------------- helpers

    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def heading(self, title: str, section: str, level: int = 0) -> Heading:
        key = f"{self.prefix}-{section}"
        self.contents.append((title, key, level))
        return Heading(text(title), self.s.h1 if level == 0 else self.s.h2, key, self.state, level)

    def cell(self, value: str) -> Flowable:
        if len(value) > LONG_TEXT:
            return LongText(value, self.s.cell, text)
        return CellParagraph(text(value), self.s.cell)

    def paragraphs(self, value: str, style: ParagraphStyle) -> list[Flowable]:
        """Text outside a table, in pieces a page break can fall between (linear time in its length)."""
        return [Paragraph(text(piece), style) for piece in cut_text(value, LONG_TEXT)]

    def head(self, values: Sequence[str]) -> list[CellValue]:
        return [Paragraph(text(v), self.s.head_cell) for v in values]

    def bullets(self, items: Sequence[str]) -> list[Flowable]:
        return [
            LongText(i, self.s.bullet, text, bullet="•")
            if len(i) > LONG_TEXT and not i.startswith("\0")
            else CellParagraph(text(i) if not i.startswith("\0") else i[1:], self.s.bullet, bulletText="•")
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

    def version_text(self) -> str:
        return self._("Version {version}").format(version=self.version)

    # ---------------------------------------------------------------- story

    def story(self) -> list[Flowable]:
        body: list[Flowable] = [NextPageTemplate("landscape"), PageBreak()]
        body += self.purpose_tables()
        body += self.sharing_table()
        body += self.processors()
        body += self.transfers()
        body += self.security_measures()
        body += self.dpia_screening()
        if self.findings is not None:
            body += self.open_findings()
        body += self.change_log()
        body += self.changes_since_approval()
        body += [NextPageTemplate("portrait"), PageBreak()]
        body += self.approval_page()
        # The page header is one line: a very long name is shortened there (the cover shows it whole).
        name = self.o.name if len(self.o.name) <= 80 else self.o.name[:79] + "…"
        header = RunningHeader(name, self.version_text())
        return [
            NextPageTemplate("portrait"),
            RunningHeader(None),
            *self.cover(),
            PageBreak(),
            header,
            *self.contents_page(),
            *body,
        ]

    def cover(self) -> list[Flowable]:
        o, fp = self.o, json_format.fingerprint(self.org)
        contact = ", ".join(v for v in (o.contact_person, o.email, o.phone) if v)
        dpo = ", ".join(v for v in (o.dpo_name, o.dpo_contact) if v)
        facts = [
            (N_("Organisation"), o.name),
            (N_("Organisation number"), o.orgnr),
            (N_("Address"), o.address),
            (N_("Contact"), contact),
            (N_("Data protection officer"), dpo),
            (N_("Representative"), ", ".join(v for v in (o.representative_name, o.representative_contact) if v)),
            (N_("Register version"), str(self.version)),
            (N_("Date"), self.tr.format_date(self.today, "long")),
            (N_("Content fingerprint (SHA-256)"), " ".join(fp[i : i + 8] for i in range(0, len(fp), 8))),
        ]
        # The art. 30(1)(a) facts are always shown, so a missing one is visible to the board.
        always = {N_("Organisation number"), N_("Address"), N_("Contact"), N_("Data protection officer")}
        rows = [
            [Paragraph(text(self._(k)), self.s.note), self.cell(v or self._("Not recorded"))]
            for k, v in facts
            if v or k in always
        ]
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

    def contents_page(self) -> list[Flowable]:
        out: list[Flowable] = [Paragraph(text(self._("Contents")), self.s.h1), Spacer(1, 4 * mm)]
        for title, key, level in self.contents:
            out.append(ContentsLine(title, key, self.state, level))
        return out

    # ---------------------------------------------------------------- purpose table

    def _names(self, ids: Sequence[int], lookup: dict[int, m.PersonalDataCategory]) -> list[str]:
        return [lookup[i].name for i in ids if i in lookup]

    def basis_items(self, bases: Sequence[str], note: str, balancing_test: str) -> list[str]:
        items: list[str] = []
        for letter in bases:
            label = text(labels.label(letter, self.tr, e.LegalBasis))
            mark = self.footnotes.mark(balancing_test) if letter == e.LegalBasis.LEGITIMATE_INTERESTS else ""
            if mark:
                label += "\u00a0" + mark
            items.append("\0" + label)
        if note:
            items.append(note)
        return items

    def activity_row(self, record: ActivityRecord) -> list[CellValue]:
        a = record.activity
        purpose: list[Flowable] = [self.cell(a.purpose)]
        if a.register_kind == "processor" and a.client_id in self.org.clients_by_id:
            client = self.org.clients_by_id[a.client_id]
            purpose.append(Paragraph(text(self._("For {client}").format(client=client.name)), self.s.note))
        basis = self.basis_items(a.legal_basis, a.legal_basis_note, a.balancing_test)
        if a.national_law:
            basis.append(a.national_law)
        if a.special_condition:
            condition = labels.label(a.special_condition, self.tr, e.SpecialCategoryCondition)
            basis.append(
                self._("Art. 9(2)({letter}): {condition}").format(letter=a.special_condition, condition=condition)
            )
        if a.criminal_basis:
            basis.append(self._("Art. 10: {basis}").format(basis=a.criminal_basis))
        return [
            purpose,
            self.bullets(a.operations),
            self.bullets(self._names(record.personal_data_ids, self.org.personal_data_by_id)),
            self.bullets(basis),
            self.cell(a.retention),
        ]

    def purpose_header(self) -> list[str]:
        return [
            self._("Purpose"),
            self._("Processing"),
            self._("Categories of personal data"),
            self._("Legal basis"),
            self._("Retention"),
        ]

    def footnote_block(self) -> list[Flowable]:
        notes = self.footnotes.unprinted()
        if not notes:
            return []
        out: list[Flowable] = [Spacer(1, 3 * mm)]
        for mark, balancing_test in notes:
            out.append(Paragraph(f"{mark} {text(balancing_test)}", self.s.footnote))
        return out

    def purpose_tables(self) -> list[Flowable]:
        out: list[Flowable] = []
        widths = (20, 28, 22, 15, 15)
        controller = self.org.activities_of("controller")
        out.append(self.heading(self._("Purposes and processing"), "purposes"))
        if controller:
            out.append(self.table(self.purpose_header(), [self.activity_row(r) for r in controller], widths))
        else:
            out.append(Paragraph(text(self._("No processing activities are recorded.")), self.s.body))
        out += self.footnote_block()
        processor = self.org.activities_of("processor")
        if processor:
            out += [CondPageBreak(60 * mm), self.heading(self._("Processing on behalf of others"), "processor")]
            out.append(self.table(self.purpose_header(), [self.activity_row(r) for r in processor], widths))
            out += self.footnote_block()
        return out

    # ---------------------------------------------------------------- recipients

    def sharing_table(self) -> list[Flowable]:
        sharing = [r for r in self.org.recipients if r.recipient.role not in ("processor", "internal")]
        if not sharing:
            return []
        rows: list[list[CellValue]] = []
        for record in sharing:
            r = record.recipient
            name: list[Flowable] = [self.cell(r.name)]
            if r.country:
                name.append(Paragraph(text(self.tr.country_name(r.country)), self.s.note))
            rows.append(
                [
                    name,
                    self.cell(r.purpose),
                    self.bullets(self._names(record.personal_data_ids, self.org.personal_data_by_id)),
                    self.bullets(self.basis_items(r.legal_basis, r.legal_basis_note, r.balancing_test)),
                ]
            )
        header = [self._("Recipient"), self._("Purpose"), self._("Categories of personal data"), self._("Legal basis")]
        return [
            CondPageBreak(60 * mm),
            self.heading(self._("Sharing with independent controllers"), "sharing"),
            self.table(header, rows, (24, 30, 28, 18)),
            *self.footnote_block(),
        ]

    def processors(self) -> list[Flowable]:
        processors = [r.recipient for r in self.org.recipients if r.recipient.role == "processor"]
        if not processors:
            return []
        # Grouped by service, the service named once at the head of its group.
        order: dict[str, int] = {}
        for r in processors:
            order.setdefault(r.service, len(order))
        processors.sort(key=lambda r: order[r.service])
        rows: list[list[CellValue]] = []
        previous: str | None = None
        for r in processors:
            service = r.service or self._("Other services")
            rows.append(
                [
                    self.cell(service if service != previous else ""),
                    self.cell(r.name),
                    self.cell(self.tr.country_name(r.country)),
                    self.cell(r.description),
                    self.cell(self.dpa_text(r)),
                ]
            )
            previous = service
        header = [
            self._("Service"),
            self._("Processor"),
            self._("Country"),
            self._("Description"),
            self._("Data processing agreement"),
        ]
        return [
            CondPageBreak(60 * mm),
            self.heading(self._("Processors"), "processors"),
            self.table(header, rows, (18, 30, 10, 26, 16)),
        ]

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

    def transfers(self) -> list[Flowable]:
        if not self.org.transfers:
            return []
        rows: list[list[CellValue]] = []
        for t in self.org.transfers:
            recipient = self.org.recipients_by_id.get(t.recipient_id or 0)
            mechanism = labels.label(t.mechanism, self.tr, e.TransferMechanism) if t.mechanism else ""
            if t.dpf_certified:
                mechanism += " — " + self._("EU–US Data Privacy Framework")
            rows.append(
                [
                    self.cell(recipient.recipient.name if recipient else ""),
                    self.cell(self.tr.country_name(t.country)),
                    self.cell(mechanism),
                    self.cell(t.safeguards),
                    self.cell(t.reference),
                ]
            )
        header = [
            self._("Recipient"),
            self._("Country"),
            self._("Transfer mechanism"),
            self._("Safeguards"),
            self._("Reference"),
        ]
        return [
            CondPageBreak(50 * mm),
            self.heading(self._("Transfers to third countries"), "transfers"),
            self.table(header, rows, (20, 12, 22, 32, 14)),
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
            if not (row.items or row.dpia or a.activity.dpia_need != e.DpiaNeed.UNASSESSED):
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
            header = [self._("Purpose"), self._("Result"), self._("What applies"), self._("DPIA")]
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
                self.cell(labels.label(s.kind, self.tr, e.SecurityMeasureKind)),
                self.cell(s.name),
                self.cell(s.description),
                self.cell(self._("All activities") if s.applies_to_all else self._("Linked activities")),
            ]
            for s in self.org.security_measures
        ]
        header = [self._("Kind"), self._("Measure"), self._("Description"), self._("Applies to")]
        return [
            CondPageBreak(50 * mm),
            self.heading(self._("Security measures"), "security"),
            self.table(header, rows, (16, 24, 45, 15)),
        ]

    def open_findings(self) -> list[Flowable]:
        assert self.findings is not None
        out: list[Flowable] = [CondPageBreak(50 * mm), self.heading(self._("Open findings of the checks"), "findings")]
        if not self.findings:
            return [*out, Paragraph(text(self._("The checks found nothing to fix.")), self.s.body)]
        # One row per record, its findings as a list: the board reads it by activity.
        names: dict[tuple[str, int], str] = {
            ("activity", r.activity.id or 0): r.activity.purpose for r in self.org.activities
        }
        names.update({("recipient", r.recipient.id or 0): r.recipient.name for r in self.org.recipients})
        grouped: dict[tuple[str, int], list[str]] = {}
        for f in self.findings:
            severity = self.tr.gettext(SEVERITY_LABELS[f.severity])
            grouped.setdefault((f.entity, f.record_id), []).append(f"{severity}: {f.render(self.tr)}")
        rows: list[list[CellValue]] = [
            [self.cell(names.get(key, self.o.name)), self.bullets(messages)] for key, messages in grouped.items()
        ]
        header = [self._("Record"), self._("Findings")]
        return [*out, self.table(header, rows, (30, 70))]

    def change_log(self) -> list[Flowable]:
        if not self.org.change_log:
            return []
        rows: list[list[CellValue]] = [
            [self.cell(self.tr.format_date(c.when)), self.cell(c.text)] for c in self.org.change_log
        ]
        return [
            CondPageBreak(40 * mm),
            self.heading(self._("Change log"), "changelog"),
            self.table([self._("When"), self._("What")], rows, (18, 82)),
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
        header = [self._("Change"), self._("Purpose"), self._("Changed fields")]
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
        approvers = self.org.approvers or [m.Approver(), m.Approver(), m.Approver()]
        header = [self._("Name"), self._("Role"), self._("Date"), self._("Signature")]
        rows: list[list[CellValue]] = [
            [self.cell(a.name), self.cell(a.role), self.cell(""), self.cell("")] for a in approvers
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
