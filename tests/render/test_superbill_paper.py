"""The superbill as a payer's intake clerk reads it (issue 13): read back from the real PDF by text and position."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.domain.practice import Relationship
from app.domain.superbill import SuperbillData
from app.render.superbill import SuperbillRenderer
from tests import sample
from tests.render import builders
from tests.render.pdf_layout import Page, beside, contrast_with_white, pages

DESCRIPTIONS = {"M54.50": "Low back pain, unspecified", "M62.830": "Muscle spasm of back"}
SERVICE_ROW = re.compile(r"^\d\d/\d\d/\d{4} \d\d 9\d{4}\b")
PAYMENT_ROW = re.compile(r"^\d\d/\d\d/\d{4} (Card|Cash|Check|HSA/FSA card|Insurance|Other)\b")
DIAGNOSIS_ROW = re.compile(r"^[A-L] [A-Z]\d\d(\.\w+)?\b")
TABLE_HEADERS = ("Date of service POS CPT", "Payment date Method", "Ptr ICD-10-CM Description")


def render(data: SuperbillData, *, draft: bool = False) -> bytes:
    return SuperbillRenderer(describe=DESCRIPTIONS.get).render(data, draft=draft)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("demo")
    output = folder / "demo-superbill.pdf"
    assert main(["--data-dir", str(folder / "data"), "demo", "-o", str(output)]) == 0
    return output.read_bytes()


@pytest.fixture(scope="module")
def fourteen_visit_pdf() -> bytes:
    return render(builders.year_of_visits(14))


@pytest.fixture(scope="module")
def statements(demo_pdf: bytes, fourteen_visit_pdf: bytes) -> dict[str, list[Page]]:
    return {"demo": pages(demo_pdf), "14 visits": pages(fourteen_visit_pdf)}


# -- page furniture ---------------------------------------------------------------------------


def _closing_page_problems(name: str, document: list[Page]) -> list[str]:
    problems = []
    for number, page in enumerate(document, start=1):
        lines = page.line_texts()
        closing = [
            m for m in ("Balance due", "PATIENT AUTHORIZATION", "PROVIDER CERTIFICATION") if m in page.text
        ]
        if not closing:
            continue
        if not any(SERVICE_ROW.match(line) for line in lines):
            problems.append(f"{name} page {number} holds {closing} without a service row")
        if len(closing) != 3:
            problems.append(f"{name} page {number}: totals and both signature blocks are apart ({closing})")
    return problems


def test_totals_payments_and_both_signatures_stay_with_the_last_service_rows(
    statements: dict[str, list[Page]],
) -> None:
    problems = [p for name, document in statements.items() for p in _closing_page_problems(name, document)]
    assert problems == []


@pytest.mark.parametrize("visits", [1, 2, 4, 6, 8, 10, 12, 16, 18, 20])
def test_no_visit_count_leaves_the_totals_or_signatures_alone_on_a_page(visits: int) -> None:
    document = pages(render(builders.year_of_visits(visits)))
    assert _closing_page_problems(f"{visits} visits", document) == []


def test_table_text_is_at_least_8_5_pt_and_every_label_at_least_8_pt(
    statements: dict[str, list[Page]],
) -> None:
    smallest_table, smallest_any = 99.0, 99.0
    for document in statements.values():
        for page in document:
            for row in page.lines():
                text = " ".join(w.text for w in row)
                in_table = (
                    SERVICE_ROW.match(text) or PAYMENT_ROW.match(text) or DIAGNOSIS_ROW.match(text)
                ) or text.startswith(TABLE_HEADERS)
                top = row[0].top
                sizes = [c.size for c in page.chars if abs(c.top - top) < 1.5]
                if in_table and sizes:
                    smallest_table = min(smallest_table, *sizes)
            smallest_any = min(smallest_any, *(c.size for c in page.chars))
    assert round(smallest_table, 2) >= 8.5
    assert round(smallest_any, 2) >= 8


def test_every_text_colour_has_a_contrast_of_at_least_7_to_1_against_white(
    statements: dict[str, list[Page]],
) -> None:
    weakest = {
        (round(contrast_with_white(c.color), 2), c.color)
        for document in statements.values()
        for page in document
        for c in page.chars
        if c.color[:3] != (1.0, 1.0, 1.0)  # white type sits on the dark header band
    }
    assert min(weakest)[0] >= 7, sorted(weakest)[:3]
    assert contrast_with_white(tuple(SuperbillRenderer.accent.rgb())) >= 7  # the band behind white type


def test_page_x_of_y_is_printed_once_on_every_page(statements: dict[str, list[Page]]) -> None:
    year = pages(render(builders.year_of_visits(40)))
    for name, document in {**statements, "40 visits": year}.items():
        assert len(document) >= 2, name
        for number, page in enumerate(document, start=1):
            assert page.text.count("Page") == 1, (name, number)
            assert f"Page {number} of {len(document)}" in page.text, (name, number)


def test_every_font_is_embedded_and_helvetica_is_not_referenced(demo_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "demo.pdf"
    path.write_bytes(demo_pdf)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = listing.splitlines()[2:]
    assert fonts, listing
    assert "Helvetica" not in listing
    for line in fonts:
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # embedded, subset, with a Unicode map


def test_paid_in_full_sentence_takes_at_most_two_lines(fourteen_visit_pdf: bytes) -> None:
    for document in (pages(fourteen_visit_pdf), pages(render(sample.superbill_data()))):
        page = next(p for p in document if "Paid in full" in p.text)
        words = ["✓", "Paid", "in", "full.", "Please", "reimburse", "the", "patient", "directly."]
        anchor = next(w for w in page.words if w.text == "Paid")
        near = [w for w in page.words if abs(w.top - anchor.top) < 40 and w.x0 < anchor.x0 + 200]
        tops = {round(w.top) for w in near if w.text in words}
        assert len(tops) <= 2, tops
        sentence = [w.text for w in sorted(near, key=lambda w: (round(w.top), w.x0)) if w.text in words]
        assert " ".join(sentence) == " ".join(words)


# -- the boxes a clerk keys -------------------------------------------------------------------


def test_the_insured_name_and_relationship_self_are_printed_when_the_patient_is_the_insured() -> None:
    page = pages(render(sample.superbill_data()))[0]
    assert beside(page, "Insured's name") == "Daniel Okafor"
    assert beside(page, "Relationship to insured") == "Self"


def test_a_dependant_prints_the_insured_s_name_birth_date_and_relationship() -> None:
    page = pages(render(builders.injury_claim()))[0]
    assert "Bartholomew-Alexander" in (beside(page, "Insured's name") or "")
    assert beside(page, "Insured's DOB") == "02/29/1960"
    assert beside(page, "Relationship to insured") == "Child"
    data = sample.superbill_data()
    spouse = replace(
        data.chart.coverages[0], relationship=Relationship.SPOUSE, subscriber=builders.subscriber()
    )
    chart = replace(data.chart, coverages=(spouse,))
    page = pages(render(replace(data, chart=chart)))[0]
    assert beside(page, "Relationship to insured") == "Spouse"


def test_the_rendering_provider_is_labelled_same_as_billing_without_an_organisation_npi() -> None:
    page = pages(render(sample.superbill_data()))[0]
    assert beside(page, "Rendering provider") == "Same as billing provider"


def test_the_rendering_provider_is_named_with_npi_when_the_practice_bills_as_an_organisation() -> None:
    organisation = sample.practitioner(organization_npi="1234567893")
    page = pages(render(sample.superbill_data(practitioner=organisation)))[0]
    assert beside(page, "Rendering provider") == "Maya Lindqvist, LMT"
    assert beside(page, "Rendering NPI") == "1558598797"


def test_accept_assignment_is_stated_as_no_payment_to_the_patient() -> None:
    page = pages(render(sample.superbill_data()))[0]
    assert beside(page, "Accept assignment") == "No: payment to the patient"


def test_stored_phone_digits_print_as_area_code_and_number() -> None:
    data = sample.superbill_data()
    chart = replace(data.chart, patient=replace(data.chart.patient, phone="6075550148"))
    payers = {key: replace(p, phone="18005550101") for key, p in data.payers.items()}
    page = pages(
        render(
            replace(data, chart=chart, payers=payers, practitioner=sample.practitioner(phone="2065550148"))
        )
    )[0]
    assert beside(page, "Phone") == "(206) 555-0148"
    assert "(607) 555-0148" in page.text
    assert beside(page, "Payer phone") == "(800) 555-0101"
    assert "6075550148" not in page.text


# -- minors -------------------------------------------------------------------------------------


def _born(data: SuperbillData, birthday: date) -> SuperbillData:
    return replace(
        data, chart=replace(data.chart, patient=replace(data.chart.patient, date_of_birth=birthday))
    )


def test_a_patient_under_18_on_the_date_of_service_signs_as_patient_or_parent_guardian() -> None:
    data = sample.superbill_data()  # visits on 09/09/2026 and 09/16/2026
    sixteen = pages(render(_born(data, date(2010, 5, 1))))[-1]
    assert "Signature of patient or parent/guardian" in sixteen.text
    seventeen_on_the_first_visit = pages(render(_born(data, date(2008, 9, 12))))[-1]
    assert "Signature of patient or parent/guardian" in seventeen_on_the_first_visit.text


def test_an_adult_patient_signs_as_the_patient() -> None:
    data = sample.superbill_data()
    eighteen_that_day = pages(render(_born(data, date(2008, 9, 9))))[-1]
    assert "parent/guardian" not in eighteen_that_day.text
    assert "Patient signature" in eighteen_that_day.text
