"""Settings: the practice profile, the paper size of superbills, the payers, and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.domain.errors import ValidationError
from app.domain.superbill import PaperSize
from app.services import practice_profile
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.forms.ui_settings_dialog import Ui_SettingsDialog
from app.ui.practice.claim_settings import ClaimFormsGroup
from app.ui.practice.payers_dialog import PayersDialog
from app.ui.practice.provider_form import CONTACT, IDENTITY, SIGNATURE, ProviderForm
from app.ui.security.security_settings import SecurityTab
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import ask_unsaved, show_store_problem
from app.ui.widgets.tab_order import tab_chain


class SettingsDialog(QDialog):
    """Edits the practice profile and paper size; Save stores both in one transaction."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.form = ProviderForm(self)
        self.form.hide()  # its sections live on the first three tabs
        self._tab_of = {IDENTITY: 0, CONTACT: 1, SIGNATURE: 2}
        ui = self.ui
        ui.providerTabLayout.addWidget(self.form.take_section(IDENTITY))
        ui.providerTabLayout.addStretch(1)
        ui.contactTabLayout.addWidget(self.form.take_section(CONTACT))
        ui.contactTabLayout.addStretch(1)
        ui.signatureTabLayout.addWidget(self.form.take_section(SIGNATURE))
        self.security = SecurityTab(workspace, self)
        ui.tabs.addTab(self.security, "Sec&urity")
        self.claim_forms = ClaimFormsGroup(workspace, self)
        ui.documentsTabLayout.insertWidget(ui.documentsTabLayout.indexOf(ui.dataGroup) + 1, self.claim_forms)
        # Tab goes from the tab bar through the fields of the page shown, then to Save and Cancel.
        chain = [
            ui.tabs,
            *self.form.tab_order(),
            ui.letterRadio,
            ui.a4Radio,
            ui.payersButton,
            ui.dataFolderEdit,
            ui.openFolderButton,
            *self.claim_forms.tab_order(),
            *self.security.tab_order(),
            *ui.buttons.buttons(),
        ]
        tab_chain(chain)
        ui.dataFolderEdit.setText(str(workspace.data_dir))
        ui.dataFolderEdit.setCursorPosition(0)
        ui.buttons.accepted.connect(self.save)
        ui.buttons.rejected.connect(self.reject)
        ui.openFolderButton.clicked.connect(self._open_folder)
        ui.payersButton.clicked.connect(self._open_payers)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        self._load()
        fit_dialog(self)

    def _load(self) -> None:
        self.form.load(practice_profile.practitioner(self.workspace))
        self._paper = practice_profile.paper_size(self.workspace)
        radio = self.ui.a4Radio if self._paper is PaperSize.A4 else self.ui.letterRadio
        radio.setChecked(True)

    def paper_size(self) -> PaperSize:
        return PaperSize.A4 if self.ui.a4Radio.isChecked() else PaperSize.LETTER

    def is_dirty(self) -> bool:
        changed = self.paper_size() is not self._paper or self.claim_forms.is_dirty()
        return self.form.is_dirty() or changed or self.security.is_dirty()

    # Saving and closing ------------------------------------------------------------------------

    def try_save(self) -> bool:
        """Store the profile and paper size; on a problem show it and keep everything as typed."""
        try:
            practitioner = self.form.practitioner()
            offset = self.claim_forms.offset()
            practice_profile.save_profile(self.workspace, practitioner, self.paper_size(), offset)
        except ValidationError as error:
            self._show_field(error.field)
            QMessageBox.warning(self, "Not saved", error.message)
            return False
        except StoreUnavailable as error:
            show_store_problem(self, error)
            return False
        self.form.mark_saved()
        self.claim_forms.mark_saved(offset)
        self._paper = self.paper_size()
        self.security.save()
        return True

    def save(self) -> None:
        if self.try_save():
            self.accept()

    def reject(self) -> None:
        if self.is_dirty():
            answer = ask_unsaved(self, "the settings")
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self.try_save():
                return
        super().reject()

    def _show_field(self, field: str) -> None:
        if field.startswith("claim_offset."):
            self.ui.tabs.setCurrentWidget(self.ui.documentsTab)
            return self.claim_forms.focus(field)
        self.ui.tabs.setCurrentIndex(self._tab_of[self.form.section_of(field)])
        self.form.focus_field(field)

    # Beside the profile ------------------------------------------------------------------------

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.data_dir)))

    def _open_payers(self) -> None:
        dialog = PayersDialog(self.workspace, self)
        dialog.exec()
