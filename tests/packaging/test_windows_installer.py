"""packaging/windows/SuperbillDesk.nsi compiles with NSIS's makensis (Debian's build of it) against a
stand-in for the PyInstaller folder, warnings as errors; its uninstaller removes only what it
installed. Installing and uninstalling on Windows is left to CI (.github/workflows/build.yml)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "SuperbillDesk.nsi"


def _section(name: str) -> str:
    text = SCRIPT.read_text(encoding="utf-8")
    match = re.search(rf'^Section "{name}".*?^SectionEnd', text, re.S | re.M)
    assert match, f"no section {name}"
    return match.group(0)


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is missing (apt-get install nsis)")
def test_the_installer_script_compiles_with_makensis_against_a_stand_in_bundle(tmp_path: Path) -> None:
    bundle, out = tmp_path / "SuperbillDesk", tmp_path / "out"
    (bundle / "_internal").mkdir(parents=True)
    out.mkdir()
    for name in ("SuperbillDesk.exe", "superbill.exe", "_internal/base_library.zip"):
        (bundle / name).write_bytes(b"stand-in for " + name.encode())
    result = subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",
            f"-DSOURCE_DIR={bundle}",
            f"-DOUTPUT_DIR={out}",
            "-DAPP_VERSION=9.8.7",
            SCRIPT.name,
        ],
        cwd=SCRIPT.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    installer = out / "SuperbillDesk-9.8.7-windows-setup.exe"
    head = installer.read_bytes()
    assert head[:2] == b"MZ" and b"Nullsoft" in head


def test_the_installer_is_per_user_with_a_start_menu_entry_and_an_open_with_for_practice_files() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_NAME}"' in text
    assert "HKLM" not in text
    assert 'CreateShortCut "$SMPROGRAMS\\${APP_NAME}.lnk"' in _section("Superbill Desk")
    assert 'Software\\Classes\\.json\\OpenWithProgids" "${PROGID}"' in text


def test_the_uninstaller_removes_only_what_it_installed_never_the_data_folder() -> None:
    uninstall = _section("Uninstall")
    removed = re.findall(r"^\s*(RMDir(?: /r)?|Delete)\s+\"([^\"]+)\"", uninstall, re.M)
    recursive = [path for command, path in removed if command == "RMDir /r"]
    assert recursive == ["$INSTDIR\\_internal"]  # the program folder itself only when empty
    assert ("RMDir", "$INSTDIR") in removed
    assert all(path.startswith(("$INSTDIR\\", "$SMPROGRAMS\\")) or path == "$INSTDIR" for _, path in removed)
    assert 'SuperbillDesk"' not in uninstall.replace("${APP_KEY}", "")  # no path to the data folder
    assert "$LOCALAPPDATA" not in uninstall and "$APPDATA" not in uninstall
