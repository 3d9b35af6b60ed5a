"""The fields of the selected service line, below the lines table of the visit editor: fill, read, explain."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.money import Cents, MoneyError, format_dollars, format_money, parse_dollars
from app.domain.practice import ServiceLine, UnitRule
from app.domain.superbill import PricedLine
from app.ui.forms.ui_visit_editor import Ui_VisitEditor
from app.ui.widgets.record_form import limit_text_boxes

LARGEST_FEE_PER_UNIT: Cents = 1_000_000  # $10,000.00: more is a slip of the keyboard, not a fee


class UpperValidator(QRegularExpressionValidator):
    """Accepts what the pattern allows and shows it in capitals ("xs" -> "XS")."""

    def validate(self, text: str, pos: int) -> object:
        upper = text.upper()
        state = super().validate(upper, pos)
        state = state[0] if isinstance(state, tuple) else state
        return (state, upper, pos)


class ServiceLineFields(QObject):
    """Minutes, units by hand and reason, modifiers, diagnosis letters, body region and fee of one line."""

    edited = Signal()  # the therapist changed minutes, units, reason, modifiers, region or fee
    pointersEdited = Signal()
    handUnitsToggled = Signal(bool)

    def __init__(self, ui: Ui_VisitEditor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.fee_problem: str | None = None  # what is wrong with the typed fee, if anything
        self._filling = False
        modifier = QRegularExpression("[A-Za-z0-9]{0,2}")
        for edit in self.modifier_edits():
            edit.setValidator(UpperValidator(modifier, edit))
        ui.pointersEdit.setValidator(UpperValidator(QRegularExpression("[A-La-l]{0,12}"), ui.pointersEdit))
        ui.minutesSpin.valueChanged.connect(self._edited)
        ui.unitsSpin.valueChanged.connect(self._edited)
        for edit in (*self.modifier_edits(), ui.unitReasonEdit, ui.regionEdit, ui.feeEdit):
            edit.textEdited.connect(self._edited)
        limit_text_boxes({"unit_reason": ui.unitReasonEdit, "body_region": ui.regionEdit})
        ui.pointersEdit.textEdited.connect(self._pointers_edited)
        ui.handUnitsCheck.toggled.connect(self._hand_toggled)

    def modifier_edits(self) -> tuple[QLineEdit, ...]:
        ui = self.ui
        return (ui.modifier1Edit, ui.modifier2Edit, ui.modifier3Edit, ui.modifier4Edit)

    def fill(self, line: ServiceLine | None) -> None:
        """Show the line's values (None: no line selected, the fields are disabled)."""
        ui = self.ui
        ui.lineBox.setEnabled(line is not None)
        line = line or ServiceLine("")
        self._filling = True
        try:
            ui.minutesSpin.setValue(line.minutes or 0)
            ui.handUnitsCheck.setChecked(line.units is not None)
            ui.unitsSpin.setValue(line.units or 0)
            ui.unitReasonEdit.setText(line.unit_reason or "")
            for edit, value in zip(self.modifier_edits(), (*line.modifiers, "", "", "", ""), strict=False):
                edit.setText(value)
            ui.pointersEdit.setText("".join(line.pointers))
            ui.regionEdit.setText(line.body_region or "")
            ui.feeEdit.setText("" if line.fee is None else format_dollars(line.fee))
        finally:
            self._filling = False
        self.fee_problem = None

    def read(self, line: ServiceLine) -> ServiceLine:
        """The line with the values typed in the fields (pointers aside: see `typed_pointers`)."""
        ui = self.ui
        hand = ui.handUnitsCheck.isChecked()
        return replace(
            line,
            minutes=ui.minutesSpin.value() or None,
            units=ui.unitsSpin.value() if hand else None,
            unit_reason=(ui.unitReasonEdit.text().strip() or None) if hand else None,
            modifiers=tuple(m for m in (e.text().strip().upper() for e in self.modifier_edits()) if m),
            body_region=ui.regionEdit.text().strip() or None,
            fee=self._typed_fee(),
        )

    def typed_pointers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.ui.pointersEdit.text().upper()))

    def start_hand_count(self, rule_units: int) -> None:
        """Units by hand start from what the rule gives, selected for typing over."""
        self._filling = True
        self.ui.unitsSpin.setValue(rule_units)
        self._filling = False
        self.ui.unitsSpin.setFocus()
        self.ui.unitsSpin.selectAll()

    def explain(self, priced: PricedLine | None, count: int, rule: UnitRule, schedule: Cents | None) -> None:
        """Code, units under the payer's rule and the charge of the line, in words."""
        ui = self.ui
        hand = ui.handUnitsCheck.isChecked()
        for widget in (ui.unitsSpin, ui.unitReasonLabel, ui.unitReasonEdit):
            widget.setVisible(hand)
        if priced is None:
            ui.lineBox.setTitle("Selected service: none")
            for label in (ui.codeLabel, ui.unitsLabel, ui.chargeLabel):
                label.setText("")
            ui.feeEdit.setPlaceholderText("")
            return
        code, procedure = priced.line.cpt, priced.procedure
        ui.lineBox.setTitle(f"Service {priced.index + 1} of {count}: {code}")
        words = procedure.description if procedure else "not in your procedure codes"
        ui.codeLabel.setText(f"<b>{code}</b> — {words}")
        timed = procedure is None or procedure.timed
        ui.minutesSpin.setEnabled(timed)
        ui.minutesSpin.setToolTip(
            "" if timed else "An untimed code bills one unit per session; minutes do not count."
        )
        units = priced.rule_units
        by_rule = f"{units} unit{'' if units == 1 else 's'} ({rule.label if timed else 'untimed code'})"
        ui.unitsLabel.setText(f"the rule gives {by_rule}" if hand else f"<b>{by_rule}</b>")
        ui.feeEdit.setPlaceholderText(format_dollars(schedule) if schedule is not None else "no fee set")
        source = "your fee schedule" if priced.line.fee is None else "typed here"
        fee = "no fee" if priced.fee is None else f"{format_money(priced.fee)} ({source})"
        ui.chargeLabel.setText(f"<b>{format_money(priced.charge)}</b> = {priced.units} × {fee}")

    def widget_for(self, name: str) -> QWidget:
        """The field a finding about the line's `name` ("modifiers", "minutes"...) concerns."""
        ui = self.ui
        if name == "modifiers":
            edits = self.modifier_edits()
            return next((e for e in edits if not e.text()), edits[-1])
        if name in ("units", "unit_reason"):
            if not ui.handUnitsCheck.isChecked():
                return ui.handUnitsCheck
            return ui.unitsSpin if name == "units" else ui.unitReasonEdit
        widgets: dict[str, QWidget] = {
            "cpt": ui.changeCodeButton,
            "minutes": ui.minutesSpin,
            "pointers": ui.pointersEdit,
            "body_region": ui.regionEdit,
            "fee": ui.feeEdit,
        }
        return widgets.get(name, ui.linesTable)

    def _typed_fee(self) -> Cents | None:
        text = self.ui.feeEdit.text().strip()
        self.fee_problem = None
        if not text:
            return None
        try:
            cents = parse_dollars(text)
        except MoneyError as problem:
            self.fee_problem = f"Fee per unit: {problem}. Leave it empty to use your fee schedule."
            return None
        if cents < 0:
            self.fee_problem = "Fee per unit cannot be negative. Leave it empty to use your fee schedule."
            return None
        if cents > LARGEST_FEE_PER_UNIT:
            self.fee_problem = (
                f"Fee per unit: {format_money(cents)} is more than {format_money(LARGEST_FEE_PER_UNIT)} a unit;"
                " check the amount. Leave it empty to use your fee schedule."
            )
            return None
        return cents

    def _edited(self) -> None:
        if not self._filling:
            self.edited.emit()

    def _pointers_edited(self) -> None:
        if not self._filling:
            self.pointersEdited.emit()

    def _hand_toggled(self, on: bool) -> None:
        if not self._filling:
            self.handUnitsToggled.emit(on)
