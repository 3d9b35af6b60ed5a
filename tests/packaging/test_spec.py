"""build.spec ships every file the app opens from resources/, listed one by one (STYLE.md, Packaging)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"


def _spec_list(name: str) -> list[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(item) for item in value]
    raise AssertionError(f"build.spec has no {name} = [...]")


def test_every_resource_file_is_listed_in_the_spec() -> None:
    on_disk = sorted(
        path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and path.name != ".gitkeep"
    )
    assert sorted(_spec_list("RESOURCES")) == on_disk


def test_the_files_the_code_names_are_in_the_spec() -> None:
    """The resource paths the code asks for (resource_path("fonts", "DejaVuSans.ttf") and the like)."""
    from app.render.fonts import _FACES
    from app.store.code_index import SHIPPED_FILE

    listed = set(_spec_list("RESOURCES"))
    assert "/".join(SHIPPED_FILE) in listed
    assert "demo/demo-practice.json" in listed
    assert {f"fonts/{name}" for name in _FACES.values()} <= listed


def test_the_spec_builds_one_folder_without_upx_and_two_programs() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "upx=True" not in text
    assert 'name="SuperbillDesk", console=False' in text
    assert 'name="superbill", console=True' in text
    assert "COLLECT(*programs," in text
    assert 'Path(DISTPATH, "SuperbillDesk", "superbill").symlink_to("SuperbillDesk")' in text  # Linux
    assert "collect_all" not in text
