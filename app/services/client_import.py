"""Moving in: a client list from a spreadsheet (CSV or TSV, as Excel and Google Sheets export them).

`read_client_file` reads the file: UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
"Unicode text"), else Windows-1252 (Excel's "CSV" on Windows); any of the usual delimiters (comma,
semicolon, tab, bar), quoted fields, CRLF or LF line ends (the standard library's csv module;
more values than headers is refused). `guess_columns` matches the headers to the patient's
fields; the caller shows that mapping for the therapist to confirm, then `import_clients` adds
them: all or nothing. Every patient goes through app.services.saving.save_patient (the one home
of the patient rules); a refusal names the spreadsheet row (the header is row 1) and the column.
A client with the same name and date of birth as a patient already in the practice, or as an
earlier row, is reported and not added again.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.dates import DateError, typed_date
from app.domain.errors import ValidationError
from app.domain.identifiers import state_code
from app.domain.people import listed_name, split_full_name
from app.domain.practice import Address, Coverage, Patient, Payer, PayerKind
from app.services.saving import save_coverage, save_patient, save_payer
from app.store.reading import read_file
from app.store.records import PracticeStore
from app.store.search import fold

if TYPE_CHECKING:
    from app.services.workspace import Workspace

log = logging.getLogger(__name__)  # counts only: never a name

LIMIT = 20_000_000  # bytes: a client list of 100,000 people is a few MB
WHAT = "a client list"


@dataclass(frozen=True)
class Column:
    name: str  # the field, as the mapping names it
    label: str  # as shown to the therapist
    headers: tuple[str, ...]  # headers it matches, folded (see _fold)


COLUMNS: tuple[Column, ...] = (
    Column("first_name", "First name", ("firstname", "first", "givenname", "forename", "clientfirstname")),
    Column("last_name", "Last name", ("lastname", "last", "surname", "familyname", "clientlastname")),
    Column("full_name", "Full name", ("name", "fullname", "clientname", "patientname", "client", "patient")),
    Column(
        "date_of_birth",
        "Date of birth",
        ("dateofbirth", "dob", "birthdate", "birthday", "birthdatemmddyyyy", "dobmmddyyyy"),
    ),
    Column("sex", "Sex", ("sex", "gender", "sexassignedatbirth")),
    Column(
        "phone",
        "Phone",
        ("phone", "phonenumber", "mobile", "mobilephone", "cell", "cellphone", "homephone", "telephone"),
    ),
    Column("email", "Email", ("email", "emailaddress", "e-mail")),
    Column(
        "line1",
        "Street",
        ("address", "address1", "addressline1", "street", "streetaddress", "street1", "mailingaddress"),
    ),
    Column("line2", "Street line 2", ("address2", "addressline2", "street2", "apt", "suite", "unit")),
    Column("city", "City", ("city", "town")),
    Column("state", "State", ("state", "st", "province", "stateprovince", "region")),
    Column("zip", "ZIP code", ("zip", "zipcode", "postalcode", "postcode", "zippostalcode")),
    Column(
        "member_id",
        "Insurance member ID",
        (
            "memberid",
            "insurancememberid",
            "insuranceid",
            "subscriberid",
            "policynumber",
            "insurancepolicynumber",
            "policyid",
        ),
    ),
    Column(
        "insurance",
        "Insurance company",
        ("insurance", "insurancecompany", "insurancename", "insurancecarrier", "carrier", "payer", "insurer"),
    ),
)
_BY_NAME = {column.name: column for column in COLUMNS}
_DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
_SEX = {"m": "M", "male": "M", "man": "M", "f": "F", "female": "F", "woman": "F"}


def _fold(header: str) -> str:
    """ "Date of Birth", "date_of_birth", "DOB:" -> "dateofbirth", "dob": letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", header.casefold())


@dataclass(frozen=True)
class ClientFile:
    """A client list as read: its headers in order, its rows, and how it was written."""

    path: Path
    headers: tuple[str, ...]
    rows: tuple[Mapping[str, str | None], ...]
    encoding: str  # as shown: "UTF-8", "Windows-1252"...
    delimiter: str  # as shown: "commas", "tabs"...


@dataclass(frozen=True)
class Duplicate:
    row: int  # the spreadsheet row (the header is row 1)
    name: str  # "Okafor, Daniel"
    reason: str  # "already in the practice", "the same as row 7"


