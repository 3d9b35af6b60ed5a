"""A superbill saved with a password: it opens only with the password and says exactly what was issued."""

from __future__ import annotations

import getpass
import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from app.cli import main
from app.domain.errors import ValidationError
from app.services import superbills
from app.services.pdf_password import check_password, protect_pdf
from app.services.workspace import Workspace
from tests import sample
from tests.domain.conftest import DictCodes

PASSWORD = "tide-2026"


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="module")
def issued_pdf() -> bytes:
    return superbills.render(sample.superbill_data(), DictCodes(), draft=False)


def test_without_the_password_a_reader_sees_it_encrypted_and_gets_no_text(issued_pdf: bytes) -> None:
    protected = protect_pdf(issued_pdf, PASSWORD)
    reader = PdfReader(io.BytesIO(protected))
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256 (PDF 2.0, revision 6)
    assert reader.trailer["/Encrypt"]["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not PdfReader(io.BytesIO(protected)).decrypt("wrong password")
    # Nothing about the patient can be read from the file's bytes either (title and text are encrypted).
    assert b"Okafor" in issued_pdf
    assert b"Okafor" not in protected


def test_with_the_password_the_text_is_the_original(issued_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(protect_pdf(issued_pdf, PASSWORD)))
    assert reader.decrypt(PASSWORD)
    original = PdfReader(io.BytesIO(issued_pdf))
    assert texts(reader) == texts(original)
    assert "Daniel Okafor" in texts(reader)[0]
    assert reader.metadata == original.metadata


@pytest.mark.parametrize("short", ["", "abc", "12345"])
def test_a_short_password_is_refused_naming_the_field(issued_pdf: bytes, short: str) -> None:
    with pytest.raises(ValidationError) as refused:
        protect_pdf(issued_pdf, short)
    assert refused.value.field == "password"
    assert "at least 6 characters" in refused.value.message


def test_a_password_typed_differently_the_second_time_is_refused() -> None:
    check_password(PASSWORD, PASSWORD)
    with pytest.raises(ValidationError) as refused:
        check_password(PASSWORD, PASSWORD.upper())
    assert refused.value.field == "password_again"


def test_a_pdf_that_is_already_protected_is_refused(issued_pdf: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        protect_pdf(protect_pdf(issued_pdf, PASSWORD), PASSWORD)
    assert refused.value.field == "pdf"


@pytest.mark.parametrize("not_a_pdf", [b"", b"%PDF-1.7\n%%EOF\n", b"a letter"])
def test_bytes_that_are_not_a_pdf_are_refused(not_a_pdf: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        protect_pdf(not_a_pdf, PASSWORD)
    assert refused.value.field == "pdf"


# The command line -------------------------------------------------------------------------------


@pytest.fixture
def issued_number(data_dir: Path, sample_practice_path: Path, tmp_path: Path) -> str:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(tmp_path / "issued.pdf")) == 0
    with Workspace(data_dir) as workspace:
        (issued,) = workspace.store.superbills(superbills.find_chart(workspace.store, "pt-0001").patient.key)
    return issued.number


def test_reprint_with_password_from_the_environment_writes_an_encrypted_copy(
    data_dir: Path,
    issued_number: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUPERBILL_PDF_PASSWORD", PASSWORD)
    out = tmp_path / "for e-mail.pdf"
    assert run(data_dir, "reprint", issued_number, "-o", str(out), "--password") == 0
    assert "send the password separately" in capsys.readouterr().out
    reader = PdfReader(out)
    assert reader.is_encrypted
    assert reader.decrypt(PASSWORD)
    assert texts(reader) == texts(PdfReader(tmp_path / "issued.pdf"))


def test_reprint_with_password_and_no_way_to_give_it_exits_2_and_writes_nothing(
    data_dir: Path,
    issued_number: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("SUPERBILL_PDF_PASSWORD", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    out = tmp_path / "for e-mail.pdf"
    capsys.readouterr()
    assert run(data_dir, "reprint", issued_number, "-o", str(out), "--password") == 2
    error = capsys.readouterr().err
    assert error.startswith("error: password: ")
    assert "SUPERBILL_PDF_PASSWORD" in error and "never taken on the command line" in error
    assert not out.exists()


def test_a_short_password_in_the_environment_exits_2(
    data_dir: Path,
    issued_number: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUPERBILL_PDF_PASSWORD", "abc")
    out = tmp_path / "for e-mail.pdf"
    assert run(data_dir, "reprint", issued_number, "-o", str(out), "--password") == 2
    assert "at least 6 characters" in capsys.readouterr().err
    assert not out.exists()


def test_the_password_is_not_an_argument(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(data_dir, "reprint", "SB-2026-0001", "-o", "x.pdf", "--password", PASSWORD)
    assert exited.value.code == 2


def test_render_with_password_typed_twice_in_a_terminal(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    monkeypatch.delenv("SUPERBILL_PDF_PASSWORD", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    prompts: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: prompts.append(prompt) or PASSWORD)
    out = tmp_path / "draft.pdf"
    assert run(data_dir, "render", "--patient", "pt-0001", "--draft", "-o", str(out), "--password") == 0
    assert len(prompts) == 2
    reader = PdfReader(out)
    assert reader.is_encrypted and reader.decrypt(PASSWORD)
    assert "Daniel Okafor" in texts(reader)[0]


def test_render_refuses_two_different_passwords_before_numbering_a_superbill(
    data_dir: Path,
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    monkeypatch.delenv("SUPERBILL_PDF_PASSWORD", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter([PASSWORD, "something else"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(answers))
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(tmp_path / "x.pdf"), "--password") == 2
    assert "not the same" in capsys.readouterr().err
    assert run(data_dir, "issued", "--patient", "pt-0001") == 0
    assert "No superbills issued yet." in capsys.readouterr().out
