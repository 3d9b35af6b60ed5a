"""An attacker's practice files: `superbill import` refuses each with exit 2 and one line naming where.

The promise (README, "The practice file"): import is all or nothing; the first problem stops it,
the message names the field, the exit status is 2 and the database is exactly as it was. Attacked
here with what json and Python's date and number parsing let through on their own: a key written
twice (json keeps the last), files that are not files (/dev/zero, a pipe nobody writes to, a
folder, a file too large to hold), dates no practice has (9999-12-31, ISO week dates, before
1900) and amounts in other scripts' digits or with commas anywhere. And a date already stored by
an older version, that `check` and `render` must survive.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.services.practice_file import LARGEST_FILE

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "sample-practice.json"
SAMPLE: dict[str, Any] = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()  # the store's window is relative to the real today


# -- running the real CLI -------------------------------------------------------------------------


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def run_process(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m app ...` in its own process, with at most 1 GiB of memory: a reader without a bound
    fails fast here (MemoryError, a traceback) instead of eating the machine's memory."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "app", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        preexec_fn=limit_memory,
        check=False,
    )


def dump(data_dir: Path) -> list[str]:
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and stderr == lines[0] + "\n", f"not one line: {stderr[:500]!r}"
    assert lines[0].startswith("error: ") and "Traceback" not in lines[0]
    return lines[0]


@pytest.fixture
def practice(data_dir: Path) -> Path:
    """A data folder holding the sample practice, imported through the CLI."""
    status, _out, err = run("--data-dir", str(data_dir), "import", str(SAMPLE_PATH))
    assert status == 0, err
    return data_dir


def refused(data_dir: Path, file: Path, naming: str) -> str:
    """Import `file`: exit 2, one line starting with `naming` (the field), the database unchanged."""
    before = dump(data_dir)
    status, out, err = run("--data-dir", str(data_dir), "import", str(file))
    assert (status, out) == (2, ""), (status, out, err)
    line = one_line(err)
    assert line.startswith(f"error: {naming}: "), line
    assert dump(data_dir) == before
    return line


def changed(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(SAMPLE))
    change(document)
    return document


def write(tmp_path: Path, document: object) -> Path:
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return file


# -- a key written twice ---------------------------------------------------------------------------


def with_repeated_key(value: object, at: tuple[str | int, ...] | None, key: str, repeat: object) -> str:
    """`value` as JSON text, with `"key": repeat` written a second time at the end of the object at `at`
    (None: the object is not on the way there)."""

    def child(step: str | int, item: object) -> str:
        return with_repeated_key(item, at[1:] if at and at[0] == step else None, key, repeat)

    if isinstance(value, dict):
        pairs = [f"{json.dumps(k)}: {child(k, v)}" for k, v in value.items()]
        if at == ():
            pairs.append(f"{json.dumps(key)}: {json.dumps(repeat)}")
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(child(i, v) for i, v in enumerate(value)) + "]"
    return json.dumps(value)


REPEATED = [
    # (where, key, the second value, the field the refusal names)
    ((), "patients", [], None),  # "Imported 0 patient(s)" before: the whole practice silently dropped
    (("practitioner",), "npi", "1234567893", "practitioner"),
    (("practitioner", "address"), "zip", "98101", "practitioner.address"),
    (("fees",), "97124", "0.01", "fees"),
    (("payers", 1), "kind", "self_pay", "payers[1]"),
    (("patients", 0), "last_name", "Someone Else", "patients[0]"),
    (("patients", 0, "coverages", 0), "member_id", "X1", "patients[0].coverages[0]"),
    (("patients", 0, "prescriptions", 0), "expires_on", "2026-09-03", "patients[0].prescriptions[0]"),
    (("patients", 0, "visits", 1), "date", "2026-09-17", "patients[0].visits[1]"),
    (("patients", 0, "visits", 1, "lines", 1), "minutes", 60, "patients[0].visits[1].lines[1]"),
    (("patients", 0, "payments", 0), "amount", "1.00", "patients[0].payments[0]"),
]


@pytest.mark.parametrize(("at", "key", "repeat", "field"), REPEATED, ids=[r[3] or "file" for r in REPEATED])
def test_a_key_written_twice_is_refused_naming_the_object(
    practice: Path, tmp_path: Path, at: tuple[str | int, ...], key: str, repeat: object, field: str | None
) -> None:
    file = tmp_path / "repeated.json"
    file.write_text(with_repeated_key(SAMPLE, at, key, repeat), encoding="utf-8")
    line = refused(practice, file, field or str(file))
    assert f'the key "{key}" appears twice' in line


def test_the_first_key_written_twice_in_the_file_is_the_one_named(practice: Path, tmp_path: Path) -> None:
    text = with_repeated_key(SAMPLE, ("patients", 0, "visits", 0), "id", "v-9")
    text = text.replace('"format": "superbill/1"', '"format": "superbill/1", "format": "superbill/1"', 1)
    file = tmp_path / "twice.json"
    file.write_text(text, encoding="utf-8")
    assert 'the key "format" appears twice' in refused(practice, file, str(file))


# -- files that are not practice files -----------------------------------------------------------


def test_dev_zero_is_refused_without_being_read(practice: Path) -> None:
    before = dump(practice)
    done = run_process("--data-dir", str(practice), "import", "/dev/zero")
    assert done.returncode == 2, done.stderr[-2000:]
    assert one_line(done.stderr).startswith("error: /dev/zero: is not a file")
    assert dump(practice) == before


def test_a_pipe_nobody_writes_to_is_refused_at_once(practice: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "practice.json"
    os.mkfifo(pipe)
    before = dump(practice)
    done = run_process("--data-dir", str(practice), "import", str(pipe), timeout=30)  # hung before
    assert done.returncode == 2, done.stderr[-2000:]
    assert one_line(done.stderr).startswith(f"error: {pipe}: is not a file")
    assert dump(practice) == before


def test_a_folder_is_refused(practice: Path, tmp_path: Path) -> None:
    assert "is a folder" in refused(practice, tmp_path, str(tmp_path))


def test_a_file_larger_than_any_practice_file_is_refused_unread(practice: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(LARGEST_FILE + 1)  # sparse: no disk used, but read it would fill 1 GiB
    before = dump(practice)
    done = run_process("--data-dir", str(practice), "import", str(huge))
    assert done.returncode == 2, done.stderr[-2000:]
    assert one_line(done.stderr) == f"error: {huge}: is larger than 500 MB: too large for a practice file"
    assert dump(practice) == before


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("\ufeff".encode() + SAMPLE_PATH.read_bytes().replace(b"Okafor", b"\xff"), "is not UTF-8 text"),
        (json.dumps(SAMPLE).encode("utf-16"), "is not UTF-8 text"),
        (json.dumps(SAMPLE).encode("latin-1").replace(b"Okafor", "Økafor".encode("latin-1")), "is not UTF-8"),
        ("\ufeff\ufeff".encode() + SAMPLE_PATH.read_bytes(), "is not valid JSON (line 1, column 1"),
        (SAMPLE_PATH.read_bytes()[:-40], "is not valid JSON"),
        (b"", "is not valid JSON (line 1, column 1"),
    ],
    ids=["bytes-not-utf8", "utf16", "latin1", "two-boms", "truncated", "empty"],
)
def test_text_that_is_not_a_json_document_in_utf8_is_one_line(
    practice: Path, tmp_path: Path, content: bytes, says: str
) -> None:
    file = tmp_path / "broken.json"
    file.write_bytes(content)
    assert says in refused(practice, file, str(file))


def test_a_file_with_a_utf8_bom_imports(practice: Path, tmp_path: Path) -> None:
    file = tmp_path / "bom.json"
    file.write_bytes("\ufeff".encode() + SAMPLE_PATH.read_bytes())
    assert run("--data-dir", str(practice), "import", str(file))[0] == 0


# -- dates no practice has ----------------------------------------------------------------------


def _set(path: tuple[str | int, ...], value: object) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        node: Any = document
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return change


FAR = (TODAY + timedelta(days=400)).isoformat()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()
BAD_DATES = [
    (("patients", 0, "visits", 1, "date"), "9999-12-31", "is more than a year from today"),
    (("patients", 0, "visits", 1, "date"), FAR, "is more than a year from today"),
    (("patients", 0, "visits", 0, "date"), "0001-01-01", "is before the patient's date of birth"),
    (("patients", 0, "visits", 0, "date"), "1984-06-11", "is before the patient's date of birth"),
    (("patients", 0, "date_of_birth"), "1899-12-31", "is before 1900"),
    (("patients", 0, "date_of_birth"), TOMORROW, "is in the future"),
    (("patients", 0, "date_of_birth"), "9999-12-31", "is in the future"),
    (("patients", 0, "payments", 1, "date"), "9999-12-31", "is in the future"),
    (("patients", 0, "payments", 0, "date"), "0001-01-01", "is before 1900"),
    (("patients", 0, "prescriptions", 0, "written_on"), "9999-01-01", "is in the future"),
    (("patients", 0, "prescriptions", 0, "expires_on"), "9999-12-31", "more than five years from today"),
    (("patients", 0, "prescriptions", 0, "starts_on"), "1066-10-14", "is before 1900"),
    (("patients", 0, "coverages", 0, "injury_date"), "9999-12-31", "is in the future"),
]


@pytest.mark.parametrize(
    ("path", "value", "says"), BAD_DATES, ids=[f"{p[-1]}-{i}" for i, (p, _v, _s) in enumerate(BAD_DATES)]
)
def test_a_date_outside_its_window_is_refused_naming_the_field(
    practice: Path, tmp_path: Path, path: tuple[str | int, ...], value: str, says: str
) -> None:
    file = write(tmp_path, changed(_set(path, value)))
    field = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")
    assert says in refused(practice, file, field)


def test_a_subscriber_born_before_1900_is_refused(practice: Path, tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        coverage = document["patients"][0]["coverages"][0]
        coverage["relationship"] = "spouse"
        coverage["subscriber"] = {"first_name": "A", "last_name": "B", "date_of_birth": "1800-01-01"}

    file = write(tmp_path, changed(change))
    assert "is before 1900" in refused(practice, file, "patients[0].coverages[0].subscriber.date_of_birth")


def test_a_visit_booked_for_tomorrow_still_imports(practice: Path, tmp_path: Path) -> None:
    file = write(tmp_path, changed(_set(("patients", 0, "visits", 1, "date"), TOMORROW)))
    assert run("--data-dir", str(practice), "import", str(file))[0] == 0


NOT_DATES = [
    "2026-W37-3",  # an ISO week date: date.fromisoformat reads it as 2026-09-09
    "2026-W37",
    "20260914",  # the basic format
    "2026-09-14T10:00",
    "２０２６-０９-１４",  # fullwidth digits
    "٢٠٢٦-٠٩-١٤",  # Arabic-Indic digits
    "2026-09-1٤",
    "+2026-9-14",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_a_date_not_written_yyyy_mm_dd_in_ascii_digits_is_refused(
    practice: Path, tmp_path: Path, text: str
) -> None:
    file = write(tmp_path, changed(_set(("patients", 0, "visits", 1, "date"), text)))
    assert "is not a date written YYYY-MM-DD" in refused(practice, file, "patients[0].visits[1].date")


@pytest.mark.parametrize(
    ("text", "why"),
    [("2026-02-30", "(February 2026 has 28 days)"), ("2026-13-01", "(month 13)"), ("0000-01-01", "(year 0)")],
)
def test_an_impossible_date_in_a_practice_file_says_which_part_is_impossible(
    practice: Path, tmp_path: Path, text: str, why: str
) -> None:
    file = write(tmp_path, changed(_set(("patients", 0, "visits", 1, "date"), text)))
    assert f'"{text}" is not a date {why}' in refused(practice, file, "patients[0].visits[1].date")


@pytest.mark.parametrize("option", ["--from", "--to"])
@pytest.mark.parametrize("text", ["2026-W37-3", "20260914", "２０２６-０９-１４"])
def test_the_command_line_refuses_the_same_dates(practice: Path, option: str, text: str) -> None:
    with pytest.raises(SystemExit) as exited:
        run("--data-dir", str(practice), "check", "--patient", "pt-0001", option, text)
    assert exited.value.code == 2


# -- amounts in other digits, commas anywhere ------------------------------------------------------

NOT_AMOUNTS = [
    "４５.００",
    "٤٥.٠٠",
    "4٥.00",
    "1,0,0.00",
    ",100.00",
    "100,.00",
    "1,00.00",
    "1000,000.00",
    "1,0000.00",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS)
@pytest.mark.parametrize(
    "path", [("patients", 0, "payments", 0, "amount"), ("patients", 0, "visits", 0, "lines", 0, "fee")]
)
def test_an_amount_in_other_digits_or_with_misplaced_commas_is_refused(
    practice: Path, tmp_path: Path, text: str, path: tuple[str | int, ...]
) -> None:
    file = write(tmp_path, changed(_set(path, text)))
    field = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")
    assert "is not a dollar amount" in refused(practice, file, field)


def test_a_fee_with_a_misplaced_comma_is_refused(practice: Path, tmp_path: Path) -> None:
    file = write(tmp_path, changed(lambda d: d["fees"].update({"97124": "4,0.00"})))
    refused(practice, file, "fees.97124")


def test_thousands_separators_in_their_places_are_read(practice: Path, tmp_path: Path) -> None:
    file = write(tmp_path, changed(_set(("patients", 0, "payments", 0, "amount"), "1,200.00")))
    assert run("--data-dir", str(practice), "import", str(file))[0] == 0
    status, exported, _err = run("--data-dir", str(practice), "export")
    assert status == 0 and '"amount": "1200.00"' in exported


# -- a date stored before the store refused it -----------------------------------------------------


@pytest.fixture
def stored_far_future_visit(practice: Path) -> Iterator[Path]:
    """The sample practice, with a visit dated 9999-12-31 as an older version could have stored it."""
    connection = sqlite3.connect(practice / "practice.sqlite3")
    with connection:
        connection.execute("UPDATE visits SET date = '9999-12-31' WHERE key = 'v-2'")
    connection.close()
    yield practice


def test_check_reports_a_stored_far_future_visit_instead_of_crashing(stored_far_future_visit: Path) -> None:
    status, out, err = run("--data-dir", str(stored_far_future_visit), "check", "--patient", "pt-0001")
    assert status == 1, err
    assert "service-date-in-future" in out and "Dec 31, 9999" in out


def test_a_draft_of_a_stored_far_future_visit_renders(stored_far_future_visit: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "draft.pdf"
    data_dir = str(stored_far_future_visit)
    status, _out, err = run(
        "--data-dir", data_dir, "render", "--patient", "pt-0001", "--draft", "-o", str(pdf)
    )
    assert status == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")
    status, out, err = run("--data-dir", data_dir, "render", "--patient", "pt-0001", "-o", str(pdf))
    assert status == 1 and "service-date-in-future" in out, err
