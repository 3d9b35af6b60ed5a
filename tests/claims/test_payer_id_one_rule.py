"""A payer's clearinghouse ID has one rule, the domain's validate_payer_id: `--payer-id` on the
command line, the practice file and the Payers dialog's save give the same answer for what is typed."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.errors import ValidationError
from app.services import payers
from app.services.practice_file import practice_from_json
from app.services.workspace import Workspace
from tests.claims.test_claim_commands import SAMPLE, _practice, _zip_plus_four

REFUSED = "refused"

# What is typed, and the one answer: the ID the 837P's NM109 carries, or a refusal.
TABLE = [
    ("sx-173", "SX173"),
    ("SX-107", "SX107"),
    ("91051", "91051"),
    (" 91 051 ", "91051"),
    ("lni01", "LNI01"),
    ("9" * 80, "9" * 80),
    ("91*051", REFUSED),
    ("9322~1", REFUSED),
    ("sx.173", REFUSED),
    ("9" * 81, REFUSED),
    ("X", REFUSED),
    ("9105\x071", REFUSED),
    ("\u017fx173", REFUSED),  # a long s, which capitals make an S
    ("\uff19\uff11\uff10\uff15\uff11", REFUSED),  # full-width digits
]


def _by_the_command_line(folder: Path, out: Path, typed: str) -> str:
    """`superbill x837 --payer-id TYPED`: what NM109 names, or a refusal naming --payer-id."""
    code = main(
        ["--data-dir", str(folder), "x837", "--patient", "pt-0001", "-o", str(out), "--payer-id", typed]
    )
    if code == 2:
        assert not out.exists()
        return REFUSED
    assert code == 0
    found = re.search(r"NM1\*PR\*2\*[^~]*\*PI\*([^~]*)~", out.read_text(encoding="ascii"))
    out.unlink()
    assert found is not None
    return found.group(1)


def _by_the_practice_file(document: dict[str, Any], typed: str) -> str:
    changed = copy.deepcopy(document)
    changed["payers"][0]["payer_id"] = typed
    try:
        practice = practice_from_json(changed)
    except ValidationError as error:
        assert error.field == "payers[0].payer_id"
        return REFUSED
    return practice.payers[0].payer_id or ""


def _by_the_payers_dialog(folder: Path, typed: str) -> str:
    with Workspace(folder) as workspace:
        payer = payers.payers(workspace)[0]
        try:
            saved = payers.save_payer(workspace, replace(payer, payer_id=typed))
        except ValidationError as error:
            assert error.field == "payer.payer_id"
            return REFUSED
    return saved.payer_id or ""


def test_a_payer_id_typed_anywhere_gets_the_domains_one_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    out = tmp_path / "claim.txt"
    answers = {
        typed: (
            _by_the_command_line(folder, out, typed),
            _by_the_practice_file(document, typed),
            _by_the_payers_dialog(tmp_path / "sample", typed),
        )
        for typed, _ in TABLE
    }
    assert answers == {typed: (answer, answer, answer) for typed, answer in TABLE}
    refusals = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(refusals) == sum(1 for _, answer in TABLE if answer == REFUSED)
    assert all(line.startswith("error: --payer-id: ") and "\x07" not in line for line in refusals)
