"""What opening the main window imports: only what its first frame needs.

bench/startup.py times the window against a bare QMainWindow (issue 3: at most 1.5x). Every module
on that path costs start-up time, and PySide6 reads the source of each module imported after it
(its __feature__ import hook); the records, dialogs and panels below are imported when first used.
A fresh interpreter is needed: this test session has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.practice import PatientChart
from app.services.workspace import Workspace
from app.ui.patients.patients_page import PAGE_SIZE
from tests import sample

ROOT = Path(__file__).resolve().parents[2]

NOT_BEFORE_THE_FIRST_FRAME = {
    # The chart's, the superbill's and the audit log's records, and the code sets.
    "app.domain.practice",
    "app.domain.superbill",
    "app.domain.procedures",
    "app.domain.units",
    "app.domain.audit",
    "app.domain.issued",
    "app.store.chart_rows",
    "app.store.code_index",
    # Backups are made on closing; encryption is for encrypted practices; the attention queries
    # come with their panel.
    "app.services.backups",
    "app.store.backup",
    "app.store.encryption",
    "app.store.attention",
    "hmac",
    "secrets",
    "cryptography",
    "sqlcipher3",
    # Built just after the first frame, or when opened.
    "app.ui.attention_panel",
    "app.ui.patients.patient_view",
    "app.ui.visits.visit_editor",
    "app.ui.superbills.superbill_dialog",
    "app.ui.widgets.date_field",  # builds Qt enums: the dialogs bring it
    "PySide6.QtPdf",
    # The command line's commands, and heavy libraries for other features.
    "app.commands",
    "app.services.practice_file",
    "app.domain.check",
    "app.services.saving",
    "app.services.accounts",
    "sqlite_utils",
    "reportlab",
    "pypdf",
    "stdnum",
}

# The app as a therapist starts it (`superbill` with no arguments, the practice's folder in
# SUPERBILL_DATA_DIR), stopped on the event loop's first turn after the window is shown. It reports
# the modules loaded by then, and which of PySide6's costly classes were built (app.ui.first_frame).
SCRIPT = """
import json, os, sys
import app.cli
import app.ui.main as main
from PySide6.QtCore import QTimer
import PySide6.QtCore, PySide6.QtWidgets

make = main.qt_application

def first_turn():
    report = {
        "modules": sorted(sys.modules),
        "built": [name for name, module in (("Qt", PySide6.QtCore), ("QStyle", PySide6.QtWidgets))
                  if name in vars(module)],
    }
    report["style"] = [main.QApplication.style().name().lower()]  # asked after the above: it builds QStyle
    print(json.dumps(report))
    QTimer.singleShot(0, main.QApplication.instance().quit)

def qt_application(arguments):
    qt_app = make(arguments)
    QTimer.singleShot(0, first_turn)
    return qt_app

main.qt_application = qt_application
os.environ["SUPERBILL_DATA_DIR"] = sys.argv[1]
app.cli.main([])
"""


def first_turn_of(workspace: Workspace, tmp_path: Path) -> dict[str, list[str]]:
    workspace.close()  # read by the fresh interpreter below
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["SUPERBILL_LOG_DIR"] = str(tmp_path / "log")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(workspace.data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report: dict[str, list[str]] = json.loads(completed.stdout.splitlines()[-1])
    return report


def test_opening_the_main_window_imports_only_what_its_first_frame_needs(
    workspace: Workspace, tmp_path: Path
) -> None:
    loaded = set(first_turn_of(workspace, tmp_path)["modules"])
    assert "app.ui.main_window" in loaded
    assert sorted(loaded & NOT_BEFORE_THE_FIRST_FRAME) == []


@pytest.mark.parametrize("more_patients", [0, PAGE_SIZE + 1], ids=["one page of patients", "more"])
def test_the_first_frame_is_drawn_without_pysides_qt_namespace_or_qstyle(
    workspace: Workspace, tmp_path: Path, more_patients: int
) -> None:
    """Building either costs PySide6 its enums: ~15-20 ms and ~8 ms of a ~150 ms start.

    Both a practice whose patients fit on the list's first page (sortable, once the window is up)
    and one with more (as in bench/startup.py, where only a search narrows the list enough).
    """
    patient = sample.practice().charts[0].patient
    more = tuple(
        PatientChart(replace(patient, key=f"p{n}", account_number=None)) for n in range(more_patients)
    )
    workspace.store.save_practice(replace(sample.practice(), charts=sample.practice().charts + more))
    first_turn = first_turn_of(workspace, tmp_path)
    assert first_turn["built"] == []
    assert first_turn["style"] == ["fusion"]  # asked for on Qt's command line (app.ui.main.qt_application)
