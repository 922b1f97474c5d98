"""Documents in the office safe (services/residents/documents.py): received, lent,
returned, handed back; the bad inputs; the receipt; the dashboard's lists; the handover."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import Document, DocumentMovement
from shelter_app.services.residents import documents
from shelter_app.services.residents.documents import DocumentData
from tests.documents.conftest import TODAY

DAY = dt.timedelta(days=1)


def receive(workspace, person_id, on=TODAY - 5 * DAY, kind="passport", **changes):
    data = dict(kind=kind, received_on=on, received_from="Polda Jawa Barat",
                kept_at="Brankas kantor, map 3", number="C1234567")
    data.update(changes)
    movement = documents.receive(workspace, person_id, DocumentData(**data))
    return documents.documents_of(workspace, person_id)[-1].document_id, movement


def counts(workspace):
    with workspace.reading() as session:
        return (session.scalar(select(func.count(Document.id))),
                session.scalar(select(func.count(DocumentMovement.id))))


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_document_goes_in_out_back_and_home(admin, login_as, safe):
    staff = login_as("staff")
    doc, _m = receive(staff, safe.dewi)
    row = documents.documents_of(staff, safe.dewi)[0]
    assert (row.status, row.kept_at, row.number) == ("safe", "Brankas kantor, map 3",
                                                     "C1234567")
    assert row.status_text == "In the safe"
    documents.lend(staff, doc, TODAY - 4 * DAY, "police", "Polres Bogor, Bripka Andi")
    row = documents.documents_of(staff, safe.dewi)[0]
    assert row.status == "lent" and "Polres Bogor, Bripka Andi" in row.status_text
    documents.give_back(staff, doc, TODAY - 2 * DAY)
    documents.hand_back(staff, doc, TODAY)
    row = documents.documents_of(staff, safe.dewi)[0]
    assert row.status == "returned" and row.handed_back_on == TODAY
    moves = documents.movements_of(staff, doc)
    assert [m.kind for m in moves] == ["received", "lent", "returned", "handed_back"]
    assert {m.username for m in moves} == {staff.user.username}
    assert moves[2].party == "Polres Bogor, Bripka Andi"


@pytest.mark.parametrize("bad, message", [
    ("return_before_loan", "before the loan"),
    ("return_not_lent", "not lent out"),
    ("handed_back_twice", "handed back already"),
    ("lend_not_in_safe", "not in the safe"),
    ("lend_twice", "lent out already"),
    ("future", "in the future"),
    ("before_admission", "before the resident's admission"),
    ("no_place", "where the document is kept"),
    ("hand_back_lent", "record its return"),
])
def test_bad_input_is_refused_with_one_message_and_nothing_saved(admin, safe, bad, message):
    doc, _m = receive(admin, safe.dewi)
    if bad == "return_before_loan":
        documents.lend(admin, doc, TODAY - 2 * DAY, "court", "PN Bandung")
    if bad in ("handed_back_twice", "lend_not_in_safe"):
        documents.hand_back(admin, doc, TODAY - DAY)
    if bad in ("lend_twice", "hand_back_lent"):
        documents.lend(admin, doc, TODAY - 2 * DAY, "embassy", "KBRI Kuala Lumpur")
    before = counts(admin)
    with pytest.raises(InputError, match=message):
        if bad == "return_before_loan":
            documents.give_back(admin, doc, TODAY - 3 * DAY)
        elif bad == "return_not_lent":
            documents.give_back(admin, doc, TODAY)
        elif bad == "handed_back_twice":
            documents.hand_back(admin, doc, TODAY)
        elif bad in ("lend_not_in_safe", "lend_twice"):
            documents.lend(admin, doc, TODAY, "police", "Polres Bogor")
        elif bad == "future":
            documents.lend(admin, doc, TODAY + DAY, "police", "Polres Bogor")
        elif bad == "before_admission":
            receive(admin, safe.dewi, on=TODAY - 11 * DAY)
        elif bad == "no_place":
            receive(admin, safe.dewi, kept_at="  ")
        elif bad == "hand_back_lent":
            documents.hand_back(admin, doc, TODAY)
    assert counts(admin) == before


def test_a_receipt_in_the_future_is_refused(admin, safe):
    with pytest.raises(InputError, match="in the future"):
        receive(admin, safe.dewi, on=TODAY + DAY)
    assert counts(admin) == (0, 0)


def test_counsellors_see_the_documents_but_do_not_move_them(admin, login_as, safe):
    doc, _m = receive(admin, safe.dewi)
    counsellor = login_as("counsellor")
    assert len(documents.documents_of(counsellor, safe.dewi)) == 1
    with pytest.raises(PermissionDenied):
        documents.lend(counsellor, doc, TODAY, "police", "Polres Bogor")


def test_the_receipt_names_the_movement_and_hides_a_hidden_holder(admin, login_as, safe):
    staff = login_as("staff")
    doc, movement = receive(login_as("manager"), safe.hidden, kind="ktp", number="")
    text = pdf_text(documents.receipt(staff, movement))
    assert "Mawar 3" in text and "Sri Wahyuni" not in text
    assert "Brankas kantor, map 3" in text and "Polda Jawa Barat" in text
    lent = documents.lend(staff, doc, TODAY, "court", "Pengadilan Negeri Bogor")
    text = pdf_text(documents.receipt(staff, lent, language="id"))
    assert "Pengadilan Negeri Bogor" in text and "Sri Wahyuni" not in text


def test_the_dashboard_lists_documents_of_people_who_left_and_long_loans(admin, login_as,
                                                                         safe):
    from shelter_app.services.overview import dashboard

    receive(admin, safe.rini, on=TODAY - 30 * DAY, kind="kk")
    old, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY)
    documents.lend(admin, old, TODAY - 9 * DAY, "police", "Polres Bogor")
    recent, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY, kind="ktp")
    documents.lend(admin, recent, TODAY - 3 * DAY, "police", "Polres Bogor")
    hidden, _m = receive(admin, safe.hidden, on=TODAY - 20 * DAY, kind="birth")
    documents.lend(admin, hidden, TODAY - 16 * DAY, "embassy", "KBRI")
    board = dashboard.snapshot(login_as("manager"))
    assert [(r.kind, r.since) for r in board.documents_held] == [("kk", TODAY - 2 * DAY)]
    assert [(r.kind, r.shown_name) for r in board.documents_lent_long] == [
        ("birth", "Sri Wahyuni")]


def test_the_handover_record_lists_the_documents_handed_back(admin, safe):
    from shelter_app.services.referrals import letters

    doc, _m = receive(admin, safe.rini, on=TODAY - 30 * DAY, kind="passport",
                      number="X7654321")
    documents.hand_back(admin, doc, TODAY - 2 * DAY)
    text = pdf_text(letters.handover(admin, safe.rini))
    assert "Passport" in text and "X7654321" in text
