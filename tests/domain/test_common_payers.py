"""The common payers a new payer starts from: every one the therapist expects, with its kind and unit rule."""

from __future__ import annotations

from app.domain.common_payers import COMMON_PAYERS
from app.domain.practice import PayerKind, UnitRule


def test_the_list_names_the_national_insurers_the_va_networks_and_the_injury_carriers() -> None:
    labels = [p.label for p in COMMON_PAYERS]
    for start in (
        "Aetna",
        "Anthem",
        "Blue Cross Blue Shield",
        "Cigna",
        "UnitedHealthcare",
        "Humana",
        "Kaiser Permanente",
        "Optum VA Community Care (CCN regions 1-3)",
        "TriWest VA Community Care (CCN regions 4-5)",
        "Workers' compensation carrier",
        "Auto insurer (PIP/MedPay)",
    ):
        assert any(label.startswith(start) for label in labels), start
    assert len(set(labels)) == len(labels)


def test_kinds_and_unit_rules() -> None:
    by_label = {p.label.split(" (")[0]: p for p in COMMON_PAYERS}
    for name in ("Aetna", "Cigna", "UnitedHealthcare", "Kaiser Permanente", "Anthem"):
        assert (by_label[name].kind, by_label[name].unit_rule) == (
            PayerKind.COMMERCIAL,
            UnitRule.AMA_MIDPOINT,
        )
    assert by_label["Humana"].kind is PayerKind.MEDICARE_ADVANTAGE
    for va in ("Optum VA Community Care", "TriWest VA Community Care"):
        assert (by_label[va].kind, by_label[va].unit_rule) == (
            PayerKind.VA_COMMUNITY_CARE,
            UnitRule.CMS_8_MINUTE,
        )
    assert by_label["Workers' compensation carrier"].kind is PayerKind.WORKERS_COMP
    assert by_label["Auto insurer"].kind is PayerKind.AUTO


def test_an_entry_for_many_carriers_asks_for_the_name_and_gives_at_most_its_start() -> None:
    for payer in COMMON_PAYERS:
        if payer.asks_name:
            assert payer.name == "" or payer.name.endswith(" "), payer.label
            assert "type" in payer.label
        else:
            assert payer.name and payer.name == payer.name.strip(), payer.label
