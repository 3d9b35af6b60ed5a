"""Record or edit a payment: date, amount in dollars, method, reference; the balance before and after."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.errors import ValidationError
from app.domain.money import Cents, MoneyError, format_dollars, format_money, parse_dollars
from app.domain.practice import Payment, PaymentMethod
from app.services import patients, payments
from app.services.workspace import Workspace
from app.ui.forms.ui_payment_dialog import Ui_PaymentDialog
from app.ui.patients.patient_record_dialog import PatientRecordDialog
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import fill_combo, select_data


def balance_words(cents: Cents) -> str:
    """A negative balance is money the patient is owed back: say so rather than print a minus sign."""
    return f"{format_money(-cents)} credit" if cents < 0 else format_money(cents)


class PaymentDialog(PatientRecordDialog):
    what = "this payment"

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str,
        payment_key: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, patient_key, today, parent)
        self.ui = Ui_PaymentDialog()
        self.ui.setupUi(self)
        ui = self.ui
        fill_combo(ui.methodCombo, [(method.label, method) for method in PaymentMethod])
        ui.dateEdit.configure("Payment date", today=self._today, years="past", required=True)
        self.setup_record_form(
            ui.buttonBox,
            ui.errorLabel,
            {
                "payment.date": ui.dateEdit,
                "payment.amount": ui.amountEdit,
                "payment.method": ui.methodCombo,
                "payment.reference": ui.referenceEdit,
            },
        )
        account = patients.account(workspace, patient_key)
        self._payment = next((p for p in account.chart.payments if p.key == payment_key), None)
        self.payment_key = self._payment.key if self._payment else None
        # The balance as it would be without this payment, so "after" counts it once.
        self._balance_without = account.totals.balance + (self._payment.amount if self._payment else 0)
        ui.patientLabel.setText(f"Payment from {account.chart.patient.full_name}")
        font = ui.patientLabel.font()
        font.setBold(True)
        ui.patientLabel.setFont(font)
        self._load()
        ui.amountEdit.textChanged.connect(self._show_balance)
        self._show_balance()
        self.setWindowTitle("Edit payment" if self._payment else "Record payment")
        self.setMinimumWidth(460)
        ui.amountEdit.installEventFilter(self)
        ui.amountEdit.setFocus()
        fit_dialog(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        amount: QLineEdit = self.ui.amountEdit
        if watched is amount and event.type() == QEvent.Type.FocusIn:
            # The amount is selected whenever the field is entered (a click too), so typing replaces it.
            QTimer.singleShot(0, amount, lambda: amount.selectAll())
        return bool(super().eventFilter(watched, event))

    def _load(self) -> None:
        ui, payment = self.ui, self._payment
        with self.watcher.loading():
            if payment is None:
                ui.dateEdit.set_date(self._today)
                select_data(ui.methodCombo, PaymentMethod.CARD)
                if self._balance_without > 0:
                    # Most payments settle the balance; selected, so typing another amount replaces it.
                    ui.amountEdit.setText(format_dollars(self._balance_without))
                    ui.amountEdit.selectAll()
                return
            ui.dateEdit.set_date(payment.date)
            ui.amountEdit.setText(format_dollars(payment.amount))
            select_data(ui.methodCombo, payment.method)
            ui.referenceEdit.setText(payment.reference or "")

    def _typed_amount(self) -> Cents | None:
        try:
            return parse_dollars(self.ui.amountEdit.text())
        except MoneyError:
            return None

    def _show_balance(self) -> None:
        ui = self.ui
        ui.balanceBeforeLabel.setText(f"Balance before this payment:  {balance_words(self._balance_without)}")
        amount = self._typed_amount()
        if amount is None:
            after = (
                "type the amount, such as 45.00"
                if ui.amountEdit.text().strip() == ""
                else "not a dollar amount yet"
            )
            ui.balanceAfterLabel.setText(f"Balance after:  {after}")
        else:
            ui.balanceAfterLabel.setText(f"Balance after:  {balance_words(self._balance_without - amount)}")

    @property
    def balance_after_text(self) -> str:
        return self.ui.balanceAfterLabel.text()

    def payment_from_form(self) -> Payment:
        ui = self.ui
        day = ui.dateEdit.date()
        assert day is not None  # required: date() refuses an empty field
        if not ui.amountEdit.text().strip():
            raise ValidationError("payment.amount", "Amount is missing: type it in dollars, such as 45.00.")
        try:
            amount = parse_dollars(ui.amountEdit.text())
        except MoneyError as error:
            raise ValidationError("payment.amount", f"{error}.") from None
        return Payment(
            key=self.payment_key or "",
            date=day,
            amount=amount,
            method=PaymentMethod(ui.methodCombo.currentData()),
            reference=ui.referenceEdit.text(),
        )

    def store_record(self) -> None:
        saved = payments.save_payment(
            self._workspace, self._patient_key, self.payment_from_form(), today=self._today
        )
        self._payment = saved
        self.payment_key = saved.key
        self.saved.emit(saved.key)
