"""What each `superbill` command does (app/cli.py reads the command line and calls run_command).

Kept apart from app/cli.py so that opening the app (`superbill` with no command) does not import
the commands' modules: the check, the renderer, backups and the practice file load only for a command.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO, cast

from app.cli_terms import (
    EXIT_BAD_INPUT,
    EXIT_CHECK_FAILED,
    EXIT_CLOSED_PIPE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STORE,
    EXIT_UNEXPECTED,
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    PDF_PASSWORD_VARIABLE,
    RECOVERY_KEY_VARIABLE,
)
from app.domain.characters import terminal_lines, terminal_text
from app.domain.check import Finding, Severity
from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.money import format_money
from app.domain.practice import FeeSchedule
from app.domain.procedures import Procedure
from app.domain.superbill import PaperSize
from app.services import backups, encryption, logs, pdf_password, signature, superbills
from app.services.demo import DEMO_PATIENT, demo_practice
from app.services.files import StagedFile, output_folder, output_path, write_file
from app.services.practice_file import practice_to_json, read_practice_file
from app.services.practice_health import Health, start_health
from app.services.workspace import Workspace
from app.store.errors import StoreUnavailable
from app.store.paths import data_dir, database_path

# Command names, counts, statement numbers and error kinds only (see app/services/logs.py).
log = logging.getLogger("app.cli")


def run_command(args: argparse.Namespace) -> int:
    """Run the command the parser chose (`args.run` names it in COMMANDS); errors become exit statuses.

    While it runs, standard output and error are watched (see _WatchedStream): nothing written to
    them can drive the terminal (a control character in a file name or in stored text is written
    as its escape), and output that cannot be written is one line and exit 3, never a traceback. A
    closed pipe (`superbill codes icd back | head -1`) ends the command quietly, as Unix tools do.
    """
    logs.setup_logging()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (
        cast(TextIO, _WatchedStream(stdout, "standard output")),
        cast(TextIO, _WatchedStream(stderr, "standard error")),
    )
    try:
        status = _answer(args)
        sys.stdout.flush()  # output buffered for a file or pipe fails here, not at the interpreter's exit
        return status
    except _OutputFailed as failed:
        log.error("command %s: output could not be written: %s", args.command, type(failed.error).__name__)
        closed_pipe = isinstance(failed.error, BrokenPipeError)  # `| head -1`: quiet, as on SIGPIPE
        if not closed_pipe:
            with contextlib.suppress(OSError):
                print(f"error: {failed.stream} cannot be written ({failed})", file=stderr, flush=True)
        for stream in (stdout, stderr):
            _drop_pending_output(stream)
        return EXIT_CLOSED_PIPE if closed_pipe else EXIT_STORE
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _answer(args: argparse.Namespace) -> int:
    """The command's exit status: what it returns, or what its refusal or failure means."""
    command: Callable[[argparse.Namespace], int] = COMMANDS[args.run]
    try:
        damaged = _damaged_practice(args)
        return damaged if damaged is not None else command(args)
    except _OutputFailed:
        raise
    except ValidationError as error:
        log.warning("command %s refused: bad input", args.command)
        print(f"error: {error.field}: {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except encryption.PassphraseNeeded as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreUnavailable as error:
        log.error("command %s: store unavailable: %s", args.command, type(error).__name__)
        print(f"error: {error}", file=sys.stderr)
        return EXIT_STORE
    except KeyboardInterrupt:
        log.warning("command %s interrupted", args.command)
        print(
            "Interrupted. Every change is saved in one transaction: nothing was half-saved.", file=sys.stderr
        )
        return EXIT_INTERRUPTED
    except Exception as error:
        return _unexpected(args, error)


def _unexpected(args: argparse.Namespace, error: Exception) -> int:
    """A bug, not the user's mistake: one plain line and where to find the details, never a traceback.

    The log gets the exception's kind and where it was raised, not its message (it may quote
    patient data: see app/services/logs.py).
    """
    log.critical(
        "command %s failed: %s at %s", args.command, type(error).__name__, logs.where_it_failed(error)
    )
    print(
        f"error: an unexpected problem stopped `superbill {args.command}` ({type(error).__name__}). "
        "Every change is saved in one transaction, so nothing was half-saved. This is a bug in "
        f"Superbill Desk: please report it with the log file {logs.log_dir() / logs.LOG_NAME}",
        file=sys.stderr,
    )
    return EXIT_UNEXPECTED


class _OutputFailed(Exception):
    """Standard output or standard error could not be written (a full disk, a closed pipe)."""

    def __init__(self, stream: str, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.stream, self.error = stream, error


class _WatchedStream:
    """sys.stdout or sys.stderr while a command runs: what is written to it has its control characters
    escaped (line breaks kept: app.domain.characters.terminal_lines), and an OSError in writing it
    becomes _OutputFailed, told apart from an OSError of a file the command reads or writes."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream, self._name = stream, name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(terminal_lines(text))
        except OSError as error:
            raise _OutputFailed(self._name, error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise _OutputFailed(self._name, error) from error

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _drop_pending_output(stream: TextIO) -> None:
    """Point the stream's file at the null device, so that the interpreter's last flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)


def _workspace(args: argparse.Namespace) -> Workspace:
    """The practice, asking for its passphrase (or recovery key) when it is encrypted."""
    if not encryption.is_encrypted(args.data_dir):
        return Workspace(args.data_dir)
    if args.recovery_key:
        return Workspace(args.data_dir, recovery_key=_secret(RECOVERY_KEY_VARIABLE, "Recovery key: "))
    return Workspace(args.data_dir, passphrase=_secret(PASSPHRASE_VARIABLE, "Passphrase: "))


def _secret(variable: str, prompt: str, *fallbacks: str) -> str:
    """A secret from the environment, else typed at a prompt without echo; never from an argument."""
    for name in (variable, *fallbacks):
        value = os.environ.get(name)
        if value:
            _check_text(name, value)
            return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "passphrase",
            f"this practice is encrypted: set {variable} or run the command in a terminal to type it",
        )
    return getpass.getpass(prompt)


