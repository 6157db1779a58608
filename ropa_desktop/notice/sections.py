"""The sections of the privacy notice, in the order a Norwegian notice prints them.

Each function adds its blocks to a :class:`~ropa_desktop.notice.build.NoticeWriter`;
the article each answers is in its docstring.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import models as m
from ropa_desktop.domain.fields import FIELD_LABELS
from ropa_desktop.domain.register import ActivityRecord, RecipientRecord
from ropa_desktop.i18n import N_
from ropa_desktop.notice.document import Cell, Heading, Inline, Paragraph, Run, Table

if TYPE_CHECKING:
    from ropa_desktop.notice.build import NoticeWriter

TITLE = N_("Privacy notice for {name}")
SEE_LAW = N_("see {law}")


def has_fact(record: object, name: str) -> bool:
    """Whether the register format has the fact ``name`` at all (newer formats add facts; then False is known)."""
    return dataclasses.is_dataclass(record) and not isinstance(record, type) and name in m.field_names(type(record))


def flagged(record: object, name: str) -> bool:
    return bool(getattr(record, name, False))


# --------------------------------------------------------------------------- art. 13(1)(a)-(b)


def controller(w: NoticeWriter) -> None:
    """Who is responsible and how to reach them and the DPO (art. 13(1)(a)-(b))."""
    o = w.o
    w.blocks.append(_title(w))
    w.para(
        w._(
            "This privacy notice explains how we process personal data about you: why, on what legal basis, "
            "who we share it with, how long we keep it and what rights you have."
        )
    )
    w.heading(w.tr.gettext(FIELD_LABELS[("client", "name")]), "controller")
    who = o.name.strip()
    if o.orgnr.strip():
        who = w._("{name}, organisation number {orgnr}").format(name=who, orgnr=o.orgnr.strip())
    if o.address.strip():
        who = w._("{who}, with address {address}").format(who=who, address=o.address.strip())
    w.para(w._("{who} is the controller for the processing of your personal data described here.").format(who=who))
    contact = w.contact_text()
    if contact:
        w.para(w._("You can contact us at {contact}.").format(contact=contact))
    elif not o.address.strip():
        w.para(w.gap("organisation", o.id, "email", w._("the controller's contact details")))
    if o.representative_name.strip():
        rep = o.representative_name.strip()
        if o.representative_contact.strip():
            rep = f"{rep} ({o.representative_contact.strip()})"
        w.para(w._("Our representative in the EU/EEA is {representative}.").format(representative=rep))
    if o.dpo_name.strip() or o.dpo_contact.strip():
        dpo = ", ".join(p for p in (o.dpo_name.strip(), o.dpo_contact.strip()) if p)
        w.para(w._("Our data protection officer: {dpo}.").format(dpo=dpo))


def _title(w: NoticeWriter) -> Heading:
    return Heading(1, w._(TITLE).format(name=w.o.name), "top")


# --------------------------------------------------------------------------- who and what


def data_subjects_and_categories(w: NoticeWriter) -> None:
    """Whom the notice concerns and what data is processed (art. 14(1)(d) for indirect collection)."""
    subjects = [s for s in w.org.data_subjects if s.name.strip()]
    if subjects:
        w.heading(w._("Whom we process personal data about"), "data-subjects")
        w.bullets(_named(s.name, s.description) for s in subjects)
    categories = [c for c in w.org.personal_data if c.name.strip()]
    if categories:
        w.heading(w._("Personal data we process"), "categories")
        w.bullets(_named(c.name, c.description) for c in categories)


def _named(name: str, description: str) -> Inline:
    runs = [Run(name.strip(), bold=True)]
    if description.strip():
        runs.append(Run(": " + description.strip()))
    return runs


# --------------------------------------------------------------------------- art. 13(1)(c)-(d), 13(2)(a)


def purposes(w: NoticeWriter) -> None:
    """One row per purpose: processing, categories, legal basis with footnotes, retention."""
    w.heading(w._("What we use your personal data for"), "purposes")
    if not w.activities:
        w.para(w.gap("organisation", w.o.id, "", w._("the purposes of the processing")))
        return
    w.para(
        w._("We use your personal data for the purposes below, on the legal basis and for as long as stated for each.")
    )
    headers = [
        w.field("activity", "purpose"),
        w.field("activity", "operations"),
        w.field("activity", "personal_data"),
        w.field("activity", "legal_basis"),
        w.field("activity", "retention"),
    ]
    rows: list[list[Cell]] = []
    marks: list[str] = []
    for record in w.activities:
        a = record.activity
        purpose: Cell = (
            [Paragraph([Run(a.purpose.strip())])]
            if a.purpose.strip()
            else [Paragraph([w.gap("activity", a.id, "purpose", w._("the purpose of a processing activity"))])]
        )
        mark = w.footnotes.mark_for_activity(a.id)
        if mark:
            marks.append(mark)
        rows.append(
            [
                purpose,
                w.cell_list([Run(op.strip())] for op in a.operations if op.strip()),
                _categories_cell(w, record),
                [Paragraph(_basis(w, record, mark))],
                [Paragraph(_retention(w, record))],
            ]
        )
    notes = [(mk, [Run(text)]) for mk, text in w.footnotes.items_for(marks)]
    w.table(Table(headers, rows, notes=notes))


def _categories_cell(w: NoticeWriter, record: ActivityRecord) -> Cell:
    items = w.categories_runs(record.personal_data_ids)
    if items:
        return w.cell_list(items)
    what = w._("the categories of personal data for {purpose}").format(purpose=w.quote(w.purpose_name(record)))
    return [Paragraph([w.gap("activity", record.activity.id, "personal_data", what)])]


def _basis(w: NoticeWriter, record: ActivityRecord, mark: str) -> Inline:
    a = record.activity
    runs = w.basis_runs(a.legal_basis, a.legal_basis_note, a.national_law, mark)
    purpose = w.quote(w.purpose_name(record))
    if not runs:
        runs = [w.gap("activity", a.id, "legal_basis", w._("the legal basis for {purpose}").format(purpose=purpose))]
    elif e.LegalBasis.LEGITIMATE_INTERESTS.value in a.legal_basis and not a.balancing_test.strip():
        what = w._("the legitimate interests pursued for {purpose}").format(purpose=purpose)
        runs += [Run(" "), w.gap("activity", a.id, "balancing_test", what)]
    if a.special_condition:
        try:
            runs.append(Run(". " + w.label(a.special_condition, e.SpecialCategoryCondition)))
        except ValueError:
            runs.append(Run(". " + a.special_condition))
        if a.special_condition_note.strip():
            runs.append(Run(" " + a.special_condition_note.strip()))
    elif any(c.special for c in (w.org.personal_data_by_id.get(i) for i in record.personal_data_ids) if c is not None):
        what = w._("the condition for special categories of data (art. 9(2)) for {purpose}").format(purpose=purpose)
        runs += [Run(" "), w.gap("activity", a.id, "special_condition", what)]
    return runs


def _retention(w: NoticeWriter, record: ActivityRecord) -> Inline:
    a = record.activity
    text = a.retention.strip()
    if not text and a.retention_duration is not None and a.retention_unit:
        text = _duration(w, a.retention_duration, a.retention_unit)
        if a.retention_trigger:
            try:
                event = w.label(a.retention_trigger, e.RetentionTrigger)
            except ValueError:
                event = a.retention_trigger
            text = w._("{period}, counted from: {event}").format(period=text, event=event.lower())
    if not text:
        what = w._("retention for {purpose}").format(purpose=w.quote(w.purpose_name(record)))
        return [w.gap("activity", a.id, "retention", what)]
    ref = a.retention_legal_ref.strip()
    if ref and ref.casefold() not in text.casefold():
        text = f"{text} ({w._(SEE_LAW).format(law=ref)})"
    return [Run(text)]


def _duration(w: NoticeWriter, count: int, unit: str) -> str:
    if unit == e.DurationUnit.DAYS.value:
        text = w.ngettext("{count} day", "{count} days", count)
    elif unit == e.DurationUnit.MONTHS.value:
        text = w.ngettext("{count} month", "{count} months", count)
    else:
        text = w.ngettext("{count} year", "{count} years", count)
    return text.format(count=w.tr.format_number(count))


def special_categories(w: NoticeWriter) -> None:
    """Special categories, criminal-offence data and the national identity number, with what they are used for."""
    used: dict[int, list[ActivityRecord]] = {}
    for record in w.activities:
        for cid in record.personal_data_ids:
            used.setdefault(cid, []).append(record)
    sensitive = [
        c for c in w.org.personal_data if (c.special or c.criminal or c.national_id) and c.id in used and c.name
    ]
    if not sensitive:
        return
    w.heading(w._("Special categories of personal data"), "special")
    w.para(
        w._(
            "Some personal data is more sensitive than other data and needs more protection. "
            "We process the following only for the purposes stated:"
        )
    )
    items: list[Inline] = []
    for c in sensitive:
        records = used[c.id or 0]
        runs: Inline = [Run(c.name.strip(), bold=True), Run(": ")]
        runs.append(Run(", ".join(w.quote(w.purpose_name(r)) for r in records)))
        if c.national_id:
            reasons = {r.activity.national_id_justification.strip() for r in records} - {""}
            runs.extend(Run(". " + reason) for reason in sorted(reasons))
        items.append(runs)
    w.bullets(items)


# --------------------------------------------------------------------------- art. 14(2)(f)


def sources(w: NoticeWriter) -> None:
    """Where data not obtained from the data subject comes from, and which categories (art. 14(1)(d), 14(2)(f))."""
    found = [s for s in w.org.sources if s.name.strip()]
    if not found:
        return
    w.heading(w._("Personal data we obtain from others"), "sources")
    w.para(w._("Besides what you give us yourself, we obtain personal data about you from:"))
    items: list[Inline] = []
    for s in found:
        runs: Inline = [Run(s.name.strip(), bold=True), Run(": ")]
        if s.description.strip():
            runs.append(Run(s.description.strip()))
        else:
            what = w._("which personal data {source} supplies").format(source=w.quote(s.name.strip()))
            runs.append(w.gap("source", s.id, "description", what))
        items.append(runs)
    w.bullets(items)


# --------------------------------------------------------------------------- art. 13(1)(e), 26(2)


def recipients(w: NoticeWriter) -> None:
    """Recipients grouped by role: processors by service, controllers, joint controllers, authorities."""
    by_role: dict[str, list[RecipientRecord]] = {}
    for rec in w.org.recipients:
        if rec.recipient.name.strip():
            by_role.setdefault(rec.recipient.role, []).append(rec)
    w.heading(w._("Who we share your personal data with"), "recipients")
    if not by_role and not w.o.joint_controllers.strip():
        w.para(w._("We do not disclose your personal data to others."))
        return
    _processors(w, by_role.get(e.RecipientRole.PROCESSOR.value, []))
    # A recipient whose role is still to be clarified receives data all the same: the notice must name it,
    # so it is listed with the other controllers (purpose and basis) rather than left out.
    _controllers(
        w,
        by_role.get(e.RecipientRole.INDEPENDENT_CONTROLLER.value, [])
        + by_role.get(e.RecipientRole.TO_CLARIFY.value, []),
    )
    _joint(w, by_role.get(e.RecipientRole.JOINT_CONTROLLER.value, []))
    _authorities(w, by_role.get(e.RecipientRole.PUBLIC_AUTHORITY.value, []))
    internal = by_role.get(e.RecipientRole.INTERNAL.value, [])
    if internal:
        w.heading(w._("Within our organisation"), "internal", 3)
        w.bullets(_named(r.recipient.name, r.recipient.description) for r in internal)


def _processors(w: NoticeWriter, found: list[RecipientRecord]) -> None:
    if not found:
        return
    w.heading(w._("Processors"), "processors", 3)
    intro = w._(
        "Where we need help to deliver our services, we use processors: companies that process personal data "
        "on our behalf and on our instructions."
    )
    if all(r.recipient.dpa_in_place for r in found):
        intro += " " + w._("We have a data processing agreement with each of them.")
    w.para(intro, " " + w._("Our processors help us with:"))
    groups: dict[str, list[m.Recipient]] = {}
    for rec in found:
        r = rec.recipient
        groups.setdefault(r.service.strip() or r.name.strip(), []).append(r)
    items: list[Inline] = []
    for service, members in groups.items():
        details = [r.name.strip() for r in members if r.name.strip() != service]
        details += [r.description.strip() for r in members if r.description.strip()]
        runs: Inline = [Run(service, bold=True)]
        if details:
            runs.append(Run(" (" + "; ".join(dict.fromkeys(details)) + ")"))
        items.append(runs)
    w.bullets(items)


def _controllers(w: NoticeWriter, found: list[RecipientRecord]) -> None:
    if not found:
        return
    w.heading(w._("Independent controllers"), "controllers", 3)
    w.para(
        w._(
            "We also share personal data with companies that are controllers in their own right. We decide what "
            "we pass on to them; once they have received it, they are responsible for their own processing."
        )
    )
    headers = [
        w.tr.gettext(FIELD_LABELS[("recipient", "name")]),
        w.field("recipient", "purpose"),
        w.field("recipient", "personal_data"),
        w.field("recipient", "legal_basis"),
    ]
    rows: list[list[Cell]] = []
    marks: list[str] = []
    for rec in found:
        r = rec.recipient
        name = w.quote(r.name.strip())
        purpose: Inline = (
            [Run(r.purpose.strip())]
            if r.purpose.strip()
            else [w.gap("recipient", r.id, "purpose", w._("the purpose of sharing with {name}").format(name=name))]
        )
        mark = w.footnotes.mark_for_recipient(r.id)
        if mark:
            marks.append(mark)
        basis = w.basis_runs(r.legal_basis, r.legal_basis_note, getattr(r, "disclosure_law", ""), mark)
        if not basis:
            basis = [
                w.gap(
                    "recipient", r.id, "legal_basis", w._("the legal basis for sharing with {name}").format(name=name)
                )
            ]
        rows.append(
            [
                w.cell_text(r.name.strip()),
                [Paragraph(purpose)],
                w.cell_list(w.categories_runs(rec.personal_data_ids)),
                [Paragraph(basis)],
            ]
        )
    notes = [(mk, [Run(text)]) for mk, text in w.footnotes.items_for(marks)]
    w.table(Table(headers, rows, notes=notes))


def _joint(w: NoticeWriter, found: list[RecipientRecord]) -> None:
    text = w.o.joint_controllers.strip()
    if not found and not text:
        return
    w.heading(w.tr.gettext(FIELD_LABELS[("organisation", "joint_controllers")]), "joint", 3)
    w.para(
        w._(
            "For some processing we decide the purposes and means together with others (joint controllers). "
            "The essence of the arrangement between us is set out below; you can exercise your rights "
            "against each of us."
        )
    )
    essence_field = "arrangement_covers" if any(has_fact(r.recipient, "arrangement_covers") for r in found) else ""
    items: list[Inline] = []
    for rec in found:
        r = rec.recipient
        essence = (getattr(r, "arrangement_covers", "") or r.description or r.purpose).strip()
        runs: Inline = [Run(r.name.strip(), bold=True), Run(": ")]
        if essence:
            runs.append(Run(essence))
        else:
            what = w._("the essence of the arrangement with {name}").format(name=w.quote(r.name.strip()))
            runs.append(w.gap("recipient", r.id, essence_field or "description", what))
        items.append(runs)
    w.bullets(items)
    if text:
        w.para(text)


def _authorities(w: NoticeWriter, found: list[RecipientRecord]) -> None:
    if not found:
        return
    w.heading(w._("Public authorities"), "authorities", 3)
    w.para(w._("We disclose personal data to public authorities where the law requires it:"))
    items: list[Inline] = []
    for rec in found:
        r = rec.recipient
        details = "; ".join(
            p for p in (r.purpose.strip(), r.description.strip(), getattr(r, "disclosure_law", "").strip()) if p
        )
        items.append(_named(r.name, details))
    w.bullets(items)


# --------------------------------------------------------------------------- art. 13(1)(f)


def transfers(w: NoticeWriter) -> None:
    """Transfers outside the EU/EEA with their safeguards and how to get a copy of them."""
    w.heading(w._("Transfers to countries outside the EU/EEA"), "transfers")
    if not w.org.transfers:
        w.para(w._("We do not transfer personal data to countries outside the EU/EEA."))
        return
    w.para(w._("Some of your personal data is transferred to countries outside the EU/EEA:"))
    headers = [
        w.tr.gettext(FIELD_LABELS[("recipient", "name")]),
        w.field("transfer", "country"),
        w.field("transfer", "mechanism"),
        w.field("transfer", "safeguards"),
    ]
    rows: list[list[Cell]] = []
    for t in w.org.transfers:
        rec = w.org.recipients_by_id.get(t.recipient_id or 0)
        name = rec.recipient.name.strip() if rec else ""
        subject = w.quote(name) if name else w._("a transfer outside the EU/EEA")
        country: Inline = (
            [Run(w.tr.country_name(t.country))]
            if t.country
            else [w.gap("transfer", t.id, "country", w._("the country of {transfer}").format(transfer=subject))]
        )
        mechanisms = [t.mechanism] if t.mechanism else []
        mechanisms += [x for x in getattr(t, "other_mechanisms", []) if x not in mechanisms]
        mechanism: Inline = []
        for value in mechanisms:
            try:
                mechanism.append(Run(("; " if mechanism else "") + w.label(value, e.TransferMechanism)))
            except ValueError:
                mechanism.append(Run(("; " if mechanism else "") + value))
        if t.dpf_certified:
            mechanism.append(Run(("; " if mechanism else "") + w._("EU–US Data Privacy Framework")))
        if not mechanism:
            what = w._("the transfer mechanism for {transfer}").format(transfer=subject)
            mechanism = [w.gap("transfer", t.id, "mechanism", what)]
        rows.append(
            [
                w.cell_text(name),
                [Paragraph(country)],
                [Paragraph(mechanism)],
                w.cell_text(t.safeguards.strip()),
            ]
        )
    w.table(Table(headers, rows))
    w.para(w._("You can get a copy of the safeguards, or learn where they are available, by contacting us."))


# --------------------------------------------------------------------------- art. 13(2)(b)-(f), 21, 22


def automated_decisions(w: NoticeWriter) -> None:
    """Automated decisions, including profiling (art. 13(2)(f)); only where the register records the fact."""
    if not w.activities or not has_fact(w.activities[0].activity, "automated_decisions"):
        return
    w.heading(w._("Automated decisions"), "automated")
    found = [r for r in w.activities if flagged(r.activity, "automated_decisions")]
    if not found:
        w.para(w._("We do not make decisions about you based solely on automated processing, including profiling."))
        return
    w.para(w._("We make decisions based solely on automated processing, including profiling, for:"))
    items: list[Inline] = []
    for r in found:
        what = w._("the logic involved and the consequences for you of {purpose}").format(
            purpose=w.quote(w.purpose_name(r))
        )
        logic = getattr(r.activity, "automated_decision_logic", "").strip()
        items.append(
            [Run(w.purpose_name(r), bold=True), Run(": ")]
            + ([Run(logic)] if logic else [w.gap("activity", r.activity.id, "automated_decisions", what)])
        )
    w.bullets(items)
    w.para(
        w._("You have the right not to be subject to such a decision, to have a person review it and to contest it.")
    )


def requirement(w: NoticeWriter) -> None:
    """Whether giving the data is a statutory or contractual requirement, and the consequence (art. 13(2)(e))."""
    bases = {b for r in w.activities for b in r.activity.legal_basis}
    texts = []
    if e.LegalBasis.CONTRACT.value in bases:
        texts.append(
            w._(
                "Where we process personal data to enter into or perform a contract with you, we need the data to "
                "do so; without it we cannot enter into or perform the contract."
            )
        )
    if e.LegalBasis.LEGAL_OBLIGATION.value in bases:
        texts.append(w._("Where the law requires us to process personal data, you are obliged to provide it."))
    if e.LegalBasis.CONSENT.value in bases:
        texts.append(w._("Where we ask for your consent, giving it is voluntary."))
    if texts:
        w.heading(w._("Must you give us the data?"), "requirement")
        for text in texts:
            w.para(text)


def rights(w: NoticeWriter) -> None:
    """The data subject's rights (art. 13(2)(b)), objection (art. 21) and direct marketing stated separately."""
    w.heading(w._("Your rights"), "rights")
    w.para(w._("You have the right to:"))
    w.bullets(
        [
            [
                Run(w._("Access"), bold=True),
                Run(
                    ": "
                    + w._("confirmation of whether we process personal data about you, and a copy of it (art. 15).")
                ),
            ],
            [
                Run(w._("Rectification"), bold=True),
                Run(": " + w._("have incorrect data corrected and incomplete data completed (art. 16).")),
            ],
            [
                Run(w._("Erasure"), bold=True),
                Run(
                    ": "
                    + w._(
                        "have data erased, for example when it is no longer "
                        "needed for the purpose it was collected for (art. 17)."
                    )
                ),
            ],
            [
                Run(w._("Restriction"), bold=True),
                Run(
                    ": "
                    + w._(
                        "have the processing restricted in certain cases, "
                        "for example while an objection is considered (art. "
                        "18)."
                    )
                ),
            ],
            [
                Run(w._("Data portability"), bold=True),
                Run(
                    ": "
                    + w._(
                        "receive data you have given us on the basis "
                        "of consent or a contract in a structured, "
                        "commonly used and machine-readable format, and "
                        "have it transmitted to another controller (art. "
                        "20)."
                    )
                ),
            ],
            [
                Run(w._("Objection"), bold=True),
                Run(
                    ": "
                    + w._(
                        "object to processing based on our legitimate "
                        "interests or on a task in the public interest, on "
                        "grounds relating to your situation (art. 21(1))."
                    )
                ),
            ],
        ]
    )
    w.para(
        w._("To exercise your rights, contact us as described under “How to contact us”. We answer within one month.")
    )
    marketing = [r for r in w.activities if flagged(r.activity, "direct_marketing")]
    known = bool(w.activities) and has_fact(w.activities[0].activity, "direct_marketing")
    if known and not marketing:
        return
    w.heading(w._("Objecting to direct marketing"), "direct-marketing", 3)
    if marketing:
        w.para(
            w._(
                "We use personal data for direct marketing ({purposes}). You can object to this at any time, "
                "free of charge and without giving a reason; we then stop using your data for direct "
                "marketing (art. 21(2) and (3))."
            ).format(purposes=", ".join(w.quote(w.purpose_name(r)) for r in marketing))
        )
    else:
        w.para(
            w._(
                "Where we use personal data for direct marketing, you can object to it at any time, free of "
                "charge and without giving a reason; we then stop using your data for direct marketing (art. "
                "21(2) and (3))."
            )
        )


