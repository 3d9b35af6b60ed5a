"""The shape of an ICD-10-CM code as typed: dotted after the third character, any case."""

from __future__ import annotations

import sqlite3

import pytest

from app.domain.diagnoses import DiagnosisCodeError, normalize_icd
from app.store.code_index import shipped_index_path


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("m5450", "M54.50"),
        (" M54.50 ", "M54.50"),
        ("s134xxa", "S13.4XXA"),
        ("G44", "G44"),
        ("QA00101", "QA0.0101"),
    ],
)
def test_a_code_is_kept_dotted_and_in_capitals(typed: str, kept: str) -> None:
    assert normalize_icd(typed) == kept


@pytest.mark.parametrize("typed", ["", "back pain", "5450", "M5", "M54.50000", "M-54"])
def test_text_that_is_not_a_code_is_refused_with_an_example(typed: str) -> None:
    with pytest.raises(DiagnosisCodeError, match=r"such as M54\.50"):
        normalize_icd(typed)


def test_every_code_in_the_shipped_release_has_an_accepted_shape() -> None:
    connection = sqlite3.connect(f"{shipped_index_path().as_uri()}?mode=ro", uri=True)
    try:
        codes = [row[0] for row in connection.execute("SELECT DISTINCT code FROM codes")]
    finally:
        connection.close()
    # April 2026's 98,186 codes and the 238 new in FY2027 (of its 253 "Add:" lines, 15 add back a code
    # it deleted with another billable flag, as M72.2).
    assert len(codes) == 98_186 + 238
    assert all(normalize_icd(code) == code for code in codes)
