"""The provider's signature everywhere (issue 13): the practice file, `superbill signature`, the check, the PDF."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from app.domain.signature import LARGEST_SIGNATURE
from tests import sample
from tests.cli.test_cli import dump, run, write_json


@pytest.fixture
def imported(data_dir: Path, sample_practice_path: Path) -> Path:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    return data_dir


@pytest.fixture
def unsigned_document(sample_practice_path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(sample_practice_path.read_text(encoding="utf-8"))
    del document["practitioner"]["signature_png"]
    return document


@pytest.fixture
def unsigned(data_dir: Path, tmp_path: Path, unsigned_document: dict[str, Any]) -> Path:
    assert run(data_dir, "import", str(write_json(tmp_path / "practice.json", unsigned_document))) == 0
    return data_dir


def _signature_images(pdf: Path) -> list[tuple[float, float]]:
    """Where each image sits (x0, top) on the page that holds the provider's certification."""
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        page = next(p for p in document.pages if "PROVIDER CERTIFICATION" in (p.extract_text() or ""))
        return [(float(image["x0"]), float(image["top"])) for image in page.images]


def _exported(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert run(data_dir, "export") == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_signature_set_puts_the_png_on_file_and_every_final_superbill_prints_it_on_the_provider_line(
    unsigned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "my signature.png"
    png.write_bytes(sample.signature_png())
    assert run(unsigned, "signature") == 0
    assert "No signature image on file" in capsys.readouterr().out
    assert run(unsigned, "signature", "set", str(png)) == 0
    assert "Signature image set" in capsys.readouterr().out
    assert run(unsigned, "signature", "show") == 0
    assert "A signature image is on file" in capsys.readouterr().out
    out = tmp_path / "final.pdf"
    assert run(unsigned, "render", "--patient", "pt-0001", "-o", str(out)) == 0
    images = _signature_images(out)
    assert len(images) == 1
    assert images[0][0] > 300  # on the provider's side (the right half), not the patient's


def test_signature_clear_takes_it_off_and_superbills_get_a_line_to_sign(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(imported, "signature", "clear") == 0
    assert "cleared" in capsys.readouterr().out
    assert "signature_png" not in _exported(imported, capsys)["practitioner"]
    out = tmp_path / "final.pdf"
    assert run(imported, "render", "--patient", "pt-0001", "-o", str(out)) == 0
    assert _signature_images(out) == []


def _damaged(png: bytes) -> bytes:
    return png[:-20]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("signature.jpg", b"\xff\xd8\xff\xe0 a JPEG, not a PNG", "is not a PNG image"),
        ("notes.txt", b"my signature", "is not a PNG image"),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"\0" * LARGEST_SIGNATURE, "larger than 1 MB"),
        ("cut.png", _damaged(sample.signature_png()), "cannot be read as a PNG image"),
        ("missing.png", None, "cannot be read"),
    ],
)
def test_a_refused_signature_image_is_exit_2_naming_the_file_and_changes_nothing(
    imported: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    says: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = dump(imported)
    capsys.readouterr()
    assert run(imported, "signature", "set", str(path)) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and str(path) in error and says in error, error
    assert dump(imported) == before


def test_signature_set_without_a_practice_is_exit_2_and_creates_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "signature.png"
    png.write_bytes(sample.signature_png())
    assert run(data_dir, "signature", "set", str(png)) == 2
    assert "practitioner" in capsys.readouterr().err


def test_the_practice_file_takes_a_signature_file_next_to_it_and_export_import_keeps_it(
    data_dir: Path,
    tmp_path: Path,
    unsigned_document: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "moving in"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "sig.png").write_bytes(sample.signature_png(200, 50))
    unsigned_document["practitioner"]["signature_file"] = "images/sig.png"
    assert run(data_dir, "import", str(write_json(folder / "practice.json", unsigned_document))) == 0
    exported = _exported(data_dir, capsys)
    assert base64.b64decode(exported["practitioner"]["signature_png"]) == sample.signature_png(200, 50)
    again = tmp_path / "again"
    assert run(again, "import", str(write_json(tmp_path / "exported.json", exported))) == 0
    assert _exported(again, capsys) == exported


@pytest.mark.parametrize(
    ("signature", "field", "says"),
    [
        ({"signature_png": "not base64!"}, "practitioner.signature_png", "base64"),
        ({"signature_png": base64.b64encode(b"GIF89a").decode()}, "practitioner.signature_png", "not a PNG"),
        ({"signature_file": "nowhere.png"}, "nowhere.png", "cannot be read"),
        ({"signature_file": "sig.png", "signature_png": "AAAA"}, "practitioner.signature_file", "not both"),
    ],
)
def test_the_practice_file_refuses_a_signature_that_is_not_a_png_naming_the_field(
    data_dir: Path,
    tmp_path: Path,
    unsigned_document: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    signature: dict[str, str],
    field: str,
    says: str,
) -> None:
    unsigned_document["practitioner"].update(signature)
    assert run(data_dir, "import", str(write_json(tmp_path / "practice.json", unsigned_document))) == 2
    error = capsys.readouterr().err
    assert field in error and says in error, error
    assert not (data_dir / "practice.sqlite3").exists()  # refused before anything was opened or saved


def test_a_final_superbill_without_a_signature_is_issued_and_the_check_warns_signature_missing(
    unsigned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(unsigned, "check", "--patient", "pt-0001") == 0
    out = capsys.readouterr().out
    assert "warning signature-missing  practitioner.signature_png" in out
    assert run(unsigned, "render", "--patient", "pt-0001", "-o", str(tmp_path / "final.pdf")) == 0
    assert "signature-missing" in capsys.readouterr().out


def test_the_practice_file_documentation_describes_the_signature() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "practice-file.md").read_text(encoding="utf-8")
    assert "signature_png" in text and "signature_file" in text