def consent(w: NoticeWriter) -> None:
    """Withdrawing consent (art. 13(2)(c))."""
    found = [
        r
        for r in w.activities
        if e.LegalBasis.CONSENT.value in r.activity.legal_basis
        or r.activity.special_condition == e.SpecialCategoryCondition.EXPLICIT_CONSENT.value
    ]
    if not found:
        return
    w.heading(w._("Withdrawing consent"), "consent")
    w.para(
        w._(
            "Where the processing is based on your consent, you can withdraw it at any time. Withdrawing does "
            "not affect the lawfulness of processing before the withdrawal."
        )
    )
    w.bullets(
        [Run(w.purpose_name(r), bold=True), Run(": " + r.activity.consent_withdrawal.strip())]
        for r in found
        if r.activity.consent_withdrawal.strip()
    )


def complaint(w: NoticeWriter) -> None:
    """The right to lodge a complaint with the supervisory authority (art. 13(2)(d))."""
    w.heading(w._("Complaints to the supervisory authority"), "complaint")
    w.para(
        w._(
            "If you believe we process your personal data unlawfully, you can complain to the Norwegian Data "
            "Protection Authority (Datatilsynet), www.datatilsynet.no. We would appreciate it if you "
            "contacted us first."
        )
    )


def cookies(w: NoticeWriter) -> None:
    """Cookies and similar technology, where the register records them (ekomloven § 3-15)."""
    found = [r for r in w.activities if flagged(r.activity, "tracking_technology")]
    if not found:
        return
    w.heading(w._("Cookies and similar technology"), "cookies")
    w.para(w._("We use cookies and similar technology for:"))
    w.bullets([[Run(w.purpose_name(r), bold=True)] for r in found])


