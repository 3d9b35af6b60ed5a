"""The walkthrough (tools/walkthrough.py): the real app in real X11 windows under Xvfb and a window
manager, driven only with xdotool's keystrokes and clicks from first launch to a superbill PDF, at a
small laptop's screen (1024x600) and a common one (1366x768).

It runs with `--strict`: it fails when a step cannot be done, the PDF lacks what was typed, or a
window leaves the screen. Over the budget (45 actions to the first issued superbill) it is reported
as an expected failure naming the count, until the app gets there (the count is printed either way)."""

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
        ["bash", "tools/walkthrough.sh", "--size", size, "--out", str(tmp_path), "--strict"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    output = done.stdout + done.stderr
    counted = re.search(r"first issued superbill: (\d+) \(budget (\d+)\)", done.stdout)
    assert counted is not None, output
    with capsys.disabled():  # the count belongs in CI's log, passing or not
        print(f"\nwalkthrough {size}: {counted[1]} actions to the first superbill (budget {counted[2]})")
    off = re.search(r"walkthrough --strict: \d+ actions \(budget \d+\), (\d+) off-screen", done.stderr)
    assert "FAILED" not in done.stderr, output  # every step done, the PDF right
    assert off is None or off[1] == "0", output  # every window wholly on the screen
    shots = sorted(path.name for path in (tmp_path / size).glob("*.png"))
    assert shots == [f"{n:02d}-{step.name}.png" for n, step in enumerate(STEPS, start=1)]
    if int(counted[1]) > int(counted[2]):
        pytest.xfail(
            f"{counted[1]} actions to the first issued superbill at {size}, over the budget {counted[2]}"
        )
    assert done.returncode == 0, output
