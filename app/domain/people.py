"""The people a practice's records are about: the practitioner and the patients, with their addresses.

Plain immutable values, like every record (app.domain.practice re-exports them with the rest).
The main window needs only these to open (its title, the patients list), so the modules on
that path import them from here and the other records are built when first used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


def listed_name(first_name: str, last_name: str) -> str:
    """A patient as lists name them, last name first: "Okafor, Daniel" (the patients list, the
    needs-attention list, the files a batch of superbills writes)."""
    return f"{last_name}, {first_name}"


# Name suffixes (a generation): kept with the last name, as the CMS-1500's box 2 asks ("enter it
# after the last name"), since a patient has no suffix field: "John Q. Public Jr." is first "John Q.",
# last "Public Jr.". Compared folded and without the full stop.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
# Words that begin a surname: "Mary Ann van der Berg" is first "Mary Ann", last "van der Berg".
SURNAME_PARTICLES = frozenset(
    {"van", "der", "den", "de", "la", "del", "della", "da", "di", "dos", "du", "von", "le", "st", "ste"}
)


def _bare(word: str) -> str:
    return word.casefold().rstrip(".,")


def split_full_name(text: str) -> tuple[str, str]:
    """A full name as one spreadsheet cell holds it -> (first, last), the last as the insurer prints it.

    "Okafor, Daniel" and "Daniel Okafor" -> ("Daniel", "Okafor"); "John Q. Public Jr.", "Public, John
    Q., Jr." and "Public Jr., John Q." -> ("John Q.", "Public Jr."); "Mary Ann van der Berg" ->
    ("Mary Ann", "van der Berg"). The first name keeps at least one word; one word is a last name only.
    """
    words = text.replace(",", " , ").split()
    suffixes: list[str] = []
    while words and (words[-1] == "," or (_bare(words[-1]) in NAME_SUFFIXES and len(words) > 2)):
        word = words.pop()
        if word != ",":
            suffixes.insert(0, word)
    if "," in words:  # "Last [Suffix], First [Middle]"
        at = words.index(",")
        last_words = words[:at]
        while last_words and _bare(last_words[-1]) in NAME_SUFFIXES and len(last_words) > 1:
            suffixes.insert(0, last_words.pop())
        first_words = [w for w in words[at + 1 :] if w != ","]
    else:
        at = len(words) - 1
        while at > 1 and _bare(words[at - 1]) in SURNAME_PARTICLES:
            at -= 1
        first_words, last_words = words[:at], words[at:]
    return " ".join(first_words), " ".join([*last_words, *suffixes])


def initials(first_name: str, last_name: str) -> str:
    """ "D.O." for Daniel Okafor: a patient named without the name (lists where a name is not needed)."""
    return "".join(f"{part.strip()[:1].upper()}." for part in (first_name, last_name) if part.strip())


class TaxIdType(StrEnum):
    """Which tax ID the practitioner bills under: the practice's EIN, or their own SSN."""

    EIN = "EIN"
    SSN = "SSN"


@dataclass(frozen=True)
class Address:
    """A US postal address, as printed on the superbill."""

    line1: str
    city: str
    state: str
    zip: str
    line2: str | None = None

    def lines(self) -> tuple[str, ...]:
        """As printed: street line(s), then "City, ST 12345"."""
        street = (self.line1,) + ((self.line2,) if self.line2 else ())
        return (*street, f"{self.city}, {self.state} {self.zip}")


@dataclass(frozen=True)
class Practitioner:
    """The therapist whose practice this is: the superbill's provider."""

    first_name: str
    last_name: str
    credentials: str
    npi: str
    tax_id: str
    tax_id_type: TaxIdType
    license_number: str
    license_state: str
    address: Address
    phone: str
    practice_name: str | None = None
    organization_npi: str | None = None
    taxonomy: str | None = "225700000X"
    email: str | None = None
    default_place_of_service: str = "11"
    # An SSN prints masked (***-**-6789) unless the therapist allows it in full.
    print_full_ssn: bool = False
    signature_png: bytes | None = field(default=None, repr=False)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.credentials}".strip(", ")


# Before the setup wizard has run there is no practitioner; pricing and the check still need one.
# Every field is empty (the check then says what the provider lacks), the place of service is the
# office (11), which is what the wizard would default to.
NO_PRACTITIONER = Practitioner(
    first_name="",
    last_name="",
    credentials="",
    npi="",
    tax_id="",
    tax_id_type=TaxIdType.EIN,
    license_number="",
    license_state="",
    address=Address("", "", "", ""),
    phone="",
)


@dataclass(frozen=True)
class Patient:
    """A patient's own details; their coverages, prescriptions, visits and payments are their chart."""

    key: str
    first_name: str
    last_name: str
    date_of_birth: date
    sex: str | None = None
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    # Printed on the superbill; given by the store when the patient is first saved.
    account_number: str | None = None

    @property
    def full_name(self) -> str:
        """Exactly as entered: the insurer matches it against its own record."""
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        """Whole years of age on `day` (a 29 February birthday comes round on 1 March)."""
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
