"""Extremes render cleanly: every text field at its longest, 200 service lines, 12 diagnoses.

The longest value of each field is the practice file's limit (app.domain.text_limits.TEXT_LIMITS:
names 150 characters each, so a full name of 301; a practice or payer name 200; address lines 100;
IDs 40; employer and adjuster 200 ...), which the importer enforces. The real renderer draws the
superbill; pdfplumber reads every character's box back, and on every page:

- every character lies inside the page: between the side margins, clear of the paper's edges;
- no piece of text runs over another: characters are grouped into the runs they were drawn in
  (one string on one baseline, left to right), and no two runs' boxes overlap, so letters of one
  word touching never count, text printed over other text always does;
- the page count is sane and each page says "Page X of Y" correctly;

and no required value is dropped: the patient's whole name is on the first page, wrapped if need be.
Both shapes of long text are drawn: words, and one unbroken run of letters.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.units import inch

from app.domain.errors import ValidationError
from app.domain.practice import (
    Address,
    Coverage,
    Patient,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    Prescription,
    Relationship,
    ServiceLine,
    Subscriber,
    Visit,
)
from app.domain.superbill import POINTER_LETTERS, SuperbillData
from app.domain.text_limits import TEXT_LIMITS
from app.render.superbill import SuperbillRenderer
from app.services.practice_file import practice_from_json
from tests import sample

DIAGNOSES = ("M54.50", "M54.51", "M54.59", "M54.2", "M54.6", "M79.10", "M79.7", "M62.830", "M62.838",
             "S13.4XXA", "S16.1XXA", "G44.209")  # fmt: skip
SERVICE_LINES = 200
EDGE = 0.18 * inch  # nothing is printed closer than this to the paper's top or bottom edge
TOLERANCE = 0.3  # points: boxes that merely touch do not overlap


def long_text(limit: int, shape: str, seed: str) -> str:
    """Text of exactly `limit` characters: words of varied length with accents, or one unbroken run."""
    if shape == "unbroken":
        return (seed + "Ŵ" * limit)[:limit]
    words = ["Featherstonehaugh", "Åsa", "de", "la", "Worthington-Montgomery", "Ñúñez", "O'Brien", "Zoë"]
    text, index = seed, 0
    while len(text) < limit:
        text += " " + words[index % len(words)]
        index += 1
    return text[:limit].rstrip() + "x" * (limit - len(text[:limit].rstrip()))


def at_limit(field: str, shape: str, seed: str = "") -> str:
    return long_text(TEXT_LIMITS[field], shape, seed or field[:3].title())


def address(shape: str) -> Address:
    return Address(
        at_limit("line1", shape),
        "X" * 1 + at_limit("city", shape)[1:],
        "WA",
        "98109-1234",
        line2=at_limit("line2", shape),
    )


def extreme_superbill(shape: str) -> SuperbillData:
    data = sample.superbill_data()
    practitioner = replace(
        data.practitioner,
        first_name=at_limit("first_name", shape, "Maya"),
        last_name=at_limit("last_name", shape, "Lindqvist"),
        credentials=at_limit("credentials", shape, "LMT"),
        practice_name=at_limit("practice_name", shape, "Tidewater"),
        license_number=at_limit("license_number", "unbroken", "MA"),
        address=address(shape),
        phone=at_limit("phone", shape, "206"),
        email=at_limit("email", "unbroken", "maya"),
    )
    patient = Patient(
        "pt-extreme",
        at_limit("first_name", shape, "Maximiliana"),
        at_limit("last_name", shape, "Featherstonehaugh"),
        date(1984, 6, 12),
        sex=at_limit("sex", shape, "X"),
        address=address(shape),
        phone=at_limit("phone", shape, "206"),
        email=at_limit("email", "unbroken", "dan"),
        account_number=at_limit("id", "unbroken", "A"),
    )
    payer = Payer(
        "lni", at_limit("name", shape, "Labor"), PayerKind.WORKERS_COMP, address=address(shape),
        phone=at_limit("phone", shape, "800"),
    )  # fmt: skip
    coverage = Coverage(
        "cov-x",
        "lni",
        relationship=Relationship.CHILD,
        member_id=at_limit("member_id", "unbroken", "M"),
        group_number=at_limit("group_number", "unbroken", "G"),
        subscriber=Subscriber(
            at_limit("first_name", shape, "Bart"), at_limit("last_name", shape, "Feath"), date(1960, 2, 29)
        ),
        claim_number=at_limit("claim_number", "unbroken", "BG"),
        injury_date=date(2026, 1, 2),
        employer=at_limit("employer", shape, "Pacific"),
        accident_state="WA",
        adjuster=at_limit("adjuster", shape, "Jordan"),
        authorization_number=at_limit("authorization_number", "unbroken", "PA"),
    )
    prescription = Prescription(
        "rx-x",
        at_limit("prescriber_name", shape, "Helen"),
        date(2026, 1, 2),
        diagnoses=DIAGNOSES,
        prescriber_credentials=at_limit("prescriber_credentials", shape, "MD"),
        prescriber_npi="1003000126",
        frequency=at_limit("frequency", shape),
        body_areas=at_limit("body_areas", shape),
        notes=at_limit("notes", shape),
    )
    visits, payments = [], []
    for n in range(SERVICE_LINES // 2):
        day = date(2026, 1, 5) + timedelta(days=3 * n)
        lines = tuple(
            ServiceLine(
                cpt,
                tuple(POINTER_LETTERS[k * 4 : k * 4 + 4]),
                minutes=60,
                units=9999 if k else None,
                unit_reason=at_limit("unit_reason", shape) if k else None,
                modifiers=("59", "XS", "GP", "KX"),
                body_region=at_limit("body_region", shape, "Lumbar"),
                fee=999_999 if k else None,
            )
            for k, cpt in enumerate(("97124", "97140"))
        )
        visits.append(
            Visit(
                f"v-{n}", day, DIAGNOSES, lines, place_of_service="11", coverage="cov-x", prescription="rx-x"
            )
        )
        payments.append(
            Payment(f"p-{n}", day, 12_000, PaymentMethod.HSA_FSA_CARD, reference=at_limit("reference", shape))
        )
    chart = replace(
        data.chart,
        patient=patient,
        coverages=(coverage,),
        prescriptions=(prescription,),
        visits=tuple(visits),
        payments=tuple(payments),
    )
    return replace(
        data,
        practitioner=practitioner,
        chart=chart,
        visits=chart.visits,
        payments=chart.payments,
        payers={**data.payers, "lni": payer},
        statement_number="SB-2026-9999",
    )


LONGEST_DESCRIPTION = (
    "Sprain of ligaments of cervical spine, initial encounter, with a description as long as the "
    "longest ICD-10-CM long descriptions run: other specified injuries of muscle, fascia and tendon "
    "at neck level, subsequent encounter, left side, with delayed healing and complications"
)


def describe(code: str) -> str:
    return f"{code} {LONGEST_DESCRIPTION}"


# -- reading the PDF back ------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """Characters drawn as one string: same baseline, left to right."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    def overlaps(self, other: Run) -> bool:
        return (
            min(self.x1, other.x1) - max(self.x0, other.x0) > TOLERANCE
            and min(self.bottom, other.bottom) - max(self.top, other.top) > TOLERANCE
        )


