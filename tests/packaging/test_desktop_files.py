"""The file type is declared the same way on every platform, and matches what a register file is."""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET

from ropa_desktop.store import sqlite
from tests.seeds import REPO

PACKAGING = REPO / "packaging"
MIME = "application/x-ropa-register"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "linux" / "ropa-desktop.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_register_files_in_the_editor() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "ropa-desktop"
    assert "%f" in entry["Exec"].split()
    assert entry["MimeType"].rstrip(";").split(";") == [MIME]
    assert entry["Icon"] == "ropa-desktop"


def test_mime_type_globs_ropa_and_recognises_the_register_header() -> None:
    mime_type = ET.parse(PACKAGING / "linux" / "ropa-desktop.xml").getroot().find("m:mime-type", NS)
    assert mime_type is not None and mime_type.get("type") == MIME
    globs = [g.get("pattern") for g in mime_type.findall("m:glob", NS)]
    assert globs == ["*.ropa"]
    inner = mime_type.find("m:magic/m:match/m:match", NS)
    assert inner is not None
    assert (inner.get("type"), int(inner.get("offset", "")), int(inner.get("value", ""), 16)) == (
        "big32",
        68,  # where SQLite keeps PRAGMA application_id
        sqlite.APPLICATION_ID,
    )


def test_windows_installer_is_per_user_and_registers_ropa_under_hkcu() -> None:
    iss = (PACKAGING / "windows" / "ropa-desktop.iss").read_text(encoding="utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    registry = [line for line in iss.splitlines() if line.startswith("Root:")]
    assert registry and all(line.startswith('Root: HKCU; Subkey: "Software\\Classes\\') for line in registry)
    assert any('Subkey: "Software\\Classes\\.ropa"' in line for line in registry)
    command = next(line for line in registry if "shell\\open\\command" in line)
    assert '""{app}\\{#AppExe}"" ""%1""' in command
    assert '#define AppExe "ropa-desktop.exe"' in iss


def test_spec_names_the_executables_and_the_macos_document_type() -> None:
    spec = (PACKAGING / "ropa.spec").read_text(encoding="utf-8")
    assert re.findall(r'^\s+name="([\w.-]+)",$', spec, re.M)[:2] == ["ropa-desktop", "ropa"]
    assert '"public.filename-extension": ["ropa"]' in spec
    assert f'"public.mime-type": ["{MIME}"]' in spec
    assert "argv_emulation=False" in spec
