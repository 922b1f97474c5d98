"""The one clash rule for counselling bookings."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from shelter_app.domain.sessions import Booking, Calendar, clashes, weekly

WIB = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.datetime(2026, 11, 30, 9, 0, tzinfo=WIB)


def at(hour: int, minutes: int = 60, **parts) -> Booking:
    return Booking(MONDAY.replace(hour=hour), minutes, **parts)


def check(booking, existing, present=lambda person, day: True):
    return [(c.kind, c.subject) for c in clashes(
        booking, Calendar(existing), present, lambda moment: moment.astimezone(WIB).date())]


def test_each_kind_of_clash_is_named():
    taken = at(9, counsellors=frozenset({"rina"}), residents=frozenset({7}), room_id=1,
               session_id=1)
    assert check(at(9, 30, counsellors=frozenset({"rina"})), [taken]) == [
        ("counsellor", "rina")]
    assert check(at(9, 30, residents=frozenset({7, 8})), [taken]) == [("resident", 7)]
    assert check(at(9, 30, room_id=1), [taken]) == [("room", 1)]
    assert check(at(10, counsellors=frozenset({"rina"})), [taken]) == []  # starts as it ends
    assert check(at(11, residents=frozenset({9})), [],
                 present=lambda person, day: person != 9) == [("not_present", 9)]
    assert check(at(11, 0), []) == [("time", None)]


def test_moving_a_session_does_not_clash_with_itself():
    taken = at(9, counsellors=frozenset({"rina"}), session_id=1)
    moved = Booking(MONDAY.replace(hour=9, minute=30), 60, frozenset({"rina"}), session_id=1)
    assert check(moved, [taken]) == []


def test_a_weekly_series_runs_past_a_stay_and_says_so():
    series = weekly(at(9, residents=frozenset({3})), 4)
    assert [b.start.date() for b in series] == [dt.date(2026, 11, 30), dt.date(2026, 12, 7),
                                                dt.date(2026, 12, 14), dt.date(2026, 12, 21)]
    leaves = dt.date(2026, 12, 10)
    found = [check(b, [], present=lambda person, day: day < leaves) for b in series]
    assert found == [[], [], [("not_present", 3)], [("not_present", 3)]]


hours = st.integers(min_value=0, max_value=24 * 6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(hours, st.integers(15, 180), st.sampled_from("ab")), max_size=30),
       hours, st.integers(15, 180))
def test_the_calendar_finds_exactly_the_overlaps_a_full_scan_finds(sessions, start, length):
    existing = [Booking(MONDAY + dt.timedelta(hours=h), m, frozenset({who}), session_id=n)
                for n, (h, m, who) in enumerate(sessions)]
    booking = Booking(MONDAY + dt.timedelta(hours=start), length, frozenset({"a"}))
    expected = sorted(s.session_id for s in existing
                      if "a" in s.counsellors and booking.overlaps(s))
    found = clashes(booking, Calendar(existing), lambda p, d: True, lambda m: m.date())
    assert sorted(c.other_session_id for c in found) == expected
