"""The practice file (format "superbill/1"): read it into a Practice, write a Practice out.

Reading checks everything before anything is saved: the first problem raises a
ValidationError whose field is the path in the file, such as
`patients[1].visits[0].lines[2].cpt`. Unknown keys are refused so that a typo
never drops data silently.
"""

from __future__ import annotations

import base64
import binascii
import json
import unicodedata
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from app.domain import identifiers
from app.domain.characters import terminal_text
from app.domain.dates import DateError, parse_date
from app.domain.diagnoses import DiagnosisCodeError, normalize_icd
from app.domain.errors import ValidationError
from app.domain.money import MoneyError, format_dollars, parse_dollars
from app.domain.practice import (
    Address,
    Coverage,
    FeeSchedule,
    Patient,
    PatientChart,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    Practice,
    Practitioner,
    Prescription,
    Relationship,
    ServiceLine,
    Subscriber,
    TaxIdType,
    UnitRule,
    Visit,
)
from app.domain.procedures import PLACES_OF_SERVICE, is_modifier, is_procedure_code
from app.domain.signature import LARGEST_SIGNATURE, check_signature_png
from app.domain.superbill import POINTER_LETTERS
from app.domain.text_limits import text_limit
from app.services.files import write_file
from app.store.reading import read_file

FORMAT = "superbill/1"

Json = dict[str, Any]
E = TypeVar("E", bound=StrEnum)


# The largest practice file read: three times the 168 MB of a practice of 10,000 patients with
# 200,000 visits and 200,000 payments, written as `export` writes it. Reading stops there.
LARGEST_FILE = 500_000_000


def read_practice_file(path: Path) -> Practice:
    """Read and check a practice file; raises ValidationError naming the field of the first problem."""
    try:
        document = _json_document(path)
    except ValidationError as error:
        # The field is the file's name, or a path in the file with its keys: one printable line.
        raise ValidationError(terminal_text(error.field, 1000), terminal_text(error.message, 300)) from None
    return practice_from_json(document, folder=path.parent)


def _json_document(path: Path) -> object:
    raw = read_file(path, LARGEST_FILE, "a practice file")
    try:
        text = raw.decode("utf-8-sig")
        del raw
        objects = _ObjectsChecked()
        document = json.loads(text, object_pairs_hook=objects)
    except UnicodeDecodeError:
        raise ValidationError(str(path), "is not UTF-8 text; save it as UTF-8 and try again") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            str(path), f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        # json raises this, not a JSONDecodeError, for lists or objects nested about a thousand deep
        raise ValidationError(
            str(path), "is not a practice file: it nests lists or objects too deeply"
        ) from None
    except ValueError as error:
        # a number with more than 4300 digits ("Exceeds the limit ... for integer string conversion")
        raise ValidationError(str(path), f"is not a practice file: {error}") from None
    if objects.repeated:
        try:
            _raise_first_repeated_key(document, "", str(path))
        except RecursionError:
            raise ValidationError(
                str(path), "is not a practice file: it nests lists or objects too deeply"
            ) from None
    return document


