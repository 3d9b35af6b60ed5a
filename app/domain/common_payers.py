"""Payers massage therapists in the US most often bill, to start a new payer from: facts only.

Each entry gives the payer's kind; the unit rule to start with follows from it (`starting_unit_rule`). A commercial plan starts with the AMA
midpoint rule (each timed code on its own), which most commercial plans follow; government programs and the
plans that follow their rules (Medicare Advantage, the VA's Community Care networks) start with the CMS
8-minute rule. Workers' compensation and auto insurance follow the fee schedule of the state, which in most
states adopts Medicare's rules. The therapist can change the rule when the plan's own policy says otherwise.

An entry whose `name` is incomplete (`asks_name`) stands for many carriers: the therapist types the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.practice import PayerKind, UnitRule


def starting_unit_rule(kind: PayerKind) -> UnitRule:
    """The unit rule a new payer of this kind starts with: the AMA midpoint rule for a commercial plan,
    the CMS 8-minute rule for the rest (government programs, the plans and fee schedules following them)."""
    return UnitRule.AMA_MIDPOINT if kind is PayerKind.COMMERCIAL else UnitRule.CMS_8_MINUTE


@dataclass(frozen=True)
class CommonPayer:
    label: str  # as listed to choose from
    name: str  # the payer's name on the superbill, or its start when `asks_name`
    kind: PayerKind
    asks_name: bool = False  # a kind of carrier, not one: the therapist types its name

    @property
    def unit_rule(self) -> UnitRule:
        return starting_unit_rule(self.kind)


COMMON_PAYERS: tuple[CommonPayer, ...] = (
    CommonPayer("Aetna", "Aetna", PayerKind.COMMERCIAL),
    CommonPayer("Anthem (Elevance Health)", "Anthem Blue Cross Blue Shield", PayerKind.COMMERCIAL),
    CommonPayer(
        "Blue Cross Blue Shield plan (type the plan's name)",
        "Blue Cross Blue Shield of ",
        PayerKind.COMMERCIAL,
        asks_name=True,
    ),
    CommonPayer("Cigna", "Cigna Healthcare", PayerKind.COMMERCIAL),
    CommonPayer("UnitedHealthcare", "UnitedHealthcare", PayerKind.COMMERCIAL),
    # Humana left the employer (commercial) medical market in 2024-2025: its members are Medicare Advantage.
    CommonPayer("Humana (Medicare Advantage)", "Humana", PayerKind.MEDICARE_ADVANTAGE),
    CommonPayer("Kaiser Permanente", "Kaiser Permanente", PayerKind.COMMERCIAL),
    CommonPayer(
        "Optum VA Community Care (CCN regions 1-3)",
        "Optum VA Community Care Network",
        PayerKind.VA_COMMUNITY_CARE,
    ),
    CommonPayer(
        "TriWest VA Community Care (CCN regions 4-5)",
        "TriWest Healthcare Alliance (VA CCN)",
        PayerKind.VA_COMMUNITY_CARE,
    ),
    CommonPayer("Workers' compensation carrier (type its name)", "", PayerKind.WORKERS_COMP, asks_name=True),
    CommonPayer("Auto insurer (PIP/MedPay) (type its name)", "", PayerKind.AUTO, asks_name=True),
)
