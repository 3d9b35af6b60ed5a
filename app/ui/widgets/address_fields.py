"""The five address boxes of a generated form (forms/patient_dialog.ui, forms/payers_dialog.ui): an
address shown in them, and read back from them."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QLineEdit

from app.domain.people import Address


class AddressBoxes(Protocol):
    """A form with the address boxes named as the .ui files name them."""

    line1Edit: QLineEdit
    line2Edit: QLineEdit
    cityEdit: QLineEdit
    stateEdit: QLineEdit
    zipEdit: QLineEdit


def show_address(form: AddressBoxes, address: Address | None) -> None:
    """The address in the boxes; empty boxes for none."""
    form.line1Edit.setText(address.line1 if address else "")
    form.line2Edit.setText((address.line2 or "") if address else "")
    form.cityEdit.setText(address.city if address else "")
    form.stateEdit.setText(address.state if address else "")
    form.zipEdit.setText(address.zip if address else "")


def address_from(form: AddressBoxes) -> Address:
    """The address as typed (the domain checks it when the record is saved)."""
    return Address(
        line1=form.line1Edit.text(),
        line2=form.line2Edit.text(),
        city=form.cityEdit.text(),
        state=form.stateEdit.text(),
        zip=form.zipEdit.text(),
    )
