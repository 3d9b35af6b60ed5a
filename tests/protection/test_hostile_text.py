"""Hostile text: control characters, line breaks and invisible values never get in, print, or reach a terminal.

As an attacker would try it:

- every class of hostile character (NUL, BEL, ESC, DEL, C1 controls, CR, LF, TAB, line and paragraph
  separators, text-direction overrides and isolates) inside every single-line field of the practice
  file, and values made only of invisible characters (zero-width spaces, U+200B-U+200F, U+2060,
  U+FEFF, a combining mark alone): `superbill import` exits 2 with one line naming the field's path,
  and the database is byte for byte as it was;
- the same through the store's own save methods (what the app's forms call);
- a prescription's notes (the one multi-line field) keep their line breaks, written as LF;
- a database from an older version holding such text (planted with SQL, past the save-time rule):
  the superbill renders, final and draft, and every character is drawn inside the page;
- CLI commands that print stored text (check, audit, issued, codes cpt) never write raw ESC,
  BEL or CR to the terminal;
- `--patient A00001` when "A00001" is one patient's ID and another's account number picks neither.
"""

from __future__ import annotations

import copy
import io
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.errors import ValidationError
from app.domain.practice import Address, Patient
from app.domain.procedures import Procedure
from app.services.superbills import Period, SuperbillRefused, issue_superbill
from app.services.workspace import Workspace
from tests.protection.helpers import PATIENT, TODAY, imported_workspace
from tests.protection.test_extreme_superbills import out_of_bounds, read_pages

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "sample-practice.json"
SAMPLE: dict[str, Any] = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))

# Put inside a value ("Ok<char>ay"): surrounding spaces are trimmed, so the middle is where it hurts.
INSIDE = {
    "NUL": "\x00",
    "BEL": "\x07",
    "BS": "\x08",
    "TAB": "\t",
    "LF": "\n",
    "VT": "\x0b",
    "FF": "\x0c",
    "CR": "\r",
    "CRLF": "\r\n",
    "ESC sequence": "\x1b[2J\x1b[31m",
    "DEL": "\x7f",
    "NEL (C1)": "\x85",
    "CSI (C1)": "\x9b",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "RLO override": "\u202e",
    "LRE embedding": "\u202a",
    "PDF": "\u202c",
    "RLI isolate": "\u2067",
    "PDI": "\u2069",
    "ALM direction mark": "\u061c",
    "LRM direction mark": "\u200e",
    "RLM direction mark": "\u200f",
    "zero-width space inside": "\u200b",
    "BOM inside": "\ufeff",
    "soft hyphen": "\u00ad",
    "word joiner inside": "\u2060",
    "noncharacter U+FFFF": "\uffff",
    "private use": "\ue000",
    "zero-width joiner between Latin letters": "\u200d",
    "zero-width non-joiner between Latin letters": "\u200c",
}
# The whole value.
INVISIBLE = {
    "zero-width space": "\u200b",
    "ZWNJ ZWJ": "\u200c\u200d",
    "LRM RLM": "\u200e\u200f",
    "word joiner": "\u2060",
    "BOM": "\ufeff",
    "combining acute alone": "\u0301",
    "combining marks": "\u0301\u0308",
    "hangul filler": "\u3164",
}
HOSTILE = {name: f"Ok{ch}ay" for name, ch in INSIDE.items()} | INVISIBLE
# Spaces only: the practice file trims them to nothing (an empty optional field, or "is required");
# the store, which trims nothing, refuses them.
BLANK = "\u00a0\u2007 "

# Every single-line text field of the practice file, as (path, place in the document, key).
Place = Callable[[dict[str, Any]], dict[str, Any]]
FIELDS: list[tuple[str, Place, str]] = []
for _key in ("first_name", "last_name", "credentials", "practice_name", "license_number", "phone"):
    FIELDS.append((f"practitioner.{_key}", lambda d: d["practitioner"], _key))
for _key in ("line1", "line2", "city"):
    FIELDS.append((f"practitioner.address.{_key}", lambda d: d["practitioner"]["address"], _key))
for _key in ("name", "phone"):
    FIELDS.append((f"payers[0].{_key}", lambda d: d["payers"][0], _key))
FIELDS.append(("payers[0].address.line1", lambda d: d["payers"][0]["address"], "line1"))
for _key in ("first_name", "last_name", "phone"):
    FIELDS.append((f"patients[0].{_key}", lambda d: d["patients"][0], _key))
