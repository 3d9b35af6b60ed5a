"""ICD-10-CM diagnosis codes: the values the code-set index returns, and its interface."""

from __future__ import annotations

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
