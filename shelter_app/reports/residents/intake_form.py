"""The intake form (formulir penerimaan), blank for writing by hand when the PC is off, or
filled from a resident's record. Tick boxes list every choice so the paper and the
software ask the same questions."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Table, TableStyle

from shelter_app.domain.vocab import (
    ControlMethod,
    Education,
    ExploitationType,
    MaritalStatus,
    Modus,
    RecruitmentMethod,
    Relation,
    RiskLevel,
    Sex,
)
from shelter_app.i18n import _, places
from shelter_app.i18n.formatting import format_date
from shelter_app.reports.shared import fonts, layout
from shelter_app.services.residents.fields import ContactData, PersonData

TICKED, EMPTY = "☒", "☐"
NBSP = "\u00a0"  # a box stays with its label
GAP = NBSP * 2 + " "  # between choices: wide, and a line may break there
BLANK = "_" * 38
WIDTH = layout.FRAME_WIDTH


def _value(text: str | None, filled: bool) -> str:
    if not filled:
        return BLANK
    return text or "–"


def _day(day: dt.date | None, filled: bool) -> str:
    if not filled:
        return "____ / ____ / ________"
    return format_date(day) if day else "–"


def _ticks(kind, chosen: list[str] | str, columns: int = 2) -> Table:
    chosen = [chosen] if isinstance(chosen, str) else chosen
    style = layout.styles()["cell"]
    cells = [layout.paragraph(
        f"{TICKED if item.value in chosen else EMPTY}{NBSP}{item.label}", style)
        for item in kind]
    rows = [cells[i:i + columns] + [""] * (columns - len(cells[i:i + columns]))
            for i in range(0, len(cells), columns)]
    table = Table(rows, colWidths=[WIDTH / columns] * columns)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _fields(rows: list[tuple[str, str]]) -> Table:
    return layout.fields(rows, [55 * mm, WIDTH - 55 * mm], grid=False, value_size=9,
                         padding=2.5)


def render(*, shelter_name: str, made_at: dt.datetime, made_by: str, time_zone: str,
           case_number: str = "", shown_name: str = "", person: PersonData | None = None,
           stay=None, contacts: list[ContactData] | None = None) -> bytes:
    """A blank form when `person` is None."""
    style = layout.styles()
    filled = person is not None
    data = person or PersonData(languages=[])
    yes, no = _("yes"), _("no")

    def flag(value: bool) -> str:
        if filled:
            return yes if value else no
        return f"{EMPTY}{NBSP}{yes}{GAP}{EMPTY}{NBSP}{no}"

    def heading(text: str):
        return layout.paragraph(text, style["heading"])

    story = [layout.paragraph(_("Intake form (penerimaan)"), style["title"]),
             layout.paragraph(_("Case number: {case}").format(
                 case=case_number or "RA-________-______"), style["body"])]
    story += [heading(_("A. The person")), _fields([
        (_("Full name"), _value(shown_name, filled)),
        (_("Alias / called"), _value(data.alias, filled)),
        (_("Sex"), Sex(data.sex).label if filled else
         GAP.join(f"{EMPTY}{NBSP}{s.label}" for s in Sex)),
        (_("Date of birth"), _day(data.birth_date, filled) + (
            _(" (estimated)") if data.birth_date_estimated else "")
         + ("" if filled else _("   or estimated age: ______"))),
        (_("NIK"), _value(data.nik, filled)),
        (_("Nationality"), _value(places.country_name(data.nationality), filled)),
        (_("Languages"), _value(", ".join(places.language_name(c) for c in data.languages),
                                filled)),
        (_("Province and regency of origin"), _value(", ".join(filter(None, [
            places.province_name(data.province), data.regency])), filled)),
        (_("Education"), Education(data.education).label if filled else BLANK),
        (_("Marital status"), MaritalStatus(data.marital_status).label if filled else BLANK),
        (_("Children"), str(data.children) if filled else BLANK),
        (_("Disability"), _value(data.disability, filled)),
        (_("Pregnant"), flag(data.pregnant)),
    ])]
    story += [heading(_("B. Evacuation and admission")), _fields([
        (_("Date of admission"), _day(stay.admission_date if stay else None, filled)),
        (_("Evacuation date"), _day(stay.evacuated_on if stay else None, filled)),
        (_("Evacuated from"), _value(stay.evacuated_from if stay else "", filled)),
        (_("Evacuated by"), _value(stay.evacuated_by if stay else "", filled)),
        (_("Referring institution"), _value(stay.referred_by if stay else "", filled)),
    ])]
    story += [heading(_("C. The case")),
              layout.paragraph(_("Modus operandi"), style["body"]),
              _ticks(Modus, data.modus),
              layout.paragraph(_("Type of exploitation"), style["body"]),
              _ticks(ExploitationType, data.exploitation_types, 3),
              layout.paragraph(_("Means of control"), style["body"]),
              _ticks(ControlMethod, data.control_methods, 3),
              layout.paragraph(_("Method of recruitment"), style["body"]),
              _ticks(RecruitmentMethod, data.recruitment_methods, 2),
              _fields([
                  (_("Country and place of exploitation"), _value(", ".join(filter(None, [
                      data.exploitation_place,
                      places.country_name(data.exploitation_country)
                      if data.exploitation_country else ""])), filled)),
                  (_("Police report number"), _value(data.police_report_number, filled)),
                  (_("LPSK protection"), flag(data.lpsk_protection)),
                  (_("Risk level"), RiskLevel(data.risk_level).label if filled else
                   GAP.join(f"{EMPTY}{NBSP}{r.label}" for r in RiskLevel)),
                  (_("Hidden identity"), flag(data.hidden_identity)),
              ])]
    rows = [[_("Name"), _("Relation"), _("Phone"), _("Safe"), _("Must not visit")]]
    for contact in contacts or []:
        rows.append([contact.name or "–", Relation(contact.relation).label, contact.phone,
                     yes if contact.safe else no, yes if contact.must_not_visit else no])
    rows += [["", "", "", "", ""] for _row in range(0 if filled else 4)]
    story += [heading(_("D. Family and contacts")),
              layout.table(rows, [50 * mm, 30 * mm, 40 * mm, 22 * mm, 32 * mm],
                           numeric_from=99)]
    story.append(KeepTogether([
        heading(_("E. Consent")),
        _fields([
            (_("Consent to services"), _consent(data.consent_services_on,
                                                data.consent_services_witness, filled)),
            (_("Consent to share data for referral"), _consent(
                data.consent_sharing_on, data.consent_sharing_witness, filled)),
        ]),
        layout.gap(14),
        _signatures(),
    ]))
    return layout.build(story, title=_("Intake form"), shelter_name=shelter_name,
                        made_at=made_at, made_by=made_by, time_zone=time_zone)


def _consent(day, witness: str, filled: bool) -> str:
    if not filled:
        return _("given on ____ / ____ / ________, witnessed by ______________________")
    if day is None:
        return _("Not recorded")
    return _("Given on {day}, witnessed by {witness}").format(day=format_date(day),
                                                              witness=witness or "–")


def _signatures() -> Table:
    line = "_" * 28
    table = Table([[line, line, line],
                   [_("The person (or guardian)"), _("Witness"), _("Shelter staff")]],
                  colWidths=[WIDTH / 3] * 3)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    return table
