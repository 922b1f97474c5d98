"""A demo shelter full of generated people. No real person's data: names are drawn
from syllables, so they only sound Indonesian."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from shelter_app.domain import rules
from shelter_app.domain.clock import Clock, utc_now
from shelter_app.domain.errors import StorageError
from shelter_app.domain.models import Bed, BedAssignment, Contact, Person, Room, StageMove, Stay
from shelter_app.domain.roles import Role
from shelter_app.domain.vocab import CaseStage, DecisionKind
from shelter_app.i18n import _
from shelter_app.services.administration import demo_people, users
from shelter_app.services.administration.setup import create_shelter
from shelter_app.services.administration.shelter_folder import is_demo
from shelter_app.services.provisions.catalog import DEFAULT_CATALOG
from shelter_app.services.residents.records import index_for_search
from shelter_app.services.shared import audit
from shelter_app.services.shared import sealed_identity as sealed
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage.datadir import DataDir
from shelter_app.storage.kdf import KdfParams

DEMO_PASSWORD = "demo"
DEMO_TIME_ZONE = "Asia/Jakarta"
DEMO_USERS = (Role.ADMIN, Role.MANAGER, Role.STAFF, Role.COUNSELLOR)

DEMO_ROOMS = (("Melati", "female", 6), ("Mawar", "female", 6), ("Anggrek", "children", 4),
              ("Kenanga", "male", 4), ("Cempaka", "family", 4))
# Decisions as a shelter that works records them: the alerts show a handful, not hundreds.
LATE_SHARE, MAX_DAYS_LATE = 0.1, 3
AWAITED_DECISIONS = 3
_CONTACTS = (("parent", True, False), ("sibling", True, False), ("spouse", False, True),
             ("relative", False, True), ("employer", False, True))


def _fitting_contacts(drawn: list[tuple], person: Person, admitted: dt.date,
                     side: random.Random) -> list[tuple]:
    """The drawn contacts (relation, safe, banned, name, phone) made to fit the person:
    nobody under 18 has a spouse (the one who must not visit is a parent: a child is
    most often sold by family) and every child has a parent to call; a spouse only for
    the married or divorced (otherwise another relative); nobody of 60 or over a parent.
    `side` draws the added parents, so the people after are drawn as before."""
    age = rules.age_on(person.birth_date, admitted)
    fitted = []
    for relation, safe, banned, name, phone in drawn:
        if relation == "spouse" and age < rules.CHILD_UNTIL:
            relation = "parent"
        elif relation == "spouse" and person.marital_status not in ("married", "divorced"):
            relation = "relative"
        elif relation == "parent" and age >= rules.ELDERLY_FROM:
            relation = "child"
        fitted.append((relation, safe, banned, name, phone))
    if age < rules.CHILD_UNTIL and not any(c[0] == "parent" and c[1] for c in fitted):
        fitted.insert(0, ("parent", True, False, demo_people.name(side, side.choice("FM")),
                          f"+62813{side.randint(10000000, 99999999)}"))
    return fitted


def _generate_rooms(session) -> list[tuple[str, list[Bed]]]:
    rooms = []
    for room_name, designation, beds in DEMO_ROOMS:
        room = Room(name=room_name, designation=designation,
                    beds=[Bed(label=str(n)) for n in range(1, beds + 1)])
        session.add(room)
        rooms.append(room)
    session.flush()
    return [(room.designation, list(room.beds)) for room in rooms]


def _pick_bed(rooms, free_from: dict[int, dt.date], person: Person, day: dt.date):
    group = rules.age_group(person.birth_date, day).value
    wanted = ["children"] if group == "child" else []
    wanted += ["female", "family"] if person.sex == "F" else ["male", "family"]
    for designation in wanted:
        for room_designation, beds in rooms:
            if room_designation != designation:
                continue
            for bed in beds:
                if free_from.get(bed.id, dt.date.min) <= day:
                    return bed
    return None


def _generate_people(workspace: Workspace, rng: random.Random, count: int, days: int,
                     today: dt.date) -> None:
    keys = sealed.keys(workspace)  # the demo is made by its administrator
    with workspace.session() as session:
        rooms = _generate_rooms(session)
        # More recent admissions than old ones, so the house is busy today.
        plans = sorted(today - dt.timedelta(days=int((days - 1) * rng.random() ** 1.6))
                       for _ in range(count))
        free_from: dict[int, dt.date] = {}
        for number, admitted in enumerate(plans, start=1):
            person = Person(created_at=workspace.clock(),
                            **demo_people.person_values(rng, number, admitted, today))
            if rng.random() < 0.08:  # a returning person: an earlier, closed stay
                earlier = admitted - dt.timedelta(days=rng.randint(60, 200))
                person.stays.append(Stay(
                    admission_date=earlier, discharge_date=earlier + dt.timedelta(days=10),
                    discharge_reason="family_reintegration",
                    discharge_destination="Keluarga di daerah asal"))
            stay = Stay(**demo_people.stay_values(rng, admitted, today))
            person.stays.append(stay)
            drawn = [(relation, safe, banned, demo_people.name(rng, rng.choice("FM")),
                      f"+62812{rng.randint(10000000, 99999999)}")
                     for relation, safe, banned in rng.sample(_CONTACTS, k=rng.randint(1, 2))]
            for relation, safe, banned, name, phone in _fitting_contacts(
                    drawn, person, admitted, random.Random(number)):
                person.contacts.append(Contact(name=name, relation=relation, phone=phone,
                                               safe=safe, must_not_visit=banned, note=""))
            session.add(person)
            session.flush()
            bed = _pick_bed(rooms, free_from, person, admitted)
            if bed is not None:
                session.add(BedAssignment(stay_id=stay.id, bed_id=bed.id,
                                          start_date=admitted, end_date=stay.discharge_date))
                free_from[bed.id] = stay.discharge_date or dt.date.max
            stages = list(CaseStage)
            for step, stage in enumerate(stages[:stages.index(person.stage) + 1]):
                session.add(StageMove(person_id=person.id, stage=stage,
                                      moved_on=min(today, admitted + dt.timedelta(
                                          days=step * 12)), username="staff"))
            if person.hidden_identity:  # sealed under the managers' key, as at intake
                sealed.seal(keys, person, sealed.RealIdentity(person.full_name, person.alias,
                                                              person.nik))
            index_for_search(session, person, keys)
            workspace.audit(session, audit.Action.ADMIT, "person", person.id)


def _decisions_due(stays: list[Stay], today: dt.date) -> dict[tuple[int, str], dt.date]:
    """(stay, kind) -> the day its decision fell due (day 7's review, day 14's extension),
    for every stay that went on past that day."""
    due = {}
    for stay in stays:
        last = _last_day(stay, today)
        for kind, last_day in ((DecisionKind.STAGE_TWO_REVIEW, rules.STAGE_ONE_LAST_DAY),
                               (DecisionKind.EXTENSION, rules.STAGE_TWO_LAST_DAY)):
            if (last - stay.admission_date).days >= last_day:
                due[(stay.id, kind)] = stay.admission_date + dt.timedelta(days=last_day - 1)
    return due


def _still_awaited(stays: list[Stay], due: dict, today: dt.date) -> set[tuple[int, str]]:
    """The decisions nobody has got to yet: those of present residents that fell due
    last, a handful whatever the size of the demo."""
    present = {stay.id for stay in stays if _last_day(stay, today) == today}
    overdue = sorted(((day, key) for key, day in due.items()
                      if key[0] in present and day < today), reverse=True)
    return {key for _day, key in overdue[:AWAITED_DECISIONS]}


def _recorded_on(rng: random.Random, due: dt.date, last: dt.date) -> dt.date:
    """The day a decision was recorded, as in a shelter that works: mostly the day it fell
    due, now and then a few days late (its flags cleared once recorded), never after the
    stay's last day."""
    if rng.random() < LATE_SHARE:
        due += dt.timedelta(days=rng.randint(1, MAX_DAYS_LATE))
    return min(due, last)


