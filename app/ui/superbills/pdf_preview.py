"""The in-app preview of a PDF (a superbill): pages, zoom, Save as (or with a password), Print, Open."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QObject,
    QPointF,
    QRect,
    QSize,
    Qt,
    QUrl,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.files import write_file
from app.ui.widgets.fit import fit_window
from app.ui.widgets.saving import choose_save_file, save_chosen_file
from app.ui.widgets.tab_order import tab_chain

# Pages are printed as images; 300 dpi is sharp on paper and keeps a page under 40 MB of pixels.
PRINT_DPI = 300
ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.25, 6.0)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Print every page of the document on the printer, one PDF page per sheet, at its real size."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        for page in range(document.pageCount()):
            if page > 0:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            paper = printer.pageLayout().fullRectPixels(printer.resolution())
            # The page at its own size when the paper is big enough, else shrunk to fit, never stretched.
            scale = min(
                printer.resolution() / 72,
                paper.width() / points.width(),
                paper.height() / points.height(),
            )
            target = QRect(0, 0, round(points.width() * scale), round(points.height() * scale))
            painter.drawImage(target, image)
    finally:
        painter.end()


def safe_file_name(name: str) -> str:
    """A file name any system accepts: no path separators or reserved characters, ending in .pdf."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip(" .") or "document"
    return cleaned if cleaned.lower().endswith(".pdf") else f"{cleaned}.pdf"


