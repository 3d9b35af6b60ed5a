"""A letter of medical necessity for HSA/FSA: what the prescriber is asked to sign (pure values).

IRS Publication 502 counts massage as medical care only when it treats a condition; HSA and FSA
administrators ask for a letter from the prescriber saying so, renewed every 12 months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.people import Patient, Practitioner
from app.domain.practice import Prescription

VALID_MONTHS = 12  # how long a signed letter is accepted, unless the prescriber writes otherwise


@dataclass(frozen=True)
class LetterData:
    practitioner: Practitioner
    patient: Patient
    account_holder: str  # "the patient", or the insured person's name
    prescription: Prescription
    diagnoses: tuple[tuple[str, str], ...]  # (ICD-10-CM code, description)
    procedures: tuple[tuple[str, str], ...]  # (CPT code, description)
    starts_on: date
    ends_on: date
    written_on: date  # the day the letter was prepared

    @property
    def frequency(self) -> str:
        return self.prescription.frequency or "as prescribed"

    @property
    def prescriber(self) -> str:
        rx = self.prescription
        return (
            f"{rx.prescriber_name}, {rx.prescriber_credentials}"
            if rx.prescriber_credentials
            else rx.prescriber_name
        )


def necessity_statement(data: LetterData) -> str:
    """The medical-necessity statement, in plain words, for the prescriber to sign."""
    conditions = ", ".join(f"{code} {text}" for code, text in data.diagnoses) or "the condition listed above"
    return (
        f"I am treating {data.patient.full_name} for {conditions}. Massage therapy, as described above, is "
        "medically necessary to treat this condition: to relieve pain, restore movement and function, "
        "and support recovery. It is not for general health, relaxation or cosmetic purposes, and the "
        "patient would not need it but for this condition. I recommend it at the frequency and for the "
        "period shown. This letter supports the patient's use of a health savings account (HSA) or "
        "flexible spending account (FSA) for this treatment, as medical care under IRS Publication 502."
    )
