"""A first day from the keyboard alone, on a real display: staff admit a woman (who she
is, her case, a bed) and a counsellor books her a session. The keys are counted: an
intake of a typical case takes 14 keys and 3 typed texts. Before the required fields
came first, the country followed the kind of exploitation and the beds of her own room
came first, it took 16 keys and 4 texts (three Tabs more; the bed found by typing the
room's name, as Down led to the children's room).

What the dialogs show is looked at as a person looks: a screenshot of the booking
dialog holds no error text until the user has touched a field. The records are checked
through the services once the app has ended."""

from __future__ import annotations

import datetime as dt
import subprocess

from PIL import Image

from shelter_app.services.administration import auth
from shelter_app.services.counselling import session_views
from shelter_app.services.residents import records, rooms, search
from tests.e2e.desktop import App, translator
from tests.e2e.test_desktop import PASSWORD, close_and_expect_a_clean_exit, log_in, mnemonic

NEW_RESIDENT = "Uji Hari Pertama"  # no demo person is called anything like it
BORN = dt.date(1998, 3, 15)
INTAKE_KEYS, INTAKE_TEXTS = 14, 3  # the count this test keeps (16 and 4 before)
ERROR_RGB = (0xB0, 0x00, 0x20)  # the colour of a message at a field (gui.widgets)


class Keyboard:
    """The app's keyboard, counting what a person presses: each key or chord is one
    key, each text typed into a field is one text."""

    def __init__(self, app: App):
        self.app, self.keys, self.texts = app, 0, 0

    def key(self, *keys: str) -> None:
        self.keys += len(keys)
        self.app.key(*keys)

    def type(self, text: str) -> None:
        self.texts += 1
        self.app.type(text)


def error_pixels(app: App, window: str, path) -> int:
    """How many pixels of the window are in the error colour (its message text)."""
    subprocess.run(["import", "-window", window, str(path)], env=app.display.environment(),
                   check=True, capture_output=True, timeout=30)
    rgb = Image.open(path).convert("RGB").tobytes()
    return sum(1 for at in range(0, len(rgb), 3)
               if all(abs(rgb[at + n] - ERROR_RGB[n]) <= 16 for n in range(3)))


def test_an_intake_and_a_booking_from_the_keyboard(start_app, demo_folder, tmp_path):
    t = translator("id")
    app = start_app(demo_folder)  # Indonesian, as the shelter uses it
    log_in(app, t, "staff")
    keyboard = Keyboard(app)
    wizard = t("New admission")
    with app.step("Ctrl+N opens the intake wizard, its first field ready for typing"):
        keyboard.key("ctrl+n")
        app.wait_window(wizard)
        app.wait_idle()
    with app.step("who she is: her name, Tab, sex by its first letter, Tab, her date of "
                  "birth typed as eight digits (no part chosen first), Enter moves on"):
        keyboard.type(NEW_RESIDENT)
        keyboard.key("Tab", t("Female")[0].lower(), "Tab")
        keyboard.type(BORN.strftime("%d%m%Y"))
        keyboard.key("Return")
    with app.step("her case: Space ticks the first modus, Tab, Space the first kind of "
                  "exploitation, Tab to the country, typed; Enter moves on"):
        keyboard.key("space", "Tab", "space", "Tab")
        keyboard.type("Malaysia")
        keyboard.key("Return")
    with app.step("admission today and no contacts: Enter, Enter"):
        keyboard.key("Return", "Return")
        app.wait_idle()
    with app.step("a bed: Down picks the first bed of a women's room; Enter saves, and "
                  "her profile opens"):
        keyboard.key("Down", "Return")
        profile = app.wait_window(t("Resident profile: {case}").format(case=""),
                                  prefix=True)
    with app.step(f"the intake took {INTAKE_KEYS} keys and {INTAKE_TEXTS} typed texts "
                  f"(counted: {keyboard.keys} and {keyboard.texts})"):
        assert (keyboard.keys, keyboard.texts) == (INTAKE_KEYS, INTAKE_TEXTS)
        assert wizard not in app.windows().values()
    with app.step("Escape closes the profile"):
        title = app.windows()[profile]
        app.key("Escape")
        app.wait_gone(title)
    close_and_expect_a_clean_exit(app)

    with app.step("afterwards, through the services: she is present since today, born "
                  "on the day typed, her case as ticked, in a bed of a women's room"):
        workspace = auth.login(demo_folder, "manager", PASSWORD)
        try:
            found = search.search(workspace, search.ResidentFilter(
                text=NEW_RESIDENT))
            assert len(found) == 1, f"{len(found)} people called {NEW_RESIDENT}"
            record = records.profile(workspace, found[0])
            women = {room.name for room in rooms.board(workspace)
                     if room.designation == "female"}
        finally:
            auth.logout(workspace)
        assert record.open_stay is not None and record.open_stay.admission_date == \
            record.today
        assert (record.data.sex, record.data.birth_date) == ("F", BORN)
        assert (record.data.modus, record.data.exploitation_types) == (
            ["migrant_labour"], ["ForcedLabour"])
        assert record.data.exploitation_country not in ("", None)
        assert record.bed is not None and record.bed[0] in women, record.bed

    book_a_session_as_counsellor(start_app, demo_folder, tmp_path, t)


def book_a_session_as_counsellor(start_app, demo_folder, tmp_path, t) -> None:
    app = start_app(demo_folder)
    log_in(app, t, "counsellor")
    booking = t("Book a session")
    with app.step("Ctrl+4 opens counselling; New session… (its Alt key) opens the booking "
                  "at the next free hour"):
        app.key("ctrl+4")
        app.wait_idle()
        app.key(mnemonic(t("&New session…")))
        dialog = app.wait_window(booking)
        app.wait_idle()
    with app.step("before anything is typed, the booking shows no error"):
        assert error_pixels(app, dialog, tmp_path / "untouched.png") == 0
    with app.step("Tab Tab to the start, 20.00 typed (the end follows: 21:00); Tab Tab to "
                  "the room: a bedroom's name typed chooses nothing, for bedrooms are not "
                  "offered; Tab Tab Tab to the residents"):
        app.key("Tab", "Tab")
        app.type("20.00")
        app.key("Tab", "Tab")
        app.type("Mawar")
        app.key("Tab", "Tab", "Tab")
    with app.step("Space ticks a resident and Space again unticks her: the error is at "
                  "the list; Space once more and it goes"):
        app.key("space", "space")
        app.wait_idle()
        assert error_pixels(app, dialog, tmp_path / "none-chosen.png") > 20
        app.key("space")
        app.wait_idle()
        assert error_pixels(app, dialog, tmp_path / "chosen.png") == 0
    with app.step("Enter saves the booking"):
        app.key("Return")
        app.wait_gone(booking)
    close_and_expect_a_clean_exit(app)

    with app.step("afterwards, through the services: one session at 20:00 for an hour, "
                  "the counsellor's, with one resident and no room; no room offered is a "
                  "bedroom"):
        workspace = auth.login(demo_folder, "counsellor", PASSWORD)
        try:
            first = dt.date.today() - dt.timedelta(days=1)  # the suggestion: today on
            booked = [view for view in session_views.calendar(
                workspace, first, days=15, counsellor="counsellor")
                if view.start.hour == 20]
            offered = {name for _id, name in session_views.choices(workspace, first).rooms}
            bedrooms = {room.name for room in rooms.board(workspace)}
        finally:
            auth.logout(workspace)
        assert len(booked) == 1, booked
        assert (booked[0].minutes, booked[0].room_id, len(booked[0].person_ids)) == (
            60, None, 1)
        assert offered and not offered & bedrooms