def runs(chars: list[dict[str, Any]]) -> list[Run]:
    """Chars in content-stream order, cut where the baseline changes or x goes back or jumps ahead."""
    result: list[Run] = []
    current: list[dict[str, Any]] = []

    def close() -> None:
        if current:
            visible = [c for c in current if c["text"].strip()]
            if visible:
                result.append(
                    Run(
                        "".join(c["text"] for c in current),
                        min(c["x0"] for c in visible),
                        max(c["x1"] for c in visible),
                        min(c["top"] for c in visible),
                        max(c["bottom"] for c in visible),
                    )
                )
            current.clear()

    for char in chars:
        if current:
            last = current[-1]
            same_line = abs(char["bottom"] - last["bottom"]) < 0.01 and char["size"] == last["size"]
            follows = last["x1"] - 0.5 <= char["x0"] <= last["x1"] + char["size"]
            if not (same_line and follows):
                close()
        current.append(char)
    close()
    return result


@dataclass(frozen=True)
class PageReport:
    number: int
    text: str
    runs: list[Run]
    width: float
    height: float
    chars: list[dict[str, Any]]


def read_pages(pdf: bytes) -> list[PageReport]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [
            PageReport(
                page.page_number,
                page.extract_text() or "",
                runs(page.chars),
                float(page.width),
                float(page.height),
                list(page.chars),
            )
            for page in document.pages
        ]


