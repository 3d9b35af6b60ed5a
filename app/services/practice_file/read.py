"""Reading a practice file into a Practice: everything is checked before anything is saved; the
first problem raises a ValidationError whose field is the path in the file, such as
`patients[1].visits[0].lines[2].cpt`. Unknown keys are refused so that a typo never drops data."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Collection
from pathlib import Path

from app.domain import identifiers
from app.domain.addresses import check_zip
from app.domain.characters import terminal_text
from app.domain.diagnoses import DiagnosisCodeError, normalize_icd
from app.domain.emails import check_email
from app.domain.errors import ValidationError
from app.domain.identifiers import validate_payer_id
from app.domain.phones import check_phone
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
from app.domain.units import DEFAULT_UNIT_RULE
from app.services.practice_file import fields
from app.services.practice_file.json_checks import JsonObject, join_path, json_document, key_shown
from app.store.reading import read_file

# The largest practice file read: three times the 168 MB of a practice of 10,000 patients with
# 200,000 visits and 200,000 payments, written as `export` writes it. Reading stops there.
LARGEST_FILE = 500_000_000


def read_practice_file(path: Path, *, known_payers: Collection[str] = ()) -> Practice:
    """Read and check a practice file; raises ValidationError naming the field of the first problem.

    `known_payers`: the ids of the payers already in the practice it is imported into, which its
    patients' coverages may name without listing them again."""
    try:
        document = json_document(path, LARGEST_FILE)
    except ValidationError as error:
        # The field is the file's name, or a path in the file with its keys: one printable line.
        raise ValidationError(terminal_text(error.field, 1000), terminal_text(error.message, 300)) from None
    return practice_from_json(document, folder=path.parent, known_payers=known_payers)


def practice_from_json(
    document: object, *, folder: Path | None = None, known_payers: Collection[str] = ()
) -> Practice:
    """`folder` is where the practice file lies: a `signature_file` is named relative to it;
    `known_payers` as for read_practice_file."""
    try:
        return _PracticeReader(folder, known_payers).practice(document)
    except ValidationError as error:
        # The field and message quote what the file holds (an unknown key, a bad code): keep them one
        # printable line of sensible length, whatever the file holds.
        raise ValidationError(terminal_text(error.field, 1000), terminal_text(error.message, 300)) from None


