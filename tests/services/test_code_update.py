"""The yearly ICD-10-CM update: an order file, its zip or an addenda file, previewed, then applied offline."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services.code_update import ADDENDA_FILE, ORDER_FILE, ZIP_FILE, apply_update, preview_update
from app.services.workspace import Workspace
from app.store.code_index import open_code_index
from tests.codes.fy2028 import (
    ADDED,
    ADDENDA_2028,
    DELETED,
    REVISED,
    practice_using_fy2028_changes,
    write_order_file_2028,
    zip_of,
)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three kinds of file for FY2028, written once for the module."""
    folder = tmp_path_factory.mktemp("fy2028")
    order = write_order_file_2028(folder)
    addenda = folder / ADDENDA_2028.name
    shutil.copyfile(ADDENDA_2028, addenda)
    return {ORDER_FILE: order, ZIP_FILE: zip_of(order), ADDENDA_FILE: addenda}


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir)
    workspace.store.save_practice(practice_using_fy2028_changes())
    yield workspace
    workspace.close()


def codes_folder_files(data_dir: Path) -> list[str]:
    folder = data_dir / "codes"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("kind", [ADDENDA_FILE, ORDER_FILE, ZIP_FILE])
def test_each_kind_of_file_previews_the_fy2028_release_and_its_counts_without_changing_anything(
    published: dict[str, Path], workspace: Workspace, kind: str
) -> None:
    update = preview_update(published[kind], workspace.data_dir, workspace.store)
    assert update.kind == kind
    assert update.release.name == "ICD-10-CM FY2028"
    assert (update.release.first_date, update.release.last_date) == (date(2027, 10, 1), date(2028, 9, 30))
    assert update.current.name == "ICD-10-CM FY2027"
    assert (update.changes.added, update.changes.deleted, update.changes.revised) == (ADDED, DELETED, REVISED)
    assert update.summary == (
        "ICD-10-CM FY2028 (dates of service 10/01/2027 to 09/30/2028): 4 codes added, 2 deleted, 1 revised"
    )
    assert codes_folder_files(workspace.data_dir) == []
    with open_code_index(workspace.data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2027"


def test_the_preview_names_the_visits_and_prescriptions_affected_for_their_dates_by_initials(
    published: dict[str, Path], workspace: Workspace
) -> None:
    update = preview_update(published[ADDENDA_FILE], workspace.data_dir, workspace.store)
    assert [a.text for a in update.affected] == [
        "D.O., visit of 10/12/2027: M54.2 no longer billable (choose M54.20, M54.21, M54.29)",
        "D.O., visit of 10/12/2027: M79.7 revised",
        "D.O., prescription of 11/20/2026: M79.18 deleted",
    ]
    # The visit of 09/20/2027 keeps FY2027's M54.2; M54.50 on the prescription is unchanged.
    assert all("09/20/2027" not in a.text and "M54.50" not in a.text for a in update.affected)
    assert [(a.prescription, a.key) for a in update.affected] == [
        (False, "v-fy28"),
        (False, "v-fy28"),
        (True, "rx-open"),
    ]


def test_a_prescription_is_named_by_the_date_it_was_written_as_its_tab_lists_it(
    published: dict[str, Path], data_dir: Path
) -> None:
    """Written 11/20/2026 to start 12/01/2026: the preview says "prescription of 11/20/2026"."""
    practice = practice_using_fy2028_changes()
    chart = practice.charts[0]
    later = replace(chart.prescriptions[0], starts_on=date(2026, 12, 1))
    workspace = Workspace(data_dir)
    try:
        workspace.store.save_practice(replace(practice, charts=(replace(chart, prescriptions=(later,)),)))
        update = preview_update(published[ADDENDA_FILE], workspace.data_dir, workspace.store)
    finally:
        workspace.close()
    assert "D.O., prescription of 11/20/2026: M79.18 deleted" in [a.text for a in update.affected]


def test_applying_keeps_the_earlier_releases_so_each_date_is_judged_by_its_own(
    published: dict[str, Path], workspace: Workspace
) -> None:
    update = preview_update(published[ZIP_FILE], workspace.data_dir, workspace.store)
    assert apply_update(update, workspace.data_dir) == update.release
    assert codes_folder_files(workspace.data_dir) == ["icd10cm-FY2028.sqlite"]
    with open_code_index(workspace.data_dir) as codes:
        assert [r.name for r in codes.releases] == [
            "ICD-10-CM April 2026",
            "ICD-10-CM FY2027",
            "ICD-10-CM FY2028",
        ]
        cervicalgia_fy27 = codes.lookup("M54.2", date(2027, 9, 30))
        cervicalgia_fy28 = codes.lookup("M54.2", date(2027, 10, 1))
        assert cervicalgia_fy27 is not None and cervicalgia_fy27.billable
        assert cervicalgia_fy28 is not None and not cervicalgia_fy28.billable
        assert [c.code for c in codes.billable_children("M54.2", date(2027, 10, 1))] == [
            "M54.20",
            "M54.21",
            "M54.29",
        ]
        assert codes.lookup("M79.18", date(2027, 10, 1)) is None
        fibro = codes.lookup("M79.7", date(2027, 10, 1))
        assert fibro is not None and fibro.description == "Fibromyalgia syndrome"
        old_fibro = codes.lookup("M79.7", date(2027, 9, 1))
        assert old_fibro is not None and old_fibro.description == "Fibromyalgia"
        plantar = codes.lookup("M72.2", date(2026, 9, 15))  # April 2026 still answers for its dates
        assert plantar is not None and plantar.billable
        assert codes.billable_count(date(2027, 10, 1)) == codes.billable_count(date(2027, 9, 1)) + 4 - 2


def test_the_same_release_again_is_refused_as_nothing_to_update(
    published: dict[str, Path], workspace: Workspace
) -> None:
    apply_update(preview_update(published[ADDENDA_FILE], workspace.data_dir), workspace.data_dir)
    before = (workspace.data_dir / "codes" / "icd10cm-FY2028.sqlite").read_bytes()
    with pytest.raises(ValidationError, match="nothing to update") as refused:
        preview_update(published[ORDER_FILE], workspace.data_dir)
    assert refused.value.field == "fiscal year"
    assert (workspace.data_dir / "codes" / "icd10cm-FY2028.sqlite").read_bytes() == before


def _truncated_zip(folder: Path, whole: Path) -> Path:
    path = folder / "icd10cm-Code Descriptions-2028-truncated.zip"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return path


def _zip_without_order_file(folder: Path, _whole: Path) -> Path:
    path = folder / "icd10cm-Tables-Index-2028.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("icd10cm_tabular_2028.xml", "<ICD10CM.tabular/>")
    return path


def _file(content: bytes, name: str = "icd10cm_order_2028.txt"):  # type: ignore[no-untyped-def]
    def write(folder: Path, _whole: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return write


@pytest.mark.parametrize(
    ("make", "complaint"),
    [
        (_file(b""), "is empty"),
        (_file(b"\r\n  \r\n"), "is empty"),
        (_file(bytes(range(256)) * 40, "download.bin"), "not a text file"),
        (_file(b"%PDF-1.7\nsome pdf\n", "icd10cm_order_2028.pdf"), "is not an ICD-10-CM order file"),
        (_file(b"name,code\nneck,M54.2\n", "codes.csv"), "is not an ICD-10-CM order file"),
        (_truncated_zip, "damaged or incomplete zip"),
        (_zip_without_order_file, "holds no ICD-10-CM order file"),
    ],
    ids=["empty", "blank lines", "binary", "pdf", "csv", "truncated zip", "zip without order file"],
)
def test_anything_else_is_refused_in_one_line_naming_the_file_and_nothing_changes(
    published: dict[str, Path],
    workspace: Workspace,
    tmp_path: Path,
    make,
    complaint: str,  # type: ignore[no-untyped-def]
) -> None:
    path = make(tmp_path, published[ZIP_FILE])
    with pytest.raises(ValidationError) as refused:
        preview_update(path, workspace.data_dir, workspace.store)
    assert refused.value.field == str(path)
    assert complaint in refused.value.message
    assert "\n" not in str(refused.value)
    assert codes_folder_files(workspace.data_dir) == []


def test_an_addenda_for_a_later_year_than_the_next_is_refused(tmp_path: Path, workspace: Workspace) -> None:
    later = tmp_path / "icd10cm_order_addenda_2029.txt"
    shutil.copyfile(ADDENDA_2028, later)
    with pytest.raises(ValidationError, match="load the FY2028 files first"):
        preview_update(later, workspace.data_dir)
    assert codes_folder_files(workspace.data_dir) == []


def test_an_addenda_that_does_not_fit_the_release_in_force_names_the_code(
    tmp_path: Path, workspace: Workspace
) -> None:
    wrong = tmp_path / "icd10cm_order_addenda_2028.txt"
    wrong.write_text(ADDENDA_2028.read_text().replace("Delete:      1 M7918", "Delete:      1 M7919"))
    with pytest.raises(ValidationError) as refused:
        preview_update(wrong, workspace.data_dir)
    assert refused.value.field == "M7919"
