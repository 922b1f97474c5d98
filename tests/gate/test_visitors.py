"""The check at the gate: a visitor against the contacts who must not visit, and the
visit log (services/residents/visitors.py)."""

import datetime as dt

import pytest
from sqlalchemy import select

from shelter_app.domain.errors import InputError, PermissionDenied
from shelter_app.domain.models import AuditEvent, Visit
from shelter_app.services.residents import visitors
from shelter_app.services.residents.visitors import VisitorData
from tests.gate.conftest import JOKO_KTP, TODAY


def check(workspace, person_id=None, **visitor):
    return visitors.check_visitor(workspace, VisitorData(**visitor), person_id)


@pytest.mark.parametrize("visitor", [
    dict(name="Joko Susanto"), dict(name="joko  SUSANTO"), dict(name="Djoko Susanto"),
    dict(name="Joko Susantoo"), dict(name="Budi", phone="0812-3456-7890"),
    dict(name="Budi", phone="+62 812 3456 7890"), dict(name="Budi", phone="62812 34567890"),
    dict(id_number="3201 0101 0180 0001"), dict(id_number="3201-0101-0180-0001"),
])
def test_a_must_not_visit_contact_is_stopped_by_name_phone_or_id_number(admin, gate,
                                                                        visitor):
    result = check(admin, gate.dewi, **visitor)
    assert result.stop and result.visit_id is not None
    assert result.line == visitors.stop_line()


def test_someone_else_is_not_stopped(admin, gate):
    for visitor in (dict(name="Ibu Sumi", phone="0813 1111 2222"), dict(name="Rahmat Hidayat"),
                    dict(name="Joko", phone="0812 3456 7891"), dict(id_number="3201010101800002")):
        result = check(admin, gate.dewi, **visitor)
        assert not result.stop and result.visit_id is None, visitor
        assert result.line == visitors.clear_line()


def test_every_present_residents_contacts_are_checked_whoever_is_asked_for(admin, gate):
    # asks for Agus (no contacts) or for nobody here: Dewi's uncle is stopped all the same
    assert check(admin, gate.agus, name="Joko Susanto").stop
    assert check(admin, None, phone="081234567890").stop
    # the protected resident's ex-husband, asking for Agus
    assert check(admin, gate.agus, id_number="b1234567").stop


def test_a_resident_who_left_counts_only_when_asked_for(admin, gate):
    assert not check(admin, gate.agus, name="Hendra Wijaya").stop
    assert check(admin, gate.rini, name="Hendra Wijaya").stop


def test_a_hidden_resident_is_answered_as_one_who_is_not_here(admin, gate, login_as):
    staff = login_as("staff")
    here = check(staff, gate.hidden, name="Rahmat Hidayat", phone="0811 2222 3333")
    left = check(staff, gate.rini, name="Rahmat Hidayat", phone="0811 2222 3333")
    nobody = check(staff, None, name="Rahmat Hidayat", phone="0811 2222 3333")
    assert here == left == nobody and here.line == left.line == nobody.line
    # the gate's list never finds the protected person by her name, whoever looks
    for workspace in (staff, login_as("manager")):
        shown = {c.person_id: c.shown_name for c in visitors.present_residents(workspace)}
        assert shown[gate.hidden] == "Mawar 3"
        assert "Sri" not in repr(visitors.present_residents(workspace))
    # a stop reads the same whoever it matched
    assert check(staff, gate.dewi, name="Bambang Prakoso").line == check(
        staff, gate.dewi, name="Joko Susanto").line


def test_a_stop_is_recorded_and_audited(admin, gate):
    result = check(admin, gate.dewi, name="Joko Susanto", phone="0812 3456 7890",
                   id_number=JOKO_KTP)
    with admin.session() as session:
        visit = session.get(Visit, result.visit_id)
        assert (visit.outcome, visit.person_id, visit.phone, visit.id_number) == (
            "stopped", gate.dewi, "+6281234567890", JOKO_KTP)
        assert session.scalar(select(AuditEvent.entity_id).where(
            AuditEvent.entity == "visit_stopped")) == str(visit.id)
    [row] = visitors.visits_of(admin, gate.dewi)
    assert row.outcome == "stopped"


