"""The one date field of every form: typed as a US user types a date, with a calendar beside it.

A plain text box (not a QDateEdit, whose sections turned typed dates into other dates): what is typed
is read by app.domain.dates.typed_date (03/14/1985, 3/14/85, 03141985, 2026-03-14, t for today);
beside it, the date understood in words ("Thu, Mar 14, 1985") or what is wrong with the text. Leaving
the field writes a whole date as MM/DD/YYYY; a text that is not a whole date stays as typed, and
`date()` refuses it (ValidationError naming the field), so no form saves a partial date.

Keys: t today; Up/Down a day later/earlier; Alt+Down or F4 the calendar (Enter picks, Esc closes);
Ctrl+A, Backspace, Delete as in any text box; the first click selects the whole date, so typing
replaces it.

Promoted in the forms (forms/*.ui, header app.ui.widgets.date_field); each dialog calls `configure`. Only the
dialogs import it: it builds Qt enums, which the main window's first frame must not (app.ui.first_frame).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import (
    TYPED_CHARACTERS,
    DateError,
    YearRule,
    days_after,
    spoken_date,
    typed_date,
    us_date,
)
from app.domain.errors import ValidationError

HINT_COLOUR = "#5f6368"
ERROR_COLOUR = "#b3261e"
HOW = "type it as MM/DD/YYYY or pick it from the calendar (Alt+Down)"


class DateField(QWidget):
    """A date typed or picked; empty means no date (refused on saving when `required`)."""

    dateChanged = Signal(object)  # the date understood (a date, or None), each time it changes
    textChanged = Signal(str)  # every change of the text, typed or loaded

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = "Date"
        self.field = ""  # the path a ValidationError names (a record dialog sets it)
        self.required = False
        self.years: YearRule = "near"
        self._today: dt.date | None = None
        self._understood: dt.date | None = None
        self._popup: _CalendarPopup | None = None

        self.edit = _DateEdit(self)
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText("MM/DD/YYYY")
        self.edit.setMaxLength(16)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") * 2)
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the text opens it
        self.button.setToolTip("Pick the date from a calendar (Alt+Down)")
        self.button.setAccessibleName("Calendar")
        self.hint = QLabel(self)
        self.hint.setObjectName("dateHint")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(self.hint.fontMetrics().horizontalAdvance("Wed, Sep 30, 2026") + 4)
        self.hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addSpacing(4)
        row.addWidget(self.hint, 1)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self.tidy)
        self.button.clicked.connect(self.open_calendar)
        self._show_hint()

    def configure(self, label: str, *, today: dt.date, years: YearRule, required: bool = False) -> None:
        """`label` names the field in messages ("Date of birth"); `years` reads two-digit years."""
        self.label = label
        self._today = today
        self.years = years
        self.required = required
        self.setAccessibleName(label)
        self.edit.setAccessibleName(label)
        self.edit.setToolTip(
            f"{label}: type it as MM/DD/YYYY (3/14/85 and 03141985 work too), t for today, "
            "Alt+Down for a calendar." + ("" if required else " Leave it empty for no date.")
        )
        self._typed(self.edit.text())

    # The date ---------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def text(self) -> str:
        return self.edit.text()

    def set_date(self, day: dt.date | None) -> None:
        """Show a stored date (or none)."""
        self.edit.setText(us_date(day))

    def understood(self) -> dt.date | None:
        """The whole date typed; None when the field is empty or holds no whole date yet."""
        return self._understood

    def problem(self) -> str | None:
        """Why the field cannot be saved as it is (naming the field), or None."""
        text = self.edit.text().strip()
        if not text:
            return f"{self.label} is required: {HOW}." if self.required else None
        try:
            typed_date(text, today=self.today(), years=self.years)
        except DateError as error:
            return f"{self.label} “{text}” is not a date: {error}."
        return None

    def date(self) -> dt.date | None:
        """The date to save (None for an empty optional field); ValidationError naming the field when the
        text is not a whole valid date, or when a required field is empty."""
        problem = self.problem()
        if problem is not None:
            raise ValidationError(self.field or self.label, problem)
        return self._understood

    def tidy(self) -> None:
        """Write a whole date as MM/DD/YYYY (on leaving the field or Enter); anything else stays as typed."""
        if self._understood is not None and self.edit.text() != us_date(self._understood):
            self.edit.setText(us_date(self._understood))
        self._show_hint()

    def _typed(self, text: str) -> None:
        try:
            day = typed_date(text, today=self.today(), years=self.years) if text.strip() else None
        except DateError:
            day = None
        changed, self._understood = day != self._understood, day
        self._show_hint()
        self.textChanged.emit(text)  # after the date is understood: a listener reads it
        if changed:
            self.dateChanged.emit(day)

    def _show_hint(self) -> None:
        text = self.edit.text().strip()
        colour = HINT_COLOUR
        tip = ""
        if self._understood is not None:
            words = spoken_date(self._understood)
        elif not text:
            words = "required" if self.required else "optional"
        elif self.edit.hasFocus():
            words = "MM/DD/YYYY"
        else:
            try:
                typed_date(text, today=self.today(), years=self.years)
                words = ""
            except DateError as error:
                reason = str(error)
                short = reason.split(":")[0].split(",")[
                    0
                ]  # "there is no month 13", "February 2026 has 28 days"
                words, colour = f"✗ {short[:1].upper()}{short[1:]}", ERROR_COLOUR
                tip = f"Not a date: {reason}."
        self.hint.setText(words)
        self.hint.setStyleSheet(f"color: {colour};")
        self.hint.setToolTip(tip)

    # Keys and the calendar ---------------------------------------------------------------------

    def step(self, days: int) -> None:
        if self._understood is not None:
            day = days_after(self._understood, days)
            if day is not None and day.year >= 1:
                self.edit.setText(us_date(day))

    def open_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        self._popup.show_for(self._understood or self.today())

    def _picked(self, day: dt.date) -> None:
        self.edit.setText(us_date(day))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self._show_hint()


class _DateEdit(QLineEdit):
    """The text of a DateField: only the characters of a date; t, Up/Down, Alt+Down; first click selects."""

    def __init__(self, owner: DateField) -> None:
        super().__init__(owner)
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        plain = not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if (key == Qt.Key.Key_Down and alt) or key == Qt.Key.Key_F4:
            self._owner.open_calendar()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and plain and self._owner.understood() is not None:
            self._owner.step(1 if key == Qt.Key.Key_Up else -1)
        elif plain and event.text().lower() == "t":
            self.setText(us_date(self._owner.today()))
        elif plain and event.text() and event.text().isprintable() and event.text() not in TYPED_CHARACTERS:
            event.accept()  # a letter has no place in a date
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # Typing replaces the date, whichever way the field was reached: by Tab, by its label's
        # Alt+letter, by a message pointing at it, or by the click that puts the cursor in it
        # (a second click places the cursor, to change one digit).
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.selectAll()
        self._clicked_in = event.reason() == Qt.FocusReason.MouseFocusReason
        self._owner.tidy()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._clicked_in = False
        self._owner.tidy()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self._clicked_in:
            self.selectAll()
            self._clicked_in = False

    _clicked_in = False


class _CalendarPopup(QFrame):
    """A month calendar under the field: click or Enter picks the date, Esc closes it."""

    picked = Signal(object)

    def __init__(self, owner: DateField) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self._owner = owner
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("dateCalendar")
        self.calendar.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)
        # Roomy enough to read and click a day on a laptop: the default is cramped.
        cell = self.calendar.fontMetrics().horizontalAdvance("Wed") + 16
        self.calendar.setMinimumSize(cell * 7, cell * 6)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def show_for(self, day: dt.date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.adjustSize()
        field = self._owner.edit
        where = field.mapToGlobal(QPoint(0, field.height()))
        screen = field.screen().availableGeometry()
        x = max(screen.left(), min(where.x(), screen.right() - self.width()))
        y = where.y() if where.y() + self.height() <= screen.bottom() else field.mapToGlobal(QPoint(0, 0)).y()
        if y != where.y():
            y = max(screen.top(), y - self.height())
        self.move(x, y)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, chosen: QDate) -> None:
        self.close()
        self.picked.emit(dt.date(chosen.year(), chosen.month(), chosen.day()))
