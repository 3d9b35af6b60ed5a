"""A restore puts back only what Superbill Desk wrote: the attacker edits a backup with sqlite3, and loses.

The attacker takes a real backup of a practice with an issued superbill (the real CLI: import,
render, backup), opens it with sqlite3 and changes it: a superbill's PDF or its recorded SHA-256,
an immutability trigger dropped, a trigger added that deletes every payment when the next superbill
is issued, an index dropped, a view, a column or a table added, a table's definition rewritten
through writable_schema. Each backup is refused by `superbill restore FILE --yes` with exit 2 and
one line saying what differs, and the practice database is exactly as it was (its full dump, and
the data folder's listing). An untampered backup of every schema version still restores. A path
that is no backup file at all (a folder, a pipe, a device, an unreadable file) is one clean line
too. And the live database: `reprint` refuses a stored PDF that no longer matches its SHA-256.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.services.backups import BackupRefused, restore
from app.services.encryption import database_key
from app.store.driver import sqlcipher
from app.store.migrations import SCHEMA_VERSION
from app.store.paths import database_path
from app.store.records import PracticeStore
from tests.protection.schema_seeds import build, expected, readback

PASSPHRASE = "tidewater massage since 2019"
NUMBER = "SB-2026-0001"

Tamper = Callable[[sqlite3.Connection], None]


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def _without_final_trigger(conn: sqlite3.Connection, change: str, *params: object) -> None:
    """Change a superbill row as an attacker must: drop the trigger, change, put the trigger back as it was."""
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'superbills_are_final_update'"
    ).fetchone()
    conn.execute("DROP TRIGGER superbills_are_final_update")
    conn.execute(change, params)
    conn.execute(sql)


def pdf_bytes_changed(conn: sqlite3.Connection) -> None:
    (pdf,) = conn.execute("SELECT pdf FROM superbills WHERE number = ?", (NUMBER,)).fetchone()
    altered = bytes(pdf).replace(b"Lindqvist", b"Lindqvisk") if b"Lindqvist" in pdf else bytes(pdf) + b" "
    assert altered != pdf
    _without_final_trigger(conn, "UPDATE superbills SET pdf = ? WHERE number = ?", altered, NUMBER)


def sha256_changed(conn: sqlite3.Connection) -> None:
    forged = hashlib.sha256(b"another document").hexdigest()
    _without_final_trigger(conn, "UPDATE superbills SET sha256 = ? WHERE number = ?", forged, NUMBER)


def trigger_dropped(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER superbills_are_final_delete")


def trigger_added(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TRIGGER sb_housekeeping AFTER INSERT ON superbills BEGIN DELETE FROM payments; END")


def trigger_rewritten(conn: sqlite3.Connection) -> None:
    """Same name, no teeth: the trigger still exists but lets an update through."""
    conn.execute("DROP TRIGGER superbills_are_final_update")
    conn.execute("CREATE TRIGGER superbills_are_final_update BEFORE UPDATE ON superbills BEGIN SELECT 1; END")


def index_dropped(conn: sqlite3.Connection) -> None:
    conn.execute("DROP INDEX visits_by_date")


def view_added(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE VIEW everyone AS SELECT first_name, last_name, date_of_birth FROM patients")


def column_added(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE patients ADD COLUMN notes TEXT")


def table_added(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE exfiltrate (line TEXT) STRICT")


def table_rewritten(conn: sqlite3.Connection) -> None:
    """A CHECK taken out of a table's definition by editing sqlite_master (the pages stay valid)."""
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'CHECK (cents >= 0)', '') WHERE name = 'fees'")
    conn.execute("PRAGMA writable_schema = OFF")


def trigger_on_a_renamed_name_with_a_newline(conn: sqlite3.Connection) -> None:
    conn.execute('CREATE TRIGGER "x\ny" AFTER INSERT ON payments BEGIN DELETE FROM payments; END')


def payments_of_nobody(conn: sqlite3.Connection) -> None:
    """Payments moved to a patient the backup does not hold (foreign keys off, as sqlite3 starts)."""
    conn.execute("UPDATE payments SET patient = 'nobody'")


