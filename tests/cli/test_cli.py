"""The `superbill` command line, end to end on a real data folder, real SQLite and real PDFs."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import dump, run
from tests.render import pdf_text as pdf_lines

ROOT = Path(__file__).resolve().parents[2]


def pdf_text(path: Path) -> str:
    """The text as printed, line by line (table rows read left to right)."""
    return "\n".join(pdf_lines.lines(path.read_bytes()))


@pytest.fixture
def imported(data_dir: Path, sample_practice_path: Path) -> Path:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    return data_dir


@pytest.fixture
def sample_document(sample_practice_path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(sample_practice_path.read_text(encoding="utf-8"))
    return loaded


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_sample_practice_renders_a_superbill_with_everything_an_insurer_needs(
    imported: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.pdf"
    assert run(imported, "render", "--patient", "pt-0001", "-o", str(out)) == 0
    text = pdf_text(out)
    for expected in (
        "Superbill",
        "Itemized statement for insurance reimbursement",
        "SB-2026-0001",  # statement number
        "Page 1 of 1",
        # provider
        "Maya Lindqvist, LMT",
        "Tidewater Therapeutic Massage",
        "2200 Westlake Ave N",
        "Suite 104",
        "Seattle, WA 98109",
        "(206) 555-0148",
        "1558598797",
        "91-1234567",
        "MA60123456",
        "225700000X",
        # patient
        "Daniel Okafor",
        "06/12/1984",
        "415 Fremont Pl N",
        "(206) 555-0177",
        "A00001",
        # insurance
        "Premera Blue Cross",
        "PO Box 91059",
        "PRM448812093",
        "1000045",
        # referring provider
        "Helen Park",
        "1003000126",
        "09/02/2026",
        # diagnoses, with their descriptions from the shipped code set
        "M54.50",
        "M62.830",
        "Low back pain",
        # service lines
        "09/09/2026",
        "09/16/2026",
        "97124",
        "97140",
        "59",
        "lumbar",
        "thoracic",
        # totals and payments
        "$245.00",
        "VISA 4242",
        # statements and footer
        "protected health information",
    ):
        assert expected in text, expected
    assert "Paid in full. Please reimburse the patient directly." in pdf_lines.plain_text(out.read_bytes())
    assert "DRAFT" not in text


def test_the_first_visit_bills_97124_for_three_units(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert run(imported, "render", "--patient", "pt-0001", "--to", "2026-09-09", "-o", str(out)) == 0
    text = pdf_text(out)
    row = next(line for line in text.splitlines() if line.startswith("09/09/2026") and "97124" in line)
    # date, POS, CPT, region, pointers, minutes, units, fee, charge
    assert row.split()[-4:] == ["45", "3", "$40.00", "$120.00"]
    assert "09/16/2026" not in text


def test_the_patient_can_be_named_by_account_number(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    assert run(imported, "render", "--patient", "A00001", "-o", str(out)) == 0
    assert "Daniel Okafor" in pdf_text(out)


def test_a_final_superbill_is_recorded_and_reprints_byte_for_byte(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    assert run(imported, "render", "--patient", "pt-0001", "-o", str(first)) == 0
    assert run(imported, "reprint", "SB-2026-0001", "-o", str(again)) == 0
    assert again.read_bytes() == first.read_bytes()
    assert run(imported, "issued", "--patient", "pt-0001") == 0
    assert "SB-2026-0001" in capsys.readouterr().out


def test_each_final_superbill_gets_the_next_number(imported: Path, tmp_path: Path) -> None:
    first_visit, second_visit = ("--from", "2026-09-09", "--to", "2026-09-09"), ("--unbilled",)
    assert run(imported, "render", "--patient", "pt-0001", *first_visit, "-o", str(tmp_path / "a.pdf")) == 0
    assert run(imported, "render", "--patient", "pt-0001", *second_visit, "-o", str(tmp_path / "b.pdf")) == 0
    assert "SB-2026-0002" in pdf_text(tmp_path / "b.pdf")


def test_check_of_the_sample_finds_nothing_to_fix(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(imported, "check", "--patient", "pt-0001") == 0
    assert "Ready: 2 visit(s), total $245.00" in capsys.readouterr().out


def bundled_without_modifier(document: dict[str, Any]) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    del broken["patients"][0]["visits"][1]["lines"][1]["modifiers"]
    return broken


def test_render_is_refused_listing_the_errors_and_writes_nothing(
    data_dir: Path, tmp_path: Path, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_json(tmp_path / "bundled.json", bundled_without_modifier(sample_document))
    assert run(data_dir, "import", str(source)) == 0
    out = tmp_path / "out.pdf"
    before = dump(data_dir)
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(out)) == 1
    printed = capsys.readouterr()
    assert "97140" in printed.out and "59" in printed.out
    assert "No superbill written" in printed.err
    assert not out.exists()
    assert dump(data_dir) == before  # no number used up, nothing recorded


def test_a_line_with_five_diagnosis_pointers_is_refused_as_box_24e_holds_four(
    data_dir: Path, tmp_path: Path, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    document = copy.deepcopy(sample_document)
    first_visit = document["patients"][0]["visits"][0]
    first_visit["diagnoses"] = ["M54.50", "M62.830", "M54.2", "M54.6", "M79.7"]
    first_visit["lines"][0]["pointers"] = ["A", "B", "C", "D", "E"]
    assert run(data_dir, "import", str(write_json(tmp_path / "five.json", document))) == 0
    assert run(data_dir, "check", "--patient", "pt-0001") == 1
    assert "ERROR   pointers-too-many  visits[v-1].lines[0].pointers" in capsys.readouterr().out
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(tmp_path / "out.pdf")) == 1
    assert not (tmp_path / "out.pdf").exists()


def test_check_exits_1_on_an_error(data_dir: Path, tmp_path: Path, sample_document: dict[str, Any]) -> None:
    source = write_json(tmp_path / "bundled.json", bundled_without_modifier(sample_document))
    assert run(data_dir, "import", str(source)) == 0
    assert run(data_dir, "check", "--patient", "pt-0001") == 1


def test_a_draft_is_written_despite_errors_and_says_draft(
    data_dir: Path, tmp_path: Path, sample_document: dict[str, Any]
) -> None:
    source = write_json(tmp_path / "bundled.json", bundled_without_modifier(sample_document))
    assert run(data_dir, "import", str(source)) == 0
    out = tmp_path / "draft.pdf"
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(out), "--draft") == 0
    assert "DRAFT" in pdf_text(out)
    assert run(data_dir, "issued", "--patient", "pt-0001") == 0


def test_an_import_with_a_bad_npi_in_the_middle_adds_nothing(
    imported: Path, tmp_path: Path, sample_document: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    document = copy.deepcopy(sample_document)
    second = copy.deepcopy(document["patients"][0])
    second["id"] = "pt-0002"
    second["first_name"] = "Zoë"
    second["last_name"] = "Nguyễn-Øster"
    third = copy.deepcopy(second)
    third["id"] = "pt-0003"
    second["prescriptions"][0]["prescriber_npi"] = "1234567890"
    document["patients"] = [document["patients"][0], second, third]
    document["payers"][0]["name"] = "Premera (renamed)"
    before = dump(imported)
    assert run(imported, "import", str(write_json(tmp_path / "bad.json", document))) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: patients[1].prescriptions[0].prescriber_npi:")
    assert len(error.splitlines()) == 1
    assert dump(imported) == before


def test_export_then_import_into_an_empty_folder_gives_the_same_data_and_superbill(
    imported: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "practice.json"
    assert run(imported, "export", "-o", str(exported)) == 0
    other = tmp_path / "other"
    assert run(other, "import", str(exported)) == 0
    again = tmp_path / "again.json"
    assert run(other, "export", "-o", str(again)) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == json.loads(exported.read_text(encoding="utf-8"))
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    assert run(imported, "render", "--patient", "pt-0001", "-o", str(first)) == 0
    assert run(other, "render", "--patient", "pt-0001", "-o", str(second)) == 0
    assert pdf_text(first) == pdf_text(second)


def test_importing_the_same_ids_again_updates_instead_of_adding(
    imported: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(imported, "import", str(sample_practice_path)) == 0
    capsys.readouterr()
    assert run(imported, "export") == 0
    document = json.loads(capsys.readouterr().out)
    assert len(document["patients"]) == 1
    assert len(document["patients"][0]["visits"]) == 2


def _new_patient_file(sample_document: dict[str, Any], tmp_path: Path, payer: str) -> Path:
    """A file of one new patient whose coverage names `payer`, and nothing else."""
    patient = copy.deepcopy(sample_document["patients"][0])
    patient.update(id="pt-new", first_name="Ana", last_name="Reyes", visits=[], payments=[], prescriptions=[])
    patient.pop("account_number", None)
    patient["coverages"] = [dict(patient["coverages"][0], payer=payer)]
    document = {"format": sample_document["format"], "patients": [patient]}
    return write_json(tmp_path / "new-patient.json", document)


def test_a_file_of_new_patients_may_name_payers_the_practice_already_has(
    imported: Path, sample_document: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(imported, "import", str(_new_patient_file(sample_document, tmp_path, "premera"))) == 0
    capsys.readouterr()
    assert run(imported, "export") == 0
    exported = json.loads(capsys.readouterr().out)
    added = next(p for p in exported["patients"] if p["id"] == "pt-new")
    assert added["coverages"][0]["payer"] == "premera"


def test_a_payer_in_neither_the_file_nor_the_practice_is_refused_naming_both(
    imported: Path, sample_document: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(imported)
    assert run(imported, "import", str(_new_patient_file(sample_document, tmp_path, "aetna"))) == 2
    assert capsys.readouterr().err == (
        'error: patients[0].coverages[0].payer: "aetna" is not the id of a payer in this file or in the practice\n'
    )
    assert dump(imported) == before


def test_into_a_new_folder_a_refused_file_leaves_no_practice(
    sample_document: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new"
    assert run(folder, "import", str(_new_patient_file(sample_document, tmp_path, "premera"))) == 2
    assert "is not the id of a payer in this file" in capsys.readouterr().err
    assert not (folder / "practice.sqlite3").exists()


def test_an_unknown_patient_is_a_clear_message(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(imported, "check", "--patient", "pt-9999") == 2
    assert 'error: --patient: no patient has the id or account number "pt-9999"' in capsys.readouterr().err


def test_a_period_with_no_visits_is_a_clear_message(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(imported, "check", "--patient", "pt-0001", "--from", "2025-01-01", "--to", "2025-12-31") == 2
    assert "has no visits" in capsys.readouterr().err


def test_codes_icd_finds_by_words_and_points_to_billable_codes(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "codes", "icd", "low", "back") == 0
    assert "M54.50" in capsys.readouterr().out
    assert run(data_dir, "codes", "icd", "M54.5") == 0
    out = capsys.readouterr().out
    assert "M54.5 " in out and "not billable" in out and "M54.51" in out


def test_codes_cpt_lists_the_catalogue_with_the_practice_fees(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(imported, "codes", "cpt") == 0
    out = capsys.readouterr().out
    assert "97124" in out and "$40.00" in out
    assert "97022" in out  # in the catalogue, even without a fee


def test_demo_works_headless_in_an_empty_folder_and_only_once(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo.pdf"
    assert run(data_dir, "demo", "-o", str(out)) == 0
    assert "Created the demo practice" in capsys.readouterr().out
    assert "Zoë Nguyễn-Øster" in pdf_text(out)
    assert run(data_dir, "demo", "-o", str(out)) == 0
    assert "Created the demo practice" not in capsys.readouterr().out
    assert run(data_dir, "export") == 0
    assert len(json.loads(capsys.readouterr().out)["patients"]) == 4


def test_the_installed_console_script_runs(tmp_path: Path, sample_practice_path: Path) -> None:
    """`superbill` as a user types it, in a separate process."""
    env = {**os.environ, "SUPERBILL_DATA_DIR": str(tmp_path / "data")}
    script = [sys.executable, "-m", "app"]
    imported = subprocess.run(
        [*script, "import", str(sample_practice_path)], env=env, capture_output=True, text=True
    )
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "out.pdf"
    rendered = subprocess.run(
        [*script, "render", "--patient", "pt-0001", "-o", str(out)], env=env, capture_output=True, text=True
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "$245.00" in pdf_text(out)


def test_the_paper_sizes_offered_are_the_renderers() -> None:
    from app.cli import PAPER_CHOICES
    from app.domain.superbill import PaperSize

    assert tuple(size.value for size in PaperSize) == PAPER_CHOICES
    assert PAPER_CHOICES[0] == PaperSize.LETTER.value  # the default: US letter


def test_a_bug_is_one_line_and_a_log_entry_without_patient_data(
    imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command that hits a bug says so in one line (exit 4), never with a traceback; the log gets
    where it happened, not the exception's message, which may quote a patient."""
    from app import commands

    def broken(args: object) -> int:
        raise KeyError("Daniel Okafor born 1984-06-12")

    monkeypatch.setitem(commands.COMMANDS, "issued", broken)
    assert run(imported, "issued", "--patient", "pt-0001") == 4
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "KeyError" in err and "Traceback" not in err and "Okafor" not in err
    log = (tmp_path / "logs" / "superbill-desk.log").read_text(encoding="utf-8")
    assert "command issued failed: KeyError at test_cli:" in log
    assert "Okafor" not in log


