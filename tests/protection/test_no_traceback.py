"""No traceback ever reaches the user: every command, attacked with hostile arguments.

The README promises exit statuses 0-3, one clear line for bad input, and that a refusal changes
nothing. Each case below runs the real command line (in-process through `app.cli.main`, or as a
process where only a process shows it: a full standard output, a closed pipe, bytes that are not
UTF-8 in the environment) on a copy of a real practice (the sample practice imported, a final
superbill issued, a backup taken), and checks:

- the exit status is 0, 1, 2 or 3: never 4 (an unexpected problem: a bug) and never an exception;
- nothing on standard error reads "Traceback";
- a refusal (1, 2 or 3) leaves the practice's records, key file and backups as they were.

`test_every_command_is_attacked` fails when a command is added without hostile cases here.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.cli import main
from app.commands import COMMANDS
from app.services.workspace import Workspace
from app.store.health import Health, classify_database

PASSPHRASE = "tidewater massage since 2019"
NUMBER = "SB-2026-0001"
ALLOWED = {0, 1, 2, 3}
# What would drive a terminal if written raw: escape sequences, bells, carriage returns, NUL.
TERMINAL_CONTROLS = {"\x1b", "\x07", "\r", "\x00", "\x08", "\u202e"}

# Output paths an attacker (or a slip of the keyboard) hands to -o / --to.
OUTPUT_PATHS = (
    "",
    ".",
    "/",
    "{DATA}",
    "{DATA}/practice.sqlite3",
    "{DATA}/practice.sqlite3-wal",
    "{DATA}/practice.sqlite3-shm",
    "{DATA}/key.json",
    "{DATA}/backups",
    "{DATA}/backups/statement.pdf",
    "/dev/full",
    "{FILE}/inside-a-file.pdf",
    "{TMP}/" + "x" * 300 + ".pdf",
    "{TMP}/line\nbreak.pdf",
    "{TMP}/\x1b[2J.pdf",
    "{TMP}/bell\x07\rcarriage.pdf",
)
# Files an attacker hands to import, restore and import-icd.
INPUT_PATHS = (
    "",
    "{TMP}",
    "/dev/null",
    "{DATA}/practice.sqlite3",
    "{DATA}/key.json",
    "{TMP}/missing.json",
    "{FILE}",
    "{FILE}/inside-a-file",
    "{BINARY}",
    "{DATA}/backups",
)
# What a yearly ICD-10-CM update can be handed by mistake (written into the scratch folder).
CODE_SET_INPUTS = (
    "{TMP}/icd10cm_order_2028.txt",  # empty
    "{TMP}/icd10cm-Code Descriptions-2028.zip",  # cut off halfway through
    "{TMP}/icd10cm-Tables-Index-2028.zip",  # a zip without an order file
    "{TMP}/icd10cm_order_addenda_2028.txt",  # binary
)
PATIENTS = (
    "",
    " ",
    "p" * 100_000,
    "' OR 1=1 --",
    "%",
    "\x1b[2J",
    "pt-0001\x00",
    "A00001",
    "..",
    "\u202eevil",
)
DATES = (
    "9999-12-31",
    "0001-01-01",
    "2026-W37-3",
    "２０２６-09-01",
    "2026-02-30",
    "",
    "20260914",
    "-1",
    # Written YYYY-MM-DD, yet no day of the calendar: each says which part (issue 13).
    "2026-13-01",
    "2026-00-01",
    "2026-09-00",
    "2026-04-31",
    "0000-01-01",
)
NUMBERS = ("", "SB-9999-9999", "../../etc/passwd", "n" * 10_000, "\x1b[2J", "%s%n", "SB\x1b[31m\x07")
SEARCHES = (
    "",
    "%",
    '"',
    '"unbalanced',
    "*",
    "NEAR(",
    "(",
    ")",
    "AND",
    "OR OR",
    "NOT x",
    "-",
    "^",
    "M54.5'",
    "a" * 10_000,
    "\x1b[2J",
    "\x00",
    "col:term",
)
DATA_DIRS = ("{FILE}", "{FILE}/inside-a-file", "/dev/null", "/proc/self/no-such-folder")
# What may be found in the place of the lock file (app.store.practice_lock) before a command.
HOSTILE_LOCKS = ("folder", "link to the database", "hard link to the database", "named pipe", "garbage")


@dataclass(frozen=True)
class Case:
    """One hostile command line; `practice` is the template it runs against."""

    args: tuple[str, ...]
    practice: str = "plain"  # "plain", "encrypted" or "empty"
    env: dict[str, str] = field(default_factory=dict)
    data_dir: str = "{DATA}"
    lock: str | None = None  # one of HOSTILE_LOCKS, planted as practice.lock first

    @property
    def command(self) -> str:
        words = [a for a in self.args if not a.startswith("-")]
        if words[0] in ("codes", "signature"):
            return " ".join(words[:2]) if len(words) > 1 else f"{words[0]} show"
        return words[0]

    def __str__(self) -> str:
        shown = " ".join(repr(a) if len(a) < 40 else f"<{len(a)} chars>" for a in self.args)
        env = " ".join(f"{k}={v[:20]!r}" for k, v in self.env.items())
        lock = f" (practice.lock: {self.lock})" if self.lock else ""
        return f"[{self.practice}] {shown} {env}{lock}".strip()


def _cases() -> list[Case]:
    cases: list[Case] = []
    add = cases.append
    for path in OUTPUT_PATHS:
        add(Case(("render", "--patient", "pt-0001", "-o", path)))
        add(Case(("render", "--patient", "pt-0001", "--draft", "-o", path)))
        add(Case(("export", "-o", path)))
        add(Case(("reprint", NUMBER, "-o", path)))
        add(Case(("reissue", NUMBER, "-o", path)))
        add(Case(("backup", "--to", path)))
        add(Case(("cms1500", "--patient", "pt-0001", "-o", path)))
        add(Case(("cms1500", "--patient", "pt-0001", "--form", "red", "--draft", "-o", path)))
        add(Case(("cms1500", "--test-page", "-o", path)))
        add(Case(("x837", "--patient", "pt-0001", "-o", path)))
        add(Case(("letter", "--patient", "pt-0001", "-o", path)))
        add(Case(("statements", "--year", "2026", "-o", path)))
        add(Case(("demo", "-o", path), practice="empty"))
        add(Case(("export", "-o", path), practice="encrypted", env={"SUPERBILL_PASSPHRASE": PASSPHRASE}))
    for path in INPUT_PATHS:
        add(Case(("import", path)))
        add(Case(("import-clients", path, "--yes")))
        add(Case(("restore", path, "--yes")))
        add(Case(("codes", "import-icd", path)))
        add(Case(("signature", "set", path)))
        add(Case(("signature", "set", path), practice="empty"))
        add(Case(("restore", path, "--yes"), practice="encrypted", env={"SUPERBILL_PASSPHRASE": PASSPHRASE}))
    for path in CODE_SET_INPUTS:
        add(Case(("codes", "import-icd", path)))
        add(Case(("codes", "import-icd", "--dry-run", path)))
        add(Case(("codes", "import-icd", path), practice="encrypted"))
    for patient in PATIENTS:
        add(Case(("check", "--patient", patient)))
        add(Case(("render", "--patient", patient, "-o", "{TMP}/out.pdf")))
        add(Case(("issued", "--patient", patient)))
        add(Case(("audit", "--patient", patient)))
        add(Case(("audit", "--patient", "pt-0001", "--number", patient)))
        add(Case(("cms1500", "--patient", patient, "-o", "{TMP}/out.pdf")))
        add(Case(("x837", "--patient", patient, "-o", "{TMP}/out.txt")))
        add(
            Case(
                (
                    "x837",
                    "--patient",
                    "pt-0001",
                    "--receiver",
                    patient,
                    "--payer-id",
                    patient,
                    "-o",
                    "{TMP}/o.txt",
                )
            )
        )
        add(Case(("cms1500", "--patient", "pt-0001", "--payer", patient, "-o", "{TMP}/out.pdf")))
        add(Case(("letter", "--patient", patient, "-o", "{TMP}/letter.pdf")))
        add(Case(("letter", "--patient", "pt-0001", "--prescription", patient, "-o", "{TMP}/letter.pdf")))
    for day in DATES:
        add(Case(("check", "--patient", "pt-0001", "--from", day)))
        add(Case(("check", "--patient", "pt-0001", "--to", day)))
        add(Case(("render", "--patient", "pt-0001", "--from", day, "-o", "{TMP}/out.pdf")))
        add(Case(("cms1500", "--patient", "pt-0001", "--to", day, "-o", "{TMP}/out.pdf")))
        add(Case(("letter", "--patient", "pt-0001", "--signed-on", day)))
        add(Case(("letter", "--patient", "pt-0001", "--signed-on", "2026-01-02", "--expires-on", day)))
    # Each visit is billed once: the template's SB holds every visit of pt-0001 (issue 13).
    add(Case(("render", "--patient", "pt-0001", "-o", "{TMP}/again.pdf")))
    add(
        Case(
            (
                "render",
                "--patient",
                "pt-0001",
                "--from",
                "2026-09-16",
                "--to",
                "2026-09-16",
                "-o",
                "{TMP}/a.pdf",
            )
        )
    )
    add(Case(("render", "--patient", "pt-0001", "--unbilled", "-o", "{TMP}/again.pdf")))
    add(Case(("check", "--patient", "pt-0001", "--unbilled")))
    # The demo over a practice with records, and --data-dir after the command (issue 13).
    add(Case(("demo", "-o", "{TMP}/demo.pdf")))
    add(
        Case(("demo", "-o", "{TMP}/demo.pdf"), practice="encrypted", env={"SUPERBILL_PASSPHRASE": PASSPHRASE})
    )
    for folder in (*DATA_DIRS, "", " "):
        add(Case(("check", "--patient", "pt-0001", "--data-dir", folder)))
        add(Case(("demo", "--data-dir", folder, "-o", "{TMP}/demo.pdf"), practice="empty"))
        add(Case(("codes", "icd", "back", "--data-dir", folder)))
    for number in NUMBERS:
        add(Case(("cms1500", "--patient", "pt-0001", "--replaces", number, "-o", "{TMP}/out.pdf")))
        add(Case(("x837", "--patient", "pt-0001", "--replaces", number, "-o", "{TMP}/out.txt")))
        add(Case(("cms1500", "--patient", "pt-0001", "--replaces", "CL-2026-0001", "--payer-claim-number", number,
                  "-o", "{TMP}/out.pdf")))  # fmt: skip
        add(Case(("cms1500", "--claim", number, "--form", "red", "-o", "{TMP}/out.pdf")))
        add(Case(("x837", "--claim", number, "--receiver", "R1", "--payer-id", "P1", "-o", "{TMP}/out.txt")))
        add(Case(("x837", "--patient", "pt-0001", "--sender", number, "-o", "{TMP}/out.txt")))
        add(Case(("reprint", number, "-o", "{TMP}/out.pdf")))
        add(Case(("reissue", number, "-o", "{TMP}/out.pdf")))
    for text in SEARCHES:
        add(Case(("codes", "icd", text)))
        add(Case(("codes", "cpt", text)))
    for offset in ("", ",", "1", "0.05,-0.1,3", "x,y", "5,5", "nan,inf", "1e308,0", "-0.1,\x1b[2J"):
        add(Case(("cms1500", "--set-offset", offset)))
    add(Case(("cms1500", "-o", "{TMP}/out.pdf")))  # neither a patient nor --test-page
    add(Case(("cms1500",)))
    add(Case(("x837", "-o", "{TMP}/out.txt")))  # neither a patient nor a claim
    add(Case(("x837", "--claim", "CL-2026-0001", "--patient", "pt-0001", "--replaces", "CL-2026-0001",
              "-o", "{TMP}/out.txt")))  # fmt: skip
    for limit in ("-1", "0", "1000000000", "x"):
        add(Case(("codes", "icd", "back", "--limit", limit)))
    for passphrase in ("", "short", " leading space ", "p" * 100_000, "\x1b[2J long enough"):
        add(Case(("encrypt",), env={"SUPERBILL_NEW_PASSPHRASE": passphrase}))
        add(
            Case(
                ("passphrase",),
                practice="encrypted",
                env={"SUPERBILL_PASSPHRASE": PASSPHRASE, "SUPERBILL_NEW_PASSPHRASE": passphrase},
            )
        )
    add(Case(("encrypt",)))  # no passphrase and no terminal to type one
    add(Case(("encrypt",), practice="encrypted", env={"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE}))
    add(Case(("passphrase",), env={"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE}))
    add(Case(("backups",)))
    for words in (("signature",), ("signature", "show"), ("signature", "clear"), ("signature", "bogus")):
        add(Case(words))
        add(Case(words, practice="empty"))
        add(Case(words, practice="encrypted"))  # no passphrase and no terminal
    add(Case(("letter", "--patient", "pt-0001")))  # neither -o nor --signed-on
    for year in ("", "0", "-1", "10000", "99999999999999999999", "x", "2026.5", "\x1b[2J"):
        add(Case(("statements", "--year", year, "-o", "{TMP}/statements")))
    for who in ("", "everyone", "\x1b[2J"):
        add(Case(("statements", "--year", "2026", "--patients", who, "-o", "{TMP}/statements")))
    add(Case(("statements", "--year", "2026", "-o", "{FILE}")))
    add(Case(("statements", "--year", "9998", "--again", "-o", "{TMP}/statements")))
    add(Case(("statements", "--year", "2026", "--again", "--draft", "-o", "{FILE}")))
    add(Case(("statements", "--year", "2026", "-o", "{TMP}/statements"), practice="empty"))
    add(Case(("statements", "--year", "1999", "-o", "{TMP}/statements")))
    add(Case(("statements", "--year", "2026", "--draft", "-o", "{TMP}/statements"), practice="encrypted"))
    add(Case(("reprint", "YE-2026-0001", "-o", "{TMP}/out.pdf")))
    for number in ("CL-2026-0001", "cl-", "CL-\x1b[2J", "CL-" + "9" * 400):
        add(Case(("reprint", number, "-o", "{TMP}/out.pdf")))
        add(Case(("reprint", number, "--password", "-o", "{TMP}/out.pdf")))
    add(Case(("letter", "--patient", "pt-0001", "-o", "{TMP}/l.pdf", "--signed-on", "2026-01-02")))
    add(Case(("letter", "--patient", "pt-0001", "-o", "{TMP}/l.pdf"), practice="empty"))
    add(Case(("backups",), practice="empty"))
    for secret in ("", "wrong passphrase", "ü" * 50, "p" * 100_000):
        add(Case(("export",), practice="encrypted", env={"SUPERBILL_PASSPHRASE": secret}))
        add(
            Case(
                ("check", "--patient", "pt-0001"), practice="encrypted", env={"SUPERBILL_PASSPHRASE": secret}
            )
        )
    for key in ("", "0000-0000", "7KQ2-9XMP-" * 5, "ÄÖÜ", "k" * 10_000):
        add(Case(("--recovery-key", "export"), practice="encrypted", env={"SUPERBILL_RECOVERY_KEY": key}))
    for command in (("export",), ("issued", "--patient", "pt-0001"), ("backup",), ("codes", "icd", "back")):
        add(Case(command, practice="encrypted"))  # no passphrase and no terminal
    for folder in DATA_DIRS:
        for command in (
            ("check", "--patient", "pt-0001"),
            ("import", "{SAMPLE}"),
            ("backup",),
            ("backups",),
            ("codes", "icd", "back"),
            ("export",),
            ("demo", "-o", "{TMP}/demo.pdf"),
            ("signature", "show"),
            ("signature", "set", "{SAMPLE}"),
        ):
            add(Case(command, practice="empty", data_dir=folder))
    for lock in HOSTILE_LOCKS:
        add(Case(("restore", "{BACKUP}", "--yes"), lock=lock))
        add(Case(("restore", "{BACKUP}", "--yes"), practice="encrypted", env={"SUPERBILL_PASSPHRASE": PASSPHRASE},
                 lock=lock))  # fmt: skip
        add(Case(("encrypt",), env={"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE}, lock=lock))
        add(Case(("check", "--patient", "pt-0001"), lock=lock))
        add(Case(("backup",), lock=lock))
    return cases


CASES = _cases()


def test_every_command_is_attacked() -> None:
    attacked = {case.command for case in CASES}
    commands = {name.replace("_", " ") for name in COMMANDS}
    named = {
        "change passphrase": "passphrase",
        "codes import icd": "codes import-icd",
        "import clients": "import-clients",
    }
    assert {"signature set", "signature clear", "signature show"} <= attacked
    assert {named.get(c, c) for c in commands} <= attacked | {"codes"}, "a command has no hostile cases"
    assert {"codes icd", "codes cpt", "codes import-icd"} <= attacked


# Templates ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Real practices to copy for each case: plain and encrypted (both with a superbill and a backup)."""
    root = tmp_path_factory.mktemp("templates")
    sample = Path(__file__).resolve().parents[1] / "data" / "sample-practice.json"
    saved = dict(os.environ)
    try:
        os.environ["SUPERBILL_LOG_DIR"] = str(root / "logs")
        plain = root / "plain"
        assert main(["--data-dir", str(plain), "import", str(sample)]) == 0
        assert (
            main(["--data-dir", str(plain), "render", "--patient", "pt-0001", "-o", str(root / "a.pdf")]) == 0
        )
        assert main(["--data-dir", str(plain), "backup"]) == 0
        encrypted = root / "encrypted"
        shutil.copytree(plain, encrypted)
        os.environ["SUPERBILL_NEW_PASSPHRASE"] = PASSPHRASE
        assert main(["--data-dir", str(encrypted), "encrypt"]) == 0
        empty = root / "empty"
        empty.mkdir()
        fresh = root / "fresh"  # what opening an empty folder writes: the schema's own rows
        Workspace(fresh).close()
        _NEW_PRACTICE.update(_inserts(fresh / "practice.sqlite3"))
        yield {"plain": plain, "encrypted": encrypted, "empty": empty, "sample": sample}
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _state(folder: Path) -> dict[str, object]:
    """What a refusal must leave as it was: the records, the key file, the backups and other files.

    The database's own files are compared by what they hold (a new, empty practice holds nothing),
    not by their bytes or presence: SQLite's -wal and -shm come and go as it opens the file.
    """
    state: dict[str, object] = {}
    if not folder.is_dir():
        return state
    for path in sorted(folder.rglob("*")):
        relative = str(path.relative_to(folder))
        if relative.startswith("practice.sqlite3"):
            continue
        if path.is_dir() or not path.is_file():  # a named pipe is not read: nobody writes to it
            state[relative] = "folder" if path.is_dir() else "not a file"
        else:
            state[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    database = folder / "practice.sqlite3"
    if database.is_file() and database.read_bytes()[:16] == b"SQLite format 3\x00":
        state["records"] = [line for line in _inserts(database) if line not in _NEW_PRACTICE]
    elif database.is_file():
        state["records"] = hashlib.sha256(database.read_bytes()).hexdigest()  # encrypted
    if state.get("records") == []:
        del state["records"]
    return state


_NEW_PRACTICE: set[str] = set()


def _inserts(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [line for line in connection.iterdump() if line.startswith("INSERT")]
    finally:
        connection.close()


def _write_code_set_inputs(folder: Path) -> None:
    """The files of CODE_SET_INPUTS: empty, a truncated zip, a zip without an order file, binary bytes."""
    import io
    import zipfile

    (folder / "icd10cm_order_2028.txt").write_bytes(b"")
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "Code Descriptions/icd10cm_order_2028.txt", "00001 A00     0 Cholera" + " " * 60 + "\r\n" * 50
        )
    (folder / "icd10cm-Code Descriptions-2028.zip").write_bytes(
        whole.getvalue()[: len(whole.getvalue()) // 2]
    )
    with zipfile.ZipFile(folder / "icd10cm-Tables-Index-2028.zip", "w") as archive:
        archive.writestr("icd10cm_tabular_2028.xml", "<ICD10CM.tabular/>")
    (folder / "icd10cm_order_addenda_2028.txt").write_bytes(bytes(range(256)) * 8)


def _plant_lock(data: Path, lock: str) -> None:
    """Put one of HOSTILE_LOCKS where the practice's lock file goes."""
    path = data / "practice.lock"
    if lock == "folder":
        path.mkdir()
    elif lock == "link to the database":
        path.symlink_to(data / "practice.sqlite3")
    elif lock == "hard link to the database":
        os.link(data / "practice.sqlite3", path)
    elif lock == "named pipe":
        os.mkfifo(path)
    else:
        path.write_bytes(b'{"pid": "\x1b[2J", "since": 7}\x00\xff' + bytes(range(32)))


def _fill(text: str, places: dict[str, str]) -> str:
    for name, value in places.items():
        text = text.replace("{" + name + "}", value)
    return text


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_hostile_command_line_gets_a_clean_answer(
    case: Case,
    templates: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    if case.practice != "empty":
        shutil.copytree(templates[case.practice], data)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    regular = scratch / "notes.txt"
    regular.write_text("not a practice file\n", encoding="utf-8")
    binary = scratch / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80\x81")
    _write_code_set_inputs(scratch)
    places = {
        "DATA": str(data),
        "TMP": str(scratch),
        "FILE": str(regular),
        "BINARY": str(binary),
        "SAMPLE": str(templates["sample"]),
        "BACKUP": str(next(iter(sorted((data / "backups").glob("practice-*.sqlite3"))), "")),
    }
    monkeypatch.chdir(scratch)  # a relative path ("" is the current folder) lands in the scratch folder
    for name in ("SUPERBILL_PASSPHRASE", "SUPERBILL_NEW_PASSPHRASE", "SUPERBILL_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    data_dir = _fill(case.data_dir, places)
    if case.lock is not None:
        (data / "practice.lock").unlink(missing_ok=True)  # the template's own, from `encrypt`
        _plant_lock(data, case.lock)
    before = _state(data)

    try:
        status = main(["--data-dir", data_dir, *(_fill(a, places) for a in case.args)])
    except SystemExit as exit_:  # argparse's own refusal of a malformed command line
        status = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()

    assert "Traceback" not in err
    assert not set(out + err) & TERMINAL_CONTROLS, "a control character reached the terminal"
    assert status in ALLOWED, f"exit {status}: {err.strip()[-500:]}"
    if case.practice != "empty":
        assert _opens(data), "the practice no longer opens"
    if status != 0:
        assert err.strip() or status == 1, "a refusal must say why"
        assert _state(data) == before, "a refusal changed the practice"


def _opens(data: Path) -> bool:
    """Whether the practice is still a practice: the database ours and sound, the key file a key file."""
    database = data / "practice.sqlite3"
    if not (data / "key.json").exists():
        return classify_database(database) is Health.OK
    key_file = json.loads((data / "key.json").read_text(encoding="utf-8"))
    return key_file["format"] == "superbill-desk database key" and database.stat().st_size > 4096


# What only a real process shows ----------------------------------------------------------------


def _superbill(
    data: Path, *args: str | bytes, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "SUPERBILL_DATA_DIR": str(data), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def plain(templates: dict[str, Path], tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(templates["plain"], data)
    return data


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a display is DISPLAY or WAYLAND_DISPLAY on Linux"
)
@pytest.mark.parametrize(
    "env",
    [
        {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""},
        {"DISPLAY": "", "QT_QPA_PLATFORM": "xcb"},
        {"WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": "wayland-egl"},
    ],
    ids=["empty display variables", "xcb", "wayland-egl"],
)
def test_the_app_with_no_display_is_one_line_and_exit_3(plain: Path, env: dict[str, str]) -> None:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    before = _state(plain)
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        env={**environment, "SUPERBILL_DATA_DIR": str(plain), **env},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 3
    assert b"Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert b"no display" in result.stderr
    assert _state(plain) == before


def test_export_to_a_full_standard_output_is_one_line(plain: Path) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "app", "export"],
            env={**os.environ, "SUPERBILL_DATA_DIR": str(plain)},
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert b"Traceback" not in result.stderr
    assert result.returncode in ALLOWED - {0}
    assert len(result.stderr.decode().strip().splitlines()) == 1


def test_a_closed_pipe_ends_the_listing_quietly(plain: Path) -> None:
    environment = {**os.environ, "SUPERBILL_DATA_DIR": str(plain)}
    listing = subprocess.Popen(
        [sys.executable, "-m", "app", "codes", "icd", "pain", "--limit", "500"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.readline()
    listing.stdout.close()  # as `| head -1` does
    err = listing.stderr.read()
    listing.stderr.close()
    assert listing.wait(timeout=60) in (0, 141)  # done, or ended as SIGPIPE ends a Unix tool
    assert b"Traceback" not in err
    assert b"BrokenPipe" not in err


def test_bytes_that_are_not_utf8_in_the_passphrase_are_refused(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(templates["encrypted"], data)
    environment = {
        **os.environb,
        b"SUPERBILL_DATA_DIR": bytes(data),
        b"SUPERBILL_PASSPHRASE": b"\xff\xfe caf\xe9",
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", "export"], env=environment, capture_output=True, timeout=60, check=False
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr


def test_a_file_name_that_is_not_utf8_is_one_line(plain: Path, tmp_path: Path) -> None:
    name = bytes(tmp_path) + b"/\xff\xfe.json"
    Path(os.fsdecode(name)).write_text("{}", encoding="utf-8")
    result = _superbill(plain, "import", name)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 2


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


@pytest.mark.parametrize(
    "command", [("import",), ("import-clients", "--yes"), ("codes", "import-icd", "--fiscal-year", "2027")]
)
@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom"])
def test_importing_an_endless_file_is_refused_without_reading_it_all(
    plain: Path, source: str, command: tuple[str, ...]
) -> None:
    result = _superbill(plain, *command, source, preexec_fn=_limit_memory)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("import",),
        ("import-clients", "--yes"),
        ("restore", "--yes"),
        ("codes", "import-icd"),
        ("codes", "import-icd", "--fiscal-year", "2027"),
    ],
)
def test_a_named_pipe_nobody_writes_to_never_hangs(
    plain: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    words = (command[0], str(fifo), *command[1:]) if command[0] != "codes" else (*command, str(fifo))
    result = _superbill(plain, *words)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr


# Client lists a spreadsheet never wrote, or wrote badly (superbill import-clients).
HOSTILE_CLIENT_LISTS = (
    b"",
    b"\r\n\r\n",
    b"First,Last,DOB\r\n",
    b"First,Last,DOB\r\n\x1b[2J,\x07evil,13/45/1985\r\n",
    b"First,Last,DOB\r\nAna,Lee,02/30/1985,extra,values\r\n",
    b'First,Last,DOB\r\n"Ana,Lee,1/1/1990\r\n',
    b"First,Last,DOB\r\nAna,Lee,1/1/2999\r\n",
    b"First,Last,DOB\r\nAna,,1/1/1990\r\n",
    b"First,Last,DOB,Zip,City\r\nAna,Lee,1/1/1990,1,\r\n",
    b"First,Last,DOB,Member ID\r\nAna,Lee,1/1/1990,X1\r\n",
    b"First,Last,DOB,Gender\r\nAna,Lee,1/1/1990,\xe2\x80\xae\r\n",
    b"Name;Birthday\r\n" + b"\x81\x8d\x8f" * 10,
    b"\xff\xfeN\x00a\x00m\x00e\x00",
    b"First\x00,Last,DOB\r\nAna,Lee,1/1/1990\r\n",
    b"First,Last,DOB\r\n" + b"Ana,Lee," + b"9" * 100_000 + b"\r\n",
    b'First,Last,DOB\r\n"' + b"a" * 200_000 + b'",Lee,1/1/1990\r\n',
)


@pytest.mark.parametrize("content", HOSTILE_CLIENT_LISTS, ids=lambda c: repr(c[:30]))
def test_a_hostile_client_list_gets_a_clean_answer(
    content: bytes, plain: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(content)
    before = _state(plain)
    status = main(["--data-dir", str(plain), "import-clients", str(path), "--yes"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert not set(out + err) & TERMINAL_CONTROLS, "a control character reached the terminal"
    assert status in ALLOWED, f"exit {status}: {err.strip()[-500:]}"
    if status != 0:
        assert len(err.strip().splitlines()) == 1, err
        assert _state(plain) == before, "a refusal changed the practice"
