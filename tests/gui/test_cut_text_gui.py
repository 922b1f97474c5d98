"""Text a tester could not read at 1366x768: cells cut with "…" (now each with its whole
text as tooltip, and wider columns where the text is short), the counselling calendar's
counsellor filter ("Konselor Dem…"), and the dashboard's referrals chart squeezed until
its axis was cut off."""

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from shelter_app.gui.background import wait_for_idle
from shelter_app.gui.widgets import fill_table, read_only_table
from shelter_app.services.residents import documents
from shelter_app.services.residents.documents import DocumentData
from tests.documents.conftest import TODAY, safe  # noqa: F401 - the shelter's residents

pytestmark = pytest.mark.file_only


def test_every_cell_of_a_read_only_table_has_its_whole_text_as_tooltip(qtbot):
    table = read_only_table(["Asked for", "Outcome"])
    qtbot.addWidget(table)
    table.resize(160, 100)  # far too narrow: every cell is cut
    long = "RA-2026-0078 · Dewi Mayahan"
    fill_table(table, [[long, "Tidak tinggal di sini"], ["", "Dikunjungi"]])
    assert table.item(0, 0).toolTip() == long
    assert table.item(0, 1).toolTip() == "Tidak tinggal di sini"
    assert table.item(1, 0).toolTip() == ""  # nothing to read
    assert table.horizontalHeaderItem(0).toolTip() == "Asked for"  # a cut header too


def test_the_gates_visits_keep_the_recorder_and_show_the_whole_text(qtbot, login_as):
    from shelter_app.gui.residents.gate_page import GatePage

    page = GatePage(login_as("staff"))
    qtbot.addWidget(page)
    row = SimpleNamespace(at=None, visitor_name="Rahmat Hidayat", relation="other",
                          case_number="RA-2026-0078", shown_name="Dewi Mayahan",
                          asked_for="Dewi", outcome="visited", agreed=True,
                          agreement_asked_by="Siti Rahayu", left_at=None,
                          recorded_by="Petugas Demo")
    page._show_log([row])
    asked = page.table.item(0, 3)
    assert asked.text() == "RA-2026-0078 · Dewi Mayahan"
    assert asked.toolTip() == "RA-2026-0078 · Dewi Mayahan\nRecorded by Petugas Demo"
    page.resize(1130, 640)  # the area at 1366x768
    page.show()
    qtbot.waitExposed(page)
    table, metrics = page.table, page.table.fontMetrics()
    outcome = table.item(0, 4).text()
    assert table.columnWidth(4) >= metrics.horizontalAdvance(outcome)  # not "Dikunju…"
    assert table.width() > page.width() / 2  # the day's visits get the room, not the form


def test_a_lent_documents_status_is_shown_whole_with_its_day(qtbot, admin, safe):  # noqa: F811
    from shelter_app.gui.residents.documents_tab import DocumentsTab

    documents.receive(admin, safe.dewi, DocumentData(
        kind="passport", received_on=TODAY - dt.timedelta(days=9), received_from="x",
        kept_at="Brankas kantor, map 11"))
    passport = documents.documents_of(admin, safe.dewi)[0].document_id
    documents.lend(admin, passport, TODAY - dt.timedelta(days=9), "police",
                   "Polres Bogor, Bripka Andi")
    tab = DocumentsTab(admin, safe.dewi)
    qtbot.addWidget(tab)
    tab.resize(1130, 500)  # the profile's tab at 1366x768
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    status = tab.table.item(0, 5)
    assert "Polres Bogor, Bripka Andi" in status.text() and status.toolTip() == status.text()
    qtbot.waitUntil(lambda: tab.table.columnWidth(5) >= tab.table.fontMetrics()
                    .horizontalAdvance(status.text()), timeout=5000)  # its day not cut


def test_the_calendars_counsellor_filter_is_as_wide_as_its_longest_name(qtbot, login_as):
    from shelter_app.gui.counselling.calendar_page import CalendarPage

    page = CalendarPage(login_as("manager"), dt.date(2026, 11, 27), dt.UTC)
    qtbot.addWidget(page)
    page.resize(1366 - 230, 700)
    page.show()  # shown before its names come (they are loaded in the background)
    assert wait_for_idle(10000)  # its own names have come: the test's are the last
    QApplication.processEvents()
    longest = "Konselor Demo Yang Bernama Panjang (psikolog)"
    page._fill_filters(SimpleNamespace(counsellors=[("k", longest)],
                                       rooms=[(1, "Ruang Konseling 2")]))
    combo = page.counsellor
    qtbot.waitUntil(lambda: combo.width() >= combo.fontMetrics().horizontalAdvance(longest),
                    timeout=5000)
    room = page.room
    assert room.width() >= room.fontMetrics().horizontalAdvance("Ruang Konseling 2")


def test_the_dashboard_scrolls_rather_than_cut_the_referrals_chart(qtbot, login_as):
    from shelter_app.gui.dashboard import DashboardArea

    area = DashboardArea(login_as("manager"), dt.date(2026, 11, 27))
    qtbot.addWidget(area)
    area.resize(1130, 420)  # shorter than the dashboard: the tester's long alerts
    area.show()
    qtbot.waitUntil(lambda: area.board is not None, timeout=20000)
    area.alerts.setText("\n".join(["• A long alert line that takes room"] * 8))
    qtbot.wait(50)
    chart = area.referral_chart
    box: QWidget = chart.parentWidget()
    assert chart.height() >= chart.minimumHeight()  # not squeezed: its axis is shown
    assert chart.geometry().bottom() <= box.contentsRect().bottom()
    assert area.scroll.verticalScrollBar().maximum() > 0  # the rest is scrolled to