def _last_day(stay: Stay, today: dt.date) -> dt.date:
    return min(today, (stay.discharge_date or dt.date.max) - dt.timedelta(days=1))


def _generate_provisions(workspace: Workspace, rng: random.Random, today: dt.date) -> None:
    """Every present day of every stay gets the daily package (with the odd missed day and
    extra item); clothing and hygiene on arrival; a lunch price rise 45 days ago; the
    reviews and extensions recorded on time or a few days late, but the three that fell
    due last still awaited, so only those residents' provisions wait for a decision."""
    from sqlalchemy import select

    from shelter_app.domain.models import ItemPrice, Provision, ProvisionItem, StayDecision

    with workspace.session() as session:
        items = {i.code: i for i in session.scalars(select(ProvisionItem))}
        lunch = items["MAKAN-SIANG"]
        rise = today - dt.timedelta(days=45)
        session.add(ItemPrice(item_id=lunch.id, effective_from=rise, unit_cost_idr=22000))
        package = [(i, i.standard_quantity) for i in items.values() if i.standard_quantity]
        rows, now = [], workspace.clock()
        stays = list(session.scalars(select(Stay)))
        due = _decisions_due(stays, today)
        awaited = _still_awaited(stays, due, today)
        for stay in stays:
            last = _last_day(stay, today)
            if last < stay.admission_date:
                continue
            decided = {kind: _recorded_on(rng, due[(stay.id, kind)], last)
                       for kind in DecisionKind
                       if (stay.id, kind) in due and (stay.id, kind) not in awaited}
            review, extension = DecisionKind.STAGE_TWO_REVIEW, DecisionKind.EXTENSION
            reviewed = review in decided
            extended_until = None
            if review in decided:
                session.add(StayDecision(
                    stay_id=stay.id, kind=review, username="counsellor", recorded_at=now,
                    decided_on=decided[review],
                    reason="Asesmen awal selesai; lanjut tahap 2."))
            if extension in decided:
                extended_until = stay.discharge_date or today + dt.timedelta(days=7)
                session.add(StayDecision(
                    stay_id=stay.id, kind=extension, username="manager", recorded_at=now,
                    decided_on=decided[extension], until=extended_until,
                    reason="Menunggu rujukan ke RPTC."))
            day = stay.admission_date
            while day <= last:
                number = rules.stay_day(stay.admission_date, day)
                stage = rules.window(number)
                flagged = rules.awaiting_decision(stage, day, reviewed, extended_until)
                given = list(package) if rng.random() > 0.04 else []
                if number == 1:
                    given += [(items["PAKAIAN"], 1), (items["KEBERSIHAN"], 1)]
                elif given and rng.random() < 0.06:
                    given.append((items[rng.choice(["OBAT", "KEBERSIHAN"])], 1))
                for item, quantity in given:
                    cost = 22000 if item is lunch and day >= rise else {
                        c: p for c, _n, _k, _u, p, _q in DEFAULT_CATALOG}[item.code]
                    rows.append(dict(stay_id=stay.id, day=day, item_id=item.id,
                                     quantity=quantity, unit_cost_idr=cost, stage=stage,
                                     flagged=flagged, given_by="staff", recorded_at=now))
                day += dt.timedelta(days=1)
        if rows:
            session.execute(Provision.__table__.insert(), rows)


