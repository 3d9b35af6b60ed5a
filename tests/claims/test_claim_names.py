"""Names with letters that have no accent to take off (Ø, Æ, Ł, ß, Þ) reach a claim in plain
capitals, never with the letter dropped: "Nguyễn-Øster" is NGUYEN-OSTER on the CMS-1500 and in the
837P, as the patient search already spells it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pdfplumber
import pytest

from app.cli import main
from app.domain.claim import claim_text
from app.render.x837 import Envelope, x837_text
from app.store.search import fold
from tests.claims.builders import claim_for, electronic_ready
from tests.x12 import x12_errors

NAMES = [
    ("Zoë Nguyễn-Øster", "ZOE NGUYEN-OSTER"),
    ("Łukasz Strauß", "LUKASZ STRAUSS"),
    ("Æsa Þórsdóttir", "AESA THORSDOTTIR"),
    ("Søren Ødegård", "SOREN ODEGARD"),
    ("Đorđe Ångström", "DORDE ANGSTROM"),
    ("Œdipe Ħal", "OEDIPE HAL"),
]


@pytest.mark.parametrize(("typed", "printed"), NAMES)
def test_a_claim_and_the_patient_search_spell_a_name_with_the_same_plain_letters(
    typed: str, printed: str
) -> None:
    assert claim_text(typed) == printed
    assert fold(typed).upper() == printed


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo"]) == 0
    return data


def test_the_claim_form_prints_nguyen_oster_not_nguyen_ster(demo: Path, tmp_path: Path) -> None:
    form = tmp_path / "claim.pdf"
    assert main(["--data-dir", str(demo), "cms1500", "--patient", "A00001", "--draft", "-o", str(form)]) == 0
    with pdfplumber.open(form) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.count("NGUYEN-OSTER, ZOE") == 2  # items 2 and 4
    assert "NGUYEN-STER" not in text


def test_the_837p_names_nguyen_oster(tmp_path: Path) -> None:
    data = electronic_ready()
    patient = replace(data.chart.patient, first_name="Zoë", last_name="Nguyễn-Øster")
    claim = claim_for(replace(data, chart=replace(data.chart, patient=patient)), number="CL-2026-0009")
    text = x837_text(claim, Envelope("1558598797", "CLAIMMD", "CLAIM.MD", 7, datetime(2026, 9, 20, 10, 30)))
    assert x12_errors(text, tmp_path) == ""
    assert "NM1*IL*1*NGUYEN-OSTER*ZOE*" in text and "NGUYEN-STER" not in text
