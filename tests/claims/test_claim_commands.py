"""`superbill cms1500` and `superbill x837` on real practice files: the done-when cases of the claims issue."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.domain.claim import Claim
from app.render.cms1500.items import place
from app.services.claims import ClaimRequest, prepare_claim
from app.services.superbills import Period
from app.services.workspace import Workspace
from tests.claims.test_cms1500_pdf import _assert_in_boxes, _courier, _pages
from tests.x12 import x12_errors

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-practice.json"


def _practice(tmp_path: Path, name: str, change: Any = None) -> Path:
    """The sample practice (the repo's copy), changed by `change(document)`, imported into its own folder."""
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    if change is not None:
        change(document)
    source = tmp_path / f"{name}.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    folder = tmp_path / name
    assert main(["--data-dir", str(folder), "import", str(source)]) == 0
    return folder


def _zip_plus_four(document: dict[str, Any]) -> None:
    document["practitioner"]["address"]["zip"] = "98109-4121"


def _workers_comp(document: dict[str, Any]) -> None:
    _zip_plus_four(document)
    patient = document["patients"][0]
    patient["coverages"] = [
        {"id": "cov-wc", "payer": "lni", "claim_number": "Y123456", "injury_date": "2026-08-28",
         "employer": "Harbor Freight Lines", "adjuster": "Pat Lee"}
    ]  # fmt: skip
    for visit in patient["visits"]:
        visit["coverage"] = "cov-wc"


def _auto(document: dict[str, Any]) -> None:
    _zip_plus_four(document)
    document["payers"].append({"id": "pip", "name": "Evergreen Auto Insurance", "kind": "auto"})
    patient = document["patients"][0]
    patient["coverages"] = [
        {"id": "cov-pip", "payer": "pip", "claim_number": "PIP-2026-0042", "injury_date": "2026-08-30",
         "accident_state": "OR", "adjuster": "Sam Diaz"}
    ]  # fmt: skip
    for visit in patient["visits"]:
        visit["coverage"] = "cov-pip"


def _va(document: dict[str, Any]) -> None:
    document["payers"].append({"id": "va", "name": "VA Community Care (Optum)", "kind": "va_community_care"})
    patient = document["patients"][0]
    patient["coverages"] = [{"id": "cov-va", "payer": "va", "member_id": "1012345678V"}]
    for visit in patient["visits"]:
        visit["coverage"] = "cov-va"


def _claim(
    folder: Path,
    number: str | None = None,
    replaces: str | None = None,
    payer_claim_number: str | None = None,
) -> Claim:
    from dataclasses import replace
    from datetime import date

    with Workspace(folder) as workspace:
        request = ClaimRequest(
            "pt-0001", Period(), "cms1500-plain", replaces=replaces, payer_claim_number=payer_claim_number
        )
        claim, _ = prepare_claim(workspace.store, workspace.codes, request, date.today())
    return replace(claim, number=number)


def _placed(claim: Claim) -> set[tuple[str, str]]:
    return {(p.item, p.text) for form in claim.forms() for p in place(claim, form)}


def _claims_recorded(folder: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(folder / "practice.sqlite3") as conn:
        return conn.execute("SELECT number, format, replaces FROM claims ORDER BY id").fetchall()


def test_the_sample_practice_prints_a_plain_form_with_every_item_in_its_box(tmp_path: Path) -> None:
    folder = _practice(tmp_path, "sample")
    out = tmp_path / "claim.pdf"
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(out)]) == 0
    boxes = _assert_in_boxes(out.read_bytes(), _claim(folder, replaces=None))
    assert {"1", "1a", "2", "3", "5", "11", "17", "17b", "21", "24A", "24D", "24F", "25", "28", "33"} <= boxes
    number, fmt, _ = _claims_recorded(folder)[0]
    assert (number[:3], fmt) == ("CL-", "cms1500-plain")


def test_the_red_form_prints_the_same_data_without_the_form(tmp_path: Path) -> None:
    plain_folder, red_folder = _practice(tmp_path, "plain"), _practice(tmp_path, "red")
    plain, red = tmp_path / "plain.pdf", tmp_path / "red.pdf"
    assert main(["--data-dir", str(plain_folder), "cms1500", "--patient", "pt-0001", "-o", str(plain)]) == 0
    assert (
        main(
            [
                "--data-dir",
                str(red_folder),
                "cms1500",
                "--patient",
                "pt-0001",
                "--form",
                "red",
                "-o",
                str(red),
            ]
        )
        == 0
    )
    red_chars = _pages(red.read_bytes())[0]
    assert all("Courier" in c["fontname"] for c in red_chars)
    assert [(c["text"], c["x0"], c["top"]) for c in red_chars] == [
        (c["text"], c["x0"], c["top"]) for c in _courier(_pages(plain.read_bytes())[0])
    ]


