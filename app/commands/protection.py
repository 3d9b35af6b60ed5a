"""The commands that protect the practice: encrypt, passphrase, backup, backups, restore, and the
signature image printed on every superbill (signature set, clear, show)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli_terms import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    RECOVERY_KEY_VARIABLE,
)
from app.commands.access import ask_new_passphrase, ask_secret, open_workspace
from app.commands.output import confirmed
from app.domain.errors import ValidationError
from app.services import backups, encryption, signature
from app.services.data_folder import data_dir

log = logging.getLogger("app.cli")  # command names, counts, statement numbers and error kinds only


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
                folder, recovery_key=ask_secret(RECOVERY_KEY_VARIABLE, "Recovery key: ")
            )
        else:
            passphrase = ask_secret(PASSPHRASE_VARIABLE, "Passphrase: ", NEW_PASSPHRASE_VARIABLE)
            result = encryption.finish_encryption(folder, passphrase=passphrase)
        print("Your records are encrypted; what an earlier `superbill encrypt` left unfinished is done.")
    else:
        passphrase = ask_new_passphrase()
        with open_workspace(args) as workspace:
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
    old = ask_secret(PASSPHRASE_VARIABLE, "Current passphrase: ")
    encryption.change_passphrase(args.data_dir, old, ask_new_passphrase())
    log.info("passphrase changed")
    print("The passphrase is changed. Your recovery key still works.")
    return EXIT_OK


def _backup_line(summary: backups.BackupSummary) -> str:
    size = f"{summary.size / 1_000_000:.1f} MB" if summary.size >= 100_000 else f"{summary.size:,} bytes"
    return f"{summary.path}  ({summary.taken_at:%m/%d/%Y %H:%M}, {size}; {summary.counts()})"


def _backup(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
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
    backups.refuse_if_in_use(folder)  # the app has it open: exit 3 before a passphrase is asked for
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
    if not args.yes:  # the result says it after a restore with --yes
        issued = backups.issued_since_message(backups.issued_since_backup(folder, args.file, key, key_file))
        if issued:
            print(issued)
    if not args.yes and not sys.stdin.isatty():
        raise ValidationError(
            "--yes", "there is no terminal to answer in: add --yes to restore; nothing was restored"
        )
    if not args.yes and not confirmed("Restore this backup? [y/N] "):
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
    issued = backups.issued_since_message(result.issued_since, next(iter(result.kept_aside), None))
    if issued:
        print(issued)
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
        secret = ask_secret(RECOVERY_KEY_VARIABLE, "Recovery key: ")
        return backups.backup_key(args.file, folder, recovery_key=secret)
    return backups.backup_key(args.file, folder, passphrase=ask_secret(PASSPHRASE_VARIABLE, "Passphrase: "))


def _signature_set(args: argparse.Namespace) -> int:
    png = signature.read_signature(args.file)  # refused before the practice is opened: nothing changes
    with open_workspace(args) as workspace:
        signature.save_signature(workspace.store, png)
    print(f"Signature image set from {args.file}: it is printed on every superbill from now on.")
    return EXIT_OK


def _signature_clear(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        signature.save_signature(workspace.store, None)
    print("Signature image cleared: superbills have a blank line for you to sign by hand.")
    return EXIT_OK


def _signature_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        print(signature.describe_signature(workspace.store))
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "backup": _backup,
    "backups": _backups,
    "change_passphrase": _change_passphrase,
    "encrypt": _encrypt,
    "restore": _restore,
    "signature_clear": _signature_clear,
    "signature_set": _signature_set,
    "signature_show": _signature_show,
}
