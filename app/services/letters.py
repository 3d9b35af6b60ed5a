"""HSA/FSA letters of medical necessity: written from a prescription, recorded when signed, and looked up.

A letter is written for the prescriber to sign (app.render.necessity_letter); when the signed copy comes
back, the therapist records the day it was signed and, unless the prescriber wrote otherwise, it runs
out 12 months later. While one is on file, a superbill or statement for HSA/FSA visits says so, and
the needs-attention list says when it has run out or is about to.
"""

from __future__ import annotations

import logging
from datetime import date

from app.domain.dates import months_after, us_date
from app.domain.diagnoses import DiagnosisCodes
from app.domain.errors import ValidationError
from app.domain.letter import VALID_MONTHS, LetterData
from app.domain.practice import PatientChart, PayerKind, Prescription
from app.services.superbills import find_chart
from app.store.records import PracticeStore
from app.store.year_end import NecessityLetter

log = logging.getLogger(__name__)  # counts only

DEFAULT_PROCEDURE = "97124"  # massage therapy, when no visit says which codes are used


def _prescription(chart: PatientChart, key: str | None) -> Prescription:
    if key is not None:
        found = chart.prescription(key)
        if found is None:
            raise ValidationError("--prescription", f'this patient has no prescription with the ID "{key}"')
        return found
    if not chart.prescriptions:
        raise ValidationError(
            "--patient",
            "this patient has no prescription: record the prescriber's prescription (its diagnoses) first",
        )
    return max(chart.prescriptions, key=lambda rx: rx.written_on)


def letter_data(
    store: PracticeStore, codes: DiagnosisCodes, patient: str, *, today: date, prescription: str | None = None
) -> LetterData:
    """What the letter says, from the patient's prescription (the latest, unless named) and visits."""
    chart = find_chart(store, patient)
    rx = _prescription(chart, prescription)
    practitioner = store.practitioner()
    if practitioner is None:
        raise ValidationError("practitioner", "the practice has no provider yet: set up the practice first")
    diagnoses = []
    for code in rx.diagnoses:
        entry = codes.lookup(code, rx.written_on) or codes.lookup(code)
        diagnoses.append((code, entry.description if entry else ""))
    used: dict[str, None] = {}
    for visit in sorted(chart.visits, key=lambda v: v.date):
        if visit.prescription in (rx.key, None):
            for line in visit.lines:
                used.setdefault(line.cpt, None)
    procedures = store.procedures()
    described = [(code, procedures[code].description if code in procedures else "") for code in used]
    if not described:
        described = [(DEFAULT_PROCEDURE, procedures[DEFAULT_PROCEDURE].description)]
    starts = rx.starts_on or rx.written_on
    ends = rx.expires_on if rx.expires_on is not None and rx.expires_on > starts else None
    return LetterData(
        practitioner=practitioner,
        patient=chart.patient,
        account_holder=_account_holder(store, chart),
        prescription=rx,
        diagnoses=tuple(diagnoses),
        procedures=tuple(described),
        starts_on=starts,
        ends_on=ends or months_after(starts, VALID_MONTHS),
        written_on=today,
    )


def _account_holder(store: PracticeStore, chart: PatientChart) -> str:
    kinds = {payer.key: payer.kind for payer in store.payers()}
    for coverage in chart.coverages:
        if kinds.get(coverage.payer) is PayerKind.HSA_FSA and coverage.subscriber is not None:
            return f"{coverage.subscriber.first_name} {coverage.subscriber.last_name}"
    return f"{chart.patient.full_name} (the patient)"


def render_letter(data: LetterData) -> bytes:
    from app.render.necessity_letter import LetterRenderer  # reportlab loads only when a PDF is made

    return LetterRenderer().render(data)


def record_signed_letter(
    store: PracticeStore,
    patient: str,
    signed_on: date,
    *,
    today: date,
    expires_on: date | None = None,
    prescription: str | None = None,
) -> tuple[NecessityLetter, NecessityLetter | None]:
    """Keep the day the signed letter was signed and the day it runs out (12 months later by default).

    Returns it and the letter it replaces: one on file still in force on the day this one was signed.
    From then on the newer letter is the one on file (superbills and statements name the letter signed
    last); the earlier one is kept, not changed. A signing day in the future, before the prescription
    was written or before the patient was born is refused (naming --signed-on).
    """
    chart = find_chart(store, patient)
    rx = _prescription(chart, prescription) if prescription or chart.prescriptions else None
    _check_signed_on(signed_on, today, chart.patient.date_of_birth, rx)
    expires = expires_on or months_after(signed_on, VALID_MONTHS)
    if expires <= signed_on:
        raise ValidationError("--expires-on", "it runs out before it was signed: check both dates")
    replaced = store.necessity_letter_on(chart.patient.key, signed_on)
    letter = NecessityLetter(chart.patient.key, rx.key if rx else None, signed_on, expires)
    store.record_necessity_letter(letter)
    log.info("letter of medical necessity recorded")
    return letter, replaced


def _check_signed_on(signed_on: date, today: date, born: date, rx: Prescription | None) -> None:
    """ValidationError naming --signed-on when the letter cannot have been signed that day."""
    day = us_date(signed_on)
    if signed_on > today:
        raise ValidationError("--signed-on", f"{day} is in the future: give the day it was signed")
    if signed_on < born:
        raise ValidationError(
            "--signed-on",
            f"{day} is before the patient was born ({us_date(born)}): give the day it was signed",
        )
    if rx is not None and signed_on < rx.written_on:
        raise ValidationError(
            "--signed-on",
            f"{day} is before the prescription was written ({us_date(rx.written_on)}): give the day the "
            "letter was signed",
        )
