"""The queries behind "needs attention": each aggregates in SQL, so it stays quick at 200,000 visits.

Every function takes the open store (anything with the practice database's `conn`) and the day
the question is asked for, and returns plain rows; the wording is app.services.attention's job.

Each visit is billed once: on one final superbill or one claim, unless that one was replaced. A
visit is "billed" when a final superbill or a recorded claim (CMS-1500 or 837P) that no later one
replaces holds it (BILLED, the one rule; `billed_on` names them), and "not yet billed" (unbilled)
otherwise, when it is not in the future (`unbilled_visits`). It "waits for a superbill" when it is
unbilled and billed to a coverage whose payer is not self-pay (a visit with no coverage is
self-pay: nobody claims it back, so nobody needs a superbill for it).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from app.domain.dates import days_after, parse_date
from app.domain.money import Cents
from app.store.errors import translate_errors


class HasConnection(Protocol):
    @property
    def conn(self) -> sqlite3.Connection: ...


# SQL, true for the superbill `s` when no later superbill replaces it (index superbills_by_replaces).
_NOT_REPLACED = "NOT EXISTS (SELECT 1 FROM superbills r WHERE r.replaces = s.number)"
# SQL, true for the claim `c` when no later claim replaces it: the claims that replace one are
# listed once for the query (a practice has few claims, and claims.replaces has no index).
_CLAIM_NOT_REPLACED = "c.number NOT IN (SELECT replaces FROM claims WHERE replaces IS NOT NULL)"
# SQL, the ids of the visits that a final superbill, not replaced since, holds.
_ON_SUPERBILL_IDS = f"""
    SELECT sv.visit_id FROM superbill_visits sv JOIN superbills s ON s.id = sv.superbill_id
    WHERE {_NOT_REPLACED}"""
# SQL, the ids of the visits that a recorded claim, not replaced since, holds (a claim names its
# visits by key: the patient's visit of that key, index on visits (patient, key)).
_ON_CLAIM_IDS = f"""
    SELECT cv_v.id FROM claims c JOIN claim_visits cv ON cv.claim_id = c.id
    JOIN visits cv_v ON cv_v.patient = c.patient AND cv_v.key = cv.visit_key
    WHERE {_CLAIM_NOT_REPLACED}"""
# SQL, true for the visit `v` when a final superbill or a claim that no later one replaces holds it
# (indexes superbill_visits_by_visit, claims_by_patient_payer): for the visits of one patient.
BILLED = f"""(EXISTS ({_ON_SUPERBILL_IDS} AND sv.visit_id = v.id)
    OR EXISTS (SELECT 1 FROM claims c JOIN claim_visits cv ON cv.claim_id = c.id
               WHERE c.patient = v.patient AND cv.visit_key = v.key AND {_CLAIM_NOT_REPLACED}))"""


def _unbilled_of_all(visit_id: str = "v.id") -> str:
    """SQL, true when the visit whose id is ``visit_id`` is not billed (NOT BILLED), for a query over
    every visit of the practice: the billed visits are listed once (SQLite builds an index of them
    for the query) where BILLED looks them up visit by visit, 3 lookups each (250 ms at 200,000
    visits, against 70). A visit_id is never NULL, so NOT IN is NOT EXISTS."""
    return f"{visit_id} NOT IN ({_ON_SUPERBILL_IDS} UNION ALL {_ON_CLAIM_IDS})"


@dataclass(frozen=True)
class UnbilledVisit:
    patient_key: str
    visit_key: str
    date: date


@dataclass(frozen=True)
class PrescriptionAttention:
    """A prescription still in force that expires soon or whose authorised visits are all used."""

    patient_key: str
    first_name: str
    last_name: str
    prescription_key: str
    prescriber_name: str
    prescriber_credentials: str | None
    expires_on: date | None
    authorized_visits: int | None
    visits_used: int


@dataclass(frozen=True)
class WaitingVisits:
    """One patient's visits that wait for a superbill, billed to one payer."""

    patient_key: str
    first_name: str
    last_name: str
    payer_name: str
    filing_limit_days: int | None
    visits: int
    first_date: date
    last_date: date
    # Of those, the visits whose filing deadline (date of service + the payer's filing limit)
    # falls in the window asked for, and the earliest such deadline.
    visits_due: int
    first_deadline: date | None


@dataclass(frozen=True)
class BalanceDue:
    """An issued superbill, not since replaced, that showed a balance due."""

    patient_key: str
    first_name: str
    last_name: str
    number: str
    issued_on: date
    balance: Cents


