"""The superbill layout (app.render.base draws what every document shares).

document.py   the PDF: its parts in order, metadata, the running head and footer on every page
header.py     the title, statement number and dates
panels.py     the people panels as drawn; panel_rows.py what each says (provider, patient, insurance)
diagnoses.py  the ICD-10-CM codes under their pointer letters
service_table.py  the service lines, the total charges and the key to the codes
payments.py   payments received and the balance
signatures.py the patient's release and the provider's certification, with the signature image
wording.py    the fixed wording
"""

from app.render.superbill.document import SuperbillRenderer
from app.render.superbill.signatures import SignatureImageError

__all__ = ["SignatureImageError", "SuperbillRenderer"]
