"""The report on screen before it is printed: Qt's print preview over the report's HTML
(ReportLab writes the PDF; Qt Essentials has no PDF viewer)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from shelter_app.i18n import _


class PrintPreview(QDialog):
    printed = Signal()

    def __init__(self, html: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Print preview"))
        self.resize(900, 700)
        self.document = QTextDocument(self)
        self.document.setHtml(html)
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.view = QPrintPreviewWidget(self.printer, self)
        self.view.paintRequested.connect(self.document.print_)
        print_button = QPushButton(_("&Print…"))
        print_button.clicked.connect(self.print_now)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(print_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def print_now(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(_("Print"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document.print_(self.printer)
            self.printed.emit()
