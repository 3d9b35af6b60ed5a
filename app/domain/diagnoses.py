"""ICD-10-CM diagnosis codes: the values the code-set index returns, and its interface."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from app.domain.errors import DomainError


@dataclass(frozen=True)
class DiagnosisCode:
    code: str  # dotted form, "M54.50"
    description: str
    billable: bool
    # The dates of service this entry (this title and billable flag) is valid for; None when the
    # code set does not say. Not compared: an entry is its code, title and flag.
    first_date: date | None = field(default=None, compare=False)
    last_date: date | None = field(default=None, compare=False)
    # For a search hit found by other words than its title: those words ("neck pain", an everyday
    # term, or "Whiplash injury of cervical spine", an inclusion term) and where they come from.
    matched: str | None = field(default=None, compare=False)
    matched_source: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CodeRelease:
    """One ICD-10-CM release and the dates of service it is valid for."""

    name: str  # "ICD-10-CM April 2026"
    first_date: date
    last_date: date  # the end of its fiscal year, 30 September

    def covers(self, day: date) -> bool:
        return self.first_date <= day <= self.last_date


class DiagnosisCodes(Protocol):
    """What the rules need from a loaded code set: one or more consecutive releases.

    ``on`` is a date of service: the answer is the release in force on it (the first release for
    an earlier date, the newest for a later one). Without it, the newest release.
    """

    @property
    def release(self) -> CodeRelease:
        """The newest release the code set holds."""
        ...

    def release_on(self, day: date) -> CodeRelease:
        """The release in force on ``day``; the nearest one when none covers it."""
        ...

    def lookup(self, code: str, on: date | None = None) -> DiagnosisCode | None:
        """The entry for a code (dotted or not), billable or not; None when that release lacks it.

        Without ``on``: the code's latest entry in any release (a retired code keeps its title).
        """
        ...

    def billable_children(self, code: str, on: date | None = None) -> list[DiagnosisCode]:
        """The billable codes under a non-billable one (S13.4 -> S13.4XXA, S13.4XXD, S13.4XXS)."""
        ...


class DiagnosisCodeError(DomainError):
    """Text that is not shaped like an ICD-10-CM code."""


# A letter, then two letters or digits (QA0 is a 2026 category), then up to four more.
_ICD_SHAPE = re.compile(r"^[A-Z][0-9A-Z]{2}(?:[0-9A-Z]{1,4})?$")


def normalize_icd(text: str) -> str:
    """ "m5450", "M54.50 " -> "M54.50". Raises DiagnosisCodeError for text of the wrong shape.

    Says nothing about whether the code exists or is billable: that is the code set's job.
    """
    compact = text.strip().upper().replace(".", "")
    if not _ICD_SHAPE.match(compact):
        raise DiagnosisCodeError(
            f'"{text.strip()}" is not an ICD-10-CM code: a letter, two characters, '
            "then up to four more after a dot, such as M54.50"
        )
    return compact if len(compact) == 3 else f"{compact[:3]}.{compact[3:]}"


def icd_without_dot(code: str) -> str:
    """A code as claims carry it (CMS-1500 item 21, 837P HI): "M54.50" -> "M5450"."""
    return code.strip().upper().replace(".", "")


@dataclass(frozen=True)
class ReleaseChanges:
    """What one release changes from the one before, counted as CMS's addenda summary counts billable codes.

    A billable code that becomes a header (M72.2 in FY2027) is deleted; a header that becomes
    billable is added; revised codes are billable in both, with a new title.
    """

    added: tuple[str, ...]  # compact codes, in code order
    deleted: tuple[str, ...]
    revised: tuple[str, ...]


def release_changes(
    before: dict[str, tuple[str, bool]], after: dict[str, tuple[str, bool]]
) -> ReleaseChanges:
    """Compare two releases' codes (compact code -> (title, billable))."""
    billable_before = {code for code, (_, billable) in before.items() if billable}
    billable_after = {code for code, (_, billable) in after.items() if billable}
    revised = {c for c in billable_before & billable_after if before[c][0] != after[c][0]}
    return ReleaseChanges(
        added=tuple(sorted(billable_after - billable_before)),
        deleted=tuple(sorted(billable_before - billable_after)),
        revised=tuple(sorted(revised)),
    )


def billable_codes_under(code: str, codes: Iterable[tuple[str, bool]]) -> list[str]:
    """The billable codes below ``code`` among ``codes`` ((code, billable) pairs, spelled as ``code``
    is: dotted or compact), in code order: what to choose instead of a code made a heading."""
    return sorted(other for other, billable in codes if billable and other != code and other.startswith(code))


@dataclass(frozen=True)
class RetiredCode:
    """A code billable in one release and not in the next: from when, and the codes to choose instead."""

    code: str  # dotted
    since: date  # the first date of service it is no longer billable for
    choices: tuple[str, ...]  # the billable codes under it then (empty when it was deleted outright)


def retired_code(codes: DiagnosisCodes, code: str, on: date) -> RetiredCode | None:
    """``code`` when it is not billable on the date of service ``on`` but was in the release before.

    None for a code billable on that date, and for one never billable (a typo, a category the
    check names as such).
    """
    try:
        dotted = normalize_icd(code)
    except DiagnosisCodeError:
        return None
    release = codes.release_on(on)
    entry = codes.lookup(dotted, on)
    if entry is not None and entry.billable:
        return None
    before = release.first_date - timedelta(days=1)
    if codes.release_on(before) == release:
        return None  # the first release: nothing before it to compare with
    earlier = codes.lookup(dotted, before)
    if earlier is None or not earlier.billable:
        return None
    children = tuple(sorted(c.code for c in codes.billable_children(dotted, on))) if entry is not None else ()
    return RetiredCode(dotted, release.first_date, children)
