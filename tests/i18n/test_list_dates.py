"""Lists and tables write a day one way: dd/mm/yyyy (30/11/2026, 07/11/2026), never a
two-digit year or a day without its zero (7/11/26), in either language."""

import datetime as dt

import pytest

from shelter_app import i18n
from shelter_app.i18n.formatting import format_date


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_day_in_a_list_is_dd_mm_yyyy(language):
    i18n.set_language(language)
    try:
        assert format_date(dt.date(2026, 11, 7), "short") == "07/11/2026"
        assert format_date(dt.date(2026, 11, 30), "short") == "30/11/2026"
    finally:
        i18n.set_language("en")
