"""The app on a real X display (Xvfb, Qt's xcb platform, a window manager), started as
`make run` starts it and used from the keyboard as a person would. Offscreen tests never
saw the app quit itself right after a login: these would have.

The records are checked afterwards through the services, once the app has ended."""

from __future__ import annotations

from shelter_app.services.administration import audit_log, auth
from shelter_app.services.provisions import catalog, rounds
from shelter_app.services.residents import records, search
from tests.e2e.desktop import App, translator

PASSWORD = "demo"
NEW_RESIDENT = "Ujicoba Layar Nyata"  # no demo person is called anything like it
DAILY_ROUND_PATIENCE_S = 30


def mnemonic(text: str) -> str:
    """The Alt+ key of a button's text ("&Next >" -> "alt+n")."""
    return "alt+" + text[text.index("&") + 1].lower()


def log_in(app: App, t, username: str) -> str:
    """Type the user name, Tab, the password and Enter; returns the main window's title."""
    login_title = t("Rumah Aman: log in")
    main_title = t("Rumah Aman: {shelter}").format(shelter="Rumah Aman Demo")
    with app.step(f"the login window “{login_title}” appears"):
        app.wait_window(login_title)
    with app.step(f"log in as {username}: user name, Tab, password, Enter"):
        app.type(username)
        app.key("Tab")
        app.type(PASSWORD)
        app.key("Return")
        app.wait_window(main_title, meanwhile={login_title})
    with app.step("the login window gives way to the main window, and nothing else opens"):
        app.wait_gone(login_title)
        app.wait_idle()
        assert sorted(app.windows().values()) == [main_title]
    return main_title


def close_and_expect_a_clean_exit(app: App) -> None:
    with app.step("close the main window (Alt+F4): the app ends with status 0"):
        app.key("alt+F4")
        assert app.wait_exit() == 0, f"exit status {app.process.returncode}"


def test_the_app_stays_open_after_a_login_from_the_keyboard(start_app, demo_folder):
    app = start_app(demo_folder)  # the default language: Indonesian
    main_title = log_in(app, translator("id"), "staff")
    with app.step("10 s after the login the app still runs, its main window on screen"):
        app.stays_up(10, main_title)
    close_and_expect_a_clean_exit(app)


def test_a_new_resident_admitted_from_the_keyboard_is_in_todays_round(start_app,
                                                                       demo_folder):
    t = translator("en")
    app = start_app(demo_folder, "en")
    main_title = log_in(app, t, "staff")
    with app.step("Ctrl+N opens the intake wizard"):
        app.key("ctrl+n")
        app.wait_window(t("New admission"))
    with app.step("who she is: full name, Tab, sex by its first letter, Tab Tab, age"):
        app.type(NEW_RESIDENT)
        app.key("Tab")  # the sex comes right after the name
        app.type(t("Female")[0])
        app.key("Tab", "Tab")
        app.type("25")
    with app.step("Next through the case, arrival and contacts pages to the bed page"):
        app.key(*[mnemonic(t("&Next >"))] * 4)
        app.wait_idle()
    with app.step("choose a bed in room Mawar by typing its name, then Save"):
        app.type("Mawar")
        app.key(mnemonic(t("&Save")))
        profile = app.wait_window(t("Resident profile: {case}").format(case=""), prefix=True)
    with app.step("after Save the intake wizard has closed; Escape closes the profile"):
        on_screen = app.windows()
        assert t("New admission") not in on_screen.values(), "the wizard is still open"
        app.key("Escape")
        app.wait_gone(on_screen[profile])
        app.wait_window(main_title)
    with app.step("Ctrl+3 opens Provisions; confirm today's round with its Alt key"):
        app.key("ctrl+3")
        app.wait_idle()
        app.key(mnemonic(t("&Confirm the round")))
        app.wait_idle()
    close_and_expect_a_clean_exit(app)

    with app.step("afterwards, through the services: she is present since today in a bed "
                  "in Mawar, and today's round recorded her daily package and hygiene kit"):
        workspace = auth.login(demo_folder, "manager", PASSWORD)
        try:
            check_admitted_and_given_today(workspace)
        finally:
            auth.logout(workspace)


