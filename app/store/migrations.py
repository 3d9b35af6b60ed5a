"""The schema of the practice database, as numbered migrations.

`MIGRATIONS[n - 1]` takes a database from version n - 1 to n; PRAGMA user_version holds the
version reached. Each migration runs in one transaction together with the version bump, so a
failure leaves the database at the previous version. A migration, once released, never changes:
later changes are new migrations. Enum values are spelled out in the SQL for that reason.

Conventions: STRICT tables; dates as ISO TEXT checked with date(x) IS x; money as INTEGER
cents; `key` is the record's external ID (the practice file's `id`). Payers and patients have
practice-wide keys; a patient's coverages, prescriptions, visits and payments have keys unique
within that patient (a file may number them "v-1", "v-2" for every patient).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from app.store.errors import NewerDatabase

_ADDRESS = """
    address_line1 TEXT,
    address_line2 TEXT,
    address_city TEXT,
    address_state TEXT,
    address_zip TEXT,
    CHECK ((address_line1 IS NULL) = (address_city IS NULL)
       AND (address_line1 IS NULL) = (address_state IS NULL)
       AND (address_line1 IS NULL) = (address_zip IS NULL))"""


def _iso_date(column: str, required: bool) -> str:
    check = f"CHECK (date({column}) IS {column})"
    return (
        f"{column} TEXT NOT NULL {check}"
        if required
        else f"{column} TEXT CHECK ({column} IS NULL OR date({column}) IS {column})"
    )


_V1 = f"""
CREATE TABLE practice (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- The practitioner: all NULL until the therapist enters them.
    first_name TEXT,
    last_name TEXT,
    credentials TEXT,
    npi TEXT,
    tax_id TEXT,
    tax_id_type TEXT CHECK (tax_id_type IN ('EIN', 'SSN')),
    license_number TEXT,
    license_state TEXT,
    phone TEXT,
    practice_name TEXT,
    organization_npi TEXT,
    taxonomy TEXT,
    email TEXT,
    default_place_of_service TEXT NOT NULL DEFAULT '11',
    print_full_ssn INTEGER NOT NULL DEFAULT 0 CHECK (print_full_ssn IN (0, 1)),
    signature_png BLOB,
    -- Settings that exist before any practitioner does.
    paper_size TEXT NOT NULL DEFAULT 'letter' CHECK (paper_size IN ('letter', 'a4')),
    {_ADDRESS},
    CHECK (first_name IS NULL OR (
        last_name IS NOT NULL AND credentials IS NOT NULL AND npi IS NOT NULL
        AND tax_id IS NOT NULL AND tax_id_type IS NOT NULL AND license_number IS NOT NULL
        AND license_state IS NOT NULL AND phone IS NOT NULL AND address_line1 IS NOT NULL))
) STRICT;

INSERT INTO practice (id) VALUES (1);

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;

CREATE TABLE fees (
    code TEXT PRIMARY KEY,
    cents INTEGER NOT NULL CHECK (cents >= 0)
) STRICT;

CREATE TABLE procedures (
    code TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    timed INTEGER NOT NULL CHECK (timed IN (0, 1))
) STRICT;

CREATE TABLE payers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key <> ''),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('commercial', 'medicare', 'medicare_advantage', 'medicaid',
        'workers_comp', 'auto', 'va_community_care', 'hsa_fsa', 'self_pay')),
    phone TEXT,
    unit_rule TEXT NOT NULL DEFAULT 'cms_8_minute' CHECK (unit_rule IN ('cms_8_minute', 'ama_midpoint')),
    filing_limit_days INTEGER CHECK (filing_limit_days IS NULL OR filing_limit_days > 0),
    {_ADDRESS}
) STRICT;

