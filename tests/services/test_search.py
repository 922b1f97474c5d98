import datetime as dt

from shelter_app.services.residents import records
from shelter_app.services.residents import search as rs
from shelter_app.services.residents.fields import PersonData, StayData

TODAY = dt.date(2026, 11, 27)


def admit(workspace, name, sex="F", born=dt.date(1995, 1, 1), days_ago=3, bed=None,
          **changes):
    data = PersonData(full_name=name, sex=sex, birth_date=born, **changes)
    return records.admit_new(workspace, data, StayData(
        admission_date=TODAY - dt.timedelta(days=days_ago), bed_id=bed)).person_id


def test_the_list_filters_by_text_presence_sex_age_modus_stage_and_room(admin, house):
    dewi = admit(admin, "Dewi Lestari", modus=["sexual"], bed=house["Melati"][0])
    agus = admit(admin, "Agus Salim", sex="M", modus=["forced_labour"])
    child = admit(admin, "Putri Ayu", born=dt.date(2012, 5, 1), bed=house["Anggrek"][0])
    gone = admit(admin, "Sri Wahyuni", days_ago=20)
    records.discharge(admin, gone, TODAY - dt.timedelta(days=1), "referred")
    records.move_stage(admin, agus, "3")

    def ids(**wanted):
        return rs.search(admin, rs.ResidentFilter(**wanted))

    assert ids() == [gone, child, agus, dewi]  # newest first
    assert ids(text="lesta") == [dewi]
    assert ids(text="RA-2026-0002") == [agus]
    assert ids(text="ag") == [agus]  # short text still filters
    assert ids(presence="present") == [child, agus, dewi]
    assert ids(presence="discharged") == [gone]
    assert ids(sex="M") == [agus]
    assert ids(age_group="child") == [child]
    assert ids(modus="sexual") == [dewi]
    assert ids(stage="3") == [agus]
    melati = dict((name, room_id) for room_id, name in rs.room_choices(admin))["Melati"]
    assert ids(room_id=melati) == [dewi]
    rows = rs.rows(admin, [dewi, gone])
    assert rows[dewi].label == "D.L." and rows[dewi].room == "Melati" and rows[dewi].present
    assert not rows[gone].present and rows[gone].discharge_date == TODAY - dt.timedelta(days=1)


def test_staff_cannot_find_a_hidden_person_by_the_real_name(admin, login_as):
    hidden = admit(admin, "Dewi Lestari", hidden_identity=True, pseudonym="Mawar")
    staff = login_as("staff")
    assert rs.search(staff, rs.ResidentFilter(text="lestari")) == []
    assert rs.search(staff, rs.ResidentFilter(text="mawar")) == [hidden]
    assert rs.rows(staff, [hidden])[hidden].label == "M."
    assert rs.search(admin, rs.ResidentFilter(text="lestari")) == [hidden]
    assert rs.rows(admin, [hidden])[hidden].label == "D.L."


def test_renaming_updates_the_search(admin):
    person = admit(admin, "Dewi Lestari")
    data = records.profile(admin, person).data
    data.full_name = "Dewi Anggraini"
    records.update_person(admin, person, data)
    assert rs.search(admin, rs.ResidentFilter(text="anggra")) == [person]
    assert rs.search(admin, rs.ResidentFilter(text="lestari")) == []


def test_the_list_reads_while_another_window_saves(admin, data_dir):
    """The list fetches pages on the GUI thread: it must not stand still (up to the 30 s
    busy timeout) while another window or the worker holds the write lock."""
    import time

    from sqlalchemy import text

    dewi = admit(admin, "Dewi Lestari")
    with admin.engine.connect() as writer:  # a save in progress elsewhere
        writer.execute(text("UPDATE persons SET risk_level = risk_level"))
        started = time.monotonic()
        assert rs.search(admin, rs.ResidentFilter()) == [dewi]
        assert rs.rows(admin, [dewi])[dewi].label == "D.L."
        assert time.monotonic() - started < 2
        writer.rollback()
