"""The superbill PDF carries what a claims clerk needs (docs/design.md 1), on pages an insurer can read."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest

from app.domain.practice import TaxIdType
from app.domain.superbill import PaperSize, SuperbillData
from app.render.superbill import SignatureImageError, SuperbillRenderer
from tests import sample
from tests.render import builders
from tests.render.pdf_text import has_line, lines, page_lines, plain_text, reader, text_right_edges

DESCRIPTIONS = {"M54.50": "Low back pain, unspecified", "M62.830": "Muscle spasm of back"}


def render(data: SuperbillData | None = None, *, draft: bool = False) -> bytes:
    renderer = SuperbillRenderer(describe=DESCRIPTIONS.get)
    return renderer.render(data if data is not None else sample.superbill_data(), draft=draft)


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render()


@pytest.fixture(scope="module")
def year_pdf() -> bytes:
    return render(builders.year_of_visits(60))


# -- the sample superbill -----------------------------------------------------------


def test_the_renderer_returns_a_pdf_document(sample_pdf: bytes) -> None:
    assert sample_pdf.startswith(b"%PDF-")
    assert len(reader(sample_pdf).pages) == 1


def test_title_statement_number_and_issue_date_are_printed(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    assert "Superbill" in text
    assert "Itemized statement for insurance reimbursement" in text
    assert "Statement no. SB-2026-0001" in text
    assert "Date issued 09/20/2026" in text


def test_a_one_page_superbill_says_page_1_of_1(sample_pdf: bytes) -> None:
    assert "Page 1 of 1" in plain_text(sample_pdf)


def test_provider_block_has_name_practice_address_phone_and_every_identifier(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    for item in (
        "Maya Lindqvist, LMT",
        "Tidewater Therapeutic Massage",
        "2200 Westlake Ave N Suite 104 Seattle, WA 98109",
        "Phone (206) 555-0148",
        "Individual NPI 1558598797",
        "Tax ID (EIN) 91-1234567",
        "MA60123456 (WA)",
        "225700000X",
    ):
        assert item in text, item


def test_the_organization_npi_is_printed_only_when_the_practice_has_one_under_its_one_label(
    sample_pdf: bytes,
) -> None:
    assert "Organization NPI" not in plain_text(sample_pdf)
    with_org = render(sample.superbill_data(practitioner=sample.practitioner(organization_npi="1234567893")))
    assert "Organization NPI 1234567893" in plain_text(with_org)


def test_patient_block_has_legal_name_birth_date_sex_address_phone_and_account(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    for item in (
        "Name Daniel Okafor",
        "Date of birth 06/12/1984",
        "Sex Male",
        "415 Fremont Pl N Seattle, WA 98103",
        "Phone (206) 555-0177",
        "Account no. A00001",
    ):
        assert item in text, item


def test_insurance_block_has_payer_kind_member_id_and_group(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    for item in (
        "Payer Premera Blue Cross",
        "PO Box 91059 Seattle, WA 98111",
        "Payer phone (800) 555-0101",
        "Commercial insurance",
        "Member ID PRM448812093",
        "Group no. 1000045",
    ):
        assert item in text, item
    assert "Subscriber" not in text  # the patient is the subscriber


def test_referring_provider_from_the_prescription_is_printed(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    assert "Helen Park, MD" in text
    assert "NPI 1003000126" in text
    assert "Prescription date 09/02/2026" in text


def test_diagnoses_are_lettered_with_code_and_description(sample_pdf: bytes) -> None:
    assert has_line(sample_pdf, "A M54.50 Low back pain, unspecified")
    assert has_line(sample_pdf, "B M62.830 Muscle spasm of back")


def test_without_a_code_index_diagnoses_print_code_only() -> None:
    pdf = SuperbillRenderer().render(sample.superbill_data())
    assert has_line(pdf, "A M54.50")
    assert has_line(pdf, "B M62.830")
    assert "Low back pain" not in plain_text(pdf)


def test_a_description_passed_to_render_overrides_the_constructors() -> None:
    renderer = SuperbillRenderer(describe=DESCRIPTIONS.get)
    pdf = renderer.render(sample.superbill_data(), describe=lambda code: f"described {code}")
    assert has_line(pdf, "A M54.50 described M54.50")


def test_each_service_line_has_its_exact_date_place_code_pointers_minutes_units_fee_and_charge(
    sample_pdf: bytes,
) -> None:
    assert has_line(sample_pdf, "09/09/2026 11 97124 lumbar A,B 45 3 $40.00 $120.00")
    assert has_line(sample_pdf, "09/16/2026 11 97124 lumbar A 30 2 $40.00 $80.00")
    assert has_line(sample_pdf, "09/16/2026 11 97140 59 thoracic B 15 1 $45.00 $45.00")


def test_procedures_are_explained_in_our_own_words(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    assert "97124 Therapeutic massage of muscles and soft tissue" in text
    assert "97140 Hands-on manual therapy" in text
    assert "POS 11: Office" in text
    assert "Modifier 59: distinct procedural service" in text


def test_totals_payments_and_paid_in_full(sample_pdf: bytes) -> None:
    assert has_line(sample_pdf, "Total charges $245.00")
    assert has_line(sample_pdf, "09/09/2026 Card VISA 4242 $120.00")
    assert has_line(sample_pdf, "09/16/2026 HSA/FSA card $125.00")
    text = plain_text(sample_pdf)
    assert "Payments received -$245.00" in text
    assert "Balance due $0.00" in text
    assert "Paid in full. Please reimburse the patient directly." in text


def test_an_unpaid_superbill_shows_the_balance_and_never_says_paid_in_full() -> None:
    pdf = render(sample.superbill_data(payments=()))
    text = plain_text(pdf)
    assert "No payments received." in text
    assert "Balance due $245.00" in text
    assert "Paid in full" not in text


def test_a_partly_paid_superbill_shows_what_is_still_due() -> None:
    first_payment_only = sample.superbill_data().payments[:1]
    text = plain_text(render(sample.superbill_data(payments=first_payment_only)))
    assert "Balance due $125.00" in text
    assert "Paid in full" not in text


def test_statements_signature_line_date_and_confidentiality_footer(sample_pdf: bytes) -> None:
    text = plain_text(sample_pdf)
    assert "PATIENT AUTHORIZATION" in text
    assert "I authorize the provider named above to release" in text
    assert "PROVIDER CERTIFICATION" in text
    assert "I certify that I personally provided the services" in text
    assert "Confidential: protected health information" in text
    printed = lines(sample_pdf)
    signatures = printed.index("Patient signature Date Maya Lindqvist, LMT Date")
    assert printed[signatures - 1] == "09/20/2026"  # the provider's date, on its line above "Date"
    # read in drawing order too (copy and paste, screen readers): each signature label before its Date
    assert "Patient signature Date Maya Lindqvist, LMT Date" in text


def test_metadata_names_the_statement_patient_and_practitioner(sample_pdf: bytes) -> None:
    metadata = reader(sample_pdf).metadata
    assert metadata is not None
    assert metadata.title == "Superbill SB-2026-0001 for Daniel Okafor"
    assert metadata.author == "Maya Lindqvist, LMT, Tidewater Therapeutic Massage"
    assert metadata.subject is not None and "09/09/2026 to 09/16/2026" in metadata.subject
    assert metadata.creator == "Superbill Desk"


# -- names, identifiers, paper ----------------------------------------------------------


def test_a_unicode_patient_name_prints_and_extracts_exactly() -> None:
    pdf = render(builders.renamed_patient(sample.superbill_data(), "Zoë", "Nguyễn-Øster"))
    text = plain_text(pdf)
    assert "Name Zoë Nguyễn-Øster" in text
    assert "Superbill SB-2026-0001 · Zoë Nguyễn-Øster, DOB 06/12/1984" in text
    metadata = reader(pdf).metadata
    assert metadata is not None and metadata.title == "Superbill SB-2026-0001 for Zoë Nguyễn-Øster"


def test_fonts_are_embedded_subsets_so_the_file_stays_small(sample_pdf: bytes) -> None:
    assert len(sample_pdf) < 150_000


def test_an_ssn_is_masked_unless_the_therapist_allows_it_in_full() -> None:
    ssn = sample.practitioner(tax_id="123-45-6789", tax_id_type=TaxIdType.SSN)
    masked = plain_text(render(sample.superbill_data(practitioner=ssn)))
    assert "Tax ID (SSN) ***-**-6789" in masked
    assert "123-45-6789" not in masked and "123456789" not in masked
    allowed = replace(ssn, print_full_ssn=True)
    assert "Tax ID (SSN) 123-45-6789" in plain_text(render(sample.superbill_data(practitioner=allowed)))


def test_letter_is_the_default_and_a4_is_used_when_asked(sample_pdf: bytes) -> None:
    letter = reader(sample_pdf).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    a4 = reader(render(sample.superbill_data(paper=PaperSize.A4))).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_an_injury_claim_prints_claim_injury_employer_adjuster_authorisation_and_subscriber() -> None:
    text = plain_text(render(builders.injury_claim()))
    for item in (
        "Workers' compensation",
        "Claim no. BG-7712-0093-2026",
        "Date of injury 08/30/2026",
        "Pacific Northwest Regional Distribution and Logistics Cooperative, Warehouse 7",
        "Accident state WA",
        "Jordan Ellis-Montgomery, 360-555-0199",
        "Prior auth. no. PA-20260901-88",
        "Bartholomew-Alexander Featherstonehaugh-Worthington",
        "Insured's DOB 02/29/1960",
        "Relationship to insured Child",
        "Washington State Department of Labor & Industries",
    ):
        assert item in text, item


def test_a_self_pay_superbill_has_no_insurance_block() -> None:
    data = sample.superbill_data()
    visits = tuple(replace(v, coverage=None) for v in data.visits)
    text = plain_text(render(replace(data, visits=visits)))
    assert "INSURANCE" not in text
    assert "Member ID" not in text


def test_long_names_and_addresses_wrap_inside_the_page() -> None:
    pdf = render(builders.injury_claim())
    width = float(reader(pdf).pages[0].mediabox.width)
    right_margin_edge = width - SuperbillRenderer.margin
    pieces = [piece for page in text_right_edges(pdf) for piece in page]
    assert len(pieces) > 100
    overflowing = [(text, round(end)) for text, end in pieces if end > right_margin_edge + 0.5]
    assert overflowing == []
    text = plain_text(pdf)
    assert "Maximiliana Josefina Esperanza Featherstonehaugh-Worthington de la Cruz" in text
    assert "12345 Northeast Extraordinarily Long Boulevard Name Apartment 1234B" in text


# -- a year of visits -------------------------------------------------------------------


def test_a_year_of_visits_prints_every_date_of_service(year_pdf: bytes) -> None:
    data = builders.year_of_visits(60)
    rows = [line for line in lines(year_pdf) if re.match(r"^\d\d/\d\d/\d{4} 11 9714?\d", line)]
    expected = [
        f"{p.visit.date:%m/%d/%Y} 11 {p.line.cpt}" for p in data.priced_lines()
    ]  # one row per procedure per date, in order
    assert [row.split(" lumbar")[0].split(" 59 ")[0] for row in rows] == expected
    for n in range(60):
        day = builders.FIRST_VISIT + timedelta(days=7 * n)
        assert f"{day:%m/%d/%Y} 11 97124 lumbar A,B 45 3 $40.00 $120.00" in rows


def test_a_year_of_visits_adds_up(year_pdf: bytes) -> None:
    # 60 visits of 3 units of 97124 at $40, and 20 of them with one unit of 97140 at $45
    assert has_line(year_pdf, "Total charges $8,100.00")
    text = plain_text(year_pdf)
    assert "Balance due $0.00" in text
    assert "Paid in full. Please reimburse the patient directly." in text


def test_every_page_of_a_long_superbill_says_page_x_of_y(year_pdf: bytes) -> None:
    pages = page_lines(year_pdf)
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert any(line.endswith(f"Page {number} of {len(pages)}") for line in page), number


def test_the_service_table_header_repeats_on_every_page_it_continues_onto(year_pdf: bytes) -> None:
    header = "Date of service POS CPT Mod. Body region Dx ptr Min. Units Fee / unit Charge"
    pages_with_rows = 0
    for page in page_lines(year_pdf):
        first_row = next((i for i, line in enumerate(page) if re.match(r"^\d\d/\d\d/\d{4} 11 ", line)), None)
        if first_row is None:
            continue
        pages_with_rows += 1
        assert header in page[:first_row]
    assert pages_with_rows >= 2


def test_later_pages_name_the_statement_and_patient(year_pdf: bytes) -> None:
    for page in page_lines(year_pdf)[1:]:
        assert page[0].startswith("Superbill SB-2026-0042 (continued) · Daniel Okafor, DOB 06/12/1984")


# -- draft and signature --------------------------------------------------------------


def test_a_draft_carries_the_watermark_on_every_page_and_a_final_does_not(year_pdf: bytes) -> None:
    draft = render(builders.year_of_visits(60), draft=True)
    for page in reader(draft).pages:
        assert "DRAFT - not for submission" in page.extract_text()
    assert "DRAFT" not in plain_text(year_pdf)
    metadata = reader(draft).metadata
    assert metadata is not None and metadata.title is not None and "(draft)" in metadata.title


def _image_count(pdf: bytes) -> int:
    count = 0
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


def test_a_signature_on_file_is_embedded_as_an_image(sample_pdf: bytes) -> None:
    assert _image_count(sample_pdf) == 1  # the sample practice has its signature on file
    unsigned = sample.practitioner(signature_png=None)
    assert _image_count(render(sample.superbill_data(practitioner=unsigned))) == 0


def test_an_unreadable_signature_image_is_reported_not_silently_dropped() -> None:
    broken = sample.practitioner(signature_png=b"not a picture")
    with pytest.raises(SignatureImageError, match="signature image"):
        render(sample.superbill_data(practitioner=broken))


def test_rendering_twice_gives_the_same_text(sample_pdf: bytes) -> None:
    assert plain_text(render()) == plain_text(sample_pdf)
