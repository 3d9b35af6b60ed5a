"""Every item model under app/ui passes Qt's model tester, empty, filled, and while its rows change.

Each screen's own tests check its model as that screen fills it; this file makes sure no model class is
left out (a new one fails the first test until it is added here) and that the tester watches each
model through a whole reload: empty -> rows -> reordered -> empty."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.modeltest import ModelTester

import app.ui
from app.domain.procedures import CATALOGUE
from app.services import accounts
from app.services.visit_check import load_visit_setting
from app.services.workspace import Workspace
from app.ui.attention_panel import AttentionLine, AttentionListModel
from app.ui.patients.claims_page import ClaimTableModel, claim_row
from app.ui.patients.patient_table_model import PatientTableModel, row_from_patient
from app.ui.visits.cpt_picker import CptModel, CptRow
from app.ui.visits.icd_picker import IcdResultsModel, IcdRow
from app.ui.visits.service_lines_model import ServiceLinesModel, row_from_priced
from app.ui.widgets.record_tables import (
    CoverageTableModel,
    FeeTableModel,
    PayerTableModel,
    PaymentTableModel,
    PrescriptionTableModel,
    RowsModel,
    SuperbillTableModel,
    VisitTableModel,
    coverage_row,
    fee_rows,
    payer_row,
    payment_row,
    prescription_row,
    superbill_row,
    visit_row,
)
from app.ui.widgets.table_model import RowTableModel

PATIENT = "pt-0001"


def _account(workspace: Workspace) -> accounts.PatientAccount:
    """The sample patient with one issued superbill, so every record table has rows."""
    if not workspace.store.superbills(PATIENT):
        workspace.store.record_superbill(
            number="SB-2026-0001",
            patient=PATIENT,
            visit_keys=("v-1",),
            issued_on=date(2026, 9, 10),
            charges=12000,
            payments=12000,
            balance=0,
            pdf=b"%PDF-1.4\n%%EOF\n",
        )
    return accounts.patient_account(workspace.store, PATIENT)


def coverages(workspace: Workspace) -> list[Any]:
    account = _account(workspace)
    return [coverage_row(c, account.payers.get(c.payer)) for c in account.chart.coverages]


def prescriptions(workspace: Workspace) -> list[Any]:
    account = _account(workspace)
    return [prescription_row(rx, account.usage[rx.key]) for rx in account.chart.prescriptions]


def visits(workspace: Workspace) -> list[Any]:
    return [visit_row(v) for v in _account(workspace).visits]


def payments(workspace: Workspace) -> list[Any]:
    return [payment_row(p) for p in _account(workspace).chart.payments]


def superbills(workspace: Workspace) -> list[Any]:
    return [superbill_row(s) for s in _account(workspace).superbills]


def issued_claims(workspace: Workspace) -> list[Any]:
    """A red form issued through the service, and an 837P recorded replacing it."""
    from app.services import claims
    from app.services.superbills import Period

    if not workspace.store.claims(PATIENT):
        request = claims.ClaimRequest(PATIENT, Period(), "cms1500-red")
        first = claims.issue_claim_for(workspace, request, today=date(2026, 9, 20))
        assert first.number is not None
        workspace.store.record_claim(
            number="CL-2026-0002",
            patient=PATIENT,
            payer="premera",
            format="837p",
            visit_keys=tuple(v.key for v in first.claim.source.visits),
            first_date=first.claim.first_date,
            last_date=first.claim.last_date,
            issued_on=date(2026, 9, 21),
            charges=first.claim.total_charge,
            document=b"ISA*00~",
            replaces=first.number,
            payer_claim_number="2026274000123",
        )
    return [claim_row(e) for e in claims.issued_claims(workspace, PATIENT)]


def payers(workspace: Workspace) -> list[Any]:
    return [payer_row(p) for p in workspace.store.payers()]


def fees(workspace: Workspace) -> list[Any]:
    store = workspace.store
    return list(fee_rows(list(store.procedures().values()), store.fees().default))


def patients(workspace: Workspace) -> list[Any]:
    return [row_from_patient(p) for p in workspace.store.patients()]


def service_lines(workspace: Workspace) -> tuple[Any, ...]:
    setting = load_visit_setting(workspace.store, PATIENT)
    visit = next(v for v in setting.chart.visits if v.key == "v-2")
    return tuple(row_from_priced(p) for p in setting.priced(visit))


def icd_results(workspace: Workspace) -> list[Any]:
    """A category opened on its billable codes, a favourite and a prescription code."""
    return [
        IcdRow("M54.50", "Low back pain, unspecified", True, "Prescription", True),
        IcdRow("M54.5", "Low back pain", False, "", False, expanded=True),
        IcdRow("M54.51", "Vertebrogenic low back pain", True, "", False, depth=1),
        IcdRow("M62.830", "Muscle spasm of back", True, "Common", False),
    ]


def cpt_codes(workspace: Workspace) -> list[Any]:
    schedule = workspace.store.fees()
    return [
        CptRow(p.code, p.description, p.timed, schedule.fee_for(p.code, None), p.user_added)
        for p in CATALOGUE.values()
    ]


def attention(workspace: Workspace) -> list[Any]:
    return [
        AttentionLine("Visits not yet on a superbill (2)", heading=True),
        AttentionLine("Okafor, Daniel: 09/09/2026", PATIENT),
        AttentionLine("Okafor, Daniel: 09/16/2026", PATIENT),
        AttentionLine("Show 3 more…"),
    ]


# Each model class under app/ui, with what fills it on its screen.
FILLED_BY: dict[type[QAbstractItemModel], Callable[[Workspace], Sequence[Any]]] = {
    CoverageTableModel: coverages,
    PrescriptionTableModel: prescriptions,
    VisitTableModel: visits,
    PaymentTableModel: payments,
    SuperbillTableModel: superbills,
    ClaimTableModel: issued_claims,
    PayerTableModel: payers,
    FeeTableModel: fees,
    PatientTableModel: patients,
    ServiceLinesModel: service_lines,
    IcdResultsModel: icd_results,
    CptModel: cpt_codes,
    AttentionListModel: attention,
}
# Not shown on any screen themselves: the bases of the tables above, checked through them.
BASES = {RowsModel, RowTableModel}


def models_defined_under_app_ui() -> set[type]:
    found: set[type] = set()
    for info in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QAbstractItemModel) and cls.__module__ == module.__name__:
                found.add(cls)
    return found


def test_every_model_class_under_app_ui_is_checked_here() -> None:
    assert models_defined_under_app_ui() == set(FILLED_BY) | BASES


@pytest.mark.parametrize("model_class", list(FILLED_BY), ids=lambda cls: cls.__name__)
def test_the_model_passes_the_tester_through_a_reload(
    qtmodeltester: ModelTester, workspace: Workspace, model_class: type[Any]
) -> None:
    rows = tuple(FILLED_BY[model_class](workspace))
    assert rows, "a model is checked with rows in it"
    model = model_class()
    qtmodeltester.check(model)  # empty; the tester keeps watching every change below
    model.set_rows(rows)
    assert model.rowCount() == len(rows)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole)
    model.set_rows(rows[::-1])  # the same rows in another order, as after a new sort
    assert model.rowCount() == len(rows)
    model.set_rows(())
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_the_fee_model_passes_the_tester_while_a_fee_is_typed(
    qtmodeltester: ModelTester, workspace: Workspace
) -> None:
    model = FeeTableModel()
    model.set_rows(fees(workspace))
    qtmodeltester.check(model)
    fee = model.index(model.row_of("97124"), FeeTableModel.COL_FEE)
    assert model.setData(fee, "42.50")
    assert model.data(fee) == "$42.50"
    assert not model.setData(fee, "forty")
    assert model.data(fee) == "$42.50"
