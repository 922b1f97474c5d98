"""Documents in the office safe (services/residents/documents.py): received, lent (due
back on a day), returned, handed back; the bad inputs; the receipt and its file name; the
dashboard's lists; the handover."""

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
    ("due_before_loan", "due back before it is lent"),
    ("return_twice", "not lent out"),
    ("lend_handed_back_with_due_day", "not in the safe"),
])
def test_bad_input_is_refused_with_one_message_and_nothing_saved(admin, safe, bad, message):
    doc, _m = receive(admin, safe.dewi)
    if bad == "return_before_loan":
        documents.lend(admin, doc, TODAY - 2 * DAY, "court", "PN Bandung")
    if bad in ("handed_back_twice", "lend_not_in_safe", "lend_handed_back_with_due_day"):
        documents.hand_back(admin, doc, TODAY - DAY)
    if bad == "return_twice":
        documents.lend(admin, doc, TODAY - 3 * DAY, "police", "Polres Bogor")
        documents.give_back(admin, doc, TODAY - 2 * DAY)
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
        elif bad == "due_before_loan":
            documents.lend(admin, doc, TODAY - DAY, "police", "Polres Bogor",
                           until=TODAY - 2 * DAY)
        elif bad == "return_twice":
            documents.give_back(admin, doc, TODAY)
        elif bad == "lend_handed_back_with_due_day":
            documents.lend(admin, doc, TODAY, "police", "Polres Bogor", until=TODAY + DAY)
    assert counts(admin) == before
    if bad == "due_before_loan":  # the document stays in the safe, with no due day
        row = documents.documents_of(admin, safe.dewi)[0]
        assert (row.status, row.lent_until) == ("safe", None)


def test_a_loan_is_due_back_in_two_weeks_or_on_the_day_said(admin, safe):
    doc, _m = receive(admin, safe.dewi)
    documents.lend(admin, doc, TODAY - 4 * DAY, "police", "Polres Bogor")
    row = documents.documents_of(admin, safe.dewi)[0]
    assert row.lent_until == TODAY + 10 * DAY == row.due_on()
    assert row.due_text(TODAY) == "07/12/2026" and row.status_text.startswith("Lent to")
    assert row.due_text(TODAY + 11 * DAY) == "07/12/2026 (past due)"
    documents.give_back(admin, doc, TODAY - 3 * DAY)
    row = documents.documents_of(admin, safe.dewi)[0]
    assert (row.lent_until, row.due_on(), row.due_text(TODAY)) == (None, None, "")
    documents.lend(admin, doc, TODAY - DAY, "court", "PN Bogor", until=TODAY - DAY)  # same day
    assert documents.documents_of(admin, safe.dewi)[0].lent_until == TODAY - DAY


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


def test_the_dashboard_lists_documents_of_people_who_left_and_loans_past_due(
        admin, login_as, safe):
    from shelter_app.services.overview import dashboard

    receive(admin, safe.rini, on=TODAY - 30 * DAY, kind="kk")
    old, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY)
    documents.lend(admin, old, TODAY - 9 * DAY, "police", "Polres Bogor")
    recent, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY, kind="ktp")
    documents.lend(admin, recent, TODAY - 3 * DAY, "police", "Polres Bogor")
    hidden, _m = receive(admin, safe.hidden, on=TODAY - 20 * DAY, kind="birth")
    documents.lend(admin, hidden, TODAY - 16 * DAY, "embassy", "KBRI")
    # lent 20 days ago, due in a month's time: not overdue however long it is out
    long_due, _m = receive(admin, safe.hidden, on=TODAY - 20 * DAY, kind="kk")
    documents.lend(admin, long_due, TODAY - 20 * DAY, "court", "PN Bogor",
                   until=TODAY + 10 * DAY)
    # due yesterday though lent two days ago: overdue; due today: not yet
    short, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY, kind="medical")
    documents.lend(admin, short, TODAY - 2 * DAY, "police", "Polres Bogor", until=TODAY - DAY)
    today_due, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY, kind="police")
    documents.lend(admin, today_due, TODAY - 2 * DAY, "police", "Polres Bogor", until=TODAY)
    # a loan recorded before loans had a due day keeps the 14-day rule
    with admin.session() as session:
        session.get(Document, hidden).lent_until = None
    board = dashboard.snapshot(login_as("manager"))
    assert [(r.kind, r.since) for r in board.documents_held] == [("kk", TODAY - 2 * DAY)]
    assert [(r.kind, r.shown_name, r.due_on) for r in board.documents_overdue] == [
        ("birth", "Sri Wahyuni", TODAY - 2 * DAY), ("medical", "Dewi Lestari", TODAY - DAY)]


