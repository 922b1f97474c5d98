"""Reports: each area gathers its own figures (permission checked, printing audited);
here are the period a report covers, its formats, and writing it as PDF, JSON or CSV.
Files are written atomically: a full disk leaves no half report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sqlalchemy import select

from shelter_app.domain.errors import InputError, StorageError
from shelter_app.domain.models import Setting
from shelter_app.i18n import _, in_language
from shelter_app.services.shared import audit
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
                          made_by=workspace.user.shown, time_zone=zone)


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


def write_file(path: Path, data: bytes) -> None:
    """The whole file or, on a full disk or a refusal, none of it and one message."""
    try:
        atomic_write(Path(path), data)
    except OSError as error:
        raise StorageError(_("The file could not be written ({reason}). Nothing was "
                             "saved.").format(reason=error.strerror or type(error).__name__)
                           ) from None


def save(workspace: Workspace, path: Path, data: bytes, what: str) -> None:
    """Write a report or export and audit it; nothing is left half-written."""
    write_file(path, data)
    with workspace.session() as session:
        workspace.audit(session, audit.Action.PRINT if what.startswith("report")
                        else audit.Action.EXPORT, what, "")
