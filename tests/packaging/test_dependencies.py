"""The runtime dependencies are the ones the app imports (docs/design.md, Dependencies)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _top_level_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_sqlite_utils_is_neither_imported_by_the_app_nor_a_runtime_dependency() -> None:
    """The store writes its own SQL and the client list is read by the csv module: sqlite-utils and
    the seven distributions it brings (click, pluggy, python-dateutil, ...) stay out of the bundle."""
    importing = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if "sqlite_utils" in _top_level_imports(path)
    ]
    assert importing == []
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    assert [d for d in dependencies if d.lower().replace("_", "-").startswith("sqlite-utils")] == []
