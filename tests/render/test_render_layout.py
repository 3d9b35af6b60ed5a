"""The renderer reads as a base and layouts: small modules, named for what they draw, as the design's map says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RENDER = ROOT / "app" / "render"


@pytest.mark.parametrize("module", sorted(RENDER.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_renderer_module_is_over_500_lines(module: Path) -> None:
    assert len(module.read_text(encoding="utf-8").splitlines()) <= 500


def _map_rows() -> list[str]:
    text = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    section = text.split("### Where things live", 1)[1].split("\n#", 1)[0]
    return [line for line in section.splitlines() if "app/render/" in line]


def test_the_where_things_live_map_names_only_renderer_files_that_exist() -> None:
    rows = _map_rows()
    assert rows
    named = 0
    for row in rows:
        folder: Path | None = None
        for name in re.findall(r"`([^`]+)`", row):
            if name.startswith("app/"):
                path = ROOT / name
                folder = path if name.endswith("/") else folder
            elif name.endswith(".py") and folder is not None:
                path = folder / name
            else:
                continue
            assert path.exists(), f"docs/design.md names {name}, which does not exist"
            named += 1
    assert named >= 20


@pytest.mark.parametrize(
    ("what", "path"),
    [
        ("the service table on the PDF", "app/render/superbill/service_table.py"),
        ("the draft watermark and page numbering", "app/render/base/page.py"),
        ("the CMS-1500 print grid", "app/render/cms1500/grid.py"),
    ],
)
def test_a_newcomer_finds_it_by_file_name(what: str, path: str) -> None:
    assert (ROOT / path).is_file(), what
    assert any(path in row for row in _map_rows()), f"{what}: not in docs/design.md's map"
