"""The commands about superbills and the papers made from them: check, render, reissue, reprint,
issued, audit, statements (year-end) and letter (the HSA/FSA letter of medical necessity)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.cli_terms import EXIT_CHECK_FAILED, EXIT_OK
from app.commands.access import ask_pdf_password, open_workspace
from app.commands.output import OUTPUT, has_errors, output_file, output_folder_of, print_findings, say
from app.domain.characters import terminal_text
from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.identifiers import typed_document_number
from app.domain.money import format_money
from app.domain.superbill import PaperSize
from app.services import pdf_password, superbills
from app.services.files import StagedFile, write_file
from app.services.workspace import Workspace


def _pdf_bytes(pdf: bytes, password: str | None) -> bytes:
    return pdf if password is None else pdf_password.protect_pdf(pdf, password)


def _deliver_to(staged: StagedFile, password: str | None) -> superbills.Deliver:
    """Writes the superbill into `staged` while it is issued: a failure there gives its number back."""
    return lambda pdf: staged.write(_pdf_bytes(pdf, password))


def _protected_note(password: str | None) -> str:
    if password is None:
        return ""
    return "; it opens only with the password: send the password separately, not in the same e-mail"


def _period(
    args: argparse.Namespace, workspace: Workspace, today: date, patient_key: str | None = None
) -> superbills.Period:
    """--from/--to, or --unbilled: the patient's visits not yet billed."""
    if not args.unbilled:
        return superbills.Period(args.first, args.last)
    if args.first is not None or args.last is not None:
        raise ValidationError("--unbilled", "cannot be combined with --from or --to; give one or the other")
    if patient_key is None:
        patient_key = superbills.find_chart(workspace.store, args.patient).patient.key
    period = superbills.unbilled_period(workspace.store, patient_key, today)
    if period is None:
        raise ValidationError(
            "--unbilled",
            f"every visit of this patient is billed already, on {superbills.billed_by(workspace.store, patient_key)}"
            " (each visit is billed once); to look at them, give --from/--to and --draft instead",
        )
    return period


def _check(args: argparse.Namespace) -> int:
    today = date.today()
    with open_workspace(args) as workspace:
        chart = superbills.find_chart(workspace.store, args.patient)
        data = superbills.superbill_data(
            workspace.store, chart, _period(args, workspace, today, chart.patient.key), issued_on=today
        )
        findings = superbills.check(data, workspace.codes, today)
    print_findings(findings)
    if not findings:
        print(
            f"Ready: {len(data.visits)} visit(s), total {format_money(data.totals().charges)}, nothing to fix."
        )
    return EXIT_CHECK_FAILED if has_errors(findings) else EXIT_OK


def _render(args: argparse.Namespace) -> int:
    password = ask_pdf_password(args)  # asked before a final superbill is numbered
    target = output_file(args)
    # The PDF is written while the superbill is issued, and put in place once it is recorded.
    today = date.today()
    with open_workspace(args) as workspace, StagedFile(target, field=OUTPUT) as staged:
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
            print_findings(refused.findings)
            print(f"No superbill written: {refused}. Use --draft for a draft.", file=sys.stderr)
            return EXIT_CHECK_FAILED
    print_findings(document.findings)
    what = f"Superbill {document.number}" if document.number else "Draft superbill"
    print(f"{what} written to {target}{_protected_note(password)}")
    return EXIT_OK


@dataclass(frozen=True)
class _Reprintable:
    """A kind of issued document `reprint` writes again byte for byte, told by its number's prefix:
    all that differs between a superbill, a year-end statement and a claim."""

    name: str  # as the output names it: "Superbill SB-2026-0001 written to ..."
    kind: str  # as a refusal names it: 'no superbill numbered "SB-2026-0099" was issued'
    issued: Callable[[Workspace, str], tuple[date, bool] | None]  # (issued on, a PDF?); None: never issued
    document: Callable[[Workspace, str], bytes]  # as issued, checked against its SHA-256


def _superbill_issued(workspace: Workspace, number: str) -> tuple[date, bool] | None:
    record = workspace.store.superbill(number)
    return None if record is None else (record.issued_on, True)


def _statement_issued(workspace: Workspace, number: str) -> tuple[date, bool] | None:
    found = [s.issued_on for s in workspace.store.year_statements() if s.number == number]
    return (found[0], True) if found else None


def _claim_issued(workspace: Workspace, number: str) -> tuple[date, bool] | None:
    record = workspace.store.claim(number)
    return None if record is None else (record.issued_on, record.format != "837p")


_SUPERBILL = _Reprintable(
    "Superbill", "superbill", _superbill_issued, lambda workspace, n: workspace.store.superbill_pdf(n)
)
_REPRINTABLE = {
    "YE-": _Reprintable(
        "Statement",
        "year-end statement",
        _statement_issued,
        lambda workspace, n: workspace.store.year_statement_pdf(n),
    ),
    "CL-": _Reprintable(
        "Claim", "claim", _claim_issued, lambda workspace, n: workspace.store.claim_document(n)
    ),
}


