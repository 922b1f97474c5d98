"""Demo counselling: two more counsellors, two counselling rooms, weekly individual
sessions, group therapy and family counselling over the past weeks and the next two,
assessments (some with a second version), weekly case conferences and the plans they
made. Bookings go through the one clash rule; a clash moves the booking to the next
free hour, as a counsellor would. Generated text only."""

from __future__ import annotations

import datetime as dt
import json
import random
from zoneinfo import ZoneInfo

from sqlalchemy import select

from shelter_app.domain import rules
from shelter_app.domain.models import (
    Assessment,
    CaseConference,
    ConferenceCase,
    Contact,
    CounsellingSession,
    Person,
    PlanGoal,
    Room,
    SessionCounsellor,
    SessionParticipant,
    Stay,
)
from shelter_app.domain.roles import Role
from shelter_app.domain.sessions import Booking, Calendar, clashes
from shelter_app.domain.vocab import COUNSELLING_ROOM, CaseStage
from shelter_app.services.administration import demo_people, users
from shelter_app.services.counselling import sealing
from shelter_app.services.shared import role_keys
from shelter_app.services.shared.workspace import Workspace

WEEKS_BACK, WEEKS_AHEAD = 8, 2
_NOTES = ("Catatan demo: suasana hati membaik, tidur lebih teratur.",
          "Catatan demo: membahas rencana pulang dan pelatihan menjahit.",
          "Catatan demo: masih cemas soal dokumen; dirujuk ke pendamping hukum.")
_GOALS = (("economic", "Ikut pelatihan menjahit", "Daftar di BLK", "Pekerja sosial"),
          ("psychological", "Tidur dan makan teratur", "Konseling mingguan", "Psikolog"),
          ("legal", "Laporan polisi diproses", "Pendampingan ke Polres", "Pendamping hukum"),
          ("health", "Periksa kesehatan reproduksi dan HIV", "Rujuk ke puskesmas", "Perawat"),
          ("social", "Kembali ke keluarga", "Kunjungan rumah dan mediasi", "Pekerja sosial"),
          ("physical", "Pulih dari luka", "Kontrol ke dokter", "Perawat"))


class _Book:
    """Bookings made so far, checked with the same rule as the app."""

    def __init__(self, zone, stays):
        self.zone, self.stays = zone, stays
        self.by_day: dict[dt.date, list[Booking]] = {}  # demo sessions never pass midnight

    def present(self, person: int, day: dt.date) -> bool:
        return any(rules.present_on(a, d, day) for a, d in self.stays.get(person, ()))

    def local_day(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.zone).date()

    def place(self, booking: Booking) -> Booking | None:
        """The booking, or the first free hour after it the same day; None if none."""
        same_day = self.by_day.setdefault(self.local_day(booking.start), [])
        for shift in range(0, 6):
            tried = Booking(booking.start + dt.timedelta(hours=shift), booking.minutes,
                            booking.counsellors, booking.residents, booking.room_id)
            found = clashes(tried, Calendar(same_day), self.present, self.local_day)
            if not found:
                same_day.append(tried)
                return tried
            if any(c.kind == "not_present" for c in found):
                return None
        return None


