"""NPI, Tax ID, taxonomy, state and licence checks, with messages that name the field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.domain.identifiers import (
    US_STATES,
    is_valid_npi,
    mask_ssn,
    npi_check_digit,
    printed_tax_id,
    state_code,
    validate_ein,
    validate_license_number,
    validate_npi,
    validate_ssn,
    validate_state,
    validate_tax_id,
    validate_taxonomy,
)
from app.domain.practice import TaxIdType


def test_a_validation_error_is_a_value_error_that_names_its_field() -> None:
    problem = ValidationError("practitioner.npi", "the last digit does not match")
    assert isinstance(problem, ValueError)
    assert (problem.field, problem.message) == ("practitioner.npi", "the last digit does not match")
    assert str(problem) == "practitioner.npi: the last digit does not match"


# --- NPI ---


@pytest.mark.parametrize("npi", ["1234567893", "1558598797", "1003000126"])
def test_a_real_npi_is_accepted(npi: str) -> None:
    assert validate_npi(npi) == npi
    assert is_valid_npi(npi)


def test_an_npi_typed_with_spaces_or_dashes_is_stored_as_ten_digits() -> None:
    assert validate_npi(" 1234-567 893 ") == "1234567893"


def test_npi_1234567890_is_refused_for_its_check_digit_naming_the_number_and_field() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_npi("1234567890", field="practitioner.npi")
    assert caught.value.field == "practitioner.npi"
    assert "1234567890" in caught.value.message
    assert "last digit" in caught.value.message
    assert "NPPES" in caught.value.message
    assert not is_valid_npi("1234567890")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "missing"),
        (None, "missing"),
        ("123456789", "10 digits, this one has 9"),
        ("12345678931", "10 digits, this one has 11"),
        ("12345678O3", "digits only"),
        ("3234567893", "starts with 1 or 2"),
    ],
)
def test_an_npi_of_the_wrong_shape_is_refused_saying_why(text: str | None, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        validate_npi(text)


def test_the_message_uses_the_label_the_caller_gives() -> None:
    with pytest.raises(ValidationError, match=r"^organization_npi: Organisation NPI 1234567890"):
        validate_npi("1234567890", field="organization_npi", label="Organisation NPI")


@given(st.sampled_from("12"), st.text(alphabet="0123456789", min_size=8, max_size=8), st.integers(1, 9))
def test_every_npi_built_with_its_check_digit_passes_and_any_other_last_digit_fails(
    first: str, rest: str, shift: int
) -> None:
    nine = first + rest
    check = npi_check_digit(nine)
    assert is_valid_npi(nine + check)
    assert not is_valid_npi(nine + str((int(check) + shift) % 10))


def test_the_check_digit_is_the_luhn_digit_of_the_nine_digits_plus_24() -> None:
    # docs/design.md 6: the same as a Luhn sum over the nine digits with 24 added.
    def doubled_sum(nine: str) -> int:
        total = 0
        for i, ch in enumerate(reversed(nine)):
            d = int(ch) * (2 if i % 2 == 0 else 1)
            total += d - 9 if d > 9 else d
        return total

    for nine in ("123456789", "155859879", "100300012"):
        assert npi_check_digit(nine) == str((10 - (doubled_sum(nine) + 24) % 10) % 10)


# --- Tax ID ---


@pytest.mark.parametrize(("text", "stored"), [("91-1234567", "91-1234567"), ("911234567", "91-1234567")])
def test_an_ein_is_stored_as_nn_nnnnnnn(text: str, stored: str) -> None:
    assert validate_ein(text) == stored


def test_an_ein_with_a_prefix_the_irs_never_assigns_is_refused_naming_the_prefix() -> None:
    with pytest.raises(ValidationError, match="starts with 00") as caught:
        validate_ein("00-1234567", field="practitioner.tax_id")
    assert caught.value.field == "practitioner.tax_id"


@pytest.mark.parametrize("text", ["91-123456", "91-12345678", "AB-1234567"])
def test_an_ein_without_nine_digits_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="9 digits"):
        validate_ein(text)


def test_a_valid_ssn_is_stored_as_nnn_nn_nnnn() -> None:
    assert validate_ssn("536904399") == "536-90-4399"


@pytest.mark.parametrize("text", ["000-12-3456", "666-12-3456", "900-12-3456", "536-00-4399", "536-90-0000"])
def test_an_ssn_that_is_never_issued_is_refused_without_printing_it_in_full(text: str) -> None:
    with pytest.raises(ValidationError, match="not a number the Social Security") as caught:
        validate_ssn(text)
    assert text not in str(caught.value)
    assert text.replace("-", "") not in str(caught.value)
    assert f"ending {text[-4:]}" in caught.value.message


def test_the_tax_id_is_checked_as_the_kind_the_therapist_chose() -> None:
    assert validate_tax_id("536-90-4399", TaxIdType.SSN) == "536-90-4399"
    with pytest.raises(ValidationError, match=r"Tax ID \(EIN\)"):
        validate_tax_id("536-90-4399", TaxIdType.EIN)
    with pytest.raises(ValidationError, match=r"Tax ID \(SSN\) is missing"):
        validate_tax_id("  ", TaxIdType.SSN)


def test_an_ssn_prints_masked_unless_the_therapist_allows_it_in_full() -> None:
    assert mask_ssn("536-90-4399") == "***-**-4399"
    assert printed_tax_id("536904399", TaxIdType.SSN) == "***-**-4399"
    assert printed_tax_id("536904399", TaxIdType.SSN, full_ssn=True) == "536-90-4399"
    assert printed_tax_id("911234567", TaxIdType.EIN) == "91-1234567"


# --- Taxonomy, state, licence ---


def test_the_massage_therapist_taxonomy_code_is_accepted() -> None:
    assert validate_taxonomy("225700000X") == "225700000X"
    assert validate_taxonomy("225700000x") == "225700000X"


@pytest.mark.parametrize("text", ["225700000", "2257000000", "225700000XX", "22570000X"])
def test_a_taxonomy_code_must_be_10_characters_ending_in_x(text: str) -> None:
    with pytest.raises(ValidationError, match="10 characters and ends in X"):
        validate_taxonomy(text)


def test_a_state_code_is_two_letters_of_a_us_state_dc_or_territory() -> None:
    assert validate_state("wa") == "WA"
    assert validate_state("DC") == "DC"
    assert validate_state("PR") == "PR"
    assert len(US_STATES) == 56  # 50 states, DC and 5 inhabited territories
    with pytest.raises(ValidationError, match='"XX" is not a US state'):
        validate_state("XX", field="practitioner.license_state")
    with pytest.raises(ValidationError, match="missing"):
        validate_state("")


def test_a_licence_number_must_be_entered() -> None:
    assert validate_license_number(" MA60123456 ") == "MA60123456"
    with pytest.raises(ValidationError, match=r"^license_number: License number is missing"):
        validate_license_number("   ")


# --- A state typed by name or code ---


@pytest.mark.parametrize("typed", ["NY", "ny", "New York", "new york", "  New   York ", "NY – New York"])
def test_a_state_is_found_by_its_code_or_its_whole_name(typed: str) -> None:
    assert state_code(typed) == "NY"


@pytest.mark.parametrize("typed", ["", "New", "N", "Newyork", "York", "XX"])
def test_a_partial_or_unknown_state_is_no_state_not_a_neighbor(typed: str) -> None:
    assert state_code(typed) is None


def test_a_state_typed_by_its_whole_name_is_refused_naming_its_code() -> None:
    with pytest.raises(ValidationError, match='State "Washington": use WA, its two-letter code'):
        validate_state("Washington")
