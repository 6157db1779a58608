"""Hostile register texts stay text; gaps show and are listed; the command refuses to destroy a file."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import html5lib
import pytest
from docx import Document

from ropa_desktop import cli
from ropa_desktop.i18n import translator
from ropa_desktop.notice import build_notice
from ropa_desktop.notice.document import printable
from ropa_desktop.notice.write import render
from tests.notice.conftest import docx_text, html_text, markdown_text, snapshot_of_document, squash

HOSTILE = [
    "<script>alert(1)</script>",
    "{{7*7}} ${7*7} {% raw %}",
    "=cmd|' /C calc'!A0",
    "**fet** [lenke](javascript:alert(1)) ![bilde](http://example.com/x.png)",
    "</td></tr></table><img src=x onerror=alert(1)>",
    "# overskrift | 1. liste & &amp; &lt;",
    "kontroll\x07tegn\x00 og \x1b[31m",
]


def hostile_document() -> dict[str, Any]:
    texts = HOSTILE
    return {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": f"Fiendtlig AS {texts[0]}",
                "email": texts[3],
                "address": texts[4],
                "data_subject_categories": [{"id": i + 1, "name": t} for i, t in enumerate(texts)],
                "personal_data_categories": [
                    {"id": i + 1, "name": f"kategori {t}", "description": t, "special": i == 0}
                    for i, t in enumerate(texts)
                ],
                "sources": [{"id": 1, "name": texts[1], "description": texts[2]}],
                "recipients": [
                    {"id": 1, "name": texts[0], "service": texts[5], "role": "processor"},
                    {
                        "id": 2,
                        "name": texts[2],
                        "role": "independent_controller",
                        "purpose": texts[4],
                        "legal_basis": ["f"],
                        "balancing_test": texts[3],
                        "country": "US",
                    },
                    {"id": 3, "name": texts[1], "role": "joint_controller", "description": texts[0]},
                    {"id": 4, "name": texts[5], "role": "public_authority", "purpose": texts[2]},
                ],
                "transfers": [
                    {"id": 1, "recipient_id": 2, "country": "US", "mechanism": "scc", "safeguards": texts[0]}
                ],
                "activities": [
                    {
                        "id": i + 1,
                        "purpose": f"formål {t}",
                        "operations": [t, texts[(i + 1) % len(texts)]],
                        "legal_basis": ["f", "a"],
                        "balancing_test": t,
                        "legal_basis_note": t,
                        "special_condition": "a",
                        "retention": f"lagring {t}",
                        "consent_withdrawal": t,
                        "personal_data": [i + 1],
                        "data_subjects": [i + 1],
                    }
                    for i, t in enumerate(texts)
                ],
                "change_log": [{"id": 1, "when": "2024-05-27", "text": texts[0]}],
            }
        ],
    }


@pytest.fixture(scope="module")
def hostile_notice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    snapshot = snapshot_of_document(hostile_document(), tmp_path_factory.mktemp("hostile"))
    notice = build_notice(snapshot.organisations[0], translator("nb"), date(2026, 11, 28))
    return {fmt: render(notice, fmt) for fmt in ("html", "md", "docx")}


def test_hostile_html_is_inert(hostile_notice: dict[str, bytes]) -> None:
    data = hostile_notice["html"]
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data.decode("utf-8"))
    tags = {el.tag for el in tree.iter()}
    assert not tags & {"script", "img", "iframe", "object", "link", "base"}
    assert all(el.get("onerror") is None for el in tree.iter())
    # every element's attributes come from the generator, never from the register
    assert not any(v for el in tree.iter() for k, v in el.attrib.items() if k in {"src", "href"})
    text = html_text(data)
    for hostile in HOSTILE:
        assert squash(printable(hostile)) in text
    assert "49" not in text  # no template engine evaluated {{7*7}}


def test_hostile_markdown_is_inert(hostile_notice: dict[str, bytes]) -> None:
    raw = hostile_notice["md"].decode("utf-8")
    # nothing the register holds is live markup: its <, [ and | all carry a backslash
    assert not re.search(r"(?<!\\)<(script|img|/td)", raw)
    assert not re.search(r"(?<!\\)\]\(", raw)
    # every table row keeps its header's column count: a pipe in register text is escaped
    columns = 0
    for line in raw.splitlines():
        if not line.startswith("|"):
            columns = 0
            continue
        count = len(re.findall(r"(?<!\\)\|", line))
        columns = columns or count
        assert count == columns, line
    text = markdown_text(hostile_notice["md"])
    for hostile in HOSTILE:
        assert squash(printable(hostile)) in text


def test_hostile_docx_keeps_the_text(hostile_notice: dict[str, bytes]) -> None:
    text = docx_text(hostile_notice["docx"])
    for hostile in HOSTILE:
        assert squash(printable(hostile)) in text
    doc = Document(io.BytesIO(hostile_notice["docx"]))
    assert doc.paragraphs[0].style is not None and doc.paragraphs[0].style.name == "Title"
    assert any(p.style is not None and p.style.name == "Heading 1" for p in doc.paragraphs)


def gap_document() -> dict[str, Any]:
    return {
        "format": "ropa-register",
        "version": 1,
        "organisations": [
            {
                "id": 1,
                "name": "Eksempel AS",
                "personal_data_categories": [{"id": 1, "name": "Navn"}],
                "recipients": [{"id": 1, "name": "Partner AS", "role": "independent_controller"}],
                "transfers": [{"id": 1, "recipient_id": 1}],
                "activities": [
                    {"id": 1, "purpose": "Rekruttering", "legal_basis": ["b"], "personal_data": [1]},
                    {"id": 2, "purpose": "Nyhetsbrev", "legal_basis": ["f"], "retention": "Til du melder deg av"},
                ],
            }
        ],
    }


def test_gaps_are_visible_and_listed(tmp_path: Path) -> None:
    org = snapshot_of_document(gap_document(), tmp_path).organisations[0]
    notice = build_notice(org, translator("nb"), date(2026, 11, 28))
    text = notice.plain_text()
    assert "[MANGLER: lagringstid for «Rekruttering»]" in text
    assert "[MANGLER: kategoriene av personopplysninger for «Nyhetsbrev»]" in text
    where = {(g.entity, g.field) for g in notice.gaps}
    assert {
        ("activity", "retention"),
        ("activity", "personal_data"),
        ("activity", "balancing_test"),
        ("organisation", "email"),
        ("recipient", "purpose"),
        ("recipient", "legal_basis"),
        ("transfer", "country"),
        ("transfer", "mechanism"),
    } <= where
    retention = next(g for g in notice.gaps if g.field == "retention")
    assert retention.record_id == org.activities[0].activity.id
    en = build_notice(org, translator("en"), date(2026, 11, 28))
    assert "[MISSING: retention for “Rekruttering”]" in en.plain_text()
    assert len(en.gaps) == len(notice.gaps)
    for fmt in ("html", "md", "docx"):
        assert "MANGLER" in render(notice, fmt).decode("utf-8", "replace") or fmt == "docx"
    assert "lagringstid for «Rekruttering»" in docx_text(render(notice, "docx"))


def test_the_command_exits_1_on_gaps_and_0_without(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot_of_document(gap_document(), tmp_path)
    register = tmp_path / "register.ropa"
    out = tmp_path / "erklæring med mellomrom.html"
    assert cli.main(["notice", str(register), "--lang", "nb", "--format", "html", "-o", str(out)]) == 1
    assert "lagringstid for «Rekruttering»" in capsys.readouterr().err
    assert out.exists()

    complete = gap_document()
    org = complete["organisations"][0]
    org["email"] = "personvern@eksempel.no"
    org["recipients"] = []
    org["transfers"] = []
    org["activities"] = [
        {"id": 1, "purpose": "Rekruttering", "legal_basis": ["b"], "personal_data": [1], "retention": "6 måneder"}
    ]
    folder = tmp_path / "complete"
    folder.mkdir()
    snapshot_of_document(complete, folder)
    md = folder / "notice.md"
    assert cli.main(["notice", str(folder / "register.ropa"), "--lang", "en", "--format", "md", "-o", str(md)]) == 0
    assert "Rekruttering" in md.read_text(encoding="utf-8")


def test_the_command_never_overwrites_without_force_nor_the_register(tmp_path: Path) -> None:
    snapshot_of_document(gap_document(), tmp_path)
    register = tmp_path / "register.ropa"
    before = register.read_bytes()
    existing = tmp_path / "notice.docx"
    existing.write_bytes(b"keep me")
    assert cli.main(["notice", str(register), "--format", "docx", "-o", str(existing)]) == 2
    assert existing.read_bytes() == b"keep me"
    assert cli.main(["notice", str(register), "--format", "docx", "-o", str(existing), "--force"]) == 1
    assert existing.read_bytes().startswith(b"PK")
    assert cli.main(["notice", str(register), "--format", "md", "-o", str(register), "--force"]) == 2
    assert register.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~ropa")]