def test_the_calibrated_offset_is_remembered_for_red_forms(tmp_path: Path) -> None:
    folder = _practice(tmp_path, "sample")
    assert main(["--data-dir", str(folder), "cms1500", "--set-offset", "0.10,-0.05"]) == 0
    out = tmp_path / "red.pdf"
    assert (
        main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "--form", "red", "-o", str(out)])
        == 0
    )
    _assert_in_boxes(out.read_bytes(), _claim(folder), dx=7.2, dy=-3.6)
    page = tmp_path / "test-page.pdf"
    assert main(["--data-dir", str(folder), "cms1500", "--test-page", "-o", str(page)]) == 0
    text = "".join(c["text"] for c in _pages(page.read_bytes())[0])
    assert "RIGHT0.10IN,DOWN-0.05IN" in text.replace(" ", "")


@pytest.mark.parametrize(
    ("change", "boxes"),
    [
        (_workers_comp, {("11b", "Y4"), ("11b", "Y123456"), ("14", "08 28 26"), ("14", "431")}),
        (_auto, {("11b", "Y4"), ("11b", "PIP-2026-0042"), ("14", "08 30 26"), ("10b", "OR"), ("15", "439")}),
    ],
)
def test_workers_comp_and_auto_claims_fill_10_11b_and_14(
    tmp_path: Path, change: Any, boxes: set[tuple[str, str]]
) -> None:
    folder = _practice(tmp_path, "injury", change)
    out = tmp_path / "claim.pdf"
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(out)]) == 0
    claim = _claim(folder)
    placed = _placed(claim)
    assert boxes <= placed
    assert claim.employment is (change is _workers_comp) and claim.auto_accident is (change is _auto)
    assert {"10a", "10b", "11b", "14"} <= _assert_in_boxes(out.read_bytes(), claim)
    x837 = tmp_path / "claim.txt"
    assert main(["--data-dir", str(folder), "x837", "--patient", "pt-0001", "--replaces", _claims_recorded(folder)[0][0],
                 "--payer-claim-number", "2026274000123", "--receiver", "OFFALLY", "--payer-id", "LNI01",
                 "-o", str(x837)]) == 0  # fmt: skip
    text = x837.read_text(encoding="ascii")
    assert x12_errors(text, tmp_path) == ""
    assert ("*EM~" in text) is (change is _workers_comp) and ("*AA:::OR~" in text) is (change is _auto)


def test_va_community_care_without_an_authorization_is_refused_in_box_23(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "va", _va)
    out = tmp_path / "claim.pdf"
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(out)]) == 1
    assert "authorization-missing  box 23" in capsys.readouterr().out
    assert not out.exists() and _claims_recorded(folder) == []


def test_eight_service_lines_give_two_forms_each_totalled(tmp_path: Path) -> None:
    def eight(document: dict[str, Any]) -> None:
        patient = document["patients"][0]
        patient["prescriptions"][0]["authorized_visits"] = 20
        patient["coverages"][0]["annual_visit_limit"] = 20
        patient["visits"] = [
            {"id": f"v-{i}", "date": f"2026-09-{i:02d}", "coverage": "cov-1", "prescription": "rx-1",
             "diagnoses": ["M54.50"], "lines": [{"cpt": "97124", "minutes": 30, "pointers": ["A"]}]}
            for i in range(2, 10)
        ]  # fmt: skip
        patient["payments"] = []

    folder = _practice(tmp_path, "eight", eight)
    out = tmp_path / "claim.pdf"
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(out)]) == 0
    pages = _pages(out.read_bytes())
    assert len(pages) == 2
    claim = _claim(folder)
    totals = [[p.text for p in place(claim, form) if p.item == "28"] for form in claim.forms()]
    assert totals == [["480 00"], ["160 00"]]
    _assert_in_boxes(out.read_bytes(), claim)


