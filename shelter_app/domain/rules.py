"""The shelter's counting rules as plain functions: ages, age groups and the census.

Age groups (BAB II C.2.c, read with UU 23/2002 and UU 13/1998): child under 18, adult
18 to 59, elderly 60 and over, from the age on the day the report or form is about.
Census: a person is present on day D when admitted on or before D and not discharged
on or before D (the midnight census); resident-days are the sum of the daily census.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from shelter_app.domain.vocab import AgeGroup, Window

CHILD_UNTIL = 18
ELDERLY_FROM = 60


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month,
                                                                  birth_date.day))


def age_group(birth_date: dt.date, day: dt.date) -> AgeGroup:
    age = age_on(birth_date, day)
    if age < CHILD_UNTIL:
        return AgeGroup.CHILD
    if age < ELDERLY_FROM:
        return AgeGroup.ADULT
    return AgeGroup.ELDERLY


def birthday(birth_date: dt.date, years: int) -> dt.date:
    """The day someone turns `years` (29 February birthdays fall on 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return dt.date(birth_date.year + years, 3, 1)


def birth_date_from_age(age: int, day: dt.date) -> dt.date:
    """An estimated birth date for someone who says they are `age` on `day`: the middle
    of the possible year, flagged as estimated by the caller."""
    return birthday(day, -age) - dt.timedelta(days=182)


def can_admit_again(discharge_dates: Iterable[dt.date | None]) -> bool:
    """One open stay at a time: a person is admitted again only when every stay of
    theirs has ended."""
    return all(day is not None for day in discharge_dates)


def present_on(admission: dt.date, discharge: dt.date | None, day: dt.date) -> bool:
    return admission <= day and (discharge is None or discharge > day)


def nights(admission: dt.date, discharge: dt.date) -> int:
    """Length of a stay in census days: the admission day counts, the discharge day not."""
    return (discharge - admission).days


def present_span(admission: dt.date, discharge: dt.date | None, first: dt.date,
                 last: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last census day within [first, last] on which the stay is present."""
    start = max(admission, first)
    end = last if discharge is None else min(last, discharge - dt.timedelta(days=1))
    return (start, end) if start <= end else None


def age_group_spans(birth_date: dt.date, start: dt.date, end: dt.date
                    ) -> list[tuple[AgeGroup, dt.date, dt.date]]:
    """[start, end] cut where the person turns 18 or 60, each piece with its age group."""
    spans = []
    cuts = [birthday(birth_date, CHILD_UNTIL), birthday(birth_date, ELDERLY_FROM)]
    piece_start = start
    for cut in cuts:
        if piece_start <= end and piece_start < cut <= end:
            spans.append((age_group(birth_date, piece_start), piece_start,
                          cut - dt.timedelta(days=1)))
            piece_start = cut
    if piece_start <= end:
        spans.append((age_group(birth_date, piece_start), piece_start, end))
    return spans


def initials(name: str) -> str:
    """"Siti Nur Rahma" -> "S.N.R." (what lists show instead of a name)."""
    return "".join(f"{word[0].upper()}." for word in name.split() if word[:1].isalpha())


# Jaminan hidup windows (BAB II C.3.b.4), one rule used everywhere: day N of a stay is
# the date minus the admission date plus one; stage 1 is days 1-7, stage 2 days 8-14,
# from day 15 the stay is in extension.
STAGE_ONE_LAST_DAY = 7
STAGE_TWO_LAST_DAY = 14


def stay_day(admission: dt.date, day: dt.date) -> int:
    return (day - admission).days + 1


def window(day_number: int) -> Window:
    if day_number <= STAGE_ONE_LAST_DAY:
        return Window.STAGE_ONE
    if day_number <= STAGE_TWO_LAST_DAY:
        return Window.STAGE_TWO
    return Window.EXTENSION


def awaiting_decision(stage: str, day: dt.date, reviewed: bool,
                      extended_until: dt.date | None) -> bool:
    """Whether a provision waits for a decision: stage 2 needs the review, extension
    needs a manager's extension reaching that day. Provisions are never refused."""
    if stage == Window.STAGE_TWO:
        return not reviewed
    if stage == Window.EXTENSION:
        return extended_until is None or extended_until < day
    return False
