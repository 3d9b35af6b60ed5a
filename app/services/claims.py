"""Issuing claims: a patient's visits to one payer, checked box by box, printed as a CMS-1500 or
written as an 837P file, numbered and recorded like a superbill (number, visits, totals, SHA-256).

The same visit is not claimed twice to the same payer, except by a replacement (item 22 / CLM05-3
code 7) of the claim that billed it, which names the payer's claim control number of it.

A claim is recorded once; its documents are copies of it. A recorded claim is written again under
its own number, on either paper form or as an 837P (`ClaimRequest.claim`), never as a second claim.
An 837P without a real receiver or payer ID is a test file: checked like a claim, marked T (test)
in ISA15, and neither numbered nor recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from app.domain.characters import terminal_text
from app.domain.check import Finding, has_errors
from app.domain.check.claim import check_claim, electronic_findings, paper_findings
from app.domain.claim import (
    ELECTRONIC_FORMAT,
    REPLACEMENT,
    Claim,
    IssuedClaim,
    Resubmission,
    build_claim,
    claim_identifier,
    is_claimable,
)
from app.domain.diagnoses import DiagnosisCodes
from app.domain.errors import ValidationError
from app.domain.identifiers import typed_document_number, validate_payer_id
from app.domain.money import format_money
from app.domain.practice import Coverage, PatientChart, Payer, Visit
from app.render.cms1500 import FormKind, Offset, render_cms1500, render_test_page
from app.render.cms1500.items import cut_texts
from app.render.x837 import PLACEHOLDER_PAYER_ID, PLACEHOLDER_RECEIVER, Envelope, cut_cities, x837_text
from app.services.errors import ServiceError
from app.services.superbills import Period, find_chart, superbill_data
from app.services.workspace import Workspace
from app.store.records import PracticeStore

# Claim numbers and counts only in the log (see app/services/logs.py).
log = logging.getLogger(__name__)

Deliver = Callable[[bytes], None]
ELECTRONIC = ELECTRONIC_FORMAT


class ClaimRefused(ServiceError):
    """The check found errors, so no final claim was made."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        count = sum(1 for f in findings if f.is_error)
        super().__init__(f"{count} problem(s) must be fixed before this claim can be sent")


@dataclass(frozen=True)
class ClaimDocument:
    document: bytes
    findings: tuple[Finding, ...]
    number: str | None  # None for a draft or a test file
    claim: Claim
    notes: tuple[str, ...] = ()  # what the therapist should know about the file (a placeholder receiver)
    recorded: bool = False  # a new claim was numbered and recorded (not a draft, a test file, or a copy)
    test_file: bool = False  # an 837P naming a placeholder receiver or payer (ISA15 T)


