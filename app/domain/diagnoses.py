"""ICD-10-CM diagnosis codes: the values the code-set index returns, and its interface."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class DiagnosisCode:
    code: str  # dotted form, "M54.50"
    description: str
    billable: bool


@dataclass(frozen=True)
class CodeRelease:
    """One ICD-10-CM release and the dates of service it is valid for."""

    name: str  # "ICD-10-CM April 2026"
    first_date: date
    last_date: date  # the end of its fiscal year, 30 September

    def covers(self, day: date) -> bool:
        return self.first_date <= day <= self.last_date


class DiagnosisCodes(Protocol):
    """What the rules need from a loaded code set."""

    @property
    def release(self) -> CodeRelease: ...

    def lookup(self, code: str) -> DiagnosisCode | None:
        """The entry for a code (dotted or not), billable or not; None when the release lacks it."""
        ...

    def billable_children(self, code: str) -> list[DiagnosisCode]:
        """The billable codes under a non-billable one (S13.4 -> S13.4XXA, S13.4XXD, S13.4XXS)."""
        ...


class DiagnosisCodeError(ValueError):
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
