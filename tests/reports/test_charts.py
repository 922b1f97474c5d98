"""The charts count people: their axis steps in whole people, also on an empty shelter."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from shelter_app.reports.shared import charts


@pytest.mark.parametrize("values", [[0, 0, 0], [], [0, 1, 0], [3, 4, 2]])
def test_a_small_or_empty_chart_has_whole_numbers_on_its_axis(values):
    """A tester's new shelter showed 0.002, 0.004 … 0.01 on the dashboard's axes."""
    days = [dt.date(2026, 11, 1) + dt.timedelta(days=i) for i in range(len(values))]
    for drawing in (charts.census(days, values), charts.bars(["a", "b", "c"][:len(values)],
                                                            values)):
        text = charts.svg(drawing).decode()
        labels = re.findall(r">\s*([0-9]+[.,][0-9]+)\s*<", text)
        assert not labels, labels
