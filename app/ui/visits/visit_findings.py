"""The check's findings beside the visit editor: where each one points, in words and as a field of the form."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from app.domain.check import Finding, Severity
from app.domain.superbill import POINTER_LETTERS

ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5a00")

_VISIT = re.compile(r"^visits\[(?P<key>[^\]]+)\]\.(?P<rest>.+)$")
_DIAGNOSIS = re.compile(r"^diagnoses\[(?P<index>\d+)\]$")
_LINE = re.compile(r"^lines\[(?P<index>\d+)\]\.(?P<name>\w+)$")
_RECORD = re.compile(r"^(?P<kind>coverages|prescriptions)\[[^\]]+\]\.(?P<name>\w+)")

_LINE_FIELDS = {
    "cpt": "code",
    "minutes": "minutes",
    "units": "units",
    "unit_reason": "reason for the units",
    "modifiers": "modifiers",
    "pointers": "diagnosis letters",
    "body_region": "body region",
    "fee": "fee",
}
_VISIT_FIELDS = {
    "date": "Date of the visit",
    "place_of_service": "Place of service",
    "coverage": "Insurance",
    "prescription": "Prescription",
    "diagnoses": "Diagnoses",
    "lines": "Services",
}


@dataclass(frozen=True)
class Target:
    """A field of the visit editor: `name` of the field, and for a list the line or diagnosis number."""

    name: str  # "date", "place_of_service", "coverage", "prescription", "diagnoses", "lines", "line"
    index: int | None = None
    line_field: str | None = None  # for name == "line": "cpt", "minutes", "modifiers"...


def target_of(field: str, visit_key: str) -> Target | None:
    """The field of this form a finding's path names; None when it lives elsewhere (patient, settings)."""
    if field == "practitioner.default_place_of_service":
        return Target("place_of_service")
    if field == "diagnoses":
        return Target("diagnoses")
    match = _VISIT.match(field)
    if match is None or match["key"] != visit_key:
        return None
    rest = match["rest"]
    if rest in _VISIT_FIELDS:
        return Target(rest)
    if found := _DIAGNOSIS.match(rest):
        return Target("diagnoses", int(found["index"]))
    if found := _LINE.match(rest):
        return Target("line", int(found["index"]), found["name"])
    return None


def describe_field(field: str, visit_key: str, codes_by_line: Sequence[str]) -> str:
    """Where a finding points, as a therapist reads it: "Service 2 (97140): modifiers"."""
    target = target_of(field, visit_key)
    if target is not None:
        if target.name == "line" and target.index is not None:
            number = target.index + 1
            code = f" ({codes_by_line[target.index]})" if target.index < len(codes_by_line) else ""
            return f"Service {number}{code}: {_LINE_FIELDS.get(target.line_field or '', target.line_field)}"
        if target.name == "diagnoses" and target.index is not None:
            letter = POINTER_LETTERS[target.index] if target.index < len(POINTER_LETTERS) else "?"
            return f"Diagnosis {letter}"
        if field.startswith("practitioner."):
            return "Your practice's place of service (Settings)"
        return _VISIT_FIELDS.get(target.name, target.name)
    words = _field_words(field.rsplit(".", 1)[-1])
    if field.startswith("practitioner."):
        return f"Your practice: {words} — change it in Settings"
    if field.startswith("patient."):
        return f"Patient: {words} — change it on the patient's page"
    if match := _RECORD.match(field):
        record = "Insurance" if match["kind"] == "coverages" else "Prescription"
        return f"{record}: {_field_words(match['name'])} — change it on the patient's page"
    return words


_NAMES = {
    "npi": "NPI",
    "organization_npi": "organization NPI",
    "prescriber_npi": "prescriber's NPI",
    "tax_id": "Tax ID",
    "member_id": "member ID",
    "payer": "payer",
    "line1": "street",
    "zip": "ZIP code",
}


def _field_words(name: str) -> str:
    return _NAMES.get(name, name.replace("_", " "))


def show_findings(
    view: QListWidget, findings: Sequence[Finding], visit_key: str, codes_by_line: Sequence[str]
) -> None:
    """Errors first, then warnings; each item shows its message and, below it, the field it concerns."""
    owner: QWidget = view
    style = owner.style()
    error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
    warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    current = view.currentItem()
    current_field = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
    view.clear()
    ordered = sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
    for finding in ordered:
        where = describe_field(finding.field, visit_key, codes_by_line)
        error = finding.severity is Severity.ERROR
        item = QListWidgetItem(error_icon if error else warning_icon, f"{finding.message}\n→ {where}")
        item.setData(Qt.ItemDataRole.UserRole, finding.field)
        item.setData(Qt.ItemDataRole.UserRole + 1, finding.code)
        item.setForeground(QBrush(ERROR_COLOUR if error else WARNING_COLOUR))
        item.setToolTip(
            (
                "Must be fixed before a final superbill"
                if error
                else "A warning: the superbill can still be issued"
            )
            + (". Enter or a click takes you there." if target_of(finding.field, visit_key) else ".")
        )
        view.addItem(item)
        if finding.field == current_field:
            view.setCurrentItem(item)


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "Ready for a superbill: the check finds nothing to fix."
    parts = []
    if errors:
        parts.append(f"{errors} problem{'s' if errors > 1 else ''} to fix before a final superbill")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings > 1 else ''}")
    return " · ".join(parts) + ". You can save the visit as it is and finish it later."