def test_a_second_claim_for_the_same_visits_is_refused_and_a_replacement_carries_code_7(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    first, second, third = (tmp_path / f"{n}.pdf" for n in ("first", "second", "third"))
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(first)]) == 0
    original = _claims_recorded(folder)[0][0]
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(second)]) == 1
    assert "claim-visit-already-claimed  box 22" in capsys.readouterr().out and not second.exists()
    expected = _claim(folder, replaces=original, payer_claim_number="2026274000123")
    assert {("22", "7"), ("22", "2026274000123")} <= _placed(expected)
    assert (
        main(
            [
                "--data-dir",
                str(folder),
                "cms1500",
                "--patient",
                "pt-0001",
                "--replaces",
                original,
                "--payer-claim-number",
                "2026274000123",
                "-o",
                str(third),
            ]
        )
        == 0
    )
    _assert_in_boxes(third.read_bytes(), expected)
    assert _claims_recorded(folder)[1][2] == original
    x837 = tmp_path / "replacement.txt"
    replacement = _claims_recorded(folder)[1][0]
    assert (
        main(
            [
                "--data-dir",
                str(folder),
                "x837",
                "--patient",
                "pt-0001",
                "--replaces",
                replacement,
                "--payer-claim-number",
                "2026290000456",
                "--receiver",
                "330897513",
                "--payer-id",
                "93221",
                "-o",
                str(x837),
            ]
        )
        == 0
    )
    text = x837.read_text(encoding="ascii")
    assert x12_errors(text, tmp_path) == ""
    assert ":B:7*" in text and "REF*F8*2026290000456~" in text


def test_an_837p_without_a_receiver_names_a_placeholder_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    out = tmp_path / "claim.txt"
    assert main(["--data-dir", str(folder), "x837", "--patient", "pt-0001", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "No --receiver given" in said and "RECEIVERID" in said and "test file" in said
    text = out.read_text(encoding="ascii")
    assert "*ZZ*1558598797     *ZZ*RECEIVERID     *" in text
    assert x12_errors(text, tmp_path) == ""
    assert _claims_recorded(folder) == []  # a test file, not a claim


def test_an_837p_with_a_five_digit_billing_zip_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def five_digits(document: dict[str, Any]) -> None:
        document["practitioner"]["address"]["zip"] = "98109"

    folder = _practice(tmp_path, "sample", five_digits)
    out = tmp_path / "claim.txt"
    assert main(["--data-dir", str(folder), "x837", "--patient", "pt-0001", "-o", str(out)]) == 1
    assert "claim-billing-zip-without-plus-four  box 33" in capsys.readouterr().out
    assert not out.exists() and _claims_recorded(folder) == []


def test_a_claim_is_written_only_where_the_output_guard_allows(tmp_path: Path) -> None:
    folder = _practice(tmp_path, "sample")
    target = folder / "practice.sqlite3"
    before = target.read_bytes()
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(target)]) == 2
    assert target.read_bytes() == before


def _payer_id(document: dict[str, Any]) -> None:
    _zip_plus_four(document)
    document["payers"][0]["payer_id"] = "91051"


def _x837(folder: Path, out: Path, *extra: str) -> str:
    assert main(["--data-dir", str(folder), "x837", "--patient", "pt-0001", "-o", str(out), *extra]) == 0
    return out.read_text(encoding="ascii")


def test_an_837p_names_the_payer_by_the_payer_id_stored_with_the_payer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _payer_id)
    text = _x837(folder, tmp_path / "claim.txt")
    said = capsys.readouterr().out
    assert "*PI*91051~" in text and "PAYERID" not in text
    assert "No payer ID" not in said
    assert x12_errors(text, tmp_path) == ""


def test_the_payer_id_option_overrides_the_payers_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _payer_id)
    text = _x837(folder, tmp_path / "claim.txt", "--payer-id", "sx-173")
    assert "*PI*SX173~" in text and "91051" not in text  # the payer ID's one rule (validate_payer_id)
    assert "No payer ID" not in capsys.readouterr().out


def test_without_a_payer_id_anywhere_the_837p_names_the_placeholder_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    text = _x837(folder, tmp_path / "claim.txt")
    assert "*PI*PAYERID~" in text
    assert "No payer ID: the file names the payer PAYERID" in capsys.readouterr().out


def test_a_payer_id_option_with_a_delimiter_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _payer_id)
    out = tmp_path / "claim.txt"
    args = ["--data-dir", str(folder), "x837", "--patient", "pt-0001", "-o", str(out), "--payer-id", "91*051"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--payer-id" in err
    assert not out.exists() and _claims_recorded(folder) == []


@pytest.mark.parametrize(("command", "name"), [("cms1500", "claim.pdf"), ("x837", "claim.txt")])
def test_reprint_writes_an_issued_claim_again_byte_for_byte(
    command: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _payer_id)
    issued, again = tmp_path / name, tmp_path / f"again-{name}"
    receiver = ["--receiver", "OA123"] if command == "x837" else []  # without one, a test file: not recorded
    assert (
        main(["--data-dir", str(folder), command, "--patient", "pt-0001", *receiver, "-o", str(issued)]) == 0
    )
    capsys.readouterr()

    assert main(["--data-dir", str(folder), "reprint", "cl-2026-0001", "-o", str(again)]) == 0
    assert again.read_bytes() == issued.read_bytes()
    assert "Claim CL-2026-0001 written to" in capsys.readouterr().out


def test_issued_lists_the_patients_claims_beside_the_superbills(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    form, replacement = tmp_path / "form.pdf", tmp_path / "replacement.pdf"
    assert main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(form)]) == 0
    replace = ["--replaces", "CL-2026-0001", "--payer-claim-number", "2026274000123"]
    assert (
        main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", *replace, "-o", str(replacement)])
        == 0
    )
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "issued", "--patient", "pt-0001"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("CL-")]
    assert len(lines) == 2
    assert "claim to Premera Blue Cross, CMS-1500 (plain paper)" in lines[0] and "charges $245.00" in lines[0]
    assert lines[0].endswith("replaced by CL-2026-0002") and lines[1].endswith("replaces CL-2026-0001")