@dataclass(frozen=True)
class ClaimRequest:
    """What to write. Its options are checked when it is made (ValidationError naming the option),
    before any claim is built: an envelope ID the 837P cannot carry as typed is refused, never changed.
    The payer ID is the one exception: it follows the payer's own rule (validate_payer_id), as in
    the Payers dialog and the practice file, so "sx-173" is SX173 wherever it is typed."""

    patient: str | None
    period: Period
    format: str  # "cms1500-plain", "cms1500-red" or ELECTRONIC
    payer: str | None = None  # the payer's key, when the visits bill more than one
    replaces: str | None = None  # our number of the claim this one replaces
    draft: bool = False
    receiver: str | None = None  # 837P: the clearinghouse's ID
    sender: str | None = None  # 837P: the submitter ID the clearinghouse gave; default the NPI
    payer_id: str | None = None  # 837P: the payer's ID at the clearinghouse
    payer_claim_number: str | None = None  # with `replaces`: the payer's claim control number of it
    claim: str | None = None  # an issued claim to write again, under its own number

    def __post_init__(self) -> None:
        for name in ("claim", "replaces"):  # our claim numbers, found as they are recorded
            typed = getattr(self, name)
            if typed is not None:
                object.__setattr__(self, name, typed_document_number(typed))  # frozen: set once here
        for option, value, shortest, longest, what in (
            ("--receiver", self.receiver, 2, 15, "a receiver ID (ISA08, GS03)"),
            ("--sender", self.sender, 2, 15, "a sender ID (ISA06, GS02)"),
            ("--payer-claim-number", self.payer_claim_number, 1, 50, "the payer's claim number"),
        ):
            if value is not None:
                claim_identifier(option, value, shortest=shortest, longest=longest, what=what)
        if self.payer_id is not None:
            payer_id = validate_payer_id(self.payer_id, field="--payer-id")
            if payer_id is None:
                raise ValidationError(
                    "--payer-id", "is empty: give a payer ID (loop 2010BB), or leave --payer-id out"
                )
            object.__setattr__(self, "payer_id", payer_id)  # frozen: the checked form, set once here
        if self.claim is not None:
            for option, given in (
                ("--replaces", self.replaces),
                ("--payer", self.payer),
                ("--from/--to", self.period != Period()),
            ):
                if given:
                    raise ValidationError(
                        option,
                        f"--claim writes claim {terminal_text(self.claim)} again as it was issued; leave {option} out",
                    )
        elif self.patient is None:
            raise ValidationError(
                "--patient",
                "name the patient (--patient ID), or an issued claim to write again (--claim CL-2026-0001)",
            )
        if self.replaces is not None and self.payer_claim_number is None:
            raise ValidationError(
                "--payer-claim-number",
                f"a replacement names the payer's claim number for {terminal_text(self.replaces)} (the claim "
                "control number on its EOB or ERA), which item 22 and REF*F8 carry: add --payer-claim-number NUMBER",
            )
        if self.payer_claim_number is not None and self.replaces is None:
            raise ValidationError(
                "--payer-claim-number",
                "goes with --replaces CL-...: it names the claim that one replaces at the payer",
            )


def prepare_claim(
    store: PracticeStore, codes: DiagnosisCodes, request: ClaimRequest, today: date
) -> tuple[Claim, list[Finding]]:
    """The claim for the request, and what the check finds in it."""
    issued = _issued(store, request.claim, request.patient) if request.claim is not None else None
    chart = find_chart(store, issued.patient if issued is not None else request.patient or "")
    resubmission = None
    period = request.period
    payer_key = request.payer
    if issued is not None:
        period = Period(visits=frozenset(issued.visit_keys))
        payer_key = issued.payer
        if issued.replaces is not None:
            resubmission = Resubmission(REPLACEMENT, issued.payer_claim_number or issued.replaces)
    elif request.replaces is not None:
        original = _original(store, chart, request.replaces)
        period = Period(visits=frozenset(original.visit_keys))
        resubmission = Resubmission(REPLACEMENT, request.payer_claim_number or "")
        payer_key = original.payer
    data = superbill_data(store, chart, period, issued_on=issued.issued_on if issued else today)
    coverage, payer = _coverage(store, chart, data.visits, payer_key)
    visits = tuple(v for v in data.visits if v.coverage == coverage.key)
    payments = data.payments if len(visits) == len(data.visits) else ()
    data = replace(data, visits=visits, payments=payments)
    claim = build_claim(
        data, coverage, payer, number=issued.number if issued else None, resubmission=resubmission
    )
    if issued is not None:
        _same_claim(issued, claim)
    already = store.claimed_visits(chart.patient.key, payer.key)
    itself = issued.number if issued is not None else request.replaces
    # Each visit is billed once (data.billed): the claims to this payer are the claim check's own
    # finding (already_claimed, which knows replacements), and the claim this one is (or replaces)
    # does not count against it.
    same_payer = {itself, *already.values()}
    billed = {
        k: kept
        for k, ns in claim.source.billed.items()
        if (kept := tuple(n for n in ns if n not in same_payer))
    }
    claim = replace(claim, source=replace(claim.source, billed=billed))
    already = {k: n for k, n in already.items() if n != itself}
    electronic = request.format == ELECTRONIC
    findings = check_claim(claim, codes, today, electronic=electronic, already_claimed=already)
    if electronic:
        findings += electronic_findings(claim, cut_cities(claim))
    else:
        findings += paper_findings(claim, cut_texts(claim))
    return claim, findings


