"""The `superbill` command line: import, export, check, render, reissue, look up codes, encrypt, back up.

An encrypted practice is opened with the passphrase in the SUPERBILL_PASSPHRASE environment
variable or, in a terminal, typed at a prompt (never on the command line, where other users and
the shell's history would see it); --recovery-key asks for the recovery key instead. The
password of a superbill written with --password comes the same way: SUPERBILL_PDF_PASSWORD, or
typed twice at a prompt.

Exit status: 0 done; 1 the check found errors (nothing final was made);
2 bad input (one line naming the field; nothing was saved); 3 the data folder
cannot be used (disk, permissions, a damaged file); 4 an unexpected problem (a bug, reported
in one line and logged without patient data); 130 interrupted with Ctrl+C; 141 the reader of
its output went away (`| head -1`), said nothing.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.cli_terms import EXIT_BAD_INPUT, EXIT_OK, EXIT_STORE, PDF_PASSWORD_VARIABLE, RECOVERY_KEY_VARIABLE

PASSWORD_HELP = (
    f"protect the PDF with a password (AES-256) for e-mail; the password comes from ${PDF_PASSWORD_VARIABLE} "
    "or is typed twice at a prompt, never on the command line"
)
PAPER_CHOICES = ("letter", "a4")  # app.domain.superbill.PaperSize's values (tests/cli checks they match)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        # How the desktop starts it: straight to the window, without building the parser (~5 ms).
        return _open_window(None)
    parser = _parser()
    args = parser.parse_args(arguments)
    if args.self_test or args.command == "self-test":
        return _self_test()  # a temporary data folder: neither the practice nor the log is touched
    if args.command is None:
        return _open_window(args.data_dir)  # run_app sets up the log
    from app.commands import run_command  # the commands' modules load only for a command

    return run_command(args)


class _Parser(argparse.ArgumentParser):
    """argparse, with a malformed command line told in one line (exit 2) instead of usage and error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"error: {message} (`{self.prog} --help` says what it takes)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="superbill",
        description="Superbill Desk: superbills for massage therapists. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"Superbill Desk {__version__}")
    parser.add_argument(
        "--recovery-key",
        action="store_true",
        help=f"open an encrypted practice with its recovery key (asked for, or ${RECOVERY_KEY_VARIABLE})",
    )
    parser.add_argument("--data-dir", type=_folder, help=DATA_DIR_HELP)
    parser.add_argument("--self-test", action="store_true", help="the same as the self-test command")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "self-test",
        help="check this installation: demo practice, code search, a superbill and its text, the window",
    )

    # Output files (-o) stay text as typed, so an empty one is named as such: app.services.files.output_path
    # checks each one before anything is opened or written.
    demo = commands.add_parser(
        "demo", help="create a demo practice (when the folder is empty) and a sample superbill"
    )
    demo.add_argument("-o", "--output", default="demo-superbill.pdf", help="PDF to write")
    demo.set_defaults(run="demo")

    imp = commands.add_parser("import", help="add or update records from a practice file (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run="import")

    clients = commands.add_parser(
        "import-clients",
        help="add clients from a spreadsheet's CSV or TSV (Excel, Google Sheets): all or nothing",
    )
    clients.add_argument("file", type=Path)
    clients.add_argument(
        "--yes", action="store_true", help="import with the columns as guessed, without asking"
    )
    clients.set_defaults(run="import_clients")

    exp = commands.add_parser("export", help="write the whole practice as a practice file")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.set_defaults(run="export")

    for name, run, text in (
        ("check", "check", "list what would stop a superbill from being accepted"),
        ("render", "render", "write a superbill PDF (refused while the check finds errors, unless --draft)"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument(
            "--patient", required=True, help="the patient's id in the practice file, or account number"
        )
        sub.add_argument("--from", dest="first", type=_day, help="first date of service (YYYY-MM-DD)")
        sub.add_argument("--to", dest="last", type=_day, help="last date of service (YYYY-MM-DD)")
        sub.add_argument(
            "--unbilled",
            action="store_true",
            help="the patient's visits not yet billed (on no superbill or claim)",
        )
        sub.set_defaults(run=run)
        if name == "render":
            sub.add_argument("-o", "--output", required=True, help="PDF to write")
            sub.add_argument(
                "--draft", action="store_true", help='a draft marked "DRAFT - not for submission"'
            )
            sub.add_argument("--paper", choices=PAPER_CHOICES, default=PAPER_CHOICES[0])
            sub.add_argument("--password", action="store_true", help=PASSWORD_HELP)

    _claim_commands(commands)

    letter = commands.add_parser(
        "letter",
        help="write an HSA/FSA letter of medical necessity for the prescriber to sign (-o), "
        "or record the signed one that came back (--signed-on)",
    )
    letter.add_argument("--patient", required=True, help="the patient's id or account number")
    letter.add_argument("--prescription", help="the prescription's id (default: the latest written)")
    letter.add_argument("-o", "--output", help="PDF to write")
    letter.add_argument("--signed-on", type=_day, help="the day the prescriber signed it (YYYY-MM-DD)")
    letter.add_argument(
        "--expires-on", type=_day, help="the day it runs out (YYYY-MM-DD; default 12 months after signing)"
    )
    letter.set_defaults(run="letter")

    statements = commands.add_parser(
        "statements",
        help="write a year-end statement for every patient with visits that year, into a folder",
    )
    statements.add_argument("--year", required=True, type=int, help="the year, such as 2026")
    statements.add_argument("-o", "--output", required=True, help="the folder to write the PDFs into")
    statements.add_argument(
        "--patients",
        choices=("all", "with-balance", "hsa"),
        default="all",
        help="everyone with visits (all), those with a balance due, or those paying through an HSA/FSA",
    )
    statements.add_argument(
        "--draft", action="store_true", help='drafts marked "DRAFT", not numbered nor recorded'
    )
    statements.add_argument(
        "--again",
        action="store_true",
        help="corrected statements, newly numbered, each saying which one it replaces (once issued)",
    )
    statements.set_defaults(run="statements")

    reprint = commands.add_parser(
        "reprint", help="write an issued superbill, year-end statement or claim again, byte for byte"
    )
    reprint.add_argument("number", help="the number, such as SB-2026-0001, YE-2026-0001 or CL-2026-0001")
    reprint.add_argument("-o", "--output", required=True, help="file to write (a PDF; a claim's 837P: .txt)")
    reprint.add_argument("--password", action="store_true", help=PASSWORD_HELP)
    reprint.set_defaults(run="reprint")

    reissue = commands.add_parser(
        "reissue",
        help="issue a corrected superbill for the same visits under a new number that names the one it replaces",
    )
    reissue.add_argument("number", help="the statement number to replace, such as SB-2026-0001")
    reissue.add_argument("-o", "--output", required=True, help="PDF to write")
    reissue.add_argument("--paper", choices=PAPER_CHOICES, default=PAPER_CHOICES[0])
    reissue.set_defaults(run="reissue")

    issued = commands.add_parser(
        "issued", help="list the superbills, year-end statements and claims issued to a patient"
    )
    issued.add_argument("--patient", required=True)
    issued.set_defaults(run="issued")

    audit = commands.add_parser(
        "audit",
        help="list the changes made to visits and payments after they were on an issued superbill or claim",
    )
    audit.add_argument("--patient", required=True)
    audit.add_argument("--number", help="only the changes concerning this superbill or claim")
    audit.set_defaults(run="audit")

    encrypt = commands.add_parser(
        "encrypt", help="encrypt the practice's records with a passphrase, and show its recovery key once"
    )
    encrypt.add_argument(
        "--recovery-key-written",
        action="store_true",
        help="the recovery key is printed or written down: stop keeping it (without a terminal to say so)",
    )
    encrypt.set_defaults(run="encrypt")
    passphrase = commands.add_parser("passphrase", help="change the passphrase of an encrypted practice")
    passphrase.set_defaults(run="change_passphrase")

    backup = commands.add_parser(
        "backup", help="back up the practice now (into the data folder's backups, or --to a folder)"
    )
    backup.add_argument("--to", dest="folder", type=Path, help="folder to write the backup to (a USB stick)")
    backup.set_defaults(run="backup")
    restore = commands.add_parser(
        "restore", help="put a backup in place of the practice (the current database is kept aside)"
    )
    restore.add_argument("file", type=Path, help="the backup file (practice-YYYY-MM-DDTHHMMSS.sqlite3)")
    restore.add_argument("--yes", action="store_true", help="restore without asking")
    restore.set_defaults(run="restore")
    listing = commands.add_parser("backups", help="list the backups in the data folder")
    listing.set_defaults(run="backups")

    signature = commands.add_parser(
        "signature", help="the signature image printed on every superbill: set, clear or show it"
    )
    signature.set_defaults(run="signature_show")
    signature_commands = signature.add_subparsers(dest="signature_command", metavar="WHAT")
    signature_set = signature_commands.add_parser("set", help="print this PNG image as your signature")
    signature_set.add_argument(
        "file", type=Path, help="a PNG of your signature, dark ink on white, up to 1 MB"
    )
    signature_set.set_defaults(run="signature_set")
    signature_commands.add_parser(
        "clear", help="take the signature image off: superbills get a blank line to sign by hand"
    ).set_defaults(run="signature_clear")
    signature_commands.add_parser("show", help="say whether a signature image is on file").set_defaults(
        run="signature_show"
    )

    codes = commands.add_parser("codes", help="look up diagnosis and procedure codes")
    code_commands = codes.add_subparsers(dest="codes_command", metavar="WHAT", required=True)
    icd = code_commands.add_parser("icd", help="search ICD-10-CM by code or words (M54.5, low back, myal)")
    icd.add_argument("text", nargs="+")
    icd.add_argument("--limit", type=int, default=25)
    icd.set_defaults(run="codes_icd")
    cpt = code_commands.add_parser("cpt", help="list procedure codes, with your fees")
    cpt.add_argument("text", nargs="*")
    cpt.set_defaults(run="codes_cpt")
    import_icd = code_commands.add_parser(
        "import-icd",
        help="load a new fiscal year's ICD-10-CM: the CDC order file (icd10cm_order_YYYY.txt), its zip, "
        "or the order addenda; says what changes first",
    )
    import_icd.add_argument("file", type=Path)
    import_icd.add_argument("--fiscal-year", type=int, help="when the file name does not say the year")
    import_icd.add_argument("--dry-run", action="store_true", help="only say what would change")
    import_icd.set_defaults(run="codes_import_icd")
    _data_dir_after_the_command(parser)
    return parser


def _claim_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """cms1500 (paper claim forms, and the red forms' printer calibration) and x837 (the 837P file)."""
    form = commands.add_parser(
        "cms1500",
        help="print a CMS-1500 claim form (refused while the check finds errors, unless --draft)",
    )
    form.add_argument("--patient", help="the patient's id in the practice file, or account number")
    form.add_argument(
        "--form",
        choices=("plain", "red"),
        default="plain",
        help="plain: the whole form on plain paper; red: only the data, for pre-printed red forms",
    )
    form.add_argument("--draft", action="store_true", help="a draft, not numbered or recorded")
    form.add_argument(
        "--test-page",
        action="store_true",
        help="write the calibration page for red forms (marks boxes 1, 21, 24 and 33)",
    )
    form.add_argument(
        "--set-offset",
        metavar="RIGHT,DOWN",
        help="remember the printer offset for red forms, in inches (such as 0.05,-0.10)",
    )
    form.add_argument("-o", "--output", help="PDF to write")
    form.set_defaults(run="cms1500")
    x837 = commands.add_parser("x837", help="write the claim as an 837P file for a clearinghouse")
    x837.add_argument("--patient", help="the patient's id in the practice file, or account number")
    x837.add_argument("-o", "--output", required=True, help="file to write (.txt or .837)")
    x837.add_argument("--receiver", help="the clearinghouse's receiver ID (without it, a placeholder)")
    x837.add_argument("--sender", help="the submitter ID your clearinghouse gave you (default: your NPI)")
    x837.add_argument(
        "--payer-id",
        help="the payer's ID in your clearinghouse's payer list (default: the one stored with the payer)",
    )
    x837.set_defaults(run="x837")
    for sub in (form, x837):
        sub.add_argument("--from", dest="first", type=_day, help="first date of service (YYYY-MM-DD)")
        sub.add_argument("--to", dest="last", type=_day, help="last date of service (YYYY-MM-DD)")
        sub.add_argument("--payer", help="the payer's id, when the visits bill more than one")
        sub.add_argument(
            "--replaces",
            metavar="NUMBER",
            help="send a replacement (resubmission code 7) of this claim, for the same visits",
        )
        sub.add_argument(
            "--payer-claim-number",
            metavar="NUMBER",
            help="with --replaces: the payer's claim number of it (claim control number on the EOB or ERA)",
        )
        sub.add_argument(
            "--claim",
            metavar="NUMBER",
            help="write an issued claim again under its own number (same visits and totals), such as CL-2026-0001",
        )


DATA_DIR_HELP = "the folder that holds the practice (default: SUPERBILL_DATA_DIR, else your user data folder)"


def _data_dir_after_the_command(parser: argparse.ArgumentParser) -> None:
    """--data-dir is taken after the command too (`superbill demo --data-dir DIR`), as people type it.

    Its default there is no value at all, so --data-dir before the command still counts.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                command.add_argument(
                    "--data-dir", type=_folder, default=argparse.SUPPRESS, help=DATA_DIR_HELP
                )
                _data_dir_after_the_command(command)


def _folder(text: str) -> Path:
    """--data-dir: an empty name would be the current folder, where a practice would start unseen."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty folder name; name the practice's data folder")
    return Path(text)


def _day(text: str) -> date:
    from app.domain.dates import DateError, parse_date  # only a command with a date needs it

    try:
        return parse_date(text)
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _self_test() -> int:
    from app.ui.self_test_window import run_self_test

    result: int = run_self_test()
    return result


def _open_window(data_dir: Path | None) -> int:
    # What start-up builds (modules, PySide6's classes and enums, the window) lives as long as the
    # app: the collector would only walk it again and again (~4 ms of the start). It is off until
    # the window has started or a dialog waits on the therapist (app.ui.main), and on again after.
    from app.ui.widgets.display import (  # no Qt: told before Qt aborts (exit 134)
        NO_DISPLAY,
        window_cannot_open,
    )

    if window_cannot_open():
        print(NO_DISPLAY, file=sys.stderr)
        return EXIT_STORE
    gc.disable()
    try:
        # PySide6 reads the source of each module imported after it (its __feature__ import hook),
        # so the core the window starts with is imported before it: ~20 ms less start-up.
        from app import resources  # noqa: F401
        from app.domain import people, phones  # noqa: F401
        from app.services import (  # noqa: F401
            encryption,
            logs,
            patient_search,
            practice_health,
            practice_profile,
            workspace,
        )

        try:
            from app.ui.main import run_app
        except ImportError:
            _parser().print_help()
            return EXIT_OK
        result: int = run_app(data_dir)
        return result
    finally:
        gc.enable()