def check_admitted_and_given_today(workspace) -> None:
    found = search.search(workspace, search.ResidentFilter(
        text=NEW_RESIDENT))
    assert len(found) == 1, f"the intake saved {len(found)} people called {NEW_RESIDENT}"
    record = records.profile(workspace, found[0])
    today = record.today
    assert record.open_stay is not None and record.open_stay.admission_date == today
    assert record.bed is not None and record.bed[0] == "Mawar", record.bed
    given = {line.item_code: line.quantity
             for line in rounds.of_person(workspace, found[0])[0] if line.day == today}
    assert given, "today's round recorded nothing for her: she was not in the round"
    package = {item.code for item in catalog.items(workspace) if item.standard_quantity}
    assert package <= set(given), f"her daily package is incomplete: {given}"
    assert "KEBERSIHAN" in given, f"her first day lacks the hygiene kit: {given}"
    assert all(line.recorded for line in rounds.daily_round(workspace, today))


def test_lock_unlock_log_out_and_log_in_as_another_user(start_app, demo_folder):
    t = translator("id")
    app = start_app(demo_folder)
    log_in(app, t, "staff")
    with app.step("Ctrl+L locks the records"):
        app.key("ctrl+l")
        app.wait_idle()
    with app.step("type the password and Enter: the records open again"):
        app.type(PASSWORD)
        app.key("Return")
        app.wait_idle()
    with app.step("log out: Ctrl+L puts the focus on the password, Shift+Tab reaches "
                  f"“{t('Log out')}”, Space presses it; the login window comes back"):
        app.key("ctrl+l")
        app.wait_idle()
        app.key("shift+Tab", "space")
        app.wait_window(t("Rumah Aman: log in"))
    log_in(app, t, "manager")
    close_and_expect_a_clean_exit(app)

    with app.step("afterwards, in the audit log: staff logged in, locked, unlocked, locked; "
                  "manager logged in and out"):
        workspace = auth.login(demo_folder, "admin", PASSWORD)
        try:
            events = [(e.username, e.action)
                      for e in reversed(audit_log.recent_events(workspace))
                      if e.action in ("login", "login_failed", "lock", "unlock", "logout")]
        finally:
            auth.logout(workspace)
        # the last is this check's own login; a locked session logs no logout
        assert events[-7:-1] == [("staff", "login"), ("staff", "lock"), ("staff", "unlock"),
                                 ("staff", "lock"), ("manager", "login"),
                                 ("manager", "logout")], events[-8:]


def test_the_set_up_wizard_hands_over_to_the_login(start_app, tmp_path):
    t = translator("id")
    folder = tmp_path / "new-shelter"
    app = start_app(folder)
    password = "kata sandi uji 1"
    wizard = t("Rumah Aman: set-up")
    next_page = mnemonic(t("&Next >"))
    with app.step(f"the set-up wizard “{wizard}” appears on an empty data folder"):
        app.wait_window(wizard)
    with app.step("welcome, Next; the shelter's name (its Alt key), Next"):
        app.key(next_page, mnemonic(t("&Shelter name")))
        app.type("Rumah Aman Uji")
        app.key(next_page)
    with app.step("the first administrator: Tab, password, Tab, password again, Next; "
                  "the encrypted database is created"):
        app.key("Tab")
        app.type(password)
        app.key("Tab")
        app.type(password)
        app.key(next_page)
        app.wait_idle(timeout=60)
        app.wait_window(wizard)
    kept = t("I &have printed or written down the recovery key and will keep it in the safe.")
    with app.step("the recovery key: “I have printed…” by its Alt key, Finish"):
        app.key(mnemonic(kept), mnemonic(t("&Finish")))
    with app.step("the login window replaces the wizard, and the app keeps running"):
        app.wait_window(t("Rumah Aman: log in"))
        app.wait_gone(wizard)
        app.stays_up(2, t("Rumah Aman: log in"))
    with app.step("the new administrator logs in"):
        app.type("admin")
        app.key("Tab")
        app.type(password)
        app.key("Return")
        app.wait_window(t("Rumah Aman: {shelter}").format(shelter="Rumah Aman Uji"))
    close_and_expect_a_clean_exit(app)