def _check_text(variable: str, value: str) -> None:
    """A variable holding bytes that are not UTF-8 (kept by Python as surrogates) is refused, naming it."""
    try:
        encryption.check_secret_text(value, variable)
    except ValidationError:
        raise ValidationError(
            variable, "holds bytes that are not UTF-8 text; set it again from a UTF-8 terminal"
        ) from None


def _new_passphrase() -> str:
    """A new passphrase: from SUPERBILL_NEW_PASSPHRASE, else typed twice."""
    value = os.environ.get(NEW_PASSPHRASE_VARIABLE)
    if value:
        _check_text(NEW_PASSPHRASE_VARIABLE, value)
        encryption.check_new_passphrase(value)
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "passphrase", f"set {NEW_PASSPHRASE_VARIABLE} or run the command in a terminal to type it"
        )
    first = getpass.getpass("New passphrase: ")
    encryption.check_new_passphrase(first)
    encryption.check_new_passphrase(first, getpass.getpass("The same passphrase again: "))
    return first


def _encrypt(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    if encryption.is_encrypted(folder):
        if not encryption.encryption_unfinished(folder):
            raise ValidationError(
                "passphrase", "this practice is already encrypted; use `superbill passphrase`"
            )
        # An encryption interrupted, or its recovery key not yet confirmed: finish, show it again.
        if args.recovery_key:
            result = encryption.finish_encryption(
                folder, recovery_key=_secret(RECOVERY_KEY_VARIABLE, "Recovery key: ")
            )
        else:
            passphrase = _secret(PASSPHRASE_VARIABLE, "Passphrase: ", NEW_PASSPHRASE_VARIABLE)
            result = encryption.finish_encryption(folder, passphrase=passphrase)
        print("Your records are encrypted; what an earlier `superbill encrypt` left unfinished is done.")
    else:
        passphrase = _new_passphrase()
        with _workspace(args) as workspace:
            result = workspace.encrypt(passphrase)
            had_records = not workspace.is_empty()
        log.info("practice encrypted")
        if had_records:
            print("Your records are now encrypted. The unencrypted copy was deleted (overwritten first).")
        else:
            print("Your practice is encrypted.")
    _print_copies(result.copies)
    print(
        "(On an SSD the deleted copies' blocks may survive until the drive reuses them; "
        "full-disk encryption covers that.)"
    )
    print(
        "Backups made elsewhere (superbill backup --to a USB stick) before now stay as they were: "
        "make a new backup there and delete the older ones."
    )
    _show_recovery_key(args, folder, result.recovery_key)
    return EXIT_OK


def _print_copies(copies: encryption.CopiesReport) -> None:
    if copies.encrypted:
        print(
            f"Encrypted {len(copies.encrypted)} copies of the practice in the data folder (backups, earlier databases)."
        )
    if copies.removed:
        print(f"Overwrote and deleted {len(copies.removed)} unencrypted leftover file(s).")
    for path, reason in copies.left:
        print(f"NOT encrypted: {path}: {reason}.")
    if copies.left:
        print("Run `superbill encrypt` again once fixed, or delete those files if you do not need them.")


def _show_recovery_key(args: argparse.Namespace, folder: Path, recovery_key: str | None) -> None:
    """Print the pending recovery key, and forget it once the therapist says it is written down."""
    if recovery_key is None:
        print("Your recovery key was already confirmed written down; it is not kept anywhere.")
        return
    print()
    print(f"Recovery key: {recovery_key}")
    print()
    print("It opens your records if you forget the passphrase: print it or write it down now,")
    print("and keep it somewhere apart from this computer.")
    sys.stdout.flush()  # on paper, or in the caller's pipe, before the pending copy can be deleted
    written = args.recovery_key_written
    if not written and sys.stdin.isatty():
        try:
            written = input("Type yes once it is written down: ").strip().lower() in ("y", "yes")
        except EOFError:
            written = False
    if written:
        encryption.confirm_recovery_key_written(folder)
        print("The recovery key is no longer kept on this computer.")
    else:
        print(
            "Until you confirm it (superbill encrypt --recovery-key-written), it is kept in the data "
            "folder, readable by you only, and `superbill encrypt` shows it again."
        )


def _change_passphrase(args: argparse.Namespace) -> int:
    if not encryption.is_encrypted(args.data_dir):
        raise ValidationError("passphrase", "this practice is not encrypted; use `superbill encrypt`")
    old = _secret(PASSPHRASE_VARIABLE, "Current passphrase: ")
    encryption.change_passphrase(args.data_dir, old, _new_passphrase())
    log.info("passphrase changed")
    print("The passphrase is changed. Your recovery key still works.")
    return EXIT_OK


def _pdf_password(args: argparse.Namespace) -> str | None:
    """The password for a protected PDF when --password is given: from the environment, else typed twice."""
    if not args.password:
        return None
    value = os.environ.get(PDF_PASSWORD_VARIABLE)
    if value:
        pdf_password.check_password(value)
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "password",
            f"--password needs the password in {PDF_PASSWORD_VARIABLE} or a terminal to type it in "
            "(it is never taken on the command line); nothing was written",
        )
    first = getpass.getpass("Password for the PDF: ")
    pdf_password.check_password(first)
    pdf_password.check_password(first, getpass.getpass("The same password again: "))
    return first


