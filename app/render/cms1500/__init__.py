"""The CMS-1500 claim form on paper (the claim itself, and its box rules, are app.domain.claim).

grid.py      the form's 1/10 by 1/6 inch print grid and where each box lies on it
items.py     where every item of a claim prints, box by box
form.py      the plain form drawn whole, in dropout red
document.py  the PDF: the plain form with its data, or the data alone for red forms; the test page

It shares with the other papers only what is really shared (app.render.base): the DRAFT wording and
the page numbering. Its faces are the printer's Courier on the form's grid, not the embedded ones.
"""

from app.render.cms1500.document import FormKind, Offset, render_cms1500, render_test_page

__all__ = ["FormKind", "Offset", "render_cms1500", "render_test_page"]
