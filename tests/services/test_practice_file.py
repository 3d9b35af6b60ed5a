"""The practice file: the example reads into the same records, and every problem names its field."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import ValidationError
from app.services.practice_file import (
    practice_from_json,
    practice_to_json,
    read_practice_file,
    write_practice_file,
)
from tests import sample


@pytest.fixture
def document(sample_practice_path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(sample_practice_path.read_text(encoding="utf-8"))
    return loaded


def problem(document: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        practice_from_json(document)
    return caught.value


def test_the_example_file_reads_into_the_sample_practice(sample_practice_path: Path) -> None:
    practice = read_practice_file(sample_practice_path)
    expected = sample.practice()
    # The file carries the ZIP+4 an 837P needs; the in-code sample keeps 98109, which the schema
    # seeds of every version hold.
    address = replace(expected.practitioner.address, zip="98109-4121")
    assert practice.practitioner == replace(expected.practitioner, address=address)
    assert practice.payers == expected.payers
    assert practice.fees == expected.fees
    chart, expected_chart = practice.charts[0], expected.charts[0]
    assert chart.patient.full_name == "Daniel Okafor"
    assert chart.visits == expected_chart.visits
    assert chart.payments == expected_chart.payments
    assert chart.prescriptions == expected_chart.prescriptions
    assert chart.coverages == expected_chart.coverages


def test_writing_then_reading_gives_back_the_same_practice(
    sample_practice_path: Path, tmp_path: Path
) -> None:
    practice = read_practice_file(sample_practice_path)
    written = tmp_path / "copy.json"
    write_practice_file(practice, written)
    assert read_practice_file(written) == practice


def test_money_is_written_as_dollar_strings_never_numbers(sample_practice_path: Path) -> None:
    document = practice_to_json(read_practice_file(sample_practice_path))
    assert document["fees"]["97124"] == "40.00"
    assert document["patients"][0]["payments"][0]["amount"] == "120.00"


def test_names_with_accents_are_kept_exactly(document: dict[str, Any]) -> None:
    document["patients"][0]["first_name"] = "Zoë"
    document["patients"][0]["last_name"] = "Nguyễn-Øster"
    practice = practice_from_json(document)
    assert practice.charts[0].patient.full_name == "Zoë Nguyễn-Øster"
    assert practice_to_json(practice)["patients"][0]["last_name"] == "Nguyễn-Øster"


def test_another_format_is_refused(document: dict[str, Any]) -> None:
    document["format"] = "superbill/2"
    assert problem(document).field == "format"


def test_an_unknown_key_is_refused_so_a_typo_never_drops_data(document: dict[str, Any]) -> None:
    document["patients"][0]["visits"][1]["lines"][0]["minuets"] = 30
    error = problem(document)
    assert error.field == "patients[0].visits[1].lines[0].minuets"
    assert "not a field" in error.message


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["practitioner"].update(npi="1234567890"), "practitioner.npi", "NPI"),
        (lambda d: d["practitioner"].pop("tax_id"), "practitioner.tax_id", ""),
        (lambda d: d["patients"][0]["visits"][1]["lines"][1].update(cpt="9714"), "patients[0].visits[1].lines[1].cpt", "9714"),
        (lambda d: d["patients"][0]["visits"][0].update(date="2026-09-31"), "patients[0].visits[0].date", "2026-09-31"),
        (lambda d: d["patients"][0]["visits"][0].update(date="09/09/2026"), "patients[0].visits[0].date", "YYYY-MM-DD"),
        (lambda d: d["patients"][0]["payments"][0].update(amount=120.0), "patients[0].payments[0].amount", "text"),
        (lambda d: d["patients"][0]["payments"][0].update(amount="120.5"), "patients[0].payments[0].amount", "120.5"),
        (lambda d: d["patients"][0]["payments"][0].update(method="bitcoin"), "patients[0].payments[0].method", "cash"),
        (lambda d: d["patients"][0]["visits"][0]["lines"][0].update(pointers=["C"]), "patients[0].visits[0].lines[0].pointers[0]", "C"),
        (lambda d: d["patients"][0]["visits"][0].update(coverage="cov-9"), "patients[0].visits[0].coverage", "cov-9"),
        (lambda d: d["patients"][0]["coverages"][0].update(payer="aetna"), "patients[0].coverages[0].payer", "aetna"),
        (lambda d: d["patients"][0]["visits"][0].update(diagnoses=["M54.50", "back pain"]), "patients[0].visits[0].diagnoses[1]", "ICD-10-CM"),
        (lambda d: d["patients"][0].update(first_name="   "), "patients[0].first_name", "required"),
        (lambda d: d["patients"][0]["prescriptions"][0].update(prescriber_npi="1003000127"), "patients[0].prescriptions[0].prescriber_npi", "NPI"),
        (lambda d: d["patients"][0]["visits"][1].update(id="v-1"), "patients[0].visits[1].id", "already used"),
        (lambda d: d["payers"][0].update(kind="insurance"), "payers[0].kind", "commercial"),
        (lambda d: d["patients"][0]["visits"][0]["lines"][0].update(modifiers=["59", "XS", "GP", "KX", "XU"]), "patients[0].visits[0].lines[0].modifiers", "four"),
        (lambda d: d["practitioner"]["address"].update(zip="9810"), "practitioner.address.zip", "ZIP"),
    ],
)  # fmt: skip
def test_each_bad_value_is_refused_naming_its_field(
    document: dict[str, Any], change: Any, field: str, words: str
) -> None:
    bad = copy.deepcopy(document)
    change(bad)
    error = problem(bad)
    assert error.field == field
    assert words in error.message


def test_a_file_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "superbill/1",\n "payers": [}', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_practice_file(broken)
    assert "line 2" in caught.value.message


def test_a_missing_file_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        read_practice_file(tmp_path / "nowhere.json")
    assert "cannot be read" in caught.value.message


def test_diagnosis_codes_are_kept_in_pointer_order_and_dotted(document: dict[str, Any]) -> None:
    document["patients"][0]["visits"][0]["diagnoses"] = ["m62830", "M54.50"]
    visit = practice_from_json(document).charts[0].visits[0]
    assert visit.diagnoses == ("M62.830", "M54.50")


THIRTEEN_CODES = [
    "M54.50",
    "M62.830",
    "M54.2",
    "M79.10",
    "M79.18",
    "M54.6",
    "M25.511",
    "M25.512",
    "M62.81",
    "M54.9",
    "G44.209",
    "M79.7",
    "M53.3",
]


@pytest.mark.parametrize("record", ["visits", "prescriptions"])
def test_thirteen_diagnoses_are_refused_naming_the_record_that_has_them(
    document: dict[str, Any], record: str
) -> None:
    document["patients"][0][record][0]["diagnoses"] = THIRTEEN_CODES
    refusal = problem(document)
    assert refusal.field == f"patients[0].{record}[0].diagnoses"
    kind = record.removesuffix("s")
    assert str(refusal).count("twelve") == 1 and f"a {kind} takes at most twelve" in str(refusal)


def test_two_patients_may_each_number_their_visits_from_v_1(document: dict[str, Any]) -> None:
    second = copy.deepcopy(document["patients"][0])
    second["id"] = "pt-0002"
    document["patients"].append(second)
    practice = practice_from_json(document)
    assert [v.key for v in practice.charts[1].visits] == ["v-1", "v-2"]


def test_a_patient_id_used_twice_is_refused(document: dict[str, Any]) -> None:
    document["patients"].append(copy.deepcopy(document["patients"][0]))
    error = problem(document)
    assert error.field == "patients[1].id"


def test_a_payers_clearinghouse_id_is_read_in_capitals_and_written_back(
    document: dict[str, Any], tmp_path: Path
) -> None:
    document["payers"][0]["payer_id"] = "sx-173"
    practice = practice_from_json(document)
    assert practice.payers[0].payer_id == "SX173"
    assert practice.payers[1].payer_id is None
    written = tmp_path / "copy.json"
    write_practice_file(practice, written)
    assert json.loads(written.read_text(encoding="utf-8"))["payers"][0]["payer_id"] == "SX173"
    assert read_practice_file(written) == practice


def test_a_payer_id_that_is_not_letters_and_digits_is_refused_naming_its_field(
    document: dict[str, Any],
) -> None:
    document["payers"][0]["payer_id"] = "91051~"
    error = problem(document)
    assert error.field == "payers[0].payer_id" and "letters and digits" in error.message
