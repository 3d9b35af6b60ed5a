"""What each `superbill` command does (app/cli.py reads the command line and calls run_command).

Kept apart from app/cli.py so that opening the app (`superbill` with no command) does not import
the commands' modules: the check, the renderer, backups and the practice file load only for a command.
The commands live by area: records (demo, import, import-clients, export), documents (check,
render, reissue, reprint, issued, audit, statements, letter), claims (cms1500, x837), codes,
protection (encrypt, passphrase, backups, restore, signature); access opens the practice and asks
for secrets; output is how they print. They reach the practice through app.services only.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Callable
from typing import TextIO, cast

from app.cli_terms import EXIT_BAD_INPUT, EXIT_CLOSED_PIPE, EXIT_INTERRUPTED, EXIT_STORE, EXIT_UNEXPECTED
from app.commands import claims, codes, documents, protection, records
from app.commands.output import OutputFailed, WatchedStream, drop_pending_output
from app.domain.errors import ValidationError
from app.services import backups, encryption, logs
from app.services.data_folder import data_dir
from app.services.errors import StoreUnavailable
from app.services.practice_health import Health, start_health

log = logging.getLogger("app.cli")  # command names, counts, statement numbers and error kinds only


def run_command(args: argparse.Namespace) -> int:
    """Run the command the parser chose (`args.run` names it in COMMANDS); errors become exit statuses.

    While it runs, standard output and error are watched (see WatchedStream): nothing written to
    them can drive the terminal (a control character in a file name or in stored text is written
    as its escape), and output that cannot be written is one line and exit 3, never a traceback. A
    closed pipe (`superbill codes icd back | head -1`) ends the command quietly, as Unix tools do.
    """
    logs.setup_logging()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (
        cast(TextIO, WatchedStream(stdout, "standard output")),
        cast(TextIO, WatchedStream(stderr, "standard error")),
    )
    try:
        status = _answer(args)
        sys.stdout.flush()  # output buffered for a file or pipe fails here, not at the interpreter's exit
        return status
    except OutputFailed as failed:
        log.error("command %s: output could not be written: %s", args.command, type(failed.error).__name__)
        closed_pipe = isinstance(failed.error, BrokenPipeError)  # `| head -1`: quiet, as on SIGPIPE
        if not closed_pipe:
            with contextlib.suppress(OSError):
                print(f"error: {failed.stream} cannot be written ({failed})", file=stderr, flush=True)
        for stream in (stdout, stderr):
            drop_pending_output(stream)
        return EXIT_CLOSED_PIPE if closed_pipe else EXIT_STORE
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _answer(args: argparse.Namespace) -> int:
    """The command's exit status: what it returns, or what its refusal or failure means."""
    command: Callable[[argparse.Namespace], int] = COMMANDS[args.run]
    try:
        damaged = _damaged_practice(args)
        return damaged if damaged is not None else command(args)
    except OutputFailed:
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


# The dispatch table: `args.run` (set by app.cli's parser) -> the command, from each area's table.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    **claims.COMMANDS,
    **codes.COMMANDS,
    **documents.COMMANDS,
    **protection.COMMANDS,
    **records.COMMANDS,
}
