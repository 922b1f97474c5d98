"""Small-cell protection of a count table and its margins (CTDC's threshold: k = 11).

A table has cells (rows x columns) and the totals published with it: a total per row,
and, when the rows split one population ("additive" tables), a total per column and the
grand total. Every published count from 1 to k-1 is suppressed (primary suppression;
0 is published). Then, while a suppressed entry can still be worked out exactly from
what is published, one more published entry is suppressed (secondary suppression).

"Worked out exactly" is linear algebra: the table's equations (each row's cells add up
to its total, each column's to its total, the totals to the grand total) with the
published values as constants leave a system in the suppressed entries; an unknown is
determined iff its unit vector lies in the row space of that system. That depends only
on WHICH entries are unknown, never on the values, so the values are needed only to
choose what to suppress next. Arithmetic is exact (Fraction): no floating-point rank.

Combining several shelters' exports is the same question on a joint system
(`combined_equations`): every shelter's equations, the combined table's equations, and
"combined entry = the sum of the shelters' entries" for every entry.

Pure Python on purpose: the tables are small (at most ~40 x 10), a sparse Gauss-Jordan
elimination over Fractions takes milliseconds, and numpy's float rank could misjudge.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

CTDC_THRESHOLD = 11

# An entry of a table: ("cell", row, column), ("row", row, 0), ("column", 0, column),
# ("grand", 0, 0). Joint systems put the shelter's index (or COMBINED) in front.
Entry = tuple[str, int, int]
GRAND: Entry = ("grand", 0, 0)
COMBINED = -1


@dataclass(frozen=True)
class Shape:
    rows: int
    columns: int
    additive: bool  # column totals and the grand total are published (rows split people)

    def entries(self) -> list[Entry]:
        found = [("cell", r, c) for r in range(self.rows) for c in range(self.columns)]
        found += [("row", r, 0) for r in range(self.rows)]
        if self.additive:
            found += [("column", 0, c) for c in range(self.columns)] + [GRAND]
        return found


def equations(shape: Shape) -> list[dict[Entry, int]]:
    """Each equation as {entry: coefficient} = 0."""
    found = []
    for r in range(shape.rows):
        line = {("cell", r, c): 1 for c in range(shape.columns)}
        found.append(line | {("row", r, 0): -1})
    if shape.additive:
        for c in range(shape.columns):
            line = {("cell", r, c): 1 for r in range(shape.rows)}
            found.append(line | {("column", 0, c): -1})
        found.append({("row", r, 0): 1 for r in range(shape.rows)} | {GRAND: -1})
        found.append({("column", 0, c): 1 for c in range(shape.columns)} | {GRAND: -1})
    return found


def values_of(counts: Sequence[Sequence[int]], additive: bool) -> dict[Entry, int]:
    """Every entry's value: the cells and the totals worked out from them."""
    shape = Shape(len(counts), len(counts[0]) if counts else 0, additive)
    found: dict[Entry, int] = {}
    for r, line in enumerate(counts):
        for c, value in enumerate(line):
            found["cell", r, c] = value
        found["row", r, 0] = sum(line)
    if additive:
        for c in range(shape.columns):
            found["column", 0, c] = sum(line[c] for line in counts)
        found[GRAND] = sum(sum(line) for line in counts)
    return found


def determined(system: Iterable[dict[Hashable, int]], unknown: set) -> set:
    """The unknowns whose value the system fixes: Gauss-Jordan elimination of the
    system restricted to the unknowns (sparse rows, exact Fractions) keeps the reduced
    row echelon form, in which a unit vector lies in the row space iff it is one of the
    rows."""
    pivots: dict[Hashable, dict[Hashable, Fraction]] = {}
    for equation in system:
        row = {key: Fraction(value) for key, value in equation.items()
               if key in unknown and value}
        for key in [key for key in row if key in pivots]:
            factor = row.get(key)
            if factor:
                for other, value in pivots[key].items():
                    row[other] = row.get(other, 0) - factor * value
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        lead = min(row, key=repr)  # any choice will do; repr keeps it repeatable
        scale = row[lead]
        row = {key: value / scale for key, value in row.items()}
        for other_lead, other in pivots.items():
            factor = other.get(lead)
            if factor:
                for key, value in row.items():
                    other[key] = other.get(key, 0) - factor * value
                pivots[other_lead] = {k: v for k, v in other.items() if v}
        pivots[lead] = row
    return {lead for lead, row in pivots.items() if len(row) == 1}


LOOKAHEAD = 8  # candidates tried for each secondary suppression


def _cost(key, values: dict) -> tuple:
    """Cells before totals (a hidden total costs the reader most), the smallest first."""
    kind = key[1][0] if isinstance(key[1], tuple) else key[0]
    return (kind != "cell", values[key], repr(key))


