"""The walkthrough (tools/walkthrough.py): the real app in real X11 windows under Xvfb and a window
manager, driven only with xdotool's keystrokes and clicks from first launch to a superbill PDF, at a
small laptop's screen (1024x600) and a common one (1366x768).

It passes when every step is done and the PDF holds what was typed; its action count is printed
beside the test's result, over the budget or not (`--strict` is the walkthrough's own option)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tools.walkthrough import STEPS

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("xvfb-run", "Xvfb", "xdotool", "import", "xwininfo", "xprop", "openbox", "pdftotext")


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("size", ["1024x600", "1366x768"])
def test_the_walkthrough_gets_to_a_right_superbill(
    size: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (bash tools/install-test-deps.sh installs them)")
    done = subprocess.run(
        ["bash", "tools/walkthrough.sh", "--size", size, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    counted = re.search(r"first issued superbill: (\d+) \(budget (\d+)\)", done.stdout)
    assert counted is not None, output
    shots = sorted(path.name for path in (tmp_path / size).glob("*.png"))
    assert shots == [f"{n:02d}-{step.name}.png" for n, step in enumerate(STEPS, start=1)]
    with capsys.disabled():  # the count belongs in CI's log, passing or not
        print(f"\nwalkthrough {size}: {counted[1]} actions to the first superbill (budget {counted[2]})")
