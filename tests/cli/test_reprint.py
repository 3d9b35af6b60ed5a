"""`superbill reprint NUMBER`: a superbill (SB-), a year-end statement (YE-) or a claim (CL-) written
again byte for byte, by one path that says the same things of each."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.claims.test_claim_commands import _practice, _zip_plus_four
from tests.cli.helpers import run

PASSWORD = "tide-2026"


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample practice with a claim (09/16), a superbill (09/09: each visit is billed once) and a
    year-end statement issued today."""
    tmp_path = tmp_path_factory.mktemp("reprint")
    folder = _practice(tmp_path, "sample", _zip_plus_four)
    sep_16, sep_9 = (
        ("--from", "2026-09-16", "--to", "2026-09-16"),
        ("--from", "2026-09-09", "--to", "2026-09-09"),
    )
    assert run(folder, "cms1500", "--patient", "pt-0001", *sep_16, "-o", str(tmp_path / "claim.pdf")) == 0
    assert run(folder, "render", "--patient", "pt-0001", *sep_9, "-o", str(tmp_path / "superbill.pdf")) == 0
    assert run(folder, "statements", "--year", "2026", "-o", str(tmp_path / "statements")) == 0
    return folder


@pytest.mark.parametrize(
    ("number", "name"),
    [("SB-2026-0001", "Superbill"), ("YE-2026-0001", "Statement"), ("CL-2026-0001", "Claim")],
)
def test_every_reprint_names_the_day_it_was_issued_the_same_way(
    issued: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, name: str
) -> None:
    capsys.readouterr()
    out = tmp_path / "again.pdf"
    assert run(issued, "reprint", number.lower(), "-o", str(out)) == 0
    said = capsys.readouterr().out.strip()
    assert (
        said
        == f"{name} {number} written to {out} (identical to the one issued on {date.today().isoformat()})"
    )
    assert re.search(r"\d{4}-\d{2}-\d{2}\)$", said)


@pytest.mark.parametrize("number", ["SB-2026-0001", "YE-2026-0001", "CL-2026-0001"])
def test_every_reprint_with_a_password_says_the_pdf_opens_only_with_it(
    issued: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    number: str,
) -> None:
    monkeypatch.setenv("SUPERBILL_PDF_PASSWORD", PASSWORD)
    capsys.readouterr()
    out = tmp_path / "for e-mail.pdf"
    assert run(issued, "reprint", number, "-o", str(out), "--password") == 0
    assert "it opens only with the password: send the password separately" in capsys.readouterr().out
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt(PASSWORD)


@pytest.mark.parametrize(
    ("number", "kind"),
    [("SB-2026-0099", "superbill"), ("YE-2026-0099", "year-end statement"), ("CL-2026-0099", "claim")],
)
def test_a_reprint_of_a_number_never_issued_names_it_and_writes_nothing(
    issued: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, kind: str
) -> None:
    capsys.readouterr()
    out = tmp_path / "again.pdf"
    assert run(issued, "reprint", number, "-o", str(out)) == 2
    assert capsys.readouterr().err == f'error: number: no {kind} numbered "{number}" was issued\n'
    assert not out.exists()
