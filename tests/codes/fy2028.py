"""A made-up FY2028 for the yearly update's tests: a synthetic addenda file in the CMS layout
(tests/data/icd10cm_order_addenda_2028.txt), the order file it gives when applied to the shipped
FY2027, that order file zipped as CDC publishes it, and a practice whose codes it touches."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from app.domain.practice import Practice, Prescription, Visit
from app.store.code_index import shipped_index_path
from app.store.icd_release_files import apply_addenda, parse_addenda
from tests import sample

ADDENDA_2028 = Path(__file__).resolve().parents[1] / "data" / "icd10cm_order_addenda_2028.txt"
FY2028_FIRST_DAY = date(2027, 10, 1)
# What the addenda does to billable codes (as CMS counts them).
ADDED = ("M5420", "M5421", "M5429", "M5452")
DELETED = ("M542", "M7918")
REVISED = ("M797",)


def fy2027_codes() -> dict[str, tuple[str, bool]]:
    """The shipped FY2027 release: compact code -> (title, billable)."""
    with sqlite3.connect(f"{shipped_index_path().as_uri()}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT code, description, billable FROM codes WHERE last_date IS NULL").fetchall()
    return {code.replace(".", ""): (title, bool(billable)) for code, title, billable in rows}


def order_line(number: int, code: str, billable: bool, title: str) -> str:
    """The CDC layout: order 1-5, code 7-13, flag 15, short title 17-76, long title from 78."""
    return f"{number:05d} {code:<7} {int(billable)} {title[:60]:<60} {title}"


def write_order_file_2028(folder: Path, name: str = "icd10cm_order_2028.txt") -> Path:
    """The whole FY2028 order file (about 98,000 lines): FY2027 with the synthetic addenda applied."""
    codes = apply_addenda(fy2027_codes(), parse_addenda(ADDENDA_2028.read_text("ascii")))
    lines = [
        order_line(n, code, b, title) for n, (code, (title, b)) in enumerate(sorted(codes.items()), start=1)
    ]
    path = folder / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def zip_of(order_file: Path, name: str = "icd10cm-Code Descriptions-2028.zip") -> Path:
    """The order file in a zip beside the other files CDC puts there, in a folder as CDC's zip has it."""
    path = order_file.parent / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Code Descriptions/icd10cm_codes_2028.txt", "M542    Cervicalgia\r\n")
        archive.write(order_file, f"Code Descriptions/{order_file.name}")
        archive.write(ADDENDA_2028, "Code Descriptions/icd10cm_order_addenda_2028.txt")
    return path


def practice_using_fy2028_changes() -> Practice:
    """Daniel Okafor: a visit on 10/12/2027 with M54.2 and M79.7 (deleted and revised by FY2028), one on
    09/20/2027 with M54.2 (FY2027: unaffected), and a prescription without end giving M79.18 (deleted)."""
    chart = sample.chart()
    first = chart.visits[0]
    visits = (
        replace(first, key="v-fy27", date=date(2027, 9, 20), diagnoses=("M54.2",), prescription=None),
        replace(
            first, key="v-fy28", date=date(2027, 10, 12), diagnoses=("M54.2", "M79.7"), prescription=None
        ),
    )
    rx = Prescription("rx-open", "Helen Park", date(2026, 11, 20), diagnoses=("M79.18", "M54.50"))
    return replace(
        sample.practice(),
        charts=(replace(chart, visits=visits, prescriptions=(rx,), payments=()),),
    )


def visit(key: str, day: date, *codes: str) -> Visit:
    return replace(sample.chart().visits[0], key=key, date=day, diagnoses=codes, prescription=None)
