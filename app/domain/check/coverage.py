"""Rules about insurance: what each payer kind needs, visit limits and filing deadlines."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.check.findings import Context, Finding, blank, day, error, visit_field, visits_up_to, warning
from app.domain.check.findings import FindingCode as C
from app.domain.dates import days_after
from app.domain.errors import ValidationError
from app.domain.identifiers import validate_state
from app.domain.practice import Coverage, Payer, PayerKind, Relationship

_KIND_WARNINGS: dict[PayerKind, tuple[C, str]] = {
    PayerKind.MEDICARE: (
        C.MEDICARE_NOT_COVERED,
        "Original Medicare does not cover massage as a service on its own: the patient pays in "
        "full and a claim will most likely be denied.",
    ),
    PayerKind.MEDICARE_ADVANTAGE: (
        C.MEDICARE_ADVANTAGE_LIMITED,
        "Only some Medicare Advantage plans cover massage, as a supplemental benefit from "
        "in-network providers: the patient should ask the plan before relying on it.",
    ),
    PayerKind.MEDICAID: (
        C.MEDICAID_VARIES,
        "Medicaid coverage of massage varies by state and is often limited to care inside a "
        "physical therapy plan: the patient should ask their state's Medicaid office.",
    ),
    PayerKind.HSA_FSA: (
        C.MEDICAL_NECESSITY_LETTER,
        "HSA and FSA administrators usually want a letter of medical necessity from the "
        "prescriber with the superbill.",
    ),
}


def coverage_fields(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        if visit.coverage is not None and ctx.data.coverage_for(visit) is None:
            yield error(
                C.COVERAGE_UNKNOWN,
                visit_field(visit, "coverage"),
                f"The visit on {day(visit.date)} names insurance that is not on the patient's record; "
                "choose the patient's insurance again.",
            )
    for coverage in ctx.data.coverages():
        payer = ctx.data.payers.get(coverage.payer)
        if payer is None:
            yield error(
                C.COVERAGE_UNKNOWN,
                _field(coverage, "payer"),
                f'The patient\'s insurance names a payer ("{coverage.payer}") that is not in your '
                "payer list; choose the payer again.",
            )
            continue
        yield from _needs(coverage, payer)
        if payer.kind is PayerKind.HSA_FSA and ctx.data.necessity_letter is not None:
            continue  # the signed letter is on file (and printed on the superbill)
        if payer.kind in _KIND_WARNINGS:
            code, message = _KIND_WARNINGS[payer.kind]
            yield warning(code, _field(coverage, "payer"), f"{payer.name}: {message}")


def _needs(coverage: Coverage, payer: Payer) -> Iterator[Finding]:
    kind, name = payer.kind, payer.name
    if kind.is_insured and blank(coverage.member_id):
        yield error(
            C.MEMBER_ID_MISSING,
            _field(coverage, "member_id"),
            f"Enter the patient's member ID for {name}, as printed on their insurance card.",
        )
    if kind is PayerKind.COMMERCIAL and blank(coverage.group_number):
        yield warning(
            C.GROUP_NUMBER_MISSING,
            _field(coverage, "group_number"),
            f"No group number for {name}: most employer plans print one on the card.",
        )
    if kind.is_insured and coverage.relationship is not Relationship.SELF and coverage.subscriber is None:
        yield warning(
            C.SUBSCRIBER_MISSING,
            _field(coverage, "subscriber"),
            f"The patient is covered through someone else ({coverage.relationship.value}): enter the "
            "insured person's name and date of birth.",
        )
    if kind.is_injury_claim:
        yield from _injury_claim(coverage, payer)
    if kind is PayerKind.VA_COMMUNITY_CARE and blank(coverage.authorization_number):
        yield error(
            C.AUTHORIZATION_MISSING,
            _field(coverage, "authorization_number"),
            "VA Community Care pays only for an authorized referral: enter the referral or "
            "authorization number.",
        )


def _injury_claim(coverage: Coverage, payer: Payer) -> Iterator[Finding]:
    claim = "workers' comp" if payer.kind is PayerKind.WORKERS_COMP else "auto insurance"
    if blank(coverage.claim_number):
        yield error(
            C.CLAIM_NUMBER_MISSING,
            _field(coverage, "claim_number"),
            f"Enter the {claim} claim number {payer.name} gave the patient.",
        )
    if coverage.injury_date is None:
        what = "injury" if payer.kind is PayerKind.WORKERS_COMP else "accident"
        yield error(
            C.INJURY_DATE_MISSING,
            _field(coverage, "injury_date"),
            f"Enter the date of the {what}: {payer.name} matches the claim on it.",
        )
    if payer.kind is PayerKind.WORKERS_COMP and blank(coverage.employer):
        yield error(
            C.EMPLOYER_MISSING,
            _field(coverage, "employer"),
            "Enter the patient's employer at the time of the injury.",
        )
    if payer.kind is PayerKind.AUTO:
        try:
            validate_state(
                coverage.accident_state, field=_field(coverage, "accident_state"), label="Accident state"
            )
        except ValidationError as problem:
            code = C.ACCIDENT_STATE_MISSING if blank(coverage.accident_state) else C.ACCIDENT_STATE_INVALID
            yield error(code, problem.field, problem.message)
    if blank(coverage.adjuster):
        yield warning(
            C.ADJUSTER_MISSING,
            _field(coverage, "adjuster"),
            f"No adjuster for the {claim} claim: the adjuster's name speeds up payment.",
        )


def injury_before_service(ctx: Context) -> Iterator[Finding]:
    for coverage in ctx.data.coverages():
        if coverage.injury_date is None:
            continue
        early = [v for v in ctx.data.visits if v.coverage == coverage.key and v.date < coverage.injury_date]
        if early:
            yield error(
                C.INJURY_AFTER_SERVICE,
                _field(coverage, "injury_date"),
                f"The date of injury, {day(coverage.injury_date)}, is after the visit on "
                f"{day(early[0].date)}: a claim covers only care after the injury. Check both dates.",
            )


def annual_visit_limit(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        coverage = ctx.data.coverage_for(visit)
        if coverage is None or coverage.annual_visit_limit is None:
            continue
        count = sum(
            1
            for v in visits_up_to(ctx, visit)
            if v.coverage == coverage.key and v.date.year == visit.date.year
        )
        if count > coverage.annual_visit_limit:
            yield warning(
                C.ANNUAL_VISIT_LIMIT_REACHED,
                visit_field(visit, "coverage"),
                f"The visit on {day(visit.date)} is visit {count} of {visit.date.year} on this "
                f"insurance, which covers {coverage.annual_visit_limit} a year: the insurer may "
                "not pay for it.",
            )


def filing_deadline(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        payer = ctx.data.payer_for(visit)
        if payer is None or payer.filing_limit_days is None:
            continue
        # None past the calendar's end: a date of service far in the future, which the check
        # reports as such (a date stored before the store refused dates outside their window).
        deadline = days_after(visit.date, payer.filing_limit_days)
        if deadline is not None and ctx.today > deadline:
            yield warning(
                C.FILING_DEADLINE_PASSED,
                visit_field(visit, "date"),
                f"{payer.name} accepts claims up to {payer.filing_limit_days} days after the date "
                f"of service: the claim for {day(visit.date)} was due by {day(deadline)} and may be "
                "refused.",
            )


def _field(coverage: Coverage, name: str) -> str:
    return f"coverages[{coverage.key}].{name}"


RULES = (coverage_fields, injury_before_service, annual_visit_limit, filing_deadline)
