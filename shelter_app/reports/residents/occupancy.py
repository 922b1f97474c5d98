"""The occupancy report (laporan hunian): data in, figures out, then JSON and CSV (the
PDF is drawn in occupancy_pdf.py). The counting rules are in domain/rules.py."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from shelter_app.domain import rules
from shelter_app.domain.vocab import AgeGroup, Sex
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_number, format_period
from shelter_app.reports.shared.spreadsheet import csv_writer

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class StayFact:
    stay_id: int
    case_number: str
    label: str  # initials or pseudonym initials, never a name
    sex: str
    birth_date: dt.date
    admission: dt.date
    discharge: dt.date | None
    room: str = ""


@dataclass
class GroupFigures:
    sex: str
    age_group: str
    resident_days: int = 0
    admissions: int = 0
    discharges: int = 0
    present_start: int = 0
    present_end: int = 0
    ended_nights: list[int] = field(default_factory=list)

    @property
    def average_length_of_stay(self) -> Decimal | None:
        return _average(self.ended_nights)

    def bed_utilisation(self, beds: int, days: int) -> Decimal:
        return _percent(self.resident_days, beds * days)


def _average(values: list[int]) -> Decimal | None:
    """None when nothing ended: no figure, not 0 days (which reads as "left at once")."""
    if not values:
        return None
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.0")
    return (Decimal(part * 100) / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


@dataclass
class Occupancy:
    first: dt.date
    last: dt.date
    beds: int
    daily: list[int]
    admissions: int
    discharges: int
    average_length_of_stay: Decimal | None  # None: no stay ended in the period
    groups: list[GroupFigures]
    present_at_end: list[StayFact] = field(default_factory=list)

    @property
    def present_start(self) -> int:
        return sum(group.present_start for group in self.groups)

    @property
    def present_end(self) -> int:
        return self.daily[-1]

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def resident_days(self) -> int:
        return sum(self.daily)

    @property
    def bed_utilisation(self) -> Decimal:
        return _percent(self.resident_days, self.beds * self.days)

    def dates(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range(self.days)]


def compute(facts: list[StayFact], first: dt.date, last: dt.date, beds: int) -> Occupancy:
    """Every figure of the report from the stays that touch [first, last]. Present at the
    start is the census of the day before the period, so that start + admissions -
    discharges = end: the first day's census already holds that day's movements."""
    days = (last - first).days + 1
    opening_day = first - dt.timedelta(days=1)
    change = [0] * (days + 1)  # +1 where a presence starts, -1 after it ends
    groups = {(sex.value, group.value): GroupFigures(sex.value, group.value)
              for sex in Sex for group in AgeGroup}
    admissions = discharges = 0
    ended_nights: list[int] = []
    for fact in facts:
        span = rules.present_span(fact.admission, fact.discharge, first, last)
        if rules.present_on(fact.admission, fact.discharge, opening_day):
            groups[fact.sex, rules.age_group(fact.birth_date, opening_day).value
                   ].present_start += 1
        if rules.present_on(fact.admission, fact.discharge, last):
            groups[fact.sex, rules.age_group(fact.birth_date, last).value].present_end += 1
        if span is not None:
            change[(span[0] - first).days] += 1
            change[(span[1] - first).days + 1] -= 1
            for group, start, end in rules.age_group_spans(fact.birth_date, *span):
                groups[fact.sex, group.value].resident_days += (end - start).days + 1
        if first <= fact.admission <= last:
            admissions += 1
            groups[fact.sex, rules.age_group(fact.birth_date, fact.admission).value
                   ].admissions += 1
        if fact.discharge is not None and first <= fact.discharge <= last:
            discharges += 1
            stay_nights = rules.nights(fact.admission, fact.discharge)
            ended_nights.append(stay_nights)
            group = groups[fact.sex, rules.age_group(fact.birth_date, fact.discharge).value]
            group.discharges += 1
            group.ended_nights.append(stay_nights)
    daily, running = [], 0
    for step in change[:days]:
        running += step
        daily.append(running)
    average = _average(ended_nights)
    present = sorted((f for f in facts if rules.present_on(f.admission, f.discharge, last)),
                     key=lambda f: f.case_number)
    return Occupancy(first, last, beds, daily, admissions, discharges, average,
                     list(groups.values()), present)


def footnote() -> list[str]:
    return [
        _("A person is present on a day when admitted on or before that day and not "
          "discharged on or before it (the midnight census). Resident-days are the sum "
          "of the daily census."),
        _("Present at the start is the census of the day before the period, so present at "
          "the start + admissions - discharges = present at the end."),
        _("Age group on a day is from the age on that day: child under 18, adult 18 to 59, "
          "elderly 60 and over. Admissions count by the age at admission, discharges by the "
          "age at discharge."),
        _("Average length of stay: of the stays that ended in the period, in census days "
          "(the admission day counts, the discharge day does not); residents still here "
          "are not counted. “–” where no stay ended: nobody has left yet."),
        _("Bed utilisation: resident-days divided by the shelter's beds today times the "
          "days of the period."),
        _("Residents are shown by case number and initials only."),
    ]


def _plain(days: Decimal | None) -> float | None:
    return None if days is None else float(days)


def _days(days: Decimal | None) -> str:
    return "–" if days is None else format_number(days)


def to_json(report: Occupancy) -> str:
    document = {
        "report": "occupancy", "from": report.first.isoformat(),
        "to": report.last.isoformat(), "beds": report.beds,
        "totals": {
            "resident_days": report.resident_days, "admissions": report.admissions,
            "discharges": report.discharges, "present_start": report.present_start,
            "present_end": report.present_end,
            "average_length_of_stay_days": _plain(report.average_length_of_stay),
            "bed_utilisation_pct": float(report.bed_utilisation),
        },
        "by_sex_age": [{"sex": g.sex, "age_group": g.age_group,
                        "resident_days": g.resident_days, "admissions": g.admissions,
                        "discharges": g.discharges, "present_start": g.present_start,
                        "present_end": g.present_end,
                        "average_length_of_stay_days": _plain(g.average_length_of_stay),
                        "bed_utilisation_pct": float(g.bed_utilisation(report.beds,
                                                                        report.days))}
                       for g in report.groups],
        "daily": [{"date": day.isoformat(), "present": count}
                  for day, count in zip(report.dates(), report.daily, strict=True)],
        "present_at_end": [{"case_number": f.case_number, "initials": f.label, "sex": f.sex,
                            "age_group": rules.age_group(f.birth_date, report.last).value,
                            "admission_date": f.admission.isoformat(), "room": f.room}
                           for f in report.present_at_end],
        "notes": footnote(),
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def to_csv(report: Occupancy) -> str:
    """One tidy table (section, date, sex, age group, measure, value): pivots in a
    spreadsheet without reshaping."""
    out = io.StringIO()
    writer = csv_writer(out)  # every cell through safe_cell: no formulas
    writer.writerow(["section", "date", "sex", "age_group", "measure", "value"])
    totals = json.loads(to_json(report))["totals"]
    for measure, value in totals.items():
        writer.writerow(["totals", "", "", "", measure, value])
    for group in json.loads(to_json(report))["by_sex_age"]:
        for measure, value in group.items():
            if measure not in ("sex", "age_group"):
                writer.writerow(["by_sex_age", "", group["sex"], group["age_group"], measure,
                                 value])
    for day, count in zip(report.dates(), report.daily, strict=True):
        writer.writerow(["daily", day.isoformat(), "", "", "present", count])
    return out.getvalue()


def summary_rows(report: Occupancy) -> list[tuple[str, str]]:
    return [
        (_("Days in the period"), format_number(report.days)),
        (_("Beds"), format_number(report.beds)),
        (_("Present at the start"), format_number(report.present_start)),
        (_("Admissions"), format_number(report.admissions)),
        (_("Discharges"), format_number(report.discharges)),
        (_("Present at the end"), format_number(report.present_end)),
        (_("Resident-days"), format_number(report.resident_days)),
        (_("Average length of stay (days)"), _days(report.average_length_of_stay)),
        (_("Bed utilisation"), _("{percent} %").format(
            percent=format_number(report.bed_utilisation))),
    ]


def group_rows(report: Occupancy) -> list[list[str]]:
    rows = [[_("Sex"), _("Age group"), _("At start"), _("Admitted"), _("Discharged"),
             _("At end"), _("Resident-days"), _("Average stay"), _("Beds used")]]
    for g in report.groups:
        rows.append([Sex(g.sex).label, AgeGroup(g.age_group).label,
                     format_number(g.present_start), format_number(g.admissions),
                     format_number(g.discharges), format_number(g.present_end),
                     format_number(g.resident_days), _days(g.average_length_of_stay),
                     _("{percent} %").format(percent=format_number(
                         g.bed_utilisation(report.beds, report.days)))])
    rows.append([_("Total"), "", format_number(report.present_start),
                 format_number(report.admissions), format_number(report.discharges),
                 format_number(report.present_end), format_number(report.resident_days),
                 _days(report.average_length_of_stay),
                 _("{percent} %").format(percent=format_number(report.bed_utilisation))])
    return rows


def period_text(report: Occupancy) -> str:
    return format_period(report.first, report.last)