class _RepeatedKey(dict[str, object]):
    """An object in which a key appears twice: json alone would keep the last value, dropping the first."""

    def __init__(self, pairs: list[tuple[str, object]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


class _ObjectsChecked:
    """json's object_pairs_hook: marks each object with a repeated key, whose path is known only later."""

    def __init__(self) -> None:
        self.repeated = False

    def __call__(self, pairs: list[tuple[str, object]]) -> dict[str, object]:
        document = dict(pairs)
        if len(document) == len(pairs):
            return document
        self.repeated = True
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                return _RepeatedKey(pairs, key)
            seen.add(key)
        raise AssertionError("unreachable: fewer keys than pairs means a key repeats")


def _raise_first_repeated_key(value: object, path: str, file: str) -> None:
    """Raise ValidationError for the first object, in the file's order, in which a key appears twice.

    The error names the object's path, or the file for the document itself."""
    if isinstance(value, _RepeatedKey):
        raise ValidationError(path or file, f'the key "{value.key}" appears twice: keep one of them')
    if isinstance(value, dict):
        for key, item in value.items():
            _raise_first_repeated_key(item, _join(path, _key_shown(key)), file)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _raise_first_repeated_key(item, f"{path}[{index}]", file)


def practice_from_json(document: object, *, folder: Path | None = None) -> Practice:
    """`folder` is where the practice file lies: a `signature_file` is named relative to it."""
    try:
        return _PracticeReader(folder).practice(document)
    except ValidationError as error:
        # The field and message quote what the file holds (an unknown key, a bad code): keep them one
        # printable line of sensible length, whatever the file holds.
        raise ValidationError(terminal_text(error.field, 1000), terminal_text(error.message, 300)) from None


# Counts (minutes, units, visits, days) above this are typing errors; SQLite's integers end at 2**63.
_LARGEST_COUNT = 99_999


def _check_unicode(text: str, path: str) -> None:
    """Refuse lone surrogates: JSON's \\ud800 escape makes them, UTF-8 and SQLite cannot hold them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            path,
            f"holds a character that is not valid Unicode (position {error.start + 1}, a lone surrogate)",
        ) from None


class _Obj:
    """A JSON object being read, with its path, refusing keys nobody asked for."""

    def __init__(self, value: object, path: str, allowed: set[str]) -> None:
        if not isinstance(value, dict):
            raise ValidationError(path or "file", "must be an object ({...})")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise ValidationError(
                _join(path, _key_shown(unknown[0])),
                "is not a field of the practice file (check the spelling)",
            )
        self.value: Mapping[str, object] = value
        self.path = path

    def at(self, key: str) -> str:
        return _join(self.path, key)

    def text(self, key: str) -> str:
        value = self.optional_text(key)
        if value is None:
            raise ValidationError(self.at(key), "is required")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(self.at(key), "must be text")
        _check_unicode(value, self.at(key))
        # Kept exactly as written, apart from surrounding spaces and Unicode normal form.
        cleaned = unicodedata.normalize("NFC", value.strip())
        limit = text_limit(key)
        if len(cleaned) > limit:
            raise ValidationError(
                self.at(key), f"is {len(cleaned)} characters long; at most {limit} are kept and printed"
            )
        return cleaned or None

    def day(self, key: str) -> date:
        value = self.optional_day(key)
        if value is None:
            raise ValidationError(self.at(key), "is required (a date such as 2026-09-09)")
        return value

    def optional_day(self, key: str) -> date | None:
        text = self.optional_text(key)
        if text is None:
            return None
        try:
            return parse_date(text)
        except DateError as error:
            raise ValidationError(self.at(key), str(error)) from None

    def whole_number(self, key: str, *, minimum: int = 0, maximum: int = _LARGEST_COUNT) -> int | None:
        value = self.value.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(self.at(key), "must be a whole number")
        if value < minimum:
            raise ValidationError(self.at(key), f"must be {minimum} or more")
        if value > maximum:
            raise ValidationError(self.at(key), f"must be {maximum} or less")
        return value

    def cents(self, key: str) -> int | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValidationError(self.at(key), 'must be a dollar amount written as text, such as "45.00"')
        try:
            cents = parse_dollars(value)
        except MoneyError as error:
            raise ValidationError(self.at(key), str(error)) from None
        if cents < 0:
            raise ValidationError(self.at(key), "cannot be negative")
        return cents

    def choice(self, key: str, kind: type[E], default: E | None = None) -> E:
        text = self.optional_text(key)
        if text is None:
            if default is None:
                raise ValidationError(self.at(key), f"is required: one of {_choices(kind)}")
            return default
        try:
            return kind(text)
        except ValueError:
            raise ValidationError(self.at(key), f'"{text}" is not one of {_choices(kind)}') from None

    def items(self, key: str, *, required: bool = False) -> list[tuple[object, str]]:
        value = self.value.get(key)
        if value is None:
            if required:
                raise ValidationError(self.at(key), "is required (a list)")
            return []
        if not isinstance(value, list):
            raise ValidationError(self.at(key), "must be a list ([...])")
        return [(item, f"{self.at(key)}[{index}]") for index, item in enumerate(value)]

    def texts(self, key: str, *, required: bool = False) -> list[tuple[str, str]]:
        result = []
        for item, path in self.items(key, required=required):
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(path, "must be non-empty text")
            _check_unicode(item, path)
            result.append((item.strip(), path))
        return result

    def child(self, key: str, allowed: set[str]) -> _Obj | None:
        value = self.value.get(key)
        return None if value is None else _Obj(value, self.at(key), allowed)


_ADDRESS = {"line1", "line2", "city", "state", "zip"}
_PRACTITIONER = {
    "first_name", "last_name", "credentials", "practice_name", "npi", "organization_npi", "tax_id",
    "tax_id_type", "license_number", "license_state", "taxonomy", "address", "phone", "email",
    "default_place_of_service", "signature_png", "signature_file",
}  # fmt: skip
_PAYER = {"id", "name", "kind", "address", "phone", "unit_rule", "filing_limit_days", "payer_id"}
_PATIENT = {
    "id", "first_name", "last_name", "date_of_birth", "sex", "address", "phone", "email",
    "coverages", "prescriptions", "visits", "payments",
}  # fmt: skip
_COVERAGE = {
    "id", "payer", "member_id", "group_number", "relationship", "subscriber", "claim_number",
    "injury_date", "employer", "accident_state", "adjuster", "authorization_number", "annual_visit_limit",
}  # fmt: skip
_SUBSCRIBER = {"first_name", "last_name", "date_of_birth"}
_PRESCRIPTION = {
    "id", "prescriber_name", "prescriber_credentials", "prescriber_npi", "written_on", "starts_on",
    "expires_on", "authorized_visits", "frequency", "body_areas", "diagnoses", "notes",
}  # fmt: skip
_VISIT = {"id", "date", "place_of_service", "coverage", "prescription", "diagnoses", "lines"}
_LINE = {"cpt", "minutes", "units", "unit_reason", "modifiers", "pointers", "body_region", "fee"}
_PAYMENT = {"id", "date", "amount", "method", "reference"}
_DOCUMENT = {"format", "practitioner", "fees", "payers", "patients"}

# Every key the importer takes, by record, as docs/practice-file.md names the records ("fees" is a
# table of any CPT codes); tests/services/test_practice_file_doc.py checks the document lists them all.
FIELDS: dict[str, frozenset[str]] = {
    "document": frozenset(_DOCUMENT),
    "practitioner": frozenset(_PRACTITIONER),
    "address": frozenset(_ADDRESS),
    "payers": frozenset(_PAYER),
    "patients": frozenset(_PATIENT),
    "coverages": frozenset(_COVERAGE),
    "subscriber": frozenset(_SUBSCRIBER),
    "prescriptions": frozenset(_PRESCRIPTION),
    "visits": frozenset(_VISIT),
    "lines": frozenset(_LINE),
    "payments": frozenset(_PAYMENT),
}


class _PracticeReader:
    def __init__(self, folder: Path | None = None) -> None:
        self._keys: dict[str, str] = {}  # "patient:pt-1" -> path where first seen
        self._folder = folder

    def practice(self, document: object) -> Practice:
        root = _Obj(document, "", _DOCUMENT)
        if root.value.get("format") != FORMAT:
            raise ValidationError(
                "format", f'must be "{FORMAT}" (this file says {root.value.get("format")!r})'
            )
        practitioner_obj = root.child("practitioner", _PRACTITIONER)
        practitioner = self.practitioner(practitioner_obj) if practitioner_obj else None
        payers = tuple(self.payer(item, path) for item, path in root.items("payers"))
        payer_keys = {payer.key for payer in payers}
        charts = tuple(self.chart(item, path, payer_keys) for item, path in root.items("patients"))
        return Practice(practitioner=practitioner, fees=self.fees(root), payers=payers, charts=charts)

    def fees(self, root: _Obj) -> FeeSchedule:
        fees = root.value.get("fees")
        if fees is None:
            return FeeSchedule()
        if not isinstance(fees, dict):
            raise ValidationError("fees", 'must be an object such as {"97124": "45.00"}')
        table = _Obj(fees, "fees", set(fees))
        default: dict[str, int] = {}
        for code in fees:
            if not is_procedure_code(code):
                raise ValidationError(
                    _join("fees", _key_shown(code)), "is not a CPT or HCPCS code (five characters)"
                )
            cents = table.cents(code)
            if cents is not None:
                default[code] = cents
        return FeeSchedule(default=default)

    def address(self, obj: _Obj, key: str = "address") -> Address | None:
        child = obj.child(key, _ADDRESS)
        if child is None:
            return None
        return Address(
            line1=child.text("line1"),
            line2=child.optional_text("line2"),
            city=child.text("city"),
            state=identifiers.validate_state(child.optional_text("state"), field=child.at("state")),
            zip=_zip(child),
        )

    def practitioner(self, obj: _Obj) -> Practitioner:
        tax_id_type = obj.choice("tax_id_type", TaxIdType, TaxIdType.EIN)
        address = self.address(obj)
        if address is None:
            raise ValidationError(obj.at("address"), "is required: it is printed on every superbill")
        organization_npi = obj.optional_text("organization_npi")
        taxonomy = obj.optional_text("taxonomy")
        return Practitioner(
            first_name=obj.text("first_name"),
            last_name=obj.text("last_name"),
            credentials=obj.text("credentials"),
            practice_name=obj.optional_text("practice_name"),
            npi=identifiers.validate_npi(obj.optional_text("npi"), field=obj.at("npi")),
            organization_npi=identifiers.validate_npi(
                organization_npi, field=obj.at("organization_npi"), label="Organization NPI"
            )
            if organization_npi
            else None,
            tax_id=identifiers.validate_tax_id(
                obj.optional_text("tax_id"), tax_id_type, field=obj.at("tax_id")
            ),
            tax_id_type=tax_id_type,
            license_number=identifiers.validate_license_number(
                obj.optional_text("license_number"), field=obj.at("license_number")
            ),
            license_state=identifiers.validate_state(
                obj.optional_text("license_state"), field=obj.at("license_state"), label="License state"
            ),
            taxonomy=identifiers.validate_taxonomy(taxonomy, field=obj.at("taxonomy")) if taxonomy else None,
            address=address,
            phone=obj.text("phone"),
            email=obj.optional_text("email"),
            default_place_of_service=_place_of_service(obj) or "11",
            signature_png=self.signature(obj),
        )

    def signature(self, obj: _Obj) -> bytes | None:
        """The signature image: `signature_png` (the PNG in base64) or `signature_file` (a PNG file
        named relative to the practice file), not both."""
        encoded, named = obj.optional_text("signature_png"), obj.optional_text("signature_file")
        if encoded is not None and named is not None:
            raise ValidationError(obj.at("signature_file"), "give signature_png or signature_file, not both")
        if encoded is not None:
            try:
                png = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                raise ValidationError(obj.at("signature_png"), "must be a PNG image in base64") from None
            return check_signature_png(png, field=obj.at("signature_png"))
        if named is None:
            return None
        if self._folder is None:
            raise ValidationError(obj.at("signature_file"), "is only read from a practice file on disk")
        path = self._folder / named
        png = read_file(path, LARGEST_SIGNATURE, "a signature image")
        return check_signature_png(png, field=f"{obj.at('signature_file')} ({path})")

    def payer(self, item: object, path: str) -> Payer:
        obj = _Obj(item, path, _PAYER)
        return Payer(
            key=self.key(obj, "payer"),
            name=obj.text("name"),
            kind=obj.choice("kind", PayerKind),
            address=self.address(obj),
            phone=obj.optional_text("phone"),
            unit_rule=obj.choice("unit_rule", UnitRule, UnitRule.CMS_8_MINUTE),
            filing_limit_days=obj.whole_number("filing_limit_days", minimum=1),
            payer_id=identifiers.validate_payer_id(obj.optional_text("payer_id"), field=obj.at("payer_id")),
        )

    def chart(self, item: object, path: str, payer_keys: set[str]) -> PatientChart:
        obj = _Obj(item, path, _PATIENT)
        patient = Patient(
            key=self.key(obj, "patient"),
            first_name=obj.text("first_name"),
            last_name=obj.text("last_name"),
            date_of_birth=obj.day("date_of_birth"),
            sex=obj.optional_text("sex"),
            address=self.address(obj),
            phone=obj.optional_text("phone"),
            email=obj.optional_text("email"),
        )
        scope = patient.key
        coverages = tuple(self.coverage(c, p, payer_keys, scope) for c, p in obj.items("coverages"))
        prescriptions = tuple(self.prescription(r, p, scope) for r, p in obj.items("prescriptions"))
        coverage_keys = {c.key for c in coverages}
        prescription_keys = {r.key for r in prescriptions}
        visits = tuple(
            self.visit(v, p, coverage_keys, prescription_keys, scope) for v, p in obj.items("visits")
        )
        payments = tuple(self.payment(m, p, scope) for m, p in obj.items("payments"))
        return PatientChart(patient, coverages, prescriptions, visits, payments)

    def coverage(self, item: object, path: str, payer_keys: set[str], scope: str) -> Coverage:
        obj = _Obj(item, path, _COVERAGE)
        payer = obj.text("payer")
        if payer not in payer_keys:
            raise ValidationError(obj.at("payer"), f'"{payer}" is not the id of a payer in this file')
        subscriber_obj = obj.child("subscriber", _SUBSCRIBER)
        subscriber = (
            Subscriber(
                subscriber_obj.text("first_name"),
                subscriber_obj.text("last_name"),
                subscriber_obj.day("date_of_birth"),
            )
            if subscriber_obj
            else None
        )
        return Coverage(
            key=self.key(obj, "coverage", scope),
            payer=payer,
            relationship=obj.choice("relationship", Relationship, Relationship.SELF),
            member_id=obj.optional_text("member_id"),
            group_number=obj.optional_text("group_number"),
            subscriber=subscriber,
            claim_number=obj.optional_text("claim_number"),
            injury_date=obj.optional_day("injury_date"),
            employer=obj.optional_text("employer"),
            accident_state=identifiers.validate_state(accident_state, field=obj.at("accident_state"))
            if (accident_state := obj.optional_text("accident_state"))
            else None,
            adjuster=obj.optional_text("adjuster"),
            authorization_number=obj.optional_text("authorization_number"),
            annual_visit_limit=obj.whole_number("annual_visit_limit", minimum=1),
        )

    def prescription(self, item: object, path: str, scope: str) -> Prescription:
        obj = _Obj(item, path, _PRESCRIPTION)
        npi = obj.optional_text("prescriber_npi")
        written_on = obj.day("written_on")
        starts_on = obj.optional_day("starts_on")
        expires_on = obj.optional_day("expires_on")
        if expires_on and expires_on < (starts_on or written_on):
            raise ValidationError(obj.at("expires_on"), "is before the prescription starts")
        return Prescription(
            key=self.key(obj, "prescription", scope),
            prescriber_name=obj.text("prescriber_name"),
            prescriber_credentials=obj.optional_text("prescriber_credentials"),
            prescriber_npi=identifiers.validate_npi(
                npi, field=obj.at("prescriber_npi"), label="Prescriber NPI"
            )
            if npi
            else None,
            written_on=written_on,
            starts_on=starts_on,
            expires_on=expires_on,
            authorized_visits=obj.whole_number("authorized_visits", minimum=1),
            frequency=obj.optional_text("frequency"),
            body_areas=obj.optional_text("body_areas"),
            diagnoses=_diagnoses(obj),
            notes=obj.optional_text("notes"),
        )

    def visit(
        self, item: object, path: str, coverages: set[str], prescriptions: set[str], scope: str
    ) -> Visit:
        obj = _Obj(item, path, _VISIT)
        coverage = obj.optional_text("coverage")
        if coverage is not None and coverage not in coverages:
            raise ValidationError(obj.at("coverage"), f'"{coverage}" is not one of this patient\'s coverages')
        prescription = obj.optional_text("prescription")
        if prescription is not None and prescription not in prescriptions:
            raise ValidationError(
                obj.at("prescription"), f'"{prescription}" is not one of this patient\'s prescriptions'
            )
        diagnoses = _diagnoses(obj)
        lines = tuple(self.line(line, p, len(diagnoses)) for line, p in obj.items("lines", required=True))
        return Visit(
            key=self.key(obj, "visit", scope),
            date=obj.day("date"),
            diagnoses=diagnoses,
            lines=lines,
            place_of_service=_place_of_service(obj, "place_of_service"),
            coverage=coverage,
            prescription=prescription,
        )

    def line(self, item: object, path: str, diagnosis_count: int) -> ServiceLine:
        obj = _Obj(item, path, _LINE)
        cpt = obj.text("cpt").upper()
        if not is_procedure_code(cpt):
            raise ValidationError(obj.at("cpt"), f'"{cpt}" is not a CPT or HCPCS code (five characters)')
        modifiers = []
        for text, modifier_path in obj.texts("modifiers"):
            if not is_modifier(text.upper()):
                raise ValidationError(modifier_path, f'"{text}" is not a modifier (two letters or digits)')
            modifiers.append(text.upper())
        if len(modifiers) > 4:
            raise ValidationError(obj.at("modifiers"), "a line takes at most four modifiers")
        pointers = []
        for text, pointer_path in obj.texts("pointers", required=True):
            letter = text.upper()
            if letter not in POINTER_LETTERS[:diagnosis_count]:
                raise ValidationError(
                    pointer_path,
                    f'"{text}" does not point to one of the visit\'s {diagnosis_count} diagnoses',
                )
            pointers.append(letter)
        if not pointers:
            raise ValidationError(obj.at("pointers"), "needs at least one diagnosis letter")
        return ServiceLine(
            cpt=cpt,
            pointers=tuple(pointers),
            minutes=obj.whole_number("minutes"),
            units=obj.whole_number("units"),
            unit_reason=obj.optional_text("unit_reason"),
            modifiers=tuple(modifiers),
            body_region=obj.optional_text("body_region"),
            fee=obj.cents("fee"),
        )

    def payment(self, item: object, path: str, scope: str) -> Payment:
        obj = _Obj(item, path, _PAYMENT)
        amount = obj.cents("amount")
        if amount is None:
            raise ValidationError(obj.at("amount"), 'is required (dollars as text, such as "45.00")')
        return Payment(
            key=self.key(obj, "payment", scope),
            date=obj.day("date"),
            amount=amount,
            method=obj.choice("method", PaymentMethod),
            reference=obj.optional_text("reference"),
        )

    def key(self, obj: _Obj, kind: str, scope: str = "") -> str:
        """The record's id; payer and patient ids are unique in the file, the rest within their patient."""
        key = obj.text("id")
        seen = self._keys.setdefault(f"{scope}/{kind}:{key}", obj.at("id"))
        if seen != obj.at("id"):
            raise ValidationError(obj.at("id"), f'"{key}" is already used by {seen.removesuffix(".id")}')
        return key


def _diagnoses(obj: _Obj) -> tuple[str, ...]:
    codes: list[str] = []
    for text, path in obj.texts("diagnoses"):
        try:
            code = normalize_icd(text)
        except DiagnosisCodeError as error:
            raise ValidationError(path, str(error)) from None
        if code in codes:
            raise ValidationError(path, f"{code} is listed twice")
        codes.append(code)
    if len(codes) > len(POINTER_LETTERS):
        raise ValidationError(obj.at("diagnoses"), "a visit takes at most twelve diagnoses (A to L)")
    return tuple(codes)


def _place_of_service(obj: _Obj, key: str = "default_place_of_service") -> str | None:
    code = obj.optional_text(key)
    if code is not None and code not in PLACES_OF_SERVICE:
        known = ", ".join(f"{c} {name.lower()}" for c, name in PLACES_OF_SERVICE.items())
        raise ValidationError(obj.at(key), f'"{code}" is not a place of service code we know ({known})')
    return code


def _zip(obj: _Obj) -> str:
    text = obj.text("zip")
    digits = text.replace("-", "")
    if not digits.isdigit() or len(digits) not in (5, 9):
        raise ValidationError(obj.at("zip"), f'"{text}" is not a ZIP code (12345 or 12345-6789)')
    return text


def _choices(kind: type[StrEnum]) -> str:
    return ", ".join(f'"{member.value}"' for member in kind)


def _key_shown(key: str) -> str:
    """A key as a field names it; an empty key or one with spaces around it quoted, so it can be seen."""
    return key if key and key == key.strip() else json.dumps(key, ensure_ascii=False)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# Writing -------------------------------------------------------------------------------------------


def practice_to_json(practice: Practice) -> Json:
    """The practice as a practice-file document; reading it back gives the same Practice."""
    document: Json = {"format": FORMAT}
    if practice.practitioner is not None:
        document["practitioner"] = _practitioner_json(practice.practitioner)
    if practice.fees.default:
        document["fees"] = {code: format_dollars(c) for code, c in sorted(practice.fees.default.items())}
    document["payers"] = [_payer_json(payer) for payer in practice.payers]
    document["patients"] = [_chart_json(chart) for chart in practice.charts]
    return document


def write_practice_file(practice: Practice, path: Path) -> None:
    text = json.dumps(practice_to_json(practice), ensure_ascii=False, indent=2) + "\n"
    write_file(path, text.encode("utf-8"))  # a reader never sees half a file


def _practitioner_json(p: Practitioner) -> Json:
    return _compact(
        {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "credentials": p.credentials,
            "practice_name": p.practice_name,
            "npi": p.npi,
            "organization_npi": p.organization_npi,
            "tax_id": p.tax_id,
            "tax_id_type": p.tax_id_type.value,
            "license_number": p.license_number,
            "license_state": p.license_state,
            "taxonomy": p.taxonomy,
            "address": _address_json(p.address),
            "phone": p.phone,
            "email": p.email,
            "default_place_of_service": p.default_place_of_service,
            # in the file itself, so that the file alone restores the practice
            "signature_png": base64.b64encode(p.signature_png).decode("ascii") if p.signature_png else None,
        }
    )


def _payer_json(p: Payer) -> Json:
    return _compact(
        {
            "id": p.key,
            "name": p.name,
            "kind": p.kind.value,
            "address": _address_json(p.address),
            "phone": p.phone,
            "unit_rule": p.unit_rule.value,
            "filing_limit_days": p.filing_limit_days,
            "payer_id": p.payer_id,
        }
    )


def _chart_json(chart: PatientChart) -> Json:
    p = chart.patient
    return _compact(
        {
            "id": p.key,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "date_of_birth": p.date_of_birth.isoformat(),
            "sex": p.sex,
            "address": _address_json(p.address),
            "phone": p.phone,
            "email": p.email,
            "coverages": [_coverage_json(c) for c in chart.coverages],
            "prescriptions": [_prescription_json(r) for r in chart.prescriptions],
            "visits": [_visit_json(v) for v in chart.visits],
            "payments": [_payment_json(m) for m in chart.payments],
        }
    )


def _coverage_json(c: Coverage) -> Json:
    subscriber = c.subscriber
    return _compact(
        {
            "id": c.key,
            "payer": c.payer,
            "member_id": c.member_id,
            "group_number": c.group_number,
            "relationship": c.relationship.value,
            "subscriber": {
                "first_name": subscriber.first_name,
                "last_name": subscriber.last_name,
                "date_of_birth": subscriber.date_of_birth.isoformat(),
            }
            if subscriber
            else None,
            "claim_number": c.claim_number,
            "injury_date": _iso(c.injury_date),
            "employer": c.employer,
            "accident_state": c.accident_state,
            "adjuster": c.adjuster,
            "authorization_number": c.authorization_number,
            "annual_visit_limit": c.annual_visit_limit,
        }
    )


def _prescription_json(r: Prescription) -> Json:
    return _compact(
        {
            "id": r.key,
            "prescriber_name": r.prescriber_name,
            "prescriber_credentials": r.prescriber_credentials,
            "prescriber_npi": r.prescriber_npi,
            "written_on": r.written_on.isoformat(),
            "starts_on": _iso(r.starts_on),
            "expires_on": _iso(r.expires_on),
            "authorized_visits": r.authorized_visits,
            "frequency": r.frequency,
            "body_areas": r.body_areas,
            "diagnoses": list(r.diagnoses),
            "notes": r.notes,
        }
    )


def _visit_json(v: Visit) -> Json:
    return _compact(
        {
            "id": v.key,
            "date": v.date.isoformat(),
            "place_of_service": v.place_of_service,
            "coverage": v.coverage,
            "prescription": v.prescription,
            "diagnoses": list(v.diagnoses),
            "lines": [_line_json(line) for line in v.lines],
        }
    )


def _line_json(line: ServiceLine) -> Json:
    return _compact(
        {
            "cpt": line.cpt,
            "minutes": line.minutes,
            "units": line.units,
            "unit_reason": line.unit_reason,
            "modifiers": list(line.modifiers) or None,
            "pointers": list(line.pointers),
            "body_region": line.body_region,
            "fee": format_dollars(line.fee) if line.fee is not None else None,
        }
    )


def _payment_json(m: Payment) -> Json:
    return _compact(
        {
            "id": m.key,
            "date": m.date.isoformat(),
            "amount": format_dollars(m.amount),
            "method": m.method.value,
            "reference": m.reference,
        }
    )


def _address_json(a: Address | None) -> Json | None:
    if a is None:
        return None
    return _compact({"line1": a.line1, "line2": a.line2, "city": a.city, "state": a.state, "zip": a.zip})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _compact(values: Json) -> Json:
    return {key: value for key, value in values.items() if value is not None}
