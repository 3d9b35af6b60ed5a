"""Rules about service lines: codes, pointers, units under the payer's rule, fees, modifiers, bundling."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from app.domain.check.findings import (
    Context,
    Finding,
    day,
    error,
    line_field,
    listing,
    visit_field,
    warning,
)
from app.domain.check.findings import FindingCode as C
from app.domain.procedures import (
    BUNDLED_PAIRS,
    DISTINCT_SERVICE_MODIFIERS,
    PLACES_OF_SERVICE,
    is_modifier,
)
from app.domain.superbill import POINTER_LETTERS, PricedLine

_MAX_MODIFIERS = 4
_MAX_POINTERS = 4  # box 24E of the CMS-1500 holds four diagnosis pointers


def lines_present(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        if not visit.lines:
            yield error(
                C.SERVICE_LINES_MISSING,
                visit_field(visit, "lines"),
                f"The visit on {day(visit.date)} has no services: add the procedure code(s) given.",
            )


def procedure_codes(ctx: Context) -> Iterator[Finding]:
    for p in ctx.priced:
        if p.procedure is None:
            yield error(
                C.CPT_UNKNOWN,
                line_field(p.visit, p.index, "cpt"),
                f"{p.line.cpt} on {day(p.visit.date)} is not in your procedure codes: check it, or "
                "add it to your codes with a fee and whether it is timed.",
            )


def pointers(ctx: Context) -> Iterator[Finding]:
    for p in ctx.priced:
        field = line_field(p.visit, p.index, "pointers")
        what = f"{p.line.cpt} on {day(p.visit.date)}"
        if not p.line.pointers:
            yield error(
                C.POINTER_MISSING,
                field,
                f"{what} points to no diagnosis: choose the diagnosis letter(s) it treats.",
            )
            continue
        if len(p.line.pointers) > _MAX_POINTERS:
            yield error(
                C.POINTERS_TOO_MANY,
                field,
                f"{what} points to {len(p.line.pointers)} diagnoses ({listing(p.line.pointers)}); box 24E "
                f"of the claim form holds at most {_MAX_POINTERS}: keep the {_MAX_POINTERS} it treats most directly.",
            )
        count = len(p.visit.diagnoses)
        dangling = [x for x in p.line.pointers if not 0 <= POINTER_LETTERS.find(x) < count]
        if dangling:
            has = f"has diagnoses A-{POINTER_LETTERS[count - 1]}" if count else "has no diagnosis"
            yield error(
                C.POINTER_INVALID,
                field,
                f"{what} points to diagnosis {listing(dangling)}, but the visit {has}.",
            )
        # A letter of the visit's list whose code has no letter on the superbill (past L) would print nothing.
        unlisted = [
            p.visit.diagnoses[POINTER_LETTERS.find(x)]
            for x in p.line.pointers
            if 0 <= POINTER_LETTERS.find(x) < count
            and ctx.data.letter_for(p.visit.diagnoses[POINTER_LETTERS.find(x)]) is None
        ]
        if unlisted:
            yield error(
                C.POINTER_NOT_ON_SUPERBILL,
                field,
                f"{what} points to {listing(unlisted)}, which is not among the {len(POINTER_LETTERS)} "
                f"diagnoses (A-{POINTER_LETTERS[-1]}) this {ctx.document} lists: split the period over two "
                f"{ctx.document}s.",
            )


def units(ctx: Context) -> Iterator[Finding]:
    for p in ctx.priced:
        if p.procedure is None:
            continue  # without the code we cannot know its unit rule
        rule = ctx.data.unit_rule_for(p.visit).label
        what = f"{p.line.cpt} on {day(p.visit.date)}"
        field = line_field(p.visit, p.index, "units")
        if p.units == 0:
            if p.line.units is not None:
                reason = "its units are entered as 0"
            elif not p.line.minutes:
                field = line_field(p.visit, p.index, "minutes")
                reason = "it has no minutes recorded, so it bills no units"
            else:
                field = line_field(p.visit, p.index, "minutes")
                reason = f"{p.line.minutes} minutes bill no units under the {rule}"
            yield error(C.UNITS_ZERO, field, f"{what}: {reason}. Correct the minutes or remove the line.")
        elif p.units != p.rule_units:
            minutes = f"{p.line.minutes or 0} minutes" if p.procedure.timed else "an untimed code"
            told = (
                f"{what}: {p.units} units entered by hand, where {minutes} make "
                f"{p.rule_units} under the {rule} this payer uses"
            )
            if (p.line.unit_reason or "").strip():
                yield warning(
                    C.UNITS_HAND_ENTERED,
                    field,
                    f"{told} (reason given: {p.line.unit_reason}). The payer may question it.",
                )
            else:
                yield error(
                    C.UNITS_UNEXPLAINED,
                    line_field(p.visit, p.index, "unit_reason"),
                    f"{told}. Enter the reason for the different count, or clear the units to "
                    "let the rule count them.",
                )


def fees(ctx: Context) -> Iterator[Finding]:
    for p in ctx.priced:
        if p.procedure is not None and p.units > 0 and not p.fee:
            yield error(
                C.FEE_MISSING,
                line_field(p.visit, p.index, "fee"),
                f"{p.line.cpt} on {day(p.visit.date)} has no fee, so it would be charged $0.00: "
                f"set your fee for {p.line.cpt} in the fee schedule.",
            )


def places_of_service(ctx: Context) -> Iterator[Finding]:
    reported: set[str] = set()
    for visit in ctx.data.visits:
        place = visit.place_of_service or ctx.data.practitioner.default_place_of_service
        field = (
            visit_field(visit, "place_of_service")
            if visit.place_of_service
            else "practitioner.default_place_of_service"
        )
        if place not in PLACES_OF_SERVICE and field not in reported:
            reported.add(field)
            known = "; ".join(f"{code} ({name.lower()})" for code, name in PLACES_OF_SERVICE.items())
            yield error(
                C.PLACE_OF_SERVICE_UNKNOWN,
                field,
                f'Place of service "{place}" (visit on {day(visit.date)}) is not a code we know; '
                f"use one of: {known}.",
            )


def modifiers(ctx: Context) -> Iterator[Finding]:
    for p in ctx.priced:
        field = line_field(p.visit, p.index, "modifiers")
        what = f"{p.line.cpt} on {day(p.visit.date)}"
        if len(p.line.modifiers) > _MAX_MODIFIERS:
            yield error(
                C.MODIFIER_INVALID, field, f"{what} has {len(p.line.modifiers)} modifiers; at most 4 fit."
            )
        bad = [m for m in p.line.modifiers if not is_modifier(m)]
        if bad:
            yield error(
                C.MODIFIER_INVALID,
                field,
                f"{what}: modifier {listing(repr(m) for m in bad)} is not two capital letters or "
                "digits, such as 59 or XS.",
            )


def bundled_pairs(ctx: Context) -> Iterator[Finding]:
    """97124 with 97140 on one date: one needs 59/XS (or another X modifier) and each its own region."""
    by_date: dict[date, list[PricedLine]] = defaultdict(list)
    for p in ctx.priced:
        by_date[p.visit.date].append(p)
    for service_date, lines in by_date.items():
        for pair in BUNDLED_PAIRS:
            pair_lines = [p for p in lines if p.line.cpt in pair]
            if {p.line.cpt for p in pair_lines} != pair:
                continue
            yield from _bundled_pair(sorted(pair), service_date, pair_lines)


def _bundled_pair(codes: list[str], service_date: date, lines: list[PricedLine]) -> Iterator[Finding]:
    both = f"{codes[0]} and {codes[1]} on {day(service_date)}"
    last = lines[-1]
    if not any(DISTINCT_SERVICE_MODIFIERS & set(p.line.modifiers) for p in lines):
        yield error(
            C.BUNDLED_WITHOUT_MODIFIER,
            line_field(last.visit, last.index, "modifiers"),
            f"{both}: many payers pay only one of the two unless one carries modifier 59 or XS. "
            f"Add 59 or XS to {last.line.cpt}, and record the body region each one treated.",
        )
    for p in lines:
        if not (p.line.body_region or "").strip():
            yield warning(
                C.BODY_REGION_MISSING,
                line_field(p.visit, p.index, "body_region"),
                f"{both}: record the body region {p.line.cpt} treated; the two must treat "
                "different regions to be paid separately.",
            )
    regions: dict[str, dict[str, str]] = defaultdict(dict)  # code -> region key -> as entered
    for p in lines:
        region = (p.line.body_region or "").strip()
        if region:
            regions[p.line.cpt][region.casefold()] = region
    shared = set(regions[codes[0]]) & set(regions[codes[1]])
    if shared:
        target = next(p for p in reversed(lines) if (p.line.body_region or "").strip().casefold() in shared)
        named = listing(regions[codes[0]][key] for key in sorted(shared))
        yield error(
            C.BUNDLED_SAME_REGION,
            line_field(target.visit, target.index, "body_region"),
            f"{both} both treat the {named} region: payers pay the two together only for different "
            "body regions. Correct the regions, or bill the time under one code.",
        )


RULES = (lines_present, procedure_codes, pointers, units, fees, places_of_service, modifiers, bundled_pairs)