def pinned(system: Iterable[dict], values: dict, unknown: set, at_least_one: set) -> set:
    """Unknowns a reader pins with bounds rather than algebra. A 0 is never hidden, so a
    hidden count is at least 1: a line whose hidden counts (all added with one sign)
    must come to exactly their number holds only 1s (13 = 11 + ? + ?). Bounds spanning
    several lines are not looked for."""
    found = set()
    for line in system:
        hidden = [key for key in line if key in unknown]
        signs = {line[key] for key in hidden}
        if not hidden or len(signs) != 1 or not set(hidden) <= at_least_one:
            continue
        rest = sum(value * values[key] for key, value in line.items() if key not in unknown)
        if -rest * signs.pop() == len(hidden):
            found.update(hidden)
    return found


def exposed_entries(system: Sequence[dict], values: dict, unknown: set,
                    at_least_one: set) -> set:
    return determined(system, unknown) | pinned(system, values, unknown, at_least_one)


def suppress_until_safe(system: Sequence[dict], values: dict, unknown: set,
                        suppressible: set, at_least_one: set | None = None) -> set | None:
    """Suppress entries of `suppressible` (published ones, by their `values`) until no
    unknown can be worked out; returns the new unknown set. `values` holds every
    published value of the system (to see bounds) and the true values of the
    suppressible entries; `at_least_one`: the unknowns known to be 1 or more (by default
    all). Zeros are never suppressed. None: no choice of `suppressible` entries makes
    it safe (the caller withholds the table).

    Each step looks at the cheapest few candidates on a line through an exposed entry
    and takes the one that leaves the fewest entries exposed: a plain "smallest cell"
    rule hides a whole table where a 2 x 2 rectangle would do."""
    unknown = set(unknown)
    ones = set(unknown) if at_least_one is None else set(at_least_one)
    exposed = exposed_entries(system, values, unknown, ones)
    while exposed:
        published = {key for key in suppressible - unknown if values[key] != 0}
        near = {key for line in system if not exposed.isdisjoint(line) for key in line}
        ranked = sorted(near & published, key=lambda k: _cost(k, values)) or sorted(
            published, key=lambda k: _cost(k, values))
        if not ranked:
            return None
        kind_first = _cost(ranked[0], values)[0]
        tried = [(len(after), position, key, after) for position, key in enumerate(
            [k for k in ranked if _cost(k, values)[0] == kind_first][:LOOKAHEAD])
            for after in [exposed_entries(system, values, unknown | {key}, ones | {key})]]
        _left, _position, choice, exposed = min(tried, key=lambda t: t[:2])
        unknown.add(choice)
        ones.add(choice)
    return unknown


@dataclass(frozen=True)
class Protected:
    """A table as it may be published: `values` of every entry, `suppressed` the
    entries not to publish, `withheld` when nothing of it may be published."""

    shape: Shape
    values: dict[Entry, int]
    suppressed: frozenset[Entry]
    withheld: bool

    def published(self, entry: Entry) -> int | None:
        return None if self.withheld or entry in self.suppressed else self.values[entry]


def _small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def check_threshold(threshold: int) -> int:
    if threshold < CTDC_THRESHOLD:
        raise ValueError("the threshold is never below the CTDC's 11")
    return threshold


def margin_entries(shape: Shape) -> set[Entry]:
    return {("column", 0, c) for c in range(shape.columns)} | {GRAND}


def protect(counts: Sequence[Sequence[int]], additive: bool,
            threshold: int = CTDC_THRESHOLD, margin: frozenset[Entry] | None = None
            ) -> Protected:
    """One shelter's table, protected. `margin`: for tables of one population (the
    admissions by age, by citizenship, by province), the column and grand totals hidden
    in all of them (`protect_margin`); they are then never hidden as complements, or
    one table would publish what another hides."""
    check_threshold(threshold)
    shape = Shape(len(counts), len(counts[0]) if counts else 0, additive)
    values = values_of(counts, additive)
    if additive and _small(values.get(GRAND, 0), threshold):
        return Protected(shape, values, frozenset(shape.entries()), True)
    primary = {entry for entry, value in values.items() if _small(value, threshold)}
    suppressible = set(shape.entries())
    if margin is not None and additive:
        suppressible -= margin_entries(shape)
        primary = (primary - margin_entries(shape)) | set(margin)
    hidden = suppress_until_safe(equations(shape), values, primary, suppressible)
    return _finish(shape, values, hidden)


def _margin_of(one_row: Protected) -> frozenset[Entry]:
    """A 1-row table's hidden entries as the hidden column and grand totals."""
    if one_row.withheld:
        return frozenset(margin_entries(one_row.shape))
    hidden = {("column", 0, c) for c in range(one_row.shape.columns)
              if {("cell", 0, c), ("column", 0, c)} & one_row.suppressed}
    if {("row", 0, 0), GRAND} & one_row.suppressed:
        hidden.add(GRAND)
    return frozenset(hidden)


