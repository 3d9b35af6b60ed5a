"""The practice profile form (practitioner, address, signature), shared by the setup wizard and settings.

Each field is checked as it is typed; the reason a value cannot be used shows under the field.
The form has three sections the wizard shows one per page and the settings dialog shows as tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from app.domain.addresses import check_zip
from app.domain.emails import check_email
from app.domain.errors import ValidationError
from app.domain.identifiers import (
    MASSAGE_THERAPIST_TAXONOMY,
    ORGANIZATION_NPI,
    state_code,
    validate_license_number,
    validate_npi,
    validate_state,
    validate_tax_id,
    validate_taxonomy,
)
from app.domain.phones import check_phone
from app.domain.practice import Address, Practitioner, TaxIdType
from app.domain.procedures import PLACES_OF_SERVICE
from app.ui.forms.ui_provider_form import Ui_ProviderForm
from app.ui.widgets.as_typed import format_phone_as_typed, still_typing
from app.ui.widgets.record_form import limit_text_boxes
from app.ui.widgets.state_picker import choose_state, chosen_state, make_state_picker

IDENTITY, CONTACT, SIGNATURE = "identity", "contact", "signature"

# Signatures are printed about 2 inches wide; a larger image only makes the database heavier.
_SIGNATURE_MAX_WIDTH = 900
_PROBLEM_STYLE = "color: #b3261e;"


def _required_phone(text: str) -> object:
    return check_phone(text, required=True)


def _required(label: str) -> Callable[[str], object]:
    def check(text: str) -> object:
        if not text.strip():
            raise ValidationError("", f"{label} is missing.")
        return text.strip()

    return check


@dataclass(frozen=True)
class _Field:
    name: str  # the Practitioner attribute, as in ValidationError.field
    label: str  # how the "still needed" hint names it
    section: str
    widget: QWidget
    text: Callable[[], str]
    check: Callable[[str], object]
    problem: QLabel | None = None
    optional: bool = False
    digits: int = 0  # a number this long: its problem waits for the last digit or for leaving the box


class ProviderForm(QWidget):
    """Edits one Practitioner. `load()` fills it, `practitioner()` reads it back (or raises ValidationError)."""

    changed = Signal()  # any edit by the user; the wizard re-checks its Next button on it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ProviderForm()
        self.ui.setupUi(self)
        self._signature: bytes | None = None
        self._loaded: tuple[object, ...] = ()
        self._fill_choices()
        self._fields = self._describe_fields()
        limit_text_boxes(
            {f.name: f.widget for f in self._fields}
            | {"practice_name": self.ui.practiceNameEdit, "address.line2": self.ui.line2Edit}
        )
        for problem in (f.problem for f in self._fields if f.problem is not None):
            problem.setStyleSheet(_PROBLEM_STYLE)
            problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            problem.hide()
        self._connect()
        self.load(None)

    # Building ----------------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        for combo in (self.ui.licenseStateCombo, self.ui.addressStateCombo):
            make_state_picker(combo)
        for code, name in PLACES_OF_SERVICE.items():
            self.ui.placeOfServiceCombo.addItem(f"{code} – {name}", code)
        self.ui.taxIdTypeCombo.setItemData(0, TaxIdType.EIN)
        self.ui.taxIdTypeCombo.setItemData(1, TaxIdType.SSN)

    def _describe_fields(self) -> tuple[_Field, ...]:
        ui = self.ui

        def line(edit: QLineEdit) -> Callable[[], str]:
            return edit.text

        def state(box: QComboBox) -> Callable[[], str]:
            return lambda: chosen_state(box)

        def optional_npi(text: str) -> object:
            return validate_npi(text, label=ORGANIZATION_NPI) if text.strip() else None

        return (
            _Field("first_name", "first name", IDENTITY, ui.firstNameEdit, line(ui.firstNameEdit), _required("First name")),
            _Field("last_name", "last name", IDENTITY, ui.lastNameEdit, line(ui.lastNameEdit), _required("Last name")),
            _Field("credentials", "credentials", IDENTITY, ui.credentialsEdit, line(ui.credentialsEdit), _required("Credentials")),
            _Field("npi", "NPI", IDENTITY, ui.npiEdit, line(ui.npiEdit), validate_npi, ui.npiProblem, digits=10),
            _Field(
                "organization_npi", "organization NPI", IDENTITY, ui.orgNpiEdit, line(ui.orgNpiEdit),
                optional_npi, ui.orgNpiProblem, optional=True, digits=10,
            ),
            _Field(
                "tax_id", "Tax ID", IDENTITY, ui.taxIdEdit, line(ui.taxIdEdit),
                lambda text: validate_tax_id(text, self._tax_id_type()), ui.taxIdProblem, digits=9,
            ),
            _Field(
                "license_number", "license number", IDENTITY, ui.licenseNumberEdit, line(ui.licenseNumberEdit),
                validate_license_number,
            ),
            _Field(
                "license_state", "license state", IDENTITY, ui.licenseStateCombo, state(ui.licenseStateCombo),
                lambda text: validate_state(text, label="License state"),
            ),
            _Field(
                "taxonomy", "taxonomy code", IDENTITY, ui.taxonomyEdit, line(ui.taxonomyEdit),
                validate_taxonomy, ui.taxonomyProblem,
            ),
            _Field("address.line1", "street address", CONTACT, ui.line1Edit, line(ui.line1Edit), _required("Street address")),
            _Field("address.city", "city", CONTACT, ui.cityEdit, line(ui.cityEdit), _required("City")),
            _Field("address.state", "state", CONTACT, ui.addressStateCombo, state(ui.addressStateCombo), validate_state),
            _Field("address.zip", "ZIP code", CONTACT, ui.zipEdit, line(ui.zipEdit), check_zip, ui.zipProblem, digits=5),
            _Field("phone", "phone", CONTACT, ui.phoneEdit, line(ui.phoneEdit), _required_phone, ui.phoneProblem, digits=10),
            _Field(
                "email", "email", CONTACT, ui.emailEdit, line(ui.emailEdit), check_email, ui.emailProblem,
                optional=True,
            ),
        )  # fmt: skip

    def _connect(self) -> None:
        ui = self.ui
        for widget in self.tab_order():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._on_edit)
                widget.editingFinished.connect(self._left_a_box)
            elif isinstance(widget, QComboBox):
                widget.activated.connect(self._on_edit)
                typed = widget.lineEdit()  # the state boxes are typed in
                if typed is not None:
                    typed.textEdited.connect(self._on_edit)
                    typed.editingFinished.connect(self._on_edit)
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self._on_edit)
        ui.taxIdTypeCombo.currentIndexChanged.connect(self._on_tax_id_type)
        ui.licenseStateCombo.activated.connect(self._suggest_address_state)
        licensed = ui.licenseStateCombo.lineEdit()
        if licensed is not None:
            licensed.editingFinished.connect(self._suggest_address_state)
        ui.chooseSignatureButton.clicked.connect(self._choose_signature)
        format_phone_as_typed(ui.phoneEdit)
        ui.removeSignatureButton.clicked.connect(self._remove_signature)

    # Sections ----------------------------------------------------------------------------------

    def section(self, name: str) -> QGroupBox:
        """The group box holding one section; the wizard moves each onto its own page."""
        return {
            IDENTITY: self.ui.identityGroup,
            CONTACT: self.ui.contactGroup,
            SIGNATURE: self.ui.signatureGroup,
        }[name]

    def take_section(self, name: str) -> QGroupBox:
        """A section without its title and frame, for a wizard page or a tab that names it already."""
        group = self.section(name)
        group.setTitle("")
        group.setStyleSheet("QGroupBox { border: none; margin: 0; padding: 0; }")
        return group

    def tab_order(self) -> list[QWidget]:
        """The fields in the order Tab visits them, for a dialog that places the sections itself."""
        ui = self.ui
        return [
            ui.firstNameEdit, ui.lastNameEdit, ui.credentialsEdit, ui.practiceNameEdit, ui.npiEdit,
            ui.orgNpiEdit, ui.taxIdTypeCombo, ui.taxIdEdit, ui.printFullSsnCheck, ui.licenseNumberEdit,
            ui.licenseStateCombo, ui.taxonomyEdit, ui.line1Edit, ui.line2Edit, ui.cityEdit,
            ui.addressStateCombo, ui.zipEdit, ui.phoneEdit, ui.emailEdit, ui.placeOfServiceCombo,
            ui.chooseSignatureButton, ui.removeSignatureButton,
        ]  # fmt: skip

    def section_of(self, field: str) -> str:
        return next((f.section for f in self._fields if f.name == field), SIGNATURE)

    # Loading and reading -----------------------------------------------------------------------

    def load(self, practitioner: Practitioner | None) -> None:
        ui = self.ui
        p = practitioner
        ui.firstNameEdit.setText(p.first_name if p else "")
        ui.lastNameEdit.setText(p.last_name if p else "")
        ui.credentialsEdit.setText(p.credentials if p else "")
        ui.practiceNameEdit.setText((p.practice_name or "") if p else "")
        ui.npiEdit.setText(p.npi if p else "")
        ui.orgNpiEdit.setText((p.organization_npi or "") if p else "")
        ui.taxIdTypeCombo.setCurrentIndex(1 if p and p.tax_id_type is TaxIdType.SSN else 0)
        ui.taxIdEdit.setText(p.tax_id if p else "")
        ui.printFullSsnCheck.setChecked(bool(p and p.print_full_ssn))
        ui.licenseNumberEdit.setText(p.license_number if p else "")
        choose_state(ui.licenseStateCombo, p.license_state if p else None)
        ui.taxonomyEdit.setText((p.taxonomy or "") if p else MASSAGE_THERAPIST_TAXONOMY)
        ui.line1Edit.setText(p.address.line1 if p else "")
        ui.line2Edit.setText((p.address.line2 or "") if p else "")
        ui.cityEdit.setText(p.address.city if p else "")
        choose_state(ui.addressStateCombo, p.address.state if p else None)
        ui.zipEdit.setText(p.address.zip if p else "")
        ui.phoneEdit.setText(p.phone if p else "")
        ui.emailEdit.setText((p.email or "") if p else "")
        _choose(ui.placeOfServiceCombo, p.default_place_of_service if p else "11")
        self._set_signature(p.signature_png if p else None)
        self._on_tax_id_type()
        self._show_problems()
        self._loaded = self._snapshot()

    def practitioner(self) -> Practitioner:
        """The form as a Practitioner; ValidationError names the first field that cannot be used."""
        values: dict[str, object] = {}
        for f in self._fields:
            try:
                values[f.name] = f.check(f.text())
            except ValidationError as error:
                raise ValidationError(f.name, error.message) from None
        ui = self.ui
        return Practitioner(
            first_name=str(values["first_name"]),
            last_name=str(values["last_name"]),
            credentials=str(values["credentials"]),
            npi=str(values["npi"]),
            tax_id=str(values["tax_id"]),
            tax_id_type=self._tax_id_type(),
            license_number=str(values["license_number"]),
            license_state=str(values["license_state"]),
            address=Address(
                line1=str(values["address.line1"]),
                line2=ui.line2Edit.text().strip() or None,
                city=str(values["address.city"]),
                state=str(values["address.state"]),
                zip=str(values["address.zip"]),
            ),
            phone=str(values["phone"]),
            practice_name=ui.practiceNameEdit.text().strip() or None,
            organization_npi=_or_none(values["organization_npi"]),
            taxonomy=str(values["taxonomy"]),
            email=_or_none(values["email"]),
            default_place_of_service=str(ui.placeOfServiceCombo.currentData() or "11"),
            print_full_ssn=self._tax_id_type() is TaxIdType.SSN and ui.printFullSsnCheck.isChecked(),
            signature_png=self._signature,
        )

    def problems(self, section: str | None = None) -> dict[str, str]:
        """Field -> what is wrong, for every field (of a section) that cannot be used as it is."""
        found: dict[str, str] = {}
        for f in self._fields:
            if section is not None and f.section != section:
                continue
            try:
                f.check(f.text())
            except ValidationError as error:
                found[f.name] = error.message
        return found

    def still_needed(self, section: str | None = None) -> list[str]:
        """The labels of the fields (of a section) still missing or wrong, in form order."""
        wrong = self.problems(section)
        return [f.label for f in self._fields if f.name in wrong]

    def is_dirty(self) -> bool:
        return self._snapshot() != self._loaded

    def mark_saved(self) -> None:
        self._loaded = self._snapshot()

    def focus_field(self, name: str) -> None:
        field = next((f for f in self._fields if f.name == name), None)
        widget = field.widget if field is not None else self.ui.chooseSignatureButton
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def signature_png(self) -> bytes | None:
        return self._signature

    def set_signature_png(self, png: bytes | None) -> None:
        """Use this PNG as the signature (what choosing an image file does, after converting it)."""
        self._set_signature(png)
        self._on_edit()

    # Reacting to edits -------------------------------------------------------------------------

    def _on_edit(self) -> None:
        self._show_problems()
        self.changed.emit()

    def _left_a_box(self) -> None:
        """A box left: say what is wrong with it now. Not while the form is being taken down (its
        boxes lose the focus then too)."""
        boxes = [f.widget for f in self._fields] + [f.problem for f in self._fields if f.problem is not None]
        if isValid(self) and all(isValid(box) for box in boxes):
            self._show_problems()

    def _show_problems(self) -> None:
        """Under each checked field: why its value cannot be used. Blank fields say nothing until saved."""
        for f in self._fields:
            if f.problem is None:
                continue
            message = ""
            typing = f.digits and isinstance(f.widget, QLineEdit) and still_typing(f.widget, f.digits)
            if f.text().strip() and not typing:
                try:
                    f.check(f.text())
                except ValidationError as error:
                    message = error.message
            f.problem.setText(message)
            f.problem.setVisible(bool(message))

    def _tax_id_type(self) -> TaxIdType:
        return TaxIdType.SSN if self.ui.taxIdTypeCombo.currentIndex() == 1 else TaxIdType.EIN

    def _on_tax_id_type(self) -> None:
        ssn = self._tax_id_type() is TaxIdType.SSN
        self.ui.printFullSsnCheck.setVisible(ssn)
        self.ui.taxIdEdit.setPlaceholderText("9 digits (your SSN)" if ssn else "9 digits (your EIN)")
        self._show_problems()

    def _suggest_address_state(self) -> None:
        # Most therapists practice where they are licensed: save them a choice.
        licensed = state_code(self.ui.licenseStateCombo.currentText())
        if licensed and not self.ui.addressStateCombo.currentText().strip():
            choose_state(self.ui.addressStateCombo, licensed)

    # Signature ---------------------------------------------------------------------------------

    def _choose_signature(self) -> None:
        from app.ui.widgets.saving import start_folder  # Documents, or the folder last used

        path, _ = QFileDialog.getOpenFileName(
            self, "Choose your signature image", str(start_folder()), "Images (*.png *.jpg *.jpeg *.bmp)"
        )
        if not path:
            return
        image = QImage(path)
        if image.isNull():
            QMessageBox.warning(
                self,
                "Signature image",
                "That file could not be read as an image. Choose a PNG or JPEG file, such as a photo "
                "or scan of your signature.",
            )
            return
        self.set_signature_png(_png_bytes(image))

    def _remove_signature(self) -> None:
        self.set_signature_png(None)

    def _set_signature(self, png: bytes | None) -> None:
        self._signature = png
        preview = self.ui.signaturePreview
        pixmap = QPixmap()
        if png and pixmap.loadFromData(png):
            preview.setPixmap(
                pixmap.scaled(
                    preview.minimumSize(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            preview.setPixmap(QPixmap())
            preview.setText("No signature image:\nsuperbills get a line to sign by hand.")
        self.ui.removeSignatureButton.setEnabled(png is not None)

    def _snapshot(self) -> tuple[object, ...]:
        # From the form's own list, not findChildren: the sections may have moved to other parents.
        values: list[object] = [self._signature]
        for widget in self.tab_order():
            if isinstance(widget, QLineEdit):
                values.append(widget.text())
            elif isinstance(widget, QComboBox):
                values.append((widget.currentIndex(), widget.currentText()))
            elif isinstance(widget, QCheckBox):
                values.append(widget.isChecked())
        return tuple(values)


def _choose(box: QComboBox, code: str | None) -> None:
    box.setCurrentIndex(box.findData(code) if code else -1)


def _or_none(value: object) -> str | None:
    return str(value) if value else None


def _png_bytes(image: QImage) -> bytes:
    if image.width() > _SIGNATURE_MAX_WIDTH:
        image = image.scaledToWidth(_SIGNATURE_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11 takes the format only as str, though its type stub says bytes.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())
