"""Screens in the Indonesian staff read: words composed in code, not only catalog strings."""

import datetime as dt

from shelter_app import i18n
from shelter_app.gui.background import wait_for_idle


def settle(qtbot, ms=50):
    assert wait_for_idle(20000)
    qtbot.wait(ms)


def test_the_profile_header_says_an_estimated_age_as_staff_write_it(login_as, qtbot):
    from shelter_app.gui.residents.profile import ProfileDialog
    from shelter_app.services.residents import records
    from shelter_app.services.residents.fields import PersonData, StayData

    manager = login_as("manager")
    person_id = records.admit_new(
        manager, PersonData(full_name="Dewi Lestari", sex="F", estimated_age=24),
        StayData(admission_date=dt.date(2026, 11, 20)), []).person_id
    i18n.set_language("id")
    profile = ProfileDialog(manager, person_id)
    qtbot.addWidget(profile)
    qtbot.waitUntil(lambda: profile.profile is not None, timeout=10000)
    settle(qtbot)
    header = profile.summary.text()
    assert "± 24 tahun (perkiraan) · Dewasa" in header
    assert "18-59" not in header and "Pengeluaran" not in header


def test_the_room_filter_names_a_room_once(logged_in, qtbot):
    i18n.set_language("id")
    window = logged_in.main_window
    window.show_area("counselling")
    page = window.areas["counselling"].calendar
    qtbot.waitUntil(lambda: page.room.count() > 1, timeout=15000)
    settle(qtbot)
    rooms = [page.room.itemText(i) for i in range(1, page.room.count())]
    assert "Ruang Konseling 1" in rooms
    assert not [room for room in rooms if room.startswith(("Ruang Ruang", "Room "))]


def test_no_two_things_on_a_profile_tab_share_an_alt_key(login_as, qtbot):
    """The profile's buttons stay on screen while its tabs change: Alt+K was both
    'Keluarkan' and 'Terima kembali', Alt+T both 'Tambah kontak' and 'Pindah tahap'."""
    from shelter_app.gui.residents.profile import ProfileDialog
    from shelter_app.services.residents import records
    from shelter_app.services.residents.fields import ContactData, PersonData, StayData
    from tests.gui.test_keyboard import visible_alt_keys

    manager = login_as("manager")
    present, discharged = (records.admit_new(
        manager, PersonData(full_name=name, sex="F", estimated_age=24),
        StayData(admission_date=dt.date(2026, 11, 20)),
        [ContactData(name="Ibu Sari", relation="parent")]).person_id
        for name in ("Dewi Lestari", "Sri Wahyuni"))
    records.discharge(manager, discharged, dt.date(2026, 11, 25), "family_reintegration")
    clashes = {}
    for language in ("id", "en"):
        i18n.set_language(language)
        for person_id in (present, discharged):
            profile = ProfileDialog(manager, person_id)
            qtbot.addWidget(profile)
            qtbot.waitUntil(lambda p=profile: p.profile is not None, timeout=10000)
            settle(qtbot)
            for page, title in profile.tabs.pages():  # each group's tabs
                profile.tabs.setCurrentWidget(page)
                settle(qtbot, 20)
                found = visible_alt_keys(profile)
                if found:
                    clashes[language, person_id, title] = found
            profile.close()
    assert clashes == {}, "\n".join(f"{k}: {v}" for k, v in clashes.items())
