"""What an empty practice shows instead of a blank pane: the three ways to begin."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui import icons

ICON_SIZE = QSize(22, 22)


class WelcomePanel(QWidget):
    addPatient = Signal()
    importFile = Signal()
    tryDemo = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        card = QFrame(self)
        card.setObjectName("welcomePanel")
        card.setMaximumWidth(620)

        self._rows: list[QHBoxLayout] = []
        title = QLabel(f"Welcome, {name}" if name else "Welcome to Superbill Desk", card)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "Your practice is set up. Start with your patients: add the first one, or bring in the "
            "practice file you exported from Superbill Desk on another computer.",
            card,
        )
        intro.setObjectName("welcomeText")
        intro.setWordWrap(True)

        self.add_button = self._choice(
            card,
            "Add your first patient",
            icons.ADD_PATIENT,
            "Name, date of birth and insurance; then their visits.",
            self.addPatient,
            primary=True,
        )
        self.import_button = self._choice(
            card,
            "Import a practice file…",
            icons.IMPORT,
            "A practice file (.json) from superbill export on another computer.",
            self.importFile,
        )
        self.demo_button = self._choice(
            card,
            "Try the demo practice",
            icons.DEMO,
            "Made-up patients to look around with; your practice stays as it is.",
            self.tryDemo,
        )

        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        for row in self._rows:
            layout.addLayout(row)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setFocusProxy(self.add_button)

    def _choice(
        self,
        parent: QWidget,
        text: str,
        icon: str,
        words: str,
        signal: SignalInstance,
        *,
        primary: bool = False,
    ) -> QPushButton:
        button = QPushButton(icons.icon(icon), text, parent)
        button.setIconSize(ICON_SIZE)
        button.setMinimumWidth(230)
        button.setProperty("accent", primary)
        button.clicked.connect(signal)  # signal to signal: no Python left holding the panel
        hint = QLabel(words, parent)
        hint.setWordWrap(True)
        hint.setProperty("class", "hint")
        hint.setBuddy(button)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(hint, 1)
        self._rows.append(row)
        return button
