"""Files the user names are written whole, and a device named as the output stays a device."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services.files import write_file
from app.store.reading import read_file


def test_a_file_is_written_whole_with_no_temporary_left(tmp_path: Path) -> None:
    target = tmp_path / "out" / "superbill.pdf"
    write_file(target, b"%PDF-1.4 ...")
    assert target.read_bytes() == b"%PDF-1.4 ..."
    assert [p.name for p in target.parent.iterdir()] == ["superbill.pdf"]


def test_writing_to_dev_null_leaves_it_a_device() -> None:
    write_file(Path("/dev/null"), b"thrown away")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_folder_in_the_way_is_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(ValidationError) as caught:
        write_file(tmp_path / "taken", b"x")
    assert caught.value.field == str(tmp_path / "taken")
    assert "cannot be written" in caught.value.message


def test_a_file_is_read_up_to_its_limit_and_refused_past_it(tmp_path: Path) -> None:
    file = tmp_path / "practice.json"
    file.write_bytes(b"x" * 10)
    assert read_file(file, 10, "a practice file") == b"x" * 10
    with pytest.raises(ValidationError) as caught:
        read_file(file, 9, "a practice file")
    assert caught.value.field == str(file)
    assert (
        caught.value.message.startswith("is larger than")
        and "too large for a practice file" in caught.value.message
    )
