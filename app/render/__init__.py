"""render layer of Superbill Desk (see docs/design.md 2): PDFs and the 837P file, returned as bytes.

base/         what every paper shares: look, page furniture, text, cells, grid (as pretix's invoice base)
superbill/    the superbill layout, one file per part (service_table.py: the service table)
year_end/     the year-end statement layout
necessity_letter.py  the HSA/FSA letter of medical necessity
cms1500/      the CMS-1500 claim form on its print grid
x837.py       the 837P file for a clearinghouse
fonts.py      the embedded faces
"""
