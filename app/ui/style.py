"""The app's look: a calm palette (one teal accent, neutral greys), 10-point text, room around
controls, and a focus ring on whatever the keyboard is in. One place, applied once to the app.

Applied just after the main window's first frame (app.ui.main): the stylesheet, the palette and
the font cost start-up time, and a therapist waits on the first frame. Everything here is in
Qt's own terms (a stylesheet, a palette, a font), drawn by the Fusion style underneath.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

ACCENT = "#2a7f76"  # teal: selection, focus, the default button
ACCENT_DARK = "#1f6660"
ACCENT_SOFT = "#e3f1ef"  # a selected row, the default button's face
INK = "#1f2a30"  # text
MUTED = "#5d6a72"  # secondary text
FAINT = "#9aa5ab"  # disabled text
LINE = "#c9d1d6"  # borders
HAIRLINE = "#e1e6e9"
PAPER = "#ffffff"  # fields, lists
CANVAS = "#f3f5f6"  # the window behind them

POINT_SIZE = 10.0  # readable on a laptop; a larger system font is kept


def _arrow(name: str) -> str:
    return resource_path("icons", "lucide", f"{name}.svg").as_posix()


def stylesheet() -> str:
    down, up = _arrow("chevron-down"), _arrow("chevron-up")
    return f"""
QMainWindow, QDialog, QWizard {{ background: {CANVAS}; }}
QToolTip {{ color: {INK}; background: {PAPER}; border: 1px solid {LINE}; padding: 4px; }}

QToolBar {{ background: {PAPER}; border: none; border-bottom: 1px solid {HAIRLINE}; spacing: 4px; padding: 4px 8px; }}
QToolBar::separator {{ background: {HAIRLINE}; width: 1px; margin: 4px 6px; }}
QToolButton {{ border: 1px solid transparent; border-radius: 6px; padding: 4px 8px; color: {INK}; }}
QToolButton:hover {{ background: {ACCENT_SOFT}; }}
QToolButton:pressed {{ background: #cfe6e2; }}
QToolButton:focus {{ border: 2px solid {ACCENT}; }}
QToolButton:disabled {{ color: {FAINT}; }}
QToolButton#realPracticeButton {{
    background: {ACCENT_SOFT}; border: 1px solid {ACCENT}; color: {ACCENT_DARK}; font-weight: bold;
}}
QToolButton#realPracticeButton:hover {{ background: #cfe6e2; }}

QMenuBar {{ background: {PAPER}; }}
QMenuBar::item:selected, QMenu::item:selected {{ background: {ACCENT_SOFT}; color: {INK}; }}
QMenu {{ background: {PAPER}; border: 1px solid {LINE}; padding: 4px 0; }}
QMenu::item {{ padding: 5px 24px 5px 28px; }}
QMenu::separator {{ height: 1px; background: {HAIRLINE}; margin: 4px 8px; }}

