"""A claim as an ASC X12 837P (005010X222A1) file, the form a clearinghouse takes.

One interchange (ISA/IEA) holding one functional group (GS/GE) and one transaction (ST/SE) with
the billing provider (2000A/2010AA), the subscriber and payer (2000B/2010BA/2010BB), the patient
when not the subscriber (2000C/2010CA), the claim (2300 CLM, HI; 2310A referring DN; 2310B
rendering when it differs from the billing provider) and its service lines (2400 LX/SV1/DTP*472).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.claim import ACCIDENT, INITIAL_TREATMENT, ONSET, Claim, ClaimAddress, Party, claim_text
from app.domain.money import Cents
from app.domain.practice import PayerKind, Relationship, TaxIdType

SEGMENT, ELEMENT, COMPONENT, REPETITION = "~", "*", ":", "^"
VERSION = "005010X222A1"
PLACEHOLDER_RECEIVER = "RECEIVERID"  # until the therapist names a clearinghouse with --receiver
PLACEHOLDER_PAYER_ID = "PAYERID"

# SBR09, the claim filing indicator, by payer kind.
_FILING: dict[PayerKind, str] = {
    PayerKind.COMMERCIAL: "CI",
    PayerKind.MEDICARE: "MB",
    PayerKind.MEDICARE_ADVANTAGE: "16",
    PayerKind.MEDICAID: "MC",
    PayerKind.WORKERS_COMP: "WC",
    PayerKind.AUTO: "AM",
    PayerKind.VA_COMMUNITY_CARE: "VA",
}
# PAT01 / SBR02: how the patient is related to the insured.
_PATIENT_RELATIONSHIP = {Relationship.SPOUSE: "01", Relationship.CHILD: "19", Relationship.OTHER: "G8"}


@dataclass(frozen=True)
class Envelope:
    """The IDs are written as given: the caller checks them (app.domain.claim.claim_identifier; the
    payer ID, app.domain.identifiers.validate_payer_id)."""

    sender_id: str  # ISA06 / GS02 / 1000A NM109
    receiver_id: str  # ISA08 / GS03 / 1000B NM109
    receiver_name: str
    control_number: int  # ISA13, GS06, ST02
    created: datetime
    payer_id: str = PLACEHOLDER_PAYER_ID  # 2010BB NM109
    production: bool = True  # ISA15 P, else T


def x837_text(claim: Claim, envelope: Envelope) -> str:
    """The 837P file, one segment a line."""
    body = _transaction(claim, envelope)
    control = f"{envelope.control_number:09d}"
    when = envelope.created
    isa = [
        "ISA",
        "00",
        " " * 10,
        "00",
        " " * 10,
        "ZZ",
        envelope.sender_id.ljust(15),
        "ZZ",
        envelope.receiver_id.ljust(15),
        when.strftime("%y%m%d"),
        when.strftime("%H%M"),
        REPETITION,
        "00501",
        control,
        "0",
        "P" if envelope.production else "T",
        COMPONENT,
    ]
    segments = [
        ELEMENT.join(isa),
        _seg(
            "GS",
            "HC",
            envelope.sender_id,
            envelope.receiver_id,
            when.strftime("%Y%m%d"),
            when.strftime("%H%M"),
            str(envelope.control_number),
            "X",
            VERSION,
        ),
        *body,
        _seg("GE", "1", str(envelope.control_number)),
        _seg("IEA", "1", control),
    ]
    return "".join(s + SEGMENT + "\n" for s in segments)


N4_CITY = 30  # N401, the city: 2 to 30 characters (005010X222A1)
Cut = tuple[str, str, str]  # (loop, the whole city, what the file carries of it)


def cut_cities(claim: Claim) -> list[Cut]:
    """The cities the 837P cuts to N401's 30 characters, each with the loop it goes in."""
    cuts: list[Cut] = []
    _transaction(claim, Envelope("CHECK", "CHECK", "CHECK", 1, datetime(2000, 1, 1)), cuts)
    return cuts


