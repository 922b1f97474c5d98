"""The provision report, the provisions export and the receipt (tanda terima): the
figures are summed in SQL, so a year of a million lines stays quick."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from sqlalchemy import select, text

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Person, Provision, ProvisionItem, Stay
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import Window
from shelter_app.i18n import _, in_language
from shelter_app.reports.provisions import report as provision_report
from shelter_app.reports.shared.spreadsheet import csv_writer
from shelter_app.services.shared import identity
from shelter_app.services.shared.reporting import Period, ReportOutput, _letterhead, save
from shelter_app.services.shared.workspace import Workspace

# One pass over the period's lines, summed by stay, item, stage and flag (a sort of the
# period's lines is the whole cost). The age group of a line depends on its day, but it
# changes only on an 18th or 60th birthday: stays whose birthday falls inside the
# period are split with a small indexed query of their own (see _age_split).
_SUMS = text("""
SELECT p.stay_id, i.category, p.stage, p.flagged,
       sum(p.quantity * p.unit_cost_idr), sum(p.quantity), count(*)
FROM provisions AS p JOIN provision_items AS i ON i.id = p.item_id
WHERE +p.day >= :first AND +p.day <= :last
GROUP BY p.stay_id, p.item_id, p.stage, p.flagged
""")
_STAY_COST_BETWEEN = text("""
SELECT coalesce(sum(quantity * unit_cost_idr), 0) FROM provisions
WHERE stay_id = :stay AND day >= :first AND day <= :last
""")
# Days with anything given, per stay and stage: distinct (stay, day) pairs come from the
# (stay, day, item) index alone; the stage boundaries (day 8 and day 15 of the stay, as
# rules.window puts them) are worked out once per stay.
_DAYS = text("""
WITH bounds AS MATERIALIZED (
    SELECT id AS stay_id, date(admission_date, '+7 days') AS stage_two_from,
           date(admission_date, '+14 days') AS extension_from FROM stays)
SELECT d.stay_id,
       sum(d.day < b.stage_two_from),
       sum(d.day >= b.stage_two_from AND d.day < b.extension_from),
       sum(d.day >= b.extension_from)
FROM (SELECT stay_id, day FROM provisions INDEXED BY one_line_per_item_a_day
      WHERE day >= :first AND day <= :last GROUP BY stay_id, day) AS d
JOIN bounds AS b ON b.stay_id = d.stay_id
GROUP BY d.stay_id
""")
# The same two questions for PostgreSQL, whose planner needs no hints (SQLite's unary
# plus and INDEXED BY) and which adds days to dates and counts with FILTER.
_SUMS_SERVER = text(_SUMS.text.replace("+p.day", "p.day").replace(
    "GROUP BY p.stay_id, p.item_id,", "GROUP BY p.stay_id, p.item_id, i.category,"))
_DAYS_SERVER = text("""
WITH bounds AS MATERIALIZED (
    SELECT id AS stay_id, admission_date + 7 AS stage_two_from,
           admission_date + 14 AS extension_from FROM stays)
SELECT d.stay_id,
       count(*) FILTER (WHERE d.day < b.stage_two_from),
       count(*) FILTER (WHERE d.day >= b.stage_two_from AND d.day < b.extension_from),
       count(*) FILTER (WHERE d.day >= b.extension_from)
FROM (SELECT stay_id, day FROM provisions
      WHERE day >= :first AND day <= :last GROUP BY stay_id, day) AS d
JOIN bounds AS b ON b.stay_id = d.stay_id
GROUP BY d.stay_id
""")


def _for(session, file_query, server_query):
    return server_query if session.bind.dialect.name == "postgresql" else file_query



def _age_split(session, stay_id: int, born: dt.date, cost: int, wanted: Period):
    """[(age group, cost)] of one stay's lines in the period, by the age on each day."""
    spans = rules.age_group_spans(born, wanted.first, wanted.last)
    if len(spans) == 1:
        return [(spans[0][0].value, cost)]
    return [(group.value, int(session.execute(_STAY_COST_BETWEEN, {
        "stay": stay_id, "first": start.isoformat(), "last": end.isoformat()}).scalar()))
        for group, start, end in spans]


def _add(table: dict, key, cost: int, quantity: int) -> None:
    old_cost, old_quantity = table.get(key, (0, 0))
    table[key] = (old_cost + cost, old_quantity + quantity)


