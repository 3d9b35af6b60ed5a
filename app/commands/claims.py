"""The claim commands: cms1500 (a CMS-1500 form, plain or for red forms, and the red forms' printer
calibration) and x837 (the 837P file for a clearinghouse)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.cli_terms import EXIT_CHECK_FAILED, EXIT_OK
from app.commands.access import open_workspace
from app.commands.output import OUTPUT, output_file, print_findings
from app.domain.errors import ValidationError
from app.services import superbills
from app.services.files import StagedFile, write_file


def _cms1500(args: argparse.Namespace) -> int:
    from app.services import claims

    if args.set_offset is not None:
        right, down = claims.parse_offset(args.set_offset)
        with open_workspace(args) as workspace:
            workspace.store.save_claim_offset(right, down)
        print(
            f"Red claim forms now print {right / 100:.2f} in right and {down / 100:.2f} in down of the grid."
        )
        if not args.test_page and args.patient is None:
            return EXIT_OK
    if args.output is None:
        raise ValidationError(OUTPUT, "name the PDF to write, such as -o claim.pdf")
    target = output_file(args)
    if args.test_page:
        with open_workspace(args) as workspace:
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
    return _issue_claim(args, output_file(args), "837p", "837P claim file")


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
    with open_workspace(args) as workspace, StagedFile(target, field=OUTPUT) as staged:
        try:
            document = claims.issue_claim(
                workspace.store, workspace.codes, request, today=date.today(), deliver=staged.write
            )
        except claims.ClaimRefused as refused:
            print_findings(refused.findings)
            hint = " Use --draft for a draft." if format != "837p" else ""
            print(f"No claim written: {refused}.{hint}", file=sys.stderr)
            return EXIT_CHECK_FAILED
    print_findings(document.findings)
    for note in document.notes:
        print(note)
    forms = len(document.claim.forms())
    pages = f" ({forms} forms, each totalled)" if format != "837p" and forms > 1 else ""
    if document.recorded:
        replaces = f" (replaces {request.replaces})" if request.replaces else ""
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "cms1500": _cms1500,
    "x837": _x837,
}