def _transaction(claim: Claim, envelope: Envelope, cuts: list[Cut] | None = None) -> list[str]:
    """The transaction set, ST to SE; the cities cut to fit are added to `cuts`."""
    cut: list[Cut] = [] if cuts is None else cuts

    def address(loop: str, a: ClaimAddress) -> list[str]:
        city = _text(a.city)
        if len(city) > N4_CITY:
            cut.append((loop, city, city[:N4_CITY].rstrip()))
        return [_seg("N3", a.street[:55]), _seg("N4", city[:N4_CITY].rstrip(), a.state, a.zip)]

    st_control = f"{envelope.control_number % 10000:04d}"
    when = envelope.created
    reference = claim.number or "DRAFT"
    source = claim.source
    p = source.practitioner
    out: list[str] = [
        _seg("ST", "837", st_control, VERSION),
        _seg("BHT", "0019", "00", _id(reference), when.strftime("%Y%m%d"), when.strftime("%H%M"), "CH"),
        # 1000A submitter, 1000B receiver
        _seg("NM1", "41", "2", claim.billing.name, "", "", "", "", "46", envelope.sender_id),
        _seg("PER", "IC", claim.provider_signature, "TE", claim.billing.phone, *_extension(claim.billing)),
        _seg("NM1", "40", "2", _text(envelope.receiver_name), "", "", "", "", "46", envelope.receiver_id),
        # 2000A billing provider
        _seg("HL", "1", "", "20", "1"),
    ]
    if claim.billing.taxonomy:
        out.append(_seg("PRV", "BI", "PXC", claim.billing.taxonomy))
    if p.organization_npi:
        out.append(_seg("NM1", "85", "2", claim.billing.name, "", "", "", "", "XX", claim.billing.npi))
    else:
        out.append(
            _seg(
                "NM1", "85", "1", _text(p.last_name), _text(p.first_name), "", "", "", "XX", claim.billing.npi
            )
        )
    out += address("2010AA", claim.billing.address)
    out.append(_seg("REF", "SY" if claim.tax_id_type is TaxIdType.SSN else "EI", claim.tax_id))
    # 2000B subscriber
    self_insured = claim.relationship is Relationship.SELF
    filing = _FILING.get(claim.payer.kind, "CI")
    out.append(_seg("HL", "2", "1", "22", "0" if self_insured else "1"))
    out.append(_seg("SBR", "P", "18" if self_insured else "", claim.group_number, "", "", "", "", "", filing))
    # 2010BA the insured: a person, or (no first name) an employer holding a workers' comp policy
    insured_person = _seg(
        "NM1", "IL", "1", claim.insured_last, claim.insured_first, "", "", "", "MI", _id(claim.insured_id)
    )
    if self_insured:
        out.append(insured_person)
        if claim.patient_address is not None:
            out += address("2010BA", claim.patient_address)
        out.append(_seg("DMG", "D8", _day(claim.patient_birth), claim.patient_sex or "U"))
    elif claim.insured_first:
        out.append(insured_person)
    else:  # an employer holding a workers' comp policy
        out.append(_seg("NM1", "IL", "2", claim.insured_last, "", "", "", "", "MI", _id(claim.insured_id)))
    if claim.other_claim_id is not None and self_insured:
        out.append(_seg("REF", claim.other_claim_id[0], _id(claim.other_claim_id[1])))
    # 2010BB payer
    out.append(_seg("NM1", "PR", "2", claim.plan_name, "", "", "", "", "PI", envelope.payer_id))
    if claim.payer.address is not None:
        out += address("2010BB", ClaimAddress.of(claim.payer.address))
    if not self_insured:
        # 2000C patient
        out.append(_seg("HL", "3", "2", "23", "0"))
        employee = claim.payer.kind is PayerKind.WORKERS_COMP  # insured by the employer
        out.append(_seg("PAT", "20" if employee else _PATIENT_RELATIONSHIP.get(claim.relationship, "G8")))
        out.append(_seg("NM1", "QC", "1", claim.patient_last, claim.patient_first))
        if claim.patient_address is not None:
            out += address("2010CA", claim.patient_address)
        out.append(_seg("DMG", "D8", _day(claim.patient_birth), claim.patient_sex or "U"))
        if claim.other_claim_id is not None:
            out.append(_seg("REF", claim.other_claim_id[0], _id(claim.other_claim_id[1])))
    out += _claim_loop(claim)
    count = len(out) + 1  # ST to SE, both counted
    out.append(_seg("SE", str(count), st_control))
    return out