def gather(workspace: Workspace, wanted: Period) -> provision_report.ProvisionReport:
    workspace.require(Permission.PRINT_REPORTS)
    bounds = {"first": wanted.first.isoformat(), "last": wanted.last.isoformat()}
    by_stage: dict = {}
    by_category: dict = {}
    by_sex_age: dict = {}
    per_stay: dict[int, list] = {}
    totals = [0, 0, 0, 0]  # cost, quantity, flagged lines, flagged cost
    with workspace.session() as session:
        for stay_id, category, stage, flagged, cost, quantity, count in (
                session.execute(_for(session, _SUMS, _SUMS_SERVER), bounds)):
            cost, quantity = int(cost), int(quantity)
            totals[0] += cost
            totals[1] += quantity
            _add(by_stage, stage, cost, quantity)
            _add(by_category, category, cost, quantity)
            line = per_stay.setdefault(stay_id, [0, 0, 0])
            line[0] += cost
            if flagged:
                totals[2] += count
                totals[3] += cost
                line[1] += count
                line[2] += cost
        days = {stay_id: {Window.STAGE_ONE: one, Window.STAGE_TWO: two,
                          Window.EXTENSION: extension}
                for stay_id, one, two, extension in session.execute(_for(session, _DAYS, _DAYS_SERVER), bounds)}
        lines = []
        if per_stay:
            for stay_id, case_number, name, hidden, pseudonym, sex, born in session.execute(
                    select(Stay.id, Person.case_number, Person.full_name,
                           Person.hidden_identity, Person.pseudonym, Person.sex,
                           Person.birth_date)
                    .join(Person, Person.id == Stay.person_id)
                    .where(Stay.id.in_(list(per_stay))).order_by(Person.case_number)):
                cost, flagged_lines, flagged_cost = per_stay[stay_id]
                for group, group_cost in _age_split(session, stay_id, born, cost, wanted):
                    by_sex_age[sex, group] = by_sex_age.get((sex, group), 0) + group_cost
                lines.append(provision_report.ResidentLine(
                    stay_id, case_number,
                    identity.list_label(workspace, name, hidden, pseudonym), sex,
                    days.get(stay_id, {}), cost, flagged_lines, flagged_cost))
    return provision_report.ProvisionReport(
        wanted.first, wanted.last, totals[0], totals[1], totals[2], totals[3], by_stage,
        by_category, by_sex_age, lines)


_output = ReportOutput(provision_report, gather, "report_provisions")
render, pdf, write = _output.render, _output.pdf, _output.write


EXPORT_COLUMNS = ("date", "stay_id", "case_number", "item_code", "category", "quantity",
                  "unit_cost_idr", "total_idr", "stage", "flagged")


def export(workspace: Workspace, path: Path) -> int:
    """One row a provision, no names (managers and administrators; audited)."""
    workspace.require(Permission.EXPORT_DATA)
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    with workspace.session() as session:
        for day, stay_id, case_number, code, category, quantity, cost, stage, flagged in (
                session.execute(
                    select(Provision.day, Provision.stay_id, Person.case_number,
                           ProvisionItem.code, ProvisionItem.category, Provision.quantity,
                           Provision.unit_cost_idr, Provision.stage, Provision.flagged)
                    .join(Stay, Stay.id == Provision.stay_id)
                    .join(Person, Person.id == Stay.person_id)
                    .join(ProvisionItem, ProvisionItem.id == Provision.item_id)
                    .order_by(Provision.day, Provision.stay_id, ProvisionItem.code))):
            writer.writerow([day.isoformat(), stay_id, case_number, code, category, quantity,
                             cost, quantity * cost, stage, "1" if flagged else "0"])
            count += 1
    save(workspace, path, out.getvalue().encode("utf-8"), "export_provisions")
    return count


def _receipt_parts(workspace: Workspace, person_id: int, stage: str):
    from shelter_app.services.provisions import rounds
    from shelter_app.services.residents import records

    workspace.require(Permission.PRINT_REPORTS)
    profile = records.profile(workspace, person_id)
    stay = profile.open_stay or (profile.stays[-1] if profile.stays else None)
    lines = [line for line in rounds.of_person(workspace, person_id)[0]
             if line.stage == stage and stay is not None
             and line.day >= stay.admission_date]
    if not lines:
        raise InputError(_("Nothing was given in this stage yet."), "stage")
    return profile, lines


def receipt(workspace: Workspace, person_id: int, stage: str,
            language: str | None = None) -> bytes:
    """The receipt for one resident's provisions in one stage (of their latest stay)."""
    from shelter_app.reports.provisions import receipt as receipt_pdf

    profile, lines = _receipt_parts(workspace, person_id, stage)
    name, zone = _letterhead(workspace)
    with in_language(language):
        return receipt_pdf.render(shelter_name=name, made_at=workspace.clock(),
                                  made_by=workspace.user.shown, time_zone=zone,
                                  case_number=profile.case_number,
                                  shown_name=profile.shown_name, stage=stage, lines=lines)


def save_receipt(workspace: Workspace, path: Path, person_id: int, stage: str,
                 language: str | None = None) -> None:
    save(workspace, path, receipt(workspace, person_id, stage, language), "receipt")
