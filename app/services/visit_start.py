"""What a new visit starts with, so the therapist changes what differs instead of typing it all again.

- After an earlier visit: a copy of the patient's last visit (the latest date of service) dated the new day,
  with its place of service, diagnoses in the same order, and services with their minutes, modifiers, body
  regions and diagnosis letters. Not copied: payments, units counted by hand with their reason, and a fee
  typed for that one visit (those were about that session: the unit rule and the fee schedule decide again).
  When the prescription in force on the new day is another one than the last visit's, and it names codes,
  the diagnoses are that prescription's codes (a new prescription is a new diagnosis) and each service
  keeps pointing to the codes that are still there (else to the first ones).
- A first visit: the prescription's codes as diagnoses A, B, C... and one service, the practice's usual
  first service (97124 when the fee schedule prices it, else the only code it prices), for the body areas
  the prescription names, with the minutes left for the therapist. No prescription: an empty visit.

The insurance and prescription themselves are chosen by `VisitSetting.default_coverage` and
`default_prescription`; nothing here reads or writes the store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.domain.dates import us_date
from app.domain.practice import Prescription, ServiceLine, Visit
from app.domain.superbill import POINTER_LETTERS
from app.domain.text_limits import text_limit
from app.services.visit_check import VisitSetting, first_pointers, remap_pointers

MASSAGE_CODE = "97124"  # therapeutic massage: what most massage visits bill first


@dataclass(frozen=True)
class VisitStart:
    """A new visit filled in, and in words where its content came from ("" for an empty visit)."""

    visit: Visit
    source: str  # "last visit", "prescription" or ""
    note: str
    pointers_follow: bool  # the services point to the first diagnoses, whatever they become


def last_visit(setting: VisitSetting) -> Visit | None:
    """The patient's visit with the latest date of service (the one recorded later among equal dates)."""
    visits = list(setting.chart.visits)
    if not visits:
        return None
    return max(enumerate(visits), key=lambda pair: (pair[1].date, pair[0]))[1]


def usual_first_service(setting: VisitSetting) -> str | None:
    """97124 when the practice's fee schedule prices it, else the only code it prices; None otherwise."""
    priced = [code for code in setting.fees.default if code in setting.procedures]
    if MASSAGE_CODE in priced:
        return MASSAGE_CODE
    return priced[0] if len(priced) == 1 else None


def start_visit(setting: VisitSetting, key: str, day: date) -> VisitStart:
    """The new visit `key` on `day`, filled in from the last visit or, for a first visit, the prescription."""
    rx = setting.chart.prescription(setting.default_prescription(day))
    coverage = setting.default_coverage()
    last = last_visit(setting)
    if last is not None:
        return _from_last_visit(last, rx, key, day, coverage)
    place = setting.practitioner.default_place_of_service
    empty = Visit(
        key, day, (), (), place_of_service=place, coverage=coverage, prescription=rx.key if rx else None
    )
    if rx is None:
        return VisitStart(empty, "", "", pointers_follow=True)
    diagnoses = _codes_of(rx)
    code = usual_first_service(setting)
    lines: tuple[ServiceLine, ...] = ()
    if code is not None:
        pointers = first_pointers(len(diagnoses)) or ("A",)
        lines = (ServiceLine(code, pointers, body_region=_region_of(rx)),)
    if not diagnoses and not lines:
        return VisitStart(empty, "", "", pointers_follow=True)
    visit = replace(empty, diagnoses=diagnoses, lines=lines)
    what = "codes and body areas" if lines and lines[0].body_region else "codes"
    note = f"First visit: filled in from the prescription's {what}; type the minutes."
    return VisitStart(visit, "prescription", note, pointers_follow=True)


def _from_last_visit(
    last: Visit, rx: Prescription | None, key: str, day: date, coverage: str | None
) -> VisitStart:
    diagnoses = last.diagnoses
    changed = rx is not None and rx.key != last.prescription and bool(rx.diagnoses)
    if changed and rx is not None:
        diagnoses = _codes_of(rx)
    lines = []
    for line in last.lines:
        pointers = line.pointers
        if changed:
            pointers = remap_pointers(line.pointers, last.diagnoses, diagnoses) or first_pointers(
                len(diagnoses)
            )
        lines.append(replace(line, pointers=pointers, units=None, unit_reason=None, fee=None))
    visit = Visit(
        key,
        day,
        diagnoses,
        tuple(lines),
        place_of_service=last.place_of_service,
        coverage=coverage,
        prescription=rx.key if rx else None,
    )
    note = f"Filled in from the visit of {us_date(last.date)}"
    note += ", with the diagnoses of the new prescription" if changed else ""
    return VisitStart(visit, "last visit", f"{note}: change what differs.", pointers_follow=False)


def _codes_of(rx: Prescription) -> tuple[str, ...]:
    return tuple(dict.fromkeys(rx.diagnoses))[: len(POINTER_LETTERS)]


def _region_of(rx: Prescription) -> str | None:
    """The prescription's body areas as the service's body region, when they fit its box."""
    areas = (rx.body_areas or "").strip()
    return areas if areas and len(areas) <= text_limit("body_region") else None
