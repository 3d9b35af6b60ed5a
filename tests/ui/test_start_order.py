"""The order of the desktop start's imports: what does not need Qt is imported before PySide6.

PySide6 reads the source of each module imported after it (its __feature__ import hook): ~0.5 ms a
module of ours. app.cli imports the core the window starts with before it (app.cli._open_window),
so that only app.ui's modules, which need Qt, pay for it on the way to the first frame.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

# `superbill` with no arguments, as the desktop starts it; stopped on the event loop's first turn
# after the window is shown. It reports the modules of ours imported after PySide6 by then.
SCRIPT = """
import json, os, sys
from importlib.machinery import PathFinder

order = []

class Recorder:
    def find_spec(self, fullname, path, target=None):
        order.append(fullname)
        if fullname != "app.ui.main":
            return None
        spec = PathFinder.find_spec(fullname, path)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            make = module.qt_application

            def qt_application(arguments):
                from PySide6.QtCore import QTimer

                qt_app = make(arguments)

                def first_turn():
                    after = order[order.index("PySide6") + 1:]
                    print(json.dumps(sorted(name for name in after if name.startswith("app."))))
                    qt_app.quit()

                QTimer.singleShot(0, first_turn)
                return qt_app

            module.qt_application = qt_application

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Recorder())
os.environ["SUPERBILL_DATA_DIR"] = sys.argv[1]
import app.cli
app.cli.main([])
"""


def test_only_app_ui_modules_are_imported_after_pyside6_on_the_way_to_the_first_frame(
    workspace: Workspace, tmp_path: Path
) -> None:
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
    after_pyside: list[str] = json.loads(completed.stdout.splitlines()[-1])
    assert "app.ui.main_window" in after_pyside
    assert [name for name in after_pyside if not name.startswith("app.ui.")] == []
