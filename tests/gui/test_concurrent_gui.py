"""What a user sees when someone else saved first (issue 15): a plain message, nothing of
theirs overwritten, and the screen read again so the change can be made again."""

from PySide6.QtCore import Qt

from shelter_app.gui.background import wait_for_idle
from shelter_app.services.administration import auth
from shelter_app.services.provisions import rounds


def settle(qtbot, ms=100):
    assert wait_for_idle(30000)
    qtbot.wait(ms)


def test_a_round_saved_on_another_computer_first_is_said_and_read_again(
        logged_in, qtbot, demo_dir, clock):
    window = logged_in.main_window
    window.show_area("provisions")
    page = window.areas["provisions"].round
    settle(qtbot)
    day = page.shown_day
    elsewhere = auth.login(demo_dir, "staff", "demo", clock)  # another PC, same round
    try:
        theirs = rounds.daily_round(elsewhere, day)
        rounds.confirm_round(elsewhere, day, {theirs[0].stay_id: {}},
                             {theirs[0].stay_id: theirs[0].record_id})
    finally:
        elsewhere.close_database()

    page.table.item(1, 0).setCheckState(Qt.CheckState.Unchecked)  # my change
    page.confirm()
    settle(qtbot, 200)
    assert page.message.text().startswith("Someone else saved the round of ")
    assert getattr(page, "last_saved", None) is None
    assert not page.lines[0].given, "their 'nothing given' is shown, read again"
    assert page.table.item(1, 0).checkState() == Qt.CheckState.Unchecked, "my change kept"

    page.confirm()  # confirmed again, now from what is saved
    settle(qtbot, 200)
    assert page.last_saved.day == day
    page.confirm()  # and once more before the round is read again: its own save
    settle(qtbot, 200)
    assert page.message.text().startswith("Saved: the round of ")
