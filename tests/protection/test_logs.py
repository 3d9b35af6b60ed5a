"""The application log: rotated, private to its owner, and free of patient data after a whole workflow."""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.services import logs
from app.services.logs import LOG_NAME, PatientDataFilter, setup_logging, stop_logging

POSIX = os.name == "posix"


@pytest.fixture(autouse=True)
def _close_the_log() -> Iterator[None]:
    yield
    stop_logging()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def unicode_practice(sample_practice_path: Path, folder: Path) -> tuple[Path, dict[str, Any]]:
    """The sample practice with a patient whose name needs Unicode, and a claim number to look for."""
    document: dict[str, Any] = json.loads(sample_practice_path.read_text(encoding="utf-8"))
    patient = document["patients"][0]
    patient["first_name"], patient["last_name"] = "Zoë", "Nguyễn-Øster"
    patient["coverages"][0]["claim_number"] = "CLM-448-77"
    path = folder / "practice.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path, document


def forbidden_values(document: dict[str, Any]) -> set[str]:
    """Everything in the practice file that identifies the patient or their care."""
    patient = document["patients"][0]
    year, month, day = patient["date_of_birth"].split("-")
    values = {
        patient["first_name"],
        patient["last_name"],
        f"{patient['first_name']} {patient['last_name']}",
        patient["date_of_birth"],
        f"{month}/{day}/{year}",
        f"{int(month)}/{int(day)}/{year}",
        f"{year}{month}{day}",
        f"{month}{day}{year}",
        patient["address"]["line1"],
        patient["phone"],
    }
    for coverage in patient["coverages"]:
        values |= {coverage[k] for k in ("member_id", "group_number", "claim_number") if coverage.get(k)}
    for prescription in patient["prescriptions"]:
        values |= set(prescription["diagnoses"])
    for visit in patient["visits"]:
        values |= set(visit["diagnoses"])
        values |= {line["cpt"] for line in visit["lines"]}
    values |= set(document["fees"])  # the procedure codes the practice prices
    return values


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_the_log_after_a_whole_workflow_is_private_and_names_no_patient_data(
    tmp_path: Path, data_dir: Path, sample_practice_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_dir = tmp_path / "log folder"
    monkeypatch.setenv("SUPERBILL_LOG_DIR", str(log_dir))
    practice, document = unicode_practice(sample_practice_path, tmp_path)
    out = tmp_path / "out"
    first, second = (f"SB-{date.today().year}-{n:04d}" for n in (1, 2))  # the CLI issues on today's date

    assert run(data_dir, "import", str(practice)) == 0
    assert run(data_dir, "check", "--patient", "pt-0001") == 0
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(out / "draft.pdf"), "--draft") == 0
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(out / "first.pdf")) == 0
    assert run(data_dir, "reissue", first, "-o", str(out / "second.pdf")) == 0
    assert run(data_dir, "reprint", first, "-o", str(out / "again.pdf")) == 0
    assert run(data_dir, "issued", "--patient", "pt-0001") == 0
    assert run(data_dir, "audit", "--patient", "pt-0001") == 0
    assert run(data_dir, "export", "-o", str(out / "export.json")) == 0
    # errors whose messages quote the patient must not reach the log either
    assert run(data_dir, "render", "--patient", "pt-0001", "--from", "2030-01-01", "-o", str(out / "x")) == 2
    assert run(data_dir, "reissue", first, "-o", str(out / "y.pdf")) == 2

    log_file = log_dir / LOG_NAME
    text = log_file.read_text(encoding="utf-8")
    leaked = sorted(value for value in forbidden_values(document) if value.casefold() in text.casefold())
    assert leaked == []
    assert str(tmp_path) not in text  # paths hold the user's name
    for expected in (
        "started",
        "practice opened",
        "import finished patients=1 visits=2",
        f"superbill issued number={first} visits=2",
        f"superbill reissued number={second} replaces={first} visits=2",
        "export finished patients=1",
        "command render refused: bad input",
    ):
        assert expected in text
    assert PatientDataFilter.WITHHELD not in text  # our own calls never needed the safety net
    if POSIX:
        assert mode(log_file) == 0o600
        assert mode(log_dir) == 0o700


def test_the_log_rotates_and_every_generation_is_private(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs", max_bytes=2_000, backup_count=2)
    assert path is not None
    logger = logging.getLogger("app.test")
    for index in range(200):
        logger.info("event number=%d of a long run of events to fill the file", index)
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2"]
    for name in files:
        assert (path.parent / name).stat().st_size <= 2_000
        if POSIX:
            assert mode(path.parent / name) == 0o600
    assert "number=199" in path.read_text(encoding="utf-8")


def test_setting_up_twice_keeps_one_handler_and_a_new_folder_moves_the_log(tmp_path: Path) -> None:
    first = setup_logging(tmp_path / "a")
    assert setup_logging(tmp_path / "a") == first
    second = setup_logging(tmp_path / "b")
    logging.getLogger("app.test").info("after the move")
    assert first is not None and second is not None
    assert "after the move" not in first.read_text(encoding="utf-8")
    assert "after the move" in second.read_text(encoding="utf-8")
    handlers = [h for h in logging.getLogger("app").handlers if isinstance(h, logging.FileHandler)]
    assert len(handlers) == 1


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_app(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert setup_logging(blocker / "logs") is None
    logging.getLogger("app.test").info("nowhere to go")  # no error


def test_the_default_folder_is_the_platforms_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPERBILL_LOG_DIR")
    assert "SuperbillDesk" in logs.log_dir().parts
    monkeypatch.setenv("SUPERBILL_LOG_DIR", "/somewhere/else")
    assert logs.log_dir() == Path("/somewhere/else")
    assert logs.log_dir(Path("/given")) == Path("/given")


@pytest.mark.parametrize(
    ("message", "withheld"),
    [
        ("superbill issued number=SB-2026-0001 visits=2", False),
        ("import finished patients=3 visits=12", False),
        ("visit moved to 2026-09-17", True),
        ("born 06/12/1984", True),
        ("diagnosis M54.50", True),
        ("whiplash S13.4XXA", True),
        ("procedure 97124", True),
    ],
)
def test_the_filter_withholds_what_looks_like_patient_data(message: str, withheld: bool) -> None:
    record = logging.LogRecord("app.x", logging.INFO, __file__, 1, "%s", (message,), None)
    assert PatientDataFilter().filter(record)
    assert (record.getMessage() == PatientDataFilter.WITHHELD) is withheld


def test_the_filter_drops_tracebacks(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    assert path is not None
    try:
        raise ValueError("Zoë Nguyễn-Øster has no visits")
    except ValueError:
        logging.getLogger("app.test").exception("command failed: ValueError")
    text = path.read_text(encoding="utf-8")
    assert "command failed: ValueError" in text
    assert "Zoë" not in text and "Traceback" not in text
