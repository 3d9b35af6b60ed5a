"""The year-end statement layout: drawn straight on the canvas, a few milliseconds each.

Hundreds are written in one go in January (app.services.statements), so this lays the page out
itself, row by row, instead of through Platypus tables: the rows have one line each (a long text is
cut with "…" to its column), so the number of pages is known before drawing. The faces, colours,
wording and watermark it shares with the superbill are app.render.base's.

document.py     the PDF: pages, metadata, the running head and footer on every page
first_page.py   the title, the provider, patient and prescriber blocks, the diagnoses
visit_table.py  one row per date of service, and the year's totals beneath
"""

from app.render.year_end.document import StatementRenderer

__all__ = ["StatementRenderer"]
