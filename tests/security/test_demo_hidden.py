"""The demo shelter's hidden persons are sealed like any other: a manager finds and reads
them by their real names, staff see their pseudonyms and nothing else."""

from sqlalchemy import select

from shelter_app.domain.models import Person
from shelter_app.services.administration import auth, demo
from shelter_app.services.residents import records
from shelter_app.services.residents import search as rs


def test_the_demos_hidden_persons_are_sealed_and_work(tmp_path, clock):
    root = tmp_path / "demo"
    auth.logout(demo.create_demo(root, clock=clock))
    manager = auth.login(root, "manager", demo.DEMO_PASSWORD, clock)
    staff = auth.login(root, "staff", demo.DEMO_PASSWORD, clock)
    try:
        with manager.session() as session:
            hidden = session.execute(select(Person.id, Person.full_name, Person.pseudonym,
                                            Person.sealed_full_name)
                                     .where(Person.hidden_identity.is_(True))).all()
        assert hidden and all(name == pseudonym and seal for _id, name, pseudonym, seal
                              in hidden)
        for person_id, _name, pseudonym, _seal in hidden:
            real = records.profile(manager, person_id).shown_name
            assert real != pseudonym
            assert person_id in rs.search(manager, rs.ResidentFilter(text=real))
            assert person_id not in rs.search(staff, rs.ResidentFilter(text=real))
            assert records.profile(staff, person_id).shown_name == pseudonym
    finally:
        auth.logout(manager)
        auth.logout(staff)