VARIANTS: dict[str, tuple[Tamper, str]] = {
    "pdf-bytes-changed": (
        pdf_bytes_changed,
        f"the PDF of superbill {NUMBER} no longer matches its fingerprint",
    ),
    "sha256-changed": (sha256_changed, f"the PDF of superbill {NUMBER} no longer matches its fingerprint"),
    "trigger-dropped": (trigger_dropped, "its trigger superbills_are_final_delete is missing"),
    "trigger-added": (trigger_added, "it carries a trigger Superbill Desk never made: sb_housekeeping"),
    "trigger-rewritten": (
        trigger_rewritten,
        "its trigger superbills_are_final_update is not defined as Superbill Desk defines it",
    ),
    "index-dropped": (index_dropped, "its index visits_by_date is missing"),
    "view-added": (view_added, "it carries a view Superbill Desk never made: everyone"),
    "column-added": (column_added, "its table patients is not defined as Superbill Desk defines it"),
    "payments-of-nobody": (
        payments_of_nobody,
        "a row of payments points at a row of patients that it does not hold",
    ),
    "table-added": (table_added, "it carries a table Superbill Desk never made: exfiltrate"),
    "table-rewritten": (table_rewritten, "its table fees is not defined as Superbill Desk defines it"),
    "name-with-a-newline": (
        trigger_on_a_renamed_name_with_a_newline,
        "it carries a trigger Superbill Desk never made: x?y",
    ),
}


def tamper_plain(path: Path, change: Tamper) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        change(conn)
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
    finally:
        conn.close()


