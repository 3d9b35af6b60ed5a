"""`superbill letter`: the HSA/FSA letter of medical necessity, the signed one recorded, and what it changes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.services.attention import AttentionKind, needs_attention
from app.services.workspace import Workspace
from tests.cli.test_cli import dump, run, write_json
from tests.render import pdf_text


@pytest.fixture
def hsa_practice(data_dir: Path, sample_practice_path: Path, tmp_path: Path) -> Path:
    """The sample practice, its patient's visits paid through an HSA."""
    document: dict[str, Any] = json.loads(sample_practice_path.read_text(encoding="utf-8"))
    document["payers"].append({"id": "hsa", "name": "HealthEquity HSA", "kind": "hsa_fsa"})
    patient = document["patients"][0]
    patient["coverages"] = [{"id": "cov-hsa", "payer": "hsa", "relationship": "self"}]
    for visit in patient["visits"]:
        visit["coverage"] = "cov-hsa"
    assert run(data_dir, "import", str(write_json(tmp_path / "hsa.json", document))) == 0
    return data_dir


def test_the_letter_is_one_page_naming_patient_codes_treatment_prescriber_and_signature_lines(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    out = tmp_path / "letter.pdf"

    assert run(data_dir, "letter", "--patient", "pt-0001", "-o", str(out)) == 0

    pdf = out.read_bytes()
    assert len(pdf_text.reader(pdf).pages) == 1
    text = pdf_text.plain_text(pdf)
    for expected in (
        "Letter of Medical Necessity",
        "Daniel Okafor",
        "06/12/1984",
        "M54.50",
        "Low back pain, unspecified",
        "M62.830",
        "Muscle spasm of back",
        "97124",
        "97140",
        "1x/week for 8 weeks",
        "09/02/2026",
        "12/31/2026",
        "Duration 4 months",  # 09/02/2026 to 12/31/2026, the last day included
        "Helen Park",
        "1003000126",
        "Prescriber signature",
        "Date signed",
        "medically necessary",
        "Tidewater Therapeutic Massage",
        "1558598797",
    ):
        assert expected in text, expected


def test_the_letter_is_never_written_over_the_practice(
    data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    before = dump(data_dir)
    status = run(data_dir, "letter", "--patient", "pt-0001", "-o", str(data_dir / "practice.sqlite3"))
    assert status == 2
    assert "part of your practice's data" in capsys.readouterr().err
    assert dump(data_dir) == before


def test_a_signed_letter_is_on_file_for_12_months_unless_its_end_is_given(hsa_practice: Path) -> None:
    # the prescription was written on 09/02/2026
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", "2026-10-10") == 0
    assert (
        run(
            hsa_practice,
            "letter",
            "--patient",
            "pt-0001",
            "--signed-on",
            "2026-09-05",
            "--expires-on",
            "2026-11-30",
        )
        == 0
    )
    with Workspace(hsa_practice) as workspace:
        letters = workspace.store.necessity_letters("pt-0001")
    assert {letter.signed_on: letter.expires_on for letter in letters} == {
        date(2026, 10, 10): date(2027, 10, 10),
        date(2026, 9, 5): date(2026, 11, 30),
    }


def test_a_letter_signed_in_the_future_is_refused_and_nothing_is_recorded(
    hsa_practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(hsa_practice)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", tomorrow) == 2
    assert "--signed-on" in capsys.readouterr().err
    assert dump(hsa_practice) == before


def test_needs_attention_asks_for_a_letter_until_one_is_on_file_and_again_as_it_runs_out(
    hsa_practice: Path,
) -> None:
    def letter_lines(today: date) -> list[str]:
        with Workspace(hsa_practice) as workspace:
            items = needs_attention(workspace, today)
        return [i.message for i in items if i.kind is AttentionKind.NECESSITY_LETTER]

    assert letter_lines(date(2026, 12, 5)) == ["no signed letter of medical necessity on file"]
    signed = ("--signed-on", "2026-09-05", "--expires-on", "2026-12-20")
    assert run(hsa_practice, "letter", "--patient", "pt-0001", *signed) == 0
    assert letter_lines(date(2026, 11, 5)) == []
    assert letter_lines(date(2026, 12, 5)) == ["letter of medical necessity runs out 12/20/2026 (in 15 days)"]
    assert letter_lines(date(2026, 12, 21)) == [
        "letter of medical necessity ran out 12/20/2026: ask the prescriber for a new one"
    ]
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", "2026-11-30") == 0
    assert letter_lines(date(2026, 12, 21)) == []


def test_an_hsa_superbill_says_the_signed_letter_is_on_file_with_its_date(
    hsa_practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = date.today() - timedelta(days=10)
    assert run(hsa_practice, "check", "--patient", "pt-0001") in (0, 1)
    assert "medical-necessity-letter" in capsys.readouterr().out
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", signed.isoformat()) == 0
    out = tmp_path / "superbill.pdf"

    assert run(hsa_practice, "render", "--patient", "pt-0001", "--draft", "-o", str(out)) == 0

    text = pdf_text.plain_text(out.read_bytes())
    assert f"Letter of medical necessity on file, dated {signed:%m/%d/%Y}." in text
    capsys.readouterr()
    run(hsa_practice, "check", "--patient", "pt-0001")
    assert "medical-necessity-letter" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("signed_on", "reason"),
    [
        ("1900-01-01", "is before the patient was born (06/12/1984)"),
        ("2026-09-01", "is before the prescription was written (09/02/2026)"),
    ],
)
def test_a_letter_signed_before_the_prescription_or_the_patients_birth_is_refused_naming_signed_on(
    hsa_practice: Path, capsys: pytest.CaptureFixture[str], signed_on: str, reason: str
) -> None:
    before = dump(hsa_practice)
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", signed_on) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--signed-on" in err[0] and reason in err[0]
    assert dump(hsa_practice) == before


def test_a_second_signed_letter_says_it_replaces_the_one_in_force_and_is_the_one_printed(
    hsa_practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", "2026-09-05") == 0
    assert "replaces" not in capsys.readouterr().out
    assert run(hsa_practice, "letter", "--patient", "pt-0001", "--signed-on", "2026-10-01") == 0
    out = capsys.readouterr().out
    assert "It replaces the letter signed 09/05/2026 (which ran until 09/05/2027)." in out
    with Workspace(hsa_practice) as workspace:
        on_file = workspace.store.necessity_letter_on("pt-0001", date(2026, 10, 15))
    assert on_file is not None and on_file.signed_on == date(2026, 10, 1)
