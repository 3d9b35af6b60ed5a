"""The superbill's diagnosis table: each ICD-10-CM code under the pointer letter the service lines use."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Table

from app.domain.superbill import POINTER_LETTERS, SuperbillData
from app.render.base.sheet import Sheet

Describe = Callable[[str], str | None]
"""An ICD-10-CM description for a code, or None when the code index lacks it."""


def diagnoses(sheet: Sheet, data: SuperbillData, describe: Describe | None) -> list[Flowable]:
    codes = data.diagnoses()[: len(POINTER_LETTERS)]
    if not codes:
        return []
    widths = [0.45 * inch, 0.95 * inch, sheet.width - 1.4 * inch]
    rows: list[list[Flowable | str]] = [["Ptr", "ICD-10-CM", "Description"]]
    for letter, code in zip(POINTER_LETTERS, codes, strict=False):
        description = (describe(code) if describe else None) or ""
        rows.append(
            [
                letter,
                sheet.cell(code, sheet.styles["cell_bold"], widths[1] - 6),
                sheet.cell(description, sheet.styles["cell"], widths[2] - 6),
            ]
        )
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        style=[*sheet.grid_style(len(rows), center=[0]), ("FONTNAME", (1, 1), (1, -1), sheet.fonts.bold)],
    )
    return [*sheet.section("DIAGNOSES"), table]
