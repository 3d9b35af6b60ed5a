"""Loading a newer ICD-10-CM release from the CDC's fixed-width order file, offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.diagnoses import CodeRelease, DiagnosisCode
from app.domain.errors import ValidationError
from app.services.code_update import apply_update, preview_update
from app.store.code_index import IcdIndex, imported_index_path, open_code_index, shipped_index_path
from app.store.icd_release_files import OrderFileError

# A code that the shipped releases lack, standing in for one new in a later release.
NEW_CODE = ("M5452", "Discogenic low back pain")
# An order file newer than the shipped FY2027, which the app then uses.
NEWER = "icd10cm-order-2028.txt"
FY2028_DAY = date(2027, 10, 1)


def import_order_file(path: Path, data_dir: Path, fiscal_year: int | None = None) -> CodeRelease:
    """What `superbill codes import-icd` does: preview, then apply."""
    return apply_update(preview_update(path, data_dir, fiscal_year=fiscal_year), data_dir)


def order_line(number: int, code: str, billable: bool, short: str, long: str) -> str:
    """One line in the CDC layout: order 1-5, code 7-13, flag 15, short description 17-76, long from 78."""
    return f"{number:05d} {code:<7} {int(billable)} {short[:60]:<60} {long}"


ENTRIES: list[tuple[str, bool, str]] = [
    ("M54", False, "Dorsalgia"),
    ("M542", True, "Cervicalgia"),
    ("M545", False, "Low back pain"),
    ("M5450", True, "Low back pain, unspecified"),
    ("M5451", True, "Vertebrogenic low back pain"),
    (NEW_CODE[0], True, NEW_CODE[1]),
    ("M5459", True, "Other low back pain"),
    ("M546", True, "Pain in thoracic spine"),
    ("M797", True, "Fibromyalgia"),
    ("S134", False, "Sprain of ligaments of cervical spine"),
    ("S134XXA", True, "Sprain of ligaments of cervical spine, initial encounter"),
    ("S134XXD", True, "Sprain of ligaments of cervical spine, subsequent encounter"),
    ("S134XXS", True, "Sprain of ligaments of cervical spine, sequela"),
]


def order_file_lines() -> list[str]:
    return [
        order_line(number, code, billable, description[:60], description)
        for number, (code, billable, description) in enumerate(ENTRIES, start=1)
    ]


def write_order_file(
    folder: Path, lines: list[str], name: str = "icd10cm-order-2027.txt", *, encoding: str = "utf-8"
) -> Path:
    path = folder / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_the_shipped_releases_lack_the_new_code() -> None:
    with IcdIndex(shipped_index_path(), immutable=True) as shipped:
        assert shipped.lookup(NEW_CODE[0]) is None


def test_an_imported_fy2028_release_is_valid_from_1_october_2027(tmp_path: Path, data_dir: Path) -> None:
    release = import_order_file(write_order_file(tmp_path, order_file_lines(), NEWER), data_dir)
    assert release.name == "ICD-10-CM FY2028"
    assert release.first_date == date(2027, 10, 1)
    assert release.last_date == date(2028, 9, 30)
    assert imported_index_path(data_dir, 2028) == data_dir / "codes" / "icd10cm-FY2028.sqlite"
    assert imported_index_path(data_dir, 2028).is_file()


def test_the_app_then_uses_the_newer_release(tmp_path: Path, data_dir: Path) -> None:
    import_order_file(write_order_file(tmp_path, order_file_lines(), NEWER), data_dir)
    with open_code_index(data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2028"
        assert codes.release.covers(date(2027, 10, 1))
        assert codes.count() == len(ENTRIES)
        assert codes.billable_count() == sum(billable for _, billable, _ in ENTRIES)
        new = codes.lookup("m54.52")
        assert new is not None
        assert (new.code, new.description, new.billable) == ("M54.52", "Discogenic low back pain", True)
        assert codes.lookup("M54.52", date(2027, 9, 30)) is None  # FY2027 still answers for its dates
        assert [c.code for c in codes.billable_children("M54.5")] == ["M54.50", "M54.51", "M54.52", "M54.59"]
        assert [c.code for c in codes.billable_children("S13.4")] == ["S13.4XXA", "S13.4XXD", "S13.4XXS"]
        assert codes.parent("M54.52") == codes.lookup("M54.5")
        assert "M54.52" in [h.code for h in codes.search("discog")]
        assert [h.code for h in codes.search("M545", on=FY2028_DAY)][:1] == ["M54.5"]
        assert codes.search("low back", on=FY2028_DAY)[0].code == "M54.50"
        assert codes.lookup("M54.5") == DiagnosisCode("M54.5", "Low back pain", billable=False)


def test_without_imports_the_shipped_release_is_used(data_dir: Path) -> None:
    with open_code_index(data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2027"


@pytest.mark.parametrize("year", [2025, 2027])
def test_a_release_the_app_already_holds_or_an_older_one_is_refused_as_nothing_to_update(
    tmp_path: Path, data_dir: Path, year: int
) -> None:
    path = write_order_file(tmp_path, order_file_lines(), f"icd10cm-order-{year}.txt")
    with pytest.raises(ValidationError, match="nothing to update"):
        import_order_file(path, data_dir)
    assert not (data_dir / "codes").exists()
    with open_code_index(data_dir) as codes:
        assert codes.path == shipped_index_path()
        assert [r.name for r in codes.releases] == ["ICD-10-CM April 2026", "ICD-10-CM FY2027"]


def test_the_next_year_after_an_import_builds_on_it(tmp_path: Path, data_dir: Path) -> None:
    import_order_file(write_order_file(tmp_path, order_file_lines(), "icd10cm-order-2028.txt"), data_dir)
    import_order_file(write_order_file(tmp_path, order_file_lines(), "icd10cm-order-2029.txt"), data_dir)
    with open_code_index(data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2029"
        assert [r.name for r in codes.releases][-3:] == [
            "ICD-10-CM FY2027",
            "ICD-10-CM FY2028",
            "ICD-10-CM FY2029",
        ]


def test_the_fiscal_year_can_be_given_when_the_file_name_lacks_it(tmp_path: Path, data_dir: Path) -> None:
    path = write_order_file(tmp_path, order_file_lines(), "codes-from-cdc.txt")
    with pytest.raises(ValidationError, match="fiscal year"):
        import_order_file(path, data_dir)
    release = import_order_file(path, data_dir, fiscal_year=2028)
    assert release.name == "ICD-10-CM FY2028"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_descriptions_with_accents_read_right_in_either_encoding(
    tmp_path: Path, data_dir: Path, encoding: str
) -> None:
    lines = [
        *order_file_lines(),
        order_line(99, "H8101", True, "Ménière's disease, right ear", "Ménière's disease, right ear"),
    ]
    import_order_file(write_order_file(tmp_path, lines, NEWER, encoding=encoding), data_dir)
    with open_code_index(data_dir) as codes:
        code = codes.lookup("H81.01", FY2028_DAY)
        assert code is not None
        assert code.description == "Ménière's disease, right ear"
        assert [h.code for h in codes.search("meniere", on=FY2028_DAY)] == ["H81.01"]
        assert [h.code for h in codes.search("Ménière", on=FY2028_DAY)] == ["H81.01"]


def test_the_long_description_is_used(tmp_path: Path, data_dir: Path) -> None:
    lines = [order_line(1, "M797", True, "Fibromyalgia (short)", "Fibromyalgia")]
    import_order_file(write_order_file(tmp_path, lines, NEWER), data_dir)
    with open_code_index(data_dir) as codes:
        assert codes.lookup("M79.7", FY2028_DAY) == codes.search("fibromyalgia", on=FY2028_DAY)[0]
        assert codes.search("fibromyalgia", on=FY2028_DAY)[0].description == "Fibromyalgia"


def _with_line(number: int, line: str) -> list[str]:
    lines = order_file_lines()
    lines[number - 1] = line
    return lines


GOOD = order_line(5, "M5451", True, "Vertebrogenic low back pain", "Vertebrogenic low back pain")


@pytest.mark.parametrize(
    ("broken", "complaint"),
    [
        (GOOD[:14] + "Y" + GOOD[15:], "billable flag"),
        (GOOD[:50], "characters"),
        (GOOD[:6] + "M54-51 " + GOOD[13:], "code"),
        (GOOD[:6] + "5451   " + GOOD[13:], "code"),
        ("0000X" + GOOD[5:], "order number"),
        (GOOD[:77] + "   ", "has no long description"),
        (GOOD.replace("M5451  ", "M5450  "), "already appears on line 4"),
    ],
    ids=[
        "bad flag",
        "short line",
        "dash in code",
        "code without a letter",
        "order number",
        "no long description",
        "duplicate",
    ],
)
def test_a_malformed_line_is_named_and_nothing_is_imported(
    tmp_path: Path, data_dir: Path, broken: str, complaint: str
) -> None:
    path = write_order_file(tmp_path, _with_line(5, broken), NEWER)
    with pytest.raises(OrderFileError) as raised:
        import_order_file(path, data_dir)
    assert raised.value.field == "line 5"
    assert complaint in raised.value.message
    assert str(raised.value).startswith("line 5: ")
    assert isinstance(raised.value, ValidationError)
    codes_folder = data_dir / "codes"
    assert not codes_folder.exists() or list(codes_folder.iterdir()) == []
    with open_code_index(data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2027"


def test_a_failed_import_leaves_the_earlier_import_in_place(tmp_path: Path, data_dir: Path) -> None:
    import_order_file(write_order_file(tmp_path, order_file_lines(), NEWER), data_dir)
    before = imported_index_path(data_dir, 2028).read_bytes()
    broken = write_order_file(tmp_path, _with_line(3, GOOD[:14] + "2" + GOOD[15:]), "icd10cm-order-2029.txt")
    with pytest.raises(OrderFileError, match="line 3"):
        import_order_file(broken, data_dir)
    assert imported_index_path(data_dir, 2028).read_bytes() == before
    assert sorted(p.name for p in (data_dir / "codes").iterdir()) == ["icd10cm-FY2028.sqlite"]


def test_an_empty_file_is_refused(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(ValidationError, match="is empty"):
        import_order_file(write_order_file(tmp_path, [], NEWER), data_dir)
    assert not imported_index_path(data_dir, 2028).exists()


def test_an_imported_release_is_opened_read_only(tmp_path: Path, data_dir: Path) -> None:
    import sqlite3

    import_order_file(write_order_file(tmp_path, order_file_lines(), NEWER), data_dir)
    with open_code_index(data_dir) as codes, pytest.raises(sqlite3.OperationalError, match="readonly"):
        codes._db.execute("DELETE FROM codes")
