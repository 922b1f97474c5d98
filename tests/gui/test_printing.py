"""Preview and print show and print the PDF the services make, page for page: the
preview draws the PDF's own pages; printing paints them into the printer (Windows, a
print to file) or hands the PDF itself to a CUPS queue. Every screen that makes a
document opens this preview."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.gui.background import wait_for_idle
from shelter_app.gui.printing import pages, send
from shelter_app.gui.printing.preview import PdfPreview
from shelter_app.services.administration import audit_log, auth
from shelter_app.services.counselling import reports as session_reports
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.provisions import rounds
from shelter_app.services.referrals import letters, tracking
from shelter_app.services.residents import forms, reports, search
from shelter_app.services.shared import reporting

COMPARED_AT_DPI = 72
SAME_PAGE = 0.03  # see difference()


def settle(qtbot, ms=50):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def ink(image: QImage) -> float:
    """The share of a page's pixels that are not paper."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    step = 3  # every third pixel both ways is plenty to tell a page from a blank one
    seen = dark = 0
    for y in range(0, gray.height(), step):
        for x in range(0, gray.width(), step):
            seen += 1
            dark += gray.pixelColor(x, y).value() < 200
    return dark / seen


def difference(wanted: QImage, got: QImage) -> float:
    """Mean difference of two pages' grey levels, 0 (same) to 1, both smoothed to a
    quarter of the first's size (the printed page may sit a fraction of a point away: Qt
    keeps page sizes in whole points). The same page differs by about 0.01 here, the
    wrong page or blank paper by 0.07 or more."""
    width, height = wanted.width() // 4, wanted.height() // 4
    a, b = (image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.SmoothTransformation
                         ).convertToFormat(QImage.Format.Format_Grayscale8)
            for image in (wanted, got))
    total = sum(abs(a.pixelColor(x, y).value() - b.pixelColor(x, y).value())
                for y in range(height) for x in range(width))
    return total / (width * height) / 255


@pytest.fixture
def documents(demo_dir, clock):
    """name -> the PDF a service makes for it, from the demo shelter, as admin."""
    workspace = auth.login(demo_dir, "admin", "demo", clock)
    today = dt.date(2026, 11, 27)
    ids = search.search(workspace, search.ResidentFilter(presence="all"))
    rows = search.rows(workspace, ids)
    gone = next(r.person_id for r in rows.values() if not r.present)
    with_provisions = next(r.person_id for r in rows.values() if r.present
                           and any(line.stage == "1"
                                   for line in rounds.of_person(workspace, r.person_id)[0]))
    referral = tracking.listing(workspace)[0]
    made = {
        "occupancy report": reports.occupancy_as_pdf(
            workspace, reporting.period(today.replace(day=1) - dt.timedelta(days=60), today),
            "en"),
        "receipt": provision_reports.receipt(workspace, with_provisions, "1", "en"),
        "referral letter": letters.letter(workspace, referral.id, "en"),
        "handover record": letters.handover(workspace, gone, "en"),
        "blank intake form": forms.intake_form(workspace, None, "en"),
        "intake form": forms.intake_form(workspace, gone, "en"),
        "weekly schedule": session_reports.schedule(workspace, today, None, "en"),
    }
    yield workspace, made
    workspace.close_database()


def test_the_preview_shows_the_pdfs_own_pages(qtbot, documents, monkeypatch):
    _workspace, made = documents
    monkeypatch.setattr(send, "printers_installed", lambda: True)  # a printer is set up
    pdf = made["occupancy report"]
    assert page_count(pdf) == 2
    preview = PdfPreview(pdf, "Occupancy report")
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.first_page_shown, timeout=10000):
        preview.show()
    assert preview.windowTitle() == "Preview: Occupancy report"
    assert preview.page_count == 2 and len(preview.views) == 2
    first = preview.views[0]
    assert first.drawn and ink(first.pixmap().toImage()) > 0.01  # a page, not blank paper
    assert abs(first.width() / first.height() - 595.28 / 841.89) < 0.01  # A4, as the PDF
    scroll_bar = preview.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll_bar.maximum() > first.height() // 2, timeout=5000)
    scroll_bar.setValue(scroll_bar.maximum())  # to the end, as the user scrolls
    qtbot.waitUntil(lambda: preview.views[1].drawn, timeout=10000)
    assert "Page 2 of 2" in preview.page_label.text()
    width = first.width()
    preview.step_zoom(1)
    assert first.width() > width and not first.drawn  # bigger, then drawn again sharp
    qtbot.waitUntil(lambda: any(view.drawn for view in preview.views), timeout=10000)
    choose = preview.choose_printer()  # Print… (Ctrl+P) asks where to print
    assert choose.isVisible() and choose.windowTitle() == "Print"
    (buttons,) = choose.findChildren(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "&Print"
    choose.reject()
    preview.close()


@pytest.mark.parametrize("name", ["occupancy report", "receipt", "referral letter",
                                  "handover record", "blank intake form", "intake form",
                                  "weekly schedule"])
def test_printing_paints_each_page_of_the_pdf(qtbot, documents, tmp_path, name):
    """A print to a file takes the painting path Windows printers take: each page on the
    paper must look as the PDF's page does."""
    workspace, made = documents
    pdf = made[name]
    recorded = []
    preview = PdfPreview(pdf, name, record=lambda: recorded.append(name))
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.first_page_shown, timeout=10000):
        preview.show()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert send.cups_job(printer, name) is None  # a file: painted, not sent to CUPS
    with qtbot.waitSignal(preview.printed, timeout=30000):
        preview.print_to(printer)
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert page_count(printed) == page_count(pdf) == preview.page_count
    scale = COMPARED_AT_DPI / pages.POINTS_PER_INCH
    wanted = pages.render(pdf, range(page_count(pdf)), scale)
    got = pages.render(printed, range(page_count(printed)), scale)
    for index, page in wanted.items():
        assert ink(page) > 0.005
        assert difference(page, got[index]) < SAME_PAGE, f"page {index + 1} differs"
    assert recorded == [name] and "Sent to" in preview.message.text()
    preview.close()


