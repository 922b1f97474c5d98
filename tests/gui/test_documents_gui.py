"""The profile's Documents tab: receiving a document opens its receipt; lending,
returning and handing back follow the document's state; a bad date is said in the
dialog and nothing is saved."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from shelter_app.gui.residents.documents_tab import DocumentsTab, ReturnDialog
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


def _close_preview(qtbot, tab) -> bytes:
    qtbot.waitUntil(lambda: getattr(tab, "last_preview", None) is not None, timeout=20000)
    preview = tab.last_preview
    pdf = preview.pdf
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
    text = PdfReader(io.BytesIO(_close_preview(qtbot, tab))).pages[0].extract_text()
    assert "Receipt of a document" in text and "Brankas kantor, map 3" in text
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=10000)
    assert tab.table.item(0, 5).text() == "In the safe"
    tab.table.selectRow(0)
    assert tab.buttons["lend"].isEnabled() and not tab.buttons["return"].isEnabled()
    tab.buttons["lend"].click()
    dialog = tab.last_dialog
    dialog.institution.set_value("police")
    dialog.to.setText("Polres Bogor, Bripka Andi")
    dialog.buttons.accepted.emit()
    _close_preview(qtbot, tab)
    qtbot.waitUntil(lambda: "Polres Bogor" in tab.table.item(0, 5).text(), timeout=10000)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.movements.rowCount() == 2, timeout=10000)
    assert tab.buttons["return"].isEnabled() and not tab.buttons["hand_back"].isEnabled()


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
    qtbot.waitUntil(lambda: "before the loan" in dialog.message.text(), timeout=10000)
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
    assert area.documents_box.isVisible()
    lines = area.documents.text().splitlines()
    assert len(lines) == 1 and "ID card (KTP), Family card (KK) still held" in lines[0]