def _reprint(args: argparse.Namespace) -> int:
    password = ask_pdf_password(args)
    target = output_file(args)
    number = typed_document_number(args.number)
    what = _REPRINTABLE.get(number[:3], _SUPERBILL)
    with open_workspace(args) as workspace:
        issued = what.issued(workspace, number)
        if issued is None:
            raise ValidationError("number", f'no {what.kind} numbered "{terminal_text(number)}" was issued')
        issued_on, is_pdf = issued
        if password is not None and not is_pdf:
            raise ValidationError(
                "--password",
                f"{what.kind} {number} is an 837P file, not a PDF: reprint it without --password",
            )
        document = what.document(workspace, number)
    write_file(target, _pdf_bytes(document, password), field=OUTPUT)
    print(
        f"{what.name} {number} written to {target} (identical to the one issued on {issued_on.isoformat()})"
        f"{_protected_note(password)}"
    )
    return EXIT_OK


def _statements(args: argparse.Namespace) -> int:
    from app.services import statements

    folder = output_folder_of(args)
    today = date.today()
    with open_workspace(args) as workspace:
        try:
            summary = statements.write_statements(
                workspace,
                args.year,
                folder,
                today,
                who=statements.Who(args.patients),
                draft=args.draft,
                again=args.again,
            )
        except statements.AlreadyIssued as issued:
            print(
                f"{issued}: reprint them with superbill reprint NUMBER, use --draft, or --again for "
                "corrected ones that replace them. Nothing written.",
                file=sys.stderr,
            )
            return EXIT_CHECK_FAILED
    for held in summary.held_back:
        say(f"held back: {held.patient.name}: {held.reason}")
    kind = "draft statement(s)" if args.draft else "statement(s)"
    numbers = [w.number for w in summary.written if w.number]
    span = f" ({numbers[0]} to {numbers[-1]})" if numbers else ""
    print(f"Wrote {len(summary.written)} {kind} for {args.year}{span} into {folder}.")
    if summary.partial_through is not None and summary.total:
        print(
            f"{args.year} is not over: these statements list the visits up to "
            f"{us_date(summary.partial_through)} only, and say so (partial year)."
        )
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


def _reissue(args: argparse.Namespace) -> int:
    target = output_file(args)
    with open_workspace(args) as workspace, StagedFile(target, field=OUTPUT) as staged:
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
            print_findings(refused.findings)
            print(f"No superbill written: {refused}.", file=sys.stderr)
            return EXIT_CHECK_FAILED
    print_findings(document.findings)
    print(f"Superbill {document.number} (replaces {typed_document_number(args.number)}) written to {target}")
    return EXIT_OK


def _issued(args: argparse.Namespace) -> int:
    from app.services.claims import issued_claims
    from app.services.statements import replaced_statements

    with open_workspace(args) as workspace:
        chart = superbills.find_chart(workspace.store, args.patient)
        records = workspace.store.superbills(chart.patient.key)
        year_end = [s for s in workspace.store.year_statements() if s.patient == chart.patient.key]
        claims = issued_claims(workspace, chart.patient.key)
    if not records:
        print("No superbills issued yet.")
    for r in records:
        replaces = f"  replaces {r.replaces}" if r.replaces else ""
        say(
            f"{r.number}  issued {r.issued_on}  visits {r.first_date} to {r.last_date}  "
            f"charges {format_money(r.charges)}  balance {format_money(r.balance)}{replaces}"
        )
    replaced = replaced_statements(year_end)
    for s in year_end:
        replaces = f"  replaces {replaced[s.number]}" if s.number in replaced else ""
        say(
            f"{s.number}  issued {s.issued_on}  year-end statement {s.year}, {s.visits} visit(s)  "
            f"charges {format_money(s.charges)}  paid {format_money(s.payments)}{replaces}"
        )
    for entry in claims:
        c = entry.claim
        then = f"  replaced by {entry.replaced_by}" if entry.replaced_by else ""
        then += f"  replaces {c.replaces}" if c.replaces else ""
        say(
            f"{c.number}  issued {c.issued_on}  claim to {entry.payer_name}, {c.format_label}  "
            f"visits {c.first_date} to {c.last_date}  charges {format_money(c.charges)}{then}"
        )
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        chart = superbills.find_chart(workspace.store, args.patient)
        entries = workspace.store.audit_entries(chart.patient.key, args.number)
    if not entries:
        print("No changes to records on issued superbills or claims.")
    for e in entries:
        when = e.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        say(
            f"{when}  {e.record_kind.value} {e.record_key}  {e.field}: {_shown(e.old_value)} -> "
            f"{_shown(e.new_value)}  (on {', '.join(e.superbills)})"
        )
    return EXIT_OK


def _shown(value: str | None) -> str:
    return "(none)" if value is None else value


def _letter(args: argparse.Namespace) -> int:
    from app.services import letters

    if (args.output is None) == (args.signed_on is None):
        raise ValidationError(
            "-o", "give -o FILE.pdf to write the letter, or --signed-on DATE to record the signed one"
        )
    today = date.today()
    if args.signed_on is not None:
        with open_workspace(args) as workspace:
            letter, replaced = letters.record_signed_letter(
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
            + (
                f" It replaces the letter signed {us_date(replaced.signed_on)} "
                f"(which ran until {us_date(replaced.expires_on)})."
                if replaced is not None
                else ""
            )
        )
        return EXIT_OK
    if args.expires_on is not None:
        raise ValidationError("--expires-on", "goes with --signed-on, when the signed letter is recorded")
    target = output_file(args)
    with open_workspace(args) as workspace:
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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "audit": _audit,
    "check": _check,
    "issued": _issued,
    "letter": _letter,
    "reissue": _reissue,
    "render": _render,
    "reprint": _reprint,
    "statements": _statements,
}
