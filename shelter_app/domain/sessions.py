"""Counselling bookings and the one clash rule that the dialog, the calendar drag, the
recurring booking and the command line will all use (issue 6 builds on it).

A booking clashes when, for any overlap in time (start inclusive, end exclusive, so a
session may start when another ends), it shares a counsellor, a resident or the room
with another session; and when one of its residents is not present on its day, or it
ends before it starts. Clashes are shown to the user, who changes the booking or
confirms it on purpose: this function never decides.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

MAX_MINUTES = 8 * 60


@dataclass(frozen=True)
class Booking:
    start: dt.datetime  # aware
    minutes: int
    counsellors: frozenset[str] = field(default_factory=frozenset)
    residents: frozenset[int] = field(default_factory=frozenset)  # person ids
    room_id: int | None = None
    session_id: int | None = None

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.minutes)

    def overlaps(self, other: Booking) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Clash:
    kind: str  # "time", "counsellor", "resident", "room", "not_present"
    subject: str | int | None = None  # the counsellor, person or room concerned
    other_session_id: int | None = None
    other_start: dt.datetime | None = None


class Calendar:
    """Existing sessions sorted by start, so a check looks only at those that can
    overlap (a year of sessions answers in well under a millisecond per booking)."""

    def __init__(self, sessions: Iterable[Booking]):
        self._sessions = sorted(sessions, key=lambda s: s.start)
        self._starts = [s.start for s in self._sessions]
        self._longest = max((s.minutes for s in self._sessions), default=0)

    def near(self, booking: Booking) -> list[Booking]:
        first = bisect.bisect_left(self._starts,
                                   booking.start - dt.timedelta(minutes=self._longest))
        last = bisect.bisect_left(self._starts, booking.end)
        return [s for s in self._sessions[first:last]
                if s.session_id is None or s.session_id != booking.session_id]


def clashes(booking: Booking, calendar: Calendar,
            present_on: Callable[[int, dt.date], bool],
            local_day: Callable[[dt.datetime], dt.date]) -> list[Clash]:
    """Everything that clashes with `booking`, in a stable order; empty when it fits."""
    found: list[Clash] = []
    if booking.minutes <= 0 or booking.minutes > MAX_MINUTES:
        found.append(Clash("time"))
    day = local_day(booking.start)
    for person in sorted(booking.residents):
        if not present_on(person, day):
            found.append(Clash("not_present", person))
    for other in calendar.near(booking):
        if not booking.overlaps(other):
            continue
        for counsellor in sorted(booking.counsellors & other.counsellors):
            found.append(Clash("counsellor", counsellor, other.session_id, other.start))
        for person in sorted(booking.residents & other.residents):
            found.append(Clash("resident", person, other.session_id, other.start))
        if booking.room_id is not None and booking.room_id == other.room_id:
            found.append(Clash("room", booking.room_id, other.session_id, other.start))
    return found


def weekly(first: Booking, weeks: int) -> list[Booking]:
    """The same booking once a week for `weeks` weeks, at the same local time of day
    (the shelter's zone has no daylight saving, so a fixed week is exact)."""
    return [replace(first, start=first.start + dt.timedelta(weeks=n))
            for n in range(max(weeks, 1))]
