"""Fixtures for the domain tests: the ICD-10-CM code set the check looks codes up in.

The check tests run against the code index the app ships. DictCodes, a stand-in holding a
few real entries, is for tests that must not depend on the store (tests/ui uses it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.domain.diagnoses import CodeRelease, DiagnosisCode, DiagnosisCodes, normalize_icd

APRIL_2026 = CodeRelease("ICD-10-CM April 2026", date(2026, 4, 1), date(2026, 9, 30))

# A few real entries of the April 2026 release, enough for the check's rules.
ENTRIES = {
    "M54.5": ("Low back pain", False),
    "M54.50": ("Low back pain, unspecified", True),
    "M54.51": ("Vertebrogenic low back pain", True),
    "M54.59": ("Other low back pain", True),
    "M54.2": ("Cervicalgia", True),
    "M54.6": ("Pain in thoracic spine", True),
    "M79.1": ("Myalgia", False),
    "M79.10": ("Myalgia, unspecified site", True),
    "M79.11": ("Myalgia of mastication muscle", True),
    "M79.12": ("Myalgia of auxiliary muscles, head and neck", True),
    "M79.18": ("Myalgia, other site", True),
    "M79.7": ("Fibromyalgia", True),
    "M62.83": ("Muscle spasm", False),
    "M62.830": ("Muscle spasm of back", True),
    "M62.831": ("Muscle spasm of calf", True),
    "M62.838": ("Other muscle spasm", True),
    "S13.4": ("Sprain of ligaments of cervical spine", False),
    "S13.4XXA": ("Sprain of ligaments of cervical spine, initial encounter", True),
    "S13.4XXD": ("Sprain of ligaments of cervical spine, subsequent encounter", True),
    "S13.4XXS": ("Sprain of ligaments of cervical spine, sequela", True),
    "S16.1XXA": ("Strain of muscle, fascia and tendon at neck level, initial encounter", True),
    "S39.012A": ("Strain of muscle, fascia and tendon of lower back, initial encounter", True),
    "G44.209": ("Tension-type headache, unspecified, not intractable", True),
    "M25.511": ("Pain in right shoulder", True),
    "M25.512": ("Pain in left shoulder", True),
}


class DictCodes:
    """A stand-in for the shipped code index, holding only the entries above."""

    release = APRIL_2026

    def release_on(self, day: date) -> CodeRelease:
        return APRIL_2026

    def lookup(self, code: str, on: date | None = None) -> DiagnosisCode | None:
        key = normalize_icd(code)
        if key not in ENTRIES:
            return None
        description, billable = ENTRIES[key]
        return DiagnosisCode(key, description, billable)

    def billable_children(self, code: str, on: date | None = None) -> list[DiagnosisCode]:
        key = normalize_icd(code)
        return [
            DiagnosisCode(c, d, b)
            for c, (d, b) in sorted(ENTRIES.items())
            if b and c != key and c.replace(".", "").startswith(key.replace(".", ""))
        ]


@pytest.fixture(scope="session")
def codes() -> Iterator[DiagnosisCodes]:
    """The shipped code set (April 2026 and FY2027), as the app opens it."""
    from app.store.code_index import IcdIndex, shipped_index_path

    with IcdIndex(shipped_index_path(), immutable=True) as index:
        yield index
