"""`superbill self-test`: does this installation work, end to end, on this computer?

Meant for the frozen program (PyInstaller bundle, CI, a therapist's support call), and just as
valid from a checkout. Each step uses what the app ships the way the app uses it: a temporary
data folder (never the user's), the demo practice from the resources, the ICD-10-CM index, a
superbill rendered with the shipped fonts and its text read back, SQLCipher and AES-GCM, and,
when the caller passes one (app/ui, so this module stays free of Qt), the main window opened and
closed. One line per step with its time; the run passes only when every step does.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from app import __version__
from app.resources import resources_dir
from app.services.demo import DEMO_PATIENT
from app.services.errors import ServiceError
from app.services.workspace import Workspace

# What the demo's first patient's draft superbill must say (resources/demo/demo-practice.json).
EXPECTED_TEXT = ("Nguyễn-Øster", "1234567893", "97124", "M54.2", "DRAFT")
ICD_QUERY, ICD_EXPECTED = "low back pain", "M54.50"
# The day the self-test renders "on": inside the demo's prescriptions and the shipped code release.
TODAY = date(2026, 10, 1)

WindowStep = Callable[[Workspace], str]


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    seconds: float
    detail: str

    def line(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        return f"{status} {self.name:<16} {self.seconds * 1000:7.0f} ms  {self.detail}"


class StepFailed(ServiceError):
    """A step found something wrong; the message says what."""


def self_test(window: WindowStep | None = None, *, out: TextIO | None = None) -> list[StepResult]:
    """Run every step (a failed step does not stop the ones that do not depend on it); print a line each.

    `window` opens and closes the main window on the workspace and returns what it saw; without
    it that step is reported as skipped (a failure: a test that did not run did not pass).
    """
    results: list[StepResult] = []

    def report(result: StepResult) -> None:
        results.append(result)
        if out is not None:
            print(result.line(), file=out, flush=True)

    if out is not None:
        print(f"Superbill Desk {__version__} self-test (resources: {resources_dir()})", file=out, flush=True)
    with _temporary_folder() as folder:
        workspace_box: list[Workspace] = []

        def open_folder() -> str:
            workspace_box.append(Workspace(folder / "data"))
            return f"temporary practice in {folder}"

        report(_run("data folder", open_folder))
        if not workspace_box:
            return results
        workspace = workspace_box[0]
        try:
            pdf_box: list[bytes] = []
            report(_run("demo practice", lambda: _load_demo(workspace)))
            report(_run("ICD search", lambda: _search_icd(workspace)))
            report(_run("render superbill", lambda: _render(workspace, pdf_box)))
            report(_run("extract text", lambda: _extract_text(pdf_box)))
            report(_run("encryption", lambda: _encryption(folder / "encrypted")))
            if window is None:
                report(StepResult("main window", False, 0.0, "skipped: no window step was given"))
            else:
                report(_run("main window", lambda: window(workspace)))
        finally:
            workspace.close()
    return results


def passed(results: list[StepResult]) -> bool:
    return bool(results) and all(r.ok for r in results)


def _run(name: str, step: Callable[[], str]) -> StepResult:
    start = time.perf_counter()
    try:
        detail = step()
        ok = True
    except Exception as error:  # every failure is a line of the report, never a traceback
        detail = f"{type(error).__name__}: {error}"
        ok = False
    return StepResult(name, ok, time.perf_counter() - start, detail)


@contextmanager
def _temporary_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="superbill-self-test-", ignore_cleanup_errors=True) as name:
        yield Path(name)


def _load_demo(workspace: Workspace) -> str:
    from app.services.demo import demo_practice

    practice = demo_practice()
    workspace.store.save_practice(practice)
    patients = len(workspace.store.practice().charts)
    if patients != len(practice.charts) or patients == 0:
        raise StepFailed(f"{len(practice.charts)} patients in the demo, {patients} saved")
    return f"{patients} patients"


def _search_icd(workspace: Workspace) -> str:
    codes = workspace.codes
    hits = codes.search(ICD_QUERY, limit=50)
    if ICD_EXPECTED not in {hit.code for hit in hits}:
        raise StepFailed(f'"{ICD_QUERY}" did not find {ICD_EXPECTED} in {codes.release.name}')
    return f'{codes.release.name}: "{ICD_QUERY}" -> {len(hits)} codes'


def _render(workspace: Workspace, pdf_box: list[bytes]) -> str:
    from app.services.superbills import Period, issue_superbill

    document = issue_superbill(
        workspace.store, workspace.codes, DEMO_PATIENT, Period(), today=TODAY, draft=True
    )
    if not document.pdf.startswith(b"%PDF-"):
        raise StepFailed("the superbill is not a PDF")
    pdf_box.append(document.pdf)
    return f"{len(document.pdf):,} bytes"


def _extract_text(pdf_box: list[bytes]) -> str:
    if not pdf_box:
        raise StepFailed("no superbill to read (the render step failed)")
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_box[0]))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    missing = [expected for expected in EXPECTED_TEXT if expected not in text]
    if missing:
        raise StepFailed(f"the superbill's text lacks {', '.join(missing)}")
    return f"{len(reader.pages)} page(s), {len(text):,} characters, all {len(EXPECTED_TEXT)} checks found"


def _encryption(folder: Path) -> str:
    """SQLCipher and AES-GCM, the two native libraries an encrypted practice needs."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from app.store.database import is_plain_sqlite, open_connection
    from app.store.encryption import new_database_key

    key = new_database_key()
    sealed = AESGCM(key).encrypt(b"\0" * 12, b"self-test", None)
    if AESGCM(key).decrypt(b"\0" * 12, sealed, None) != b"self-test":
        raise StepFailed("AES-GCM did not give back what it sealed")
    path = folder / "practice.sqlite3"
    conn = open_connection(path, key=key)
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    if is_plain_sqlite(path) or not cipher:
        raise StepFailed("the database was written unencrypted")
    return f"SQLCipher {cipher[0]}, AES-GCM"
