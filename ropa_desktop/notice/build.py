"""One organisation's register → its privacy notice (art. 13 and 14), as a :class:`Notice`.

The layout follows the published Norwegian notices the project is built
around (``shared/seeds/000``, ProMeister): who is responsible, what is
processed, then one table per purpose (Formål / Behandling / Kategorier /
Rettslig grunnlag / Lagringstid) with the balancing tests as footnotes ¹ ² ³,
who the data is shared with, transfers, rights, complaints and the change table.

Only the controller register is described: the processor register (art. 30(2))
is processing on other controllers' behalf, and their notices cover it.

Where the register lacks something the notice must say, the text carries a
visible placeholder ("[MISSING: …]") and the gap is listed in
:attr:`Notice.gaps`, pointing at the record and field to fill in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels
from ropa_desktop.domain.fields import field_label
from ropa_desktop.domain.register import ActivityRecord, OrganisationRegister
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.notice import sections
from ropa_desktop.notice.document import Block, Bullets, Cell, Gap, Heading, Inline, Notice, Paragraph, Run, Table

MISSING = N_("[MISSING: {what}]")
QUOTED = N_("“{text}”")
BASIS_WITH_ARTICLE = N_("{label} (GDPR art. 6(1)({letter}))")


class NoticeWriter:
    """Builds the blocks of one notice; :mod:`.sections` adds the sections in order."""

    def __init__(self, org: OrganisationRegister, tr: Translator, today: date) -> None:
        self.org, self.tr, self.today = org, tr, today
        self.o = org.organisation
        self.blocks: list[Block] = []
        self.gaps: list[Gap] = []
        self.footnotes = labels.footnotes(org)
        self.activities: list[ActivityRecord] = org.activities_of(e.RegisterKind.CONTROLLER)

    # ---------------------------------------------------------------- text helpers

    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.tr.ngettext(singular, plural, n)

    def quote(self, text: str) -> str:
        return self._(QUOTED).format(text=text)

    def purpose_name(self, record: ActivityRecord) -> str:
        return record.activity.purpose.strip() or self._("purpose no. {number}").format(
            number=self.activities.index(record) + 1 if record in self.activities else record.activity.id
        )

    def label(self, value: str, vocabulary: type[StrEnum]) -> str:
        return labels.label(value, self.tr, vocabulary)

    def field(self, entity: str, name: str) -> str:
        return field_label(entity, name, self.tr)

    def gap(self, entity: str, record_id: int | None, field: str, what: str) -> Run:
        """A visible placeholder for ``what``, recorded in the gap list."""
        gap = Gap(self.o.id or 0, entity, record_id or 0, field, what)
        if gap not in self.gaps:  # the contact details are asked for in two sections: list the gap once
            self.gaps.append(gap)
        return Run(self._(MISSING).format(what=what), gap=True)

    # ---------------------------------------------------------------- block helpers

    def heading(self, text: str, anchor: str = "", level: int = 2) -> None:
        self.blocks.append(Heading(level, text, anchor))

    def para(self, *runs: Run | str) -> None:
        self.blocks.append(Paragraph([Run(r) if isinstance(r, str) else r for r in runs]))

    def bullets(self, items: Iterable[Inline]) -> None:
        items = [i for i in items if i]
        if items:
            self.blocks.append(Bullets(items))

    def table(self, table: Table) -> None:
        self.blocks.append(table)

    @staticmethod
    def cell_text(text: str) -> Cell:
        return [Paragraph([Run(text)])] if text else []

    @staticmethod
    def cell_list(items: Iterable[Inline]) -> Cell:
        items = [i for i in items if i]
        return [Bullets(items)] if items else []

    # ---------------------------------------------------------------- shared phrases

    def basis_runs(
        self,
        letters: list[str],
        note: str,
        law: str,
        mark: str,
    ) -> Inline:
        """The legal basis as a notice states it: the art. 6(1) labels, the footnote mark, the law."""
        runs: Inline = []
        for letter in letters:
            if runs:
                runs.append(Run("; "))
            try:
                text = self.label(letter, e.LegalBasis)
            except ValueError:
                text = letter
            runs.append(Run(self._(BASIS_WITH_ARTICLE).format(label=text, letter=letter)))
            if letter == e.LegalBasis.LEGITIMATE_INTERESTS.value and mark:
                runs.append(Run(mark, mark=True))
        if law.strip():
            runs.append(Run((", " if runs else "") + self._(sections.SEE_LAW).format(law=law.strip())))
        if note.strip():
            runs.append(Run((". " if runs else "") + note.strip()))
        return runs

    def categories_runs(self, ids: list[int]) -> list[Inline]:
        found = [self.org.personal_data_by_id[i] for i in ids if i in self.org.personal_data_by_id]
        return [[Run(c.name, bold=c.special or c.criminal or c.national_id)] for c in found if c.name.strip()]

    def contact_text(self) -> str:
        parts = [p for p in (self.o.email.strip(), self.o.phone.strip()) if p]
        return ", ".join(parts)


def build_notice(org: OrganisationRegister, translator: Translator, today: date | None = None) -> Notice:
    """The privacy notice of ``org`` in ``translator``'s language, and the gaps it shows."""
    writer = NoticeWriter(org, translator, today or date.today())
    for section in sections.SECTIONS:
        section(writer)
    title = translator.gettext(sections.TITLE).format(name=org.organisation.name)
    return Notice(translator.language, title, writer.blocks, writer.gaps)


__all__ = ["NoticeWriter", "build_notice"]
