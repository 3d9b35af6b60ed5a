"""`superbill codes import-icd FILE`: the order file, its zip or the addenda; the preview, then the load."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.services.workspace import Workspace
from app.store.code_index import open_code_index, shipped_index_path
from tests.codes.fy2028 import ADDENDA_2028, practice_using_fy2028_changes, write_order_file_2028, zip_of


@pytest.fixture
def practice(data_dir: Path) -> Path:
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(practice_using_fy2028_changes())
    return data_dir


@pytest.fixture
def addenda(tmp_path: Path) -> Path:
    path = tmp_path / ADDENDA_2028.name
    shutil.copyfile(ADDENDA_2028, path)
    return path


def test_import_icd_prints_the_preview_naming_patients_by_initials_then_loads(
    practice: Path, addenda: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(addenda)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "ICD-10-CM FY2028 (dates of service 10/01/2027 to 09/30/2028): 4 codes added, 2 deleted, 1 revised",
        "  from icd10cm_order_addenda_2028.txt (addenda), after ICD-10-CM FY2027",
        "  Your visits and prescriptions it affects (3):",
        "    D.O., visit of 10/12/2027: M54.2 no longer billable (choose M54.20, M54.21, M54.29)",
        "    D.O., visit of 10/12/2027: M79.7 revised",
        "    D.O., prescription of 11/20/2026: M79.18 deleted",
        "Loaded ICD-10-CM FY2028: dates of service 2027-10-01 to 2028-09-30",
    ]
    assert "Okafor" not in out and "Daniel" not in out
    with open_code_index(practice) as codes:
        assert codes.release.name == "ICD-10-CM FY2028"
    logs = "".join(p.read_text() for p in (practice.parent / "logs").rglob("*") if p.is_file())
    assert "Okafor" not in logs and "D.O." not in logs


def test_dry_run_only_previews(practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    order_zip = zip_of(write_order_file_2028(tmp_path))
    assert main(["--data-dir", str(practice), "codes", "import-icd", "--dry-run", str(order_zip)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ICD-10-CM FY2028 (dates of service 10/01/2027 to 09/30/2028): 4 codes added")
    assert "(zip)" in out
    assert out.rstrip().endswith(
        "Nothing was changed (--dry-run): run the command again without --dry-run to load it."
    )
    assert not (practice / "codes").exists()


def test_without_a_practice_the_update_loads_and_says_nothing_was_checked(
    data_dir: Path, addenda: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "codes", "import-icd", str(addenda)]) == 0
    assert "No practice was looked at" in capsys.readouterr().out
    assert not (data_dir / "practice.sqlite3").exists()


def test_a_file_that_is_no_code_set_is_one_line_exit_2_naming_it(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "icd10cm_order_2028.txt"
    empty.write_bytes(b"")
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"error: {empty}: is empty: give an ICD-10-CM order file (icd10cm_order_YYYY.txt), its zip, or an order addenda file"
    ]
    assert not (practice / "codes").exists()


def test_an_import_killed_while_writing_leaves_the_current_code_set_in_force(
    data_dir: Path, tmp_path: Path
) -> None:
    order = write_order_file_2028(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "codes", "import-icd", str(order)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    codes = data_dir / "codes"
    deadline = time.monotonic() + 60
    while not (codes.exists() and any(p.name.endswith(".partial") for p in codes.iterdir())):
        assert process.poll() is None, "the import ended before it was caught writing"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (codes / "icd10cm-FY2028.sqlite").exists()
    with open_code_index(data_dir) as in_force:
        assert in_force.path == shipped_index_path()
        assert in_force.release.name == "ICD-10-CM FY2027"
    # The next try loads it (the leftover partial file is no code set and is passed over).
    assert main(["--data-dir", str(data_dir), "codes", "import-icd", str(order)]) == 0
    with open_code_index(data_dir) as in_force:
        assert in_force.release.name == "ICD-10-CM FY2028"


def test_everyday_words_still_find_their_codes_after_a_yearly_update(
    practice: Path, addenda: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The update carries the curated and inclusion terms into the new code set; a code the new
    release revises is found by its words in its new version."""
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(addenda)]) == 0
    capsys.readouterr()
    for words, code in (("neck pain", "M54.2 "), ("whiplash", "S13.4XXA"), ("TMJ", "M26.6")):
        assert main(["--data-dir", str(practice), "codes", "icd", words]) == 0
        hits = capsys.readouterr().out.splitlines()[1:4]
        assert any(line.split()[0].startswith(code.strip()) for line in hits), (words, hits)
        assert "matched" in "".join(hits)
    assert main(["--data-dir", str(practice), "codes", "icd", "fibromyalgia"]) == 0
    first = capsys.readouterr().out.splitlines()[1]
    assert first.split()[0] == "M79.7" and "Fibromyalgia syndrome" in first and "from 2027-10-01" in first


def test_everyday_words_of_a_code_split_by_the_update_find_each_of_its_new_codes(
    practice: Path, addenda: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """FY2028 makes M54.2 a heading over M54.20, M54.21 and M54.29: "neck pain" offers the unspecified
    M54.20 as well as the specific ones, not only the one whose title says "neck pain"."""
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(addenda)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(practice), "codes", "icd", "neck pain"]) == 0
    hits = capsys.readouterr().out.splitlines()[1:]
    from_fy2028 = [
        line.split()[0] for line in hits if "from 2027-10-01" in line and 'matched "neck pain"' in line
    ]
    assert from_fy2028[:3] == ["M54.20", "M54.21", "M54.29"]


def test_the_same_release_loaded_again_is_said_to_be_loaded_already(
    practice: Path, addenda: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(addenda)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(addenda)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: fiscal year: ICD-10-CM FY2028 is already loaded: nothing to update"]


def test_the_fy2027_addenda_are_said_to_be_in_the_shipped_code_set(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fy2027 = Path(__file__).resolve().parents[2] / "tools" / "data" / "icd10cm_order_addenda_2027.txt"
    path = tmp_path / fy2027.name
    shutil.copyfile(fy2027, path)
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "error: fiscal year: ICD-10-CM FY2027 is already in the shipped code set: nothing to update"
    ]
    assert not (practice / "codes").exists()


def test_an_addenda_line_whose_code_is_no_icd_10_cm_code_is_refused_naming_the_line(
    practice: Path, addenda: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = addenda.read_text("ascii")
    line = (
        "Add:         1 ZZZZZZZZ Nonsense code                                              Nonsense code\r\n"
    )
    addenda.write_text(text + line, "ascii")
    number = len(text.splitlines()) + 1
    assert main(["--data-dir", str(practice), "codes", "import-icd", str(addenda)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"line {number}" in err[0] and '"ZZZZZZZZ" is not an ICD-10-CM code' in err[0]
    assert not (practice / "codes").exists()
