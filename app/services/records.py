"""Moved: saving records is app.services.saving, a patient's account app.services.accounts.

A re-export for the app/ui modules that still import it (issue 14: their owner moves them);
the lead removes this file once they import the new modules.
"""

from app.services.accounts import PatientAccount as PatientAccount
from app.services.accounts import PrescriptionUsage as PrescriptionUsage
from app.services.accounts import VisitCharges as VisitCharges
from app.services.accounts import balance_due as balance_due
from app.services.accounts import patient_account as patient_account
from app.services.accounts import prescription_usage as prescription_usage
from app.services.saving import COVERAGE_FIELDS as COVERAGE_FIELDS
from app.services.saving import add_procedure as add_procedure
from app.services.saving import check_diagnosis as check_diagnosis
from app.services.saving import save_coverage as save_coverage
from app.services.saving import save_patient as save_patient
from app.services.saving import save_payer as save_payer
from app.services.saving import save_payment as save_payment
from app.services.saving import save_prescription as save_prescription