@dataclass
class ImportResult:
    added: list[Patient] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _decode(content: bytes, path: Path) -> tuple[str, str]:
    """The text and the name of its encoding; ValidationError when it is none of those a spreadsheet writes."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", "UTF-16")]
    else:
        candidates = [("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")]
    for encoding, shown in candidates:
        try:
            return content.decode(encoding), shown
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        str(path),
        "is not text a spreadsheet writes (UTF-8 or Windows-1252): save it again as CSV from Excel or "
        "Google Sheets",
    )


def _delimiter(header_line: str) -> str:
    """The delimiter the header line uses most (headers hold no commas in practice); a comma by default."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_client_file(path: Path) -> ClientFile:
    """The rows of a CSV or TSV client list (see the module's docstring); ValidationError naming the file."""
    content = read_file(path, LIMIT, WHAT)
    text, encoding = _decode(content, path)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise ValidationError(str(path), "is not a CSV file (it holds binary data): export it again as CSV")
    first_line = text.split("\n", 1)[0]
    delimiter = _delimiter(first_line)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    # Line ends read as a text file reads them (universal newlines: CRLF and CR become LF, inside
    # quoted values too); each row a dict by header, any values past the last header under None.
    reader = csv.DictReader(io.StringIO(text, newline=None), dialect=Dialect)
    rows: list[Mapping[str, str | None]] = []
    try:
        for row in reader:
            if None in row:  # the row is a patient's details: never shown or logged
                raise ValidationError(
                    f"row {len(rows) + 2}",
                    "has more values than there are column headers: a value holds an unquoted "
                    f"{_DELIMITERS[delimiter][:-1]}; export the file again from the spreadsheet",
                )
            rows.append({str(k): (v if isinstance(v, str) else None) for k, v in row.items()})
    except csv.Error as error:
        raise ValidationError(
            f"row {len(rows) + 2}", f"cannot be read as CSV ({error}); export the file again"
        ) from None
    headers = tuple(h.strip() for h in next(csv.reader([first_line.rstrip("\r")], dialect=Dialect), []))
    if not any(headers):
        raise ValidationError(str(path), "has no header row: the first row must name the columns")
    return ClientFile(Path(path), headers, tuple(rows), encoding, _DELIMITERS[delimiter])


def guess_columns(headers: Sequence[str]) -> dict[str, str]:
    """Field name -> header, for each field a header matches.

    ValidationError naming both columns when two match the same field: which one holds the value the
    therapist means is theirs to say (rename or delete the other), not the import's to guess.
    """
    mapping: dict[str, str] = {}
    places: dict[str, int] = {}
    for index, header in enumerate(headers):
        folded = _fold(header)
        for column in COLUMNS:
            if folded in column.headers or folded == _fold(column.label):
                if column.name in mapping:
                    first = places[column.name]
                    raise ValidationError(
                        "columns",
                        f'column {_letter(first)} "{headers[first]}" and column {_letter(index)} "{header}" '
                        f"both hold {column.label}: rename or delete one of them, then import again",
                    )
                mapping[column.name], places[column.name] = header, index
                break
    if "first_name" in mapping and "last_name" in mapping:
        mapping.pop("full_name", None)  # "Name" beside "First" and "Last" is not needed
    return mapping


def check_columns(mapping: Mapping[str, str]) -> None:
    """ValidationError unless the mapping has a name and a date of birth for every client."""
    has_name = "full_name" in mapping or ("first_name" in mapping and "last_name" in mapping)
    if not has_name:
        raise ValidationError(
            "columns",
            "no name columns found: the header row needs First name and Last name (or Name)",
        )
    if "date_of_birth" not in mapping:
        raise ValidationError(
            "columns", "no date of birth column found: the header row needs one, such as DOB or Birthdate"
        )


def describe_mapping(client_file: ClientFile, mapping: Mapping[str, str]) -> list[str]:
    """The mapping in lines for the therapist: each column of the file, and what it goes into."""
    into = {header: _BY_NAME[name].label for name, header in mapping.items()}
    lines = [
        f'  column {_letter(i)} "{header}" -> {into.get(header, "(not imported)")}'
        for i, header in enumerate(client_file.headers)
    ]
    return lines + _names_split(client_file, mapping)


def _names_split(client_file: ClientFile, mapping: Mapping[str, str], rows: int = 5) -> list[str]:
    """How the full names of the first rows are split, for the therapist to see before importing."""
    header = mapping.get("full_name")
    if header is None or ("first_name" in mapping and "last_name" in mapping):
        return []
    shown: list[str] = []
    for index, values in enumerate(client_file.rows):
        text = (values.get(header) or "").strip()
        if text:
            first, last = split_full_name(text)
            shown.append(f'  row {index + 2}: "{_quoted(text)}" -> first "{first}", last "{last}"')
        if len(shown) == rows:
            break
    if not shown:
        return []
    return [
        f"Names split into first and last (as on the insurance card?), first {len(shown)} row(s):",
        *shown,
    ]


def _letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class _Row:
    """One row's values by field, with where each came from for an error message."""

    def __init__(self, client_file: ClientFile, mapping: Mapping[str, str], index: int) -> None:
        self.number = index + 2
        self._values = client_file.rows[index]
        self._mapping = mapping
        self._headers = client_file.headers

    def get(self, name: str) -> str:
        header = self._mapping.get(name)
        return (self._values.get(header) or "").strip() if header is not None else ""

    def where(self, name: str | None) -> str:
        header = self._mapping.get(name) if name is not None else None
        if header is None:
            return f"row {self.number}"
        return f'row {self.number}, column {_letter(self._headers.index(header))} "{header}"'


