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
from pathlib import Path

from app.services.workspace import Workspace

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
    # Encryption is for encrypted practices; the attention queries come with their panel.
    "app.store.encryption",
    "app.store.attention",
    "hmac",
    "secrets",
    "cryptography",
    "sqlcipher3",
    # Built just after the first frame, or when opened.
    "app.ui.attention_panel",
    "app.ui.patient_view",
    "app.ui.visit_editor",
    "app.ui.superbill_dialog",
    "PySide6.QtPdf",
    # The command line's commands, and heavy libraries for other features.
    "app.commands",
    "app.services.practice_file",
    "app.domain.check",
    "app.services.records",
    "sqlite_utils",
    "reportlab",
    "pypdf",
    "stdnum",
}

# The app as a therapist starts it (`superbill` with no command), stopped on the event loop's first
# turn after the window is shown; it lists the modules loaded by then.
SCRIPT = """
import json, sys
import app.cli
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
qt_app = QApplication([sys.argv[0], "-platform", "offscreen"])
def first_turn():
    print(json.dumps(sorted(sys.modules)))
    qt_app.quit()
QTimer.singleShot(0, first_turn)
app.cli.main(["--data-dir", sys.argv[1]])
"""


def test_opening_the_main_window_imports_only_what_its_first_frame_needs(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.close()  # the sample practice, read by the fresh interpreter below
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
    loaded = set(json.loads(completed.stdout.splitlines()[-1]))
    assert "app.ui.main_window" in loaded
    assert sorted(loaded & NOT_BEFORE_THE_FIRST_FRAME) == []