def test_a_visit_needs_the_residents_agreement(admin, gate, clock):
    refused = visitors.record_visit(admin, VisitorData("Ibu Sumi", phone="0813 1111 2222",
                                                       relation="parent"),
                                    gate.dewi, agreed=False, asked_by="Rina")
    visited = visitors.record_visit(admin, VisitorData("Ibu Sumi", relation="parent"),
                                    gate.dewi, agreed=True, asked_by="Rina")
    nobody = visitors.record_visit(admin, VisitorData("Rahmat Hidayat",
                                                      asked_for="Siti Aminah"), None,
                                   agreed=True, asked_by="")
    left = visitors.record_visit(admin, VisitorData("Rahmat Hidayat"), gate.rini,
                                 agreed=True, asked_by="Rina")
    assert not any(r.stop for r in (refused, visited, nobody, left))
    clock.advance(hours=1)
    visitors.mark_left(admin, visited.visit_id)
    rows = {r.visit_id: r for r in visitors.visits_on(admin, TODAY)}
    assert rows[refused.visit_id].outcome == "refused" and rows[refused.visit_id].agreed is False
    assert rows[visited.visit_id].outcome == "visited"
    assert rows[visited.visit_id].agreement_asked_by == "Rina"
    assert rows[visited.visit_id].left_at == clock.now
    assert (rows[nobody.visit_id].outcome, rows[nobody.visit_id].case_number,
            rows[nobody.visit_id].asked_for) == ("not_here", "", "Siti Aminah")
    # not staying here any more: nobody could be asked, nobody let in
    assert (rows[left.visit_id].outcome, rows[left.visit_id].agreed,
            rows[left.visit_id].agreement_asked_by) == ("not_here", None, "")
    assert [r.visit_id for r in visitors.visits_of(admin, gate.dewi)] == [
        refused.visit_id, visited.visit_id]
    assert visitors.visits_on(admin, TODAY + dt.timedelta(days=1)) == []
    for bad in (refused.visit_id, visited.visit_id):  # only once, only who came in
        with pytest.raises(InputError):
            visitors.mark_left(admin, bad)


def test_recording_a_visit_checks_again(admin, gate):
    result = visitors.record_visit(admin, VisitorData("Joko Susanto"), gate.agus,
                                   agreed=True, asked_by="Rina")
    assert result.stop
    assert [r.outcome for r in visitors.visits_of(admin, gate.agus)] == ["stopped"]


def test_the_hidden_residents_visits_show_her_pseudonym(admin, gate, login_as):
    visitors.record_visit(admin, VisitorData("Rahmat Hidayat"), gate.hidden, agreed=False,
                          asked_by="Rina")
    for workspace in (login_as("staff"), admin):
        [row] = visitors.visits_of(workspace, gate.hidden)
        assert row.shown_name == "Mawar 3"


@pytest.mark.parametrize("visitor, field", [
    (dict(), "name"), (dict(name="  ", phone=" ", id_number=" "), "name"),
    (dict(name="..."), "name"),
    (dict(name="Budi", id_number="12"), "id_number"),
    (dict(name="Budi", id_number="KTP: 3201?"), "id_number"),
    (dict(name="Budi", id_number="x" * 40), "id_number"),
    (dict(name="Budi", id_number="٣٢٠١٠١"), "id_number"),
    (dict(name="Budi", phone="12"), "phone"),
    (dict(name="Budi", relation="boss"), "relation"),
    (dict(name="B" * 201), "name"),
    (dict(name="Budi", asked_for="S" * 201), "asked_for"),
])
def test_bad_input_is_refused_with_one_message(admin, gate, visitor, field):
    with pytest.raises(InputError) as refused:
        check(admin, gate.dewi, **visitor)
    assert refused.value.field == field
    with admin.session() as session:
        assert session.scalars(select(Visit)).all() == []


def test_recording_needs_a_name_and_who_asked(admin, gate):
    with pytest.raises(InputError, match="visitor's name"):
        visitors.record_visit(admin, VisitorData(phone="0811 2222 3333"), gate.dewi,
                              agreed=True, asked_by="Rina")
    with pytest.raises(InputError, match="who asked"):
        visitors.record_visit(admin, VisitorData("Ibu Sumi"), gate.dewi, agreed=True,
                              asked_by=" ")


def test_counsellors_do_not_keep_the_gate(gate, login_as):
    counsellor = login_as("counsellor")
    with pytest.raises(PermissionDenied):
        check(counsellor, gate.dewi, name="Joko Susanto")
    with pytest.raises(PermissionDenied):
        visitors.visits_on(counsellor, TODAY)
    assert visitors.visits_of(counsellor, gate.dewi) == []  # the profile's list: may read
    staff = login_as("staff")
    assert check(staff, gate.dewi, name="Joko Susanto").stop


def test_a_contacts_id_number_is_checked_and_hidden_like_the_phone(admin, gate, login_as):
    from shelter_app.services.residents import records
    from shelter_app.services.residents.fields import ContactData

    with pytest.raises(InputError) as refused:
        records.add_contact(admin, gate.agus, ContactData(name="X", id_number="??"))
    assert refused.value.field == "id_number"
    records.add_contact(admin, gate.agus, ContactData(name="Yanto", id_number="a 123-456",
                                                      must_not_visit=True))
    assert [c.id_number for c in records.profile(admin, gate.agus).contacts] == ["A123456"]
    assert check(admin, gate.dewi, id_number="A123456").stop
    staff = login_as("staff")
    assert records.profile(staff, gate.hidden).contacts[0].id_number == ""


def _shown(row) -> tuple:
    """A row as the gate shows it, without what differs from one visit to the next."""
    return (row.relation, row.case_number, row.shown_name, row.outcome,
            row.agreement_asked_by, row.agreed, row.left_at, row.recorded_by)