for _key in ("line1", "city"):
    FIELDS.append((f"patients[0].address.{_key}", lambda d: d["patients"][0]["address"], _key))
for _key in ("member_id", "group_number", "employer", "claim_number", "adjuster", "authorization_number"):
    FIELDS.append((f"patients[0].coverages[0].{_key}", lambda d: d["patients"][0]["coverages"][0], _key))
for _key in ("prescriber_name", "prescriber_credentials", "frequency", "body_areas"):
    FIELDS.append(
        (f"patients[0].prescriptions[0].{_key}", lambda d: d["patients"][0]["prescriptions"][0], _key)
    )
for _key in ("body_region", "unit_reason"):
    FIELDS.append(
        (
            f"patients[0].visits[0].lines[0].{_key}",
            lambda d: d["patients"][0]["visits"][0]["lines"][0],
            _key,
        )
    )
FIELDS.append(("patients[0].payments[0].reference", lambda d: d["patients"][0]["payments"][0], "reference"))


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def dump(folder: Path) -> str:
    connection = sqlite3.connect(folder / "practice.sqlite3")
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    assert run_cli("--data-dir", str(folder), "import", str(SAMPLE_PATH))[0] == 0
    return folder, dump(folder)


# -- through the practice file ---------------------------------------------------------------


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_import_refuses_hostile_text_in_every_single_line_field(
    kind: str, imported: tuple[Path, str], tmp_path: Path
) -> None:
    folder, before = imported
    for path, place, key in FIELDS:
        document = copy.deepcopy(SAMPLE)
        place(document)[key] = HOSTILE[kind]
        file = tmp_path / "hostile.json"
        file.write_text(json.dumps(document), encoding="utf-8")
        status, out, err = run_cli("--data-dir", str(folder), "import", str(file))
        where = f"{kind} in {path}"
        assert status == 2, where
        assert err.count("\n") == 1 and err.startswith(f"error: {path}: "), (where, err)
        assert err.isprintable() or err[:-1].isprintable(), (where, err)
        assert out == "", where
        assert dump(folder) == before, where


