"""Write docs/rules.md from the rules' metadata: `python tools/rules_doc.py`."""

from __future__ import annotations

from pathlib import Path

from ropa_desktop.checks.reference import rules_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

if __name__ == "__main__":
    DOC.write_text(rules_markdown(), encoding="utf-8", newline="\n")
    print(f"wrote {DOC}")