def issue_claim(
    store: PracticeStore,
    codes: DiagnosisCodes,
    request: ClaimRequest,
    *,
    today: date,
    now: datetime | None = None,
    deliver: Deliver | None = None,
) -> ClaimDocument:
    """A final claim (numbered and recorded), or a draft when asked; refused while the check finds errors.

    `deliver` gets the document before the claim is recorded for good: when it raises, no number
    is used and nothing is recorded.
    """
    claim, findings = prepare_claim(store, codes, request, today)
    if request.draft:
        document, notes = _document(store, claim, request, control=0, now=now)
        if deliver is not None:
            deliver(document)
        return ClaimDocument(document, tuple(findings), None, claim, notes)
    if has_errors(findings):
        raise ClaimRefused(findings)
    if request.claim is not None or _is_test_file(request, claim):
        # Nothing new is claimed: the claim recorded already, written again, or a test file.
        with store.transaction():
            control = store.next_interchange_control() if request.format == ELECTRONIC else 0
            document, notes = _document(store, claim, request, control=control, now=now)
            if deliver is not None:
                deliver(document)
        log.info(
            "claim written again or as a test format=%s again=%s", request.format, claim.number is not None
        )
        test_file = _is_test_file(request, claim)
        return ClaimDocument(document, tuple(findings), claim.number, claim, notes, test_file=test_file)
    with store.transaction():
        number, control = store.next_claim_number(today)
        numbered = replace(claim, number=number)
        document, notes = _document(store, numbered, request, control=control, now=now)
        store.record_claim(
            number=number,
            patient=claim.source.chart.patient.key,
            payer=claim.payer.key,
            format=request.format,
            visit_keys=tuple(v.key for v in claim.source.visits),
            first_date=numbered.first_date,
            last_date=numbered.last_date,
            issued_on=today,
            charges=numbered.total_charge,
            document=document,
            replaces=request.replaces,
            payer_claim_number=request.payer_claim_number,
        )
        if deliver is not None:
            deliver(document)
    log.info("claim issued number=%s visits=%d format=%s", number, len(claim.source.visits), request.format)
    return ClaimDocument(document, tuple(findings), number, numbered, notes, recorded=True)


def test_page(store: PracticeStore, offset: tuple[int, int] | None = None) -> bytes:
    """The calibration page, at the stored offset or at `offset` (being tried before it is saved)."""
    right, down = store.claim_offset() if offset is None else offset
    return render_test_page(Offset(right, down))


