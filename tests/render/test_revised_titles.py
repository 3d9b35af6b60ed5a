"""The superbill prints a revised ICD-10-CM code's title as of the release in force on its visits' dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.services.superbills import render
from app.store.code_index import IcdIndex, shipped_index_path
from tests import sample
from tests.render.pdf_text import plain_text

APRIL_2026_TITLE = "Cellulitis of back [any part except buttock]"
FY2027_TITLE = "Cellulitis of back [any part except buttock and flank]"


def _pdf_text(day: date) -> str:
    data = sample.superbill_data()
    data = replace(data, visits=(replace(data.visits[0], key="v-x", date=day, diagnoses=("L03.312",)),))
    with IcdIndex(shipped_index_path(), immutable=True) as codes:
        return " ".join(plain_text(render(data, codes, draft=True)).split())


def test_a_visit_in_september_2026_prints_the_april_2026_title() -> None:
    text = _pdf_text(date(2026, 9, 20))
    assert APRIL_2026_TITLE in text
    assert FY2027_TITLE not in text


def test_a_visit_in_november_2026_prints_the_fy2027_title() -> None:
    assert FY2027_TITLE in _pdf_text(date(2026, 11, 10))