class _PracticeReader:
    def __init__(self, folder: Path | None = None, known_payers: Collection[str] = ()) -> None:
        self._known_payers = frozenset(known_payers)
        self._keys: dict[str, str] = {}  # "patient:pt-1" -> path where first seen
        self._folder = folder

    def practice(self, document: object) -> Practice:
        root = JsonObject(document, "", fields.DOCUMENT)
        if root.value.get("format") != fields.FORMAT:
            raise ValidationError(
                "format", f'must be "{fields.FORMAT}" (this file says {root.value.get("format")!r})'
            )
        practitioner_obj = root.child("practitioner", fields.PRACTITIONER)
        practitioner = self.practitioner(practitioner_obj) if practitioner_obj else None
        payers = tuple(self.payer(item, path) for item, path in root.items("payers"))
        payer_keys = {payer.key for payer in payers}
        charts = tuple(self.chart(item, path, payer_keys) for item, path in root.items("patients"))
        return Practice(practitioner=practitioner, fees=self.fees(root), payers=payers, charts=charts)

    def fees(self, root: JsonObject) -> FeeSchedule:
        fees = root.value.get("fees")
        if fees is None:
            return FeeSchedule()
        if not isinstance(fees, dict):
            raise ValidationError("fees", 'must be an object such as {"97124": "45.00"}')
        table = JsonObject(fees, "fees", set(fees))
        default: dict[str, int] = {}
        for code in fees:
            if not is_procedure_code(code):
                raise ValidationError(
                    join_path("fees", key_shown(code)), "is not a CPT or HCPCS code (five characters)"
                )
            cents = table.cents(code)
            if cents is not None:
                default[code] = cents
        return FeeSchedule(default=default)

    def address(self, obj: JsonObject, key: str = "address") -> Address | None:
        child = obj.child(key, fields.ADDRESS)
        if child is None:
            return None
        return Address(
            line1=child.text("line1"),
            line2=child.optional_text("line2"),
            city=child.text("city"),
            state=identifiers.validate_state(child.optional_text("state"), field=child.at("state")),
            zip=check_zip(child.text("zip"), field=child.at("zip")),
        )

    def practitioner(self, obj: JsonObject) -> Practitioner:
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
                organization_npi, field=obj.at("organization_npi"), label=identifiers.ORGANIZATION_NPI
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
            phone=check_phone(obj.optional_text("phone"), field=obj.at("phone"), required=True) or "",
            email=check_email(obj.optional_text("email"), field=obj.at("email")),
            default_place_of_service=_place_of_service(obj) or "11",
            signature_png=self.signature(obj),
        )

    def signature(self, obj: JsonObject) -> bytes | None:
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
        obj = JsonObject(item, path, fields.PAYER)
        return Payer(
            key=self.key(obj, "payer"),
            name=obj.text("name"),
            kind=obj.choice("kind", PayerKind),
            address=self.address(obj),
            phone=check_phone(obj.optional_text("phone"), field=obj.at("phone")),
            unit_rule=obj.choice("unit_rule", UnitRule, DEFAULT_UNIT_RULE),
            filing_limit_days=obj.whole_number("filing_limit_days", minimum=1),
            payer_id=validate_payer_id(obj.optional_text("payer_id"), field=obj.at("payer_id")),
        )

    def chart(self, item: object, path: str, payer_keys: set[str]) -> PatientChart:
        obj = JsonObject(item, path, fields.PATIENT)
        patient = Patient(
            key=self.key(obj, "patient"),
            first_name=obj.text("first_name"),
            last_name=obj.text("last_name"),
            date_of_birth=obj.day("date_of_birth"),
            sex=obj.optional_text("sex"),
            address=self.address(obj),
            phone=check_phone(obj.optional_text("phone"), field=obj.at("phone")),
            email=check_email(obj.optional_text("email"), field=obj.at("email")),
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
        obj = JsonObject(item, path, fields.COVERAGE)
        payer = obj.text("payer")
        if payer not in payer_keys and payer not in self._known_payers:
            where = "in this file or in the practice" if self._known_payers else "in this file"
            raise ValidationError(obj.at("payer"), f'"{payer}" is not the id of a payer {where}')
        subscriber_obj = obj.child("subscriber", fields.SUBSCRIBER)
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
        obj = JsonObject(item, path, fields.PRESCRIPTION)
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
            diagnoses=_diagnoses(obj, "a prescription"),
            notes=obj.optional_text("notes"),
        )

    def visit(
        self, item: object, path: str, coverages: set[str], prescriptions: set[str], scope: str
    ) -> Visit:
        obj = JsonObject(item, path, fields.VISIT)
        coverage = obj.optional_text("coverage")
        if coverage is not None and coverage not in coverages:
            raise ValidationError(obj.at("coverage"), f'"{coverage}" is not one of this patient\'s coverages')
        prescription = obj.optional_text("prescription")
        if prescription is not None and prescription not in prescriptions:
            raise ValidationError(
                obj.at("prescription"), f'"{prescription}" is not one of this patient\'s prescriptions'
            )
        diagnoses = _diagnoses(obj, "a visit")
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
        obj = JsonObject(item, path, fields.LINE)
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
        obj = JsonObject(item, path, fields.PAYMENT)
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

    def key(self, obj: JsonObject, kind: str, scope: str = "") -> str:
        """The record's id; payer and patient ids are unique in the file, the rest within their patient."""
        key = obj.text("id")
        seen = self._keys.setdefault(f"{scope}/{kind}:{key}", obj.at("id"))
        if seen != obj.at("id"):
            raise ValidationError(obj.at("id"), f'"{key}" is already used by {seen.removesuffix(".id")}')
        return key


def _diagnoses(obj: JsonObject, record: str) -> tuple[str, ...]:
    """The ICD-10-CM codes of a visit or a prescription (`record` names it in a refusal): each a code,
    none twice, at most as many as a superbill has diagnosis letters."""
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
        raise ValidationError(
            obj.at("diagnoses"),
            f"{record} takes at most twelve diagnoses (A to L, the superbill's diagnosis letters)",
        )
    return tuple(codes)


def _place_of_service(obj: JsonObject, key: str = "default_place_of_service") -> str | None:
    code = obj.optional_text(key)
    if code is not None and code not in PLACES_OF_SERVICE:
        known = ", ".join(f"{c} {name.lower()}" for c, name in PLACES_OF_SERVICE.items())
        raise ValidationError(obj.at(key), f'"{code}" is not a place of service code we know ({known})')
    return code