CREATE TABLE payer_fees (
    payer TEXT NOT NULL REFERENCES payers (key) ON DELETE CASCADE,
    code TEXT NOT NULL,
    cents INTEGER NOT NULL CHECK (cents >= 0),
    PRIMARY KEY (payer, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (key <> ''),
    account_number TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (account_number <> ''),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    {_iso_date("date_of_birth", required=True)},
    sex TEXT,
    phone TEXT,
    email TEXT,
    -- Derived on save (see app/store/search.py): case- and accent-folded text for searching.
    sort_name TEXT NOT NULL,
    search_text TEXT NOT NULL,
    {_ADDRESS}
) STRICT;

CREATE INDEX patients_by_name ON patients (sort_name);
CREATE INDEX patients_by_date_of_birth ON patients (date_of_birth);

CREATE TABLE coverages (
    id INTEGER PRIMARY KEY,
    patient TEXT NOT NULL REFERENCES patients (key) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (key <> ''),
    payer TEXT NOT NULL REFERENCES payers (key),
    relationship TEXT NOT NULL DEFAULT 'self' CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
    member_id TEXT,
    group_number TEXT,
    subscriber_first_name TEXT,
    subscriber_last_name TEXT,
    {_iso_date("subscriber_date_of_birth", required=False)},
    claim_number TEXT,
    {_iso_date("injury_date", required=False)},
    employer TEXT,
    accident_state TEXT,
    adjuster TEXT,
    authorization_number TEXT,
    annual_visit_limit INTEGER CHECK (annual_visit_limit IS NULL OR annual_visit_limit >= 0),
    UNIQUE (patient, key),
    CHECK ((subscriber_first_name IS NULL) = (subscriber_last_name IS NULL)
       AND (subscriber_first_name IS NULL) = (subscriber_date_of_birth IS NULL))
) STRICT;

CREATE INDEX coverages_by_payer ON coverages (payer);
CREATE INDEX coverages_by_member_id ON coverages (member_id COLLATE NOCASE);

CREATE TABLE prescriptions (
    id INTEGER PRIMARY KEY,
    patient TEXT NOT NULL REFERENCES patients (key) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (key <> ''),
    prescriber_name TEXT NOT NULL,
    prescriber_credentials TEXT,
    prescriber_npi TEXT,
    {_iso_date("written_on", required=True)},
    {_iso_date("starts_on", required=False)},
    {_iso_date("expires_on", required=False)},
    authorized_visits INTEGER CHECK (authorized_visits IS NULL OR authorized_visits >= 0),
    frequency TEXT,
    body_areas TEXT,
    notes TEXT,
    UNIQUE (patient, key)
) STRICT;

CREATE TABLE prescription_diagnoses (
    prescription_id INTEGER NOT NULL REFERENCES prescriptions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    code TEXT NOT NULL,
    PRIMARY KEY (prescription_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    patient TEXT NOT NULL REFERENCES patients (key) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (key <> ''),
    {_iso_date("date", required=True)},
    place_of_service TEXT,
    coverage TEXT,
    prescription TEXT,
    UNIQUE (patient, key),
    -- A visit can only use the coverage and prescription of its own patient.
    FOREIGN KEY (patient, coverage) REFERENCES coverages (patient, key),
    FOREIGN KEY (patient, prescription) REFERENCES prescriptions (patient, key)
) STRICT;

CREATE INDEX visits_by_date ON visits (date);
CREATE INDEX visits_by_patient_date ON visits (patient, date);
CREATE INDEX visits_by_coverage ON visits (patient, coverage);
CREATE INDEX visits_by_prescription ON visits (patient, prescription);

CREATE TABLE visit_diagnoses (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    code TEXT NOT NULL,
    PRIMARY KEY (visit_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE service_lines (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    cpt TEXT NOT NULL,
    minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    units INTEGER CHECK (units IS NULL OR units >= 0),
    unit_reason TEXT,
    -- JSON arrays of strings, in the order printed.
    modifiers TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(modifiers) AND json_type(modifiers) = 'array' AND json_array_length(modifiers) <= 4),
    pointers TEXT NOT NULL DEFAULT '["A"]'
        CHECK (json_valid(pointers) AND json_type(pointers) = 'array'),
    body_region TEXT,
    fee INTEGER CHECK (fee IS NULL OR fee >= 0),
    PRIMARY KEY (visit_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    patient TEXT NOT NULL REFERENCES patients (key) ON DELETE CASCADE,
    key TEXT NOT NULL CHECK (key <> ''),
    {_iso_date("date", required=True)},
    amount INTEGER NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card', 'hsa_fsa_card', 'insurance', 'other')),
    reference TEXT,
    UNIQUE (patient, key)
) STRICT;

CREATE INDEX payments_by_patient_date ON payments (patient, date);

-- Issued (final) superbills: a record of what was handed to the patient. Never changed.
CREATE TABLE superbills (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number <> ''),
    patient TEXT NOT NULL REFERENCES patients (key),
    {_iso_date("issued_on", required=True)},
    {_iso_date("first_date", required=True)},
    {_iso_date("last_date", required=True)},
    charges INTEGER NOT NULL,
    payments INTEGER NOT NULL,
    balance INTEGER NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    pdf BLOB NOT NULL,
    replaces TEXT REFERENCES superbills (number),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (first_date <= last_date)
) STRICT;

CREATE INDEX superbills_by_patient ON superbills (patient, issued_on);
CREATE INDEX superbills_by_replaces ON superbills (replaces);

CREATE TABLE superbill_visits (
    superbill_id INTEGER NOT NULL REFERENCES superbills (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    visit_id INTEGER NOT NULL REFERENCES visits (id),
    PRIMARY KEY (superbill_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX superbill_visits_by_visit ON superbill_visits (visit_id);

CREATE TRIGGER superbills_are_final_update BEFORE UPDATE ON superbills
BEGIN
    SELECT RAISE(ABORT, 'an issued superbill is never changed; issue a replacement');
END;

CREATE TRIGGER superbills_are_final_delete BEFORE DELETE ON superbills
BEGIN
    SELECT RAISE(ABORT, 'an issued superbill is never deleted; issue a replacement');
END;
"""

# Version 2: the audit log of changes to records an issued superbill shows, and which payments
# each superbill showed (by key: a payment on an issued superbill may still be corrected or deleted,
# and the audit log keeps what it was).
_V2 = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z'),
    patient TEXT NOT NULL REFERENCES patients (key),
    record_kind TEXT NOT NULL CHECK (record_kind IN ('visit', 'payment')),
    record_key TEXT NOT NULL CHECK (record_key <> ''),
    field TEXT NOT NULL CHECK (field <> ''),
    old_value TEXT,
    new_value TEXT,
    -- JSON array of the statement numbers of the issued superbills the record is on.
    superbills TEXT NOT NULL
        CHECK (json_valid(superbills) AND json_type(superbills) = 'array' AND json_array_length(superbills) > 0)
) STRICT;

CREATE INDEX audit_log_by_patient ON audit_log (patient, id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is never changed');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is never deleted from');
END;

CREATE TABLE superbill_payments (
    superbill_id INTEGER NOT NULL REFERENCES superbills (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    payment_key TEXT NOT NULL CHECK (payment_key <> ''),
    PRIMARY KEY (superbill_id, position)
) STRICT, WITHOUT ROWID;
"""

# Version 3: the patients list's search reads the name order and the folded search text from one
# index, without looking up each row while it scans; a keystroke that matches few of 10,000
# patients (a scan of them all) takes about half the time.
_V3 = """
DROP INDEX patients_by_name;
CREATE INDEX patients_by_name ON patients (sort_name, id, search_text, key);
"""

# Version 4: claims (CMS-1500 forms and 837P files) as issued, like superbills never changed, with
# the visits each one billed to its payer; and the printer offset calibrated for red claim forms,
# in hundredths of an inch (right and down).
_V4 = f"""
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number <> ''),
    patient TEXT NOT NULL REFERENCES patients (key),
    payer TEXT NOT NULL CHECK (payer <> ''),
    format TEXT NOT NULL CHECK (format IN ('cms1500-plain', 'cms1500-red', '837p')),
    {_iso_date("issued_on", required=True)},
    {_iso_date("first_date", required=True)},
    {_iso_date("last_date", required=True)},
    charges INTEGER NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    document BLOB NOT NULL,
    replaces TEXT REFERENCES claims (number),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (first_date <= last_date)
) STRICT;

CREATE INDEX claims_by_patient_payer ON claims (patient, payer);

CREATE TABLE claim_visits (
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    position INTEGER NOT NULL CHECK (position >= 0),
    visit_key TEXT NOT NULL CHECK (visit_key <> ''),
    PRIMARY KEY (claim_id, position)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER claims_are_final_update BEFORE UPDATE ON claims
BEGIN
    SELECT RAISE(ABORT, 'an issued claim is never changed; send a replacement');
END;

CREATE TRIGGER claims_are_final_delete BEFORE DELETE ON claims
BEGIN
    SELECT RAISE(ABORT, 'an issued claim is never deleted; send a replacement');
END;

ALTER TABLE practice ADD COLUMN claim_offset_right INTEGER NOT NULL DEFAULT 0
    CHECK (claim_offset_right BETWEEN -100 AND 100);
ALTER TABLE practice ADD COLUMN claim_offset_down INTEGER NOT NULL DEFAULT 0
    CHECK (claim_offset_down BETWEEN -100 AND 100);
"""

# Version 5 (issue 16, January): the signed letters of medical necessity that came back (HSA/FSA),
# and the year-end statements issued as final, kept byte for byte to reprint identically.
_V5 = f"""
CREATE TABLE necessity_letters (
    id INTEGER PRIMARY KEY,
    patient TEXT NOT NULL REFERENCES patients (key) ON DELETE CASCADE,
    prescription TEXT,
    {_iso_date("signed_on", required=True)},
    {_iso_date("expires_on", required=True)},
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (signed_on < expires_on)
) STRICT;

CREATE INDEX necessity_letters_by_patient ON necessity_letters (patient, expires_on);

CREATE TABLE year_statements (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE CHECK (number <> ''),
    patient TEXT NOT NULL REFERENCES patients (key),
    year INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
    {_iso_date("issued_on", required=True)},
    visits INTEGER NOT NULL CHECK (visits >= 0),
    charges INTEGER NOT NULL,
    payments INTEGER NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    pdf BLOB NOT NULL,
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX year_statements_by_patient ON year_statements (patient, year);

CREATE TRIGGER year_statements_are_final_update BEFORE UPDATE ON year_statements
BEGIN
    SELECT RAISE(ABORT, 'an issued statement is never changed');
END;

CREATE TRIGGER year_statements_are_final_delete BEFORE DELETE ON year_statements
BEGIN
    SELECT RAISE(ABORT, 'an issued statement is never deleted');
END;
"""

# Version 6 (issue 15): each payer's ID in a clearinghouse's payer list, which an 837P names the
# payer by (loop 2010BB NM109): 2 to 80 capital letters and digits, or NULL when not known.
_V6 = """
ALTER TABLE payers ADD COLUMN payer_id TEXT
    CHECK (payer_id IS NULL OR (length(payer_id) BETWEEN 2 AND 80 AND payer_id NOT GLOB '*[^0-9A-Z]*'));
"""

# Version 7: a replacement claim keeps the payer's claim control number of the claim it replaces
# (from the EOB or ERA), which item 22 and the 837P's REF*F8 carry; `replaces` stays our own number.
_V7 = """
ALTER TABLE claims ADD COLUMN payer_claim_number TEXT
    CHECK (payer_claim_number IS NULL OR (payer_claim_number <> '' AND replaces IS NOT NULL));
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise NewerDatabase(
            f"This practice database was written by a newer version of Superbill Desk (schema version "
            f"{version}; this version knows up to {SCHEMA_VERSION}). It has not been changed. Install the "
            "newer version of Superbill Desk to open it, or choose another data folder with --data-dir."
        )


def _statements(script: str) -> Iterator[str]:
    """The statements of a script, one at a time (triggers keep their inner semicolons)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {pending.strip()[:60]}")


def migrate(conn: sqlite3.Connection, up_to: int | None = None) -> int:
    """Bring the database up to SCHEMA_VERSION (or to `up_to`); return the version it had before.

    `up_to` is for tests and tools/make_schema_fixture.py, which build databases exactly as an
    earlier version of the app left them. The connection must be in autocommit mode (isolation_level
    None): each migration opens its own transaction, and sqlite3's executescript() would commit
    halfway, so statements run one by one.
    """
    start = schema_version(conn)
    refuse_newer(start)
    target = SCHEMA_VERSION if up_to is None else up_to
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"there is no schema version {target} (this version knows 1 to {SCHEMA_VERSION})")
    for version in range(start + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            current = schema_version(conn)
            refuse_newer(current)
            if current >= version:
                conn.execute("COMMIT")
                continue
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start
