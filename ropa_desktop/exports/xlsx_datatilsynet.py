"""The register in the layout of Datatilsynet's protocol templates (``--layout datatilsynet``).

Datatilsynet offers two spreadsheet templates, one for the controller's and one for the processor's
register, with the mandatory columns coloured orange and the optional ones green. This workbook follows the
contents Datatilsynet lists for each (art. 30(1) and 30(2)), in that order; where the template's own
column wording could not be confirmed, ``docs/datatilsynet-layout.md`` says so. The headings here are the
template's, not the editor's field names, so they live with the layout rather than in the field catalogue.

It is a read-only rendering for an authority or auditor: the workbook import does not read it back.
Missing required elements print as the same "Not stated [rule id]" markers as the other exports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from ropa_desktop.checks.engine import run_checks
from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.countries import transfer_rules
from ropa_desktop.domain.gaps import Gaps, marker
from ropa_desktop.domain.labels import label
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister, RegisterSnapshot
from ropa_desktop.domain.validation import clean_text
from ropa_desktop.errors import NothingToExport
from ropa_desktop.exports.xlsx_export import _CHARS_PER_WIDTH, _LINE_HEIGHT, print_parts, print_scale
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.safe_files import atomic_output

MANDATORY_FILL = PatternFill("solid", fgColor="F4B183")  # the templates' orange: mandatory
OPTIONAL_FILL = PatternFill("solid", fgColor="A9D08E")  # the templates' green: optional
_GAP_FONT = Font(name="Arial", bold=True, size=10, color="9B1C1C")
_BODY_FONT = Font(name="Arial", size=10)
_WRAP = Alignment(wrap_text=True, vertical="top")
HEADING_ROW = 8  # rows 1-6: who keeps the register; row 7: the colour legend


@dataclass(frozen=True)
class TemplateColumn:
    heading: str  # msgid, the template's wording as far as confirmed (see docs/datatilsynet-layout.md)
    mandatory: bool
    width: float
    value: Callable[[_Row], str]
    gap: tuple[str, str] = ("", "")  # (entity, field) whose finding marks an empty cell


@dataclass
class _Row:
    org: OrganisationRegister
    record: ActivityRecord
    tr: Translator

    def names(self, ids: Sequence[int], lookup: dict[int, object]) -> str:
        return "\n".join(str(getattr(lookup[i], "name", "")) for i in ids if i in lookup)

    def subjects(self) -> str:
        return self.names(self.record.data_subject_ids, dict(self.org.data_subjects_by_id))

    def categories(self) -> str:
        return self.names(self.record.personal_data_ids, dict(self.org.personal_data_by_id))

    def recipients(self) -> str:
        out = []
        for i in self.record.recipient_ids:
            r = self.org.recipients_by_id.get(i)
            if r is not None:
                role = label(r.recipient.role, self.tr, e.RecipientRole)
                out.append(f"{r.recipient.name} ({role})")
        return "\n".join(out)

    def transfers(self) -> str:
        rules = transfer_rules()
        out = []
        for i in self.record.recipient_ids:
            r = self.org.recipients_by_id.get(i)
            if r is None or not rules.is_third_country(r.recipient.country):
                continue
            recorded: list[m.Transfer | None] = list(self.org.transfers_for(i)) or [None]
            for t in recorded:
                country = self.tr.country_name(t.country if t and t.country else r.recipient.country)
                mechanism = label(t.mechanism, self.tr, e.TransferMechanism) if t and t.mechanism else ""
                line = f"{r.recipient.name}: {country}"
                if mechanism:
                    line += f" — {mechanism}"
                elif t is None:
                    line += " — " + marker("recipient.transfer.missing", self.tr)
                out.append(line)
        return "\n".join(out)

    def safeguards(self) -> str:
        lines = [
            t.safeguards
            for i in self.record.recipient_ids
            for t in self.org.transfers_for(i)
            if t.safeguards and t.mechanism == e.TransferMechanism.DEROGATION
        ]
        return "\n".join(lines)

    def measures(self) -> str:
        org_wide = [m.name for m in self.org.security_measures if m.applies_to_all]
        linked = self.names(self.record.security_measure_ids, dict(self.org.security_measures_by_id))
        lines = (
            [self.tr.gettext(N_("All activities: {measures}")).format(measures=", ".join(org_wide))] if org_wide else []
        )
        return "\n".join([*lines, linked] if linked else lines)

    def basis(self) -> str:
        lines = [label(b, self.tr, e.LegalBasis) for b in self.record.activity.legal_basis]
        if self.record.activity.legal_basis_note:
            lines.append(self.record.activity.legal_basis_note)
        return "\n".join(lines)

    def client(self) -> str:
        c = self.org.clients_by_id.get(self.record.activity.client_id or 0)
        return "\n".join(v for v in (c.name, c.orgnr, c.contact) if v) if c else ""

    def client_people(self) -> str:
        c = self.org.clients_by_id.get(self.record.activity.client_id or 0)
        return "\n".join(v for v in (c.representative, c.dpo) if v) if c else ""


def _a(field: str) -> tuple[str, str]:
    return ("activity", field)


CONTROLLER_COLUMNS = (
    TemplateColumn(N_("Purpose of the processing"), True, 26, lambda r: r.record.activity.purpose, _a("purpose")),
    TemplateColumn(N_("Description of the processing"), False, 30, lambda r: "\n".join(r.record.activity.operations)),
    TemplateColumn(N_("Categories of data subjects"), True, 20, _Row.subjects, _a("data_subjects")),
    TemplateColumn(N_("Categories of personal data"), True, 24, _Row.categories, _a("personal_data")),
    TemplateColumn(N_("Categories of recipients"), True, 24, _Row.recipients),
    TemplateColumn(N_("Transfers to a third country or international organisation"), True, 24, _Row.transfers),
    TemplateColumn(
        N_("Documentation of suitable safeguards (art. 49(1) second subparagraph)"), True, 20, _Row.safeguards
    ),
    TemplateColumn(
        N_("Planned time limits for erasure"), True, 20, lambda r: r.record.activity.retention, _a("retention")
    ),
    TemplateColumn(
        N_("Technical and organisational security measures"), True, 24, _Row.measures, _a("security_measures")
    ),
    TemplateColumn(N_("Legal basis"), False, 18, _Row.basis, _a("legal_basis")),
    TemplateColumn(N_("Responsible unit"), False, 14, lambda r: r.record.activity.responsible_unit),
)

PROCESSOR_COLUMNS = (
    TemplateColumn(N_("Controller (name and contact details)"), True, 26, _Row.client, _a("client_id")),
    TemplateColumn(N_("Controller's representative and data protection officer"), True, 22, _Row.client_people),
    TemplateColumn(
        N_("Categories of processing carried out on behalf of the controller"),
        True,
        34,
        lambda r: "\n".join([r.record.activity.purpose, *r.record.activity.operations]).strip(),
        _a("purpose"),
    ),
    TemplateColumn(N_("Transfers to a third country or international organisation"), True, 26, _Row.transfers),
    TemplateColumn(
        N_("Documentation of suitable safeguards (art. 49(1) second subparagraph)"), True, 22, _Row.safeguards
    ),
    TemplateColumn(
        N_("Technical and organisational security measures"), True, 26, _Row.measures, _a("security_measures")
    ),
)


def _fit_height(ws: Worksheet, row: int, texts: list[str], widths: list[float]) -> None:
    """Row height for wrapped text: LibreOffice does not grow rows to fit when it opens a file."""
    lines = 1
    for value, width in zip(texts, widths, strict=True):
        per_line = max(1, int(width * _CHARS_PER_WIDTH))
        lines = max(lines, sum(1 + (len(line) - 1) // per_line if line else 1 for line in value.split("\n")))
    ws.row_dimensions[row].height = min(409.0, lines * _LINE_HEIGHT + 2)


def _sheet(
    wb: Workbook,
    title: str,
    org: OrganisationRegister,
    records: list[ActivityRecord],
    columns: Sequence[TemplateColumn],
    who: str,
    tr: Translator,
    gaps: Gaps,
) -> None:
    ws: Worksheet = wb.create_sheet(title[:31])
    o = org.organisation
    facts = [
        (who, o.name),
        (tr.gettext(N_("Contact details")), ", ".join(v for v in (o.address, o.email, o.phone) if v)),
        (tr.gettext(N_("Joint controllers")), o.joint_controllers),
        (
            tr.gettext(N_("Representative")),
            ", ".join(v for v in (o.representative_name, o.representative_contact) if v),
        ),
        (tr.gettext(N_("Data protection officer")), ", ".join(v for v in (o.dpo_name, o.dpo_contact) if v)),
    ]
    contact_gap = gaps.rule("organisation", o.id, "address")
    for line, (name, value) in enumerate(facts, start=1):
        ws.cell(line, 1, name).font = Font(name="Arial", bold=True, size=10)
        if not value and line == 2 and contact_gap is not None:
            ws.cell(line, 2, marker(contact_gap, tr)).font = _GAP_FONT
        else:
            ws.cell(line, 2, clean_text(value) or None).font = _BODY_FONT
    legend = ws.cell(HEADING_ROW - 1, 1, tr.gettext(N_("Orange columns are mandatory, green columns optional.")))
    legend.font = Font(name="Arial", italic=True, size=9)
    for index, column in enumerate(columns, start=1):
        heading = tr.gettext(column.heading) + (" *" if column.mandatory else "")
        cell = ws.cell(HEADING_ROW, index, heading)
        cell.font = Font(name="Arial", bold=True, size=10)
        cell.fill = MANDATORY_FILL if column.mandatory else OPTIONAL_FILL
        cell.alignment = _WRAP
        ws.column_dimensions[get_column_letter(index)].width = column.width
    widths = [c.width for c in columns]
    _fit_height(ws, HEADING_ROW, [tr.gettext(c.heading) + " *" for c in columns], widths)
    for number, record in enumerate(records, start=HEADING_ROW + 1):
        reading = _Row(org, record, tr)
        for index, column in enumerate(columns, start=1):
            value = clean_text(column.value(reading))
            cell = ws.cell(number, index)
            rule_id = gaps.rule(column.gap[0], record.activity.id, column.gap[1]) if column.gap[0] else None
            if rule_id is not None and (not value.strip() or column.gap[1] == "legal_basis"):
                # A basis only "as written" still lacks its art. 6(1) letter: marker first, then the note.
                text = marker(rule_id, tr) + (f"\n{value}" if value.strip() else "")
                cell.value, cell.font = text, _GAP_FONT
            else:
                cell.value, cell.font = value or None, _BODY_FONT
            cell.data_type = "s"  # text as text: a purpose starting with "=" is not a formula
            cell.alignment = _WRAP
        _fit_height(ws, number, [str(ws.cell(number, i).value or "") for i in range(1, len(columns) + 1)], widths)
    ws.freeze_panes = f"A{HEADING_ROW + 1}"
    ws.print_title_rows = f"{HEADING_ROW}:{HEADING_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"
    ws.page_margins.left = ws.page_margins.right = 0.4
    # The same plan as the standard workbook: one scale, never under 8 pt; parts across when too wide.
    widths = [c.width for c in columns]
    parts = print_parts(widths)
    ws.page_setup.scale = print_scale(widths, parts)
    if len(parts) > 1:
        ws.print_title_cols = "A:A"
        for part in parts[1:]:
            ws.col_breaks.append(Break(id=part[0]))
    ws.print_options.gridLines = True


def export_datatilsynet_xlsx(
    snapshot: RegisterSnapshot,
    destination: Path,
    translator: Translator,
    progress: Callable[[int, int], bool] | None = None,
    *,
    replace: bool = True,
) -> None:
    """Write ``snapshot`` in Datatilsynet's protocol layout; the file appears only when complete.

    ``progress`` is called once at the end (the layout is small: one row per activity); ``replace=False``
    refuses an existing file."""
    if not snapshot.organisations:
        raise NothingToExport()
    tr = translator
    destination = Path(destination)
    gaps = Gaps.of(run_checks(snapshot))
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    many = len(snapshot.organisations) > 1
    for index, org in enumerate(snapshot.organisations, start=1):
        prefix = f"{index} " if many else ""
        controller = org.activities_of(e.RegisterKind.CONTROLLER)
        processor = org.activities_of(e.RegisterKind.PROCESSOR)
        if controller or not processor:
            title = prefix + tr.gettext(N_("Controller"))
            _sheet(wb, title, org, controller, CONTROLLER_COLUMNS, tr.gettext(N_("Controller")), tr, gaps)
        if processor:
            title = prefix + tr.gettext(N_("Processor"))
            _sheet(wb, title, org, processor, PROCESSOR_COLUMNS, tr.gettext(N_("Processor")), tr, gaps)
    with atomic_output(destination, replace=replace) as tmp:
        wb.save(tmp)
    if progress is not None:
        progress(1, 1)
