"""The claim as a payer's clerk reads it: one claim written as often as needed under its own number,
a replacement naming the payer's claim number, envelope IDs written as typed or refused, nothing
cut from the paper form without a warning naming its box, a dependent's insured, DTP*454."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.services.claims import ClaimRequest, prepare_claim
from app.services.superbills import Period
from app.services.workspace import Workspace
from app.store.records import PracticeStore
from tests.claims.test_claim_commands import (
    _assert_in_boxes,
    _claim,
    _claims_recorded,
    _practice,
    _workers_comp,
)
from tests.claims.test_cms1500_pdf import _pages
from tests.x12 import x12_errors

CLEARINGHOUSE = ["--receiver", "330897513", "--payer-id", "93221"]


def _run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


def _five_digit_zip(document: dict[str, Any]) -> None:
    document["practitioner"]["address"]["zip"] = "98109"


def _texts(pdf: bytes) -> str:
    return "\n".join("".join(c["text"] for c in page) for page in _pages(pdf))


def _counter(folder: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(folder / "practice.sqlite3") as conn:
        return conn.execute(
            "SELECT name, value FROM counters WHERE name LIKE 'claim%' ORDER BY name"
        ).fetchall()


# 1. A claim is recorded once; its documents are copies of it.


def test_an_837p_naming_a_placeholder_receiver_or_payer_is_a_test_file_that_records_no_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    test_file, claim_file = tmp_path / "test.837", tmp_path / "claim.837"
    for missing in ([], ["--receiver", "330897513"], ["--payer-id", "93221"]):
        assert _run(folder, "x837", "--patient", "pt-0001", *missing, "-o", str(test_file)) == 0
        said = capsys.readouterr().out
        assert "test file" in said and "nothing was numbered or recorded" in said
        text = test_file.read_text(encoding="ascii")
        assert text.split("*")[15] == "T"  # ISA15: test
        assert x12_errors(text, tmp_path) == ""
        assert _claims_recorded(folder) == []
    # The claim itself is then written with the clearinghouse's IDs: the first claim, not a replacement.
    assert _run(folder, "x837", "--patient", "pt-0001", *CLEARINGHOUSE, "-o", str(claim_file)) == 0
    text = claim_file.read_text(encoding="ascii")
    assert text.split("*")[15] == "P" and "CLM*CL-2026-0001*" in text and ":B:1*" in text
    assert _claims_recorded(folder) == [("CL-2026-0001", "837p", None)]
    assert x12_errors(text, tmp_path) == ""


def test_a_recorded_claim_is_printed_again_on_either_form_under_its_own_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    plain, red, again = (tmp_path / f"{n}.pdf" for n in ("plain", "red", "again"))
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(plain)) == 0
    capsys.readouterr()
    assert _run(folder, "cms1500", "--claim", "CL-2026-0001", "--form", "red", "-o", str(red)) == 0
    assert "CL-2026-0001 written again" in capsys.readouterr().out
    assert _run(folder, "cms1500", "--claim", "cl-2026-0001", "-o", str(again)) == 0
    assert _claims_recorded(folder) == [("CL-2026-0001", "cms1500-plain", None)]
    claim = _claim(folder, "CL-2026-0001")
    _assert_in_boxes(red.read_bytes(), claim)
    data = [(c["text"], c["x0"], c["top"]) for c in _pages(red.read_bytes())[0]]
    assert data == [
        (c["text"], c["x0"], c["top"]) for c in _pages(plain.read_bytes())[0] if "Courier" in c["fontname"]
    ]
    assert again.read_bytes() == plain.read_bytes()  # the same claim, the same date in box 31


def test_a_recorded_claim_is_written_as_an_837p_again_under_its_own_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    first, second = tmp_path / "first.837", tmp_path / "second.837"
    assert (
        _run(folder, "cms1500", "--patient", "pt-0001", "--form", "red", "-o", str(tmp_path / "red.pdf")) == 0
    )
    for out in (first, second):
        assert _run(folder, "x837", "--claim", "CL-2026-0001", *CLEARINGHOUSE, "-o", str(out)) == 0
        text = out.read_text(encoding="ascii")
        assert x12_errors(text, tmp_path) == ""
        assert "CLM*CL-2026-0001*245*" in text and ":B:1*" in text and text.split("*")[15] == "P"
    assert _claims_recorded(folder) == [("CL-2026-0001", "cms1500-red", None)]
    isa13 = [p.read_text(encoding="ascii").split("*")[13] for p in (first, second)]
    assert isa13[0] != isa13[1]  # each interchange its own control number


def test_a_claim_written_again_bills_its_recorded_visits_and_totals_or_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    out = tmp_path / "again.pdf"
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "first.pdf")) == 0
    with PracticeStore.open(folder / "practice.sqlite3") as store:
        store.save_fee("97124", 5000)  # the charges change after the claim was sent
    capsys.readouterr()
    assert _run(folder, "cms1500", "--claim", "CL-2026-0001", "-o", str(out)) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --claim:") and "--replaces CL-2026-0001" in err and "\n" not in err
    assert not out.exists() and len(_claims_recorded(folder)) == 1


def test_a_replaced_claim_is_not_written_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _practice(tmp_path, "sample")
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "a.pdf")) == 0
    assert _run(folder, "cms1500", "--patient", "pt-0001", "--replaces", "CL-2026-0001",
                "--payer-claim-number", "2026274000123", "-o", str(tmp_path / "b.pdf")) == 0  # fmt: skip
    capsys.readouterr()
    assert _run(folder, "x837", "--claim", "CL-2026-0001", *CLEARINGHOUSE, "-o", str(tmp_path / "c.837")) == 2
    assert "replaced by CL-2026-0002" in capsys.readouterr().err


# 2. A replacement names the payer's claim number; ours stays the link in our records.


def test_a_replacement_carries_the_payers_claim_number_in_box_22_and_ref_f8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    original, replacement, again = (
        tmp_path / "original.pdf",
        tmp_path / "replacement.pdf",
        tmp_path / "again.837",
    )
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(original)) == 0
    assert _run(folder, "cms1500", "--patient", "pt-0001", "--replaces", "CL-2026-0001",
                "--payer-claim-number", "2026274000123", "-o", str(replacement)) == 0  # fmt: skip
    assert _claims_recorded(folder)[1] == ("CL-2026-0002", "cms1500-plain", "CL-2026-0001")
    with Workspace(folder) as workspace:
        claim = workspace.store.claim("CL-2026-0002")
        assert claim is not None and claim.payer_claim_number == "2026274000123"
    text = _texts(replacement.read_bytes())
    assert "2026274000123" in text and "CL-2026-0001" not in text
    boxes = _assert_in_boxes(replacement.read_bytes(), _claim_again(folder, "CL-2026-0002"))
    assert "22" in boxes
    # Written again as an 837P, the replacement keeps the payer's number.
    assert _run(folder, "x837", "--claim", "CL-2026-0002", *CLEARINGHOUSE, "-o", str(again)) == 0
    x12 = again.read_text(encoding="ascii")
    assert "REF*F8*2026274000123~" in x12 and ":B:7*" in x12 and "CLM*CL-2026-0002*" in x12
    assert x12_errors(x12, tmp_path) == ""


def _claim_again(folder: Path, number: str) -> Any:
    with Workspace(folder) as workspace:
        request = ClaimRequest(None, Period(), "cms1500-plain", claim=number)
        claim, _ = prepare_claim(workspace.store, workspace.codes, request, date.today())
    return claim


@pytest.mark.parametrize("command", ["cms1500", "x837"])
def test_a_replacement_without_the_payers_claim_number_is_refused_naming_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = _practice(tmp_path, "sample")
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "a.pdf")) == 0
    before = (folder / "practice.sqlite3").read_bytes()
    out = tmp_path / "replacement.out"
    capsys.readouterr()
    extra = CLEARINGHOUSE if command == "x837" else []
    assert (
        _run(folder, command, "--patient", "pt-0001", "--replaces", "CL-2026-0001", *extra, "-o", str(out))
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --payer-claim-number:") and "\n" not in err
    assert not out.exists() and (folder / "practice.sqlite3").read_bytes() == before


# 3. Envelope IDs are written as typed, or refused before anything else.


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--receiver", "OFFICEALLY12345X"),  # 16: ISA08 and GS03 hold 15
        ("--receiver", "OFFICE*ALLY"),
        ("--receiver", "OA~1"),
        ("--receiver", "OA:1"),
        ("--receiver", "OA^1"),
        ("--receiver", "OA\x071"),
        ("--receiver", "OFFICE ALLY"),
        ("--receiver", ""),
        ("--receiver", "X"),
        ("--sender", ""),
        ("--sender", "AB*C"),
        ("--payer-id", ""),
        ("--payer-id", "9322~1"),
        ("--payer-id", "9" * 81),
    ],
)
def test_an_envelope_id_the_837p_cannot_carry_as_typed_is_refused_up_front(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    folder = _practice(tmp_path, "five", _five_digit_zip)  # the claim check would refuse it too: exit 1
    before = (folder / "practice.sqlite3").read_bytes()
    out = tmp_path / "claim.837"
    given = {"--receiver": "330897513", "--payer-id": "93221", option: value}
    args = [part for pair in given.items() for part in pair]
    capsys.readouterr()
    assert _run(folder, "x837", "--patient", "pt-0001", *args, "-o", str(out)) == 2
    said = capsys.readouterr()
    err = said.err.strip()
    assert err.startswith(f"error: {option}:") and "\n" not in err, err
    assert said.out == "" and not out.exists() and (folder / "practice.sqlite3").read_bytes() == before


def test_envelope_ids_are_written_whole_as_typed_and_the_payer_id_by_its_rule(tmp_path: Path) -> None:
    folder = _practice(tmp_path, "sample")
    out = tmp_path / "claim.837"
    receiver, sender = "OfficeAlly-0001", "ab.12"  # 15 characters; lower case is X12's too
    assert _run(folder, "x837", "--patient", "pt-0001", "--receiver", receiver, "--sender", sender,
                "--payer-id", "SX-107", "-o", str(out)) == 0  # fmt: skip
    text = out.read_text(encoding="ascii")
    isa = text.split("~")[0].split("*")
    assert (isa[6], isa[8]) == ("ab.12".ljust(15), receiver)
    gs = re.search(r"^GS\*HC\*([^*]+)\*([^*]+)\*", text, re.M)
    assert gs is not None and gs.groups() == (sender, receiver)
    assert "*PI*SX107~" in text and x12_errors(text, tmp_path) == ""  # as the Payers dialog keeps it


# 4. Nothing cut from the paper form without a warning naming its box; USPS abbreviations.


def test_street_lines_take_the_usps_standard_abbreviations() -> None:
    from app.domain.claim import usps_street

    assert usps_street("2200 WESTLAKE AVENUE NORTH, SUITE 104") == "2200 WESTLAKE AVE N STE 104"
    assert usps_street("2200 WESTLAKE AVE. N SUITE 104") == "2200 WESTLAKE AVE N STE 104"
    assert usps_street("100 NORTH MAIN STREET APARTMENT 4") == "100 N MAIN ST APT 4"
    assert usps_street("1 COURT STREET") == "1 COURT ST"  # the name stays whole
    assert usps_street("100 NORTH STREET") == "100 NORTH ST"
    assert usps_street("PO BOX 91059") == "PO BOX 91059"


def test_the_paper_form_abbreviates_addresses_and_warns_naming_each_box_where_text_is_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    out = tmp_path / "claim.pdf"
    capsys.readouterr()
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(out)) == 0
    said = capsys.readouterr().out
    text = _texts(out.read_bytes())
    assert "2200 WESTLAKE AVE N STE 104" in text  # box 33: the suite number is there
    assert "SUITE" not in text
    cut = [line for line in said.splitlines() if "claim-text-cut" in line]
    assert any("box 32" in line and '"TIDEWATER THERAPEUTIC MASSAGE"' in line for line in cut), said
    assert any("box 32" in line and '"2200 WESTLAKE AVE N STE 104"' in line for line in cut), said
    assert not any("box 33" in line for line in cut)


def test_a_long_payer_name_and_a_payer_without_an_address_are_warnings_on_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "wc", _workers_comp)
    capsys.readouterr()
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "claim.pdf")) == 0
    said = capsys.readouterr().out
    assert re.search(
        r"warning claim-text-cut  box carrier .*WASHINGTON STATE DEPT\. OF LABOR & INDUSTRIES", said
    )
    assert re.search(r"warning claim-text-cut  box 11c .*WASHINGTON STATE DEPT\. OF LABOR & INDUSTRIES", said)
    assert "warning claim-payer-address-missing  box carrier" in said


# 5. A dependent's insured: items 7 and 11a.


def _child(document: dict[str, Any]) -> None:
    coverage = document["patients"][0]["coverages"][0]
    coverage["relationship"] = "child"
    coverage["subscriber"] = {"first_name": "Grace", "last_name": "Okafor", "date_of_birth": "1958-03-04"}


def test_a_childs_paper_claim_fills_11a_from_the_subscriber_and_names_what_is_not_on_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "child", _child)
    out = tmp_path / "claim.pdf"
    capsys.readouterr()
    assert _run(folder, "cms1500", "--patient", "pt-0001", "-o", str(out)) == 0
    said = capsys.readouterr().out
    assert "warning claim-insured-address-missing  box 7" in said
    assert "warning claim-insured-sex-missing  box 11a" in said
    claim = _claim(folder)
    boxes = _assert_in_boxes(out.read_bytes(), claim)
    assert "11a" in boxes and "03 04 1958" in _texts(out.read_bytes())  # the subscriber's birth date


# 6. DTP*454 and the sample practice's ZIP+4.


def test_a_workers_comp_837p_carries_the_initial_treatment_date_as_dtp_454(tmp_path: Path) -> None:
    folder = _practice(tmp_path, "wc", _workers_comp)
    out = tmp_path / "claim.837"
    assert _run(folder, "x837", "--patient", "pt-0001", *CLEARINGHOUSE, "-o", str(out)) == 0
    text = out.read_text(encoding="ascii")
    assert "DTP*431*D8*20260828~\nDTP*454*D8*20260909~" in text
    assert x12_errors(text, tmp_path) == ""


def test_the_sample_practice_writes_an_837p_as_it_comes(tmp_path: Path) -> None:
    folder = _practice(tmp_path, "sample")  # the repo's sample file, unchanged
    out = tmp_path / "claim.837"
    assert _run(folder, "x837", "--patient", "pt-0001", *CLEARINGHOUSE, "-o", str(out)) == 0
    text = out.read_text(encoding="ascii")
    assert "N4*SEATTLE*WA*981094121~" in text and x12_errors(text, tmp_path) == ""
