"""First launch: the practice's details, address, fees and signature, or the demo practice instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import ValidationError
from app.domain.money import Cents, MoneyError, parse_dollars
from app.domain.procedures import CATALOGUE
from app.services.errors import StoreUnavailable
from app.services.practice_profile import set_up_practice
from app.services.workspace import Workspace
from app.ui.app_icon import app_icon
from app.ui.forms.ui_setup_wizard_fees import Ui_SetupFees
from app.ui.forms.ui_setup_wizard_welcome import Ui_SetupWelcome
from app.ui.practice.provider_form import CONTACT, IDENTITY, SIGNATURE, ProviderForm
from app.ui.security.recovery_key_dialog import show_recovery_key
from app.ui.security.setup_protection import ProtectionForm
from app.ui.widgets.fit import fit_window, scroll_area

# The codes most massage prescriptions are billed with, in the order therapists use them most.
COMMON_FEE_CODES = ("97124", "97140", "97112", "97110", "97010")

_HINT_STYLE = "color: #5f6368;"
_PROBLEM_STYLE = "color: #b3261e;"


class _Page(QWizardPage):
    """A wizard page around one piece of content; Next stays disabled while `still_needed` names anything."""

    def __init__(
        self,
        title: str,
        subtitle: str,
        content: QWidget,
        still_needed: Callable[[], list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._still_needed = still_needed or list
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll_area(content, self), 1)  # scrolls on a small screen; Next stays in view
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(_HINT_STYLE)
        self.hint.setIndent(9)  # in line with the fields' labels above
        layout.addWidget(self.hint)
        self.refresh()

    def isComplete(self) -> bool:
        return not self._still_needed()

    def refresh(self) -> None:
        needed = self._still_needed()
        self.hint.setText(f"To continue, fill in: {', '.join(needed)}." if needed else "")
        self.completeChanged.emit()


class _FeesForm(QWidget):
    """One fee per common code, in dollars; a blank fee means the code has none yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SetupFees()
        self.ui.setupUi(self)
        self.edits: dict[str, QLineEdit] = {}
        self._problems: dict[str, QLabel] = {}
        for code in COMMON_FEE_CODES:
            procedure = CATALOGUE[code]
            edit = QLineEdit(self)
            edit.setObjectName(f"fee{code}")
            edit.setPlaceholderText("0.00")
            edit.setFixedWidth(90)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            per = QLabel("per unit" if procedure.timed else "per session", self)
            problem = QLabel(self)
            problem.setStyleSheet(_PROBLEM_STYLE)
            problem.hide()
            row = QHBoxLayout()
            row.addWidget(QLabel("$", self))
            row.addWidget(edit)
            row.addWidget(per)
            row.addWidget(problem, 1)
            label = QLabel(f"{code}  {_short(procedure.description)}", self)
            label.setBuddy(edit)
            label.setToolTip(procedure.description)
            self.ui.feesLayout.addRow(label, row)
            self.edits[code] = edit
            self._problems[code] = problem
            edit.textEdited.connect(self._show_problems)

    def fees(self) -> dict[str, Cents]:
        """The fees typed, in cents; ValidationError names the first one that is not an amount."""
        fees: dict[str, Cents] = {}
        for code, edit in self.edits.items():
            text = edit.text().strip()
            if not text:
                continue
            try:
                cents = parse_dollars(text)
            except MoneyError:
                raise ValidationError(
                    f"fee.{code}", f'Fee for {code}: "{text}" is not an amount such as 45.00.'
                ) from None
            if cents < 0:
                raise ValidationError(f"fee.{code}", f"Fee for {code}: a fee cannot be negative.")
            fees[code] = cents
        return fees

    def still_needed(self) -> list[str]:
        return [f"a fee for {code} such as 45.00" for code in self.edits if self._problem(code)]

    def is_dirty(self) -> bool:
        return any(edit.text().strip() for edit in self.edits.values())

    def _problem(self, code: str) -> str:
        text = self.edits[code].text().strip()
        if not text:
            return ""
        try:
            cents = parse_dollars(text)
        except MoneyError:
            return "not an amount"
        return "cannot be negative" if cents < 0 else ""

    def _show_problems(self) -> None:
        for code, label in self._problems.items():
            problem = self._problem(code)
            label.setText(problem)
            label.setVisible(bool(problem))


