"""Timed minutes to 15-minute billing units under the payer's rule: the CMS 8-minute rule or the AMA
midpoint rule (docs/design.md 4). The rules' names, and the rule used when there is no payer, live here too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class UnitRule(StrEnum):
    """How a payer turns timed minutes into 15-minute units (the values are stored and in the practice file)."""

    CMS_8_MINUTE = "cms_8_minute"
    AMA_MIDPOINT = "ama_midpoint"

    @property
    def label(self) -> str:
        """Its name on screens and in messages: "CMS 8-minute rule"."""
        return RULE_NAMES[self]


# How the screens, the check's messages and the payers list name each rule: one spelling.
RULE_NAMES: Mapping[UnitRule, str] = {
    UnitRule.CMS_8_MINUTE: "CMS 8-minute rule",
    UnitRule.AMA_MIDPOINT: "AMA midpoint rule",
}
# What each rule does, in a sentence with an example (the payer's settings show it).
RULE_EXPLANATIONS: Mapping[UnitRule, str] = {
    UnitRule.CMS_8_MINUTE: (
        "Adds up the timed minutes of the day, then bills one unit per 15 minutes; a last part of 8 minutes "
        "or more counts as a unit. Medicare and most government payers. 33 + 7 minutes: 3 units in all."
    ),
    UnitRule.AMA_MIDPOINT: (
        "Counts each code on its own: 8 minutes or more of a code bills a unit. Many commercial insurers. "
        "10 + 10 minutes of two codes: 1 unit each."
    ),
}

# The rule when no payer says otherwise: a visit without a payer (self-pay, no coverage), and a
# payer saved without a rule, are priced under the CMS rule.
DEFAULT_UNIT_RULE = UnitRule.CMS_8_MINUTE


class _HasUnitRule(Protocol):
    @property
    def unit_rule(self) -> UnitRule: ...


def unit_rule_of(payer: _HasUnitRule | None) -> UnitRule:
    """The payer's rule; DEFAULT_UNIT_RULE without a payer."""
    return payer.unit_rule if payer is not None else DEFAULT_UNIT_RULE


def units_for(minutes: int) -> int:
    """One code on its own: floor(m/15) plus one when 8 or more minutes are left over."""
    if minutes < 0:
        raise ValueError("minutes cannot be negative")
    whole, left = divmod(minutes, 15)
    return whole + (1 if left >= 8 else 0)


@dataclass(frozen=True)
class TimedEntry:
    """One service line as the unit rule sees it."""

    code: str
    minutes: int | None
    timed: bool


def rule_units(entries: Sequence[TimedEntry], rule: UnitRule) -> tuple[int, ...]:
    """Units for each line of one date of service, in the order given.

    Untimed codes are one unit each and their minutes never count. Lines of the
    same timed code are added together first, as the rules speak of codes.
    """
    timed_minutes: dict[str, int] = {}
    for entry in entries:
        if entry.timed:
            timed_minutes[entry.code] = timed_minutes.get(entry.code, 0) + max(entry.minutes or 0, 0)

    if rule is UnitRule.AMA_MIDPOINT:
        per_code = {code: units_for(m) for code, m in timed_minutes.items()}
    else:
        per_code = _cms_units(timed_minutes)

    return _split_among_lines(entries, per_code)


def _cms_units(minutes_by_code: dict[str, int]) -> dict[str, int]:
    total_units = units_for(sum(minutes_by_code.values()))
    per_code = {code: m // 15 for code, m in minutes_by_code.items()}
    remaining = total_units - sum(per_code.values())
    # The leftover units go one by one to the codes with the most leftover minutes.
    by_leftover = sorted(minutes_by_code, key=lambda code: -(minutes_by_code[code] % 15))
    for code in by_leftover[: max(remaining, 0)]:
        per_code[code] += 1
    return per_code


def _split_among_lines(entries: Sequence[TimedEntry], per_code: dict[str, int]) -> tuple[int, ...]:
    units = [0 if entry.timed else 1 for entry in entries]
    for code, code_units in per_code.items():
        indexes = [i for i, e in enumerate(entries) if e.timed and e.code == code]
        # A code's units go to its lines by whole quarter hours, then largest remainder first.
        for i in indexes:
            units[i] = min((entries[i].minutes or 0) // 15, code_units - sum(units[j] for j in indexes))
        left = code_units - sum(units[i] for i in indexes)
        for i in sorted(indexes, key=lambda i: -((entries[i].minutes or 0) % 15))[:left]:
            units[i] += 1
    return tuple(units)
