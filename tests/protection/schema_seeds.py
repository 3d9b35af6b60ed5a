"""Data for every schema version, to check that each one opens in the current app with nothing lost.

For each schema version v there is `seeds/v{v}.sql`: INSERT statements dumped from a database
that the app of version v filled with FILLS[v] (tools/make_schema_fixture.py seed, run with that
version's `app` importable). The test builds a database with migrations 1..v only, runs the seed,
opens it with the current open_connection and compares what the current PracticeStore reads with
`expected(v)`.

Adding schema version N: before changing anything, with the app still at N - 1, the seed of N - 1
exists already. After adding the migration, add FILLS[N] (data that uses what N adds) and run
`python tools/make_schema_fixture.py seed` to write seeds/vN.sql. If the new version reads old
data differently (a new column with a default), say so in `expected`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.procedures import Procedure
from app.domain.superbill import PaperSize
from app.store.records import PracticeStore
from tests.store.builders import rich_practice

SEEDS = Path(__file__).parent / "seeds"
PDF = b"%PDF-1.4\n% issued at schema version 1\n" + bytes(range(256))


def fill_v1(store: PracticeStore, **superbill: Any) -> None:
    """Everything schema version 1 holds: the practice, settings, a user code, an issued superbill."""
    store.save_practice(rich_practice())
    store.save_paper_size(PaperSize.A4)
    store.save_procedure(Procedure("97039", "Unlisted modality (hydrotherapy)", timed=True))
    issued_on = date(2026, 9, 20)
    with store.transaction():
        store.record_superbill(
            number=store.next_statement_number(issued_on),
            patient="pt-0001",
            visit_keys=("v-1", "v-2"),
            issued_on=issued_on,
            charges=24500,
            payments=24500,
            balance=0,
            pdf=PDF,
            **superbill,
        )


def fill_v2(store: PracticeStore) -> None:
    """Version 2 adds which payments a superbill showed."""
    fill_v1(store, payment_keys=("pay-1",))


def fill_v3(store: PracticeStore) -> None:
    """Version 3 adds an index for the patient search, and no data of its own."""
    fill_v2(store)


def fill_v4(store: PracticeStore) -> None:
    """Version 4 adds issued claims with their visits, and the red forms' printer offset."""
    fill_v3(store)
    _claim_of_both_visits(store, date(2026, 9, 21), "cms1500-red", PDF)
    store.save_claim_offset(5, -10)


def fill_v5(store: PracticeStore) -> None:
    """Version 5 adds the signed letters of medical necessity and the year-end statements issued."""
    from app.store._base import fingerprint
    from app.store.year_end import NecessityLetter, YearStatement

    fill_v4(store)
    store.record_necessity_letter(NecessityLetter("pt-0001", "rx-1", date(2026, 9, 5), date(2027, 9, 5)))
    pdf = PDF + b"% a year-end statement"
    with store.transaction():
        number = store.next_year_statement_number(2026)
        store.record_year_statement(
            YearStatement(number, "pt-0001", 2026, date(2027, 1, 8), 2, 24500, 24500, fingerprint(pdf)),
            pdf,
        )


def fill_v6(store: PracticeStore) -> None:
    """Version 6 adds each payer's ID in a clearinghouse's payer list."""
    fill_v5(store)
    premera = store.payer("premera")
    assert premera is not None
    store.save_payer(replace(premera, payer_id="91051"))


def fill_v7(store: PracticeStore) -> None:
    """Version 7 adds the payer's claim control number a replacement claim names (item 22, REF*F8)."""
    fill_v6(store)
    _claim_of_both_visits(
        store,
        date(2026, 10, 2),
        "837p",
        b"ISA*00*replacement~",
        replaces="CL-2026-0001",
        payer_claim_number="2026274000123",
    )


def _claim_of_both_visits(
    store: PracticeStore, issued_on: date, format: str, document: bytes, **replacing: str
) -> None:
    """A claim to Premera for the sample's two visits ($245.00), numbered and recorded as issued."""
    with store.transaction():
        number, _ = store.next_claim_number(issued_on)
        store.record_claim(
            number=number,
            patient="pt-0001",
            payer="premera",
            format=format,
            visit_keys=("v-1", "v-2"),
            first_date=date(2026, 9, 9),
            last_date=date(2026, 9, 16),
            issued_on=issued_on,
            charges=24500,
            document=document,
            **replacing,
        )


FILLS: dict[int, Callable[[PracticeStore], None]] = {
    1: fill_v1,
    2: fill_v2,
    3: fill_v3,
    4: fill_v4,
    5: fill_v5,
    6: fill_v6,
    7: fill_v7,
}


def readback(store: PracticeStore) -> dict[str, Any]:
    """Everything a therapist can see of the practice, as the current app reads it."""
    superbills = store.superbills()
    return {
        "practice": store.practice(),
        "paper_size": store.paper_size(),
        "payers": store.payers(),
        "procedures": store.procedures(),
        "superbills": superbills,
        "pdfs": {s.number: store.superbill_pdf(s.number) for s in superbills},
        "claims": store.claims("pt-0001"),
        "claim_offset": store.claim_offset(),
        "letters": store.necessity_letters(),
        "statements": store.year_statements(),
        "statement_pdfs": {s.number: store.year_statement_pdf(s.number) for s in store.year_statements()},
    }


def expected(version: int, tmp: Path) -> dict[str, Any]:
    """What the current app must read from a database that version `version` filled with FILLS[version].

    The same data entered through the current app, minus what that version did not record.
    """
    with PracticeStore.open(tmp / f"expected-v{version}.sqlite3") as store:
        FILLS[version](store)
        wanted = readback(store)
    if version < 2:
        # Version 1 did not record which payments a superbill showed.
        wanted["superbills"] = [replace(s, payment_keys=()) for s in wanted["superbills"]]
    return wanted


def seed_path(version: int) -> Path:
    return SEEDS / f"v{version}.sql"


def dump_data(conn: sqlite3.Connection) -> str:
    """The rows of every table as INSERT OR REPLACE statements (the schema comes from the migrations)."""
    lines = [f"-- Rows of a schema version {conn.execute('PRAGMA user_version').fetchone()[0]} database."]
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in tables:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        quoted = ", ".join(f"quote({c})" for c in columns)
        for row in conn.execute(f"SELECT {quoted} FROM {table} ORDER BY {', '.join(columns)}"):
            lines.append(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({', '.join(row)});")
    return "\n".join(lines) + "\n"


def build(path: Path, version: int) -> None:
    """A database as version `version` left it: migrations 1..version, then that version's seed."""
    from app.store.migrations import migrate

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn, up_to=version)
        conn.executescript(seed_path(version).read_text(encoding="utf-8"))
    finally:
        conn.close()
