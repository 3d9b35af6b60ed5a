"""The practitioner is checked by the services, once, for every way in: the setup wizard, the
settings dialog and the practice-file importer give the same answer, and a refusal saves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.domain.people import Address, Practitioner
from app.domain.practice import Practice
from app.domain.superbill import PaperSize
from app.services import fees, practice_profile
from app.services.practice_import import import_practice
from app.services.workspace import Workspace
from tests import sample


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir)
    yield workspace
    workspace.close()


GOOD = sample.practitioner()
# What a practitioner may not be, and the field each refusal names.
REFUSED = [
    (replace(GOOD, npi="1234567890"), "npi"),
    (replace(GOOD, organization_npi="1111111111"), "organization_npi"),
    (replace(GOOD, tax_id="12-345"), "tax_id"),
    (replace(GOOD, license_number="  "), "license_number"),
    (replace(GOOD, license_state="ZZ"), "license_state"),
    (replace(GOOD, taxonomy="massage"), "taxonomy"),
    (replace(GOOD, first_name=" "), "first_name"),
    (replace(GOOD, address=Address("1 Main St", "Seattle", "WA", "1234-5")), "address.zip"),
    (replace(GOOD, address=Address("1 Main St", "Seattle", "XX", "98109")), "address.state"),
]


def _ways_in(workspace: Workspace) -> dict[str, object]:
    """Each way a practitioner reaches the store: the setup wizard, the settings dialog, the importer."""
    return {
        "setup": lambda p: practice_profile.set_up_practice(workspace, p, {"97124": 9500}),
        "settings": lambda p: practice_profile.save_profile(workspace, p, PaperSize.LETTER),
        "import": lambda p: import_practice(workspace, Practice(practitioner=p)),
    }


@pytest.mark.parametrize(("given", "field"), REFUSED, ids=[field for _, field in REFUSED])
def test_the_setup_the_settings_and_the_importer_refuse_the_same_practitioner_and_save_nothing(
    workspace: Workspace, given: Practitioner, field: str
) -> None:
    answers = {}
    for way, save in _ways_in(workspace).items():
        with pytest.raises(ValidationError) as refused:
            save(given)  # type: ignore[operator]
        answers[way] = refused.value.field
        assert practice_profile.practitioner(workspace) is None, way
    assert answers == {"setup": field, "settings": field, "import": field}
    assert fees.fee_schedule(workspace).default == {}


def test_a_good_practitioner_is_saved_the_same_by_every_way_in(workspace: Workspace) -> None:
    stored = []
    for save in _ways_in(workspace).values():
        save(GOOD)  # type: ignore[operator]
        stored.append(practice_profile.practitioner(workspace))
    assert stored == [GOOD, GOOD, GOOD]
    assert fees.fee_schedule(workspace).default == {"97124": 9500}


def test_a_fee_below_zero_is_refused_and_the_schedule_kept(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="cannot be negative"):
        practice_profile.set_up_practice(workspace, GOOD, {"97124": 9500, "97140": -100})
    with pytest.raises(ValidationError, match="cannot be negative"):
        fees.save_fee(workspace, "97124", -1)
    assert practice_profile.practitioner(workspace) is None
    assert fees.fee_schedule(workspace).default == {}