def test_render_unbilled_covers_only_the_visits_not_yet_on_a_superbill(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.pdf"
    assert (
        run(
            imported,
            "render",
            "--patient",
            "pt-0001",
            "--from",
            "2026-09-09",
            "--to",
            "2026-09-09",
            "-o",
            str(first),
        )
        == 0
    )
    assert run(imported, "check", "--patient", "pt-0001", "--unbilled") == 0
    assert "1 visit(s)" in capsys.readouterr().out
    out = tmp_path / "unbilled.pdf"
    assert run(imported, "render", "--patient", "A00001", "--unbilled", "-o", str(out)) == 0
    text = pdf_text(out)
    assert "SB-2026-0002" in text and "09/16/2026" in text and "09/09/2026" not in text
    capsys.readouterr()
    before = dump(imported)
    assert (
        run(imported, "render", "--patient", "pt-0001", "--unbilled", "-o", str(tmp_path / "none.pdf")) == 2
    )
    assert "--unbilled" in capsys.readouterr().err
    assert run(imported, "check", "--patient", "pt-0001", "--unbilled", "--from", "2026-09-01") == 2
    assert dump(imported) == before and not (tmp_path / "none.pdf").exists()


def _one_visit_with(document: dict[str, Any], code: str, on: str) -> dict[str, Any]:
    """The sample practice with one visit on ``on`` coded ``code`` (the prescription written in September)."""
    changed = copy.deepcopy(document)
    patient = changed["patients"][0]
    patient["prescriptions"][0]["diagnoses"] = [code]
    first = patient["visits"][0]
    first.update(date=on, diagnoses=[code])
    first["lines"][0]["pointers"] = ["A"]
    patient["visits"] = [first]
    patient["payments"] = []
    return changed


@pytest.mark.parametrize(
    ("code", "on", "status"),
    [
        ("M72.2", "2026-09-15", 0),
        ("M72.2", "2026-11-10", 1),
        ("M67.A01", "2026-09-15", 1),
        ("M67.A01", "2026-11-10", 0),
    ],
)
def test_render_judges_each_code_by_its_visit_s_date_of_service(
    data_dir: Path,
    tmp_path: Path,
    sample_document: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    code: str,
    on: str,
    status: int,
) -> None:
    # M72.2 stopped being billable on 2026-10-01 (FY2027); M67.A01 started then.
    source = write_json(tmp_path / "practice.json", _one_visit_with(sample_document, code, on))
    assert run(data_dir, "import", str(source)) == 0
    capsys.readouterr()
    out = tmp_path / "out.pdf"
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(out)) == status
    printed = capsys.readouterr()
    assert out.exists() is (status == 0)
    if (code, status) == ("M72.2", 1):
        assert "M72.2 is no longer billable for dates from Oct 1, 2026: choose M72.20, M72.21 or M72.22" in (
            printed.out + printed.err
        )
    if (code, status) == ("M67.A01", 1):
        assert "M67.A01" in printed.out + printed.err


def test_code_search_says_for_which_dates_a_retired_or_new_code_is_valid(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """M72.2 stopped being billable on 2026-10-01; plantar fasciitis got its own codes then."""
    assert run(data_dir, "codes", "icd", "plantar", "fasc") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith("(dates of service 2026-04-01 to 2027-09-30)")
    shown = {line.split()[0]: line for line in lines[1:]}
    assert shown["M72.2"].endswith("(dates of service to 2026-09-30)")
    for code in ("M67.A01", "M67.A02", "M67.A09"):
        assert shown[code].endswith("(dates of service from 2026-10-01)")
