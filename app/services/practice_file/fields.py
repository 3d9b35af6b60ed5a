"""The practice file's shape (format "superbill/1"): every key each record takes.

The reader refuses any other key, so that a typo never drops data silently; docs/practice-file.md
lists them (tests/services/test_practice_file_doc.py checks it does).
"""

from __future__ import annotations

FORMAT = "superbill/1"

ADDRESS = {"line1", "line2", "city", "state", "zip"}
PRACTITIONER = {
    "first_name", "last_name", "credentials", "practice_name", "npi", "organization_npi", "tax_id",
    "tax_id_type", "license_number", "license_state", "taxonomy", "address", "phone", "email",
    "default_place_of_service", "signature_png", "signature_file",
}  # fmt: skip
PAYER = {"id", "name", "kind", "address", "phone", "unit_rule", "filing_limit_days", "payer_id"}
PATIENT = {
    "id", "first_name", "last_name", "date_of_birth", "sex", "address", "phone", "email",
    "coverages", "prescriptions", "visits", "payments",
}  # fmt: skip
COVERAGE = {
    "id", "payer", "member_id", "group_number", "relationship", "subscriber", "claim_number",
    "injury_date", "employer", "accident_state", "adjuster", "authorization_number", "annual_visit_limit",
}  # fmt: skip
SUBSCRIBER = {"first_name", "last_name", "date_of_birth"}
PRESCRIPTION = {
    "id", "prescriber_name", "prescriber_credentials", "prescriber_npi", "written_on", "starts_on",
    "expires_on", "authorized_visits", "frequency", "body_areas", "diagnoses", "notes",
}  # fmt: skip
VISIT = {"id", "date", "place_of_service", "coverage", "prescription", "diagnoses", "lines"}
LINE = {"cpt", "minutes", "units", "unit_reason", "modifiers", "pointers", "body_region", "fee"}
PAYMENT = {"id", "date", "amount", "method", "reference"}
DOCUMENT = {"format", "practitioner", "fees", "payers", "patients"}

# Every key the importer takes, by record, as docs/practice-file.md names the records ("fees" is a
# table of any CPT codes); tests/services/test_practice_file_doc.py checks the document lists them all.
FIELDS: dict[str, frozenset[str]] = {
    "document": frozenset(DOCUMENT),
    "practitioner": frozenset(PRACTITIONER),
    "address": frozenset(ADDRESS),
    "payers": frozenset(PAYER),
    "patients": frozenset(PATIENT),
    "coverages": frozenset(COVERAGE),
    "subscriber": frozenset(SUBSCRIBER),
    "prescriptions": frozenset(PRESCRIPTION),
    "visits": frozenset(VISIT),
    "lines": frozenset(LINE),
    "payments": frozenset(PAYMENT),
}
