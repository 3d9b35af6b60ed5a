"""Patient > Claim form… and Patient > Claim file (837P)…, beside Superbill…: the claim dialogs for
the patient shown (app/ui/claim_dialog.py, loaded when first opened)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def claim_actions(window: MainWindow) -> tuple[QAction, QAction]:
    """The two actions, connected to `window`, enabled when Superbill… is (a patient is shown)."""
    form_action = QAction("Claim f&orm…", window)
    form_action.setStatusTip(
        "Print a CMS-1500 claim form for this patient's visits, on plain paper or a red form"
    )
    form_action.triggered.connect(lambda: open_claim(window, "form"))
    file_action = QAction("Claim f&ile (837P)…", window)
    file_action.setStatusTip("Save this patient's claim as an 837P file to upload to your clearinghouse")
    file_action.triggered.connect(lambda: open_claim(window, "837p"))
    for action in (form_action, file_action):
        action.setObjectName("claimFormAction" if action is form_action else "claimFileAction")
        action.setEnabled(window.superbill_action.isEnabled())
        window.superbill_action.enabledChanged.connect(action.setEnabled)
    return form_action, file_action


def open_claim(window: MainWindow, kind: str, patient_key: str | None = None) -> None:
    from app.ui.superbills.claim_dialog import ClaimDialog

    key = patient_key or window.patient_key
    if key is None:
        return
    dialog = ClaimDialog(window.workspace, key, kind, window.today or date.today(), window)
    dialog.issued.connect(lambda number: window._saved(f"Claim {number} issued"))
    window._open(dialog)