def _remove_closed_demo(data_dir: DataDir) -> None:
    """Delete a demo shelter, refusing while a window or command has it open (their saves
    would go on into a deleted file). The lock files go last: Windows cannot delete a
    file that is locked."""
    from shelter_app.storage import in_use

    claim = in_use.InUse.exclusive(data_dir.database)
    locks = {in_use.lock_path(data_dir.database), in_use.gate_path(data_dir.database)}
    try:
        for path in data_dir.root.iterdir():
            if path not in locks:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
    finally:
        claim.release()
    shutil.rmtree(data_dir.root)


def create_demo(root: Path, *, residents: int = 80, days: int = 90, seed: int = 1,
                replace: bool = False, clock: Clock = utc_now,
                kdf_params: KdfParams | None = None) -> Workspace:
    """Same seed, same people and stays (dated back from the day it is made)."""
    data_dir = DataDir(Path(root))
    if data_dir.is_set_up():
        if not is_demo(root):
            raise StorageError(_("This data folder holds a real shelter; the demo will not "
                                 "touch it. Choose another folder."))
        if not replace:
            raise StorageError(_("A demo shelter exists here already. Use --replace to make "
                                 "it again."))
        _remove_closed_demo(data_dir)
    if residents < 0 or days < 1:
        raise StorageError(_("The number of residents and days must be positive."))
    result = create_shelter(root, shelter_name=_("Demo Safe House"), time_zone=DEMO_TIME_ZONE,
                            admin_username=Role.ADMIN.value, admin_password=DEMO_PASSWORD,
                            demo=True, clock=clock, kdf_params=kdf_params)
    fill_demo(result.workspace, residents=residents, days=days, seed=seed, clock=clock)
    return result.workspace


def fill_demo(workspace: Workspace, *, residents: int, days: int, seed: int,
              clock: Clock = utc_now) -> None:
    """A new shelter's administrator fills it: users, people, stays, provisions,
    sessions and referrals (in a file or on a server alike)."""
    from shelter_app.services.shared import settings

    # a made-up letterhead, so the demo's letters look as a shelter's would
    settings.update_settings(workspace, address="Jl. Contoh No. 10", city="Jakarta",
                             phone="021 555 0100", head_name="Siti Rahmawati")
    for role in DEMO_USERS[1:]:
        users.add_user(workspace, role.value, role, DEMO_PASSWORD, display_name=_("Demo {role}").format(role=role.label))
    today = clock().astimezone(ZoneInfo(DEMO_TIME_ZONE)).date()
    _generate_people(workspace, random.Random(seed), residents, days, today)
    _generate_provisions(workspace, random.Random(seed + 1), today)
    from shelter_app.services.administration import demo_counselling

    demo_counselling.generate(workspace, random.Random(seed + 2), today, DEMO_TIME_ZONE)
    from shelter_app.services.administration import demo_referrals

    demo_referrals.generate(workspace, random.Random(seed + 3), today)
    from shelter_app.services.administration import demo_visits

    demo_visits.generate(workspace, random.Random(seed + 4), today, DEMO_TIME_ZONE)
    from shelter_app.services.administration import demo_incidents

    demo_incidents.generate(workspace, random.Random(seed + 7), today, DEMO_TIME_ZONE)
    from shelter_app.services.administration import demo_documents

    demo_documents.generate(workspace, random.Random(seed + 6), today)
    from shelter_app.services.administration import demo_training

    demo_training.generate(workspace, random.Random(seed + 8), today)
