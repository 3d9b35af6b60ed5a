"""The codes commands: search ICD-10-CM (icd), list procedure codes with the practice's fees (cpt),
and load a new fiscal year's ICD-10-CM (import-icd)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from app.cli_terms import EXIT_OK, PASSPHRASE_VARIABLE, RECOVERY_KEY_VARIABLE
from app.commands.access import open_workspace
from app.commands.output import say
from app.domain.characters import terminal_text
from app.domain.money import format_money
from app.domain.practice import FeeSchedule
from app.domain.procedures import Procedure
from app.services import encryption
from app.services.data_folder import data_dir, has_practice
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace

log = logging.getLogger("app.cli")  # command names, counts, statement numbers and error kinds only


def _codes_icd(args: argparse.Namespace) -> int:
    # The code set is not patient data: it is read without opening (or creating) the practice.
    from app.services.code_set import open_code_index, passed_over_imports

    folder = data_dir(args.data_dir)
    with open_code_index(folder) as codes:
        hits = codes.search(" ".join(args.text), limit=args.limit)
        first, last = codes.releases[0].first_date, codes.release.last_date
        names = " and ".join(release.name for release in codes.releases)
        say(f"{names} (dates of service {first} to {last})")
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
                say(f"  {hit.code:<9} billable      {hit.description}{valid}")
            else:
                children = ", ".join(c.code for c in codes.billable_children(hit.code)[:6])
                say(
                    f"  {hit.code:<9} not billable  {hit.description}{valid}  -> use "
                    f"{children or 'a more specific code'}"
                )
        if not hits:
            print("  No code matches.")
    return EXIT_OK


def _codes_cpt(args: argparse.Namespace) -> int:
    text = " ".join(args.text).lower()
    if not has_practice(data_dir(args.data_dir)):
        # No practice yet: the built-in codes, without making an empty practice to read fees from.
        from app.domain.procedures import CATALOGUE

        procedures: Mapping[str, Procedure] = CATALOGUE
        fees: FeeSchedule | None = None
    else:
        with open_workspace(args) as workspace:
            procedures = workspace.store.procedures()
            fees = workspace.store.fees()
    shown = 0
    for code, procedure in sorted(procedures.items()):
        if text and text not in code.lower() and text not in procedure.description.lower():
            continue
        fee = fees.fee_for(code) if fees is not None else None
        kind = "timed, 15-min units" if procedure.timed else "untimed, 1 unit"
        price = format_money(fee) if fee is not None else "no fee set"
        say(f"  {code}  {procedure.description}  ({kind}; {price})")
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
    say(update.summary)
    say(f"  from {update.file_name} ({update.kind}), after {update.current.name}")
    if workspace is None:
        print("  No practice was looked at: nothing of yours to check against it.")
    elif not update.affected:
        print("  None of your visits or prescriptions uses a code it deletes or revises.")
    else:
        print(f"  Your visits and prescriptions it affects ({len(update.affected):,}):")
        for affected in update.affected:
            say(f"    {affected.text}")
    if args.dry_run:
        print("Nothing was changed (--dry-run): run the command again without --dry-run to load it.")
        return EXIT_OK
    release = apply_update(update, folder)
    log.info("code set loaded fiscal_year=%d", update.fiscal_year)
    say(f"Loaded {release.name}: dates of service {release.first_date} to {release.last_date}")
    return EXIT_OK


def _practice_for_codes(args: argparse.Namespace, folder: Path) -> Workspace | None:
    """The practice whose codes an update is checked against: None when there is none, or when it is
    encrypted and no passphrase is at hand (the update is still loaded; the codes are not listed)."""
    if not has_practice(folder):
        return None
    if encryption.is_encrypted(args.data_dir) and not (
        os.environ.get(PASSPHRASE_VARIABLE) or os.environ.get(RECOVERY_KEY_VARIABLE) or sys.stdin.isatty()
    ):
        return None
    try:
        return open_workspace(args)
    except StoreUnavailable:
        return None


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "codes_cpt": _codes_cpt,
    "codes_icd": _codes_icd,
    "codes_import_icd": _codes_import_icd,
}