def _claim_loop(claim: Claim) -> list[str]:
    place = claim.lines[0].place if claim.lines else "11"
    frequency = claim.resubmission.code if claim.resubmission else "1"
    causes = [
        c
        for c, on in (("EM", claim.employment), ("AA", claim.auto_accident), ("OA", claim.other_accident))
        if on
    ]
    parts = [*causes, "", "", ""][:3] + ([claim.accident_state or ""] if claim.auto_accident else [])
    related = tuple(parts)
    out = [
        _seg(
            "CLM",
            _id(claim.number or "DRAFT"),
            _amount(claim.total_charge),
            "",
            "",
            (place, "B", frequency),
            "Y",
            "A" if claim.accept_assignment else "C",
            "Y",
            "Y",
            "",
            related,
        )
    ]
    if claim.current_date is not None and claim.current_date.qualifier == ONSET:
        out.append(_seg("DTP", ONSET, "D8", _day(claim.current_date.day)))
    if claim.other_date is not None and claim.other_date.qualifier == INITIAL_TREATMENT:
        out.append(_seg("DTP", INITIAL_TREATMENT, "D8", _day(claim.other_date.day)))  # item 15's 454
    if claim.auto_accident and claim.other_date is not None and claim.other_date.qualifier == ACCIDENT:
        out.append(_seg("DTP", ACCIDENT, "D8", _day(claim.other_date.day)))
    if claim.prior_authorization:
        out.append(_seg("REF", "G1", _id(claim.prior_authorization)))
    if claim.resubmission is not None:
        out.append(_seg("REF", "F8", _id(claim.resubmission.original_reference)))
    if claim.diagnoses:
        codes = [("ABK" if i == 0 else "ABF", code) for i, code in enumerate(claim.diagnoses)]
        out.append(_seg("HI", *codes))
    if claim.referring is not None:
        first, last = _split_name(claim.referring.name)
        npi = claim.referring.npi
        out.append(_seg("NM1", "DN", "1", last, first, "", "", "", *(("XX", npi) if npi else ())))
    source = claim.source
    p = source.practitioner
    rendering = next((line.rendering_npi for line in claim.lines if line.rendering_npi), None)
    if rendering:
        out.append(
            _seg("NM1", "82", "1", _text(p.last_name), _text(p.first_name), "", "", "", "XX", rendering)
        )
        if claim.billing.taxonomy:
            out.append(_seg("PRV", "PE", "PXC", claim.billing.taxonomy))
    letters = "ABCDEFGHIJKL"
    for number, line in enumerate(claim.lines, start=1):
        procedure = ("HC", line.cpt, *line.modifiers)
        pointers = tuple(str(letters.index(x) + 1) for x in line.pointers)
        out.append(_seg("LX", str(number)))
        out.append(_seg("SV1", procedure, _amount(line.charge), "UN", str(line.units), "", "", pointers))
        out.append(_seg("DTP", "472", "D8", _day(line.first_date)))
    return out


def _extension(party: Party) -> tuple[str, ...]:
    """PER05-06: the telephone's extension, qualifier EX, when it has one."""
    return ("EX", party.phone_extension) if party.phone_extension else ()


def _split_name(name: str) -> tuple[str, str]:
    """'HELEN PARK MD' -> ('HELEN', 'PARK'): a credential after the last name is left out of NM1."""
    words = name.split()
    credentials = {"MD", "DO", "DC", "PA", "PA-C", "NP", "DPT", "PT", "ND", "RN", "APRN", "FNP", "DDS"}
    while len(words) > 2 and words[-1].replace(".", "") in credentials:
        words.pop()
    if len(words) == 1:
        return "", words[0]
    return words[0], words[-1]


Element = str | tuple[str, ...]  # a tuple is a composite: its parts joined by the component separator


def _seg(name: str, *elements: Element) -> str:
    values = [name, *(_element(e) for e in elements)]
    while len(values) > 1 and values[-1] == "":
        values.pop()
    return ELEMENT.join(values)


def _element(value: Element) -> str:
    if isinstance(value, str):
        return _clean(value)
    parts = [_clean(part) for part in value]
    while parts and parts[-1] == "":
        parts.pop()
    return COMPONENT.join(parts)


_DELIMITERS = str.maketrans({SEGMENT: " ", ELEMENT: " ", COMPONENT: " ", REPETITION: " "})


def _clean(value: str) -> str:
    """An element's text without the file's delimiters."""
    return " ".join(value.translate(_DELIMITERS).split())


def _text(value: str) -> str:
    return _clean(claim_text(value))


def _id(value: str) -> str:
    return _text(value).replace(" ", "")


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _amount(cents: Cents) -> str:
    """X12 decimal: 80 for $80.00, 45.5 for $45.50 (no trailing zeros)."""
    whole, frac = divmod(cents, 100)
    if frac == 0:
        return str(whole)
    return f"{whole}.{frac:02d}".rstrip("0")


__all__ = ["PLACEHOLDER_PAYER_ID", "PLACEHOLDER_RECEIVER", "Envelope", "x837_text"]