class PdfPreviewDialog(QDialog):
    """Shows the PDF bytes as they are; saving or printing never changes them."""

    def __init__(
        self,
        pdf: bytes,
        suggested_name: str,
        parent: QWidget | None = None,
        *,
        data_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._pdf = bytes(pdf)
        self._data_folder = (
            data_folder  # the open practice's folder: never saved into (app.ui.widgets.saving)
        )
        self._suggested_name = safe_file_name(suggested_name)
        self._temp_dir: Path | None = None
        self.setWindowTitle(f"Preview - {self._suggested_name}")
        self.setSizeGripEnabled(True)

        # The buffer must outlive the document, which reads pages from it on demand.
        self._bytes = QByteArray(self._pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self._build()
        self._add_shortcuts()
        self._connect()
        self._show_page(0)
        self._update_zoom_label()
        screen = self.screen().availableGeometry() if self.screen() else None
        height = min(1000, screen.height() - 80) if screen else 900
        self.resize(820, height)
        fit_window(self)  # on a 1024x600 screen its title bar pushed it 25 px below the edge

    @property
    def pdf(self) -> bytes:
        """The document's bytes, exactly as given."""
        return self._pdf

    # Building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.viewport().installEventFilter(self)

        self.previous_button = QPushButton("◀ &Back", self)
        self.previous_button.setToolTip("Previous page (Page Up)")
        self.page_spin = QSpinBox(self)
        self.page_spin.setRange(1, max(1, self.document.pageCount()))
        self.page_spin.setAccessibleName("Page number")
        self.page_spin.setKeyboardTracking(False)
        page_label = QLabel("Pa&ge", self)
        page_label.setBuddy(self.page_spin)
        self.page_count_label = QLabel(f"of {self.document.pageCount()}", self)
        self.next_button = QPushButton("&Next ▶", self)
        self.next_button.setToolTip("Next page (Page Down)")

        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setToolTip(f"Zoom out ({_shortcut_text(QKeySequence.StandardKey.ZoomOut)})")
        self.zoom_out_button.setAccessibleName("Zoom out")
        self.zoom_label = QLabel(self)
        self.zoom_label.setAccessibleName("Zoom")
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000%") + 12)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setToolTip(f"Zoom in ({_shortcut_text(QKeySequence.StandardKey.ZoomIn)})")
        self.zoom_in_button.setAccessibleName("Zoom in")
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.sizeHint().height() + 6)
        self.fit_width_button = QPushButton("Fit &width", self)
        self.fit_width_button.setToolTip("Fit the page to the window's width (Ctrl+0)")
        self.whole_page_button = QPushButton("W&hole page", self)
        self.whole_page_button.setToolTip("The whole page in the window")

        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(page_label)
        navigation.addWidget(self.page_spin)
        navigation.addWidget(self.page_count_label)
        navigation.addWidget(self.next_button)
        navigation.addSpacing(12)
        navigation.addWidget(self.zoom_out_button)
        navigation.addWidget(self.zoom_label)
        navigation.addWidget(self.zoom_in_button)
        navigation.addWidget(self.fit_width_button)
        navigation.addWidget(self.whole_page_button)
        navigation.addStretch(1)

        self.save_button = QPushButton("&Save as…", self)
        self.save_password_button = QPushButton("Save with p&assword…", self)
        self.save_password_button.setToolTip("Save a copy that opens only with a password, to send by e-mail")
        self.print_button = QPushButton("P&rint…", self)
        self.open_button = QPushButton("&Open in viewer", self)
        self.open_button.setToolTip("Open a copy in the computer's own PDF viewer")
        self.close_button = QPushButton("Close", self)
        for button in (
            self.save_button,
            self.save_password_button,
            self.print_button,
            self.open_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
        for button in (
            self.previous_button,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.whole_page_button,
        ):
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.save_password_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(navigation)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)

        order = [
            self.view,
            self.previous_button,
            self.page_spin,
            self.next_button,
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.whole_page_button,
            self.save_button,
            self.save_password_button,
            self.print_button,
            self.open_button,
            self.close_button,
        ]
        tab_chain(order)
        self.view.setFocus()

    def _add_shortcuts(self) -> None:
        def add(keys: list[QKeySequence], slot: object) -> None:
            action = QAction(self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        zoom_in = [*QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        add(zoom_in, self.zoom_in)
        add(QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut), self.zoom_out)
        add([QKeySequence("Ctrl+0")], self.fit_width)
        add(QKeySequence.keyBindings(QKeySequence.StandardKey.Save), self.save_as)
        add(QKeySequence.keyBindings(QKeySequence.StandardKey.SaveAs), self.save_as)
        add(QKeySequence.keyBindings(QKeySequence.StandardKey.Print), self.print_document)
        add([QKeySequence(Qt.Key.Key_PageUp)], self.previous_page)
        add([QKeySequence(Qt.Key.Key_PageDown)], self.next_page)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.page_spin.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoomFactorChanged.connect(self._update_zoom_label)
        self.view.zoomModeChanged.connect(self._update_zoom_label)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_width_button.clicked.connect(self.fit_width)
        self.whole_page_button.clicked.connect(self.whole_page)
        self.save_button.clicked.connect(self.save_as)
        self.save_password_button.clicked.connect(self.save_with_password)
        self.print_button.clicked.connect(self.print_document)
        self.open_button.clicked.connect(self.open_in_system_viewer)
        self.close_button.clicked.connect(self.reject)

    # Pages and zoom ----------------------------------------------------------------------------

    def current_page(self) -> int:
        """The page shown, counting from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.document.pageCount() - 1))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self._show_page(page)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def _show_page(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.document.pageCount() - 1)

    def effective_zoom(self) -> float:
        """The zoom the page is shown at, also when it is fitted to the window (where QPdfView keeps 1.0)."""
        mode = self.view.zoomMode()
        if mode is QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        points = self.document.pagePointSize(self.current_page())
        pixels_per_point = self.view.logicalDpiX() / 72
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        fit = width / (points.width() * pixels_per_point)
        if mode is QPdfView.ZoomMode.FitInView:
            height = self.view.viewport().height() - margins.top() - margins.bottom()
            fit = min(fit, height / (points.height() * pixels_per_point))
        return max(fit, 0.01)

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def _set_zoom(self, factor: float) -> None:
        self._keeping_place(lambda: self._zoom_to(max(ZOOM_LIMITS[0], min(factor, ZOOM_LIMITS[1]))))

    def _zoom_to(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def fit_width(self) -> None:
        self._keeping_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def whole_page(self) -> None:
        self._keeping_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))

    def _keeping_place(self, change: Callable[[], None]) -> None:
        """Change the zoom and keep the same part of the document in view (QPdfView keeps the pixel offset)."""
        bar = self.view.verticalScrollBar()
        place = bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0
        change()
        bar.setValue(round(place * bar.maximum()))
        self._update_zoom_label()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._update_zoom_label()  # a fitted page changes size with the window
        return super().eventFilter(watched, event)

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)}%")
        mode = self.view.zoomMode()
        self.fit_width_button.setEnabled(mode is not QPdfView.ZoomMode.FitToWidth)
        self.whole_page_button.setEnabled(mode is not QPdfView.ZoomMode.FitInView)

    # Save, print, open -------------------------------------------------------------------------

    def save_as(self) -> None:
        chosen = choose_save_file(self, "Save the PDF as", self._suggested_name)
        if chosen:
            save_chosen_file(self, chosen, self._pdf, self._data_folder)

    def save_with_password(self) -> Path | None:
        """Ask for a password (twice) and a file; write the same PDF encrypted with it. The file, or None."""
        from app.ui.superbills.pdf_password_dialog import save_with_password

        return save_with_password(self, self._pdf, self._suggested_name, self._data_folder)

    def make_printer(self) -> QPrinter:
        """A printer set to the document's paper size (Letter or A4), printing the whole sheet."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._suggested_name)
        printer.setFullPage(True)
        if self.document.pageCount() > 0:
            points = self.document.pagePointSize(0)
            printer.setPageSize(
                QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
            )
        return printer

    def print_document(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the PDF")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.document, printer)
        except OSError:
            QMessageBox.warning(
                self,
                "Not printed",
                "The printer could not be started. Check that it is switched on and connected, or save "
                "the PDF and print it from another program.",
            )

    def open_in_system_viewer(self) -> None:
        path = self.write_temporary_copy()
        if path is None or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(
                self,
                "No PDF viewer",
                "The computer did not open the PDF: no program for PDF files was found. "
                "Use Save as… and open the saved file yourself.",
            )

    def write_temporary_copy(self) -> Path | None:
        """A copy in a private temporary folder, removed when the application quits."""
        try:
            if self._temp_dir is None:
                self._temp_dir = Path(tempfile.mkdtemp(prefix="superbill-preview-"))
                folder = self._temp_dir
                application = QCoreApplication.instance()
                if application is not None:
                    application.aboutToQuit.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
            path = self._temp_dir / self._suggested_name
            write_file(path, self._pdf)  # owner only, like every PDF the app writes
        except (OSError, ValidationError):
            return None
        return path


def _shortcut_text(key: QKeySequence.StandardKey) -> str:
    bindings = QKeySequence.keyBindings(key)
    return bindings[0].toString(QKeySequence.SequenceFormat.NativeText) if bindings else ""
