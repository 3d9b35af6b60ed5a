"""Wording every document of the practice shares."""

from __future__ import annotations

CREATOR = "Superbill Desk"
DRAFT_WATERMARK = "DRAFT - not for submission"
CONFIDENTIALITY = (  # one line at 8 pt on Letter and A4
    "Confidential: protected health information. "
    "Share it only with the patient's health plan or insurer for reimbursement."
)
NECESSITY_LETTER_ON_FILE = "Letter of medical necessity on file, dated"