def prescriptions_needing_attention(
    store: HasConnection, today: date, expiring_within_days: int = 14
) -> list[PrescriptionAttention]:
    """Prescriptions not yet expired on `today` that expire within the window or have no visits left.

    Visits used are counted in SQL (index visits_by_prescription); a prescription that expired
    before today is left out: its patient either has a newer one or has stopped coming.
    """
    sql = """
        SELECT * FROM (
            SELECT r.patient, pt.first_name, pt.last_name, r.key, r.prescriber_name,
                   r.prescriber_credentials, r.expires_on, r.authorized_visits,
                   (SELECT count(*) FROM visits v
                     WHERE v.patient = r.patient AND v.prescription = r.key) AS used
            FROM prescriptions r
            JOIN patients pt ON pt.key = r.patient
            WHERE r.expires_on IS NULL OR r.expires_on >= :today
        )
        WHERE expires_on <= :soon OR (authorized_visits IS NOT NULL AND used >= authorized_visits)
        ORDER BY coalesce(expires_on, '9999-12-31'), last_name, first_name
    """
    params = {"today": today.isoformat(), "soon": (today + timedelta(days=expiring_within_days)).isoformat()}
    return [
        PrescriptionAttention(
            patient_key=row[0],
            first_name=row[1],
            last_name=row[2],
            prescription_key=row[3],
            prescriber_name=row[4],
            prescriber_credentials=row[5],
            expires_on=None if row[6] is None else parse_date(row[6]),
            authorized_visits=row[7],
            visits_used=row[8],
        )
        for row in _query(store, sql, params)
    ]


def visits_waiting(store: HasConnection, today: date, deadline_within_days: int = 30) -> list[WaitingVisits]:
    """Per patient and payer, the visits waiting for a superbill (see the module's docstring).

    One pass over the visits: the deadline window is turned into a window of dates of service
    per payer (4 payers, not 200,000 date() calls), and the billed visits are listed once
    (_unbilled_of_all). Ordered by patient, then payer.
    """
    sql = f"""
        WITH payer_windows AS (
            SELECT key, name, filing_limit_days,
                   date(:today, printf('-%d days', filing_limit_days)) AS served_from,
                   date(:last, printf('-%d days', filing_limit_days)) AS served_to
            FROM payers WHERE kind <> 'self_pay'
        )
        SELECT v.patient, pt.first_name, pt.last_name, pw.name, pw.filing_limit_days, count(*),
               min(v.date), max(v.date),
               sum(v.date BETWEEN pw.served_from AND pw.served_to),
               min(CASE WHEN v.date BETWEEN pw.served_from AND pw.served_to THEN v.date END)
        FROM visits v
        JOIN coverages c ON c.patient = v.patient AND c.key = v.coverage
        JOIN payer_windows pw ON pw.key = c.payer
        JOIN patients pt ON pt.key = v.patient
        WHERE v.coverage IS NOT NULL
          AND v.date <= :today
          AND {_unbilled_of_all()}
        GROUP BY v.patient, pw.key
        ORDER BY v.patient, pw.key
    """
    params = {"today": today.isoformat(), "last": (today + timedelta(days=deadline_within_days)).isoformat()}
    rows = []
    for row in _query(store, sql, params):
        limit = row[4]
        first_due = row[9]
        rows.append(
            WaitingVisits(
                patient_key=row[0],
                first_name=row[1],
                last_name=row[2],
                payer_name=row[3],
                filing_limit_days=limit,
                visits=row[5],
                first_date=_day(row[6]),
                last_date=_day(row[7]),
                visits_due=row[8] or 0,
                first_deadline=None
                if first_due is None or limit is None
                else days_after(_day(first_due), limit),
            )
        )
    return rows


def unbilled_visits(store: HasConnection, today: date, patient_key: str | None = None) -> list[UnbilledVisit]:
    """The visits not yet billed (see the module's docstring), of one patient or of everyone.

    Ordered by patient, then date of service; whatever their coverage (a self-pay patient may want
    a superbill to claim out-of-network benefits).
    """
    where = "AND v.patient = :patient" if patient_key is not None else ""
    sql = f"""
        SELECT v.patient, v.key, v.date FROM visits v
        WHERE v.date <= :today {where} AND NOT {BILLED}
        ORDER BY v.patient, v.date, v.id
    """
    params = {"today": today.isoformat(), "patient": patient_key or ""}
    return [UnbilledVisit(row[0], row[1], parse_date(row[2])) for row in _query(store, sql, params)]


