"""The README's Quick start works as written on Debian's and Ubuntu's own Python (PEP 668).

Their /usr/bin/python3 is "externally managed": `python3 -m pip install .` is refused outside a
virtual environment. The install command makes one in the same command line; this runs it exactly
as the README writes it, in a copy of the clone, with /usr/bin first on the PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
DEBIAN_PYTHON = Path("/usr/bin/python3")
# What a clone does not hold (or holds only once used): left out of the copy.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    ".hypothesis", "demo-data", "demo-superbill.pdf", "*.egg-info",
)  # fmt: skip


def readme_command(marker: str) -> str:
    """The command written two lines under the marker (its code fence between), as .ci/run reads it."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    at = lines.index(f"<!-- {marker} -->")
    assert lines[at + 1] == "```"
    return lines[at + 2]


def test_the_quick_start_never_installs_into_the_systems_python() -> None:
    for marker in ("install-command", "test-command"):
        command = readme_command(marker)
        assert "python3 -m pip install" not in command and "sudo pip" not in command
    assert readme_command("install-command").startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    script = (ROOT / "tools" / "install-test-deps.sh").read_text(encoding="utf-8")
    assert "python3-venv" in script and "-m venv .venv" in script and '"$VENV_PYTHON" -m pip install' in script


@pytest.mark.quickstart
@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.skipif(not DEBIAN_PYTHON.exists(), reason="no system Python at /usr/bin/python3")
def test_the_install_command_works_as_written_with_debians_own_python_first_on_the_path(
    tmp_path: Path,
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(ROOT, clone, ignore=NOT_IN_A_CLONE, symlinks=True)
    ignored = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SUPERBILL_DATA_DIR", "PYENV_VERSION"}
    env = {name: value for name, value in os.environ.items() if name not in ignored}
    env["PATH"] = f"/usr/bin:/bin:{os.environ.get('PATH', '')}"
    env["SUPERBILL_LOG_DIR"] = str(tmp_path / "logs")
    which = subprocess.run(["bash", "-c", "command -v python3"], env=env, capture_output=True, text=True)
    assert which.stdout.strip() == str(DEBIAN_PYTHON)

    ran = subprocess.run(
        ["bash", "-c", readme_command("install-command")],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=850,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    assert "Created the demo practice" in ran.stdout
    assert (clone / "demo-superbill.pdf").read_bytes().startswith(b"%PDF")
    assert "home = /usr/bin" in (clone / ".venv" / "pyvenv.cfg").read_text(encoding="utf-8")
    version = subprocess.run(
        [str(clone / ".venv" / "bin" / "superbill"), "--version"], env=env, capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.strip() == f"Superbill Desk {__version__}"