def parse_offset(text: str) -> tuple[int, int]:
    """ "0.05,-0.10" (inches right, down) -> (5, -10) hundredths of an inch."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2:
        raise ValidationError(
            "--set-offset",
            f'"{terminal_text(text)}" is not two distances in inches, right and down, such as 0.05,-0.10',
        )
    try:
        right, down = (parse_inches(p, "--set-offset") for p in parts)
    except ValidationError:
        raise ValidationError(
            "--set-offset",
            f'"{terminal_text(text)}" is not two distances in inches, right and down, such as 0.05,-0.10',
        ) from None
    if not (-100 <= right <= 100 and -100 <= down <= 100):
        raise ValidationError("--set-offset", "each distance must be within 1 inch (-1.00 to 1.00)")
    return right, down


def parse_inches(text: str, field: str) -> int:
    """ "-0.10" (inches) -> -10 hundredths of an inch; blank is 0. ValidationError naming `field`."""
    try:
        return round(float(text.strip() or "0") * 100)
    except (ValueError, OverflowError):  # not a number; nan; inf
        raise ValidationError(
            field, f'"{terminal_text(text)}" is not a distance in inches, such as 0.05'
        ) from None


def _document(
    store: PracticeStore, claim: Claim, request: ClaimRequest, *, control: int, now: datetime | None
) -> tuple[bytes, tuple[str, ...]]:
    draft = request.draft
    if request.format == ELECTRONIC:
        notes: list[str] = []
        missing = missing_ids(request, claim)
        test_file = bool(missing)
        if RECEIVER in missing:
            notes.append(f"No --receiver given: the file names the receiver {PLACEHOLDER_RECEIVER}.")
        if PAYER_ID in missing:
            notes.append(
                f"No payer ID: the file names the payer {PLACEHOLDER_PAYER_ID}; type the payer's ID from your "
                "clearinghouse's payer list in Payers (or give --payer-id) and write it again."
            )
        if test_file and not draft:
            what = f"claim {claim.number}" if claim.number else "the claim"
            notes.append(
                "This is a test file (ISA15 T) to try with your clearinghouse, not a claim: nothing was "
                f"numbered or recorded. To send {what}, write it with --receiver ID and --payer-id ID."
            )
        sender = request.sender or claim.billing.npi
        if not request.sender:
            notes.append(
                f"The sender is your NPI ({claim.billing.npi}); use --sender if your clearinghouse gave you a submitter ID."
            )
        receiver = request.receiver or PLACEHOLDER_RECEIVER
        payer_id = _payer_id(request, claim)
        envelope = Envelope(
            sender_id=sender,
            receiver_id=receiver,
            receiver_name=receiver,
            control_number=max(control, 1),
            created=now or datetime.now(),
            payer_id=payer_id or PLACEHOLDER_PAYER_ID,
            production=not draft and not test_file,
        )
        return x837_text(claim, envelope).encode("ascii"), tuple(notes)
    kind = FormKind.RED if request.format == "cms1500-red" else FormKind.PLAIN
    right, down = store.claim_offset()
    return render_cms1500(claim, kind, offset=Offset(right, down), draft=draft), ()


def _payer_id(request: ClaimRequest, claim: Claim) -> str | None:
    """The payer's ID at the clearinghouse (loop 2010BB): --payer-id, else the one kept with the payer,
    else None (not known)."""
    return request.payer_id or claim.payer.payer_id


RECEIVER, PAYER_ID = "receiver", "payer-id"


def missing_ids(request: ClaimRequest, claim: Claim) -> tuple[str, ...]:
    """What an 837P still lacks to be sent as a claim: RECEIVER (the clearinghouse's ID) and PAYER_ID
    (the payer's ID at it). Each is named by a placeholder in the file, which is then a test file.
    Each caller words them in its own terms (the CLI's options, the desktop's fields)."""
    if request.format != ELECTRONIC:
        return ()
    return tuple(
        name
        for name, known in ((RECEIVER, request.receiver), (PAYER_ID, _payer_id(request, claim)))
        if not known
    )


def _is_test_file(request: ClaimRequest, claim: Claim) -> bool:
    """An 837P naming a placeholder receiver or payer: no clearinghouse can deliver it as a claim."""
    return bool(missing_ids(request, claim))


def _issued(store: PracticeStore, number: str, patient: str | None) -> IssuedClaim:
    """The issued claim to write again: in force (not replaced), and the patient's when one is named."""
    issued = store.claim(number)
    if issued is None:
        raise ValidationError("--claim", f'no claim numbered "{terminal_text(number)}" was issued')
    if patient is not None and find_chart(store, patient).patient.key != issued.patient:
        raise ValidationError("--claim", f"claim {issued.number} is not this patient's")
    successors = [c.number for c in store.claims(issued.patient) if c.replaces == issued.number]
    if successors:
        raise ValidationError(
            "--claim", f"claim {issued.number} was replaced by {successors[0]}; write that one instead"
        )
    return issued


def _same_claim(issued: IssuedClaim, claim: Claim) -> None:
    """A claim written again bills what was recorded: the same visits and the same total charge."""
    visits = tuple(v.key for v in claim.source.visits)
    if visits != issued.visit_keys or claim.total_charge != issued.charges:
        raise ValidationError(
            "--claim",
            f"claim {issued.number} recorded {len(issued.visit_keys)} visit(s) totalling "
            f"{format_money(issued.charges)}; its visits now give {len(visits)} totalling "
            f"{format_money(claim.total_charge)}: send a replacement instead (--replaces {issued.number})",
        )


def _original(store: PracticeStore, chart: PatientChart, number: str) -> IssuedClaim:
    original = store.claim(number)
    if original is None or original.patient != chart.patient.key:
        raise ValidationError("--replaces", f'this patient has no claim numbered "{terminal_text(number)}"')
    successors = [c.number for c in store.claims(chart.patient.key) if c.replaces == number]
    if successors:
        raise ValidationError(
            "--replaces", f"claim {number} was already replaced by {successors[0]}; replace that one instead"
        )
    return original


def _coverage(
    store: PracticeStore, chart: PatientChart, visits: Sequence[Visit], payer_key: str | None
) -> tuple[Coverage, Payer]:
    """The coverage the claim bills: the only insurer the visits bill, or the one --payer names."""
    payers = {p.key: p for p in store.payers()}
    found: dict[str, tuple[Coverage, Payer]] = {}
    for visit in visits:
        coverage = chart.coverage(visit.coverage)
        if coverage is None or coverage.payer not in payers:
            continue
        payer = payers[coverage.payer]
        if is_claimable(payer.kind):
            found.setdefault(payer.key, (coverage, payer))
    if payer_key is not None:
        if payer_key not in found:
            raise ValidationError(
                "--payer", f'no visit in these dates is billed to a payer "{terminal_text(payer_key)}"'
            )
        return found[payer_key]
    if not found:
        raise ValidationError(
            "--patient",
            "no visit in these dates is billed to an insurer that takes claims; give the patient a "
            "superbill instead (superbill render)",
        )
    if len(found) > 1:
        raise ValidationError(
            "--payer",
            f"these visits bill {len(found)} payers; choose one with --payer ({', '.join(sorted(found))})",
        )
    return next(iter(found.values()))


# For the desktop, which reaches the practice only through services ---------------------------------


def issue_claim_for(
    workspace: Workspace, request: ClaimRequest, *, today: date, deliver: Deliver | None = None
) -> ClaimDocument:
    """issue_claim on the open practice (the app's Claim form… and Claim file (837P)… dialogs)."""
    return issue_claim(workspace.store, workspace.codes, request, today=today, deliver=deliver)


@dataclass(frozen=True)
class IssuedClaimEntry:
    """One issued claim as the patient's Claims tab lists it."""

    claim: IssuedClaim
    payer_name: str
    replaced_by: str | None  # our number of the claim that replaced it


def issued_claims(workspace: Workspace, patient_key: str) -> list[IssuedClaimEntry]:
    """The claims issued for a patient, oldest first, each with its payer's name and its replacement."""
    store = workspace.store
    names = {p.key: p.name for p in store.payers()}
    issued = store.claims(patient_key)
    replaced_by = {c.replaces: c.number for c in issued if c.replaces is not None}
    return [IssuedClaimEntry(c, names.get(c.payer, c.payer), replaced_by.get(c.number)) for c in issued]


def issued_claim_document(workspace: Workspace, number: str) -> bytes:
    """The claim's form (PDF) or 837P file byte for byte as issued (RecordNotFound, StoreUnavailable)."""
    return workspace.store.claim_document(number)


def claim_offset(workspace: Workspace) -> tuple[int, int]:
    """The red forms' printer offset, hundredths of an inch (right, down)."""
    return workspace.store.claim_offset()


def test_page_for(workspace: Workspace, offset: tuple[int, int] | None = None) -> bytes:
    return test_page(workspace.store, offset)