def test_a_cups_queue_gets_the_pdf_itself_from_memory(tmp_path, monkeypatch):
    """Where printers are CUPS queues, the PDF goes to `lp` on its standard input, with
    the print dialog's choices as CUPS options."""
    received, arguments = tmp_path / "received.pdf", tmp_path / "arguments"
    fake = tmp_path / "bin" / "lp"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {arguments}\ncat > {received}\n'
                    'echo "request id is kantor-7 (1 file(s))"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    pdf = b"%PDF-1.4 the document itself"
    job = send.CupsJob(lp=str(fake), queue="kantor", title="Laporan hunian", copies=2,
                       page_ranges="1-2", sides="two-sided-long-edge", monochrome=True)
    assert send.send_to_cups(pdf, job) == "kantor-7"
    assert received.read_bytes() == pdf
    assert arguments.read_text().split("\n")[:-1] == [
        "-d", "kantor", "-t", "Laporan hunian", "-n", "2", "-o", "collate=true",
        "-o", "page-ranges=1-2", "-o", "sides=two-sided-long-edge",
        "-o", "print-color-mode=monochrome", "-"]
    fake.write_text("#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\n"
                    "exit 1\n")
    with pytest.raises(send.PrinterError, match="does not exist"):
        send.send_to_cups(pdf, job)


def test_each_screen_previews_the_document_it_makes(logged_in, qtbot, tmp_path):
    """Reports, the receipt, the referral letter, the weekly schedule and the intake
    forms open the one preview, and printing from it is audited."""
    window = logged_in.main_window
    workspace = window.workspace
    opened = []

    def previewed(owner, start, title):
        owner.last_preview = None
        start()
        qtbot.waitUntil(lambda: owner.last_preview is not None, timeout=20000)
        preview = owner.last_preview
        qtbot.waitUntil(lambda: bool(preview.views) and preview.views[0].drawn, timeout=10000)
        assert title in PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
        assert preview.page_count == page_count(preview.pdf)
        opened.append(preview)
        return preview

    window.show_area("reports")
    box = window.areas["reports"].boxes["occupancy"]
    report = previewed(box, box.preview, "Occupancy report")
    assert report.windowTitle().startswith("Preview: Occupancy report")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "paper.pdf"))
    with qtbot.waitSignal(report.printed, timeout=30000):
        report.print_to(printer)
    newest = audit_log.recent_events(workspace, 1)[0]
    assert (newest.action, newest.entity) == ("print", "report_occupancy")
    round_page = window.areas["provisions"].round
    window.show_area("provisions")
    settle(qtbot)
    round_page.table.selectRow(0)
    receipt = round_page.open_receipt()
    previewed(receipt, receipt.preview, "Receipt")
    window.show_area("referrals")
    letters_page = window.areas["referrals"].referrals
    settle(qtbot)
    letters_page.table.selectRow(0)
    previewed(letters_page, letters_page.print_letter, letters_page.views[0].number)
    window.show_area("counselling")
    settle(qtbot)
    calendar = window.areas["counselling"].calendar
    previewed(calendar, calendar.print_week, "weekly schedule")
    window.show_area("residents")
    settle(qtbot)
    residents_list = window.areas["residents"].list_page
    previewed(residents_list, residents_list.save_blank_form, "Intake form")
    ids = search.search(workspace, search.ResidentFilter(presence="all"))
    gone = next(row for row in search.rows(workspace, ids).values()
                if not row.present)
    profile = window.areas["residents"].open_profile(gone.person_id)
    qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
    # its button, as a person presses it (clicked(False) once arrived as a file path)
    previewed(profile, profile.actions["form"].click, gone.case_number)
    settle(qtbot)
    previewed(profile.referrals, profile.referrals.print_handover, gone.case_number)
    for preview in opened:
        preview.close()
    receipt.close()
    profile.close()


def test_the_recovery_sheet_is_printed_from_memory(qtbot, data_dir, tmp_path):
    from tests.gui.setup_steps import wizard_on_the_recovery_page

    wizard = wizard_on_the_recovery_page(qtbot, data_dir)
    key = wizard.recovery.key_label.text()
    before = set(data_dir.parent.rglob("*"))
    wizard.recovery.print_button.click()
    qtbot.waitUntil(lambda: wizard.last_preview is not None, timeout=10000)
    preview = wizard.last_preview
    qtbot.waitUntil(lambda: bool(preview.views) and preview.views[0].drawn, timeout=10000)
    text = PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
    # the key's groups are on two lines of the sheet
    assert key.replace("-", "") in "".join(text.split()) and "Rumah Harapan" in text
    assert set(data_dir.parent.rglob("*")) == before  # no file holds the key
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "paper.pdf"))  # where the user prints to
    with qtbot.waitSignal(preview.printed, timeout=30000):
        preview.print_to(printer)
    assert page_count((tmp_path / "paper.pdf").read_bytes()) == 1
    wizard.recovery.kept.setChecked(True)
    with qtbot.waitSignal(wizard.finished_setup, timeout=10000):
        wizard.accept()
    assert wizard.last_preview is None
    workspace = auth.login(data_dir, "admin", "a long password")
    printed = [e.entity for e in audit_log.recent_events(workspace) if e.action == "print"]
    workspace.close_database()
    assert printed == ["recovery_sheet"]
