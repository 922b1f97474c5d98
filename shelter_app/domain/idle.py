"""When the app should lock itself: after a quiet spell with no keyboard or mouse."""

from __future__ import annotations

import datetime as dt


class IdleWatch:
    def __init__(self, limit: dt.timedelta, now: dt.datetime):
        self.limit = limit
        self._last_activity = now

    def activity(self, now: dt.datetime) -> None:
        self._last_activity = now

    def is_idle(self, now: dt.datetime) -> bool:
        return self.limit > dt.timedelta(0) and now - self._last_activity >= self.limit
