"""Rules about ICD-10-CM diagnoses: present, at most twelve, and each in the release in force on its
visit's date of service and billable there."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from app.domain.check.findings import Context, Finding, day, error, listing, visit_field, warning
from app.domain.check.findings import FindingCode as C
from app.domain.diagnoses import CodeRelease, DiagnosisCodeError, RetiredCode, normalize_icd, retired_code
from app.domain.practice import Visit
from app.domain.superbill import POINTER_LETTERS

IMPORT_COMMAND = "superbill codes import-icd FILE"
UPDATE_MENU = "File > Update code set…"
_CHILDREN_SHOWN = 6


def diagnoses_present(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        if not visit.diagnoses:
            yield error(
                C.DIAGNOSIS_MISSING,
                visit_field(visit, "diagnoses"),
                f"The visit on {day(visit.date)} has no diagnosis: add the ICD-10-CM code(s) from "
                "the prescription.",
            )
    count = len(ctx.data.diagnoses())
    if count > len(POINTER_LETTERS):
        yield error(
            C.TOO_MANY_DIAGNOSES,
            "diagnoses",
            f"This {ctx.document} has {count} different diagnoses; one {ctx.document} holds at most "
            f"{len(POINTER_LETTERS)} (A-L). Split the period over two {ctx.document}s.",
        )


def diagnosis_codes(ctx: Context) -> Iterator[Finding]:
    """Each distinct code judged by the release in force on each visit's date of service.

    Reported once per code and release, at its first use there, naming the dates it is used on.
    """
    for code, by_release in _uses(ctx).items():
        try:
            dotted = normalize_icd(code)
        except DiagnosisCodeError:
            visits = [v for group in by_release.values() for v in group]
            used_on = listing(day(d) for d in sorted({v.date for v in visits}))
            yield error(
                C.ICD_MALFORMED,
                visit_field(visits[0], f"diagnoses[{visits[0].diagnoses.index(code)}]"),
                f'"{code.strip()}" (used on {used_on}) is not an ICD-10-CM code, which is a letter, two '
                "characters, then up to four more after a dot, such as M54.50: enter the code from the "
                "prescription.",
            )
            continue
        for release, visits in by_release.items():
            first = visits[0]
            field = visit_field(first, f"diagnoses[{first.diagnoses.index(code)}]")
            used_on = listing(day(d) for d in sorted({v.date for v in visits}))
            entry = ctx.codes.lookup(dotted, first.date)
            if entry is None:
                yield error(C.ICD_UNKNOWN, field, _unknown_message(ctx, dotted, release, used_on))
            elif not entry.billable:
                yield error(
                    C.ICD_NOT_BILLABLE, field, _not_billable_message(ctx, dotted, first.date, used_on)
                )


def _uses(ctx: Context) -> dict[str, dict[CodeRelease, list[Visit]]]:
    """Each code, in the order first used, with the visits that use it by the release in force on
    their dates (one pass over the visits, the release found once a visit)."""
    uses: dict[str, dict[CodeRelease, list[Visit]]] = {}
    for visit in ctx.data.visits:
        release = ctx.codes.release_on(visit.date)
        for code in dict.fromkeys(visit.diagnoses):
            uses.setdefault(code, {}).setdefault(release, []).append(visit)
    return uses


def release_covers_dates(ctx: Context) -> Iterator[Finding]:
    """Dates of service after the newest release's end, or before the first one's start, get a warning."""
    newest = ctx.codes.release
    first = ctx.codes.release_on(date.min)
    later = [v for v in ctx.data.visits if v.date > newest.last_date]
    earlier = [v for v in ctx.data.visits if v.date < first.first_date]
    if later:
        yield warning(
            C.ICD_RELEASE_DOES_NOT_COVER_DATE,
            visit_field(later[0], "date"),
            f"{newest.name}, the newest ICD-10-CM release this app holds, covers dates of service up to "
            f"{day(newest.last_date)}; codes for {listing(day(v.date) for v in later)} were checked against "
            f"it, and a newer ICD-10-CM release is needed: load the CDC's order file with "
            f"{UPDATE_MENU} in the app (or `{IMPORT_COMMAND}`).",
        )
    if earlier:
        yield warning(
            C.ICD_RELEASE_DOES_NOT_COVER_DATE,
            visit_field(earlier[0], "date"),
            f"{first.name} starts with dates of service on {day(first.first_date)}; codes for "
            f"{listing(day(v.date) for v in earlier)} were checked against it, and an older "
            "release may differ.",
        )


def _unknown_message(ctx: Context, code: str, release: CodeRelease, used_on: str) -> str:
    """Why a code is not in the release in force: not yet in force, retired, or never a code."""
    other = ctx.codes.lookup(code)
    if other is not None and other.first_date is not None and other.first_date > release.last_date:
        return (
            f"{code} (used on {used_on}) is a code only for dates of service from {day(other.first_date)}; "
            f"{release.name}, in force on that date, lacks it: use the code the prescription gives for "
            "that date, or ask the prescriber."
        )
    if other is not None and other.last_date is not None and other.last_date < release.first_date:
        return (
            f"{code} (used on {used_on}) was deleted from ICD-10-CM for dates from "
            f"{day(other.last_date + timedelta(days=1))}: ask the prescriber for the code that replaces it."
        )
    return (
        f"{code} (used on {used_on}) is not a code in {release.name}: check it against "
        "the prescription; it may be mistyped or retired."
    )


def _choice(children: Sequence[str]) -> str:
    """The codes to choose among: all of them, or the first few and how many there are."""
    if len(children) > _CHILDREN_SHOWN:
        return f"one of the codes under it, such as {', '.join(children[:_CHILDREN_SHOWN])} ({len(children)} in all)"
    return listing(children, "or")


def retired_advice(retired: RetiredCode) -> str:
    """What to do about a code retired for a date: "M72.2 is no longer billable for dates from Oct 1,
    2026: choose M72.20, M72.21 or M72.22" (the check and the needs-attention list say it alike)."""
    if retired.choices:
        return (
            f"{retired.code} is no longer billable for dates from {day(retired.since)}: "
            f"choose {_choice(retired.choices)}"
        )
    return (
        f"{retired.code} was deleted from ICD-10-CM for dates from {day(retired.since)}: "
        "ask the prescriber for the code that replaces it"
    )


def _not_billable_message(ctx: Context, code: str, on: date, used_on: str) -> str:
    retired = retired_code(ctx.codes, code, on)
    if retired is not None and retired.choices:
        return f"{retired_advice(retired)} (used on {used_on})."
    children = sorted(c.code for c in ctx.codes.billable_children(code, on))
    head = f"{code} (used on {used_on}) is a category, not a billable code"
    return (
        f"{head}: use {_choice(children)}." if children else f"{head}: ask the prescriber for the full code."
    )


RULES = (diagnoses_present, diagnosis_codes, release_covers_dates)
