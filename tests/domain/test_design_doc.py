"""docs/design.md carries what the code relies on, in the repository: every finding code, no ../shared."""

from __future__ import annotations

import re
from pathlib import Path

from app.domain.check import FindingCode
from app.domain.practice import PayerKind, UnitRule

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "docs" / "design.md"


def test_docs_design_md_lists_every_finding_code_the_check_reports() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    missing = [code.value for code in FindingCode if f"`{code.value}`" not in text]
    assert missing == []


def test_docs_design_md_names_every_payer_kind_and_unit_rule() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    assert [kind.value for kind in PayerKind if f"`{kind.value}`" not in text] == []
    assert "CMS 8-minute rule" in text and "AMA midpoint rule" in text
    assert len(UnitRule) == 2


def test_the_repository_points_to_its_own_docs_never_to_the_shared_notes() -> None:
    """Docstrings, comments, the README and the docs name docs/, never DESIGN.md, IMPORT_FORMAT.md or shared/."""
    pattern = re.compile(r"IMPORT_FORMAT|DESIGN\.md|\bshared/")
    places = [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
    for folder in ("app", "tests", "tools", "bench", "packaging"):
        places += [p for p in (ROOT / folder).rglob("*") if p.suffix in {".py", ".sh", ".md", ".spec"}]
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in places
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