def contact(w: NoticeWriter) -> None:
    """How to contact us (art. 13(1)(a)-(b), repeated where people look for it)."""
    w.heading(w._("How to contact us"), "contact")
    o = w.o
    lines = [o.contact_person.strip(), w.contact_text(), o.address.strip()]
    text = "; ".join(p for p in lines if p)
    if text:
        w.para(
            w._(
                "Questions about our processing of personal data, or requests to exercise your rights, can be "
                "sent to: {contact}"
            ).format(contact=text)
        )
    else:
        w.para(w.gap("organisation", o.id, "email", w._("the controller's contact details")))
    if o.dpo_name.strip() or o.dpo_contact.strip():
        dpo = ", ".join(p for p in (o.dpo_name.strip(), o.dpo_contact.strip()) if p)
        w.para(w._("Data protection officer: {dpo}").format(dpo=dpo))


def changes(w: NoticeWriter) -> None:
    """Date and version, and the change table (Når / Hva)."""
    w.heading(w._("Changes to this privacy notice"), "changes")
    entries = [c for c in w.org.change_log if c.text.strip() or c.when]
    if entries:
        headers = [w.field("change_log", "when"), w.field("change_log", "text")]
        rows: list[list[Cell]] = [
            [w.cell_text(w.tr.format_date(c.when, "long")), w.cell_text(c.text.strip())] for c in entries
        ]
        w.table(Table(headers, rows))
    stamp = w._("This privacy notice was last updated on {date}.").format(date=w.tr.format_date(w.today, "long"))
    approvals = w.org.approvals
    if approvals:
        version = max(a.version for a in approvals)
        stamp += " " + w._("It describes version {version} of our records of processing activities.").format(
            version=version
        )
    w.para(stamp)


SECTIONS: tuple[Callable[[NoticeWriter], None], ...] = (
    controller,
    data_subjects_and_categories,
    purposes,
    special_categories,
    sources,
    recipients,
    transfers,
    automated_decisions,
    requirement,
    rights,
    consent,
    complaint,
    cookies,
    contact,
    changes,
)
