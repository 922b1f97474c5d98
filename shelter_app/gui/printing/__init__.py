"""Previewing and printing the documents the services make as PDFs: the one preview
(preview.PdfPreview), PDFium's drawing of the pages (pages), and the way to the printer
(send). Every screen that makes a document opens it with `open_preview`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from shelter_app.gui.background import Op
from shelter_app.i18n import _


def open_preview(owner: QWidget, workspace, make_pdf: Callable[[], bytes], title: str,
                 what: str, file_name: str = "",
                 failed: Callable[[BaseException], None] | None = None) -> Op:
    """Make the document on the worker, then show it; printing it is audited as `what`
    (services/shared/printing.py). With `file_name`, the preview also saves it as a PDF. The
    dialog is kept as `owner.last_preview`."""
    from shelter_app.gui.printing.preview import PdfPreview
    from shelter_app.services.shared import printing

    def show(pdf: bytes) -> None:
        owner.last_preview = PdfPreview(
            pdf, title, owner, record=lambda: printing.record_printed(workspace, what),
            save=(lambda path: printing.save_pdf(workspace, path, pdf, what)) if file_name
            else None, file_name=file_name)
        owner.last_preview.open()

    op = Op(owner, make_pdf, show).with_progress(_("Making the document…"))
    if failed is not None:
        op.failure(failed)
    return op.run_in_background()