def tamper_encrypted(path: Path, key: bytes, change: Tamper) -> None:
    conn = sqlcipher().connect(str(path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        change(conn)
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
    finally:
        conn.close()


def dump(data_dir: Path, key: bytes | None = None) -> list[tuple[object, ...]]:
    """The practice database's schema and every row of every table, read without writing, and its bytes."""
    path = database_path(data_dir)
    uri = f"file:{path}?mode=ro"
    conn = sqlite3.connect(uri, uri=True) if key is None else sqlcipher().connect(uri, uri=True)
    try:
        if key is not None:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        found: list[tuple[object, ...]] = list(
            conn.execute("SELECT * FROM sqlite_master ORDER BY type, name")
        )
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in sorted(tables):
            found += [(table, *row) for row in conn.execute(f'SELECT * FROM "{table}"')]
    finally:
        conn.close()
    files = [path, path.with_name(path.name + "-wal")]
    found += [(str(f), hashlib.sha256(f.read_bytes()).hexdigest()) for f in files if f.exists()]
    return found


def listing(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir())


@pytest.fixture
def practice(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    """The sample practice with superbill SB-2026-0001 issued, through the real CLI; returns its backup."""
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(tmp_path / "issued.pdf")) == 0
    assert run(data_dir, "backup", "--to", str(tmp_path / "stick")) == 0
    capsys.readouterr()
    (backup,) = (tmp_path / "stick").glob("practice-*.sqlite3")
    return backup


def _refused(
    data_dir: Path, backup: Path, capsys: pytest.CaptureFixture[str], key: bytes | None = None
) -> str:
    before, files = dump(data_dir, key), listing(data_dir)
    assert run(data_dir, "restore", str(backup), "--yes") == 2
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    assert "Nothing was restored" in err and "Restored" not in captured.out
    assert dump(data_dir, key) == before
    assert listing(data_dir) == files
    return err


@pytest.mark.parametrize("variant", [v for v in VARIANTS], ids=list(VARIANTS))
def test_a_tampered_plain_backup_is_refused_and_nothing_changes(
    variant: str, practice: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change, says = VARIANTS[variant]
    tamper_plain(practice, change)

    err = _refused(data_dir, practice, capsys)

    assert says in err and str(practice) in err


@pytest.mark.parametrize("variant", ["pdf-bytes-changed", "trigger-dropped", "trigger-added", "column-added"])
def test_a_tampered_encrypted_backup_is_refused_and_nothing_changes(
    variant: str,
    practice: Path,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "encrypt") == 0
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "backup", "--to", str(tmp_path / "sealed")) == 0
    capsys.readouterr()
    (backup,) = (tmp_path / "sealed").glob("practice-*.sqlite3")
    key = database_key(data_dir, passphrase=PASSPHRASE)
    change, says = VARIANTS[variant]
    tamper_encrypted(backup, key, change)

    err = _refused(data_dir, backup, capsys, key)

    assert says in err


def test_the_untampered_backup_restores(
    practice: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "restore", str(practice), "--yes") == 0
    assert "Restored 1 patient, 2 visits, 1 superbill" in capsys.readouterr().out
    assert run(data_dir, "reprint", NUMBER, "-o", str(data_dir.parent / "again.pdf")) == 0


def test_a_backup_with_only_sqlites_own_statistics_added_restores(
    practice: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ANALYZE (any SQLite tool may run it) writes sqlite_stat1: no data and no code of anyone's."""
    tamper_plain(practice, lambda conn: conn.execute("ANALYZE"))
    assert run(data_dir, "restore", str(practice), "--yes") == 0


def test_the_service_refuses_too_so_the_apps_restore_dialog_does(practice: Path, data_dir: Path) -> None:
    tamper_plain(practice, trigger_added)
    before = dump(data_dir)
    with pytest.raises(BackupRefused, match="never made: sb_housekeeping"):
        restore(data_dir, practice)
    assert dump(data_dir) == before


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_an_untampered_backup_of_every_schema_version_restores(
    version: int, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "stick" / "practice-2026-09-20T120000.sqlite3"
    backup.parent.mkdir()
    build(backup, version)

    assert run(data_dir, "restore", str(backup), "--yes") == 0, capsys.readouterr().err
    with PracticeStore.open(database_path(data_dir)) as store:
        assert readback(store) == expected(version, tmp_path)


OLDER_CLAIMS = {
    1: "it carries a trigger Superbill Desk never made: audit_log_is_append_only_delete",
    2: "it carries a trigger Superbill Desk never made: claims_are_final_delete",
    3: "it carries a trigger Superbill Desk never made: claims_are_final_delete",
    4: "it carries a trigger Superbill Desk never made: year_statements_are_final_delete",
    5: "its table claims is not defined as Superbill Desk defines it",  # tables in name order
    6: "its table claims is not defined as Superbill Desk defines it",
}


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_backup_claiming_an_older_version_than_its_schema_is_refused(
    version: int, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that says version 1 but already has version 2's tables is not what version 1 wrote:
    the app would skip the migrations it thinks are due, over a schema they never made."""
    backup = tmp_path / "stick" / "practice-2026-09-20T120000.sqlite3"
    backup.parent.mkdir()
    build(backup, SCHEMA_VERSION)
    tamper_plain(backup, lambda conn: conn.execute(f"PRAGMA user_version = {version}"))

    assert run(data_dir, "restore", str(backup), "--yes") == 2
    err = capsys.readouterr().err
    assert OLDER_CLAIMS[version] in err, err
    assert not database_path(data_dir).exists()


def _final_row_changed(table: str, trigger: str, assignment: str, *params: object) -> Tamper:
    """A row of the seed's issued documents changed as an attacker must: its trigger dropped and put back."""

    def change(conn: sqlite3.Connection) -> None:
        (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (trigger,)).fetchone()
        conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute(f"UPDATE {table} SET {assignment}", params)
        conn.execute(sql)

    return change


DOCUMENT_VARIANTS: dict[str, tuple[Tamper, str]] = {
    "claim-document-changed": (
        _final_row_changed("claims", "claims_are_final_update", "document = CAST(document || x'20' AS BLOB)"),
        "the document of claim CL-2026-0001 no longer matches its fingerprint",
    ),
    "claim-sha256-changed": (
        _final_row_changed(
            "claims", "claims_are_final_update", "sha256 = ?", hashlib.sha256(b"another claim").hexdigest()
        ),
        "the document of claim CL-2026-0001 no longer matches its fingerprint",
    ),
    "statement-pdf-changed": (
        _final_row_changed(
            "year_statements", "year_statements_are_final_update", "pdf = CAST(pdf || x'20' AS BLOB)"
        ),
        "the PDF of statement YE-2026-0001 no longer matches its fingerprint",
    ),
}


@pytest.mark.parametrize("variant", list(DOCUMENT_VARIANTS), ids=list(DOCUMENT_VARIANTS))
def test_a_backup_with_a_tampered_claim_or_statement_document_is_refused_and_nothing_changes(
    variant: str, practice: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A claim's form or 837P file (and a year-end statement) is checked like a superbill's PDF."""
    backup = tmp_path / "other-stick" / "practice-2026-09-20T120000.sqlite3"
    backup.parent.mkdir()
    build(backup, SCHEMA_VERSION)  # the seed holds claim CL-2026-0001 and statement YE-2026-0001
    change, says = DOCUMENT_VARIANTS[variant]
    tamper_plain(backup, change)

    err = _refused(data_dir, backup, capsys)

    assert says in err


def test_the_reference_of_each_version_is_what_the_first_release_and_the_seeds_left() -> None:
    """The reference is built from the migrations; the first release's own file matches it."""
    from app.store.verify import normalized_sql, reference_schema

    fixture = Path(__file__).parents[1] / "data" / "schema-v1.sqlite3"
    conn = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
    try:
        found = {
            (kind, name): (table, normalized_sql(sql))
            for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
        }
    finally:
        conn.close()
    assert found == reference_schema(1)


def test_comments_and_white_space_are_not_differences_but_quoted_text_is() -> None:
    from app.store.verify import normalized_sql

    a = "CREATE TABLE t (\n    -- a note\n    x TEXT CHECK (x <> 'a  b') /* old */\n)"
    assert normalized_sql(a) == "CREATE TABLE t ( x TEXT CHECK (x <> 'a  b') )"
    assert normalized_sql(a) != normalized_sql(a.replace("'a  b'", "'a b'"))


# Paths that are no backup file ---------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "a folder"
    folder.mkdir()
    return folder


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "pipe.sqlite3"
    os.mkfifo(fifo)
    return fifo


def _under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "plain.txt").write_text("x")
    return tmp_path / "plain.txt" / "practice.sqlite3"


def _dangling(tmp_path: Path) -> Path:
    link = tmp_path / "link.sqlite3"
    link.symlink_to(tmp_path / "gone.sqlite3")
    return link


def _unreadable_even_to_root(tmp_path: Path) -> Path:
    return Path("/proc/self/mem")  # a regular file whose first byte cannot be read (EIO)


def _no_read_permission(tmp_path: Path) -> Path:
    if os.geteuid() == 0:
        pytest.skip("root reads a file without read permission; /proc/self/mem covers an unreadable file")
    path = tmp_path / "locked.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(200))
    path.chmod(0)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_folder, "is a folder, not a backup file"),
        (_fifo, "is not a regular file"),
        (lambda _: Path("/dev/zero"), "is not a regular file"),
        (_under_a_file, "There is no backup file"),
        (_dangling, "There is no backup file"),
        (_unreadable_even_to_root, "cannot be read"),
        (_no_read_permission, "cannot be read"),
    ],
    ids=["folder", "fifo", "dev-zero", "under-a-file", "dangling-symlink", "proc-self-mem", "no-permission"],
)
def test_a_path_that_is_no_backup_file_is_one_clean_line(
    make: Callable[[Path], Path],
    says: str,
    practice: Path,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make(tmp_path)
    assert says in _refused(data_dir, path, capsys)


# A -wal beside the backup that SQLite cannot read: refused (restoring the file without it could
# lose the saves it holds), one line naming it, nothing changed, the backup and its -wal untouched.

_WAL_MAGIC = bytes.fromhex("377f0682")


def _wal_garbage(wal: Path) -> None:
    wal.write_bytes(os.urandom(8192))


def _wal_zeros(wal: Path) -> None:
    wal.write_bytes(bytes(4096))


def _wal_cut_in_its_header(wal: Path) -> None:
    wal.write_bytes(_WAL_MAGIC + bytes.fromhex("002de218") + os.urandom(12))  # 20 of its 32 bytes


def _wal_header_without_frames(wal: Path) -> None:
    wal.write_bytes(_WAL_MAGIC + bytes.fromhex("002de218") + os.urandom(24) + os.urandom(4096 + 24)[:100])


def _wal_a_folder(wal: Path) -> None:
    wal.mkdir()
    (wal / "x").write_text("x")


@pytest.mark.parametrize(
    "make",
    [_wal_garbage, _wal_zeros, _wal_cut_in_its_header, _wal_header_without_frames, _wal_a_folder],
    ids=["garbage", "zeros", "cut-in-its-header", "header-and-a-torn-frame", "a-folder"],
)
def test_a_backup_with_a_wal_sqlite_cannot_read_beside_it_is_refused_and_nothing_changes(
    make: Callable[[Path], None], practice: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wal = practice.with_name(practice.name + "-wal")
    make(wal)
    beside = {p.name: (p.read_bytes() if p.is_file() else None) for p in practice.parent.iterdir()}

    err = _refused(data_dir, practice, capsys)

    assert f"{wal.name} away" in err and str(practice) in err
    assert {p.name: (p.read_bytes() if p.is_file() else None) for p in practice.parent.iterdir()} == beside


# The live database ----------------------------------------------------------------------------------


@pytest.fixture
def altered_live(practice: Path, data_dir: Path) -> Iterator[Path]:
    tamper_plain(database_path(data_dir), pdf_bytes_changed)
    yield data_dir


def test_reprint_refuses_a_stored_pdf_that_no_longer_matches_its_fingerprint(
    altered_live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reprinted.pdf"
    assert run(altered_live, "reprint", NUMBER, "-o", str(out)) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"superbill {NUMBER} no longer matches the fingerprint" in err
    assert not out.exists()


def test_a_forged_statistics_table_is_a_difference(
    practice: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """sqlite_stat1 is let be only as SQLite itself defines it."""

    def forged(conn: sqlite3.Connection) -> None:
        conn.execute("ANALYZE")
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE TABLE sqlite_stat1(tbl,idx,stat,extra)' WHERE name = 'sqlite_stat1'"
        )
        conn.execute("PRAGMA writable_schema = OFF")

    tamper_plain(practice, forged)
    assert "it carries a table Superbill Desk never made: sqlite_stat1" in _refused(
        data_dir, practice, capsys
    )
