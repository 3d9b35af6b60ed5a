"""ZIP codes, phones and e-mail addresses get the same answer everywhere they are typed or read: the
practice profile form, the practice file, the services that save patients, payers and the profile,
and a client list. Each asks the one rule in app/domain (addresses.py, phones.py, emails.py); a
second copy that answers differently fails here."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.errors import ValidationError
from app.domain.phones import format_phone
from app.domain.practice import Address, Patient, Payer, PayerKind
from app.services import saving
from app.services.client_import import guess_columns, import_clients, read_client_file
from app.services.practice_file import practice_from_json
from app.services.workspace import Workspace
from app.ui.practice.provider_form import ProviderForm
from tests import sample
from tests.ui.conftest import TODAY

SAMPLE = json.loads((Path(__file__).parents[1] / "data" / "sample-practice.json").read_text(encoding="utf-8"))

# (what is typed, what is kept, or None when it is refused)
ZIPS = [
    ("98109", "98109"),
    (" 98109", "98109"),
    ("98109 ", "98109"),
    ("98109-1234", "98109-1234"),
    ("981091234", "98109-1234"),
    ("1234-5", None),
    ("9810", None),
    ("98109-12", None),
    ("98109 1234", None),
    ("98109-", None),
    ("\u0669\u0668\u0661\u0660\u0669", None),  # Arabic-Indic digits
    ("ABCDE", None),
]
PHONES = [
    ("206-555-0148", "206-555-0148"),
    (" (206) 555-0148 ", "(206) 555-0148"),
    ("2065550148", "2065550148"),
    ("+1 206 555 0148", "+1 206 555 0148"),
    ("206-555-0148 ext. 12", "206-555-0148 ext. 12"),
    ("206.555.0148 x3", "206.555.0148 x3"),
    ("555-0148", None),
    ("call the front desk", None),
    ("206-555-014", None),
]
EMAILS = [
    ("ann@example.com", "ann@example.com"),
    ("  ann@example.com ", "ann@example.com"),
    ("ann.lee+billing@mail.example.org", "ann.lee+billing@mail.example.org"),
    ("ann@localhost", None),
    ("ann-at-home", None),
    ("ann @example.com", None),
    ("@example.com", None),
    ("ann@@example.com", None),
]

Answer = tuple[str, str]  # ("kept", value) or ("refused", message)


def _answer(read: Callable[[], str | None]) -> Answer:
    try:
        return ("kept", read() or "")
    except ValidationError as error:
        return ("refused", error.message)


# -- the ways in ---------------------------------------------------------------------------------


def _form(qtbot: QtBot) -> ProviderForm:
    form = ProviderForm()
    qtbot.addWidget(form)
    form.load(sample.practitioner())
    return form


def form_answer(form: ProviderForm, kind: str, text: str) -> Answer:
    """What the practice profile form (setup wizard, settings) says under the box, or keeps."""
    edit, name = {
        "zip": (form.ui.zipEdit, "address.zip"),
        "phone": (form.ui.phoneEdit, "phone"),
        "email": (form.ui.emailEdit, "email"),
    }[kind]
    edit.setText(text)  # the phone box shows a plain US number as (206) 555-0148 as it is typed
    problem = form.problems().get(name)
    if problem is not None:
        return ("refused", problem)
    p = form.practitioner()
    return ("kept", {"zip": p.address.zip, "phone": p.phone, "email": p.email or ""}[kind])


def practice_file_answers(kind: str, text: str) -> list[Answer]:
    """What `superbill import` keeps of the practitioner's, a payer's and a patient's value."""
    places = {
        "zip": [("practitioner", "address"), ("payers", 0, "address"), ("patients", 0, "address")],
        "phone": [("practitioner",), ("payers", 0), ("patients", 0)],
        "email": [("practitioner",), ("patients", 0)],
    }[kind]
    key = {"zip": "zip", "phone": "phone", "email": "email"}[kind]
    answers = []
    for place in places:
        document = copy.deepcopy(SAMPLE)
        target = document
        for step in place:
            if step == "address":
                target.setdefault("address", {"line1": "1 Main St", "city": "Seattle", "state": "WA"})
            target = target[step]
        target[key] = text

        def read(document: object = document, place: tuple[object, ...] = place) -> str | None:
            practice = practice_from_json(document)
            record: object = {
                "practitioner": practice.practitioner,
                "payers": practice.payers[0] if practice.payers else None,
                "patients": practice.charts[0].patient,
            }[str(place[0])]
            if kind == "zip":
                address = getattr(record, "address")  # noqa: B009
                return str(address.zip)
            return getattr(record, key)  # type: ignore[no-any-return]

        answers.append(_answer(read))
    return answers


