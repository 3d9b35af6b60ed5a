"""The yearly ICD-10-CM update: what CMS or CDC publish for a new fiscal year, previewed, then applied offline.

Three kinds of file are taken, recognized by what they hold: the code descriptions order file
(icd10cm_order_2028.txt), the zip it is published in (the order file is found inside), or the order
addenda (icd10cm_order_addenda_2028.txt: the changes from the year before, applied to the newest
release the app holds). Anything else is refused with one line naming the file.

``preview_update`` changes nothing: it says the release the file makes, what it adds, deletes and
revises (billable codes, as CMS counts them), and which of the practice's visits (on or after its
first date of service) and prescriptions (in force then) use a code it deletes or revises.
``apply_update`` then writes a code set holding every release the app has plus the new one into
``<data_dir>/codes/``, whole or not at all: until the new file is complete and renamed into place,
the code set in force stays in force.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from app.domain.dates import us_date
from app.domain.diagnoses import CodeRelease, ReleaseChanges, billable_codes_under, release_changes
from app.domain.errors import ValidationError
from app.domain.people import initials
from app.store.attention import CodeUse, HasConnection, prescription_code_uses, visit_code_uses
from app.store.code_index import (
    compact_code,
    dotted_code,
    imported_index_path,
    open_code_index,
    passed_over_imports,
)
from app.store.code_set_update import Codes, read_newest_codes, write_next_release
from app.store.icd_release_files import (
    LARGEST_ORDER_FILE,
    apply_addenda,
    decode_order_text,
    fiscal_year_from_name,
    fiscal_year_release,
    parse_addenda,
    parse_order_file,
)
from app.store.reading import read_file

if TYPE_CHECKING:
    from app.services.workspace import Workspace

ORDER_FILE = "order file"
ZIP_FILE = "zip"
ADDENDA_FILE = "addenda"

_ADDENDA_NAME = re.compile(r"icd10cm[-_ ]order[-_ ]addenda[-_ ](?:fy)?(\d{4})", re.IGNORECASE)
_ORDER_MEMBER = re.compile(r"^icd10cm[-_ ]order[-_ ](?:fy)?(\d{4})\.txt$", re.IGNORECASE)
_ORDER_LINE = re.compile(r"^\d{5} ")
_ADDENDA_LINE = re.compile(r"^(?:Add:|Delete:|Revise from:|Revise to:)")
_WHAT = "an ICD-10-CM order file (icd10cm_order_YYYY.txt), its zip, or an order addenda file"
# Lines a code set is recognized by: the first ones that are not blank.
_LINES_LOOKED_AT = 5


@dataclass(frozen=True)
class AffectedUse:
    """A visit's or a prescription's code that the update deletes, makes a header, or retitles for its dates."""

    patient_key: str
    patient_initials: str  # "D.O.": the preview names nobody in full
    prescription: bool
    key: str  # the visit's or the prescription's key
    day: str  # the visit's date, or the date the prescription was written (MM/DD/YYYY)
    code: str  # dotted
    change: str  # "deleted", "no longer billable" or "revised"
    choices: tuple[str, ...]  # for a code now a header: the billable codes under it

    @property
    def text(self) -> str:
        """ "D.O., visit of 11/10/2026: M72.2 no longer billable (choose M72.20, M72.21 or M72.22)"."""
        what = "prescription of" if self.prescription else "visit of"
        advice = ""
        if self.choices:
            shown = self.choices[:6]
            more = f" and {len(self.choices) - len(shown)} more" if len(self.choices) > len(shown) else ""
            advice = f" (choose {', '.join(shown)}{more})"
        return f"{self.patient_initials}, {what} {self.day}: {self.code} {self.change}{advice}"


@dataclass(frozen=True)
class CodeUpdate:
    """What a file would change, before anything is changed (``apply_update`` applies it)."""

    file_name: str
    kind: str  # ORDER_FILE, ZIP_FILE or ADDENDA_FILE
    fiscal_year: int
    release: CodeRelease  # the release the file makes
    current: CodeRelease  # the newest release the app holds now
    changes: ReleaseChanges
    affected: tuple[AffectedUse, ...]
    _base: Path  # the code-set file in force, which the new one extends
    _codes: Codes

    @property
    def summary(self) -> str:
        """ "ICD-10-CM FY2028 (dates of service 10/01/2027 to 09/30/2028): 12 codes added, 3 deleted, 1 revised"."""
        changes = self.changes
        added = len(changes.added)
        return (
            f"{self.release.name} (dates of service {us_date(self.release.first_date)} to "
            f"{us_date(self.release.last_date)}): {added:,} {'code' if added == 1 else 'codes'} added, "
            f"{len(changes.deleted):,} deleted, {len(changes.revised):,} revised"
        )


def preview_update(
    path: Path, data_dir: Path, store: HasConnection | None = None, fiscal_year: int | None = None
) -> CodeUpdate:
    """What the file at ``path`` would change; nothing is written. ValidationError names the file or line.

    ``store`` (the practice, when there is one) gives the visits and prescriptions affected;
    ``fiscal_year`` is needed only when neither the file's name nor the name inside its zip says it.
    """
    path = Path(path)
    raw = read_file(path, LARGEST_ORDER_FILE, "an ICD-10-CM order file")
    kind, name, text = _recognize(path, raw)
    with open_code_index(data_dir) as current_index:
        base = current_index.path
        current = current_index.release
    held_year = current.last_date.year
    if kind == ADDENDA_FILE:
        year = _year(fiscal_year, _ADDENDA_NAME.search(name), held_year + 1)
        if 2015 <= year <= held_year:
            raise _already_held(year)
        if year != held_year + 1:
            raise ValidationError(
                "fiscal year",
                f"the FY{year} addenda change FY{year - 1}, and the newest release here is {current.name}: "
                f"load the FY{held_year + 1} files first",
            )
        changes_listed = parse_addenda(text)
        before = read_newest_codes(base)[1]
        after = apply_addenda(before, changes_listed)
    else:
        named = fiscal_year if fiscal_year is not None else fiscal_year_from_name(Path(name))
        if named is None:
            raise ValidationError(
                "fiscal year", f'"{name}" does not name one (icd10cm_order_2028.txt); give it explicitly'
            )
        year = named
        after = {e.code.replace(".", ""): (e.description, e.billable) for e in parse_order_file(text)}
        before = {}
    if not 2015 <= year <= 2100:
        raise ValidationError("fiscal year", f"{year} is not an ICD-10-CM fiscal year")
    if year <= held_year:
        raise _already_held(year)
    release = fiscal_year_release(year)
    if release.first_date != current.last_date + timedelta(days=1):
        raise ValidationError(
            "fiscal year",
            f"FY{year} does not follow {current.name} (it ends {us_date(current.last_date)}): "
            f"load FY{held_year + 1} first",
        )
    before = before or read_newest_codes(base)[1]
    changes = release_changes(before, after)
    affected = _affected(store, release, before, after) if store is not None else ()
    return CodeUpdate(path.name, kind, year, release, current, changes, affected, base, after)


def apply_update(update: CodeUpdate, data_dir: Path) -> CodeRelease:
    """Write the code set with the update's release into ``<data_dir>/codes/``: whole, or nothing changes."""
    source = f"{update.file_name} ({update.kind})"
    write_next_release(
        imported_index_path(data_dir, update.fiscal_year), update._base, update._codes, update.release, source
    )
    return update.release


