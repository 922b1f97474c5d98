"""Generated shelters' residents, counted by the statistics' own table builder and
protected: every table of every shelter, and their combination, checked by the
independent reader. Pure (no database): the service tests check the queries."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shelter_app.domain import small_cells
from shelter_app.domain.small_cells import GRAND, Part, Shape
from shelter_app.domain.vocab import ExploitationType, Modus
from shelter_app.services.overview.statistics import (
    ADMISSIONS_BY_ONE_ROW,
    GENDERS,
    Counter,
    age_band,
    protect_table,
    table_specs,
)
from tests.statistics.independent_check import hidden_names, recoverable, table_lines

ADMITTED = dt.date(2026, 6, 1)
SPECS = {spec.name: spec for spec in table_specs()
         if spec.name.startswith("admissions_by")}

people = st.lists(st.tuples(
    st.sampled_from("FFFM"), st.one_of(st.none(), st.integers(0, 70)),
    st.sets(st.sampled_from([m.value for m in Modus][:3]), max_size=2),
    st.sets(st.sampled_from([t.value for t in ExploitationType][:3]), max_size=2),
    st.sampled_from(["ID", "ID", "ID", "MM", "FR"]),
    st.sampled_from(["ID-NB", "ID-NB", "ID-JT", ""])), max_size=60)


def count(residents) -> dict[str, list[list[int]]]:
    counters = {name: Counter(spec) for name, spec in SPECS.items()}
    for sex, age, modus, types, nationality, province in residents:
        born = None if age is None else ADMITTED.replace(year=ADMITTED.year - age)
        counters["admissions_by_age_band"].add(age_band(born, ADMITTED), sex)
        for code in modus:
            counters["admissions_by_modus"].add(code, sex)
        for code in types:
            counters["admissions_by_type_of_exploitation"].add(code, sex)
        counters["admissions_by_citizenship"].add(nationality, sex)
        counters["admissions_by_province_of_origin"].add(province or "Unknown", sex)
    return {name: counter.counts for name, counter in counters.items()}


def view(table):
    rows, columns = len(table.rows), len(GENDERS)
    cells = [[table.value(("cell", r, c)) for c in range(columns)] for r in range(rows)]
    totals = [table.value(("row", r, 0)) for r in range(rows)]
    if not table.additive:
        return cells, totals, None, None
    return cells, totals, [table.value(("column", 0, c)) for c in range(columns)], \
        table.value(GRAND)


def check_published(table, counts, threshold=11):
    truth = small_cells.values_of(counts, table.additive)
    for entry, value in table.values.items():
        if value is not None:
            assert not 0 < value < threshold and value == truth[entry], (table.name, entry)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(shelter=people)
def test_every_table_of_a_generated_shelter_is_safe(shelter):
    counted = count(shelter)
    margin = small_cells.protect_margin(
        [sum(row[c] for row in counted["admissions_by_age_band"]) for c in range(2)])
    linked_lines, linked_hidden, linked_shown = [], [], set()
    for name, counts in counted.items():
        linked = name in ADMISSIONS_BY_ONE_ROW
        table = protect_table(SPECS[name], counts, 11, margin if linked else None)
        check_published(table, counts)
        seen = view(table)
        assert recoverable(table_lines("t", *seen), hidden_names("t", *seen)) == []
        if linked and not table.withheld:
            linked_lines += [[(_shared(name, key), sign) for key, sign in line]
                             for line in table_lines(name, *seen)]
            linked_hidden += [_shared(name, key) for key in hidden_names(name, *seen)]
            linked_shown |= {("margin", *entry[1:]) for entry, value in table.values.items()
                             if entry[0] in ("column", "grand") and value is not None}
    # the three tables of one population read together: their totals by sex are one
    # and the same unknowns, and still nothing hidden can be worked out
    # (a total one table shows is known to a reader of the others)
    linked_hidden = [key for key in dict.fromkeys(linked_hidden) if key not in linked_shown]
    assert recoverable(linked_lines, linked_hidden) == []


def _shared(table: str, key: tuple) -> tuple:
    return ("margin", *key[1:]) if key[1] in ("column", "grand") else key


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(shelters=st.lists(people, min_size=2, max_size=3))
def test_combining_generated_shelters_reveals_nothing(shelters):
    counted = [count(shelter) for shelter in shelters]
    for name in ("admissions_by_age_band", "admissions_by_modus"):
        spec = SPECS[name]
        tables = [protect_table(spec, counts[name], 11) for counts in counted]
        shape = Shape(len(spec.rows), len(GENDERS), spec.additive)
        combined = small_cells.protect_combined(
            shape, [Part(dict(table.values)) for table in tables])
        sums = [[sum(c[name][r][g] for c in counted) for g in range(len(GENDERS))]
                for r in range(len(spec.rows))]
        truth = small_cells.values_of(sums, spec.additive)
        lines, hidden = [], []
        views = [(f"s{n}", view(t)) for n, t in enumerate(tables)]
        sum_view = ([[combined.published(("cell", r, c)) for c in range(len(GENDERS))]
                     for r in range(len(spec.rows))],
                    [combined.published(("row", r, 0)) for r in range(len(spec.rows))],
                    [combined.published(("column", 0, c)) for c in range(len(GENDERS))]
                    if spec.additive else None,
                    combined.published(GRAND) if spec.additive else None)
        for entry in shape.entries():
            value = combined.published(entry)
            assert value is None or (not 0 < value < 11 and value == truth[entry])
        for prefix, seen in [*views, ("sum", sum_view)]:
            lines += table_lines(prefix, *seen)
            hidden += hidden_names(prefix, *seen)
        for kind, r, c in shape.entries():
            lines.append([(("sum", kind, r, c), -1)]
                         + [((prefix, kind, r, c), 1) for prefix, _seen in views])
        exposed = [name for name in recoverable(lines, hidden)
                   if name[0] != "sum" or 0 < truth[name[1:]] < 11]
        assert exposed == []
