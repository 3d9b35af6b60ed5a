"""What every document of the practice shares, as pretix's invoice base is to its layouts.

- look.py: the colours, the type sizes and the paragraph styles (fonts: app.render.fonts);
- text.py: stored text as printed (one line, cut short), paragraph markup, fitting a line to a width;
- cells.py: money and dates as a table cell shows them;
- blocks.py: blocks drawn straight on the canvas, and a table whose end never parts from what follows;
- sheet.py: a Platypus page's frame, its cells, section headings and table grid;
- page.py: page furniture: "Page X of Y" numbering, the draft watermark;
- wording.py: what every document says alike (the confidentiality note, DRAFT, the letter on file).

The layouts (app.render.superbill, app.render.year_end, app.render.necessity_letter, app.render.cms1500)
only say what goes where.
"""
