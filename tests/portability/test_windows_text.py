"""Practice files as Windows editors save them: CRLF line endings and a BOM import; Windows-1252
(Notepad's "ANSI") and UTF-16 (its "Unicode") are refused with one line naming the file, since a
practice file is JSON, which is UTF-8 (docs/practice-file.md)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def exported(data_dir: Path, tmp_path: Path, name: str) -> object:
    assert run(data_dir, "export", "-o", str(tmp_path / name)) == 0
    return json.loads((tmp_path / name).read_text(encoding="utf-8"))


def with_accented_name(sample_practice_path: Path) -> str:
    document = json.loads(sample_practice_path.read_text(encoding="utf-8"))
    document["patients"][0]["first_name"] = "Renée"
    return json.dumps(document, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8 with BOM"])
def test_a_practice_file_with_crlf_line_endings_imports_as_the_same_records(
    tmp_path: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str], bom: bytes
) -> None:
    text = with_accented_name(sample_practice_path)
    unix, windows = tmp_path / "unix.json", tmp_path / "windows.json"
    unix.write_bytes(text.encode("utf-8"))
    windows.write_bytes(bom + text.replace("\n", "\r\n").encode("utf-8"))
    assert b"\r\n" in windows.read_bytes()
    assert run(tmp_path / "a", "import", str(unix)) == 0
    assert run(tmp_path / "b", "import", str(windows)) == 0
    assert exported(tmp_path / "b", tmp_path, "b.json") == exported(tmp_path / "a", tmp_path, "a.json")
    assert "Renée" in (tmp_path / "b.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_practice_file_not_in_utf8_is_refused_with_one_line_naming_it_and_nothing_saved(
    tmp_path: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    source = tmp_path / f"{encoding}.json"
    source.write_bytes(with_accented_name(sample_practice_path).replace("\n", "\r\n").encode(encoding))
    data = tmp_path / "practice"
    capsys.readouterr()
    assert run(data, "import", str(source)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {source}: ") and "UTF-8" in err
    database = data / "practice.sqlite3"
    if database.exists():
        connection = sqlite3.connect(database)
        try:
            assert connection.execute("SELECT count(*) FROM patients").fetchone()[0] == 0
        finally:
            connection.close()