def test_the_message_says_what_is_wrong_and_what_to_do(imported: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = imported
    cases = {
        "Okafor\nSmith": "error: patients[0].last_name: Last name contains a line break: type it on one line.",
        "Oka\tfor": "error: patients[0].last_name: Last name contains a tab: use spaces instead.",
        "Oka\x1bfor": "error: patients[0].last_name: Last name contains a control character (U+001B): "
        "type it again without it.",
        "\u200b\u200b": "error: patients[0].last_name: Last name holds only invisible characters "
        "(spaces, zero-width marks): type the value or leave it empty.",
    }
    for value, expected in cases.items():
        document = copy.deepcopy(SAMPLE)
        document["patients"][0]["last_name"] = value
        file = tmp_path / "one.json"
        file.write_text(json.dumps(document), encoding="utf-8")
        assert run_cli("--data-dir", str(folder), "import", str(file))[2] == expected + "\n"


def test_ordinary_text_from_every_script_still_imports(tmp_path: Path) -> None:
    document = copy.deepcopy(SAMPLE)
    patient = document["patients"][0]
    patient["first_name"] = "Zoë Ngọc\u00a0Anh"  # a no-break space between names is kept
    patient["last_name"] = "می\u200cخواهم"  # Persian: a zero-width non-joiner inside a word is spelling
    patient["address"]["line1"] = "Straße 5 — Tür 3"
    file = tmp_path / "ok.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    status, _, err = run_cli("--data-dir", str(tmp_path / "d"), "import", str(file))
    assert status == 0, err


# -- through the store's save methods ----------------------------------------------------------


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    with imported_workspace(data_dir, SAMPLE_PATH) as opened:
        yield opened


@pytest.mark.parametrize("kind", [*HOSTILE, "blank"])
def test_every_save_method_refuses_hostile_text(kind: str, workspace: Workspace) -> None:
    store = workspace.store
    bad = BLANK if kind == "blank" else HOSTILE[kind]
    chart = store.chart(PATIENT)
    practitioner = store.practitioner()
    assert practitioner is not None
    payer = store.payers()[0]
    saves: list[tuple[str, Callable[[], object]]] = [
        ("patient.last_name", lambda: store.save_patient(replace(chart.patient, last_name=bad))),
        (
            "patient.address.line2",
            lambda: store.save_patient(
                replace(chart.patient, address=Address("1 Main St", "Seattle", "WA", "98109", line2=bad))
            ),
        ),
        (
            "patient.id",
            lambda: store.save_patient(Patient(bad, "New", "Person", date(1990, 1, 1))),
        ),
        ("coverage.employer", lambda: store.save_coverage(PATIENT, replace(chart.coverages[0], employer=bad))),
        (
            "prescription.prescriber_name",
            lambda: store.save_prescription(PATIENT, replace(chart.prescriptions[0], prescriber_name=bad)),
        ),
        (
            "visit.lines[0].body_region",
            lambda: store.save_visit(
                PATIENT,
                replace(
                    chart.visits[0],
                    lines=(replace(chart.visits[0].lines[0], body_region=bad), *chart.visits[0].lines[1:]),
                ),
            ),
        ),
        ("payment.reference", lambda: store.save_payment(PATIENT, replace(chart.payments[0], reference=bad))),
        ("payer.name", lambda: store.save_payer(replace(payer, name=bad))),
        ("practitioner.practice_name", lambda: store.save_practitioner(replace(practitioner, practice_name=bad))),
        ("practitioner.address.city", lambda: store.save_practitioner(
            replace(practitioner, address=replace(practitioner.address, city=bad)))),
        ("procedure.description", lambda: store.save_procedure(Procedure("97999", bad, timed=False))),
    ]  # fmt: skip
    before = dump(workspace.data_dir)
    for field, save in saves:
        with pytest.raises(ValidationError) as refused:
            save()
        assert refused.value.field == field, (kind, field)
    assert dump(workspace.data_dir) == before


def test_notes_keep_their_line_breaks_written_as_lf(workspace: Workspace) -> None:
    store = workspace.store
    rx = store.chart(PATIENT).prescriptions[0]
    store.save_prescription(
        PATIENT, replace(rx, notes="Line one\r\nline two\rline three\u2028four\n\tindented")
    )
    assert store.chart(PATIENT).prescriptions[0].notes == "Line one\nline two\nline three\nfour\n\tindented"
    for bad in ("a\x1bb", "a\x00b", "a\u202eb", "\u200b"):
        with pytest.raises(ValidationError) as refused:
            store.save_prescription(PATIENT, replace(rx, notes=bad))
        assert refused.value.field == "prescription.notes"


def test_text_is_saved_in_one_unicode_form(workspace: Workspace) -> None:
    store = workspace.store
    patient = store.chart(PATIENT).patient
    store.save_patient(replace(patient, first_name="Zoe\u0308"))  # e + combining diaeresis
    saved = store.patient(PATIENT)
    assert saved is not None and saved.first_name == "Zo\u00eb"
    assert [p.key for p in store.patients("zoë")] == [PATIENT]


def test_a_prescription_from_the_practice_file_keeps_multi_line_notes(tmp_path: Path) -> None:
    document = copy.deepcopy(SAMPLE)
    document["patients"][0]["prescriptions"][0]["notes"] = "First\r\nSecond"
    file = tmp_path / "notes.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    folder = tmp_path / "d"
    assert run_cli("--data-dir", str(folder), "import", str(file))[0] == 0
    with Workspace(folder) as opened:
        assert opened.store.chart(PATIENT).prescriptions[0].notes == "First\nSecond"


# -- text an older version stored ---------------------------------------------------------------

PLANTED_VALUES = {
    "line breaks": "Acme\n" * 300,
    "controls": "Ok\x00\x07\x1b[31m\r\n\t\x7f\x85\x9bay" * 40,
    "bidi": "\u202eevil\u202c \u2066x\u2069" * 40,
    "invisible": "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u0301",
    "unbroken": "W" * 5000,
}

# table: columns printed on the superbill (all of them text)
PLANTED_COLUMNS = {
    "practice": (
        "first_name", "last_name", "credentials", "practice_name", "npi", "tax_id", "license_number",
        "license_state", "phone", "taxonomy", "address_line1", "address_line2", "address_city",
        "address_state", "address_zip",
    ),
    "patients": ("first_name", "last_name", "sex", "phone", "address_line1", "address_line2",
                 "address_city", "address_state", "address_zip", "account_number"),
    "payers": ("name", "phone", "address_line1", "address_line2", "address_city", "address_state",
               "address_zip"),
    "coverages": ("member_id", "group_number", "claim_number", "employer", "accident_state", "adjuster",
                  "authorization_number", "subscriber_first_name", "subscriber_last_name"),
    "prescriptions": ("prescriber_name", "prescriber_credentials", "prescriber_npi"),
    "service_lines": ("body_region",),
    "payments": ("reference",),
}  # fmt: skip


def plant(folder: Path, value: str) -> None:
    """Write `value` into every printed text column, past the store (as an older version might have)."""
    connection = sqlite3.connect(folder / "practice.sqlite3")
    try:
        with connection:
            for table, columns in PLANTED_COLUMNS.items():
                assignments = ", ".join(f"{column} = :value" for column in columns)
                if table == "coverages":
                    # a child's coverage shows the subscriber; a workers' comp claim every injury field
                    assignments += (
                        ", relationship = 'child', subscriber_date_of_birth = '1960-01-01',"
                        " injury_date = '2026-09-01'"
                    )
                connection.execute(f"UPDATE {table} SET {assignments}", {"value": value})
            connection.execute("UPDATE payers SET kind = 'workers_comp' WHERE key = 'premera'")
    finally:
        connection.close()


@pytest.mark.parametrize("shape", list(PLANTED_VALUES))
def test_a_superbill_prints_stored_hostile_text_inside_the_page(shape: str, data_dir: Path) -> None:
    with imported_workspace(data_dir, SAMPLE_PATH):
        pass
    plant(data_dir, PLANTED_VALUES[shape])
    with Workspace(data_dir) as workspace:
        documents = [
            issue_superbill(workspace.store, workspace.codes, PATIENT, Period(), today=TODAY, draft=True)
        ]
        try:
            documents.append(
                issue_superbill(workspace.store, workspace.codes, PATIENT, Period(), today=TODAY)
            )
        except SuperbillRefused as refused:
            assert refused.findings  # refused for what the check finds, never a crash
    for document in documents:
        pages = read_pages(document.pdf)
        assert 1 <= len(pages) <= 40
        for page in pages:
            assert out_of_bounds(page) == [], f"{shape}: page {page.number}"
            drawn = "".join(c["text"] for c in page.chars)
            assert not any(ch in drawn for ch in "\x00\x07\x1b\r\n\x7f\x85\x9b\u202e\u2066"), shape


def test_the_final_superbill_is_issued_with_stored_line_breaks(data_dir: Path) -> None:
    """The defect as reported: a line break in the employer ended every superbill for the patient."""
    with imported_workspace(data_dir, SAMPLE_PATH):
        pass
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    with connection:
        connection.execute("UPDATE coverages SET employer = ?", ("Pacific\nSteel\n" * 200,))
        connection.execute("UPDATE payers SET kind = 'workers_comp', name = ? WHERE key = 'premera'",
                           ("Labor\r\n& Industries\n" * 100,))  # fmt: skip
        connection.execute("UPDATE practice SET practice_name = ?", ("Tidewater\n" * 300,))
    connection.close()
    out = data_dir.parent / "final.pdf"
    status, _, err = run_cli("--data-dir", str(data_dir), "render", "--patient", PATIENT, "-o", str(out))
    assert "Traceback" not in err
    assert status in (0, 1), err
    draft = data_dir.parent / "draft.pdf"
    status, _, err = run_cli(
        "--data-dir", str(data_dir), "render", "--patient", PATIENT, "-o", str(draft), "--draft"
    )
    assert status == 0, err
    pages = read_pages(draft.read_bytes())
    assert all(out_of_bounds(page) == [] for page in pages)
    assert "Pacific Steel Pacific Steel" in " ".join(page.text for page in pages).replace("\n", " ")


# -- the terminal -------------------------------------------------------------------------------

RAW = ("\x1b", "\x07", "\r", "\x9b", "\u202e")


def test_commands_never_write_stored_control_characters_to_the_terminal(data_dir: Path) -> None:
    with imported_workspace(data_dir, SAMPLE_PATH) as workspace:
        issued = issue_superbill(workspace.store, workspace.codes, PATIENT, Period(), today=TODAY)
        number = issued.number
        assert number is not None
    attack = "\x1b]0;pwned\x07\x1b[2J\r\u202eX"
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    with connection:
        connection.execute("UPDATE service_lines SET body_region = ?", (f"lumbar{attack}",))
        connection.execute("UPDATE patients SET last_name = ?", (f"Okafor{attack}",))
        connection.execute(
            "INSERT INTO audit_log (at, patient, record_kind, record_key, field, old_value, new_value, "
            "superbills) VALUES ('2026-09-20T10:00:00Z', ?, 'visit', ?, ?, ?, ?, json_array(?))",
            (PATIENT, f"v-1{attack}", f"minutes{attack}", attack, f"new{attack}", number),
        )
        connection.execute(
            "INSERT INTO superbills (number, patient, issued_on, first_date, last_date, charges, payments,"
            " balance, sha256, pdf, replaces) SELECT ?, patient, issued_on, first_date, last_date, charges,"
            " payments, balance, sha256, pdf, number FROM superbills",
            (f"SB{attack}",),
        )
        connection.execute(
            "INSERT INTO procedures (code, description, timed) VALUES ('97999', ?, 0)", (f"Hot{attack}",)
        )
    connection.close()
    folder = str(data_dir)
    runs = {
        "check": run_cli("--data-dir", folder, "check", "--patient", PATIENT),
        "audit": run_cli("--data-dir", folder, "audit", "--patient", PATIENT),
        "issued": run_cli("--data-dir", folder, "issued", "--patient", PATIENT),
        "codes cpt": run_cli("--data-dir", folder, "codes", "cpt", "hot"),
        "no visits": run_cli("--data-dir", folder, "check", "--patient", PATIENT, "--from", "2030-01-01"),
    }
    for command, (_, out, err) in runs.items():
        assert "Traceback" not in err, command
        for raw in RAW:
            assert raw not in out and raw not in err, (command, raw, out + err)
    # shown, escaped, not dropped
    assert "\\x1b" in runs["check"][1]
    assert "\\x1b" in runs["audit"][1]
    assert "\\x1b" in runs["issued"][1]
    assert "\\x1b" in runs["codes cpt"][1]
    assert runs["no visits"][0] == 2 and "\\x1b" in runs["no visits"][2]


# -- which patient ------------------------------------------------------------------------------


def test_an_id_that_is_another_patients_account_number_picks_neither(data_dir: Path, tmp_path: Path) -> None:
    document = copy.deepcopy(SAMPLE)  # pt-0001 gets account number A00001
    document["patients"].append(
        {"id": "A00001", "first_name": "Other", "last_name": "Person", "date_of_birth": "1990-01-01"}
    )
    file = tmp_path / "two.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    folder = str(data_dir)
    assert run_cli("--data-dir", folder, "import", str(file))[0] == 0
    with Workspace(data_dir) as workspace:
        other = workspace.store.patient("A00001")
        assert other is not None and other.account_number == "A00002"

    status, out, err = run_cli("--data-dir", folder, "check", "--patient", "A00001")
    assert status == 2 and out == ""
    assert err == (
        'error: --patient: "A00001" is the ID of one patient (account number A00002) and the account '
        "number of another (ID pt-0001): write --patient id:A00001 or --patient account:A00001\n"
    )
    # account: is the sample patient, with visits; id: is the other patient, with none
    status, out, err = run_cli("--data-dir", folder, "check", "--patient", "account:a00001")
    assert status in (0, 1) and err == "", err
    status, out, err = run_cli("--data-dir", folder, "check", "--patient", "id:A00001")
    assert status == 2 and err.startswith("error: --from/--to: Other Person has no visits")
    # what only one patient has still needs no prefix
    assert run_cli("--data-dir", folder, "issued", "--patient", "A00002")[0] == 0
    assert run_cli("--data-dir", folder, "issued", "--patient", "pt-0001")[0] == 0
    status, _, err = run_cli("--data-dir", folder, "issued", "--patient", "id:A00002")
    assert status == 2 and err.startswith("error: --patient: no patient")


def test_find_patient_says_which_it_could_mean(workspace: Workspace) -> None:
    store = workspace.store
    store.save_patient(Patient("A00001", "Other", "Person", date(1990, 1, 1)))
    with pytest.raises(ValidationError) as both:
        store.find_patient("A00001")
    assert both.value.field == "patient"
    found = store.find_patient("id:A00001")
    assert found is not None and found.key == "A00001"
    found = store.find_patient("ACCOUNT:A00001")
    assert found is not None and found.key == PATIENT
