"""The one place that formats dates, numbers and money for people (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_currency, format_decimal

from shelter_app.i18n import N_, current_language

_BABEL_LOCALES = {"id": "id_ID", "en": "en_GB"}


def babel_locale() -> str:
    return _BABEL_LOCALES.get(current_language(), "id_ID")


# CLDR's full Indonesian date is "Selasa, 01 Desember 2026": people write "1 Desember".
_FULL_DATE = {"id": "EEEE, d MMMM y"}
# A day in a list or a table, in every language: CLDR's short Indonesian date is
# "7/11/26", a two-digit year with no zero, unlike the 07/11/2026 people type.
LIST_DATE = "dd/MM/yyyy"


def format_date(value: dt.date, style: str = "long") -> str:
    """A day for people: "long" (30 November 2026) in sentences, "short" (30/11/2026) in
    lists and tables, "full" with the weekday, or a CLDR pattern."""
    if style == "full":
        style = _FULL_DATE.get(current_language(), style)
    elif style == "short":
        style = LIST_DATE
    return _format_date(value, style, locale=babel_locale())


def format_period(first: dt.date, last: dt.date) -> str:
    """"1 November 2026 to 30 November 2026": a report's period, both days included."""
    from shelter_app.i18n import _

    return _("{first} to {last}").format(first=format_date(first), last=format_date(last))


def format_datetime(value: dt.datetime, tz: str | None = None, style: str = "medium") -> str:
    return _format_datetime(value, style, tzinfo=tz, locale=babel_locale())


def format_number(value: int | Decimal) -> str:
    return format_decimal(value, locale=babel_locale())


def format_rupiah(amount: int | Decimal) -> str:
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    return format_currency(amount, "IDR", locale=babel_locale())


# An age group as staff say it beside an age: "Dewasa", not "Dewasa (18-59)".
_AGE_GROUPS = {"child": N_("Child"), "adult": N_("Adult"), "elderly": N_("Elderly")}


def format_age(age: int | None, group: str | None = None, estimated: bool = False) -> str:
    """"± 24 tahun (perkiraan) · Dewasa": an age (estimated or known) with its group;
    `group` is an age group code (child, adult, elderly)."""
    from shelter_app.i18n import _

    if age is None:
        return "–"
    text = (_("± {age} years (estimated)") if estimated else _("{age} years")).format(age=age)
    return f"{text} · {_(_AGE_GROUPS[str(group)])}" if group else text