def out_of_bounds(page: PageReport) -> list[str]:
    left = SuperbillRenderer.margin - TOLERANCE
    right = page.width - SuperbillRenderer.margin + TOLERANCE
    return [
        f"{c['text']!r} at x {c['x0']:.1f}-{c['x1']:.1f}, top {c['top']:.1f}"
        for c in page.chars
        if c["text"].strip()
        and (c["x0"] < left or c["x1"] > right or c["top"] < EDGE or c["bottom"] > page.height - EDGE)
    ]


def overlapping(page: PageReport) -> list[str]:
    found = []
    ordered = sorted(page.runs, key=lambda r: r.top)
    for index, run in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.top >= run.bottom:
                break
            if run.overlaps(other):
                found.append(f"{run.text[:40]!r} over {other.text[:40]!r} at top {run.top:.1f}")
    return found


# -- the tests -----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["words", "unbroken"])
def extreme(request: pytest.FixtureRequest) -> tuple[SuperbillData, bytes, list[PageReport]]:
    data = extreme_superbill(request.param)
    pdf = SuperbillRenderer(describe=describe).render(data)
    if request.param == "words" and (folder := Path(__file__).parent / "out").is_dir():
        (folder / "extreme-superbill.pdf").write_bytes(pdf)  # to look at: mkdir tests/protection/out
    return data, pdf, read_pages(pdf)


def test_the_extreme_superbill_has_what_it_should(
    extreme: tuple[SuperbillData, bytes, list[PageReport]],
) -> None:
    data, _, _ = extreme
    assert len(data.priced_lines()) == SERVICE_LINES
    assert len(data.diagnoses()) == 12
    assert len(data.chart.patient.full_name) >= 300


def test_every_character_lies_inside_the_page(extreme: tuple[SuperbillData, bytes, list[PageReport]]) -> None:
    _, _, pages = extreme
    for page in pages:
        assert out_of_bounds(page) == [], f"page {page.number}"


def test_no_text_runs_over_other_text(extreme: tuple[SuperbillData, bytes, list[PageReport]]) -> None:
    _, _, pages = extreme
    for page in pages:
        assert overlapping(page) == [], f"page {page.number}"


def test_page_count_and_page_numbers(extreme: tuple[SuperbillData, bytes, list[PageReport]]) -> None:
    _, _, pages = extreme
    # 200 lines whose 60-character body regions wrap to five lines each, and 100 payments
    # (in table text of 8.5 pt, the smallest a fax or a phone photo keeps readable: issue 13)
    assert 3 <= len(pages) <= 40
    for page in pages:
        found = re.findall(r"Page (\d+) of (\d+)", page.text)
        assert found == [(str(page.number), str(len(pages)))] * len(found) and found, f"page {page.number}"


def test_required_values_are_all_printed(extreme: tuple[SuperbillData, bytes, list[PageReport]]) -> None:
    data, _, pages = extreme
    squeezed = "".join(re.sub(r"\s+", "", page.text) for page in pages)
    patient, coverage = data.chart.patient, data.chart.coverages[0]
    for value in (
        patient.full_name,
        data.practitioner.display_name,
        coverage.member_id,
        coverage.claim_number,
    ):
        assert value is not None and re.sub(r"\s+", "", value) in squeezed, value[:40] if value else value
    assert re.sub(r"\s+", "", patient.full_name) in re.sub(r"\s+", "", pages[0].text)
    for code in DIAGNOSES:
        assert code in squeezed
    assert squeezed.count("97140") >= SERVICE_LINES // 2


def test_the_importer_takes_each_field_at_its_limit_and_refuses_one_character_more() -> None:
    document = json.loads(
        (Path(__file__).parents[1] / "data" / "sample-practice.json").read_text(encoding="utf-8")
    )
    places: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "practice_name": lambda d: d["practitioner"],
        "first_name": lambda d: d["patients"][0],
        "line1": lambda d: d["patients"][0]["address"],
        "name": lambda d: d["payers"][0],
        "member_id": lambda d: d["patients"][0]["coverages"][0],
        "body_region": lambda d: d["patients"][0]["visits"][0]["lines"][0],
        "reference": lambda d: d["patients"][0]["payments"][0],
        "notes": lambda d: d["patients"][0]["prescriptions"][0],
    }
    for key, place in places.items():
        limit = TEXT_LIMITS[key]
        place(document)[key] = "é" * limit
        practice_from_json(document)
        place(document)[key] = "é" * (limit + 1)
        with pytest.raises(ValidationError) as refused:
            practice_from_json(document)
        assert (
            refused.value.message == f"is {limit + 1} characters long; at most {limit} are kept and printed"
        )
        place(document)[key] = "x"
