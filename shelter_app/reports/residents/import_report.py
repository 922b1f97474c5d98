"""The written record of a register import: each row of the register -> the new case
number, its stays and bed, or why it was skipped. No names: it is kept on paper or in a
folder, so it says only what the case numbers already say."""

from __future__ import annotations

import datetime as dt
import io
import json

from reportlab.lib.units import mm

from shelter_app.i18n import _
from shelter_app.reports.shared import layout
from shelter_app.reports.shared.spreadsheet import csv_writer

CSV_COLUMNS = ("rows", "register_no", "case_number", "stays", "contacts", "bed", "status")


def _rows_text(rows) -> str:
    return ", ".join(str(r) for r in rows)


def _numbers_text(plan, rows) -> str:
    return ", ".join(plan.register_numbers.get(r, "") for r in rows
                     if plan.register_numbers.get(r))


def _lines(imported) -> list[tuple[tuple, list[str]]]:
    plan = imported.plan
    found = [(p.rows, [_rows_text(p.rows), _numbers_text(plan, p.rows), p.case_number,
                       str(p.stays), str(p.contacts), p.bed, _("imported")])
             for p in imported.people]
    found += [(d.rows, [_rows_text(d.rows), _numbers_text(plan, d.rows), "", "", "", "",
                        _("skipped: may be case {case} already on record").format(
                            case=d.case_number)]) for d in plan.on_record]
    return sorted(found, key=lambda line: line[0])


def lines(imported) -> list[list[str]]:
    """One line per person of the register: imported, or skipped (and why); the rows as
    the spreadsheet numbers them and the register's own "No" (when it has that column)."""
    return [line for _rows, line in _lines(imported)]


def _pdf_lines(imported) -> list[list[str]]:
    """The rows as "6 (No 5)", as the import page and the command line show them."""
    return [[imported.plan.rows_label(rows), *line[2:]] for rows, line in _lines(imported)]


def summary(plan) -> list[list[str]]:
    return [[_("Rows read"), str(plan.data_rows)], [_("Persons created"), str(plan.persons)],
            [_("Stays"), str(plan.stays)], [_("Contacts"), str(plan.contacts)],
            [_("Present in the shelter today (no date of discharge)"), str(plan.present)],
            [_("Beds given"), str(plan.beds)],
            [_("Skipped (may be on record already)"), str(len(plan.on_record))]]


def to_csv(imported) -> str:
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(CSV_COLUMNS)
    writer.writerows(lines(imported))
    return out.getvalue()


def to_json(imported) -> str:
    return json.dumps({"summary": dict(summary(imported.plan)),
                       "rows": [dict(zip(CSV_COLUMNS, line, strict=True))
                                for line in lines(imported)]}, ensure_ascii=False, indent=2)


def render_pdf(imported, *, shelter_name: str, made_at: dt.datetime, made_by: str,
               time_zone: str) -> bytes:
    style = layout.styles()
    story = [layout.paragraph(_("Register import"), style["title"]),
             layout.paragraph(_("What came in from the old register, row by row. Names "
                                "are left out on purpose: the case numbers lead to the "
                                "records."), style["body"]),
             layout.paragraph(_("Totals"), style["heading"]),
             layout.table([[_("Figure"), _("Value")], *summary(imported.plan)],
                          [95 * mm, 40 * mm]),
             layout.paragraph(_("Row by row"), style["heading"])]
    body = _pdf_lines(imported)
    if body:
        story.append(layout.table([[_("Rows"), _("Case number"), _("Stays"), _("Contacts"),
                                    _("Bed"), _("Result")], *body],
                                  [30 * mm, 28 * mm, 13 * mm, 15 * mm, 26 * mm, 58 * mm],
                                  numeric_from=99, font_size=7.5))
    else:
        story.append(layout.paragraph(_("Nobody."), style["body"]))
    return layout.build(story, title=_("Register import"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)
