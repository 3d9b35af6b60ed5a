"""What the superbill dialog is told about a choice: the visits to pick from, the money, the findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.check import Severity
from app.domain.errors import ValidationError
from app.domain.practice import ServiceLine
from app.services import periods
from app.services.superbill_choice import issue, judge, visit_options
from app.services.workspace import Workspace

TODAY = date(2026, 9, 20)


def test_visits_are_offered_newest_first_with_their_codes_and_charges(workspace: Workspace) -> None:
    options = visit_options(workspace, "pt-0001", TODAY)
    assert [(o.date, o.procedures, o.charges, o.same_day) for o in options] == [
        (date(2026, 9, 16), ("97124", "97140"), 12500, 1),
        (date(2026, 9, 9), ("97124",), 12000, 1),
    ]


def test_two_visits_on_one_date_each_say_so(workspace: Workspace) -> None:
    first = workspace.store.chart("pt-0001").visits[0]
    workspace.store.save_visit("pt-0001", replace(first, key="v-1b"))
    options = visit_options(workspace, "pt-0001", TODAY)
    assert [o.same_day for o in options if o.date == date(2026, 9, 9)] == [2, 2]


def test_this_month_is_two_visits_245_dollars_paid_in_full(workspace: Workspace) -> None:
    choice = judge(workspace, "pt-0001", periods.this_month(TODAY), TODAY)
    assert (choice.visit_count, choice.charges, choice.payments, choice.balance) == (2, 24500, 24500, 0)
    assert choice.paid_in_full
    assert choice.findings == ()
    assert choice.patient_name == "Daniel Okafor"


def test_errors_come_before_warnings(workspace: Workspace) -> None:
    first = workspace.store.chart("pt-0001").visits[0]
    # A visit with no prescription (a warning for a commercial payer) and a bundled pair without 59 (an error).
    workspace.store.save_visit(
        "pt-0001",
        replace(
            first,
            key="v-3",
            date=date(2026, 9, 18),
            prescription=None,
            lines=(
                ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),
                ServiceLine("97140", ("A",), minutes=15, body_region="neck"),
            ),
        ),
    )
    choice = judge(workspace, "pt-0001", periods.this_month(TODAY), TODAY)
    severities = [f.severity for f in choice.findings]
    assert Severity.ERROR in severities and Severity.WARNING in severities
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)


def test_a_period_without_visits_is_refused_with_a_reason(workspace: Workspace) -> None:
    with pytest.raises(ValidationError):
        judge(workspace, "pt-0001", periods.last_month(TODAY), TODAY)


def test_issued_visits_are_reported_as_already_on_a_superbill(workspace: Workspace) -> None:
    document = issue(workspace, "pt-0001", periods.one_day(date(2026, 9, 9)), TODAY, draft=False)
    assert document.number == "SB-2026-0001"
    choice = judge(workspace, "pt-0001", periods.this_month(TODAY), TODAY)
    assert [s.number for s in choice.already_issued] == ["SB-2026-0001"]
    later = judge(workspace, "pt-0001", periods.one_day(date(2026, 9, 16)), TODAY)
    assert later.already_issued == ()


def test_a_draft_is_not_numbered_or_recorded(workspace: Workspace) -> None:
    document = issue(workspace, "pt-0001", periods.this_month(TODAY), TODAY, draft=True)
    assert document.number is None
    assert workspace.store.superbills("pt-0001") == []
