"""Demo training and placement: courses of the last months (at the demo's training centre,
its foundation, or run by the shelter itself), who took part and how it ended; placements
of residents who left, with how they went at their follow-up visits, and a planned one
for a resident still here. All generated."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from shelter_app.domain.models import (
    Course,
    CourseParticipant,
    FollowUp,
    Institution,
    Placement,
    PlacementCheck,
    Stay,
)
from shelter_app.services.shared.workspace import Workspace

# (title, skill, provider's name or None for the shelter, started days ago, length in days)
_COURSES = (
    ("Menjahit dasar angkatan 5", "sewing", "BLK Contoh", 75, 30),
    ("Tata boga: kue basah", "cooking", None, 60, 10),
    ("Tata rias dan salon", "beauty", "Yayasan Contoh Peduli", 50, 21),
    ("Komputer perkantoran", "computer", "BLK Contoh", 40, 30),
    ("Kerja bakti dan arisan warga", "community", None, 20, 1),
    ("Menjahit lanjutan angkatan 6", "sewing", "BLK Contoh", 5, 30),
    ("Mengelola usaha kecil", "business", "Yayasan Contoh Peduli", -10, 14),
)
# discharge reason -> (placement kind, where, readiness, start-up help, rupiah)
_PLACEMENTS = {
    "family_reintegration": ("family", "Kembali ke rumah orang tua di desa asal",
                             "Keluarga siap menerima; konseling keluarga dua kali.", "", None),
    "independent": ("business", "Usaha jahit di rumah kontrakan",
                    "Lulus kursus menjahit; rencana usaha dibahas dalam konferensi kasus.",
                    "Mesin jahit bekas dan modal kain", 2_500_000),
    "referred": ("school", "Paket C di PKBM setempat",
                 "Ingin melanjutkan sekolah; keluarga mendukung.", "Seragam dan buku",
                 400_000),
}
_OUTCOME_NOTES = {"going_well": "", "difficulties": "Pesanan sepi; disarankan ikut pameran.",
                  "ended": "Berhenti karena pindah ikut keluarga."}


def generate(workspace: Workspace, rng: random.Random, today: dt.date) -> None:
    now = workspace.clock()
    with workspace.session() as session:
        providers = dict(session.execute(select(Institution.name, Institution.id)).all())
        stays = list(session.scalars(select(Stay).order_by(Stay.id)))
        for title, skill, provider, back, length in _COURSES:
            starts = today - dt.timedelta(days=back)
            ends = starts + dt.timedelta(days=length - 1)
            course = Course(title=title, skill=skill, institution_id=providers.get(provider),
                            starts_on=starts, ends_on=ends,
                            place="Ruang serbaguna" if provider is None else provider,
                            note="", created_by="counsellor", recorded_at=now)
            session.add(course)
            session.flush()
            # whoever stayed here on a day of the course (or is here now, for one coming)
            here = sorted({s.person_id for s in stays
                           if s.admission_date <= min(ends, today)
                           and (s.discharge_date is None or s.discharge_date >= starts)})
            for person_id in rng.sample(here, min(len(here), rng.randint(3, 6))):
                session.add(_participant(rng, course, person_id, today, now))
        _placements(session, rng, stays, today, now)


def _participant(rng: random.Random, course: Course, person_id: int, today: dt.date,
                 now: dt.datetime) -> CourseParticipant:
    row = CourseParticipant(course_id=course.id, person_id=person_id, status="enrolled",
                            completed_on=None, certificate=False, certificate_number="",
                            note="", recorded_by="counsellor", recorded_at=now)
    if course.ends_on is not None and course.ends_on < today:
        if rng.random() < 0.15:
            row.status, row.note = "dropped", "Mulai bekerja sebelum kursus selesai."
        else:
            row.status, row.completed_on = "completed", course.ends_on
            row.certificate = course.institution_id is not None
            if row.certificate:
                row.certificate_number = f"SRT/{course.ends_on:%Y}/{rng.randint(100, 999)}"
    return row


def _placements(session, rng: random.Random, stays: list[Stay], today: dt.date,
                now: dt.datetime) -> None:
    visits: dict[int, list[FollowUp]] = {}
    for visit in session.scalars(select(FollowUp).where(FollowUp.status == "done")
                                 .order_by(FollowUp.done_on)):
        visits.setdefault(visit.person_id, []).append(visit)
    for stay in stays:
        plan = _PLACEMENTS.get(stay.discharge_reason or "")
        if stay.discharge_date is None or plan is None or rng.random() < 0.3:
            continue
        kind, place, readiness, help_given, value = plan
        placement = Placement(person_id=stay.person_id, kind=kind, institution_id=None,
                              place=place, starts_on=stay.discharge_date,
                              readiness=readiness, startup_help=help_given,
                              startup_value=value, status="started", ended_on=None,
                              created_by="counsellor", recorded_at=now)
        session.add(placement)
        session.flush()
        for visit in visits.get(stay.person_id, []):
            if visit.stay_id != stay.id or placement.status == "ended":
                continue
            outcome = rng.choices(("going_well", "difficulties", "ended"), (6, 3, 1))[0]
            session.add(PlacementCheck(placement_id=placement.id, on=visit.done_on,
                                       outcome=outcome, note=_OUTCOME_NOTES[outcome],
                                       follow_up_id=visit.id, username="counsellor",
                                       recorded_at=now))
            if outcome == "ended":
                placement.status, placement.ended_on = "ended", visit.done_on
    present = [s for s in stays if s.discharge_date is None]
    if present:
        stay = rng.choice(present)
        session.add(Placement(
            person_id=stay.person_id, kind="work", institution_id=None,
            place="Konveksi Contoh (mitra BLK)", starts_on=today + dt.timedelta(days=21),
            readiness="Menyelesaikan kursus menjahit lanjutan; wawancara kerja sudah lulus.",
            startup_help="", startup_value=None, status="planned", ended_on=None,
            created_by="counsellor", recorded_at=now))
