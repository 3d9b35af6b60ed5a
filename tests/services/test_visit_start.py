"""What a new visit starts with: the last visit, or for a first visit the prescription."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.practice import FeeSchedule, Prescription, ServiceLine
from app.domain.procedures import CATALOGUE
from app.services.visit_check import VisitSetting
from app.services.visit_start import last_visit, start_visit, usual_first_service
from tests import sample

DAY = date(2026, 9, 23)


def setting(**chart_changes: object) -> VisitSetting:
    chart = replace(sample.chart(), **chart_changes)  # type: ignore[arg-type]
    return VisitSetting(
        practitioner=sample.practitioner(),
        chart=chart,
        payers={p.key: p for p in sample.PAYERS},
        fees=sample.FEES,
        procedures=dict(CATALOGUE),
    )


def test_a_new_visit_copies_the_last_visit_dated_the_new_day() -> None:
    start = start_visit(setting(), "v-new", DAY)
    visit = start.visit
    assert (visit.key, visit.date) == ("v-new", DAY)
    assert visit.diagnoses == ("M54.50", "M62.830")
    assert visit.lines == (
        ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),
        ServiceLine("97140", ("B",), minutes=15, modifiers=("59",), body_region="thoracic"),
    )
    assert (visit.place_of_service, visit.coverage, visit.prescription) == ("11", "cov-1", "rx-1")
    assert start.source == "last visit"
    assert start.note == "Filled in from the visit of 09/16/2026: change what differs."
    assert not start.pointers_follow


def test_the_last_visit_is_the_latest_date_of_service_not_the_last_recorded() -> None:
    chart = sample.chart()
    late_entry = replace(chart.visits[0], key="v-old", date=date(2026, 9, 1))
    chosen = last_visit(setting(visits=(*chart.visits, late_entry)))
    assert chosen is not None and chosen.key == "v-2"


def test_units_by_hand_their_reason_and_a_fee_typed_for_that_visit_are_not_copied() -> None:
    chart = sample.chart()
    odd = ServiceLine("97124", ("A", "B"), minutes=50, units=4, unit_reason="flare-up", fee=3000)
    last = replace(chart.visits[1], lines=(odd,))
    visit = start_visit(setting(visits=(chart.visits[0], last)), "v-new", DAY).visit
    assert visit.lines == (ServiceLine("97124", ("A", "B"), minutes=50),)


def test_a_new_prescription_brings_its_codes_and_services_keep_pointing_to_the_codes_still_there() -> None:
    chart = sample.chart()
    renewed = Prescription(
        "rx-2", "Helen Park", date(2026, 9, 20), diagnoses=("M54.2", "M62.830"), expires_on=date(2026, 12, 31)
    )
    start = start_visit(setting(prescriptions=(*chart.prescriptions, renewed)), "v-new", DAY)
    visit = start.visit
    assert visit.prescription == "rx-2"
    assert visit.diagnoses == ("M54.2", "M62.830")
    # 97124 pointed to M54.50 (gone): now to the first codes; 97140 pointed to M62.830, now letter B.
    assert [line.pointers for line in visit.lines] == [("A", "B"), ("B",)]
    assert start.note == (
        "Filled in from the visit of 09/16/2026, with the diagnoses of the new prescription: change what differs."
    )


def test_no_prescription_today_keeps_the_last_visits_diagnoses() -> None:
    visit = start_visit(setting(), "v-new", date(2027, 2, 1)).visit  # rx-1 ended on 12/31/2026
    assert visit.prescription is None
    assert visit.diagnoses == ("M54.50", "M62.830")


def test_a_first_visit_takes_the_prescriptions_codes_and_body_areas_on_a_97124_line() -> None:
    start = start_visit(setting(visits=()), "v-new", DAY)
    visit = start.visit
    assert visit.diagnoses == ("M54.50", "M62.830")
    assert visit.lines == (ServiceLine("97124", ("A", "B"), body_region="lumbar, thoracic"),)
    assert visit.lines[0].minutes is None  # the therapist types the minutes
    assert (visit.place_of_service, visit.coverage, visit.prescription) == ("11", "cov-1", "rx-1")
    assert start.source == "prescription" and start.pointers_follow
    assert (
        start.note == "First visit: filled in from the prescription's codes and body areas; type the minutes."
    )


def test_body_areas_too_long_for_the_body_region_box_are_left_out() -> None:
    rx = replace(sample.chart().prescriptions[0], body_areas="lumbar, thoracic, " * 10)
    visit = start_visit(setting(visits=(), prescriptions=(rx,)), "v-new", DAY).visit
    assert visit.lines[0].body_region is None


def test_a_first_visit_without_a_prescription_starts_empty() -> None:
    start = start_visit(setting(visits=(), prescriptions=()), "v-new", DAY)
    assert (start.visit.diagnoses, start.visit.lines, start.source, start.note) == ((), (), "", "")


def test_the_usual_first_service_is_97124_when_priced_else_the_only_priced_code() -> None:
    assert usual_first_service(setting()) == "97124"
    only_97140 = replace(setting(), fees=FeeSchedule(default={"97140": 4500}))
    assert usual_first_service(only_97140) == "97140"
    several = replace(setting(), fees=FeeSchedule(default={"97140": 4500, "97112": 4500}))
    assert usual_first_service(several) is None
    visit = start_visit(replace(several, chart=replace(several.chart, visits=())), "v-new", DAY).visit
    assert visit.lines == () and visit.diagnoses == ("M54.50", "M62.830")


def test_more_than_twelve_prescription_codes_keep_the_first_twelve() -> None:
    codes = tuple(f"M79.{n}" for n in range(10, 25))
    rx = replace(sample.chart().prescriptions[0], diagnoses=codes)
    visit = start_visit(setting(visits=(), prescriptions=(rx,)), "v-new", DAY).visit
    assert visit.diagnoses == codes[:12]
    assert visit.lines[0].pointers == ("A", "B", "C", "D")
