"""Writing a Practice as a practice file: reading it back gives the same Practice."""

from __future__ import annotations

import base64
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from app.domain.money import format_dollars
from app.domain.practice import (
    Address,
    Coverage,
    PatientChart,
    Payer,
    Practice,
    Practitioner,
    ServiceLine,
    Visit,
)
from app.services.files import write_file
from app.services.practice_file import fields

Json = dict[str, Any]


def practice_to_json(practice: Practice) -> Json:
    """The practice as a practice-file document; reading it back gives the same Practice."""
    document: Json = {"format": fields.FORMAT}
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
    return _record(
        p,
        "first_name last_name credentials practice_name npi organization_npi tax_id tax_id_type "
        "license_number license_state taxonomy address phone email default_place_of_service signature_png",
        # in the file itself, so that the file alone restores the practice
        signature_png=base64.b64encode(p.signature_png).decode("ascii") if p.signature_png else None,
    )


def _payer_json(p: Payer) -> Json:
    return _record(p, "id name kind address phone unit_rule filing_limit_days payer_id")


def _chart_json(chart: PatientChart) -> Json:
    return _record(
        chart.patient,
        "id first_name last_name date_of_birth sex address phone email coverages prescriptions visits payments",
        coverages=[_coverage_json(c) for c in chart.coverages],
        prescriptions=[_record(r, _PRESCRIPTION) for r in chart.prescriptions],
        visits=[_visit_json(v) for v in chart.visits],
        payments=[
            _record(m, "id date amount method reference", amount=format_dollars(m.amount))
            for m in chart.payments
        ],
    )


def _coverage_json(c: Coverage) -> Json:
    subscriber = c.subscriber
    return _record(
        c,
        "id payer member_id group_number relationship subscriber claim_number injury_date employer "
        "accident_state adjuster authorization_number annual_visit_limit",
        subscriber=_record(subscriber, "first_name last_name date_of_birth") if subscriber else None,
    )


_PRESCRIPTION = (
    "id prescriber_name prescriber_credentials prescriber_npi written_on starts_on expires_on "
    "authorized_visits frequency body_areas diagnoses notes"
)


def _visit_json(v: Visit) -> Json:
    return _record(
        v,
        "id date place_of_service coverage prescription diagnoses lines",
        lines=[_line_json(line) for line in v.lines],
    )


def _line_json(line: ServiceLine) -> Json:
    return _record(
        line,
        "cpt minutes units unit_reason modifiers pointers body_region fee",
        modifiers=list(line.modifiers) or None,
        fee=format_dollars(line.fee) if line.fee is not None else None,
    )


def _record(record: object, keys: str, **written: object) -> Json:
    """The record's attributes under the practice file's keys, which are their names ("id" is the
    record's key), in the order given: dates as ISO text, choices by their value, addresses as
    objects; `written` gives the values written otherwise. Empty values (None) are left out."""
    values: Json = {}
    for key in keys.split():
        value = written[key] if key in written else _plain(getattr(record, "key" if key == "id" else key))
        if value is not None:
            values[key] = value
    return values


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Address):
        return _record(value, "line1 line2 city state zip")
    return value
