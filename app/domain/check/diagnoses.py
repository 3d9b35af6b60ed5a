"""Rules about ICD-10-CM diagnoses: present, at most twelve, in the loaded release and billable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.domain.check.findings import Context, Finding, day, error, listing, visit_field, warning
from app.domain.check.findings import FindingCode as C
from app.domain.diagnoses import DiagnosisCodeError, normalize_icd
from app.domain.practice import Visit
from app.domain.superbill import POINTER_LETTERS

IMPORT_COMMAND = "superbill codes import-icd FILE"
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
            f"This superbill has {count} different diagnoses; one superbill holds at most "
            f"{len(POINTER_LETTERS)} (A-L). Split the period over two superbills.",
        )


def diagnosis_codes(ctx: Context) -> Iterator[Finding]:
    """Each distinct code once, reported at its first use, naming the dates it is used on."""
    release = ctx.codes.release
    for code, (first_visit, position) in _first_uses(ctx.data.visits).items():
        field = visit_field(first_visit, f"diagnoses[{position}]")
        used_on = listing(day(d) for d in _dates_using(ctx.data.visits, code))
        try:
            dotted = normalize_icd(code)
        except DiagnosisCodeError:
            yield error(
                C.ICD_MALFORMED,
                field,
                f'"{code.strip()}" (used on {used_on}) is not an ICD-10-CM code, which is a letter, two '
                "characters, then up to four more after a dot, such as M54.50: enter the code from the "
                "prescription.",
            )
            continue
        entry = ctx.codes.lookup(dotted)
        if entry is None:
            yield error(
                C.ICD_UNKNOWN,
                field,
                f"{dotted} (used on {used_on}) is not a code in {release.name}: check it against "
                "the prescription; it may be mistyped or retired.",
            )
        elif not entry.billable:
            yield error(C.ICD_NOT_BILLABLE, field, _not_billable_message(ctx, dotted, used_on))


def release_covers_dates(ctx: Context) -> Iterator[Finding]:
    release = ctx.codes.release
    later = [v for v in ctx.data.visits if v.date > release.last_date]
    earlier = [v for v in ctx.data.visits if v.date < release.first_date]
    if later:
        yield warning(
            C.ICD_RELEASE_DOES_NOT_COVER_DATE,
            visit_field(later[0], "date"),
            f"{release.name} covers dates of service up to {day(release.last_date)}; "
            f"{listing(day(v.date) for v in later)} may need a newer release. Download the CDC's "
            f"icd10cm-order file and run `{IMPORT_COMMAND}`.",
        )
    if earlier:
        yield warning(
            C.ICD_RELEASE_DOES_NOT_COVER_DATE,
            visit_field(earlier[0], "date"),
            f"{release.name} starts with dates of service on {day(release.first_date)}; codes for "
            f"{listing(day(v.date) for v in earlier)} were checked against it, and an older "
            "release may differ.",
        )


def _not_billable_message(ctx: Context, code: str, used_on: str) -> str:
    children = sorted(c.code for c in ctx.codes.billable_children(code))
    head = f"{code} (used on {used_on}) is a category, not a billable code"
    if not children:
        return f"{head}: ask the prescriber for the full code."
    if len(children) > _CHILDREN_SHOWN:
        shown = ", ".join(children[:_CHILDREN_SHOWN])
        return f"{head}: use one of the codes under it, such as {shown} ({len(children)} in all)."
    return f"{head}: use {listing(children, 'or')}."


def _first_uses(visits: tuple[Visit, ...]) -> dict[str, tuple[Visit, int]]:
    first: dict[str, tuple[Visit, int]] = {}
    for visit in visits:
        for position, code in enumerate(visit.diagnoses):
            first.setdefault(code, (visit, position))
    return first


def _dates_using(visits: tuple[Visit, ...], code: str) -> list[date]:
    return sorted({v.date for v in visits if code in v.diagnoses})


RULES = (diagnoses_present, diagnosis_codes, release_covers_dates)