def test_reprint_refuses_a_stored_claim_that_no_longer_matches_its_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    assert (
        main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "c.pdf")])
        == 0
    )
    with sqlite3.connect(folder / "practice.sqlite3") as conn:
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'claims_are_final_update'"
        ).fetchone()
        conn.execute("DROP TRIGGER claims_are_final_update")
        conn.execute("UPDATE claims SET document = CAST(document || x'20' AS BLOB)")
        conn.execute(trigger)
    capsys.readouterr()
    out = tmp_path / "again.pdf"
    assert main(["--data-dir", str(folder), "reprint", "CL-2026-0001", "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "claim CL-2026-0001 no longer matches the fingerprint" in err
    assert not out.exists()


def test_reprint_of_a_claim_never_issued_names_the_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample")
    out = tmp_path / "again.pdf"
    assert main(["--data-dir", str(folder), "reprint", "CL-2026-0009", "-o", str(out)]) == 2
    assert 'no claim numbered "CL-2026-0009"' in capsys.readouterr().err
    assert not out.exists()


def test_replaces_reads_a_claim_number_as_reprint_and_claim_do_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    assert (
        main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "a.pdf")])
        == 0
    )
    original = _claims_recorded(folder)[0][0]
    typed = f" {original.lower()} "
    assert main(["--data-dir", str(folder), "reprint", typed, "-o", str(tmp_path / "again.pdf")]) == 0
    replacement = tmp_path / "b.pdf"
    arguments = [
        "cms1500",
        "--patient",
        "pt-0001",
        "--replaces",
        typed,
        "--payer-claim-number",
        "2026274000123",
    ]
    capsys.readouterr()
    assert main(["--data-dir", str(folder), *arguments, "-o", str(replacement)]) == 0
    assert _claims_recorded(folder)[1][2] == original  # recorded as replacing it, in its own spelling
    assert f"(replaces {original})" in capsys.readouterr().out  # and said so


def _thirteen_diagnoses(document: dict[str, Any]) -> None:
    codes = ["M54.50", "M54.51", "M54.59", "M54.2", "M54.6", "M79.10", "M79.11"]
    codes += ["M79.12", "M79.18", "M79.7", "M62.830", "M62.838", "S16.1XXA"]
    first, second = document["patients"][0]["visits"][:2]
    first["diagnoses"], second["diagnoses"] = codes[:7], codes[7:]


def test_a_claims_findings_call_it_a_claim_not_a_superbill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _practice(tmp_path, "sample", _thirteen_diagnoses)
    capsys.readouterr()
    assert (
        main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "c.pdf")])
        == 1
    )
    said = [line for line in capsys.readouterr().out.splitlines() if "different diagnoses" in line]
    assert said and "This claim has 13 different diagnoses" in said[0]
    assert "two claims" in said[0] and "superbill" not in said[0]
    capsys.readouterr()
    main(["--data-dir", str(folder), "check", "--patient", "pt-0001"])  # the superbill keeps its word
    assert "This superbill has 13 different diagnoses" in capsys.readouterr().out


def test_a_claim_does_not_ask_for_a_signature_image_its_item_31_never_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a signature image a superbill warns that its line prints blank; a CMS-1500 prints
    the provider's name in item 31 and SIGNATURE ON FILE in 12, so it says nothing of it."""

    def unsigned(document: dict[str, Any]) -> None:
        _zip_plus_four(document)
        del document["practitioner"]["signature_png"]

    folder = _practice(tmp_path, "sample", unsigned)
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "check", "--patient", "pt-0001"]) == 0
    assert "signature-missing" in capsys.readouterr().out
    assert (
        main(["--data-dir", str(folder), "cms1500", "--patient", "pt-0001", "-o", str(tmp_path / "c.pdf")])
        == 0
    )
    out = capsys.readouterr().out
    assert "signature-missing" not in out and "sign each superbill" not in out
