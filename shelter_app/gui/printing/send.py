"""Sending a PDF to the printer chosen in the print dialog.

Where the printer is a CUPS queue (Linux, macOS), the PDF itself goes to it, from memory
through `lp`: CUPS prints PDF natively, so paper carries the very document ReportLab made,
its text and lines as sharp as the printer can make them. Elsewhere (Windows printers,
Qt's "print to file"), each page is drawn by PDFium at the printer's resolution and
painted into the QPrinter.

Both run on the background worker: read the QPrinter's settings on the GUI thread first
(cups_job), then hand the job and the bytes over. Painting into a QPrinter off the GUI
thread is allowed (Qt: QPainter may paint on QImage, QPrinter and QPicture in threads)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from shelter_app.domain.errors import ShelterError
from shelter_app.gui.printing import pages
from shelter_app.i18n import _

# Pages are drawn at the printer's resolution, at most this: a 600-dpi A4 page is 140 MB
# of pixels, and ten of them took 6.3 s to spool here against the 5 s the issue allows.
MAX_PAINT_DPI = 300
LP_TIMEOUT_S = 60


class PrinterError(ShelterError):
    """The printer (or its spooler) did not take the document."""


@dataclass(frozen=True)
class CupsJob:
    """A print dialog's choices, as CUPS options (plain values for the worker)."""

    lp: str
    queue: str
    title: str
    copies: int = 1
    collate: bool = True
    page_ranges: str = ""  # "1-2,5" (CUPS and Qt write them alike); "" for all
    sides: str = ""  # "" leaves the printer's own default
    monochrome: bool = False
    reverse: bool = False

    def command(self) -> list[str]:
        command = [self.lp, "-d", self.queue, "-t", self.title, "-n", str(self.copies)]
        options = []
        if self.copies > 1:
            options.append(f"collate={'true' if self.collate else 'false'}")
        if self.page_ranges:
            options.append(f"page-ranges={self.page_ranges}")
        if self.sides:
            options.append(f"sides={self.sides}")
        if self.monochrome:
            options.append("print-color-mode=monochrome")
        if self.reverse:
            options.append("outputorder=reverse")
        for option in options:
            command += ["-o", option]
        return [*command, "-"]  # the document comes on standard input


def printers_installed() -> bool:
    """Whether this PC has a printer set up (Qt's print to a PDF file is not one)."""
    return bool(QPrinterInfo.availablePrinterNames())


_SIDES = {QPrinter.DuplexMode.DuplexNone: "one-sided",
          QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
          QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge"}


def cups_job(printer: QPrinter, title: str) -> CupsJob | None:
    """The CUPS job for what the print dialog chose, or None where Qt must paint (not a
    CUPS queue, printing to a file, or no `lp` on this computer). On the GUI thread."""
    lp = shutil.which("lp")
    if (sys.platform == "win32" or lp is None or not printer.printerName()
            or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat):
        return None
    ranges = printer.pageRanges()
    return CupsJob(
        lp=lp, queue=printer.printerName(), title=title, copies=max(1, printer.copyCount()),
        collate=printer.collateCopies(),
        page_ranges="" if ranges.isEmpty() else ranges.toString(),
        sides=_SIDES.get(printer.duplex(), ""),
        monochrome=printer.colorMode() == QPrinter.ColorMode.GrayScale,
        reverse=printer.pageOrder() == QPrinter.PageOrder.LastPageFirst)


def send_to_cups(pdf: bytes, job: CupsJob) -> str:
    """Hand the PDF to the CUPS queue; returns the job's id (e.g. "pdf-12")."""
    try:
        done = subprocess.run(job.command(), input=pdf, capture_output=True,
                              timeout=LP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PrinterError(_("The printer did not take the document ({reason}).").format(
            reason=type(error).__name__)) from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise PrinterError(_("The printer did not take the document ({reason}).").format(
            reason=reason[-1] if reason else done.returncode))
    words = done.stdout.decode(errors="replace").split()  # "request id is pdf-12 (1 file(s))"
    return words[3] if len(words) > 3 else ""


def paint(pdf: bytes, printer: QPrinter) -> int:
    """Paint the chosen pages into the printer, each at the printer's resolution (at most
    MAX_PAINT_DPI); returns how many were painted."""
    sizes = pages.page_sizes(pdf)
    chosen = [index for index in range(len(sizes))
              if printer.pageRanges().isEmpty() or printer.pageRanges().contains(index + 1)]
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        chosen.reverse()
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    printer.setFullPage(True)  # the page's own margins are in the PDF
    dots_per_point = min(printer.resolution(), MAX_PAINT_DPI) / pages.POINTS_PER_INCH
    painter = QPainter()
    for number, index in enumerate(chosen):
        size = sizes[index]
        if to_file:  # a PDF gets the document's page size; paper stays as loaded
            printer.setPageSize(QPageSize(QSizeF(min(size.width(), size.height()),
                                                 max(size.width(), size.height())),
                                          QPageSize.Unit.Point))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape
                                   if size.width() > size.height()
                                   else QPageLayout.Orientation.Portrait)
        if number == 0:
            if not painter.begin(printer):
                raise PrinterError(_("The printer could not be opened."))
        elif not printer.newPage():
            painter.end()
            raise PrinterError(_("The printer stopped taking pages."))
        image = pages.render(pdf, [index], dots_per_point)[index]
        painter.drawImage(_fitted(size, printer), image)
    if painter.isActive():
        painter.end()
    return len(chosen)


def _fitted(page: QSizeF, printer: QPrinter) -> QRectF:
    """The page's place on the paper, in device pixels: actual size when the paper is the
    page's size, else scaled down to fit, centred."""
    paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    points_to_pixels = printer.resolution() / pages.POINTS_PER_INCH
    scale = min(points_to_pixels, paper.width() / page.width(),
                paper.height() / page.height())
    width, height = page.width() * scale, page.height() * scale
    return QRectF(paper.left() + (paper.width() - width) / 2,
                  paper.top() + (paper.height() - height) / 2, width, height)
