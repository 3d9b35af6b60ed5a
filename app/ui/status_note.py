"""A message in the status bar ("Visit saved") that stays a few seconds, then fades out."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel, QWidget

SHOWN_MS = 5000  # long enough to read twice
FADE_MS = 700


class StatusNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusNote")
        self._opacity = QGraphicsOpacityEffect(self)
        self._opacity.setOpacity(1.0)
        self.setGraphicsEffect(self._opacity)
        self._fade = QPropertyAnimation(self._opacity, b"opacity", self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fade.finished.connect(self.clear)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fade.start)

    def say(self, message: str, shown_ms: int = SHOWN_MS) -> None:
        """Show the message at full strength; it fades out after `shown_ms` (a new one starts again)."""
        self._fade.stop()
        self._opacity.setOpacity(1.0)
        self.setText(message)
        self.setAccessibleDescription(message)
        self._timer.start(shown_ms)

    def message(self) -> str:
        return self.text()
