"""The CDC's ICD-10-CM release files, read into code-set rows: the fixed-width order file (a whole
release) and the order addenda (what changed from one release to the next).

app/services/code_update.py reads a file the therapist chose with these and writes the new code-set
file (app/store/code_set_update.py); tools/build_icd_index.py builds the shipped one with them.
app/store/code_index.py opens and searches the code sets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain.diagnoses import CodeRelease, DiagnosisCodeError, normalize_icd
from app.domain.errors import ValidationError
from app.store.code_index import compact_code, dotted_code
from app.store.code_set_schema import CodeEntry

# --- Importing a release from the CDC order file ---------------------------------------------------


# The CDC's order file is about 20 MB; reading stops well past that.
LARGEST_ORDER_FILE = 200_000_000


class OrderFileError(ValidationError):
    """An order file that is not in the CDC's format; ``field`` names the line ("line 17"). Nothing was imported."""


_ORDER_FILE_NAME = re.compile(r"icd10cm[-_ ]order[-_ ](?:fy)?(\d{4})", re.IGNORECASE)
_ORDER_NUMBER = re.compile(r"^\d{5}$")
_SHORT_END = 76  # columns 17-76 hold the short description; the long one starts at column 78


@dataclass(frozen=True)
class _OrderLine:
    code: str  # compact
    billable: bool
    description: str


def fiscal_year_release(fiscal_year: int) -> CodeRelease:
    """FY2027 is valid for dates of service 2026-10-01 .. 2027-09-30."""
    return CodeRelease(
        name=f"ICD-10-CM FY{fiscal_year}",
        first_date=date(fiscal_year - 1, 10, 1),
        last_date=date(fiscal_year, 9, 30),
    )


def fiscal_year_from_name(path: Path) -> int | None:
    """icd10cm-order-2027.txt -> 2027; None when the name does not say."""
    match = _ORDER_FILE_NAME.search(path.name)
    return int(match.group(1)) if match else None


def decode_order_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # CDC files have been published in Windows-1252; latin-1 takes any byte cp1252 leaves undefined.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _parse_order_line(line: str, number: int) -> _OrderLine:
    field = f"line {number}"

    def fail(message: str) -> OrderFileError:
        return OrderFileError(field, message)

    if len(line) < _SHORT_END + 2:
        raise fail(f"{len(line)} characters; a line needs at least 78 (the long description starts at 78)")
    if not _ORDER_NUMBER.match(line[0:5]):
        raise fail(f"columns 1-5 should be a five-digit order number, not {line[0:5]!r}")
    for column in (6, 14, 16, _SHORT_END + 1):
        if line[column - 1] != " ":
            raise fail(f"column {column} should be a space, not {line[column - 1]!r}")
    code = line[6:13].rstrip(" ")
    if compact_code(code) != code or " " in code:
        raise fail(f"columns 7-13 should hold a code without a dot such as M5450, not {line[6:13]!r}")
    flag = line[14]
    if flag not in "01":
        raise fail(f"column 15 should be the billable flag 0 or 1, not {flag!r}")
    if not line[16:_SHORT_END].strip():
        raise fail(f"code {code} has no short description (columns 17-76)")
    description = " ".join(line[_SHORT_END + 1 :].split())
    if not description:
        raise fail(f"code {code} has no long description (from column 78)")
    return _OrderLine(code=code, billable=flag == "1", description=description)