def service_answers(workspace: Workspace, kind: str, text: str) -> list[Answer]:
    """What app.services.saving keeps for the practice profile, a patient and a payer."""
    store = workspace.store
    address = Address("1 Main St", "Seattle", "WA", "98109")
    practitioner = sample.practitioner()
    patient = Patient("", "Ann", "Lee", sample.chart().patient.date_of_birth, address=address)
    payer = Payer("", "Premera Blue Cross", PayerKind.COMMERCIAL, address=address)
    if kind == "zip":
        return [
            _answer(
                lambda: (
                    saving.save_practitioner(
                        store, replace(practitioner, address=replace(address, zip=text))
                    ).address.zip
                )
            ),
            _answer(
                lambda: (
                    saving.save_patient(
                        store, replace(patient, address=replace(address, zip=text)), today=TODAY
                    ).address.zip
                )  # type: ignore[union-attr]
            ),
            _answer(
                lambda: (
                    saving.save_payer(store, replace(payer, address=replace(address, zip=text))).address.zip
                )  # type: ignore[union-attr]
            ),
        ]
    if kind == "phone":
        return [
            _answer(lambda: saving.save_practitioner(store, replace(practitioner, phone=text)).phone),
            _answer(lambda: saving.save_patient(store, replace(patient, phone=text), today=TODAY).phone),
            _answer(lambda: saving.save_payer(store, replace(payer, phone=text)).phone),
        ]
    return [
        _answer(lambda: saving.save_practitioner(store, replace(practitioner, email=text)).email),
        _answer(lambda: saving.save_patient(store, replace(patient, email=text), today=TODAY).email),
    ]


def client_list_answer(workspace: Workspace, tmp_path: Path, kind: str, text: str) -> Answer:
    """What importing a client list (a CSV from a spreadsheet) keeps of the value."""
    row = {"zip": "98109", "phone": "", "email": ""} | {kind: text}
    path = tmp_path / f"clients-{kind}.csv"
    path.write_text(
        "First name,Last name,Date of birth,Street,City,State,ZIP,Phone,Email\n"
        + ",".join(
            json.dumps(v, ensure_ascii=False)
            for v in (
                "Zoe",
                "Park",
                "03/14/1985",
                "1 Main St",
                "Seattle",
                "WA",
                row["zip"],
                row["phone"],
                row["email"],
            )
        )
        + "\n",
        encoding="utf-8",
    )
    client_file = read_client_file(path)

    def read() -> str | None:
        added = import_clients(workspace.store, client_file, guess_columns(client_file.headers), today=TODAY)
        p = added.added[0]
        return {"zip": p.address.zip if p.address else "", "phone": p.phone, "email": p.email}[kind]

    return _answer(read)


# -- the table -----------------------------------------------------------------------------------

CASES = (
    [("zip", t, k) for t, k in ZIPS]
    + [("phone", t, k) for t, k in PHONES]
    + [("email", t, k) for t, k in EMAILS]
)


@pytest.mark.parametrize(("kind", "typed", "kept"), CASES, ids=[f"{k}:{t!r}" for k, t, _ in CASES])
def test_zip_phone_and_email_get_one_answer_in_the_form_the_practice_file_the_services_and_a_client_list(
    kind: str, typed: str, kept: str | None, qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    answers = {
        "profile form": form_answer(_form(qtbot), kind, typed),
        **{f"practice file {i}": a for i, a in enumerate(practice_file_answers(kind, typed))},
        **{f"service {i}": a for i, a in enumerate(service_answers(workspace, kind, typed))},
        "client list": client_list_answer(workspace, tmp_path, kind, typed),
    }
    if kind == "phone":  # the profile form's box formats the number as it is typed
        shown = format_phone(typed)
        form = answers["profile form"]
        answers["profile form"] = (form[0], form[1].replace(f'"{shown}"', f'"{typed.strip()}"'))
        if kept is not None:
            assert form == ("kept", format_phone(kept))
            answers["profile form"] = ("kept", kept)
    if kept is None:
        assert {way: answer[0] for way, answer in answers.items()} == dict.fromkeys(answers, "refused")
        # the same words everywhere, naming what was typed
        assert len({answer[1] for answer in answers.values()}) == 1, answers
    else:
        assert answers == dict.fromkeys(answers, ("kept", kept))
