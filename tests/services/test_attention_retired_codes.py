"""Needs attention: visits not yet on a superbill, and prescriptions in force, using a code retired for their dates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.practice import Prescription
from app.services.attention import AttentionKind, needs_attention
from app.services.workspace import Workspace
from tests import sample
from tests.codes.fy2028 import visit

TODAY = date(2026, 12, 5)


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    """Daniel Okafor: M72.2 on 09/15/2026 (billable then) and on 11/10 and 11/17/2026 (a header from
    10/01/2026), on a prescription written 08/03/2026 (from 08/10) still in force, and M54.50 (fine) on another."""
    chart = sample.chart()
    prescriptions = (
        Prescription(
            "rx-feet",
            "Helen Park",
            date(2026, 8, 3),
            diagnoses=("M72.2",),
            prescriber_credentials="MD",
            starts_on=date(2026, 8, 10),  # named by the date it was written, 08/03, as its tab lists it
        ),
        replace(chart.prescriptions[0], expires_on=date(2027, 6, 30), authorized_visits=None),
    )
    visits = (
        visit("v-sep", date(2026, 9, 15), "M72.2"),
        visit("v-nov", date(2026, 11, 10), "M72.2", "M54.50"),
        visit("v-nov2", date(2026, 11, 17), "M72.2"),
    )
    workspace = Workspace(data_dir)
    workspace.store.save_practice(
        replace(
            sample.practice(),
            charts=(replace(chart, visits=visits, prescriptions=prescriptions, payments=()),),
        )
    )
    yield workspace
    workspace.close()


def retired_items(workspace: Workspace) -> list[tuple[str, str | None]]:
    return [
        (item.text, item.target)
        for item in needs_attention(workspace, TODAY)
        if item.kind in (AttentionKind.RETIRED_CODE_VISIT, AttentionKind.RETIRED_CODE_PRESCRIPTION)
    ]


def test_visits_and_prescriptions_using_a_code_retired_for_their_dates_need_attention_with_what_to_choose(
    workspace: Workspace,
) -> None:
    assert retired_items(workspace) == [
        (
            "Okafor, Daniel — 2 visits from 11/10/2026: M72.2 is no longer billable for dates from Oct 1, 2026: "
            "choose M72.20, M72.21 or M72.22",
            "v-nov",
        ),
        (
            "Okafor, Daniel — prescription of 08/03/2026: M72.2 is no longer billable for dates from Oct 1, 2026: "
            "choose M72.20, M72.21 or M72.22",
            "rx-feet",
        ),
    ]


def test_the_retired_code_groups_come_right_after_filing_deadlines() -> None:
    assert list(AttentionKind)[:3] == [
        AttentionKind.FILING_DEADLINE,
        AttentionKind.RETIRED_CODE_VISIT,
        AttentionKind.RETIRED_CODE_PRESCRIPTION,
    ]


def test_a_visit_before_the_code_retired_does_not_need_attention(data_dir: Path) -> None:
    chart = sample.chart()
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(
            replace(
                sample.practice(),
                charts=(
                    replace(
                        chart,
                        visits=(visit("v-sep", date(2026, 9, 15), "M72.2"),),
                        prescriptions=(),
                        payments=(),
                    ),
                ),
            )
        )
        assert retired_items(workspace) == []
