"""Every fact of the register that a notice must carry appears in it, in all three formats and both languages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.domain import enums as e
from ropa_desktop.domain import labels
from ropa_desktop.domain.register import OrganisationRegister
from ropa_desktop.i18n import translator
from ropa_desktop.notice import build_notice
from ropa_desktop.notice.write import render
from tests.notice.conftest import (
    SAMPLES,
    docx_text,
    html_text,
    markdown_text,
    sample_snapshot,
    soffice_texts,
    squash,
)

TODAY = date(2026, 11, 28)


def expected_texts(org: OrganisationRegister, language: str) -> list[str]:
    """What the notice must mention: purposes, categories, data subjects, bases, retention, recipients, transfers."""
    tr = translator(language)
    out: list[str] = []
    for record in org.activities_of(e.RegisterKind.CONTROLLER):
        a = record.activity
        out += [a.purpose, a.retention, *a.operations]
        out += [labels.label(b, tr, e.LegalBasis) for b in a.legal_basis]
        out += [org.personal_data_by_id[i].name for i in record.personal_data_ids]
    out += [c.name for c in org.personal_data]
    out += [s.name for s in org.data_subjects]
    out += [s.name for s in org.sources]
    for rec in org.recipients:
        r = rec.recipient
        out += [r.service or r.name, r.purpose]
        out += [labels.label(b, tr, e.LegalBasis) for b in r.legal_basis]
    for t in org.transfers:
        out += [t.safeguards, tr.country_name(t.country)]
        if t.mechanism:
            out.append(labels.label(t.mechanism, tr, e.TransferMechanism))
        if t.recipient_id and t.recipient_id in org.recipients_by_id:
            out.append(org.recipients_by_id[t.recipient_id].recipient.name)
    out += [c.text for c in org.change_log]
    out += [text for _, text in labels.footnotes(org).items]
    return [squash(x) for x in out if x and x.strip()]


@pytest.fixture(scope="module")
def notices(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[tuple[str, str], tuple[list[str], dict[str, str]]]]:
    """(sample, language) -> (expected texts, {format: text read back}); DOCX read by python-docx and LibreOffice."""
    folder = tmp_path_factory.mktemp("notices")
    found: dict[tuple[str, str], tuple[list[str], dict[str, str]]] = {}
    docx_files: dict[tuple[str, str], Path] = {}
    for sample in SAMPLES:
        snapshot = sample_snapshot(sample, folder)
        for org in snapshot.organisations:
            for language in ("nb", "en"):
                notice = build_notice(org, translator(language), TODAY)
                texts = {
                    "html": html_text(render(notice, "html")),
                    "md": markdown_text(render(notice, "md")),
                    "docx": docx_text(render(notice, "docx")),
                    "plain": squash(notice.plain_text()),
                }
                path = folder / f"{sample}-{org.organisation.id}-{language}.docx"
                path.write_bytes(render(notice, "docx"))
                docx_files[sample, language] = path
                found[sample, language] = (expected_texts(org, language), texts)
    converted = soffice_texts(list(docx_files.values()))
    for key, path in docx_files.items():
        found[key][1]["soffice"] = converted[path]
    yield found


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("reader", ["html", "md", "docx", "soffice"])
def test_every_fact_of_the_register_is_in_the_notice(
    notices: dict[tuple[str, str], tuple[list[str], dict[str, str]]], sample: str, language: str, reader: str
) -> None:
    expected, texts = notices[sample, language]
    assert len(expected) > 10, "the sample should hold enough facts to test"
    text = texts[reader]
    missing = [x for x in expected if x not in text]
    assert not missing, f"{reader} lacks: {missing[:5]}"


def test_the_promeister_footnotes_follow_the_core_numbering(
    notices: dict[tuple[str, str], tuple[list[str], dict[str, str]]], tmp_path: Path
) -> None:
    org = sample_snapshot("promeister-solutions", tmp_path).organisations[0]
    numbering = labels.footnotes(org)
    assert [mark for mark, _ in numbering.items] == ["¹", "²", "³"]
    html = notices["promeister-solutions", "nb"][1]["html"]
    for record in org.activities:
        mark = numbering.mark_for_activity(record.activity.id)
        if mark:
            # the mark follows the legitimate-interests label in that purpose's row
            assert (
                f"{labels.label('f', translator('nb'), e.LegalBasis)} (GDPR art. 6(1)(f)){mark}"
                in squash(html.replace("personvernforordningen", "GDPR"))
                or f"art. 6 nr. 1 bokstav f){mark}" in html
            )
    for mark, text in numbering.items:
        assert f"{mark} {squash(text)}" in html


def test_each_language_is_its_own(notices: dict[tuple[str, str], tuple[list[str], dict[str, str]]]) -> None:
    nb = notices["promeister-solutions", "nb"][1]["html"]
    en = notices["promeister-solutions", "en"][1]["html"]
    assert "Behandlingsansvarlig" in nb and "Datatilsynet" in nb
    assert "Controller" in en and "Datatilsynet" in en
    assert "Your rights" not in nb and "Dine rettigheter" not in en
    assert "28. november 2026" in nb and "November 28, 2026" in en
