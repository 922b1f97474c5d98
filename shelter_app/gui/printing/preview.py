"""The preview of a document before it is printed: the PDF's own pages as PDFium draws
them, so screen, PDF file and paper show one layout. The first page comes first; the
others are drawn as they scroll into view, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shelter_app.gui.background import Op, explain
from shelter_app.gui.printing import pages, send
from shelter_app.gui.widgets import save_path, show_message, shown_only_if
from shelter_app.i18n import _

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
PAGES_PER_JOB = 2  # the worker also saves records: never hold it long
PAGE_GAP = 12


class PageView(QLabel):
    """One page: white at its size until drawn."""

    def __init__(self):
        super().__init__()
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
        self.setPalette(palette)
        self.setScaledContents(True)  # after a zoom, the old drawing stretched till redrawn
        self.drawn = False


class PdfPreview(QDialog):
    """PdfPreview(pdf, title, parent, record=..., save=..., file_name=...) shows the PDF.
    Print… sends it to a printer, then runs `record` (the audit entry) on the worker;
    with `save`, Save as PDF… runs save(path) on the worker (file_name is suggested)."""

    first_page_shown = Signal()
    printed = Signal()

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None,
                 record: Callable[[], None] | None = None,
                 save: Callable[[Path], None] | None = None, file_name: str = ""):
        super().__init__(parent)
        self.pdf, self.title, self.record = pdf, title, record
        self.save, self.file_name = save, file_name
        self.setWindowTitle(_("Preview: {title}").format(title=title))
        self.resize(940, 720)
        self.sizes = []  # each page's size in points, once the document is open
        self.views: list[PageView] = []
        self.zoom = 1.0
        self._generation = 0  # a zoom change makes pages drawn before it stale
        self._drawing = False
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(title)  # the job's name in the spooler: never a person's

        self.print_button = QPushButton(_("&Print…"))
        self.print_button.clicked.connect(self.choose_printer)
        self.print_button.setEnabled(False)
        zoom_out, zoom_in = QPushButton(_("Zoom &out")), QPushButton(_("Zoom &in"))
        zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        zoom_in.clicked.connect(lambda: self.step_zoom(1))
        fit = QPushButton(_("Fit &width"))
        fit.clicked.connect(self.fit_width)
        self.save_button = QPushButton(_("Save as P&DF…"))
        self.save_button.clicked.connect(lambda: self.save_as())
        shown_only_if(self.save_button, save is not None)
        self.zoom_label, self.page_label = QLabel(""), QLabel("")
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        for sequence, handler in ((QKeySequence.StandardKey.Print, self.choose_printer),
                                  (QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(1)),
                                  (QKeySequence.StandardKey.ZoomOut,
                                   lambda: self.step_zoom(-1))):
            QShortcut(QKeySequence(sequence), self, handler)

        self.column = QWidget()
        self.column.setBackgroundRole(QPalette.ColorRole.Dark)
        self.column.setAutoFillBackground(True)
        self.page_list = QVBoxLayout(self.column)
        self.page_list.setSpacing(PAGE_GAP)
        self.page_list.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.scroll.verticalScrollBar().valueChanged.connect(self._scrolled)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        for widget in (self.print_button, self.save_button, zoom_out, self.zoom_label,
                       zoom_in, fit):
            bar.addWidget(widget)
        bar.addStretch()
        bar.addWidget(self.page_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(bottom)
        self._show_zoom()
        scale = self._dots_per_point()
        Op(self, lambda: pages.open_document(pdf, scale), self._opened
           ).failure(self._failed).run_in_background()

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    # -- pages on screen -----------------------------------------------------------------
    def _dots_per_point(self) -> float:
        """Screen pixels (device pixels, for sharp text on high-DPI screens) per point."""
        return self.zoom * self.logicalDpiX() / pages.POINTS_PER_INCH * self.devicePixelRatioF()

    def _opened(self, opened: pages.Opened) -> None:
        self.sizes = opened.sizes
        for _size in self.sizes:
            view = PageView()
            self.views.append(view)
            self.page_list.addWidget(view)
        self._size_views()
        self.print_button.setEnabled(bool(self.sizes))
        self.print_button.setDefault(True)  # Enter asks where to print,
        self.scroll.setFocus()  # while the arrows and Page Down move through the pages
        if opened.first is not None:
            self._put(0, opened.first)
        self._scrolled()
        self._draw_visible()

    def _size_views(self) -> None:
        per_point = self.zoom * self.logicalDpiX() / pages.POINTS_PER_INCH
        for view, size in zip(self.views, self.sizes, strict=True):
            view.setFixedSize(round(size.width() * per_point), round(size.height() * per_point))

    def _put(self, index: int, image) -> None:
        pixmap = QPixmap.fromImage(image)  # on the GUI thread, where pixmaps belong
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.views[index].setPixmap(pixmap)
        self.views[index].drawn = True
        if index == 0:
            self.first_page_shown.emit()

    def _visible(self) -> list[int]:
        viewport = self.scroll.viewport()
        top = self.scroll.verticalScrollBar().value()
        seen = QRect(0, top, viewport.width(), viewport.height()).adjusted(
            0, -viewport.height() // 2, 0, viewport.height() // 2)  # and half a screen more
        return [index for index, view in enumerate(self.views)
                if view.geometry().intersects(seen)]

    def _draw_visible(self) -> None:
        """Draw the visible pages not drawn yet, a few at a time, one job at once."""
        if self._drawing:
            return
        wanted = [index for index in self._visible() if not self.views[index].drawn]
        if not wanted:
            return
        self._drawing = True
        wanted, pdf = wanted[:PAGES_PER_JOB], self.pdf
        scale, generation = self._dots_per_point(), self._generation
        Op(self, lambda: pages.render(pdf, wanted, scale),
           lambda images: self._drawn(generation, images)).failure(self._failed
                                                                   ).run_in_background()

    def _drawn(self, generation: int, images) -> None:
        self._drawing = False
        if generation == self._generation:
            for index, image in images.items():
                self._put(index, image)
        self._draw_visible()

    def _scrolled(self, _value: int = 0) -> None:
        if self.views:
            first = self._visible()
            top = self.scroll.verticalScrollBar().value()
            current = next((index for index in first
                            if self.views[index].geometry().bottom() > top), 0)
            self.page_label.setText(_("Page {page} of {pages}").format(
                page=current + 1, pages=len(self.views)))
        self._draw_visible()

    # -- zoom ------------------------------------------------------------------------------
    def step_zoom(self, step: int) -> None:
        nearest = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, nearest + step))])

    def fit_width(self) -> None:
        if self.sizes:
            room = self.scroll.viewport().width() - 2 * PAGE_GAP
            widest = max(size.width() for size in self.sizes)
            self.set_zoom(room / (widest * self.logicalDpiX() / pages.POINTS_PER_INCH))

    def set_zoom(self, zoom: float) -> None:
        zoom = max(ZOOMS[0], min(ZOOMS[-1], zoom))
        if abs(zoom - self.zoom) < 0.001:
            return
        self.zoom = zoom
        self._generation += 1
        for view in self.views:
            view.drawn = False
        self._size_views()
        self._show_zoom()
        self._scrolled()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(_("{percent} %").format(percent=round(self.zoom * 100)))

    # -- printing --------------------------------------------------------------------------
    def choose_printer(self) -> QPrintDialog | None:
        """Print… asks where to print; with no printer set up it says so (Qt would offer
        only a print to a file the user did not choose, in the home folder)."""
        if not self.sizes or not self.print_button.isEnabled():
            return None
        if not send.printers_installed():
            self.no_printer()
            return None
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(_("Print"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setMinMax(1, self.page_count)
        for box in dialog.findChildren(QDialogButtonBox):  # Qt's own words are English
            for role, text in ((QDialogButtonBox.StandardButton.Ok, _("&Print")),
                               (QDialogButtonBox.StandardButton.Cancel, _("Cancel"))):
                button = box.button(role)
                if button is not None:
                    button.setText(text)
        dialog.accepted.connect(lambda: self.print_to(self.printer))
        self.last_print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # what QDialog.open() does:
        dialog.show()  # PySide6's QPrintDialog.open() wants a receiver and a slot
        return dialog

    def print_to(self, printer: QPrinter) -> None:
        """Send the document to `printer` as the print dialog set it up."""
        job = send.cups_job(printer, self.title)  # read on the GUI thread
        pdf, record = self.pdf, self.record
        where = printer.printerName() or printer.outputFileName()

        def work():
            if job is not None:
                send.send_to_cups(pdf, job)
            else:
                send.paint(pdf, printer)
            if record is not None:
                record()

        self.print_button.setEnabled(False)
        show_message(self.message, _("Sending to the printer…"), error=False)
        Op(self, work, lambda _r: self._printed(where)).failure(self._print_failed
                                                             ).with_progress(
            _("Sending to the printer…")).run_in_background()

    def no_printer(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Print"), _(
            "No printer is set up on this PC, so nothing was printed."), parent=self)
        if self.save is not None:
            box.setInformativeText(_("Save the document as a PDF instead, to print it "
                                     "on another PC or once a printer is set up."))
            save = box.addButton(_("Save as P&DF…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        else:
            save = None
            box.setInformativeText(_("Ask whoever looks after this PC to set one up."))
            box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if save is not None and box.clickedButton() is save:
            self.save_as()

    def save_as(self, path: Path | None = None) -> None:
        if self.save is None:
            return
        path = path or save_path(self, _("Save as PDF"), self.file_name)
        if path is None:
            return
        save = self.save
        Op(self, lambda: save(path), lambda _r: show_message(
            self.message, _("Saved: {file}").format(file=path), error=False)
           ).failure(self._failed).run_in_background()

    def _printed(self, where: str) -> None:
        self.print_button.setEnabled(True)
        show_message(self.message, _("Sent to {printer}.").format(printer=where), error=False)
        self.printed.emit()

    def _print_failed(self, error: BaseException) -> None:
        self.print_button.setEnabled(True)
        show_message(self.message, explain(error))

    def _failed(self, error: BaseException) -> None:
        self._drawing = False
        show_message(self.message, explain(error))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._scrolled()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._draw_visible()