class SetupWizard(QWizard):
    """Asks for the practice on first launch and saves it on Finish; `wants_demo` after "Try with demo data"."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.wants_demo = False
        self.setWindowTitle("Set up Superbill Desk")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(48, 48))
        self.form = ProviderForm(self)
        self.form.hide()  # its sections are shown on the pages below
        self.fees = _FeesForm(self)
        self.protection = ProtectionForm(self)
        self.recovery_key_shown = False
        self._build_pages()
        self.currentIdChanged.connect(self._focus_first_field)
        self.form.changed.connect(self._refresh_pages)
        for edit in self.fees.edits.values():
            edit.textEdited.connect(self._refresh_pages)
        self.protection.changed.connect(self._refresh_pages)
        self.resize(720, 620)
        fit_window(self)  # no larger than the screen: Next and Cancel always in view

    def _build_pages(self) -> None:
        self.welcome = Ui_SetupWelcome()
        welcome_content = QWidget(self)
        self.welcome.setupUi(welcome_content)
        self.welcome.demoButton.clicked.connect(self._try_demo)
        self.pages: list[_Page] = [
            _Page("Welcome to Superbill Desk", "Let's set up your practice.", welcome_content, parent=self),
            _Page(
                "You and your practice",
                "How superbills name you. Insurers check the NPI and Tax ID first.",
                self.form.take_section(IDENTITY),
                lambda: self.form.still_needed(IDENTITY),
                self,
            ),
            _Page(
                "Address and contact",
                "Where you see patients, and how an insurer can reach you.",
                self.form.take_section(CONTACT),
                lambda: self.form.still_needed(CONTACT),
                self,
            ),
            _Page(
                "Your fees",
                "What you charge for the services you offer.",
                self.fees,
                self.fees.still_needed,
                self,
            ),
            _Page(
                "Your signature",
                "Optional: you can add or change it later in Settings.",
                self.form.take_section(SIGNATURE),
                parent=self,
            ),
            _Page(
                "Protect your records",
                "A passphrase keeps your patients' records unreadable to anyone who gets this computer.",
                self.protection,
                self.protection.still_needed,
                self,
            ),
        ]
        for page in self.pages:
            self.addPage(page)

    def _focus_first_field(self, page_id: int) -> None:
        """Each page starts with the cursor in its first field, so Return moves on and typing fills it in."""
        first: dict[int, QWidget] = {
            0: self.button(QWizard.WizardButton.NextButton),
            1: self.form.ui.firstNameEdit,
            2: self.form.ui.line1Edit,
            3: self.fees.edits[COMMON_FEE_CODES[0]],
            4: self.form.ui.chooseSignatureButton,
            5: self.protection.form.passphrase.edit,
        }
        if page_id in first:
            first[page_id].setFocus(Qt.FocusReason.TabFocusReason)

    def _refresh_pages(self) -> None:
        for page in self.pages:
            page.refresh()

    # Finishing ---------------------------------------------------------------------------------

    def _try_demo(self) -> None:
        if not self._may_discard():
            return
        self.wants_demo = True
        self.done(QWizard.DialogCode.Accepted)

    def accept(self) -> None:
        """Finish: the practitioner and the fees in one transaction, or nothing and the wizard stays open."""
        try:
            practitioner = self.form.practitioner()
            fees = self.fees.fees()
            passphrase = self.protection.passphrase()
            if passphrase is not None and not self.workspace.encrypted:
                # Before anything is saved, so no record is ever written unencrypted.
                encrypted = self.workspace.encrypt(passphrase)
                show_recovery_key(encrypted.recovery_key, self.workspace.data_dir, self)
                self.recovery_key_shown = True
            set_up_practice(self.workspace, practitioner, fees)
        except ValidationError as error:
            QMessageBox.warning(self, "Check this field", error.message)
            self._show_field(error.field)
            return
        except StoreUnavailable as error:
            QMessageBox.critical(self, "Your practice was not saved", str(error))
            return
        self.form.mark_saved()
        super().accept()

    def reject(self) -> None:
        if self._may_discard():
            super().reject()

    def _may_discard(self) -> bool:
        """True when nothing was typed, or the therapist agrees to lose it."""
        if not (self.form.is_dirty() or self.fees.is_dirty()):
            return True
        answer = QMessageBox.question(
            self,
            "Leave setup?",
            "Your practice details are not saved yet. Leave setup and lose what you typed?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _show_field(self, field: str) -> None:
        if field in ("passphrase", "repeat"):
            target = self.pages[5]
            widget: QWidget | None = (
                self.protection.form.repeat.edit
                if field == "repeat"
                else self.protection.form.passphrase.edit
            )
        elif field.startswith("fee."):
            target, widget = self.pages[3], self.fees.edits.get(field.removeprefix("fee."))
        else:
            section = self.form.section_of(field)
            target = self.pages[{IDENTITY: 1, CONTACT: 2}.get(section, 4)]
            widget = None
        while self.currentPage() is not target and self.currentId() > 0:
            self.back()
        if widget is not None:
            widget.setFocus()
        else:
            self.form.focus_field(field)


def _short(description: str) -> str:
    """The catalogue description up to its first colon or parenthesis, to keep fee rows on one line."""
    for mark in (":", " ("):
        description = description.split(mark)[0]
    return description
