"""Statistics for the province and the nation: the protected tables as they are published
(JSON, CSV and this PDF), and the PDF for the provincial office.

What is here is only ever what may be published: a suppressed count is None, never the
value. The PDF names the province and the period, not the shelter: a shelter's name (or
its address) can lead someone to the people it protects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from shelter_app.domain.small_cells import GRAND, Entry, Shape
from shelter_app.domain.vocab import DischargeReason, ExploitationType, Modus, ServiceDomain
from shelter_app.i18n import N_, _
from shelter_app.i18n.formatting import format_date, format_number
from shelter_app.i18n.places import country_name, province_name
from shelter_app.reports.shared import layout

FORMAT_VERSION = 1
SUPPRESSED_MARK = "•"  # printed in place of a suppressed count


@dataclass(frozen=True)
class StatisticsTable:
    """One published table: rows of `row_field` (codes) by gender, with its totals."""

    name: str
    row_field: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    additive: bool  # column totals and a grand total make sense (each person in one row)
    withheld: bool
    values: dict[Entry, int | None]  # every entry of the shape; None: suppressed

    @property
    def shape(self) -> Shape:
        return Shape(len(self.rows), len(self.columns), self.additive)

    def value(self, entry: Entry) -> int | None:
        return None if self.withheld else self.values.get(entry)

    @property
    def suppressed_count(self) -> int:
        return sum(value is None for value in self.values.values())


@dataclass(frozen=True)
class Statistics:
    first: dt.date
    last: dt.date
    province: str  # ISO 3166-2 code of the shelter's province, "" when not set
    threshold: int
    tables: tuple[StatisticsTable, ...]
    shelters: int = 1  # how many shelters' exports were added up
    format_version: int = FORMAT_VERSION

    def table(self, name: str) -> StatisticsTable:
        return next(table for table in self.tables if table.name == name)


TITLES = {
    "admissions_by_age_band": N_("Admissions by sex and age band"),
    "admissions_by_modus": N_("Admissions by modus operandi"),
    "admissions_by_type_of_exploitation": N_("Admissions by type of exploitation"),
    "admissions_by_citizenship": N_("Admissions by citizenship"),
    "admissions_by_province_of_origin": N_("Admissions by province of origin"),
    "services_given": N_("Services given"),
    "referrals_by_service": N_("Referrals by service"),
    "discharges_by_reason": N_("Discharges by reason"),
    "cases_closed": N_("Cases closed"),
}
SERVICE_LABELS = {
    "provision_days": N_("Days with subsistence provided (resident-days)"),
    "provision_items": N_("Provision items given"),
    "counselling_individual": N_("Individual counselling attended"),
    "counselling_group": N_("Group therapy attended"),
    "counselling_family": N_("Family counselling attended"),
}
SPECIAL = {"Unknown": N_("Unknown"), "Other": N_("Other"), "closed": N_("Cases closed")}
WITHHELD = N_("Not shown: too few people in this table to show anything.")
GENDER_LABELS = {"Feminine": N_("Female"), "Masculine": N_("Male")}


def row_label(table: StatisticsTable, code: str) -> str:
    if code in SPECIAL:
        return _(SPECIAL[code])
    field = table.row_field
    if field == "modus":
        return Modus(code).label
    if field == "type_of_exploitation":
        return ExploitationType(code).label
    if field == "citizenship":
        return country_name(code)
    if field == "province_of_origin":
        return province_name(code)
    if field == "service":
        return _(SERVICE_LABELS[code]) if code in SERVICE_LABELS else ServiceDomain(code).label
    if field == "discharge_reason":
        return DischargeReason(code).label
    return code  # age bands read the same in every language


def note(table: StatisticsTable) -> str:
    if table.name in ("admissions_by_modus", "admissions_by_type_of_exploitation"):
        return _("One person can count in several rows, so the rows have no column totals.")
    if table.name == "services_given":
        return _("Each row counts something different, so the rows are not added up.")
    return ""


def protection_line(threshold: int) -> str:
    """How small counts are protected, in plain words (the panel and the PDF)."""
    return _("Counts from 1 to {last} are not shown ({mark}), and a few others are hidden "
             "too, so that nobody can work them out from the totals. This protects the "
             "people counted.").format(last=threshold - 1, mark=SUPPRESSED_MARK)


def explanations(threshold: int) -> list[str]:
    return [
        protection_line(threshold) + " " + _("0 is shown."),
        _("A table whose total is below {threshold} is not shown at all.").format(
            threshold=threshold),
        _("Admissions: persons whose stay began in the period, counted once, with the age "
          "on their admission day."),
    ]


def _shown(value: int | None) -> str:
    return SUPPRESSED_MARK if value is None else format_number(value)


def printed_rows(table: StatisticsTable) -> list[list[str]]:
    head = [_("Category")] + [_(GENDER_LABELS[c]) for c in table.columns] + [_("Total")]
    body = [[row_label(table, code)]
            + [_shown(table.value(("cell", r, c))) for c in range(len(table.columns))]
            + [_shown(table.value(("row", r, 0)))] for r, code in enumerate(table.rows)]
    if table.additive:
        body.append([_("Total")] + [_shown(table.value(("column", 0, c)))
                                    for c in range(len(table.columns))]
                    + [_shown(table.value(GRAND))])
    return [head, *body]


def title(statistics: Statistics) -> str:
    return _("Statistics for the province: {first} to {last}").format(
        first=format_date(statistics.first, "long"), last=format_date(statistics.last, "long"))


def area_line(statistics: Statistics) -> str:
    if statistics.shelters > 1:
        return _("{area}: {count} shelters combined").format(
            area=province_name(statistics.province) if statistics.province else _(
                "Several provinces"), count=statistics.shelters)
    return province_name(statistics.province) if statistics.province else _(
        "Province not set")


def render_pdf(statistics: Statistics, *, made_at: dt.datetime, made_by: str,
               time_zone: str) -> bytes:
    style = layout.styles()
    story = [layout.paragraph(title(statistics), style["title"]),
             layout.paragraph(area_line(statistics), style["body"]),
             layout.paragraph(_("Threshold: {threshold}").format(
                 threshold=statistics.threshold), style["small"])]
    story += [layout.paragraph(line, style["small"])
              for line in explanations(statistics.threshold)]
    for table in statistics.tables:
        part = [layout.paragraph(_(TITLES.get(table.name, table.name)), style["heading"])]
        if table.withheld:
            part.append(layout.paragraph(_(WITHHELD), style["body"]))
        else:
            part.append(layout.table(printed_rows(table), [80 * mm, 28 * mm, 28 * mm,
                                                           28 * mm],
                                     total_row=table.additive, font_size=8))
        if note(table) and not table.withheld:
            part += [layout.gap(1), layout.paragraph(note(table), style["small"])]
        story.append(KeepTogether(part))  # a heading never ends a page alone
    return layout.build(story, title=_("Statistics for the province"),
                        shelter_name=area_line(statistics), made_at=made_at,
                        made_by=made_by, time_zone=time_zone, footer=footer_line())


def footer_line() -> str:
    """Not the other reports' "confidential: about survivors" line: these tables hold no
    names and no small counts, and are sent to the provincial office."""
    return _("Protected statistics: no names; small counts are not shown.")