def test_a_visitor_asking_for_nobody_here_is_not_here_with_the_name_as_said(admin, gate):
    result = visitors.record_visit(admin, VisitorData(
        "Rahmat Hidayat", relation="sibling", asked_for="  mbak   Siti  dari Lombok "),
        None, agreed=False, asked_by="")
    assert not result.stop
    [row] = visitors.visits_on(admin, TODAY)
    assert (row.outcome, row.asked_for, row.case_number, row.agreed) == (
        "not_here", "mbak Siti dari Lombok", "", None)
    assert visitors.outcome_label(row.outcome) == "Not staying here"
    assert visitors.not_here_line() != visitors.clear_line()
    # a stop keeps the name asked for too: whom a trafficker came for
    stopped = check(admin, None, name="Joko Susanto", asked_for="Dewi")
    with admin.session() as session:
        assert session.get(Visit, stopped.visit_id).asked_for == "Dewi"


def test_a_hidden_person_asked_for_by_her_name_looks_exactly_like_nobody(
        admin, gate, login_as):
    """Staff choose "someone not on this list" for a name they do not find: her real
    name. The answer, the record, its audit and the lists are those of anyone else."""
    staff = login_as("staff")
    answers = []
    for asked_for in ("Sri Wahyuni", "Nur Halimah"):  # hers, and nobody's
        visitor = VisitorData("Rahmat Hidayat", phone="0811 2222 3333", asked_for=asked_for)
        answers.append((check(staff, None, **vars(visitor)),
                        visitors.record_visit(staff, visitor, None, agreed=False,
                                              asked_by="")))
    (checked_her, recorded_her), (checked_nobody, recorded_nobody) = answers
    assert checked_her == checked_nobody and not recorded_her.stop
    for workspace in (staff, login_as("manager")):
        her, nobody = visitors.visits_on(workspace, TODAY)
        assert _shown(her) == _shown(nobody) and her.outcome == "not_here"
        assert (her.asked_for, nobody.asked_for) == ("Sri Wahyuni", "Nur Halimah")
    assert visitors.visits_of(admin, gate.hidden) == []  # never joined to her record
    with admin.session() as session:
        events = session.execute(select(AuditEvent.action, AuditEvent.entity).where(
            AuditEvent.entity_id.in_([str(recorded_her.visit_id),
                                      str(recorded_nobody.visit_id)]),
            AuditEvent.entity.like("visit%"))).all()
    assert len(events) == 2 and events[0] == events[1]


def test_what_a_visitor_called_a_hidden_resident_is_kept_from_staff(admin, gate, login_as):
    manager = login_as("manager")  # finds her on the list by her pseudonym
    visitors.record_visit(manager, VisitorData("Rahmat Hidayat", asked_for="Sri Wahyuni"),
                          gate.hidden, agreed=False, asked_by="Rina")
    [for_staff] = visitors.visits_of(login_as("staff"), gate.hidden)
    [for_manager] = visitors.visits_of(manager, gate.hidden)
    assert for_staff.shown_name == for_manager.shown_name == "Mawar 3"
    assert (for_staff.asked_for, for_manager.asked_for) == ("", "Sri Wahyuni")
    assert "Sri" not in repr(visitors.visits_on(login_as("staff"), TODAY))


def test_users_are_shown_by_their_display_names(admin, gate, login_as):
    from shelter_app.domain.roles import Role
    from shelter_app.services.administration import users
    from tests.conftest import ADMIN_PASSWORD

    users.add_user(admin, "wati", Role.STAFF, ADMIN_PASSWORD, display_name="Wati Susanti")
    wati = login_as("staff", "wati")
    assert visitors.my_shown_name(wati) == "Wati Susanti"
    assert visitors.my_shown_name(admin) == "admin"  # no display name: the username
    visitors.record_visit(wati, VisitorData("Ibu Sumi"), gate.dewi, agreed=True,
                          asked_by="wati")  # what the gate once filled in
    visitors.record_visit(wati, VisitorData("Ibu Sumi"), gate.dewi, agreed=True,
                          asked_by="Rina")
    rows = visitors.visits_of(admin, gate.dewi)
    assert [(r.recorded_by, r.agreement_asked_by) for r in rows] == [
        ("Wati Susanti", "Wati Susanti"), ("Wati Susanti", "Rina")]
    with admin.session() as session:  # the record keeps the username
        assert set(session.scalars(select(Visit.recorded_by))) == {"wati"}


@pytest.mark.parametrize("asked_for, words", [
    ("", "whom the visitor asks for"), ("   ", "whom the visitor asks for"),
    ("S" * 201, "At most 200 characters"),
])
def test_a_not_here_visitor_needs_the_name_they_asked_for(admin, gate, asked_for, words):
    with pytest.raises(InputError, match=words) as refused:
        visitors.record_visit(admin, VisitorData("Rahmat Hidayat", asked_for=asked_for),
                              None, agreed=False, asked_by="")
    assert refused.value.field == "asked_for"
    assert len(str(refused.value).splitlines()) == 1
    with admin.session() as session:
        assert session.scalars(select(Visit)).all() == []
    # a resident on the list chosen: what the visitor said is welcome, not needed
    assert not visitors.record_visit(admin, VisitorData("Ibu Sumi"), gate.dewi,
                                     agreed=True, asked_by="Rina").stop
