"""An independent check of what a reader can work out from published tables, written
apart from the code it checks (shelter_app/domain/small_cells.py):

- the equations are built here from the published numbers themselves (each row's cells
  add up to its total, ...), not from small_cells.equations;
- an unknown is recoverable iff every vector of the system's null space (dense,
  Fractions) is 0 there: another table fitting everything published exists otherwise.
  The code reads unit rows of a sparse reduced echelon form instead.
"""

from __future__ import annotations

from fractions import Fraction


def null_space(matrix: list[list[Fraction]], columns: int) -> list[list[Fraction]]:
    """A basis of {z : matrix z = 0}, by dense Gauss-Jordan elimination."""
    rows = [list(row) for row in matrix]
    pivot_of: dict[int, int] = {}  # pivot column -> its row
    found = 0
    for column in range(columns):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        lead = rows[found][column]
        rows[found] = [value / lead for value in rows[found]]
        for r in range(len(rows)):
            if r != found and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        pivot_of[column] = found
        found += 1
    basis = []
    for free in (c for c in range(columns) if c not in pivot_of):
        vector = [Fraction(0)] * columns
        vector[free] = Fraction(1)
        for column, row in pivot_of.items():
            vector[column] = -rows[row][free]
        basis.append(vector)
    return basis


def recoverable(lines: list[list[tuple[object, int]]], unknowns: list) -> list:
    """`lines`: each equation as [(name, coefficient)] summing to a known constant once
    the published values are moved across. An unknown can be computed iff every solution
    of the homogeneous system leaves it at 0 (else adding that solution to the true
    values gives another table that fits everything published)."""
    index = {name: n for n, name in enumerate(unknowns)}
    matrix = []
    for line in lines:
        row = [Fraction(0)] * len(unknowns)
        for name, coefficient in line:
            if name in index:
                row[index[name]] += coefficient
        if any(row):
            matrix.append(row)
    basis = null_space(matrix, len(unknowns))
    return [name for n, name in enumerate(unknowns) if all(z[n] == 0 for z in basis)]


def table_lines(prefix, cells, row_totals, column_totals=None, grand=None):
    """The equations a reader writes down for one table: names are (prefix, what, r, c);
    `cells` etc. hold published values or None."""
    lines = []
    for r, row in enumerate(cells):
        lines.append([((prefix, "cell", r, c), 1) for c in range(len(row))]
                     + [((prefix, "row", r, 0), -1)])
    if column_totals is not None:
        for c in range(len(cells[0])):
            lines.append([((prefix, "cell", r, c), 1) for r in range(len(cells))]
                         + [((prefix, "column", 0, c), -1)])
        lines.append([((prefix, "row", r, 0), 1) for r in range(len(cells))]
                     + [((prefix, "grand", 0, 0), -1)])
        lines.append([((prefix, "column", 0, c), 1) for c in range(len(cells[0]))]
                     + [((prefix, "grand", 0, 0), -1)])
    return lines


def hidden_names(prefix, cells, row_totals, column_totals=None, grand=None) -> list:
    names = [(prefix, "cell", r, c) for r, row in enumerate(cells)
             for c, value in enumerate(row) if value is None]
    names += [(prefix, "row", r, 0) for r, value in enumerate(row_totals) if value is None]
    if column_totals is not None:
        names += [(prefix, "column", 0, c) for c, v in enumerate(column_totals) if v is None]
        if grand is None:
            names.append((prefix, "grand", 0, 0))
    return names


def pinned_by_one_line(lines, known: dict, hidden: list) -> list:
    """Hidden counts (each at least 1, as 0 is never hidden) that one equation pins to 1:
    its hidden entries, added with one sign, must come to exactly their number."""
    found = []
    for line in lines:
        unknown = [(name, sign) for name, sign in line if name in hidden]
        if not unknown or len({sign for _n, sign in unknown}) != 1:
            continue
        rest = sum(sign * known[name] for name, sign in line if name not in hidden)
        if -rest * unknown[0][1] == len(unknown):
            found += [name for name, _sign in unknown]
    return found