def billed_on(store: HasConnection, patient_key: str) -> dict[str, tuple[str, ...]]:
    """The patient's billed visits (BILLED), each with the numbers of the documents holding it.

    Visit key -> the numbers of the final superbills, oldest first, then of the claims, oldest
    first, that hold it and that no later one replaces; a visit not yet billed is not a key. Each
    visit is billed once (app.domain.check.billed): the check refuses these visits on a new one.
    """
    sql = f"""
        SELECT v.key, s.number, 0, s.id FROM visits v
        JOIN superbill_visits sv ON sv.visit_id = v.id
        JOIN superbills s ON s.id = sv.superbill_id
        WHERE v.patient = :patient AND {_NOT_REPLACED}
        UNION ALL
        SELECT cv.visit_key, c.number, 1, c.id FROM claims c
        JOIN claim_visits cv ON cv.claim_id = c.id
        WHERE c.patient = :patient AND {_CLAIM_NOT_REPLACED}
        ORDER BY 3, 4
    """
    holding: dict[str, list[str]] = {}
    for visit_key, number, _, _ in _query(store, sql, {"patient": patient_key}):
        holding.setdefault(visit_key, []).append(number)
    return {key: tuple(numbers) for key, numbers in holding.items()}


def balances_due(store: HasConnection) -> list[BalanceDue]:
    """Issued superbills with a balance due that no later superbill replaces, oldest first."""
    sql = f"""
        SELECT s.patient, pt.first_name, pt.last_name, s.number, s.issued_on, s.balance
        FROM superbills s
        JOIN patients pt ON pt.key = s.patient
        WHERE s.balance > 0
          AND {_NOT_REPLACED}
        ORDER BY s.issued_on, s.id
    """
    return [
        BalanceDue(
            patient_key=row[0],
            first_name=row[1],
            last_name=row[2],
            number=row[3],
            issued_on=parse_date(row[4]),
            balance=row[5],
        )
        for row in _query(store, sql, {})
    ]


@dataclass(frozen=True)
class LetterAttention:
    """A patient with HSA/FSA coverage, and the last day their signed letter of medical necessity runs."""

    patient_key: str
    first_name: str
    last_name: str
    expires_on: date | None  # None: no signed letter on file


def necessity_letters_needed(store: HasConnection) -> list[LetterAttention]:
    """Every patient with an HSA/FSA coverage, with the latest day a signed letter of theirs runs to."""
    sql = """
        SELECT pt.key, pt.first_name, pt.last_name,
               (SELECT MAX(l.expires_on) FROM necessity_letters l WHERE l.patient = pt.key)
        FROM patients pt
        WHERE EXISTS (
            SELECT 1 FROM coverages c JOIN payers y ON y.key = c.payer
            WHERE c.patient = pt.key AND y.kind = 'hsa_fsa'
        )
        ORDER BY pt.sort_name, pt.id
    """
    return [
        LetterAttention(row[0], row[1], row[2], parse_date(row[3]) if row[3] else None)
        for row in _query(store, sql, {})
    ]


# parse_date for the many rows of one query, which share a few hundred dates (two years of visits).
_day = functools.lru_cache(maxsize=4096)(parse_date)


def _query(store: HasConnection, sql: str, params: dict[str, str]) -> list[tuple[Any, ...]]:
    path: Path | None = getattr(store, "path", None)
    with translate_errors(path):
        return list(store.conn.execute(sql, params))


@dataclass(frozen=True)
class CodeUse:
    """A diagnosis code on a visit or a prescription, with the date(s) it is used for."""

    patient_key: str
    first_name: str
    last_name: str
    prescription: bool  # a prescription's code; else a visit's
    key: str  # the visit's or the prescription's key
    day: date  # the visit's date of service; the prescription's first day (written or starting)
    until: date | None  # the prescription's expiry (None: open); a visit's date
    code: str  # as stored
    named_on: date  # the date it goes by, as its tab lists it: a visit's date, a prescription's date written


