"""Every table the app writes for a spreadsheet (CSV exports and reports) goes through here,
so that no cell can act as a formula when the file is opened in Excel or LibreOffice.

A room named `=HYPERLINK("http://…","click")` went into the stays export as it was, and a
spreadsheet would have run it (formula injection, OWASP "CSV Injection"). A text cell that
starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with an apostrophe
before it: the spreadsheet shows it as text, with the apostrophe, and runs nothing.

Numbers are written as numbers, untouched, negative ones too: a value the app holds as an
int or a Decimal (a cost, a count) cannot carry a formula, and a spreadsheet must read
`-5000` as minus five thousand to add it up. Only text is neutralised, whatever it looks
like: a text cell `-5` comes from a person typing, not from a sum.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet must take it: text that would start a formula gets an
    apostrophe before it; numbers, dates, None and other text are left as they are.

    A carriage return inside text becomes a line feed: Python's writer quotes a field
    with a line feed but not one with a lone carriage return, which a spreadsheet reads
    as the end of the row, so whatever followed it would start a cell of its own."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


class SafeCsvWriter:
    """csv.writer whose every cell goes through `safe_cell`; the one writer of the app."""

    def __init__(self, out: TextIO):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: TextIO) -> SafeCsvWriter:
    return SafeCsvWriter(out)
