"""CPT/HCPCS procedure codes for soft-tissue work, with descriptions in our own words.

CPT descriptors are the AMA's copyright: the descriptions here are plain-English
summaries written for therapists and patients, not the official text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Procedure:
    code: str
    description: str
    timed: bool  # billed in 15-minute units
    user_added: bool = False


CATALOGUE: dict[str, Procedure] = {
    p.code: p
    for p in (
        Procedure("97124", "Therapeutic massage of muscles and soft tissue", timed=True),
        Procedure(
            "97140",
            "Hands-on manual therapy: myofascial release, soft-tissue and joint mobilization",
            timed=True,
        ),
        Procedure(
            "97112",
            "Retraining of balance, coordination and posture (neuromuscular re-education)",
            timed=True,
        ),
        Procedure("97110", "Guided exercise for strength, flexibility and range of motion", timed=True),
        Procedure("97530", "Functional activities to improve everyday movement", timed=True),
        Procedure("97035", "Therapeutic ultrasound", timed=True),
        Procedure("97010", "Hot or cold pack applied to the treated area", timed=False),
        Procedure("97018", "Warm paraffin wax bath", timed=False),
        Procedure("97022", "Whirlpool bath", timed=False),
    )
}

# Pairs that many payers bundle when billed on the same date.
BUNDLED_PAIRS: tuple[frozenset[str], ...] = (frozenset({"97124", "97140"}),)

# Modifiers that mark a distinct procedural service.
DISTINCT_SERVICE_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU"})

KNOWN_MODIFIERS: dict[str, str] = {
    "59": "Distinct procedural service",
    "XE": "Separate encounter",
    "XS": "Separate structure or body region",
    "XP": "Separate practitioner",
    "XU": "Unusual non-overlapping service",
    "GP": "Outpatient physical therapy plan of care",
    "KX": "Medicare therapy threshold met, documentation on file",
}

PLACES_OF_SERVICE: dict[str, str] = {
    "11": "Office",
    "12": "Home",
    "02": "Telehealth, not in the patient's home",
    "10": "Telehealth in the patient's home",
    "19": "Off-campus outpatient hospital",
    "22": "On-campus outpatient hospital",
    "99": "Other place of service",
}

_CPT = re.compile(r"^(\d{4}[0-9FTU]|[A-V]\d{4})$")
_MODIFIER = re.compile(r"^[A-Z0-9]{2}$")


def is_procedure_code(code: str) -> bool:
    """Five characters: a CPT code (97124, 0001F) or a HCPCS Level II code (G0283)."""
    return bool(_CPT.match(code))


def is_modifier(text: str) -> bool:
    return bool(_MODIFIER.match(text))
