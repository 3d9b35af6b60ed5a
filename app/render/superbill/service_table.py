"""The superbill's service table: one row per procedure per date of service, every other visit shaded,
the total charges beneath; then the key to the codes it uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.domain.dates import us_date
from app.domain.money import format_money
from app.domain.procedures import KNOWN_MODIFIERS, PLACES_OF_SERVICE
from app.domain.superbill import PricedLine, SuperbillData
from app.render.base.cells import money_cell
from app.render.base.look import ACCENT, BAND, MUTED, TABLE_LEADING, TABLE_SIZE
from app.render.base.sheet import Sheet
from app.render.base.text import markup, printed

COLUMNS = (  # heading, width in inches (None: what is left), alignment
    ("Date of service", 1.1, "LEFT"),
    ("POS", 0.4, "CENTER"),
    ("CPT", 0.55, "LEFT"),
    ("Mod.", 0.65, "LEFT"),
    ("Body region", None, "LEFT"),
    ("Dx ptr", 0.55, "CENTER"),
    ("Min.", 0.4, "RIGHT"),
    ("Units", 0.45, "RIGHT"),
    ("Fee / unit", 0.8, "RIGHT"),
    ("Charge", 0.85, "RIGHT"),
)


@dataclass
class ServiceTable:
    """The heading, the table and the code key; `kept`: the rows at its end that never part from
    what follows (the last visit's lines, or the note, and the total)."""

    heading: list[Flowable]
    table: Table
    key: list[Flowable]
    kept: int


def service_table(sheet: Sheet, data: SuperbillData) -> ServiceTable:
    """The header row is repeated on every page the table runs onto."""
    known = sum(width for _, width, _ in COLUMNS if width is not None) * inch
    widths = [width * inch if width is not None else sheet.width - known for _, width, _ in COLUMNS]
    priced = data.priced_lines()
    # Amounts in the millions take what their widest figure needs from the body region's column.
    fee_column, charge_column, region_column = 8, 9, 4
    amounts = {
        fee_column: [format_money(p.fee) for p in priced if p.fee is not None],
        charge_column: [format_money(p.charge) for p in priced] + [format_money(data.totals().charges)],
    }
    for column, figures in amounts.items():
        widest = max((pdfmetrics.stringWidth(f, sheet.fonts.bold, TABLE_SIZE) for f in figures), default=0)
        if widest + 8 > widths[column]:
            widths[region_column] -= widest + 8 - widths[column]
            widths[column] = widest + 8
    rows: list[list[Flowable | str]] = [[heading for heading, _, _ in COLUMNS]]
    bands: list[int] = []  # rows of every other visit, shaded so a visit's lines read together
    visit_index = -1
    last_key: str | None = None
    for line in priced:
        if line.visit.key != last_key:
            visit_index += 1
            last_key = line.visit.key
        if visit_index % 2 == 1:
            bands.append(len(rows))
        rows.append(_service_row(sheet, line, widths))
    if not priced:
        rows.append(["", "", "", "", "No services on this statement.", "", "", "", "", ""])
    charges = format_money(data.totals().charges)
    rows.append(["", "", "", "", "Total charges", "", "", "", "", charges])
    style = sheet.grid_style(
        len(rows) - 2,
        center=[i for i, (_, _, align) in enumerate(COLUMNS) if align == "CENTER"],
        right=[i for i, (_, _, align) in enumerate(COLUMNS) if align == "RIGHT"],
    )
    style += [("BACKGROUND", (0, r), (-1, r), BAND) for r in bands]
    style += [
        ("FONTNAME", (2, 1), (2, -2), sheet.fonts.bold),
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, ACCENT),
        ("FONTNAME", (0, -1), (-1, -1), sheet.fonts.bold),
    ]
    table = Table(rows, colWidths=widths, repeatRows=1, style=style)
    last_visit = [p for p in priced if p.visit.key == last_key]
    kept = max(len(last_visit), 1) + 1
    return ServiceTable(sheet.section("SERVICES"), table, code_key(sheet, priced), kept)


def _service_row(sheet: Sheet, line: PricedLine, widths: Sequence[float]) -> list[Flowable | str]:
    s = sheet.styles
    timed = line.procedure.timed if line.procedure else line.line.minutes is not None
    minutes = str(line.line.minutes) if timed and line.line.minutes is not None else ""
    return [
        us_date(line.visit.date),
        sheet.cell(line.place_of_service, s["cell_center"], widths[1] - 6),
        sheet.cell(line.line.cpt, s["cell_bold"], widths[2] - 6),
        sheet.cell(" ".join(line.line.modifiers), s["cell"], widths[3] - 6),
        sheet.cell(line.line.body_region or "", s["cell"], widths[4] - 6),
        sheet.cell(",".join(line.pointers), s["cell_center"], widths[5] - 6),
        minutes,
        str(line.units),
        money_cell(line.fee, blank="–"),
        format_money(line.charge),
    ]


def code_key(sheet: Sheet, priced: Sequence[PricedLine]) -> list[Flowable]:
    """Each procedure code used, in our own words, and the place-of-service and modifier codes."""
    s = sheet.styles
    key_widths = [0.5 * inch, sheet.width - 1.9 * inch, 1.4 * inch]
    rows: list[list[Flowable | str]] = []
    for code in dict.fromkeys(p.line.cpt for p in priced):
        procedure = next(p.procedure for p in priced if p.line.cpt == code)
        if procedure is None:
            continue
        billed = "per 15-minute unit" if procedure.timed else "per session"
        rows.append(
            [
                sheet.cell(code, s["cell_bold"], key_widths[0] - 6),
                sheet.cell(procedure.description, s["cell"], key_widths[1] - 6),
                billed,
            ]
        )
    places = sorted({p.place_of_service for p in priced})
    notes = [f"POS {printed(code)}: {PLACES_OF_SERVICE.get(code, 'place of service')}" for code in places]
    modifiers = sorted({m for p in priced for m in p.line.modifiers if m in KNOWN_MODIFIERS})
    notes += [f"Modifier {m}: {KNOWN_MODIFIERS[m].lower()}" for m in modifiers]
    notes.append("Dx ptr: the diagnosis letters above")
    legend = Paragraph(markup(". ".join(notes) + "."), s["small"])
    if not rows:
        return [Spacer(1, 3), legend]
    key = Table(
        rows,
        colWidths=key_widths,
        hAlign="LEFT",
        style=[
            ("FONTNAME", (0, 0), (-1, -1), sheet.fonts.regular),
            ("FONTNAME", (0, 0), (0, -1), sheet.fonts.bold),
            ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
            ("LEADING", (0, 0), (-1, -1), TABLE_LEADING),
            ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )
    return [Spacer(1, 4), key, Spacer(1, 2), legend]