def protect_margin(column_totals: Sequence[int], threshold: int = CTDC_THRESHOLD
                   ) -> frozenset[Entry]:
    """The column and grand totals of one population to hide in each of its tables."""
    return _margin_of(protect([list(column_totals)], True, threshold))


def _finish(shape: Shape, values: dict[Entry, int], hidden: set | None) -> Protected:
    everything = set(shape.entries())
    if hidden is None:  # it cannot be made safe: nothing of it is published
        return Protected(shape, values, frozenset(everything), True)
    nothing_left = all(values[entry] == 0 for entry in everything - hidden)
    withheld = bool(hidden) and nothing_left
    return Protected(shape, values, frozenset(everything if withheld else hidden), withheld)


def combined_equations(shape: Shape, sources: int) -> list[dict]:
    """The joint system of several shelters' tables of one shape and their sum: keys
    are (source index or COMBINED, entry)."""
    own = equations(shape)
    system = [{(source, key): value for key, value in line.items()}
              for source in (*range(sources), COMBINED) for line in own]
    for entry in shape.entries():
        system.append({(COMBINED, entry): -1} | {(s, entry): 1 for s in range(sources)})
    return system


@dataclass(frozen=True)
class Part:
    """One shelter's table as exported: a published value or None (suppressed)."""

    values: dict[Entry, int | None]
    withheld: bool = False


def protect_combined(shape: Shape, parts: Sequence[Part], threshold: int = CTDC_THRESHOLD,
                     margin: frozenset[Entry] | None = None) -> Protected:
    """The sum of several shelters' tables, protected so that neither the sum's small
    cells nor any entry a shelter suppressed can be worked out from everything
    published (each shelter's export and the sum). `margin` as for `protect`
    (`protect_combined_margin`)."""
    check_threshold(threshold)
    entries = shape.entries()
    values: dict[Entry, int] = {}
    forced: set[Entry] = set()
    for entry in entries:
        found = [part.values.get(entry) for part in parts]
        if any(value is None for value in found):
            forced.add(entry)  # unknown in the sum too
            values[entry] = 0
        else:
            values[entry] = sum(found)
    if shape.additive and GRAND not in forced and _small(values[GRAND], threshold):
        return Protected(shape, values, frozenset(entries), True)
    primary = forced | {entry for entry in entries
                        if entry not in forced and _small(values[entry], threshold)}
    suppressible = {(COMBINED, entry) for entry in entries}
    if margin is not None and shape.additive:
        suppressible -= {(COMBINED, entry) for entry in margin_entries(shape)}
        primary = (primary - margin_entries(shape)) | set(margin) | (
            forced & margin_entries(shape))
    unknown = {(COMBINED, entry) for entry in primary}
    unknown |= {(index, entry) for index, part in enumerate(parts)
                for entry in entries if part.values.get(entry) is None}
    keyed_values = {(COMBINED, entry): values[entry] for entry in entries
                    if entry not in forced}
    keyed_values |= {(index, entry): value for index, part in enumerate(parts)
                     for entry, value in part.values.items() if value is not None}
    # a hidden count is at least 1, except in a withheld table (zeros hidden with it)
    ones = {(index, entry) for index, part in enumerate(parts) if not part.withheld
            for entry in entries if part.values.get(entry) is None}
    ones |= {(COMBINED, entry) for entry in primary
             if entry not in forced or any((index, entry) in ones
                                           for index in range(len(parts)))}
    hidden = suppress_until_safe(combined_equations(shape, len(parts)), keyed_values,
                                 unknown, suppressible, ones)
    result = _finish(shape, values, None if hidden is None else
                     {entry for source, entry in hidden if source == COMBINED})
    if result.withheld:
        return result
    # a cell unknown in some part is never shown as a number, even if it were "0 + ?"
    return Protected(shape, values, result.suppressed | frozenset(forced), False)


def protect_combined_margin(parts: Sequence[Part], columns: int,
                            threshold: int = CTDC_THRESHOLD) -> frozenset[Entry]:
    """`protect_margin` for a sum: `parts` are the shelters' tables of the population
    (their column and grand totals are used)."""
    one_row = []
    for part in parts:
        totals = {("cell", 0, c): part.values.get(("column", 0, c)) for c in range(columns)}
        totals |= {("column", 0, c): part.values.get(("column", 0, c))
                   for c in range(columns)}
        totals |= {("row", 0, 0): part.values.get(GRAND), GRAND: part.values.get(GRAND)}
        one_row.append(Part(totals, part.withheld))
    return _margin_of(protect_combined(Shape(1, columns, True), one_row, threshold))
