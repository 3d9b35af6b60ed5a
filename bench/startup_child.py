"""One start-up timed in a fresh process, for bench/startup.py; it imports next to nothing of its own.

    python -m bench.startup_child bare|qt-table|main DATA_DIR T0_NS

bare: a QMainWindow shown. qt-table: the same with a search box and a table of 100 rows from a
Python model, PySide6 alone (no code of ours): a reference for what such a window costs. main: the app exactly as a therapist starts it, `superbill` with no
arguments (app.cli.main -> app.ui.main.run_app) and its data folder in SUPERBILL_DATA_DIR, with the
only change a wrapper around app.ui.main.qt_application that queues the timer below once the
QApplication is made; the wrapper goes in as app.ui.main is imported, so the order of imports,
which is part of the start-up, is the app's own. The time is read in a
QTimer.singleShot(0) queued before the window is shown: it runs on the event loop's first turn.
Prints one JSON line: shown_ms (from T0_NS, the parent's monotonic clock before starting this
process) and, for main, attention_ms (the needs-attention panel filled, built after the first frame);
with shown_cpu_ms and attention_cpu_ms, the CPU time this process had used by then (on a machine
shared with other work, wall times wait for the CPU; CPU times do not).
"""

import json
import os
import sys
import time
from importlib.machinery import PathFinder


def main() -> None:
    mode, data_dir, t0 = sys.argv[1], sys.argv[2], int(sys.argv[3])
    result = {}

    def since_start() -> float:
        return (time.monotonic_ns() - t0) / 1e6

    def cpu_used() -> float:
        return time.process_time() * 1000

    if mode in ("bare", "qt-table"):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([sys.argv[0], "-platform", "offscreen"])
        window = QMainWindow()
        if mode == "qt-table":
            window.setCentralWidget(_qt_table())
        window.resize(1200, 800)
        window.show()

        def bare_shown():
            result["shown_ms"] = since_start()
            result["shown_cpu_ms"] = cpu_used()
            app.quit()

        QTimer.singleShot(0, bare_shown)
        app.exec()
    else:

        def timed(qt_application):
            def qt_application_timed(arguments):
                from PySide6.QtCore import QTimer

                qt_app = qt_application(arguments)

                def shown():
                    result["shown_ms"] = since_start()
                    result["shown_cpu_ms"] = cpu_used()
                    window = next(w for w in qt_app.topLevelWidgets() if w.isVisible())
                    result["window"] = type(window).__name__

                    def wait_for_attention():
                        from app.ui.attention_panel import AttentionPanel

                        panels = window.findChildren(AttentionPanel)
                        if panels and panels[0].is_loaded:
                            result["attention_ms"] = since_start()
                            result["attention_cpu_ms"] = cpu_used()
                            qt_app.quit()  # not close(): closing makes the daily backup
                        else:
                            QTimer.singleShot(1, wait_for_attention)

                    wait_for_attention()

                QTimer.singleShot(0, shown)
                return qt_app

            return qt_application_timed

        sys.meta_path.insert(0, _WrapOnImport("app.ui.main", "qt_application", timed))
        os.environ["SUPERBILL_DATA_DIR"] = data_dir  # the practice's folder, as an installation can set it
        import app.cli

        app.cli.main([])  # `superbill` with no arguments, as the desktop starts it
    print(json.dumps(result))


def _qt_table():
    """PySide6 alone, no code of ours: a search box over a table of 100 rows from a Python model, as
    the main window's patients list is. What Qt and PySide6 charge for such a window before the app
    does anything (the first paint of a Python model creates PySide6's Qt namespace and its enums)."""
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtWidgets import QLineEdit, QTableView, QVBoxLayout, QWidget

    class Rows(QAbstractTableModel):
        def rowCount(self, parent=None):
            return 100

        def columnCount(self, parent=None):
            return 5

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Row {index.row()} column {index.column()}"
            return None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
                return ("Name", "Date of birth", "Account", "Member ID", "Last visit")[section]
            return None

    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(QLineEdit(page))
    table = QTableView(page)
    table.setModel(Rows(table))
    layout.addWidget(table)
    return page


class _WrapOnImport:
    """A meta path finder: module `name` loads as usual, then its `attribute` becomes wrap(attribute)."""

    def __init__(self, name, attribute, wrap):
        self.name, self.attribute, self.wrap = name, attribute, wrap

    def find_spec(self, fullname, path, target=None):
        if fullname != self.name:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _WrappingLoader(spec.loader, self)
        return spec


class _WrappingLoader:
    def __init__(self, loader, finder):
        self.loader, self.finder = loader, finder

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        setattr(module, self.finder.attribute, self.finder.wrap(getattr(module, self.finder.attribute)))


if __name__ == "__main__":
    main()
