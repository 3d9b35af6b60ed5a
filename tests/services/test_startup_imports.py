"""Opening a practice stays light: the slow imports wait until they are needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests import sample

PROBE = """
import sys
from pathlib import Path
from app.services.workspace import Workspace
with Workspace(Path(sys.argv[1])) as workspace:
    assert workspace.store.patients(limit=100)
print(",".join(sorted(name for name in ("reportlab", "sqlite_utils") if name in sys.modules)))
"""


def test_opening_a_practice_and_listing_patients_imports_neither_reportlab_nor_sqlite_utils(
    tmp_path: Path,
) -> None:
    from app.services.workspace import Workspace

    with Workspace(tmp_path / "data") as workspace:
        workspace.store.save_practice(sample.practice())
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")], capture_output=True, text=True, check=True
    )
    assert probe.stdout.strip() == ""
