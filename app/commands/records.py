"""The commands that bring records in and out: demo, import, import-clients, export."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import date

from app.cli_terms import EXIT_OK
from app.commands.access import open_workspace
from app.commands.output import OUTPUT, confirmed, output_file, say
from app.domain.errors import ValidationError
from app.services import superbills
from app.services.data_folder import data_dir, has_practice
from app.services.demo import DEMO_PATIENT, demo_practice
from app.services.files import StagedFile, write_file
from app.services.practice_file import practice_to_json, read_practice_file
from app.services.practice_import import import_practice, import_practice_file

log = logging.getLogger("app.cli")  # command names, counts, statement numbers and error kinds only


def _demo(args: argparse.Namespace) -> int:
    target = output_file(args)
    # The demo practice and its superbill in one transaction: a PDF that cannot be written leaves the
    # folder as it was.
    with (
        open_workspace(args) as workspace,
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
    if has_practice(data_dir(args.data_dir)):  # its payers may be named by the file's coverages
        with open_workspace(args) as workspace:
            practice = import_practice_file(workspace, args.file)
    else:  # read first: a file refused leaves no new practice behind
        read = read_practice_file(args.file)
        with open_workspace(args) as workspace:
            practice = import_practice(workspace, read)
    visits = sum(len(chart.visits) for chart in practice.charts)
    log.info("import finished patients=%d visits=%d", len(practice.charts), visits)
    print(f"Imported {len(practice.charts)} patient(s), {visits} visit(s), {len(practice.payers)} payer(s)")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    target = None if args.output is None else output_file(args)
    with open_workspace(args) as workspace:
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


def _import_clients(args: argparse.Namespace) -> int:
    from app.services import client_import  # the CSV reader loads only for this command

    client_file = client_import.read_client_file(args.file)
    mapping = client_import.guess_columns(client_file.headers)
    say(
        f"{args.file}: {len(client_file.rows)} row(s), {client_file.encoding}, values separated by "
        f"{client_file.delimiter}. Columns:"
    )
    for line in client_import.describe_mapping(client_file, mapping):
        say(line)
    client_import.check_columns(mapping)
    if not args.yes and not sys.stdin.isatty():
        raise ValidationError(
            "--yes",
            "there is no terminal to answer in: add --yes to import with these columns; nothing was imported",
        )
    if not args.yes and not confirmed("Import the clients with these columns? [y/N] "):
        print("Nothing imported.")
        return EXIT_OK
    with open_workspace(args) as workspace:
        result = client_import.import_clients(workspace.store, client_file, mapping, today=date.today())
    for duplicate in result.duplicates:
        say(f"  row {duplicate.row}: {duplicate.name} not added again: {duplicate.reason}")
    print(
        f"Imported {len(result.added)} client(s)"
        + (f"; {len(result.duplicates)} duplicate(s) not added again." if result.duplicates else ".")
    )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _demo,
    "export": _export,
    "import": _import,
    "import_clients": _import_clients,
}
