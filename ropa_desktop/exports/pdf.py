"""The board print-out: the art. 30 register as a PDF (issue 5).

``export_pdf`` lays out a register snapshot in the export language of the
given translator; the file appears only when it is complete (written to a
temporary file beside it, then renamed). Layout time grows linearly with the
number of activities, see :mod:`ropa_desktop.exports.pdf_flowables`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ropa_desktop import __version__
from ropa_desktop.checks.engine import run_checks
from ropa_desktop.domain.register import RegisterSnapshot
from ropa_desktop.errors import RopaError
from ropa_desktop.exports.pdf_flowables import (
    MARGIN,
    ExportCancelledError,
    LayoutState,
    deferred_canvas,
    keep_headings_with_content,
)
from ropa_desktop.exports.pdf_fonts import register_fonts
from ropa_desktop.exports.pdf_sections import FRAME_CHROME, LANDSCAPE, PORTRAIT, TITLE, OrganisationSections
from ropa_desktop.exports.pdf_signature_fields import SignatureBox, add_signature_fields
from ropa_desktop.i18n import N_, Translator
from ropa_desktop.safe_files import atomic_output

PAGE_FOOTER = N_("Page {page} of {pages}")


class PdfExportCancelledError(RopaError):
    message = N_("The PDF export was cancelled; no file was written.")


class PdfExportFailedError(RopaError):
    message = N_("The PDF could not be laid out: {reason}. No file was written.")


def _templates() -> list[PageTemplate]:
    def frame(size: tuple[float, float], name: str) -> Frame:
        width, height = size
        return Frame(
            MARGIN,
            MARGIN + 4,
            width - 2 * MARGIN,
            height - 2 * MARGIN - FRAME_CHROME,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    return [
        PageTemplate("portrait", [frame(PORTRAIT, "portrait")], pagesize=PORTRAIT),
        PageTemplate("landscape", [frame(LANDSCAPE, "landscape")], pagesize=LANDSCAPE),
    ]


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the pages are laid out.

    Layout keeps every page and row alive until the end, and each full
    collection walks all of them while finding next to nothing to free: a
    third of the time at 10,000 activities, with the same peak memory without
    it (measured). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _wants_findings(snapshot: RegisterSnapshot) -> bool:
    return any(a.activity.status == "draft" for o in snapshot.organisations for a in o.activities)


def export_pdf(
    snapshot: RegisterSnapshot,
    destination: Path,
    translator: Translator,
    *,
    include_findings: bool | None = None,
    progress: Callable[[int, int], bool] | None = None,
    today: date | None = None,
    replace: bool = True,
    approved_on: date | None = None,
    printed_at: datetime | None = None,
    signature_fields: bool = True,
) -> list[SignatureBox]:
    """Write the board print-out of ``snapshot`` to ``destination``; return its signature boxes.

    ``replace=False`` refuses a file that exists at ``destination`` when the print-out is complete.

    ``include_findings`` defaults to on when any activity is a draft.
    ``progress(rows_done, rows_total)`` is called as table rows are laid out;
    returning False cancels (nothing is written).
    ``approved_on`` (when the board signs electronically) is printed beside each approver, and
    ``printed_at`` (local time with its zone) on the approval page.
    ``signature_fields=False`` leaves the empty signature fields over the boxes to the caller
    (:func:`~ropa_desktop.exports.pdf_signature_fields.add_signature_fields`): signing adds them.
    """
    register_fonts()
    tr = translator
    today = today or date.today()
    destination = Path(destination)
    if include_findings is None:
        include_findings = _wants_findings(snapshot)
    # The checks always run: their findings are the gaps printed in place ("Not stated").
    all_findings = run_checks(snapshot, today)

    state = LayoutState(progress=progress)
    state.footer_text = lambda page, pages: tr.gettext(PAGE_FOOTER).format(
        page=tr.format_number(page), pages=tr.format_number(pages)
    )
    story: list[Flowable] = []
    for org in snapshot.organisations:
        org_findings = [f for f in all_findings if f.organisation_id == org.organisation.id]
        sections = OrganisationSections(
            org,
            tr,
            state,
            org_findings,
            today,
            show_findings=include_findings,
            approved_on=approved_on,
            printed_at=printed_at,
        )
        story += sections.story()
    story = keep_headings_with_content(story)  # no heading left alone at a page foot

    names = ", ".join(o.organisation.name for o in snapshot.organisations)
    with atomic_output(destination, replace=replace) as tmp:
        doc = BaseDocTemplate(
            str(tmp),
            pageTemplates=_templates(),
            title=f"{tr.gettext(TITLE)} — {names}",
            author=names,
            subject=tr.gettext(N_("Records of processing activities under GDPR article 30")),
            creator=f"ropa-desktop {__version__}",
            lang=tr.language,
            invariant=False,
        )
        try:
            with _cyclic_gc_paused():
                doc.build(story, canvasmaker=deferred_canvas(state))
        except ExportCancelledError:
            raise PdfExportCancelledError() from None
        except Exception as exc:  # reportlab's LayoutError and friends
            if isinstance(exc, RopaError):
                raise
            raise PdfExportFailedError(reason=str(exc).splitlines()[0][:200]) from exc
        if signature_fields and state.signature_boxes:
            tmp.write_bytes(add_signature_fields(tmp.read_bytes(), state.signature_boxes))
        if progress is not None:
            progress(state.rows_total, state.rows_total)
    return state.signature_boxes