# The field a refused output path is named by: -o and --output are the same option.
OUTPUT = "-o"


def _output(args: argparse.Namespace) -> Path:
    """The file -o names, checked before anything is opened, numbered or written (app/services/files.py)."""
    return output_path(args.output, data_dir(args.data_dir), field=OUTPUT)


def _pdf_bytes(pdf: bytes, password: str | None) -> bytes:
    return pdf if password is None else pdf_password.protect_pdf(pdf, password)


def _deliver_to(staged: StagedFile, password: str | None) -> superbills.Deliver:
    """Writes the superbill into `staged` while it is issued: a failure there gives its number back."""
    return lambda pdf: staged.write(_pdf_bytes(pdf, password))


def _protected_note(password: str | None) -> str:
    if password is None:
        return ""
    return "; it opens only with the password: send the password separately, not in the same e-mail"


def _demo(args: argparse.Namespace) -> int:
    target = _output(args)
    # The demo practice and its superbill in one transaction: a PDF that cannot be written leaves the
    # folder as it was.
    with (
        _workspace(args) as workspace,
        StagedFile(target, field=OUTPUT) as staged,
        workspace.store.transaction(),
    ):
        created = workspace.is_empty()
        if created:
            workspace.store.save_practice(demo_practice())
        elif workspace.store.find_patient(DEMO_PATIENT) is None:
            raise ValidationError(
                "--data-dir",
                f"{workspace.data_dir} already holds a practice with its own records (not the demo), and "
                "nothing in it was changed: the demo needs an empty folder of its own (name a new one with --data-dir)",
            )
        superbills.issue_superbill(
            workspace.store,
            workspace.codes,
            DEMO_PATIENT,
            superbills.Period(),
            today=date.today(),
            draft=True,
            deliver=staged.write,
        )
    if created:
        print(f"Created the demo practice in {workspace.data_dir}")
    else:
        print(
            f"The demo practice is already in {workspace.data_dir}, with its records: nothing in it was changed."
        )
    print(f"Wrote a sample superbill (draft) to {target}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    practice = read_practice_file(args.file)
    with _workspace(args) as workspace:
        workspace.store.save_practice(practice)
        visits = sum(len(chart.visits) for chart in practice.charts)
        log.info("import finished patients=%d visits=%d", len(practice.charts), visits)
        print(
            f"Imported {len(practice.charts)} patient(s), {visits} visit(s), {len(practice.payers)} payer(s)"
        )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    target = None if args.output is None else _output(args)
    with _workspace(args) as workspace:
        practice = workspace.store.practice()
        document = practice_to_json(practice)
    log.info("export finished patients=%d", len(practice.charts))
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if target is None:
        sys.stdout.write(text)
    else:
        write_file(target, text.encode("utf-8"), field=OUTPUT)
        print(f"Wrote {target}", file=sys.stderr)
    return EXIT_OK


def _period(
    args: argparse.Namespace, workspace: Workspace, today: date, patient_key: str | None = None
) -> superbills.Period:
    """--from/--to, or --unbilled: the patient's visits not yet on a superbill."""
    if not args.unbilled:
        return superbills.Period(args.first, args.last)
    if args.first is not None or args.last is not None:
        raise ValidationError("--unbilled", "cannot be combined with --from or --to; give one or the other")
    if patient_key is None:
        patient_key = superbills.find_chart(workspace.store, args.patient).patient.key
    period = superbills.unbilled_period(workspace.store, patient_key, today)
    if period is None:
        raise ValidationError("--unbilled", "every visit of this patient is on a superbill already")
    return period


def _check(args: argparse.Namespace) -> int:
    today = date.today()
    with _workspace(args) as workspace:
        chart = superbills.find_chart(workspace.store, args.patient)
        data = superbills.superbill_data(
            workspace.store, chart, _period(args, workspace, today, chart.patient.key), issued_on=today
        )
        findings = superbills.check(data, workspace.codes, today)
    _print_findings(findings)
    if not findings:
        print(
            f"Ready: {len(data.visits)} visit(s), total {format_money(data.totals().charges)}, nothing to fix."
        )
    return EXIT_CHECK_FAILED if _has_errors(findings) else EXIT_OK


def _render(args: argparse.Namespace) -> int:
    password = _pdf_password(args)  # asked before a final superbill is numbered
    target = _output(args)
    # The PDF is written while the superbill is issued, and put in place once it is recorded.
    today = date.today()
    with _workspace(args) as workspace, StagedFile(target, field=OUTPUT) as staged:
        period = _period(args, workspace, today)
        try:
            document = superbills.issue_superbill(
                workspace.store,
                workspace.codes,
                args.patient,
                period,
                today=today,
                draft=args.draft,
                paper=PaperSize(args.paper),
                deliver=_deliver_to(staged, password),
            )
        except superbills.SuperbillRefused as refused:
            _print_findings(refused.findings)
            print(f"No superbill written: {refused}. Use --draft for a draft.", file=sys.stderr)
            return EXIT_CHECK_FAILED
    _print_findings(document.findings)
    what = f"Superbill {document.number}" if document.number else "Draft superbill"
    print(f"{what} written to {target}{_protected_note(password)}")
    return EXIT_OK


def _cms1500(args: argparse.Namespace) -> int:
    from app.services import claims

    if args.set_offset is not None:
        right, down = claims.parse_offset(args.set_offset)
        with _workspace(args) as workspace:
            workspace.store.save_claim_offset(right, down)
        print(
            f"Red claim forms now print {right / 100:.2f} in right and {down / 100:.2f} in down of the grid."
        )
        if not args.test_page and args.patient is None:
            return EXIT_OK
    if args.output is None:
        raise ValidationError(OUTPUT, "name the PDF to write, such as -o claim.pdf")
    target = _output(args)
    if args.test_page:
        with _workspace(args) as workspace:
            pdf = claims.test_page(workspace.store)
        write_file(target, pdf, field=OUTPUT)
        print(f"Calibration page written to {target}: print it at actual size and lay it on a red form.")
        return EXIT_OK
    if args.patient is None and args.claim is None:
        raise ValidationError(
            "--patient",
            "name the patient whose claim to print, or the claim to print again (--claim), or use --test-page",
        )
    return _issue_claim(args, target, f"cms1500-{args.form}", "Claim form")


def _x837(args: argparse.Namespace) -> int:
    return _issue_claim(args, _output(args), "837p", "837P claim file")


def _issue_claim(args: argparse.Namespace, target: Path, format: str, what: str) -> int:
    from app.services import claims

    request = claims.ClaimRequest(  # its options are checked here, before the practice is opened
        patient=args.patient,
        period=superbills.Period(args.first, args.last),
        format=format,
        payer=args.payer,
        replaces=args.replaces,
        draft=getattr(args, "draft", False),
        receiver=getattr(args, "receiver", None),
        sender=getattr(args, "sender", None),
        payer_id=getattr(args, "payer_id", None),
        payer_claim_number=args.payer_claim_number,
        claim=args.claim,
    )
    with _workspace(args) as workspace, StagedFile(target, field=OUTPUT) as staged:
        try:
            document = claims.issue_claim(
                workspace.store, workspace.codes, request, today=date.today(), deliver=staged.write
            )
        except claims.ClaimRefused as refused:
            _print_findings(refused.findings)
            hint = " Use --draft for a draft." if format != "837p" else ""
            print(f"No claim written: {refused}.{hint}", file=sys.stderr)
            return EXIT_CHECK_FAILED
    _print_findings(document.findings)
    for note in document.notes:
        print(note)
    forms = len(document.claim.forms())
    pages = f" ({forms} forms, each totalled)" if format != "837p" and forms > 1 else ""
    if document.recorded:
        replaces = f" (replaces {args.replaces})" if args.replaces else ""
        print(f"{what} {document.number}{replaces} written to {target}{pages}")
    elif document.test_file:
        of = f" of claim {document.number}" if document.number else ""
        print(f"Test 837P file{of} (not a claim to send) written to {target}")
    elif document.number is not None:
        print(
            f"{what} {document.number} written again to {target}{pages}: the claim as recorded, nothing new recorded"
        )
    else:
        print(f"Draft {what.lower()} written to {target}{pages}")
    return EXIT_OK


def _reprint(args: argparse.Namespace) -> int:
    password = _pdf_password(args)
    target = _output(args)
    if args.number.upper().startswith("YE-"):
        return _reprint_statement(args, target, password)
    with _workspace(args) as workspace:
        record = workspace.store.superbill(args.number)
        if record is None:
            raise ValidationError("number", f'no superbill numbered "{args.number}" was issued')
        pdf = workspace.store.superbill_pdf(args.number)
    write_file(target, _pdf_bytes(pdf, password), field=OUTPUT)
    print(
        f"Superbill {args.number} written to {target} (identical to the one issued on {record.issued_on})"
        f"{_protected_note(password)}"
    )
    return EXIT_OK


def _reprint_statement(args: argparse.Namespace, target: Path, password: str | None) -> int:
    number = args.number.upper()
    with _workspace(args) as workspace:
        found = [s for s in workspace.store.year_statements() if s.number == number]
        if not found:
            raise ValidationError(
                "number", f'no year-end statement numbered "{terminal_text(number)}" was issued'
            )
        pdf = workspace.store.year_statement_pdf(number)
    write_file(target, _pdf_bytes(pdf, password), field=OUTPUT)
    print(
        f"Statement {number} written to {target} (identical to the one issued on {us_date(found[0].issued_on)})"
    )
    return EXIT_OK


def _statements(args: argparse.Namespace) -> int:
    from app.services import statements

    folder = _folder_output(args)
    today = date.today()
    with _workspace(args) as workspace:
        summary = statements.write_statements(
            workspace, args.year, folder, today, who=statements.Who(args.patients), draft=args.draft
        )
    for held in summary.held_back:
        _say(f"held back: {held.patient.name}: {held.reason}")
    kind = "draft statement(s)" if args.draft else "statement(s)"
    numbers = [w.number for w in summary.written if w.number]
    span = f" ({numbers[0]} to {numbers[-1]})" if numbers else ""
    print(f"Wrote {len(summary.written)} {kind} for {args.year}{span} into {folder}.")
    if summary.held_back:
        print(
            f"{len(summary.held_back)} held back by the check: fix them, then run again for those patients."
        )
    if not summary.total:
        print(
            f"No patient has visits in {args.year}"
            + ("" if args.patients == "all" else f" ({args.patients})")
            + "."
        )
    return EXIT_CHECK_FAILED if summary.held_back else EXIT_OK


def _folder_output(args: argparse.Namespace) -> Path:
    """-o as a folder for many files (app.services.files.output_folder)."""
    return output_folder(args.output, data_dir(args.data_dir), field=OUTPUT)


def _reissue(args: argparse.Namespace) -> int:
    target = _output(args)
    with _workspace(args) as workspace, StagedFile(target, field=OUTPUT) as staged:
        try:
            document = superbills.reissue_superbill(
                workspace.store,
                workspace.codes,
                args.number,
                date.today(),
                paper=PaperSize(args.paper),
                deliver=staged.write,
            )
        except superbills.SuperbillRefused as refused:
            _print_findings(refused.findings)
            print(f"No superbill written: {refused}.", file=sys.stderr)
            return EXIT_CHECK_FAILED
    _print_findings(document.findings)
    print(f"Superbill {document.number} (replaces {args.number}) written to {target}")
    return EXIT_OK


def _issued(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        chart = superbills.find_chart(workspace.store, args.patient)
        records = workspace.store.superbills(chart.patient.key)
    if not records:
        print("No superbills issued yet.")
    for r in records:
        replaces = f"  replaces {r.replaces}" if r.replaces else ""
        _say(
            f"{r.number}  issued {r.issued_on}  visits {r.first_date} to {r.last_date}  "
            f"charges {format_money(r.charges)}  balance {format_money(r.balance)}{replaces}"
        )
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        chart = superbills.find_chart(workspace.store, args.patient)
        entries = workspace.store.audit_entries(chart.patient.key, args.number)
    if not entries:
        print("No changes to records on issued superbills.")
    for e in entries:
        when = e.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        _say(
            f"{when}  {e.record_kind.value} {e.record_key}  {e.field}: {_shown(e.old_value)} -> "
            f"{_shown(e.new_value)}  (on {', '.join(e.superbills)})"
        )
    return EXIT_OK


def _letter(args: argparse.Namespace) -> int:
    from app.services import letters

    if (args.output is None) == (args.signed_on is None):
        raise ValidationError(
            "-o", "give -o FILE.pdf to write the letter, or --signed-on DATE to record the signed one"
        )
    today = date.today()
    if args.signed_on is not None:
        with _workspace(args) as workspace:
            letter = letters.record_signed_letter(
                workspace.store,
                args.patient,
                args.signed_on,
                today=today,
                expires_on=args.expires_on,
                prescription=args.prescription,
            )
        print(
            f"Signed letter of medical necessity recorded: signed {us_date(letter.signed_on)}, "
            f"on file until {us_date(letter.expires_on)}."
        )
        return EXIT_OK
    if args.expires_on is not None:
        raise ValidationError("--expires-on", "goes with --signed-on, when the signed letter is recorded")
    target = _output(args)
    with _workspace(args) as workspace:
        data = letters.letter_data(
            workspace.store, workspace.codes, args.patient, today=today, prescription=args.prescription
        )
        pdf = letters.render_letter(data)
    write_file(target, pdf, field=OUTPUT)
    print(
        f"Letter of medical necessity written to {target}: have the prescriber sign and date it, then "
        f"record it with: superbill letter --patient {terminal_text(args.patient)} --signed-on YYYY-MM-DD"
    )
    return EXIT_OK


def _import_clients(args: argparse.Namespace) -> int:
    from app.services import client_import  # the CSV reader loads only for this command

    client_file = client_import.read_client_file(args.file)
    mapping = client_import.guess_columns(client_file.headers)
    _say(
        f"{args.file}: {len(client_file.rows)} row(s), {client_file.encoding}, values separated by "
        f"{client_file.delimiter}. Columns:"
    )
    for line in client_import.describe_mapping(client_file, mapping):
        _say(line)
    client_import.check_columns(mapping)
    if not args.yes and not sys.stdin.isatty():
        raise ValidationError(
            "--yes",
            "there is no terminal to answer in: add --yes to import with these columns; nothing was imported",
        )
    if not args.yes and not _confirmed("Import the clients with these columns? [y/N] "):
        print("Nothing imported.")
        return EXIT_OK
    with _workspace(args) as workspace:
        result = client_import.import_clients(workspace.store, client_file, mapping, today=date.today())
    for duplicate in result.duplicates:
        _say(f"  row {duplicate.row}: {duplicate.name} not added again: {duplicate.reason}")
    print(
        f"Imported {len(result.added)} client(s)"
        + (f"; {len(result.duplicates)} duplicate(s) not added again." if result.duplicates else ".")
    )
    return EXIT_OK


def _shown(value: str | None) -> str:
    return "(none)" if value is None else value


def _say(line: str) -> None:
    """Print one line that holds stored text: a control character in it (ESC, a line break, a
    text-direction control) is written as its escape, so stored text cannot drive the terminal."""
    print(terminal_text(line))


# Commands that work on a damaged practice file, or do not open it.
_WITHOUT_PRACTICE = frozenset({"restore", "backups", "codes"})
# Commands that read or change a practice that must already exist (others may start one: import,
# demo, encrypt); `args.run` names them.
_NEEDS_PRACTICE = frozenset(
    {
        "audit",
        "backup",
        "change_passphrase",
        "check",
        "cms1500",
        "export",
        "issued",
        "letter",
        "reissue",
        "render",
        "reprint",
        "statements",
        "x837",
    }
)


def _damaged_practice(args: argparse.Namespace) -> int | None:
    """Before opening: a damaged or foreign practice file is named, with how to restore, and left as it is.

    So is a missing or empty one in a folder that held a practice (Health.EMPTIED), encrypted or
    not; the rest of an encrypted file is checked when its key opens it (app.services.workspace).
    """
    if args.command in _WITHOUT_PRACTICE:
        return None
    folder = data_dir(args.data_dir)
    health = start_health(folder)
    if health is Health.MISSING and args.run in _NEEDS_PRACTICE:
        # A typo in --data-dir must not answer with an empty practice (exit 0) and leave one behind.
        log.error("command %s: no practice in the data folder", args.command)
        print(
            f"error: there is no practice in {folder} yet. Check the folder (--data-dir or "
            "SUPERBILL_DATA_DIR), or start one: superbill import FILE.json, or open the app.",
            file=sys.stderr,
        )
        return EXIT_STORE
    if health.usable:
        return None
    log.error("command %s: practice file %s", args.command, health.value)
    print(f"error: {backups.damaged_message(folder, health)}", file=sys.stderr)
    return EXIT_STORE


def _backup_line(summary: backups.BackupSummary) -> str:
    size = f"{summary.size / 1_000_000:.1f} MB" if summary.size >= 100_000 else f"{summary.size:,} bytes"
    return f"{summary.path}  ({summary.taken_at:%m/%d/%Y %H:%M}, {size}; {summary.counts()})"


def _backup(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        summary = backups.back_up_now(workspace, args.folder)
    log.info("backup written patients=%d", summary.patients)
    print(f"Backed up to {_backup_line(summary)}; integrity check ok")
    return EXIT_OK


def _backups(args: argparse.Namespace) -> int:
    folder = backups.backup_folder(data_dir(args.data_dir))
    found = backups.list_backups(folder)
    if not found:
        print(f"No backups in {folder} yet. Make one with: superbill backup")
    for backup in found:
        print(
            f"{backup.taken_at:%m/%d/%Y %H:%M}  {backup.path.stat().st_size / 1_000_000:6.1f} MB  {backup.path}"
        )
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    folder = data_dir(args.data_dir)
    try:
        key, key_file = _backup_key(args, folder)
        summary = backups.describe_backup(args.file, key)
        if not summary.integrity_ok:
            raise backups.BackupRefused(
                f"The file {args.file} is damaged (SQLite's integrity check found errors)."
            )
    except backups.BackupRefused as refused:
        print(f"error: {refused} Nothing was restored; the practice is as it was.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"Backup taken {summary.taken_at:%m/%d/%Y %H:%M}: {summary.counts()}; integrity check ok.")
    print(f"It replaces the practice in {folder}; the current database is kept there, renamed.")
    if not args.yes and not sys.stdin.isatty():
        raise ValidationError(
            "--yes", "there is no terminal to answer in: add --yes to restore; nothing was restored"
        )
    if not args.yes and not _confirmed("Restore this backup? [y/N] "):
        print("Nothing restored.")
        return EXIT_OK
    try:
        result = backups.restore(folder, args.file, key, key_file=key_file)
    except backups.BackupRefused as refused:
        print(f"error: {refused} Nothing was restored; the practice is as it was.", file=sys.stderr)
        return EXIT_BAD_INPUT
    log.info("backup restored patients=%d", result.summary.patients)
    print(f"Restored {result.summary.counts()} from the backup of {summary.taken_at:%m/%d/%Y %H:%M}.")
    for kept in result.kept_aside[:1]:
        print(f"The database it replaced is kept as {kept}")
    if result.key_file_installed:
        print(
            f"The key file saved with the backup is now the practice's key.json ({key_file}); "
            + (
                "it opens with the recovery key you just gave, or the passphrase that goes with it."
                if args.recovery_key
                else "it opens with the passphrase you just gave, or the recovery key."
            )
        )
    return EXIT_OK


def _backup_key(args: argparse.Namespace, folder: Path) -> tuple[bytes | None, Path | None]:
    """The key of an encrypted backup, and the key file it came from (None, None for a plain backup)."""
    if not backups.backup_is_encrypted(args.file):
        return None, None
    backups.backup_key_files(args.file, folder)  # refused before a passphrase is asked for
    if args.recovery_key:
        secret = _secret(RECOVERY_KEY_VARIABLE, "Recovery key: ")
        return backups.backup_key(args.file, folder, recovery_key=secret)
    return backups.backup_key(args.file, folder, passphrase=_secret(PASSPHRASE_VARIABLE, "Passphrase: "))


def _confirmed(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _codes_icd(args: argparse.Namespace) -> int:
    # The code set is not patient data: it is read without opening (or creating) the practice.
    from app.store.code_index import open_code_index, passed_over_imports

    folder = data_dir(args.data_dir)
    with open_code_index(folder) as codes:
        hits = codes.search(" ".join(args.text), limit=args.limit)
        first, last = codes.releases[0].first_date, codes.release.last_date
        names = " and ".join(release.name for release in codes.releases)
        _say(f"{names} (dates of service {first} to {last})")
        for note in passed_over_imports(folder):
            print(f"note: {terminal_text(note)}", file=sys.stderr)
        for hit in hits:
            # A code valid for part of that time only (retired, or new) says for which dates.
            valid = ""
            if hit.first_date is not None and hit.first_date > first:
                valid = f"  (dates of service from {hit.first_date})"
            elif hit.last_date is not None and hit.last_date < last:
                valid = f"  (dates of service to {hit.last_date})"
            # Found by an everyday or inclusion term, not its title: which words found it.
            if hit.matched is not None:
                valid = f'  (matched "{hit.matched}"){valid}'
            if hit.billable:
                _say(f"  {hit.code:<9} billable      {hit.description}{valid}")
            else:
                children = ", ".join(c.code for c in codes.billable_children(hit.code)[:6])
                _say(
                    f"  {hit.code:<9} not billable  {hit.description}{valid}  -> use "
                    f"{children or 'a more specific code'}"
                )
        if not hits:
            print("  No code matches.")
    return EXIT_OK


def _codes_cpt(args: argparse.Namespace) -> int:
    text = " ".join(args.text).lower()
    if not database_path(data_dir(args.data_dir)).exists():
        # No practice yet: the built-in codes, without making an empty practice to read fees from.
        from app.domain.procedures import CATALOGUE

        procedures: Mapping[str, Procedure] = CATALOGUE
        fees: FeeSchedule | None = None
    else:
        with _workspace(args) as workspace:
            procedures = workspace.store.procedures()
            fees = workspace.store.fees()
    shown = 0
    for code, procedure in sorted(procedures.items()):
        if text and text not in code.lower() and text not in procedure.description.lower():
            continue
        fee = fees.fee_for(code) if fees is not None else None
        kind = "timed, 15-min units" if procedure.timed else "untimed, 1 unit"
        price = format_money(fee) if fee is not None else "no fee set"
        _say(f"  {code}  {procedure.description}  ({kind}; {price})")
        shown += 1
    if not shown:
        print("  No code matches.")
    return EXIT_OK


def _codes_import_icd(args: argparse.Namespace) -> int:
    """Preview what the file changes (the release, the counts, the practice's codes affected), then load it."""
    from app.services.code_update import apply_update, preview_update

    folder = data_dir(args.data_dir)
    with contextlib.ExitStack() as stack:
        workspace = _practice_for_codes(args, folder)
        if workspace is not None:
            stack.enter_context(workspace)
        update = preview_update(
            args.file, folder, workspace.store if workspace is not None else None, args.fiscal_year
        )
    _say(update.summary)
    _say(f"  from {update.file_name} ({update.kind}), after {update.current.name}")
    if workspace is None:
        print("  No practice was looked at: nothing of yours to check against it.")
    elif not update.affected:
        print("  None of your visits or prescriptions uses a code it deletes or revises.")
    else:
        print(f"  Your visits and prescriptions it affects ({len(update.affected):,}):")
        for affected in update.affected:
            _say(f"    {affected.text}")
    if args.dry_run:
        print("Nothing was changed (--dry-run): run the command again without --dry-run to load it.")
        return EXIT_OK
    release = apply_update(update, folder)
    log.info("code set loaded fiscal_year=%d", update.fiscal_year)
    _say(f"Loaded {release.name}: dates of service {release.first_date} to {release.last_date}")
    return EXIT_OK


def _practice_for_codes(args: argparse.Namespace, folder: Path) -> Workspace | None:
    """The practice whose codes an update is checked against: None when there is none, or when it is
    encrypted and no passphrase is at hand (the update is still loaded; the codes are not listed)."""
    if not database_path(folder).exists():
        return None
    if encryption.is_encrypted(args.data_dir) and not (
        os.environ.get(PASSPHRASE_VARIABLE) or os.environ.get(RECOVERY_KEY_VARIABLE) or sys.stdin.isatty()
    ):
        return None
    try:
        return _workspace(args)
    except StoreUnavailable:
        return None


def _print_findings(findings: Sequence[Finding]) -> None:
    for finding in sorted(findings, key=lambda f: f.severity is not Severity.ERROR):
        label = "ERROR  " if finding.severity is Severity.ERROR else "warning"
        box = f"box {finding.box} " if finding.box else ""  # a claim's findings name their CMS-1500 box
        _say(f"{label} {finding.code}  {box}{finding.field}: {finding.message}")


def _has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _signature_set(args: argparse.Namespace) -> int:
    png = signature.read_signature(args.file)  # refused before the practice is opened: nothing changes
    with _workspace(args) as workspace:
        signature.save_signature(workspace.store, png)
    print(f"Signature image set from {args.file}: it is printed on every superbill from now on.")
    return EXIT_OK


def _signature_clear(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        signature.save_signature(workspace.store, None)
    print("Signature image cleared: superbills have a blank line for you to sign by hand.")
    return EXIT_OK


def _signature_show(args: argparse.Namespace) -> int:
    with _workspace(args) as workspace:
        print(signature.describe_signature(workspace.store))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "audit": _audit,
    "cms1500": _cms1500,
    "backup": _backup,
    "backups": _backups,
    "change_passphrase": _change_passphrase,
    "check": _check,
    "codes_cpt": _codes_cpt,
    "codes_icd": _codes_icd,
    "codes_import_icd": _codes_import_icd,
    "demo": _demo,
    "encrypt": _encrypt,
    "export": _export,
    "import": _import,
    "import_clients": _import_clients,
    "issued": _issued,
    "letter": _letter,
    "reissue": _reissue,
    "render": _render,
    "reprint": _reprint,
    "restore": _restore,
    "signature_clear": _signature_clear,
    "signature_set": _signature_set,
    "signature_show": _signature_show,
    "statements": _statements,
    "x837": _x837,
}
