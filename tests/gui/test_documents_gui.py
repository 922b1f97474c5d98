"""The profile's Documents tab: receiving a document opens its receipt; lending,
returning and handing back follow the document's state; a bad date is said in the
dialog and nothing is saved."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from shelter_app.gui.residents.documents_tab import DocumentsTab, LendDialog, ReturnDialog
from shelter_app.services.residents import documents
from shelter_app.services.residents.documents import DocumentData
from tests.documents.conftest import TODAY, safe  # noqa: F401 - the shelter's residents

pytestmark = pytest.mark.file_only


def _tab(qtbot, workspace, person_id) -> DocumentsTab:
    tab = DocumentsTab(workspace, person_id)
    qtbot.addWidget(tab)
    tab.show()
    tab.reload()
    qtbot.waitUntil(lambda: tab.today is not None, timeout=10000)
    return tab


def _close_preview(qtbot, tab, names: list | None = None) -> bytes:
    qtbot.waitUntil(lambda: getattr(tab, "last_preview", None) is not None, timeout=20000)
    preview = tab.last_preview
    pdf = preview.pdf
    if names is not None:
        names.append(preview.file_name)
    preview.reject()
    tab.last_preview = None
    return pdf


def test_receiving_lists_the_document_and_opens_its_receipt(qtbot, login_as, safe):  # noqa: F811
    staff = login_as("staff")
    tab = _tab(qtbot, staff, safe.dewi)
    assert tab.table.rowCount() == 0 and not tab.buttons["lend"].isEnabled()
    tab.receive()
    dialog = tab.last_dialog
    dialog.kind.set_value("passport")
    dialog.number.setText("C1234567")
    dialog.received_from.setText("Polda Jawa Barat")
    dialog.kept_at.setText("Brankas kantor, map 3")
    dialog.buttons.accepted.emit()
    names: list[str] = []
    text = PdfReader(io.BytesIO(_close_preview(qtbot, tab, names))).pages[0].extract_text()
    assert "Receipt of a document" in text and "Brankas kantor, map 3" in text
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    assert tab.table.item(0, 5).text() == "In the safe"
    tab.table.selectRow(0)
    assert tab.buttons["lend"].isEnabled() and not tab.buttons["return"].isEnabled()
    tab.buttons["lend"].click()
    dialog = tab.last_dialog
    dialog.institution.set_value("police")
    dialog.to.setText("Polres Bogor, Bripka Andi")
    assert dialog.until.value() == TODAY + dt.timedelta(days=14)
    dialog.buttons.accepted.emit()
    _close_preview(qtbot, tab, names)
    qtbot.waitUntil(lambda: "Polres Bogor" in tab.table.item(0, 5).text(), timeout=10000)
    assert tab.table.item(0, 6).text() == "11/12/2026"  # due back two weeks after
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.movements.rowCount() == 2, timeout=10000)
    assert tab.buttons["return"].isEnabled() and not tab.buttons["hand_back"].isEnabled()
    # each receipt has its own file name: what happened, the case, the day, the movement
    assert len(set(names)) == 2 and names[0].startswith("tanda-terima-diterima-RA-")
    assert names[1].startswith("tanda-terima-dipinjamkan-RA-") and "Dewi" not in names[1]
    assert "2026-11-27-m" in names[1]


def test_the_loans_due_day_follows_the_lending_day_and_is_never_before_it(
        qtbot, admin, login_as, safe):  # noqa: F811
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import users
    from tests.conftest import ADMIN_PASSWORD

    users.add_user(admin, "sari", Role.STAFF, ADMIN_PASSWORD, display_name="Sari Wulandari")
    sari = login_as("staff", "sari")
    documents.receive(sari, safe.dewi, DocumentData(
        kind="passport", received_on=TODAY - dt.timedelta(days=9), received_from="x",
        kept_at="Map 2"))
    row = documents.documents_of(sari, safe.dewi)[0]
    dialog = LendDialog(sari, row, TODAY)
    qtbot.addWidget(dialog)
    dialog.on.set_value(TODAY - dt.timedelta(days=5))  # untouched: moves along
    assert dialog.until.value() == TODAY + dt.timedelta(days=9)
    dialog.until.set_value(TODAY + dt.timedelta(days=30))  # written: stays
    dialog.on.set_value(TODAY - dt.timedelta(days=6))
    assert dialog.until.value() == TODAY + dt.timedelta(days=30)
    dialog.until.set_value(TODAY - dt.timedelta(days=7))  # before the lending: refused
    dialog.to.setText("Polres Bogor")
    dialog.buttons.accepted.emit()  # stopped at the field, nothing sent
    assert "cannot be before 21/11/2026" in dialog.until.problem()
    assert dialog.isVisible() or not dialog.result()
    assert documents.documents_of(sari, safe.dewi)[0].status == "safe"
    dialog.until.set_value(TODAY)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: documents.documents_of(sari, safe.dewi)[0].status == "lent",
                    timeout=10000)
    assert documents.documents_of(sari, safe.dewi)[0].lent_until == TODAY
    # the movements say who recorded them by display name
    tab = _tab(qtbot, sari, safe.dewi)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.movements.rowCount() == 2, timeout=10000)
    assert {tab.movements.item(r, 3).text() for r in range(2)} == {"Sari Wulandari"}


def test_a_return_before_the_loan_is_said_in_the_dialog(qtbot, admin, safe):  # noqa: F811
    documents.receive(admin, safe.dewi, DocumentData(
        kind="ktp", received_on=TODAY - dt.timedelta(days=5), received_from="the resident",
        kept_at="Brankas kantor, map 1"))
    row = documents.documents_of(admin, safe.dewi)[0]
    documents.lend(admin, row.document_id, TODAY - dt.timedelta(days=2), "court", "PN Bogor")
    row = documents.documents_of(admin, safe.dewi)[0]
    dialog = ReturnDialog(admin, row, TODAY)
    qtbot.addWidget(dialog)
    dialog.on.set_value(TODAY - dt.timedelta(days=3))
    dialog.buttons.accepted.emit()
    # at the date it is about, not also under the form
    qtbot.waitUntil(lambda: "before the loan" in dialog.on.message.text(), timeout=10000)
    assert dialog.message.text() == ""
    assert documents.documents_of(admin, safe.dewi)[0].status == "lent"


def test_counsellors_see_the_list_without_the_buttons(qtbot, admin, login_as, safe):  # noqa: F811
    documents.receive(admin, safe.dewi, DocumentData(
        kind="kk", received_on=TODAY, received_from="the resident", kept_at="Map 2"))
    tab = _tab(qtbot, login_as("counsellor"), safe.dewi)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    assert not tab.buttons["receive"].isVisibleTo(tab)


def test_the_dashboard_lists_the_safe_a_line_for_each_person(qtbot, admin, login_as, safe):  # noqa: F811
    from shelter_app.gui.dashboard import DashboardArea

    for kind in ("ktp", "kk"):
        documents.receive(admin, safe.rini, DocumentData(
            kind=kind, received_on=TODAY - dt.timedelta(days=30), received_from="x",
            kept_at="Map 1"))
    documents.receive(admin, safe.dewi, DocumentData(
        kind="passport", received_on=TODAY - dt.timedelta(days=9), received_from="x",
        kept_at="Map 2"))
    passport = documents.documents_of(admin, safe.dewi)[0].document_id
    documents.lend(admin, passport, TODAY - dt.timedelta(days=9), "police", "Polres Bogor")
    area = DashboardArea(login_as("manager"), TODAY)
    qtbot.addWidget(area)
    area.show()
    area.refresh()
    qtbot.waitUntil(lambda: area.board is not None, timeout=20000)
    assert area.held_box.isVisible() and not area.overdue_box.isVisible()
    lines = area.documents_held.text().splitlines()
    assert len(lines) == 1 and "ID card (KTP), Family card (KK); left on 25/11/2026" in lines[0]
    # a loan past its due day: the second list, under its own heading
    documents.receive(admin, safe.dewi, DocumentData(
        kind="ktp", received_on=TODAY - dt.timedelta(days=9), received_from="x",
        kept_at="Map 2"))
    ktp = documents.documents_of(admin, safe.dewi)[-1].document_id
    documents.lend(admin, ktp, TODAY - dt.timedelta(days=3), "court", "PN Bogor",
                   until=TODAY - dt.timedelta(days=1))
    area.refresh()  # (the first look may still be on its way: wait for the new one)
    qtbot.waitUntil(lambda: area.overdue_box.isVisible(), timeout=20000)
    assert area.overdue_box.title() == "Lent documents past their due day"
    assert area.held_box.title() == "Documents still held for residents who have left"
    assert area.documents_overdue.text().endswith(
        "(Dewi Lestari): ID card (KTP) lent to PN Bogor on 24/11/2026, due back 26/11/2026")
    assert "PN Bogor" not in area.documents_held.text()


def test_the_dashboard_writes_times_as_the_users_language_does():
    from zoneinfo import ZoneInfo

    from shelter_app import i18n
    from shelter_app.services.overview.dashboard import moment_text

    at = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)
    try:
        i18n.set_language("id")
        assert moment_text(at, ZoneInfo("Asia/Jakarta")) == "30/11/2026 23.30"
        i18n.set_language("en")
        assert moment_text(at, ZoneInfo("Asia/Jakarta")) == "30/11/2026 23:30"
    finally:
        i18n.set_language("en")
