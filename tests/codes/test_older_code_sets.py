"""A newer code set loaded by an older version of the app (code-set format 1) is not used, and that is said
in one line: in `superbill codes icd` and in the app's window note, never skipped silently."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.store.code_index import imported_index_path, open_code_index, passed_over_imports
from app.store.code_set_schema import CodeEntry, write_code_set
from app.store.icd_release_files import fiscal_year_release


def write_format_1_code_set(data_dir: Path, year: int = 2028) -> Path:
    path = imported_index_path(data_dir, year)
    write_code_set(path, [fiscal_year_release(year)], "test", [CodeEntry("M54.2", "Cervicalgia", True, None)])
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 1")
    db.close()
    return path


def test_a_format_1_fy2028_code_set_is_named_in_one_line_and_the_shipped_one_stays_in_force(
    data_dir: Path,
) -> None:
    path = write_format_1_code_set(data_dir)
    with open_code_index(data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2027"
    assert passed_over_imports(data_dir) == [
        f"The ICD-10-CM FY2028 code set in {path} is not used (code-set format 1, this version of the app "
        "reads 3): load that year's file again with File > Update code set… in the app, or superbill codes "
        "import-icd FILE."
    ]


def test_an_older_year_in_an_older_format_is_not_worth_a_note(data_dir: Path) -> None:
    write_format_1_code_set(data_dir, 2026)
    assert passed_over_imports(data_dir) == []


def test_codes_icd_says_so_on_stderr_and_still_answers(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_format_1_code_set(data_dir)
    assert main(["--data-dir", str(data_dir), "codes", "icd", "cervicalgia"]) == 0
    out, err = capsys.readouterr()
    assert "M54.2" in out
    assert len(err.splitlines()) == 1
    assert err.startswith("note: The ICD-10-CM FY2028 code set in ") and "code-set format 1" in err
