"""The year-end statement's first page head: the title and facts, the provider, patient and prescriber
blocks, the year's diagnoses; and the running head of the pages after it."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from app.domain.dates import us_date
from app.domain.identifiers import printed_tax_id
from app.domain.phones import format_phone
from app.domain.statement import YearStatementData
from app.render.base.look import ACCENT, MUTED
from app.render.base.text import fit_line
from app.render.fonts import FontSet
from app.render.year_end.grid import LEFT, MARGIN, PAGE_WIDTH, RIGHT, table_top

Describe = Callable[[str], str | None]

TITLE = "Statement of services"
SUBTITLE = "Itemized for the patient's records and tax or HSA/FSA filing"


def first_page_head(
    canvas: Canvas, fonts: FontSet, statement: YearStatementData, top: float, describe: Describe | None
) -> float:
    """Draws the head hung from `top`; returns where the table starts."""
    f = fonts
    data = statement.data
    who = data.practitioner
    patient = data.chart.patient
    left, right = LEFT, RIGHT
    canvas.setFillColor(ACCENT)
    canvas.setFont(f.bold, 16)
    canvas.drawString(left, top - 16, f"{TITLE}, {statement.year}")
    canvas.setFont(f.regular, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, top - 29, SUBTITLE)
    facts = [
        ("Statement no.", data.statement_number or "Draft"),
        ("Issued", us_date(data.issued_on)),
        ("Account", patient.account_number or ""),
    ]
    canvas.setFillColor(MUTED)
    for i, (label, value) in enumerate(facts):
        y = top - 10 - i * 11
        canvas.setFont(f.regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right - 100, y, label)
        canvas.setFont(f.bold, 8.5)
        canvas.setFillColor(ACCENT if i == 0 else MUTED)
        canvas.drawString(right - 94, y, fit_line(value, f.bold, 8.5, 94))
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1)
    canvas.line(left, top - 40, right, top - 40)
    column = (right - left - 24) / 3
    provider = [who.practice_name or "", who.display_name, *who.address.lines()]
    provider.append(
        " · ".join(x for x in (format_phone(who.phone) if who.phone else "", f"NPI {who.npi}") if x)
    )
    if who.tax_id:
        # An SSN is masked unless the therapist allows it in full: the domain's rule (identifiers).
        tax_id = printed_tax_id(who.tax_id, who.tax_id_type, full_ssn=who.print_full_ssn)
        provider.append(f"Tax ID ({who.tax_id_type.value}) {tax_id}")
    if who.license_number:
        provider.append(f"License {who.license_number} ({who.license_state})")
    patient_lines = [
        patient.full_name,
        f"Date of birth {us_date(patient.date_of_birth)}",
        *(patient.address.lines() if patient.address else ()),
    ]
    prescribers = []
    for rx in data.prescriptions():
        name = rx.prescriber_name + (f", {rx.prescriber_credentials}" if rx.prescriber_credentials else "")
        prescribers.append(name + (f" · NPI {rx.prescriber_npi}" if rx.prescriber_npi else ""))
    if not prescribers:
        prescribers = ["No prescription on these visits"]
    blocks = [("PROVIDER", provider), ("PATIENT", patient_lines), ("PRESCRIBER", prescribers[:6])]
    for i, (title, lines) in enumerate(blocks):
        x = left + i * (column + 12)
        y = top - 56
        canvas.setFillColor(ACCENT)
        canvas.setFont(f.bold, 8.5)
        canvas.drawString(x, y, title)
        canvas.setFillColor(MUTED if title != "PATIENT" else ACCENT)
        for n, line in enumerate(x for x in lines if x):
            y -= 10
            canvas.setFont(f.bold if n == 0 else f.regular, 7.8)
            canvas.setFillColor(ACCENT if n == 0 else MUTED)
            canvas.drawString(x, y, fit_line(line, f.regular, 7.8, column))
            if n >= 7:
                break
    y = top - 152
    codes = data.diagnoses()
    canvas.setFillColor(ACCENT)
    canvas.setFont(f.bold, 8.5)
    canvas.drawString(left, y, "DIAGNOSES (ICD-10-CM)")
    canvas.setFont(f.regular, 7.5)
    canvas.setFillColor(MUTED)
    described = []
    for code in codes[:12]:
        text = describe(code) if describe else None
        described.append(f"{code} {text}" if text else code)
    line = "; ".join(described) or "none recorded"
    canvas.drawString(left, y - 10, fit_line(line, f.regular, 7.5, right - left))
    return table_top(top)


def running_head(canvas: Canvas, fonts: FontSet, statement: YearStatementData, top: float) -> float:
    """The head of every page after the first; returns where the table starts."""
    f = fonts
    patient = statement.data.chart.patient
    canvas.setFont(f.regular, 7.5)
    canvas.setFillColor(MUTED)
    text = (
        f"{statement.year} statement (continued) · {patient.full_name}, DOB {us_date(patient.date_of_birth)}"
    )
    canvas.drawString(MARGIN, top - 8, fit_line(text, f.regular, 7.5, PAGE_WIDTH - 2 * MARGIN - 80))
    return top - 24