def passed_over_code_sets(data_dir: Path) -> list[str]:
    """One line for each newer code set in ``<data_dir>/codes/`` that is not used (see passed_over_imports)."""
    return passed_over_imports(data_dir)


def _already_held(year: int) -> ValidationError:
    """A release the app holds already: in the code set it ships with, or loaded before."""
    with open_code_index(None) as shipped:
        where = "in the shipped code set" if year <= shipped.release.last_date.year else "loaded"
    return ValidationError("fiscal year", f"ICD-10-CM FY{year} is already {where}: nothing to update")


def _year(given: int | None, named: re.Match[str] | None, otherwise: int) -> int:
    if given is not None:
        return given
    return int(named.group(1)) if named else otherwise


def _refuse(path: Path, message: str) -> ValidationError:
    return ValidationError(str(path), message)


def _recognize(path: Path, raw: bytes) -> tuple[str, str, str]:
    """(kind, the name the fiscal year is read from, the text of the order or addenda file)."""
    if not raw.strip():
        raise _refuse(path, f"is empty: give {_WHAT}")
    if raw[:2] == b"PK":
        name, text = _order_file_in_zip(path, raw)
        return ZIP_FILE, name, text
    if b"\x00" in raw[:65536]:
        raise _refuse(path, f"is not a text file: give {_WHAT}")
    text = decode_order_text(raw)
    lines = [line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if any(_ADDENDA_LINE.match(line) for line in lines):
        return ADDENDA_FILE, path.name, text
    if any(_ORDER_LINE.match(line) for line in lines[:_LINES_LOOKED_AT]):
        return ORDER_FILE, path.name, text
    raise _refuse(path, f"is not {_WHAT}")


def _order_file_in_zip(path: Path, raw: bytes) -> tuple[str, str]:
    """The name and text of the order file inside a zip (CDC's code descriptions zip)."""
    too_large = f"holds an order file larger than {LARGEST_ORDER_FILE / 1_000_000:,g} MB"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and _ORDER_MEMBER.match(PurePosixPath(info.filename).name)
            ]
            member = members[0] if members else None
            content = b""
            if member is not None and member.file_size <= LARGEST_ORDER_FILE:
                with archive.open(member) as inside:
                    content = inside.read(LARGEST_ORDER_FILE + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as error:
        raise _refuse(
            path, f"is a damaged or incomplete zip file ({type(error).__name__}): download it again"
        ) from None
    except OSError as error:
        raise _refuse(path, f"cannot be read as a zip file ({error.strerror or error})") from None
    if member is None:
        raise _refuse(
            path,
            "holds no ICD-10-CM order file (icd10cm_order_YYYY.txt): give the CDC's code descriptions zip",
        )
    if member.file_size > LARGEST_ORDER_FILE or len(content) > LARGEST_ORDER_FILE:
        raise _refuse(path, too_large)
    return PurePosixPath(member.filename).name, decode_order_text(content)


def _affected(
    store: HasConnection, release: CodeRelease, before: Codes, after: Codes
) -> tuple[AffectedUse, ...]:
    """The practice's codes the release deletes, makes headers, or retitles, for dates it covers."""
    uses: list[CodeUse] = [
        *visit_code_uses(store, release.first_date, unbilled_only=False),
        *prescription_code_uses(store, release.first_date),
    ]
    found: dict[tuple[bool, str, str], AffectedUse] = {}
    for use in uses:
        compact = compact_code(use.code)
        if compact is None:
            continue
        old, new = before.get(compact), after.get(compact)
        if old is None or not old[1] or new == old:
            continue
        choices: tuple[str, ...] = ()
        if new is None:
            change = "deleted"
        elif not new[1]:
            change = "no longer billable"
            below = billable_codes_under(compact, ((code, billable) for code, (_, billable) in after.items()))
            choices = tuple(dotted_code(code) for code in below)
        elif new[0] != old[0]:
            change = "revised"
        else:
            continue
        day = use.named_on  # the visit's date, or the date the prescription was written
        affected = AffectedUse(
            use.patient_key,
            initials(use.first_name, use.last_name),
            use.prescription,
            use.key,
            us_date(day),
            dotted_code(compact),
            change,
            choices,
        )
        found.setdefault((use.prescription, use.patient_key + "/" + use.key, affected.code), affected)
    return tuple(found.values())


def preview_practice_update(workspace: Workspace, path: Path) -> CodeUpdate:
    """``preview_update`` for the open practice: its code sets, and its visits and prescriptions affected."""
    return preview_update(path, workspace.data_dir, workspace.store)
