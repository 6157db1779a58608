"""``ropa map`` and ``ropa dashboard``: SVG and PNG written, existing files and the register refused."""

from __future__ import annotations

from pathlib import Path

from ropa_desktop.interchange import json_format
from ropa_desktop.resources import samples_dir
from tests.core.helpers import digest, run_cli


def _register(tmp_path: Path) -> Path:
    path = tmp_path / "pro meister æøå.ropa"
    json_format.import_json_file(samples_dir() / "promeister-solutions.json", path).close()
    return path


def test_map_and_dashboard_as_svg_and_png(tmp_path: Path) -> None:
    register = _register(tmp_path)
    before = digest(register)
    for command in ("map", "dashboard"):
        for suffix in ("svg", "png"):
            out = tmp_path / f"{command}.{suffix}"
            code, _out, err = run_cli("--lang", "en", command, register, "-o", out)
            assert code == 0, err
            data = out.read_bytes()
            assert data.startswith(b"\x89PNG") if suffix == "png" else data.startswith(b"<?xml")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    with json_format.import_json_file(samples_dir() / "promeister-solutions.json", tmp_path / "again.ropa") as reg:
        org = reg.snapshot().organisations[0]
    for a in org.activities:
        assert f'id="activity:{a.activity.id}"' in svg
    for r in org.recipients:
        assert f'id="recipient:{r.recipient.id}"' in svg
    assert digest(register) == before


def test_existing_output_and_the_register_are_refused(tmp_path: Path) -> None:
    register = _register(tmp_path)
    before = digest(register)
    existing = tmp_path / "map.svg"
    existing.write_text("mine", encoding="utf-8")
    code, _out, err = run_cli("--lang", "en", "map", register, "-o", existing)
    assert code == 2 and "already exists" in err and existing.read_text(encoding="utf-8") == "mine"
    code, _out, err = run_cli("--lang", "en", "map", register, "-o", existing, "--force")
    assert code == 0 and existing.read_text(encoding="utf-8").startswith("<?xml")
    code, _out, err = run_cli("--lang", "en", "dashboard", register, "-o", register, "--force")
    assert code == 2 and err.count("\n") == 1
    code, _out, err = run_cli("--lang", "en", "map", register, "-o", tmp_path / "map.pdf")
    assert code == 2 and ".svg or .png" in err
    assert digest(register) == before
