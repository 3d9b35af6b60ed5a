"""The layering of docs/design.md 2: Qt only in app/ui, a pure domain, dependencies pointing one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

# What each layer may import from the app (besides itself and app/__init__, app.resources).
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    "render": {"domain"},
    "services": {"domain", "store", "render"},
    # The UI reaches records through services (Workspace.store), never by importing the store.
    "ui": {"domain", "services"},
    # The commands too (app/commands/); app.cli_terms is what the parser and the commands share.
    "commands": {"domain", "services", "cli_terms"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_of(layer: str) -> list[Path]:
    return sorted((APP / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", ["domain", "store", "render", "services"])
def test_nothing_outside_the_ui_imports_qt(layer: str) -> None:
    offenders = [
        f"{path.relative_to(APP.parent)} imports {name}"
        for path in modules_of(layer)
        for name in imported_modules(path)
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
    ]
    assert offenders == []


COMMAND_LINE = ["cli.py", *(str(path.relative_to(APP)) for path in sorted((APP / "commands").glob("*.py")))]


@pytest.mark.parametrize("module", COMMAND_LINE)
def test_the_command_line_does_not_import_qt_at_module_level(module: str) -> None:
    tree = ast.parse((APP / module).read_text(encoding="utf-8"))
    top_level = {node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module} | {
        alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names
    }
    assert not {name for name in top_level if name.startswith(("PySide6", "app.ui"))}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_dependencies_point_one_way(layer: str) -> None:
    offenders = []
    for path in modules_of(layer):
        for name in imported_modules(path):
            parts = name.split(".")
            if parts[0] != "app" or len(parts) < 2 or parts[1] in {layer, "resources"}:
                continue
            if parts[1] not in ALLOWED[layer]:
                offenders.append(f"{path.relative_to(APP.parent)} imports {name}")
    assert offenders == []


def test_the_ui_reads_and_writes_records_only_through_services() -> None:
    """No `workspace.store` (nor any other `.store`) in app/ui: each read and write is a service
    function, which checks what it saves, so the desktop and the importer share one set of rules."""
    offenders = [
        f"{path.relative_to(APP.parent)}:{node.lineno} uses .store"
        for path in modules_of("ui")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "store"
    ]
    assert offenders == []


def test_no_import_cycle_among_the_ui_modules() -> None:
    """Leaf dialogs and widgets never import the main window (app.ui.app_settings holds the app's name,
    settings and title): a module of app/ui can be loaded, and understood, without loading those that
    use it. Imports only for type checking (a function that is handed the main window) do not count."""
    import grimp

    graph = grimp.build_graph("app", cache_dir=None, exclude_type_checking_imports=True)
    ui = {m for m in graph.modules if m.startswith("app.ui") and not m.startswith("app.ui.forms")}
    cycles = {
        tuple(sorted({module, *chain}))
        for module in ui
        for imported in graph.find_modules_directly_imported_by(module) & ui
        if (chain := graph.find_shortest_chain(importer=imported, imported=module))
    }
    assert sorted(cycles) == []


def test_the_domain_imports_nothing_of_ours_but_itself() -> None:
    for path in modules_of("domain"):
        for name in imported_modules(path):
            assert not name.startswith("app.") or name.startswith("app.domain"), f"{path}: {name}"


def test_no_ui_module_is_longer_than_500_lines() -> None:
    """One dialog or page per module: a window that grows past this wants splitting."""
    too_long = {
        str(path.relative_to(APP.parent)): lines
        for path in modules_of("ui")
        if "forms" not in path.parts and (lines := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert too_long == {}


def test_mypy_checks_the_qt_layer_strictly_too() -> None:
    """app/ui is under mypy --strict like the rest (only pyside6-uic's generated forms are left out):
    a call to a method that does not exist, as the Fee box once made, is found before a user is."""
    import tomllib

    config = tomllib.loads((APP.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and config["files"] == ["app"]
    assert config["exclude"] == ["app/ui/forms/ui_.*\\.py$"]
    skipped = [
        o for o in config.get("overrides", []) if o.get("follow_imports") == "skip" or o.get("ignore_errors")
    ]
    assert [o["module"] for o in skipped] == [["app.ui.forms.*"]]


def test_no_module_of_the_command_line_is_longer_than_500_lines() -> None:
    """The parser (app/cli.py) and the commands by area (app/commands/): a module past 500 lines wants splitting."""
    modules = [APP / "cli.py", *APP.glob("commands.py"), *(APP / "commands").rglob("*.py")]
    too_long = {
        str(path.relative_to(APP.parent)): lines
        for path in modules
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert too_long == {}
