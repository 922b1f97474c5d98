"""Reports: gather the figures (permission checked, printing audited) and write them as
PDF, JSON or CSV. Files are written atomically: a full disk leaves no half report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sqlalchemy import and_, func, or_, select

from shelter_app.domain.errors import InputError, StorageError
from shelter_app.domain.models import Bed, BedAssignment, Person, Room, Setting, Stay
from shelter_app.domain.roles import Permission
from shelter_app.i18n import _, in_language
from shelter_app.reports import occupancy as occupancy_report
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.settings import SettingKey, shelter_name
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage.atomic import atomic_write

FORMATS = ("pdf", "json", "csv")
MAX_DAYS = 366 * 5


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date


def period(first: dt.date | None, last: dt.date | None) -> Period:
    if first is None or last is None:
        raise InputError(_("Enter the first and the last day of the period."), "from")
    if last < first:
        raise InputError(_("The period ends before it starts."), "to")
    if (last - first).days + 1 > MAX_DAYS:
        raise InputError(_("A report covers at most five years."), "to")
    return Period(first, last)


def parse_day(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(_("Write the date as YYYY-MM-DD, for example 2026-11-01."),
                         field) from None


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


def _letterhead(workspace: Workspace) -> tuple[str, str]:
    with workspace.session() as session:
        zone = session.scalar(select(Setting.value).where(
            Setting.key == SettingKey.TIME_ZONE.value)) or "Asia/Jakarta"
        return shelter_name(session), zone


def render_as(workspace: Workspace, report, fmt: str, language: str | None, *, to_json,
              to_csv, render_pdf) -> bytes:
    """Any report as PDF, JSON or CSV, in the language asked for, with the letterhead."""
    if fmt not in FORMATS:
        raise InputError(_("The format is one of: {formats}.").format(
            formats=", ".join(FORMATS)), "format")
    name, zone = _letterhead(workspace)
    with in_language(language):
        if fmt == "json":
            return to_json(report).encode()
        if fmt == "csv":
            return to_csv(report).encode()
        return render_pdf(report, shelter_name=name, made_at=workspace.clock(),
                          made_by=workspace.user.username, time_zone=zone)


@dataclass(frozen=True)
class ReportOutput:
    """Rendering, printing and saving for a report whose module has to_json, to_csv and
    render_pdf; `audit_name` says what the audit log records."""

    module: ModuleType
    gather: Callable  # (workspace, period) -> report
    audit_name: str

    def render(self, workspace: Workspace, report, fmt: str,
               language: str | None = None) -> bytes:
        return render_as(workspace, report, fmt, language, to_json=self.module.to_json,
                         to_csv=self.module.to_csv, render_pdf=self.module.render_pdf)

    def pdf(self, workspace: Workspace, wanted: Period, language: str | None = None) -> bytes:
        """The report for a period as the PDF that is previewed and printed."""
        return self.render(workspace, self.gather(workspace, wanted), "pdf", language)

    def write(self, workspace: Workspace, wanted: Period, path: Path, fmt: str,
              language: str | None = None):
        report = self.gather(workspace, wanted)
        save(workspace, path, self.render(workspace, report, fmt, language), self.audit_name)
        return report


def render_occupancy(workspace: Workspace, report: occupancy_report.Occupancy, fmt: str,
                     language: str | None = None) -> bytes:
    from shelter_app.reports import occupancy_pdf

    return render_as(workspace, report, fmt, language, to_json=occupancy_report.to_json,
                     to_csv=occupancy_report.to_csv, render_pdf=occupancy_pdf.render_pdf)


def occupancy_as_pdf(workspace: Workspace, wanted: Period,
                     language: str | None = None) -> bytes:
    """The occupancy report for a period as the PDF that is previewed and printed."""
    return render_occupancy(workspace, occupancy(workspace, wanted), "pdf", language)


def save(workspace: Workspace, path: Path, data: bytes, what: str) -> None:
    """Write a report or export and audit it; nothing is left half-written."""
    try:
        atomic_write(Path(path), data)
    except OSError as error:
        raise StorageError(_("The file could not be written ({reason}). Nothing was "
                             "saved.").format(reason=error.strerror or type(error).__name__)
                           ) from None
    with workspace.session() as session:
        workspace.audit(session, audit.Action.PRINT if what.startswith("report")
                        else audit.Action.EXPORT, what, "")


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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STAY_COLUMNS)
    for stay_id, case, sex, born, estimated, admitted, discharged, reason, room in rows:
        writer.writerow([stay_id, case, sex, born.isoformat() if born else "",
                         "1" if estimated else "0", admitted.isoformat(),
                         discharged.isoformat() if discharged else "", reason, room or ""])
    save(workspace, path, out.getvalue().encode("utf-8"), "export_stays")
    return len(rows)

