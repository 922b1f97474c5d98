"""A shelter from before sealing: its hidden persons' real names stood in the plaintext
columns and in the search index. The upgrade takes them out of the index at once (staff
cannot find them), and the first login of a manager seals them."""

import datetime as dt

from sqlalchemy import text

from shelter_app.services.administration import auth
from shelter_app.services.residents import records
from shelter_app.services.residents import search as rs
from shelter_app.services.residents.fields import PersonData
from shelter_app.storage import migrate
from tests.conftest import ADMIN_PASSWORD
from tests.security.conftest import NIK, PSEUDONYM, REAL_NAME, stay
from tests.security.test_hidden_identity_raw import everything_readable, open_as_attacker


def as_before_sealing(workspace, person_id: int) -> None:
    """Down to 0007, and the person hidden the way that version stored it."""
    from alembic import command

    config = migrate._config()
    with workspace.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    with workspace.engine.begin() as connection:
        case = connection.execute(text("SELECT case_number FROM persons WHERE id = :id"),
                                  {"id": person_id}).scalar()
        connection.execute(text("UPDATE persons SET hidden_identity = 1, pseudonym = :p "
                                "WHERE id = :id"), {"p": PSEUDONYM, "id": person_id})
        connection.execute(text("DELETE FROM person_search WHERE rowid = :id"),
                           {"id": person_id})
        connection.execute(text(
            "INSERT INTO person_search (rowid, visible, full) VALUES (:id, :v, :f)"),
            {"id": person_id, "v": f"{case} {PSEUDONYM}".lower(),
             "f": f"{case} {REAL_NAME} {PSEUDONYM} {NIK}".lower()})


def test_an_upgraded_shelter_hides_and_then_seals_its_hidden_persons(login_as, data_dir):
    staff = login_as("staff")
    login_as("manager")  # the account exists
    person_id = records.admit_new(staff, PersonData(
        full_name=REAL_NAME, sex="F", birth_date=dt.date(1996, 5, 1), nik=NIK),
        stay()).person_id
    as_before_sealing(staff, person_id)
    auth.logout(staff)

    staff = login_as("staff")  # the upgrade runs at this login
    assert migrate.current_revision(staff.engine) == migrate.SCHEMA_HEAD
    assert rs.search(staff, rs.ResidentFilter(text="xaverina")) == []
    assert rs.search(staff, rs.ResidentFilter(text=NIK)) == []
    with staff.session() as session:
        indexed = session.execute(text("SELECT visible || ' ' || full FROM person_search "
                                       "WHERE rowid = :id"), {"id": person_id}).scalar()
    assert "xaverina" not in indexed and NIK not in indexed
    auth.logout(staff)

    manager = login_as("manager")  # seals what the old version left in plain
    assert records.profile(manager, person_id).shown_name == REAL_NAME
    assert rs.search(manager, rs.ResidentFilter(text="xaverina")) == [person_id]
    auth.logout(manager)
    connection = open_as_attacker(data_dir, "staff", ADMIN_PASSWORD)
    try:
        text_read = "\n".join(everything_readable(connection)).lower()
    finally:
        connection.close()
    assert PSEUDONYM.lower() in text_read
    assert "xaverina" not in text_read and NIK not in text_read