def test_the_handover_record_lists_the_documents_handed_back(admin, safe):
    from shelter_app.services.referrals import letters

    doc, _m = receive(admin, safe.rini, on=TODAY - 30 * DAY, kind="passport",
                      number="X7654321")
    documents.hand_back(admin, doc, TODAY - 2 * DAY)
    text = pdf_text(letters.handover(admin, safe.rini))
    assert "Passport" in text and "X7654321" in text


def test_receipts_and_movements_name_users_by_display_name(admin, login_as, safe):
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import users
    from tests.conftest import ADMIN_PASSWORD

    users.add_user(admin, "sari", Role.STAFF, ADMIN_PASSWORD, display_name="Sari Wulandari")
    sari = login_as("staff", "sari")
    doc, received = receive(sari, safe.dewi)
    lent = documents.lend(sari, doc, TODAY - DAY, "court", "PN Bogor", until=TODAY + 20 * DAY)
    assert {m.recorder for m in documents.movements_of(admin, doc)} == {"Sari Wulandari"}
    assert {m.username for m in documents.movements_of(admin, doc)} == {"sari"}  # as kept
    for movement in (received, lent):
        text = pdf_text(documents.receipt(sari, movement))
        assert "Sari Wulandari" in text and "sari\n" not in text + "\n"
        assert "Sari Wulandari (shelter staff)" in text
    text = pdf_text(documents.receipt(sari, lent))
    assert "Due back on" in text and "17 December 2026" in text
    text = pdf_text(documents.receipt(admin, lent, language="id"))
    assert "Harus kembali" in text or "Due back on" in text  # the catalog comes later
    with admin.reading() as session:  # usernames stay in the database
        assert set(session.scalars(select(DocumentMovement.username))) == {"sari"}


def test_receipt_file_names_differ_and_tell_without_a_name(admin, safe):
    doc, received = receive(admin, safe.dewi, on=TODAY - 2 * DAY)
    other, received_too = receive(admin, safe.dewi, on=TODAY - 2 * DAY, kind="ktp")
    lent = documents.lend(admin, doc, TODAY - 2 * DAY, "police", "Polres Bogor")
    case = documents_case(admin, safe.dewi)
    names = [documents.receipt_file_name(admin, m) for m in (received, received_too, lent)]
    assert len(set(names)) == 3
    assert names[0] == f"tanda-terima-diterima-{case}-2026-11-25-m{received}.pdf"
    assert names[2] == f"tanda-terima-dipinjamkan-{case}-2026-11-25-m{lent}.pdf"
    assert not any("Dewi" in name or "Lestari" in name for name in names)
    with pytest.raises(InputError):
        documents.receipt_file_name(admin, 99999)


def test_receipt_file_names_need_the_keepers_right(admin, login_as, safe):
    _doc, received = receive(admin, safe.dewi)
    with pytest.raises(PermissionDenied):
        documents.receipt_file_name(login_as("counsellor"), received)


def documents_case(workspace, person_id) -> str:
    from shelter_app.domain.models import Person

    with workspace.reading() as session:
        return session.get(Person, person_id).case_number


def test_a_reprinted_receipt_of_an_earlier_loan_keeps_its_due_day(admin, safe):
    """Each loan keeps its own due day: the first loan's receipt, printed after the
    document came back and went out again, still says when the first loan was due."""
    from shelter_app.i18n.formatting import format_date

    doc, _m = receive(admin, safe.dewi, on=TODAY - 9 * DAY)
    first = documents.lend(admin, doc, TODAY - 8 * DAY, "police", "Polres Bogor",
                           until=TODAY - 6 * DAY)
    documents.give_back(admin, doc, TODAY - 5 * DAY)
    documents.lend(admin, doc, TODAY - 2 * DAY, "court", "PN Bogor", until=TODAY + 5 * DAY)
    text = " ".join(pdf_text(documents.receipt(admin, first)).split())
    assert "Due back on" in text and format_date(TODAY - 6 * DAY) in text
