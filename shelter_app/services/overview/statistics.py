"""Statistics for the province and the nation: aggregate tables of a period, every one
protected against small cells (domain/small_cells.py) before it leaves this module.

The raw counts never leave: `gather` returns only what may be published. Managers and
administrators export (Permission.EXPORT_DATA); every export is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text

from shelter_app.domain import rules, small_cells
from shelter_app.domain.models import (
    CaseClosure,
    CounsellingSession,
    Person,
    Referral,
    SessionParticipant,
    Stay,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import (
    ClosureKind,
    DischargeReason,
    ExploitationType,
    Modus,
    ServiceDomain,
    SessionKind,
    SessionStatus,
)
from shelter_app.i18n import places
from shelter_app.reports.overview.statistics_pdf import Statistics, StatisticsTable
from shelter_app.services.shared import audit
from shelter_app.services.shared.reporting import Period
from shelter_app.services.shared.settings import shelter_zone, statistics_setup
from shelter_app.services.shared.workspace import Workspace

GENDERS = ("Feminine", "Masculine")  # HTCDS 2.0 prs_Gender, for the stored sex F / M
GENDER_OF_SEX = {"F": 0, "M": 1}
# The CTDC's age bands (ageBroad), by age on the admission day.
AGE_BANDS = (("0-8", 0, 8), ("9-17", 9, 17), ("18-20", 18, 20), ("21-23", 21, 23),
             ("24-26", 24, 26), ("27-29", 27, 29), ("30-38", 30, 38), ("39-47", 39, 47),
             ("48+", 48, 200))
UNKNOWN, OTHER = "Unknown", "Other"
# A fixed list of rows, so that a row's presence never tells that someone of a rare
# citizenship was there: Indonesia, the neighbours whose citizens Indonesian shelters
# receive (fishing boats, scam compounds), the rest pooled.
CITIZENSHIPS = ("ID", "MM", "KH", "TH", "LA", "VN", "PH", "TL", "MY", "CN", OTHER, UNKNOWN)
SERVICES = ("provision_days", "provision_items", "counselling_individual",
            "counselling_group", "counselling_family")


@dataclass(frozen=True)
class TableSpec:
    name: str
    row_field: str
    rows: tuple[str, ...]
    additive: bool  # each person (or event) falls in exactly one row


def table_specs() -> tuple[TableSpec, ...]:
    # by name, as printed (places.provinces() is sorted by name; the names are Indonesian
    # in every language): Aceh, Bali, … not the ISO codes' order. Files are read back and
    # combined by code, so the order is only for people.
    provinces = tuple(code for code, _name in places.provinces())
    return (
        TableSpec("admissions_by_age_band", "age_band",
                  tuple(band for band, _low, _high in AGE_BANDS) + (UNKNOWN,), True),
        TableSpec("admissions_by_modus", "modus", tuple(m.value for m in Modus), False),
        TableSpec("admissions_by_type_of_exploitation", "type_of_exploitation",
                  tuple(t.value for t in ExploitationType), False),
        TableSpec("admissions_by_citizenship", "citizenship", CITIZENSHIPS, True),
        TableSpec("admissions_by_province_of_origin", "province_of_origin",
                  provinces + (UNKNOWN,), True),
        TableSpec("services_given", "service", SERVICES, False),
        TableSpec("referrals_by_service", "service", tuple(d.value for d in ServiceDomain),
                  True),
        TableSpec("discharges_by_reason", "discharge_reason",
                  tuple(r.value for r in DischargeReason) + (UNKNOWN,), True),
        TableSpec("cases_closed", "case_status", ("closed",), True),
    )


def age_band(born: dt.date | None, admitted: dt.date) -> str:
    if born is None:
        return UNKNOWN
    age = rules.age_on(born, admitted)
    return next((band for band, low, high in AGE_BANDS if low <= age <= high), UNKNOWN)


class Counter:
    """Counts of one table by (row code, sex)."""

    def __init__(self, spec: TableSpec):
        self.spec = spec
        self.index = {code: n for n, code in enumerate(spec.rows)}
        self.counts = [[0] * len(GENDERS) for _ in spec.rows]

    def add(self, code: str, sex: str, amount: int = 1) -> None:
        """A code outside the table's rows counts as Other, else as Unknown (a table of
        a closed vocabulary has neither: its codes were checked when recorded)."""
        row = self.index.get(code)
        if row is None:
            row = self.index.get(OTHER, self.index.get(UNKNOWN))
        if row is not None and sex in GENDER_OF_SEX:
            self.counts[row][GENDER_OF_SEX[sex]] += amount


# Tables of one population (each person admitted in one row of each): they share their
# totals by sex and grand total, so those are hidden alike in all three.
ADMISSIONS_BY_ONE_ROW = ("admissions_by_age_band", "admissions_by_citizenship",
                         "admissions_by_province_of_origin")


def protect_table(spec: TableSpec, counts: Sequence[Sequence[int]], threshold: int,
                  margin: frozenset | None = None) -> StatisticsTable:
    protected = small_cells.protect(counts, spec.additive, threshold, margin)
    values = {entry: protected.published(entry) for entry in protected.shape.entries()}
    return StatisticsTable(spec.name, spec.row_field, spec.rows, GENDERS, spec.additive,
                           protected.withheld, values)


# Days with something given and the items given, by the resident's sex: distinct
# (stay, day) pairs come from the one-line-per-item-a-day index.
_PROVISIONS = text("""
SELECT per.sex, count(*), sum(d.items)
FROM (SELECT stay_id, day, sum(quantity) AS items FROM provisions
      WHERE day >= :first AND day <= :last GROUP BY stay_id, day) AS d
