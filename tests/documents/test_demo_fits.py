"""The demo's people, contacts and documents fit their ages (a tester found a
13-year-old with a spouse): nobody under 18 has a spouse, every child has a parent to
call, a spouse only for the married or divorced; nobody under 17 has an ID card (KTP);
loans are due back on a day and the overdue ones are on the dashboard."""

import pytest
from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.models import Contact, Document, Person, Stay
from tests.conftest import FakeClock

pytestmark = pytest.mark.file_only


@pytest.fixture(scope="module")
def demo_shelter(tmp_path_factory):
    from shelter_app.services.administration import demo

    workspace = demo.create_demo(tmp_path_factory.mktemp("demo") / "demo", residents=80,
                                 clock=FakeClock())
    yield workspace
    workspace.close_database()


def _admitted(session) -> dict[int, object]:
    first = {}
    for person_id, day in session.execute(select(Stay.person_id, Stay.admission_date)):
        first[person_id] = min(day, first.get(person_id, day))
    return first


def test_contacts_fit_the_persons_age_and_marriage(demo_shelter):
    with demo_shelter.reading() as session:
        admitted = _admitted(session)
        people = {p.id: p for p in session.scalars(select(Person))}
        contacts: dict[int, list] = {}
        for contact in session.scalars(select(Contact)):
            contacts.setdefault(contact.person_id, []).append(contact)
    children = 0
    for person_id, person in people.items():
        age = rules.age_on(person.birth_date, admitted[person_id])
        mine = contacts.get(person_id, [])
        relations = [c.relation for c in mine]
        if age < 18:
            children += 1
            assert "spouse" not in relations, (person.case_number, age)
            assert any(c.relation == "parent" and c.safe for c in mine), person.case_number
            assert person.children <= (0 if age < 16 else 1)
            assert person.education in (("none", "primary") if age < 13 else
                                        ("none", "primary", "junior") if age < 16 else
                                        ("none", "primary", "junior", "senior"))
        if "spouse" in relations:
            assert person.marital_status in ("married", "divorced"), person.case_number
        if age >= 60:
            assert "parent" not in relations
    assert children >= 5  # the demo has children to check
    assert any(c.must_not_visit for cs in contacts.values() for c in cs)  # the gate's


def test_no_child_under_17_has_an_id_card(demo_shelter):
    with demo_shelter.reading() as session:
        born = dict(session.execute(select(Person.id, Person.birth_date)).all())
        rows = session.execute(select(Document.person_id, Document.kind,
                                      Document.received_on)).all()
    assert rows
    young = [(person_id, kind) for person_id, kind, on in rows
             if rules.age_on(born[person_id], on) < 17]
    assert young and all(kind != "ktp" for _p, kind in young)
    assert any(kind in ("birth", "passport") for _p, kind in young)


def test_the_demos_loans_have_due_days_and_some_are_past_them(demo_shelter):
    from shelter_app.services.overview import dashboard

    with demo_shelter.reading() as session:
        lent = session.execute(select(Document.lent_on, Document.lent_until)
                               .where(Document.status == "lent")).all()
    assert lent and all(until is not None and until >= on for on, until in lent)
    board = dashboard.snapshot(demo_shelter)
    assert board.documents_overdue and board.documents_held
    assert all(row.due_on < board.today for row in board.documents_overdue)
