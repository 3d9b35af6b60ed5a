"""Findings, defaults and prices for one visit while it is edited, before it is saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.check import FindingCode
from app.domain.practice import ServiceLine, Visit
from app.services.visit_check import (
    VisitSetting,
    check_visit,
    first_pointers,
    load_visit_setting,
    new_visit_key,
    remap_pointers,
)
from app.services.workspace import Workspace
from tests import sample

TODAY = date(2026, 9, 20)


@pytest.fixture
def setting(workspace: Workspace) -> VisitSetting:
    return load_visit_setting(workspace.store, "pt-0001")


def new_visit(*lines: ServiceLine, key: str = "v-new") -> Visit:
    return Visit(key, TODAY, ("M54.50", "M62.830"), lines, coverage="cov-1", prescription="rx-1")


def test_a_complete_unsaved_visit_has_no_findings(workspace: Workspace) -> None:
    visit = new_visit(ServiceLine("97124", ("A", "B"), minutes=45, body_region="lumbar"))
    assert check_visit(workspace.store, workspace.codes, "pt-0001", visit, TODAY) == []


def test_97140_beside_97124_without_59_points_at_the_modifiers_of_the_97140_line(
    setting: VisitSetting, workspace: Workspace
) -> None:
    visit = new_visit(
        ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),
        ServiceLine("97140", ("B",), minutes=15, body_region="thoracic"),
    )
    findings = setting.check(visit, workspace.codes, TODAY)
    assert [(f.code, f.field) for f in findings] == [
        (FindingCode.BUNDLED_WITHOUT_MODIFIER, "visits[v-new].lines[1].modifiers")
    ]


def test_an_edited_visit_replaces_the_stored_one_and_other_visits_findings_are_left_out(
    setting: VisitSetting, workspace: Workspace
) -> None:
    stored = setting.chart.visits[1]  # v-2: 97124 + 97140 with 59
    without_59 = replace(stored, lines=(stored.lines[0], replace(stored.lines[1], modifiers=())))
    findings = setting.check(without_59, workspace.codes, TODAY)
    assert {f.field for f in findings} == {"visits[v-2].lines[1].modifiers"}
    # Back as stored: nothing to report, so the stored version did not leak in beside the edit.
    assert setting.check(stored, workspace.codes, TODAY) == []


def test_a_new_visit_counts_against_the_prescriptions_authorised_visits(
    workspace: Workspace, setting: VisitSetting
) -> None:
    limited = replace(setting.chart.prescriptions[0], authorized_visits=2)
    tight = replace(setting, chart=replace(setting.chart, prescriptions=(limited,)))
    visit = new_visit(ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"))
    codes = [f.code for f in tight.check(visit, workspace.codes, TODAY)]
    assert codes == [FindingCode.PRESCRIPTION_VISITS_EXCEEDED]


def test_without_a_practice_set_up_the_check_says_what_the_provider_lacks(data_dir: Path) -> None:
    with Workspace(data_dir) as workspace:
        chart = sample.chart()
        workspace.store.save_practice(replace(sample.practice(), practitioner=None, charts=(chart,)))
        visit = new_visit(ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"))
        codes = {f.code for f in check_visit(workspace.store, workspace.codes, "pt-0001", visit, TODAY)}
    assert {FindingCode.NPI_MISSING, FindingCode.TAX_ID_MISSING} <= codes


def test_45_minutes_of_97124_under_an_ama_payer_bill_3_units_for_120_dollars(setting: VisitSetting) -> None:
    (priced,) = setting.priced(new_visit(ServiceLine("97124", ("A",), minutes=45)))
    assert (priced.units, priced.fee, priced.charge) == (3, 4000, 12000)


def test_the_default_insurance_is_the_one_used_on_the_last_visit(setting: VisitSetting) -> None:
    assert setting.default_coverage() == "cov-1"


def test_the_default_prescription_is_the_one_valid_on_the_date(setting: VisitSetting) -> None:
    assert setting.default_prescription(TODAY) == "rx-1"
    assert setting.default_prescription(date(2027, 1, 5)) is None  # expired on Dec 31, 2026
    assert setting.default_prescription(date(2026, 9, 1)) is None  # starts on Sep 2


def test_visits_on_a_prescription_leave_out_the_visit_being_edited(setting: VisitSetting) -> None:
    assert setting.visits_on_prescription("rx-1") == 2
    assert setting.visits_on_prescription("rx-1", but="v-2") == 1


def test_new_visit_keys_name_a_visit_and_differ() -> None:
    keys = {new_visit_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(key.startswith("v-") for key in keys)


def test_a_new_service_points_to_the_first_four_diagnoses() -> None:
    assert first_pointers(0) == ()
    assert first_pointers(2) == ("A", "B")
    assert first_pointers(6) == ("A", "B", "C", "D")


def test_pointers_follow_their_codes_when_diagnoses_move_or_go() -> None:
    before = ["M54.50", "M62.830", "M54.2"]
    assert remap_pointers(("A", "C"), before, ["M54.2", "M54.50", "M62.830"]) == ("B", "A")
    assert remap_pointers(("A", "B"), before, ["M62.830", "M54.2"]) == ("A",)
    assert remap_pointers(("L",), before, before) == ()  # a letter past the list points nowhere