JOIN stays AS st ON st.id = d.stay_id JOIN persons AS per ON per.id = st.person_id
GROUP BY per.sex
""")
# SQLite reads the pairs from that index only when told (a third quicker over five years)
_PROVISIONS_FILE = text(_PROVISIONS.text.replace(
    "FROM provisions", "FROM provisions INDEXED BY one_line_per_item_a_day"))


def _admissions(session, wanted: Period, counters: dict[str, Counter]) -> None:
    first_stays: dict[int, tuple] = {}
    for row in session.execute(
            select(Person.id, Person.sex, Person.birth_date, Person.modus,
                   Person.exploitation_types, Person.nationality, Person.province,
                   Stay.admission_date)
            .join(Stay, Stay.person_id == Person.id)
            .where(Stay.admission_date >= wanted.first, Stay.admission_date <= wanted.last)
            .order_by(Stay.admission_date)):
        first_stays.setdefault(row[0], row)  # a person admitted twice counts once
    for _pid, sex, born, modus, types, nationality, province, admitted in (
            first_stays.values()):
        counters["admissions_by_age_band"].add(age_band(born, admitted), sex)
        for code in Modus.parse_many(modus):
            counters["admissions_by_modus"].add(code.value, sex)
        for code in ExploitationType.parse_many(types):
            counters["admissions_by_type_of_exploitation"].add(code.value, sex)
        counters["admissions_by_citizenship"].add(nationality or UNKNOWN, sex)
        counters["admissions_by_province_of_origin"].add(province or UNKNOWN, sex)


def _services(session, wanted: Period, counters: dict[str, Counter]) -> None:
    services = counters["services_given"]
    bounds = {"first": wanted.first.isoformat(), "last": wanted.last.isoformat()}
    query = _PROVISIONS_FILE
    if session.bind.dialect.name == "postgresql":
        bounds, query = {"first": wanted.first, "last": wanted.last}, _PROVISIONS
    for sex, days, items in session.execute(query, bounds):
        services.add("provision_days", sex, int(days))
        services.add("provision_items", sex, int(items or 0))
    zone = shelter_zone(session)
    start = dt.datetime.combine(wanted.first, dt.time(), zone)
    end = dt.datetime.combine(wanted.last + dt.timedelta(days=1), dt.time(), zone)
    for kind, sex in session.execute(
            select(CounsellingSession.kind, Person.sex)
            .join(SessionParticipant, SessionParticipant.session_id == CounsellingSession.id)
            .join(Person, Person.id == SessionParticipant.person_id)
            .where(CounsellingSession.starts_at >= start, CounsellingSession.starts_at < end,
                   CounsellingSession.status == SessionStatus.HELD.value,
                   SessionParticipant.attended.is_(True))):
        if kind in {k.value for k in SessionKind}:
            services.add(f"counselling_{kind}", sex)
    for domain, sex in session.execute(
            select(Referral.domain, Person.sex).join(Person, Person.id == Referral.person_id)
            .where(Referral.created_on >= wanted.first, Referral.created_on <= wanted.last,
                   Referral.status.not_in(("draft", "cancelled")))):
        counters["referrals_by_service"].add(domain, sex)


def _endings(session, wanted: Period, counters: dict[str, Counter]) -> None:
    for reason, sex in session.execute(
            select(Stay.discharge_reason, Person.sex).join(Person, Person.id == Stay.person_id)
            .where(Stay.discharge_date >= wanted.first, Stay.discharge_date <= wanted.last)):
        counters["discharges_by_reason"].add(reason or UNKNOWN, sex)
    closed = session.execute(
        select(CaseClosure.person_id, Person.sex).join(Person, Person.id == CaseClosure.person_id)
        .where(CaseClosure.kind == ClosureKind.CLOSED.value, CaseClosure.on >= wanted.first,
               CaseClosure.on <= wanted.last)).all()
    for _pid, sex in set(closed):  # closed, reopened and closed again: one case
        counters["cases_closed"].add("closed", sex)


def count_tables(workspace: Workspace, wanted: Period) -> dict[str, list[list[int]]]:
    """The raw counts of every table (for the protection and its tests only)."""
    counters = {spec.name: Counter(spec) for spec in table_specs()}
    with workspace.reading() as session:
        _admissions(session, wanted, counters)
        _services(session, wanted, counters)
        _endings(session, wanted, counters)
    return {name: counter.counts for name, counter in counters.items()}


def gather(workspace: Workspace, wanted: Period) -> Statistics:
    """The protected tables of a period, with the threshold in force."""
    workspace.require(Permission.EXPORT_DATA)
    with workspace.session() as session:
        threshold, province = statistics_setup(session)
    counts = count_tables(workspace, wanted)
    by_sex = [sum(row[c] for row in counts[ADMISSIONS_BY_ONE_ROW[0]])
              for c in range(len(GENDERS))]
    margin = small_cells.protect_margin(by_sex, threshold)
    tables = tuple(protect_table(spec, counts[spec.name], threshold,
                                 margin if spec.name in ADMISSIONS_BY_ONE_ROW else None)
                   for spec in table_specs())
    return Statistics(wanted.first, wanted.last, province, threshold, tables)


def setup(workspace: Workspace) -> tuple[int, str]:
    """The threshold in force and the province code the statistics' files will name
    ("" when not set yet): shown in the statistics panel, which tells where an
    administrator sets the province."""
    workspace.require(Permission.EXPORT_DATA)
    with workspace.session() as session:
        return statistics_setup(session)


def _rendered(workspace: Workspace, wanted: Period, fmt: str,
              language: str | None) -> tuple[Statistics, bytes]:
    from shelter_app.services.overview import statistics_files

    statistics = gather(workspace, wanted)
    with workspace.session() as session:
        zone = str(shelter_zone(session))
    return statistics, statistics_files.render(
        statistics, fmt, language, made_at=workspace.clock(), made_by=workspace.user.shown,
        time_zone=zone)


def _audit(workspace: Workspace, action: audit.Action, wanted: Period) -> None:
    with workspace.session() as session:
        workspace.audit(session, action, "statistics", f"{wanted.first}..{wanted.last}")


def export(workspace: Workspace, wanted: Period, path: Path, fmt: str,
           language: str | None = None) -> Statistics:
    """Write the protected statistics as JSON, CSV or PDF; audited (one event)."""
    from shelter_app.services.overview import statistics_files

    statistics, data = _rendered(workspace, wanted, fmt, language)
    statistics_files.save_file(path, data)
    _audit(workspace, audit.Action.STATS_EXPORT, wanted)
    return statistics


def pdf(workspace: Workspace, wanted: Period, language: str | None = None) -> bytes:
    """The statistics' PDF for the print preview (nothing is written or audited yet)."""
    return _rendered(workspace, wanted, "pdf", language)[1]


def record_printed(workspace: Workspace, wanted: Period) -> None:
    """The previewed statistics went to a printer: audited."""
    workspace.require(Permission.EXPORT_DATA)
    _audit(workspace, audit.Action.PRINT, wanted)


def save_pdf(workspace: Workspace, wanted: Period, path: Path, data: bytes) -> None:
    """The previewed PDF (the very bytes) saved from the preview: audited as an export."""
    from shelter_app.services.overview import statistics_files

    workspace.require(Permission.EXPORT_DATA)
    statistics_files.save_file(path, data)
    _audit(workspace, audit.Action.STATS_EXPORT, wanted)
