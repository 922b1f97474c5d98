"""Every table the app prints, in Indonesian and English: no word broken in the middle
("Hari-peng huni", "Rata-rat a tinggal", "perp anjangan"), nothing wider than its cell."""

import datetime as dt

import pytest
from sqlalchemy import select

from shelter_app.domain.models import Provision, Referral, Stay
from shelter_app.services.counselling import reports as session_reports
from shelter_app.services.overview import monthly
from shelter_app.services.provisions import reports as provision_reports
from shelter_app.services.referrals import letters
from shelter_app.services.referrals import reports as referral_reports
from shelter_app.services.residents import forms, reports
from shelter_app.services.shared import reporting
from tests.reports.printed_tables import header_texts, misfits, pdf_text, tables

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 27))


def _people(workspace):
    with workspace.session() as session:
        present = set(session.scalars(select(Stay.person_id)
                                      .where(Stay.discharge_date.is_(None))))
        gone = next(person for person in session.scalars(
            select(Stay.person_id).where(Stay.discharge_date.is_not(None))
            .order_by(Stay.id.desc())) if person not in present)
        given = session.execute(select(Stay.person_id, Provision.stage)
                                .join(Stay, Stay.id == Provision.stay_id)
                                .where(Stay.discharge_date.is_(None))
                                .order_by(Stay.id, Provision.stage)).first()
        referral_ids = list(session.scalars(select(Referral.id).order_by(Referral.id)))
    return sorted(present)[0], gone, given, referral_ids


def documents(workspace, language):
    """name -> a function making that document's PDF in `language`."""
    period = reporting.period(*NOVEMBER)
    month = monthly.parse_month("2026-11")
    present, gone, (receiver, stage), referral_ids = _people(workspace)
    made = {
        "occupancy": lambda: reports.render_occupancy(
            workspace, reports.occupancy(workspace, period), "pdf", language),
        "monthly": lambda: monthly.render(workspace, monthly.gather(workspace, month), "pdf",
                                          language),
        "provisions": lambda: provision_reports.render(
            workspace, provision_reports.gather(workspace, period), "pdf", language),
        "sessions": lambda: session_reports.render(
            workspace, session_reports.gather(workspace, period), "pdf", language),
        "referrals": lambda: referral_reports.render(
            workspace, referral_reports.gather(workspace, period), "pdf", language),
        "schedule": lambda: session_reports.schedule(workspace, NOVEMBER[1], None, language),
        "receipt": lambda: provision_reports.receipt(workspace, receiver, stage, language),
        "intake form, blank": lambda: forms.intake_form(workspace, None, language),
        "intake form, filled": lambda: forms.intake_form(workspace, present, language),
        "handover record": lambda: letters.handover(workspace, gone, language),
    }
    for referral_id in referral_ids[:8]:  # services differ in what the letter shows
        made[f"letter {referral_id}"] = (
            lambda referral_id=referral_id: letters.letter(workspace, referral_id, language))
    return made


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_table_breaks_a_word_or_runs_over_its_cell(demo_shelter, printed, language):
    problems = []
    for name, make in documents(demo_shelter, language).items():
        _pdf, story = printed(make)
        assert tables(story), name
        problems += [f"{name}: {problem}" for table in tables(story)
                     for problem in misfits(table)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["id", "en"])
def test_headers_read_whole_in_the_pdf(demo_shelter, printed, language):
    """What pypdf reads from the page: each header with its words whole (a line may end
    after a hyphen: "Hari-" and "penghuni" read back as "Hari-penghuni")."""
    missing = []
    for name in ("occupancy", "monthly", "receipt", "provisions", "sessions", "referrals"):
        data, story = printed(documents(demo_shelter, language)[name])
        text = pdf_text(data)
        missing += [f"{name}: {header!r}" for table in tables(story)
                    for header in header_texts(table) if " ".join(header.split()) not in text]
    assert missing == [], "\n".join(missing)
