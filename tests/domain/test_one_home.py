"""Each rule has one home in app/domain and every caller asks it: the unit rules' names and the rule
without a payer (app/domain/units.py), the rule a new payer starts with (app/domain/common_payers.py),
words for counts (app/domain/words.py), the NPI labels (app/domain/identifiers.py). A second copy
written anywhere in app/ fails here."""

from __future__ import annotations

import ast
from pathlib import Path

from app.domain.common_payers import COMMON_PAYERS, starting_unit_rule
from app.domain.identifiers import ORGANIZATION_NPI
from app.domain.practice import Payer, PayerKind
from app.domain.units import DEFAULT_UNIT_RULE, RULE_NAMES, UnitRule, unit_rule_of
from app.domain.words import plural

APP = Path(__file__).parents[2] / "app"


def _sources() -> dict[Path, ast.Module]:
    return {
        path: ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(APP.rglob("*.py"))
        if "forms" not in path.relative_to(APP).parts  # generated from the .ui files
    }


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(tree: ast.Module) -> list[str]:
    skip = _docstrings(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_the_unit_rules_are_named_and_spelled_only_in_app_domain_units() -> None:
    home = APP / "domain" / "units.py"
    schema = APP / "store" / "migrations.py"  # the stored values, in each version's SQL
    spelled = {
        str(path.relative_to(APP)): text
        for path, tree in _sources().items()
        if path not in (home, schema)
        for text in _strings(tree)
        if "8-minute" in text or "midpoint" in text or text in {"cms_8_minute", "ama_midpoint"}
    }
    assert spelled == {}
    assert [rule.label for rule in UnitRule] == ["CMS 8-minute rule", "AMA midpoint rule"]
    assert dict(RULE_NAMES) == {rule: rule.label for rule in UnitRule}


def test_no_payer_means_the_cms_rule_and_a_payer_saved_without_one_gets_it_too() -> None:
    assert DEFAULT_UNIT_RULE is UnitRule.CMS_8_MINUTE
    assert unit_rule_of(None) is DEFAULT_UNIT_RULE
    assert Payer("p", "Aetna", PayerKind.COMMERCIAL).unit_rule is DEFAULT_UNIT_RULE
    assert unit_rule_of(Payer("p", "Aetna", PayerKind.COMMERCIAL, unit_rule=UnitRule.AMA_MIDPOINT)) is (
        UnitRule.AMA_MIDPOINT
    )


def test_a_common_payer_starts_with_the_rule_of_its_kind() -> None:
    assert starting_unit_rule(PayerKind.COMMERCIAL) is UnitRule.AMA_MIDPOINT
    for kind in set(PayerKind) - {PayerKind.COMMERCIAL}:
        assert starting_unit_rule(kind) is UnitRule.CMS_8_MINUTE
    for payer in COMMON_PAYERS:
        assert payer.unit_rule is starting_unit_rule(payer.kind), payer.label


def test_words_for_counts_have_one_helper_with_thousands_separated() -> None:
    assert plural(1, "visit") == "1 visit"
    assert plural(1200, "visit") == "1,200 visits"
    assert plural(2, "thing", "things to look at") == "2 things to look at"
    helpers = [
        f"{path.relative_to(APP)}:{node.name}"
        for path, tree in _sources().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") == "plural"
    ]
    assert helpers == ["domain/words.py:plural"]


def test_the_organization_npi_has_one_label_in_us_spelling() -> None:
    assert ORGANIZATION_NPI == "Organization NPI"
    spelled = {
        str(path.relative_to(APP)): text
        for path, tree in _sources().items()
        if path.name != "identifiers.py"
        for text in _strings(tree)
        if "organisation" in text.casefold()
        or "npi (organization)" in text.casefold()
        or text == "Organization NPI"
    }
    assert spelled == {}
