"""The superbill's fixed wording: what it says to the insurer, the patient and the provider."""

from __future__ import annotations

from app.domain.practice import Relationship

TITLE = "Superbill"
SUBTITLE = "Itemized statement for insurance reimbursement"
KEYWORDS = "superbill, itemized statement, insurance reimbursement"
PAID_IN_FULL = "Paid in full. Please reimburse the patient directly."
# CMS-1500 box 27: the practice is paid by the patient, so benefits go to the patient (the release says so).
ACCEPT_ASSIGNMENT = "No: payment to the patient"
SAME_AS_BILLING = "Same as billing provider"
PATIENT_SIGNS = "Patient signature"
GUARDIAN_MAY_SIGN = "Signature of patient or parent/guardian"
RELATIONSHIP = {
    Relationship.SELF: "Self",
    Relationship.SPOUSE: "Spouse",
    Relationship.CHILD: "Child",
    Relationship.OTHER: "Other",
}
SEX = {"M": "Male", "F": "Female"}
PATIENT_AUTHORIZATION = (
    "I authorize the provider named above to release to my health plan or insurer the information "
    "on this statement that it needs to process my claim, and I ask that any benefits due for these "
    "services be paid directly to me."
)
PROVIDER_CERTIFICATION = (
    "I certify that I personally provided the services listed on this statement on the dates shown, "
    "for the diagnoses listed, and that the charges shown are my full usual fees for those services."
)
