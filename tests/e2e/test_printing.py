"""Printing on a real display to a real CUPS printer: a manager opens the occupancy
report's preview from the keyboard and prints it to the default printer, a cups-pdf queue.
What comes out of the printer is the report ReportLab made: the same pages, the same text
(chart, header and RAHASIA footer included), as the PDF the service makes."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from shelter_app.services.administration import audit_log, auth
from shelter_app.services.residents import reports
from shelter_app.services.shared import reporting
from shelter_app.services.shared.settings import get_settings
from tests.e2e.cups_queue import CupsMissing, CupsQueue
from tests.e2e.desktop import App, translator
from tests.e2e.test_desktop import log_in

# The one line that differs between two makings of a report: when it was made.
# printed by the user's display name: the demo manager's, in the language the demo was made in
MADE_AT = re.compile(
    r"Dicetak \d{1,2} \w+ \d{4} \d{1,2}\.\d{2}\.\d{2} oleh (Pimpinan Demo|Demo Manager)")
TABS_TO_THE_FIRST_PREVIEW = 3  # Ctrl+6 focuses From; then To, Language, the button


@pytest.fixture(scope="module")
def printer():
    try:
        queue = CupsQueue().start()
    except CupsMissing as missing:
        pytest.fail(f"printing needs a CUPS printer: {missing}", pytrace=False)  # no skip
    yield queue
    queue.stop()


def same_text(printed: str, made: str) -> bool:
    """The printer's PDF is the report redrawn by Ghostscript, which keeps every glyph but
    drops the Unicode names of those outside its first font encoding: an en dash or a
    curly quote reads back as a control character. There the report must hold a
    character outside ASCII; everywhere else the two texts are equal."""
    pattern = "".join("[^\\x00-\\x7f]" if ord(char) < 0x09 else re.escape(char)
                      for char in printed)
    return re.fullmatch(pattern, made) is not None


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_report_printed_from_its_preview_is_the_reports_pdf(display, demo_folder, printer,
                                                              tmp_path):
    t = translator("id")
    app = App(display, demo_folder, tmp_path / "app", extra_env=printer.environment()).start()
    try:
        log_in(app, t, "manager")
        title = t("Occupancy report (laporan hunian)")
        preview_title = t("Preview: {title}").format(title=title)
        with app.step("Ctrl+6 opens Reports; Tab to the occupancy report's “Preview and "
                      "print…” and press Space: the preview shows the report"):
            app.key("ctrl+6")
            app.key(*["Tab"] * TABS_TO_THE_FIRST_PREVIEW, "space")
            app.wait_window(preview_title)
            app.wait_idle()
        before = printer.snapshot()
        with app.step("Enter (Print… has the focus) asks where to print; Enter prints to "
                      "the default printer"):
            app.key("Return")
            app.wait_window(t("Print"))
            app.key("Return")
            app.wait_gone(t("Print"))
        with app.step("the printer writes the job"):
            printed_file = printer.printed_since(before, title.split()[0])
            printed = printed_file.read_bytes()
            printed_file.unlink()  # the printer's output folder is the user's own
        with app.step("Escape closes the preview; Alt+F4 ends the app"):
            app.wait_idle()
            app.key("Escape")
            app.wait_gone(preview_title)
            app.key("alt+F4")
            assert app.wait_exit() == 0
    finally:
        app.stop()

    workspace = auth.login(demo_folder, "manager", "demo")
    try:  # the period the screen offers: this month up to the shelter's today
        today = dt.datetime.now(ZoneInfo(get_settings(workspace).time_zone)).date()
        made = reports.occupancy_as_pdf(workspace, reporting.period(today.replace(day=1), today),
                                        "id")
        printed_audited = [e.entity for e in reversed(audit_log.recent_events(workspace, 50))
                           if e.action == "print"]
    finally:
        workspace.close_database()
    got, wanted = pages_text(printed), pages_text(made)
    assert len(got) == len(wanted) >= 1
    for number, (page, expected) in enumerate(zip(got, wanted, strict=True), start=1):
        assert MADE_AT.search(page) and MADE_AT.search(expected), f"page {number}: no stamp"
        assert same_text(MADE_AT.sub("", page), MADE_AT.sub("", expected)), \
            f"page {number} differs:\n{page}\n---\n{expected}"
    assert "RAHASIA" in got[0] and "Laporan hunian" in got[0]
    assert printed_audited[-1:] == ["report_occupancy"]
