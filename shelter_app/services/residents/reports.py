"""The occupancy report and the stays export: gathered here (permission checked, printing
audited), counted in reports/residents/occupancy.py and drawn in
reports/residents/occupancy_pdf.py."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import and_, func, or_, select

from shelter_app.domain.models import Bed, BedAssignment, Person, Room, Stay
from shelter_app.domain.roles import Permission
from shelter_app.reports.residents import occupancy as occupancy_report
from shelter_app.reports.shared.spreadsheet import csv_writer
from shelter_app.services.shared import identity
from shelter_app.services.shared.reporting import Period, render_as, save
from shelter_app.services.shared.workspace import Workspace


def occupancy(workspace: Workspace, wanted: Period) -> occupancy_report.Occupancy:
    workspace.require(Permission.PRINT_REPORTS)
    with workspace.session() as session:
        beds = session.scalar(select(func.count(Bed.id))) or 0
        last_bed = (select(BedAssignment.stay_id, func.max(BedAssignment.id).label("id"))
                    .group_by(BedAssignment.stay_id).subquery())
        rows = session.execute(
            select(Stay.id, Person.case_number, Person.full_name, Person.hidden_identity,
                   Person.pseudonym, Person.sex, Person.birth_date, Stay.admission_date,
                   Stay.discharge_date, Room.name)
            .join(Person, Person.id == Stay.person_id)
            .outerjoin(last_bed, last_bed.c.stay_id == Stay.id)
            .outerjoin(BedAssignment, BedAssignment.id == last_bed.c.id)
            .outerjoin(Bed, Bed.id == BedAssignment.bed_id)
            .outerjoin(Room, Room.id == Bed.room_id)
            .where(Stay.admission_date <= wanted.last,
                   or_(Stay.discharge_date.is_(None), Stay.discharge_date >= wanted.first),
                   Person.birth_date.is_not(None)))
        facts = [occupancy_report.StayFact(
            stay_id, case, identity.list_label(workspace, name, hidden, pseudonym), sex,
            born, admitted, discharged, room or "")
            for (stay_id, case, name, hidden, pseudonym, sex, born, admitted, discharged,
                 room) in rows]
    return occupancy_report.compute(facts, wanted.first, wanted.last, beds)


def render_occupancy(workspace: Workspace, report: occupancy_report.Occupancy, fmt: str,
                     language: str | None = None) -> bytes:
    from shelter_app.reports.residents import occupancy_pdf

    return render_as(workspace, report, fmt, language, to_json=occupancy_report.to_json,
                     to_csv=occupancy_report.to_csv, render_pdf=occupancy_pdf.render_pdf)


def occupancy_as_pdf(workspace: Workspace, wanted: Period,
                     language: str | None = None) -> bytes:
    """The occupancy report for a period as the PDF that is previewed and printed."""
    return render_occupancy(workspace, occupancy(workspace, wanted), "pdf", language)


def write_occupancy(workspace: Workspace, wanted: Period, path: Path, fmt: str,
                    language: str | None = None) -> occupancy_report.Occupancy:
    report = occupancy(workspace, wanted)
    save(workspace, path, render_occupancy(workspace, report, fmt, language),
         "report_occupancy")
    return report


STAY_COLUMNS = ("stay_id", "case_number", "sex", "birth_date", "birth_date_estimated",
                "admission_date", "discharge_date", "discharge_reason", "room")


def export_stays(workspace: Workspace, path: Path) -> int:
    """Every stay, one row each, without names (for the shelter's own statistics)."""
    workspace.require(Permission.EXPORT_DATA)
    with workspace.session() as session:
        last_bed = (select(BedAssignment.stay_id, func.max(BedAssignment.id).label("id"))
                    .group_by(BedAssignment.stay_id).subquery())
        rows = session.execute(
            select(Stay.id, Person.case_number, Person.sex, Person.birth_date,
                   Person.birth_date_estimated, Stay.admission_date, Stay.discharge_date,
                   Stay.discharge_reason, Room.name)
            .join(Person, Person.id == Stay.person_id)
            .outerjoin(last_bed, last_bed.c.stay_id == Stay.id)
            .outerjoin(BedAssignment, and_(BedAssignment.id == last_bed.c.id))
            .outerjoin(Bed, Bed.id == BedAssignment.bed_id)
            .outerjoin(Room, Room.id == Bed.room_id).order_by(Stay.id)).all()
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(STAY_COLUMNS)
    for stay_id, case, sex, born, estimated, admitted, discharged, reason, room in rows:
        writer.writerow([stay_id, case, sex, born.isoformat() if born else "",
                         "1" if estimated else "0", admitted.isoformat(),
                         discharged.isoformat() if discharged else "", reason, room or ""])
    save(workspace, path, out.getvalue().encode("utf-8"), "export_stays")
    return len(rows)
