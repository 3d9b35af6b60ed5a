"""Every Designer form loads, and every compiled module matches its form."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from app.ui.widgets.date_field import DateField
from tools.compile_forms import FORMS, compiled_source, module_for, strip_header

FORM_FILES = sorted(FORMS.glob("*.ui"))


@pytest.mark.parametrize("form", FORM_FILES, ids=lambda p: p.name)
def test_each_form_loads(qtbot: object, form: Path) -> None:
    loader = QUiLoader()
    loader.registerCustomWidget(DateField)  # the forms' promoted widgets
    widget = loader.load(str(form))
    assert isinstance(widget, QWidget)
    widget.deleteLater()


@pytest.mark.parametrize("form", FORM_FILES, ids=lambda p: p.name)
def test_each_compiled_module_is_current(form: Path) -> None:
    module = module_for(form)
    assert module.exists(), f"run python tools/compile_forms.py: {module.name} is missing"
    current = strip_header(module.read_text(encoding="utf-8"))
    assert current == compiled_source(form), f"{module.name} is stale: run python tools/compile_forms.py"


@pytest.mark.parametrize("form", FORM_FILES, ids=lambda p: p.name)
def test_each_compiled_module_builds_its_widget(qtbot: object, form: Path) -> None:
    module = importlib.import_module(f"app.ui.forms.{module_for(form).stem}")
    classes = [getattr(module, name) for name in dir(module) if name.startswith("Ui_")]
    assert len(classes) == 1
    assert classes[0] is not None