def parse_order_file(text: str) -> list[CodeEntry]:
    """The code entries of an order file's text, checked line by line (OrderFileError names the line)."""
    lines: dict[str, _OrderLine] = {}
    first_line: dict[str, int] = {}
    # Lines end at CR LF, LF or CR, as a text editor numbers them; str.splitlines would also split at
    # U+2028, form feeds and NEL (byte 0x85 read as latin-1), cutting a description in two.
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        entry = _parse_order_line(line, number)
        if entry.code in lines:
            raise OrderFileError(
                f"line {number}", f"code {entry.code} already appears on line {first_line[entry.code]}"
            )
        lines[entry.code] = entry
        first_line[entry.code] = number
    if not lines:
        raise OrderFileError("line 1", "the file holds no codes")

    entries: list[CodeEntry] = []
    for code, entry in lines.items():
        parent = next((code[:n] for n in range(len(code) - 1, 2, -1) if code[:n] in lines), None)
        entries.append(
            CodeEntry(
                code=dotted_code(code),
                description=entry.description,
                billable=entry.billable,
                parent=dotted_code(parent) if parent else None,
            )
        )
    return entries


# --- The addenda: what changed from one release to the next ---------------------------------------


_ADDENDA_ACTIONS = ("Add:", "Delete:", "Revise from:", "Revise to:")
_ACTION_WIDTH = 13  # the action padded to 13 characters, then the billable flag


@dataclass(frozen=True)
class AddendaLine:
    """One change line of an order-file addenda ("Delete:      1 M722    Plantar fascial fibromatosis ...")."""

    action: str  # "Add:", "Delete:", "Revise from:" or "Revise to:"
    code: str  # compact, "M722"
    billable: bool
    description: str  # the long title


def parse_addenda(text: str) -> list[AddendaLine]:
    """The change lines of an addenda file, in file order; its closing summary (no action) is skipped.

    A line is the action padded to 13 characters, the billable flag, the code without its dot
    padded to 7, the short title padded to 60, then the long title. OrderFileError names a bad line.
    """
    changes: list[AddendaLine] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        action = line[:_ACTION_WIDTH].strip()
        if action not in _ADDENDA_ACTIONS:
            continue
        record = line[_ACTION_WIDTH:]
        code = record[2:9].rstrip(" ")
        long_title = " ".join(record[71:].split())
        if record[:1] not in ("0", "1") or record[1:2] != " " or compact_code(code) != code or not long_title:
            raise OrderFileError(
                f"line {number}",
                "an addenda line is an action, the billable flag 0 or 1, a code, then its titles",
            )
        try:  # the code as written, not cut to its column: "ZZZZZZZZ" is no code, nor is "ZZZ.ZZZZ"
            normalize_icd(record[2:].split()[0])
        except DiagnosisCodeError as error:
            raise OrderFileError(f"line {number}", str(error)) from None
        changes.append(AddendaLine(action, code, record[0] == "1", long_title))
    if not changes:
        raise OrderFileError("line 1", "the file holds no Add:, Delete: or Revise lines")
    return changes


def apply_addenda(
    codes: dict[str, tuple[str, bool]], changes: list[AddendaLine]
) -> dict[str, tuple[str, bool]]:
    """The next release's codes (compact code -> (long title, billable)) from this one's and its addenda.

    Lines apply in file order, so "Delete: 1 M722" then "Add: 0 M722" turns a billable code into a
    header. A change that does not fit (deleting or revising a code the release lacks, adding one it
    has, a "Revise from" that is not the current entry) raises OrderFileError naming the code.
    """
    result = dict(codes)
    revising: AddendaLine | None = None
    for change in changes:
        current = result.get(change.code)
        entry = (change.description, change.billable)
        if change.action == "Add:":
            if current is not None:
                raise OrderFileError(change.code, "added by the addenda but already in the release")
            result[change.code] = entry
        elif change.action == "Delete:":
            if current is None or current[1] != change.billable:
                raise OrderFileError(change.code, "deleted by the addenda but not in the release as given")
            del result[change.code]
        elif change.action == "Revise from:":
            if current != entry:
                raise OrderFileError(
                    change.code, "revised by the addenda from a title the release does not hold"
                )
            revising = change
        else:
            if revising is None or revising.code != change.code:
                raise OrderFileError(change.code, '"Revise to" without its "Revise from"')
            result[change.code] = entry
            revising = None
    return result
