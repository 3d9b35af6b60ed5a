"""The longest text a field takes: the error names the field, nested records included."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import Address, ServiceLine
from app.domain.text_limits import TEXT_LIMITS, clean_text, text_limit
from tests import sample


def test_text_at_its_limit_is_taken() -> None:
    chart = sample.chart()
    patient = replace(chart.patient, first_name="A" * TEXT_LIMITS["first_name"])
    clean_text(patient, "patient")


def test_one_character_over_names_the_field_and_the_limit() -> None:
    patient = replace(sample.chart().patient, last_name="B" * 151)
    with pytest.raises(ValidationError) as caught:
        clean_text(patient, "patient")
    assert caught.value.field == "patient.last_name"
    assert caught.value.message == "Last name is 151 characters long: at most 150 fit on the superbill."


def test_a_nested_address_is_checked_with_its_path() -> None:
    patient = replace(sample.chart().patient, address=Address("1 Main St", "C" * 61, "WA", "98109"))
    with pytest.raises(ValidationError) as caught:
        clean_text(patient, "patient")
    assert caught.value.field == "patient.address.city"
    assert caught.value.message.startswith("City is 61 characters long")


def test_service_lines_are_checked_by_their_place_in_the_visit() -> None:
    visit = sample.chart().visits[0]
    long_region = ServiceLine("97140", minutes=30, body_region="R" * 61)
    visit = replace(visit, lines=(*visit.lines, long_region))
    with pytest.raises(ValidationError) as caught:
        clean_text(visit, "visit")
    assert caught.value.field == f"visit.lines[{len(visit.lines) - 1}].body_region"
    assert caught.value.message.startswith("Body region is 61 characters long")


def test_a_field_without_its_own_limit_takes_300_characters() -> None:
    assert text_limit("state") == 300
    assert text_limit("notes") == 2000