def visit_code_uses(
    store: HasConnection, since: date, *, unbilled_only: bool, codes: Collection[str] | None = None
) -> list[CodeUse]:
    """The codes of visits on or after ``since``, of those not yet on a superbill only if asked, and
    only ``codes`` when given (then the diagnoses are read first, and only their visits looked up)."""
    only, chosen = _only(codes, "d.code")
    tables, visit_id = "visits v JOIN visit_diagnoses d ON d.visit_id = v.id", "v.id"
    if codes is not None:
        if not only:
            return []
        tables, visit_id = "visit_diagnoses d CROSS JOIN visits v ON v.id = d.visit_id", "d.visit_id"
    unbilled = f"AND {_unbilled_of_all(visit_id)}" if unbilled_only else ""
    sql = f"""
        SELECT v.patient, pt.first_name, pt.last_name, v.key, v.date, d.code
        FROM {tables}
        JOIN patients pt ON pt.key = v.patient
        WHERE v.date >= :since {unbilled} {chosen}
        ORDER BY v.date, pt.last_name, pt.first_name, v.id, d.position
    """
    return [
        CodeUse(row[0], row[1], row[2], False, row[3], _day(row[4]), _day(row[4]), row[5], _day(row[4]))
        for row in _query(store, sql, {"since": since.isoformat(), **only})
    ]


def visit_codes_in_use(store: HasConnection) -> list[str]:
    """Each code that any visit uses, once, as stored (the diagnoses alone are read: 25 ms at 200,000
    visits)."""
    return [row[0] for row in _query(store, "SELECT DISTINCT code FROM visit_diagnoses", {})]


def visit_dates_span(store: HasConnection) -> tuple[date, date] | None:
    """The first and the last date of service of any visit (index visits_by_date); None for no visit."""
    sql = "SELECT (SELECT min(date) FROM visits), (SELECT max(date) FROM visits)"
    first, last = _query(store, sql, {})[0]
    return None if first is None else (_day(first), _day(last))


def visit_codes_by_day(
    store: HasConnection, since: date, *, unbilled_only: bool, codes: Collection[str] | None = None
) -> list[tuple[str, date]]:
    """Each (code, date of service) that visits on or after ``since`` use, once, only ``codes`` when
    given: what a check of codes by their dates needs to look at, without a row for every visit.

    The diagnoses are read in their order (by visit) and each visit looked up by its id: at 200,000
    visits, 150 ms against 500 for the visits in date order with the diagnoses looked up.
    """
    unbilled = f"AND {_unbilled_of_all('d.visit_id')}" if unbilled_only else ""
    only, chosen = _only(codes, "d.code")
    if codes is not None and not only:
        return []
    sql = f"""
        SELECT DISTINCT d.code, v.date
        FROM visit_diagnoses d
        CROSS JOIN visits v ON v.id = d.visit_id
        WHERE v.date >= :since {unbilled} {chosen}
    """
    return [(row[0], _day(row[1])) for row in _query(store, sql, {"since": since.isoformat(), **only})]


def _only(codes: Collection[str] | None, column: str) -> tuple[dict[str, str], str]:
    """The parameters and the SQL condition (AND ``column`` IN ...) that keep only ``codes``; none for None."""
    only = {f"c{n}": code for n, code in enumerate(sorted(codes or ()))}
    return only, f"AND {column} IN ({', '.join(':' + name for name in only)})" if only else ""


def prescription_codes_by_day(store: HasConnection, in_force_on: date) -> list[tuple[str, date]]:
    """Each (code, first day) that prescriptions not expired before ``in_force_on`` use, once (the
    first day as in CodeUse.day): what a check of their codes needs, without a row a prescription."""
    sql = """
        SELECT DISTINCT d.code, coalesce(r.starts_on, r.written_on)
        FROM prescriptions r
        JOIN prescription_diagnoses d ON d.prescription_id = r.id
        WHERE r.expires_on IS NULL OR r.expires_on >= :day
    """
    return [(row[0], _day(row[1])) for row in _query(store, sql, {"day": in_force_on.isoformat()})]


def prescription_code_uses(
    store: HasConnection, in_force_on: date, codes: Collection[str] | None = None
) -> list[CodeUse]:
    """The codes of prescriptions not expired before ``in_force_on``, only ``codes`` when given."""
    only, chosen = _only(codes, "d.code")
    if codes is not None and not only:
        return []
    sql = f"""
        SELECT r.patient, pt.first_name, pt.last_name, r.key, coalesce(r.starts_on, r.written_on),
               r.expires_on, d.code, r.written_on
        FROM prescriptions r
        JOIN prescription_diagnoses d ON d.prescription_id = r.id
        JOIN patients pt ON pt.key = r.patient
        WHERE (r.expires_on IS NULL OR r.expires_on >= :day) {chosen}
        ORDER BY pt.last_name, pt.first_name, r.id, d.position
    """
    return [
        CodeUse(
            row[0],
            row[1],
            row[2],
            True,
            row[3],
            _day(row[4]),
            None if row[5] is None else _day(row[5]),
            row[6],
            _day(row[7]),
        )
        for row in _query(store, sql, {"day": in_force_on.isoformat(), **only})
    ]
