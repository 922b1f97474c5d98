"""Small-cell protection (domain/small_cells.py), checked by an independent reader
(independent_check.py): no count from 1 to k-1 is published, and no suppressed count can
be worked out exactly from what is published, for one shelter and for several combined.
Pure: no database."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelter_app.domain import small_cells
from shelter_app.domain.small_cells import GRAND, Part, Shape
from tests.statistics.independent_check import (
    hidden_names,
    pinned_by_one_line,
    recoverable,
    table_lines,
)

K = 11


def published_view(protected):
    """What a reader sees: (cells, row totals, column totals, grand) with None hidden."""
    shape = protected.shape
    cells = [[protected.published(("cell", r, c)) for c in range(shape.columns)]
             for r in range(shape.rows)]
    rows = [protected.published(("row", r, 0)) for r in range(shape.rows)]
    if not shape.additive:
        return cells, rows, None, None
    columns = [protected.published(("column", 0, c)) for c in range(shape.columns)]
    return cells, rows, columns, protected.published(GRAND)


def assert_safe(protected, counts, threshold=K):
    view = published_view(protected)
    cells, rows, columns, grand = view
    truth = small_cells.values_of(counts, protected.shape.additive)
    shown = [((("cell", r, c)), v) for r, line in enumerate(cells) for c, v in enumerate(line)]
    shown += [(("row", r, 0), v) for r, v in enumerate(rows)]
    if columns is not None:
        shown += [(("column", 0, c), v) for c, v in enumerate(columns)] + [(GRAND, grand)]
    for entry, value in shown:
        if value is not None:
            assert not 0 < value < threshold, (entry, value)
            assert value == truth[entry]  # published means true
    if protected.withheld:
        assert all(value is None for _entry, value in shown)
        return
    hidden = hidden_names("t", *view)
    assert recoverable(table_lines("t", *view), hidden) == []
    known = {("t", *entry): value for entry, value in shown if value is not None}
    assert pinned_by_one_line(table_lines("t", *view), known, hidden) == []


counts_tables = st.integers(1, 6).flatmap(lambda rows: st.integers(1, 4).flatmap(
    lambda columns: st.lists(st.lists(st.sampled_from([0, 0, 1, 2, 5, 10, 11, 12, 30, 80]),
                                      min_size=columns, max_size=columns),
                             min_size=rows, max_size=rows)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=counts_tables, additive=st.booleans())
def test_no_small_count_is_published_or_recoverable(counts, additive):
    assert_safe(small_cells.protect(counts, additive, K), counts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts=counts_tables, threshold=st.integers(11, 40))
def test_a_higher_threshold_protects_too(counts, threshold):
    assert_safe(small_cells.protect(counts, True, threshold), counts, threshold)


def test_one_small_cell_in_a_row_takes_a_rectangle_with_it():
    protected = small_cells.protect([[50, 3, 40], [20, 15, 30], [30, 30, 30]], True)
    assert ("cell", 0, 1) in protected.suppressed
    # a row or a column with one hidden cell would give it away: at least four cells go
    assert len([e for e in protected.suppressed if e[0] == "cell"]) >= 4
    assert not any(e[0] != "cell" for e in protected.suppressed)  # the totals all stay
    assert_safe(protected, [[50, 3, 40], [20, 15, 30], [30, 30, 30]])


def test_a_two_by_two_block_of_small_cells_is_safe_with_its_totals():
    counts = [[3, 4, 40], [5, 6, 30], [20, 20, 20]]
    protected = small_cells.protect(counts, True)
    assert {("cell", 0, 0), ("cell", 0, 1), ("cell", 1, 0), ("cell", 1, 1)} <= \
        protected.suppressed
    assert_safe(protected, counts)


def test_totals_under_the_threshold_are_suppressed_and_a_small_table_withheld():
    counts = [[12, 0], [0, 5]]  # column 2 total 5, row 2 total 5
    protected = small_cells.protect(counts, True)
    assert ("column", 0, 1) in protected.suppressed and ("row", 1, 0) in protected.suppressed
    assert_safe(protected, counts)
    small = small_cells.protect([[2, 3], [1, 4]], True)  # grand total 10
    assert small.withheld and small.published(GRAND) is None
    assert small_cells.protect([[0, 0], [0, 0]], True).withheld is False  # zeros are shown


def test_the_threshold_never_goes_below_eleven():
    with pytest.raises(ValueError):
        small_cells.protect([[1]], True, threshold=10)


def _parts(tables, additive):
    parts = []
    for counts in tables:
        protected = small_cells.protect(counts, additive, K)
        parts.append((protected, Part({entry: protected.published(entry)
                                       for entry in protected.shape.entries()})))
    return parts


def assert_combination_safe(tables, additive, threshold=K):
    parts = _parts(tables, additive)
    shape = Shape(len(tables[0]), len(tables[0][0]), additive)
    combined = small_cells.protect_combined(shape, [part for _p, part in parts], threshold)
    # the sum's own published values: never small, always true
    sums = [[sum(t[r][c] for t in tables) for c in range(shape.columns)]
            for r in range(shape.rows)]
    truth = small_cells.values_of(sums, additive)
    for entry in shape.entries():
        value = combined.published(entry)
        if value is not None:
            assert not 0 < value < threshold and value == truth[entry], entry
    # the joint reader: every shelter's export, the sum, and "sum = the parts added"
    lines, hidden = [], []
    views = [(f"s{n}", published_view(protected)) for n, (protected, _p) in enumerate(parts)]
    views.append(("sum", published_view(combined)))
    for prefix, view in views:
        lines += table_lines(prefix, *view)
        hidden += hidden_names(prefix, *view)
    for kind, r, c in shape.entries():
        lines.append([(("sum", kind, r, c), -1)]
                     + [((prefix, kind, r, c), 1) for prefix, _view in views[:-1]])
    # every shelter's hidden count stays hidden; of the sum's, those that are small (a sum
    # hidden only because the table was withheld may equal published parts added up)
    exposed = [name for name in recoverable(lines, hidden)
               if name[0] != "sum" or 0 < truth[name[1:]] < threshold]
    assert exposed == []


shelters = st.integers(1, 4).flatmap(lambda rows: st.integers(1, 3).flatmap(
    lambda columns: st.lists(st.lists(st.lists(
        st.sampled_from([0, 0, 1, 3, 6, 9, 11, 14, 25, 60]), min_size=columns,
        max_size=columns), min_size=rows, max_size=rows), min_size=2, max_size=3)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables=shelters, additive=st.booleans())
def test_combining_reveals_no_shelters_suppressed_count(tables, additive):
    assert_combination_safe(tables, additive)


def test_combining_a_cell_one_shelter_hid_with_a_known_one():
    # shelter A hides its 4 and 7 (the row and column totals are published); shelter B
    # shows 20 and 30. Publishing the sum's 24 would give A's 4 away as 24 - 20.
    first = [[4, 20], [7, 30], [40, 50]]
    second = [[20, 20], [30, 40], [50, 50]]
    assert_combination_safe([first, second], True)
    parts = _parts([first, second], True)
    combined = small_cells.protect_combined(Shape(3, 2, True), [p for _x, p in parts])
    assert combined.published(("cell", 0, 0)) is None


def test_protection_is_fast_for_the_biggest_tables():
    rng = random.Random(3)
    worst = 0.0
    for columns in (2, 10):
        counts = [[rng.choice([0, 0, 1, 4, 9, 12, 30, 70]) for _ in range(columns)]
                  for _ in range(40)]
        started = time.perf_counter()
        small_cells.protect(counts, True)
        worst = max(worst, time.perf_counter() - started)
    assert worst < 2.0


def test_the_independent_reader_does_catch_a_lone_hidden_cell():
    """The check above is not vacuous: primary suppression alone leaks, and it says so."""
    cells = [[None, 20], [30, 40]]  # the 3 hidden, its row total 23 published
    view = (cells, [23, 70], [33, 60], 93)
    assert recoverable(table_lines("t", *view), hidden_names("t", *view)) == [
        ("t", "cell", 0, 0)]
    two = ([[None, None], [30, 40]], [23, 70], [33, 60], 93)  # the row alone: still both
    assert len(recoverable(table_lines("t", *two), hidden_names("t", *two))) == 2


def test_hidden_ones_that_a_line_pins_are_protected_too():
    """0 is never hidden, so a hidden count is at least 1: in 13 = 11 + ? + ? both are 1.
    Linear algebra alone misses it (every row and column has two unknowns)."""
    counts = [[11, 1, 1], [20, 1, 1]]
    primary = {e for e, v in small_cells.values_of(counts, True).items() if 0 < v < K}
    assert small_cells.determined(small_cells.equations(Shape(2, 3, True)), primary) == set()
    protected = small_cells.protect(counts, True)
    cells, rows, _columns, _grand = published_view(protected)
    for r, line in enumerate(cells):
        hidden = [c for c, value in enumerate(line) if value is None]
        if rows[r] is not None and hidden:
            assert rows[r] - sum(v for v in line if v is not None) > len(hidden)
    assert_safe(protected, counts)


def test_zeros_are_never_hidden_unless_the_table_is_withheld():
    for counts in ([[0, 3, 40], [0, 20, 30], [5, 30, 30]], [[12, 0], [0, 5]]):
        protected = small_cells.protect(counts, True)
        values = small_cells.values_of(counts, True)
        assert protected.withheld or all(values[e] for e in protected.suppressed)