def generate(workspace: Workspace, rng: random.Random, today: dt.date, zone: str) -> None:
    local = ZoneInfo(zone)
    for username, sex, title in (("konselor2", "F", "psikolog"),
                                 ("konselor3", "M", "pekerja sosial")):
        users.add_user(workspace, username, Role.COUNSELLOR, "demo",
                       display_name=f"{demo_people.name(rng, sex)} ({title})")
    counsellors = ["counsellor", "konselor2", "konselor3"]
    now = workspace.clock()
    with workspace.session() as session:
        rooms = [Room(name=name, designation=COUNSELLING_ROOM)
                 for name in ("Ruang Konseling 1", "Ruang Konseling 2", "Aula")]
        session.add_all(rooms)
        session.flush()
        stays: dict[int, list] = {}
        for pid, admitted, discharged in session.execute(
                select(Stay.person_id, Stay.admission_date, Stay.discharge_date)):
            stays.setdefault(pid, []).append((admitted, discharged))
        family = {pid: cid for cid, pid in session.execute(
            select(Contact.id, Contact.person_id).where(Contact.must_not_visit.is_(False)))}
        people = {p.id: p for p in session.scalars(select(Person))}
        book = _Book(local, stays)
        first_monday = today - dt.timedelta(days=today.weekday(), weeks=WEEKS_BACK)
        planned: list[tuple[Booking, str, tuple[int, ...]]] = []
        for week in range(WEEKS_BACK + WEEKS_AHEAD + 1):
            monday = first_monday + dt.timedelta(weeks=week)
            for weekday, hour in ((1, 10), (3, 10)):  # group therapy, Tuesday and Thursday
                day = monday + dt.timedelta(days=weekday)
                group = [pid for pid in stays if book.present(pid, day)][:8]
                if len(group) >= 2:
                    start = dt.datetime.combine(day, dt.time(hour), local)
                    placed = book.place(Booking(start, 90, frozenset({"konselor3"}),
                                                frozenset(group), rooms[2].id))
                    if placed:
                        planned.append((placed, "group", ()))
            for pid in stays:
                day = monday + dt.timedelta(days=rng.randint(0, 4))
                if not book.present(pid, day):
                    continue
                counsellor = counsellors[pid % 2]  # each resident keeps their counsellor
                start = dt.datetime.combine(day, dt.time(rng.choice((8, 9, 10, 13, 14))),
                                            local)
                kind, extra = "individual", ()
                if pid in family and week % 4 == pid % 4 and rng.random() < 0.5:
                    kind, extra = "family", (family[pid],)
                placed = book.place(Booking(start, 60, frozenset({counsellor}),
                                            frozenset({pid}), rooms[pid % 2].id))
                if placed:
                    planned.append((placed, kind, extra))
        for booking, kind, extra in planned:
            past = booking.end <= now
            status = "planned"
            if past:
                roll = rng.random()
                status = "cancelled" if roll < 0.07 else "no_show" if roll < 0.13 else "held"
            participants = [SessionParticipant(
                person_id=pid, attended=(rng.random() < 0.9 if kind == "group" else True)
                if status == "held" else False if status == "no_show" else None)
                for pid in sorted(booking.residents)]
            participants += [SessionParticipant(
                contact_id=cid, attended=(rng.random() < 0.7) if status == "held" else
                False if status == "no_show" else None) for cid in extra]
            if status == "held" and not any(p.attended for p in participants):
                participants[0].attended = True
            session.add(CounsellingSession(
                kind=kind, starts_at=booking.start, minutes=booking.minutes,
                room_id=booking.room_id, status=status, series="", clash_confirmed=False,
                notes=rng.choice(_NOTES) if status == "held" and kind != "group" else "",
                booked_by=next(iter(booking.counsellors)), recorded_at=now,
                counsellors=[SessionCounsellor(username=u) for u in sorted(
                    booking.counsellors)], participants=participants))
        _casework(session, rng, people, stays, today, now)
        session.flush()
        # Set-up has everything in hand: the demo's counsellors (and the recovery key) get
        # the counsellors' key directly, and the notes written above are sealed with it.
        key = role_keys.create(session, role_keys.COUNSELLORS,
                               [*counsellors, role_keys.RECOVERY], workspace.user.username, now)
        sealing.seal_plaintext(session, key)


def _casework(session, rng, people, stays, today, now) -> None:
    """Assessments for cases past stage 1; conferences on Wednesdays with plans for cases
    at stage 3 or later."""
    for person in people.values():
        admitted = max(a for a, _d in stays[person.id])
        if person.stage < CaseStage.EXPLORING or admitted + dt.timedelta(days=3) > today:
            continue
        versions = 2 if rng.random() < 0.4 and admitted + dt.timedelta(days=20) <= today else 1
        for version in range(1, versions + 1):
            session.add(Assessment(
                person_id=person.id, version=version,
                assessed_on=admitted + dt.timedelta(days=3 + 14 * (version - 1)),
                assessed_by="counsellor",
                problems="Trauma setelah eksploitasi; dokumen ditahan agen." if version == 1
                else "Trauma berkurang; masih menunggu proses hukum.",
                needs_json=json.dumps({"psychological": "Konseling individu mingguan",
                                       "legal": "Pendampingan laporan polisi",
                                       "economic": "Pelatihan keterampilan",
                                       "health": "Pemeriksaan kesehatan reproduksi"}),
                root_cause="Utang kepada perekrut dan janji kerja palsu.",
                priorities="Keamanan, lalu dokumen, lalu keterampilan.", recorded_at=now))
    by_day: dict[dt.date, list] = {}  # a case is planned at the first Wednesday after
    for person in people.values():    # three weeks in the shelter
        if person.stage < CaseStage.PLAN:
            continue
        admitted, discharged = max(stays[person.id])
        day = admitted + dt.timedelta(days=21)
        day += dt.timedelta(days=(2 - day.weekday()) % 7)
        if day <= today and rules.present_on(admitted, discharged, day):
            by_day.setdefault(day, []).append(person)
    for held_on, cases in sorted(by_day.items()):
        conference = CaseConference(
            held_on=held_on, participants="Demo Manager, Demo Counsellor, psikolog, "
            "pekerja sosial, petugas P2TP2A", decisions="Rencana pemberdayaan disepakati.",
            recorded_by="counsellor", recorded_at=now,
            cases=[ConferenceCase(person_id=p.id, decision="Rencana disusun bersama "
                                  "penghuni.") for p in cases])
        session.add(conference)
        session.flush()
        for person in cases:
            for domain, goal, actions, who in rng.sample(_GOALS, k=rng.randint(2, 4)):
                target = held_on + dt.timedelta(days=rng.choice((14, 30, 60)))
                status = ("achieved" if target < today and rng.random() < 0.7 else
                          "in_progress" if held_on + dt.timedelta(days=7) < today else
                          "planned")
                session.add(PlanGoal(person_id=person.id, domain=domain, goal=goal,
                                     actions=actions, responsible=who, target_date=target,
                                     status=status, conference_id=conference.id,
                                     updated_on=min(today, held_on + dt.timedelta(days=7))))
