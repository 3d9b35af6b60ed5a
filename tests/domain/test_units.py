"""Timed minutes to billing units under the CMS 8-minute rule and the AMA midpoint rule (docs/design.md 4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.practice import UnitRule
from app.domain.units import TimedEntry, rule_units, units_for

CMS = UnitRule.CMS_8_MINUTE
AMA = UnitRule.AMA_MIDPOINT

# docs/design.md 4's table: (first minute, last minute, units).
CMS_TABLE = [
    (0, 7, 0),
    (8, 22, 1),
    (23, 37, 2),
    (38, 52, 3),
    (53, 67, 4),
    (68, 82, 5),
    (83, 97, 6),
    (98, 112, 7),
    (113, 127, 8),
]


def timed(code: str, minutes: int | None) -> TimedEntry:
    return TimedEntry(code, minutes, timed=True)


def untimed(code: str, minutes: int | None = None) -> TimedEntry:
    return TimedEntry(code, minutes, timed=False)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(m, units) for first, last, units in CMS_TABLE for m in range(first, last + 1)],
)
def test_minutes_to_units_follow_the_cms_table_from_0_to_127_minutes(minutes: int, expected: int) -> None:
    assert units_for(minutes) == expected
    assert rule_units([timed("97124", minutes)], CMS) == (expected,)


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        units_for(-1)


def test_33_min_97110_and_7_min_97140_bill_2_units_of_97110_and_1_of_97140_under_cms() -> None:
    assert rule_units([timed("97110", 33), timed("97140", 7)], CMS) == (2, 1)


def test_18_and_10_minutes_bill_one_unit_each_under_cms() -> None:
    assert rule_units([timed("97124", 18), timed("97140", 10)], CMS) == (1, 1)


def test_10_and_10_minutes_bill_one_unit_each_under_ama_but_one_in_total_under_cms() -> None:
    lines = [timed("97124", 10), timed("97140", 10)]
    assert rule_units(lines, AMA) == (1, 1)
    assert sum(rule_units(lines, CMS)) == 1


def test_7_and_7_minutes_bill_nothing_under_ama() -> None:
    assert rule_units([timed("97124", 7), timed("97140", 7)], AMA) == (0, 0)


def test_two_codes_under_8_minutes_that_add_up_to_8_bill_one_unit_to_the_longer_under_cms() -> None:
    assert rule_units([timed("97124", 3), timed("97140", 6)], CMS) == (0, 1)
    assert rule_units([timed("97124", 6), timed("97140", 3)], CMS) == (1, 0)


@pytest.mark.parametrize("rule", [CMS, AMA])
def test_an_untimed_code_is_one_unit_and_its_minutes_do_not_count(rule: UnitRule) -> None:
    assert rule_units([untimed("97010", 40)], rule) == (1,)
    assert rule_units([untimed("97010")], rule) == (1,)
    # 20 minutes of hot pack do not lift 7 minutes of massage to a unit.
    assert rule_units([timed("97124", 7), untimed("97010", 20)], rule) == (0, 1)


def test_lines_of_the_same_code_on_one_day_are_added_together() -> None:
    # 5 + 5 = 10 minutes of 97124: one unit under either rule, on the longer line.
    assert sum(rule_units([timed("97124", 5), timed("97124", 5)], AMA)) == 1
    assert sum(rule_units([timed("97124", 5), timed("97124", 5)], CMS)) == 1


def test_a_timed_line_with_no_minutes_bills_nothing() -> None:
    assert rule_units([timed("97124", None)], CMS) == (0,)


CODES = ["97124", "97140", "97112", "97110", "97530", "97035"]
minutes = st.integers(min_value=0, max_value=240)
timed_lines = st.lists(st.builds(timed, st.sampled_from(CODES), minutes), min_size=1, max_size=6)


@given(st.lists(minutes, min_size=1, max_size=4), st.sampled_from(CODES))
def test_for_one_code_the_cms_rule_never_bills_more_than_the_midpoint_rule(
    per_line: list[int], code: str
) -> None:
    lines = [timed(code, m) for m in per_line]
    assert sum(rule_units(lines, CMS)) <= sum(rule_units(lines, AMA))


@given(timed_lines)
def test_the_cms_total_for_a_day_is_the_units_of_all_its_timed_minutes(lines: list[TimedEntry]) -> None:
    assert sum(rule_units(lines, CMS)) == units_for(sum(e.minutes or 0 for e in lines))


@given(timed_lines)
def test_under_cms_each_code_keeps_at_least_its_whole_quarter_hours(lines: list[TimedEntry]) -> None:
    units = rule_units(lines, CMS)
    for code in {e.code for e in lines}:
        code_minutes = sum(e.minutes or 0 for e in lines if e.code == code)
        code_units = sum(u for u, e in zip(units, lines, strict=True) if e.code == code)
        assert code_units >= code_minutes // 15


@given(timed_lines, st.lists(st.builds(untimed, st.sampled_from(["97010", "97018", "97022"]), minutes)))
def test_untimed_codes_are_always_one_unit(
    timed_part: list[TimedEntry], untimed_part: list[TimedEntry]
) -> None:
    lines = timed_part + untimed_part
    for rule in (CMS, AMA):
        units = rule_units(lines, rule)
        assert units[len(timed_part) :] == (1,) * len(untimed_part)
        assert units[: len(timed_part)] == rule_units(timed_part, rule)


@given(st.integers(min_value=0, max_value=10_000))
def test_more_minutes_never_bill_fewer_units(m: int) -> None:
    assert units_for(m) <= units_for(m + 1)