# save_patient's and save_coverage's fields, as the columns they come from
_FIELDS = {
    "patient.first_name": "first_name",
    "patient.last_name": "last_name",
    "patient.date_of_birth": "date_of_birth",
    "patient.phone": "phone",
    "patient.email": "email",
    "patient.address.line1": "line1",
    "patient.address.city": "city",
    "patient.address.state": "state",
    "patient.address.zip": "zip",
    "coverage.member_id": "member_id",
    "coverage.payer": "insurance",
}


def _column_of(row: _Row, field_name: str) -> str | None:
    name = _FIELDS.get(field_name)
    if name in ("first_name", "last_name") and name not in row._mapping:
        return "full_name"
    return name


def import_clients(
    store: PracticeStore, client_file: ClientFile, mapping: Mapping[str, str], *, today: date
) -> ImportResult:
    """Add every client of the file (all or nothing); ValidationError naming row and column otherwise."""
    check_columns(mapping)
    existing = {_identity(p.first_name, p.last_name, p.date_of_birth): p for p in store.patients()}
    seen: dict[tuple[str, str, date], int] = {}
    payers = {payer.name.casefold(): payer for payer in store.payers()}
    result = ImportResult()
    with store.transaction():
        for index in range(len(client_file.rows)):
            row = _Row(client_file, mapping, index)
            if not any((v or "").strip() for v in client_file.rows[index].values()):
                continue  # an empty line at the end of the sheet
            patient = _patient(row, today)
            identity = _identity(patient.first_name, patient.last_name, patient.date_of_birth)
            name = listed_name(patient.first_name.strip(), patient.last_name.strip())
            if identity in existing:
                result.duplicates.append(Duplicate(row.number, name, "already in the practice"))
                continue
            if identity in seen:
                result.duplicates.append(Duplicate(row.number, name, f"the same as row {seen[identity]}"))
                continue
            seen[identity] = row.number
            member_id = row.get("member_id")
            payer = _payer(store, row, payers) if member_id else None
            try:
                saved = save_patient(store, patient, today=today)
                if payer is not None:
                    coverage = Coverage(key="", payer=payer.key, member_id=member_id)
                    save_coverage(store, saved.key, coverage, today=today)
            except ValidationError as error:
                raise ValidationError(row.where(_column_of(row, error.field)), error.message) from None
            result.added.append(saved)
    log.info("clients imported added=%d duplicates=%d", len(result.added), len(result.duplicates))
    return result


def _identity(first: str, last: str, born: date) -> tuple[str, str, date]:
    """Who a client is for duplicates: the name folded as patient search folds it ("JOSE GARCIA" is
    "José García"), and the date of birth."""
    return (" ".join(fold(first).split()), " ".join(fold(last).split()), born)


def _patient(row: _Row, today: date) -> Patient:
    if "full_name" in row._mapping and not ("first_name" in row._mapping and "last_name" in row._mapping):
        first, last = split_full_name(row.get("full_name"))
    else:
        first, last = row.get("first_name"), row.get("last_name")
    born_text = row.get("date_of_birth")
    if not born_text:
        raise ValidationError(
            row.where("date_of_birth"), "the date of birth is missing: type it as MM/DD/YYYY"
        )
    try:
        born = typed_date(born_text, today=today, years="past")
    except DateError as error:
        raise ValidationError(
            row.where("date_of_birth"), f'"{_quoted(born_text)}" is not a date: {error}'
        ) from None
    sex_text = row.get("sex")
    sex = _SEX.get(sex_text.casefold()) if sex_text else None
    if sex_text and sex is None:
        raise ValidationError(
            row.where("sex"), f'"{_quoted(sex_text)}" is not a sex: use M or F, or leave it empty'
        )
    address_parts = [row.get(name) for name in ("line1", "city", "state", "zip")]
    address = None
    if any(address_parts) or row.get("line2"):
        line1, city, state, zip_code = address_parts
        state = state_code(state) or state  # "Washington" -> WA; anything else is checked as typed
        address = Address(line1=line1, city=city, state=state, zip=zip_code, line2=row.get("line2") or None)
    return Patient(
        key="",
        first_name=first,
        last_name=last,
        date_of_birth=born,
        sex=sex,
        address=address,
        phone=row.get("phone") or None,
        email=row.get("email") or None,
    )


def _quoted(text: str) -> str:
    """A value quoted in a message, cut short: a cell may hold a page of text."""
    return text if len(text) <= 40 else text[:39] + "…"


def _payer(store: PracticeStore, row: _Row, payers: dict[str, Payer]) -> Payer:
    """The insurance company a member ID is with: the practice's payer of that name, or a new one."""
    name = row.get("insurance")
    if not name:
        raise ValidationError(
            row.where("insurance" if "insurance" in row._mapping else "member_id"),
            "a member ID needs the insurance company's name: add an Insurance column, or clear the ID",
        )
    found = payers.get(name.casefold())
    if found is None:
        found = save_payer(store, Payer(key="", name=name, kind=PayerKind.COMMERCIAL))
        payers[name.casefold()] = found
    return found


def import_client_file(
    workspace: Workspace, client_file: ClientFile, mapping: Mapping[str, str], *, today: date
) -> ImportResult:
    """``import_clients`` into the open practice."""
    return import_clients(workspace.store, client_file, mapping, today=today)