QPushButton {{
    background: {PAPER}; color: {INK}; border: 1px solid {LINE}; border-radius: 6px;
    padding: 3px 12px;
}}
QPushButton:hover {{ background: #eef4f4; border-color: #a9b6bc; }}
QPushButton:pressed {{ background: #dfe9ea; }}
QPushButton:default {{ background: {ACCENT_SOFT}; border-color: {ACCENT}; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; padding: 2px 11px; }}
QPushButton:disabled {{ color: {FAINT}; background: {CANVAS}; border-color: {HAIRLINE}; }}
QPushButton[accent="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; font-weight: bold; }}
QPushButton[accent="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[accent="true"]:focus {{ border: 2px solid {INK}; }}

QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox {{
    background: {PAPER}; color: {INK}; border: 1px solid {LINE}; border-radius: 5px;
    padding: 2px 5px; selection-background-color: {ACCENT}; selection-color: white;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus {{
    border: 2px solid {ACCENT}; padding: 1px 4px;
}}
QLineEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled {{ color: {FAINT}; background: {CANVAS}; }}
QLineEdit[readOnly="true"] {{ background: {CANVAS}; }}
QComboBox {{ padding-right: 24px; }}
QComboBox:focus {{ padding-right: 23px; }}
QComboBox::drop-down, QDateEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 22px; border: none;
}}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url({down}); width: 14px; height: 14px; }}
QComboBox QAbstractItemView {{
    background: {PAPER}; border: 1px solid {LINE}; selection-background-color: {ACCENT_SOFT};
    selection-color: {INK}; outline: none;
}}
QAbstractSpinBox {{ padding-right: 20px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: 18px; border: none; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url({up}); width: 11px; height: 11px; }}
QAbstractSpinBox::down-arrow {{ image: url({down}); width: 11px; height: 11px; }}
QDateEdit[calendarPopup="true"] {{ padding-right: 24px; }}

QAbstractItemView {{
    background: {PAPER}; alternate-background-color: #f6f8f9; border: 1px solid {LINE};
    border-radius: 5px; selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
}}
QAbstractItemView:focus {{ border: 2px solid {ACCENT}; }}
QTableView::item {{ padding: 0 3px; }}
QAbstractItemView::item:selected:active {{ background: {ACCENT}; color: white; }}
QHeaderView::section {{
    background: {CANVAS}; color: {MUTED}; border: none; border-bottom: 1px solid {LINE};
    border-right: 1px solid {HAIRLINE}; padding: 3px 3px;
}}

QTabWidget::pane {{ background: {PAPER}; border: 1px solid {LINE}; border-radius: 6px; top: -1px; }}
QTabBar::tab {{
    background: transparent; color: {MUTED}; padding: 5px 7px; margin-right: 1px;
    border: 1px solid transparent; border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px;
}}
QTabBar::tab:selected {{ background: {PAPER}; color: {INK}; border-color: {LINE}; font-weight: bold; }}
QTabBar::tab:hover:!selected {{ color: {INK}; background: #e8eef0; }}
QTabBar::tab:focus {{ border: 2px solid {ACCENT}; border-bottom: none; }}

QGroupBox {{
    background: {PAPER}; border: 1px solid {HAIRLINE}; border-radius: 8px; margin-top: 10px; padding-top: 4px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; subcontrol-position: top left; left: 10px; padding: 0 4px;
    color: {MUTED}; font-weight: bold;
}}
QCheckBox:focus, QRadioButton:focus {{ color: {ACCENT_DARK}; }}
QCheckBox::indicator:focus, QRadioButton::indicator:focus {{ border: 2px solid {ACCENT}; border-radius: 3px; }}

QStatusBar {{ background: {PAPER}; border-top: 1px solid {HAIRLINE}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 6px; }}
QLabel#statusNote {{ color: {ACCENT_DARK}; font-weight: bold; }}
QSplitter::handle {{ background: transparent; }}
QScrollArea {{ border: none; background: transparent; }}
QScrollBar:vertical {{ background: {CANVAS}; width: 12px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: {CANVAS}; height: 12px; margin: 0; border: none; }}
QScrollBar::handle {{ background: #b9c4c9; border-radius: 4px; margin: 2px; }}
QScrollBar::handle:vertical {{ min-height: 32px; }}
QScrollBar::handle:horizontal {{ min-width: 32px; }}
QScrollBar::handle:hover {{ background: #98a6ac; }}
QScrollBar::handle:pressed {{ background: {MUTED}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QAbstractScrollArea::corner {{ background: {CANVAS}; border: none; }}
/* a label's last letter is cut by a pixel at 150-200% scaling without a little room after it */
QLabel {{ padding-right: 1px; }}

QFrame#welcomePanel {{ background: {PAPER}; border: 1px solid {HAIRLINE}; border-radius: 10px; }}
QLabel#welcomeTitle {{ color: {INK}; }}
QLabel#welcomeText, QLabel.hint {{ color: {MUTED}; }}
"""


def palette(base: QPalette) -> QPalette:
    """Fusion's palette in the app's colors: what the stylesheet does not draw (checkboxes, the
    sliders of scroll bars, disabled text) follows it."""
    colors = {
        QPalette.ColorRole.Window: CANVAS,
        QPalette.ColorRole.WindowText: INK,
        QPalette.ColorRole.Base: PAPER,
        QPalette.ColorRole.AlternateBase: "#f6f8f9",
        QPalette.ColorRole.Text: INK,
        QPalette.ColorRole.Button: PAPER,
        QPalette.ColorRole.ButtonText: INK,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: PAPER,
        QPalette.ColorRole.ToolTipText: INK,
        QPalette.ColorRole.PlaceholderText: "#7c878e",
        QPalette.ColorRole.Link: ACCENT_DARK,
    }
    result = QPalette(base)
    for role, color in colors.items():
        result.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(FAINT))
    return result


def apply_look(app: QApplication) -> None:
    """The font, palette and stylesheet, once (a second call changes nothing)."""
    if app.property("superbillLook"):
        return
    app.setProperty("superbillLook", True)
    # The style under the stylesheet (Fusion, from app.ui.main): app.style() names the stylesheet's.
    app.setProperty("baseStyle", app.style().name())
    font = QFont(app.font())
    if font.pointSizeF() < POINT_SIZE:
        font.setPointSizeF(POINT_SIZE)
        app.setFont(font)
    app.setPalette(palette(app.palette()))
    app.setStyleSheet(stylesheet())
