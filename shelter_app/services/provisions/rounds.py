"""The daily round of subsistence provisions, the stage 2 review and extensions, the
alerts, and a resident's provisions. The windows rule is domain/rules.window().

A resident's day is recorded by the round (a ProvisionDay) whatever she was given, so
"nothing given" is a record of its own and never falls back to the package."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from shelter_app.domain import rules
from shelter_app.domain.errors import InputError, RecordChanged
from shelter_app.domain.models import (
    Person,
    Provision,
    ProvisionDay,
    ProvisionItem,
    Stay,
    StayDecision,
)
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import DecisionKind, Window
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.services.provisions.catalog import item_order, packages, price_on
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared.concurrency import Lock, serialise
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.staff_names import shown_names
from shelter_app.services.shared.workspace import Workspace

MAX_QUANTITY = 100
ALERT_DAYS = (rules.STAGE_ONE_LAST_DAY, rules.STAGE_TWO_LAST_DAY)
ALERT_AHEAD = 2


@dataclass
class RoundLine:
    stay_id: int
    person_id: int
    case_number: str
    label: str
    sex: str
    age: int | None
    day_number: int
    stage: str
    awaiting_decision: bool
    recorded: bool  # the round recorded this day, perhaps with nothing given
    quantities: dict[int, int] = field(default_factory=dict)  # item id -> quantity
    package: dict[int, int] = field(default_factory=dict)  # what her day's package holds
    record_id: int | None = None  # the day's record as read (None: none yet): see `seen`

    @property
    def given(self) -> bool:
        """Ticked in the round: what was recorded, or else the package to give."""
        return bool(self.quantities)


@dataclass(frozen=True)
class RoundSaved:
    """What confirming a round saved, for the round to say."""

    day: dt.date
    residents: int  # each recorded for the day
    given_nothing: int  # of them, recorded as given nothing
    lines: int  # items given, one line each
    # {stay id: the day's record now}: the round's `seen` for a confirmation made again
    # before it is read again, which would otherwise look like someone else's save
    records: dict[int, int] = field(default_factory=dict)


class BadQuantity(InputError):
    """A quantity in the round that cannot be given: the message names the resident's
    case number and the item; `stay_id` and `item_id` name the cell."""

    def __init__(self, message: str, stay_id: int, item_id: int):
        super().__init__(message, "quantity")
        self.stay_id, self.item_id = stay_id, item_id


class AlertKind(StrEnum):
    """What an alert is about: day 7 or day 14 of a stay coming (a decision is due), or
    provisions given while awaiting a decision."""

    DAY_7 = "day7"
    DAY_14 = "day14"
    AWAITING_DECISION = "flagged"

    @classmethod
    def coming_day(cls, day_number: int) -> AlertKind:
        return {rules.STAGE_ONE_LAST_DAY: cls.DAY_7, rules.STAGE_TWO_LAST_DAY: cls.DAY_14}[
            day_number]

    @property
    def day_number(self) -> int | None:
        """7 or 14 for a day coming, else None."""
        return {AlertKind.DAY_7: rules.STAGE_ONE_LAST_DAY,
                AlertKind.DAY_14: rules.STAGE_TWO_LAST_DAY}.get(self)


@dataclass(frozen=True)
class Alert:
    stay_id: int
    person_id: int
    case_number: str
    label: str
    kind: AlertKind
    day: dt.date | None = None  # when day 7 / 14 falls
    count: int = 0  # flagged provisions


def days_coming(alerts: list[Alert]) -> int:
    """Residents whose day 7 or 14 is today or within ALERT_AHEAD days."""
    return sum(alert.kind.day_number is not None for alert in alerts)


def residents_awaiting_decision(alerts: list[Alert]) -> int:
    """Residents (not provisions) given something while awaiting a decision: what the
    status bar and the dashboard both count."""
    return len({alert.person_id for alert in alerts
                if alert.kind is AlertKind.AWAITING_DECISION})


@dataclass(frozen=True)
class ProvisionLine:
    day: dt.date
    day_number: int
    item_code: str
    item_name: str
    quantity: int
    unit_cost_idr: int
    stage: str
    flagged: bool
    given_by: str

    @property
    def total_idr(self) -> int:
        return self.quantity * self.unit_cost_idr


def _decisions(session: Session, stay_ids) -> tuple[set[int], dict[int, dt.date]]:
    reviewed, extended = set(), {}
    for stay_id, kind, until in session.execute(
            select(StayDecision.stay_id, StayDecision.kind, StayDecision.until)
            .where(StayDecision.stay_id.in_(list(stay_ids)))):
        if kind == DecisionKind.STAGE_TWO_REVIEW:
            reviewed.add(stay_id)
        elif until is not None and (stay_id not in extended or until > extended[stay_id]):
            extended[stay_id] = until
    return reviewed, extended


def _present_stays(session: Session, day: dt.date):
    return session.execute(
        select(Stay.id, Stay.admission_date, Person.id, Person.case_number, Person.full_name,
               Person.hidden_identity, Person.pseudonym, Person.sex, Person.birth_date)
        .join(Person, Person.id == Stay.person_id)
        .where(Stay.admission_date <= day,
               or_(Stay.discharge_date.is_(None), Stay.discharge_date > day))
        .order_by(Person.case_number)).all()


def daily_round(workspace: Workspace, day: dt.date) -> list[RoundLine]:
    """Everyone present on `day`, with what was recorded (perhaps nothing), or else the
    package for her day of the stay (on day 1 with the arrival items)."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        if day > shelter_today(workspace, session):
            raise InputError(_("This date is in the future."), "date")
        stays = _present_stays(session, day)
        # Lines without a ProvisionDay come from before it existed, or from bulk loads.
        records = dict(session.execute(select(ProvisionDay.stay_id, ProvisionDay.id)
                                       .where(ProvisionDay.day == day)).all())
        recorded: dict[int, dict[int, int]] = {stay_id: {} for stay_id in records}
        for stay_id, item_id, quantity in session.execute(
                select(Provision.stay_id, Provision.item_id, Provision.quantity)
                .where(Provision.day == day)):
            recorded.setdefault(stay_id, {})[item_id] = quantity
        package = packages(session)
        reviewed, extended = _decisions(session, [row[0] for row in stays])
    lines = []
    for stay_id, admitted, pid, case, name, hidden, pseudonym, sex, born in stays:
        number = rules.stay_day(admitted, day)
        stage = rules.window(number)
        quantities = recorded.get(stay_id)
        standard = package(number)
        lines.append(RoundLine(
            stay_id, pid, case, identity.list_label(workspace, name, hidden, pseudonym), sex,
            rules.age_on(born, day) if born else None, number, stage,
            rules.awaiting_decision(stage, day, stay_id in reviewed, extended.get(stay_id)),
            quantities is not None, dict(standard if quantities is None else quantities),
            standard, records.get(stay_id)))
    return lines


def confirm_round(workspace: Workspace, day: dt.date, given: dict[int, dict[int, int]],
                  seen: dict[int, int | None] | None = None) -> RoundSaved:
    """Save what each resident was given on `day` ({stay id: {item id: quantity}}) in one
    transaction; an empty {} (or only zeros) records that she was given nothing. A
    resident's earlier lines for that day are replaced; residents left out are left as
    they were (the round may not know someone admitted since it was opened). Past days
    may be edited, and that is audited as such.

    `seen`: {stay id: RoundLine.record_id} as the round showed them. When another
    computer has saved any of these residents' day since, nothing is saved
    (RecordChanged): the second round to be confirmed never overwrites the first unseen."""
    workspace.require(Permission.RECORD_PROVISIONS)
    with workspace.session() as session:
        serialise(session, Lock.PROVISION_ROUND, day.toordinal())
        if seen is not None:
            _check_unchanged(session, day, given, seen)
        today = shelter_today(workspace, session)
        if day > today:
            raise InputError(_("This date is in the future."), "date")
        stays = _present_stays(session, day)
        present = {row[0]: row[1] for row in stays}
        for stay_id in given:
            if stay_id not in present:
                raise InputError(_("A resident in this round was not in the shelter on that "
                                   "day. Nothing was saved."), "date")
        items = {i.id: i for i in session.scalars(select(ProvisionItem))}
        if any(item not in items for lines in given.values() for item in lines):
            raise InputError(_("An unknown item was given. Nothing was saved."), "item")
        for stay_id, _admitted, _pid, case, *_rest in stays:  # as the round shows them
            for item_id in sorted(given.get(stay_id, ()), key=lambda i: item_order(
                    items[i].category, i)):
                _check_quantity(given[stay_id][item_id], case, items[item_id], stay_id)
        given = {stay_id: {item: quantity for item, quantity in lines.items() if quantity}
                 for stay_id, lines in given.items()}
        prices: dict[int, int] = {}
        for wanted in {item for lines in given.values() for item in lines}:
            price = price_on(session, wanted, day)
            if price is None:
                raise InputError(_("{item} has no price on that day.").format(
                    item=items[wanted].name), "item")
            prices[wanted] = price
        reviewed, extended = _decisions(session, given)
        existed = any(session.scalar(select(func.count()).select_from(table).where(
            table.day == day, table.stay_id.in_(list(given)))) for table in (
            ProvisionDay, Provision))
        for table in (Provision, ProvisionDay):
            session.execute(delete(table).where(table.day == day,
                                                table.stay_id.in_(list(given))))
        now, rows = workspace.clock(), []
        if given:
            session.execute(ProvisionDay.__table__.insert(), [
                dict(stay_id=stay_id, day=day, recorded_by=workspace.user.username,
                     recorded_at=now) for stay_id in given])
        for stay_id, lines in given.items():
            stage = rules.window(rules.stay_day(present[stay_id], day))
            flagged = rules.awaiting_decision(stage, day, stay_id in reviewed,
                                              extended.get(stay_id))
            for item_id, quantity in lines.items():
                rows.append(dict(stay_id=stay_id, day=day, item_id=item_id, quantity=quantity,
                                 unit_cost_idr=prices[item_id], stage=stage, flagged=flagged,
                                 given_by=workspace.user.username, recorded_at=now))
        if rows:
            session.execute(Provision.__table__.insert(), rows)
        action = (audit.Action.PROVISIONS_EDIT if existed or day < today
                  else audit.Action.PROVISIONS)
        workspace.audit(session, action, "provision_round", day.isoformat())
        records = dict(session.execute(select(ProvisionDay.stay_id, ProvisionDay.id).where(
            ProvisionDay.day == day, ProvisionDay.stay_id.in_(list(given)))).all())
        return RoundSaved(day, len(given), sum(not lines for lines in given.values()),
                          len(rows), records)


def _check_unchanged(session: Session, day: dt.date, given: dict, seen: dict) -> None:
    now = dict(session.execute(select(ProvisionDay.stay_id, ProvisionDay.id).where(
        ProvisionDay.day == day, ProvisionDay.stay_id.in_(list(given)))).all())
    if any(now.get(stay_id) != seen[stay_id] for stay_id in given if stay_id in seen):
        raise RecordChanged(_("Someone else saved the round of {day} in the meantime, so "
                              "nothing was saved. The round now shows what they saved: "
                              "check it, then confirm again.").format(day=format_date(day)))


def _check_quantity(quantity, case: str, item: ProvisionItem, stay_id: int) -> None:
    """A quantity is a whole number from 0 (nothing of it) to MAX_QUANTITY."""
    if not isinstance(quantity, int) or isinstance(quantity, bool):
        problem = _("{case}, {item}: the quantity is not a whole number.")
    elif quantity < 0:
        problem = _("{case}, {item}: the quantity cannot be less than 0.")
    elif quantity > MAX_QUANTITY:
        problem = _("{case}, {item}: the quantity can be {maximum} at most.")
    else:
        return
    raise BadQuantity(problem.format(case=case, item=item.name, maximum=MAX_QUANTITY),
                      stay_id, item.id)


def _stay(session: Session, stay_id: int) -> Stay:
    stay = session.get(Stay, stay_id)
    if stay is None:
        raise InputError(_("This stay no longer exists."))
    return stay


def record_stage_two_review(workspace: Workspace, stay_id: int, decided_on: dt.date,
                            reason: str = "") -> int:
    """The review that moves a stay into stage 2; clears the stay's stage 2 flags."""
    workspace.require(Permission.REVIEW_STAGE_TWO)
    with workspace.session() as session:
        stay = _stay(session, stay_id)
        if decided_on > shelter_today(workspace, session) or decided_on < stay.admission_date:
            raise InputError(_("The date of the decision must fall within the stay."), "date")
        session.add(StayDecision(stay_id=stay_id, kind=DecisionKind.STAGE_TWO_REVIEW,
                                 decided_on=decided_on,
                                 reason=reason.strip()[:2000],
                                 username=workspace.user.username,
                                 recorded_at=workspace.clock()))
        cleared = session.execute(update(Provision).where(
            Provision.stay_id == stay_id, Provision.stage == Window.STAGE_TWO,
            Provision.flagged.is_(True)).values(flagged=False)).rowcount
        workspace.audit(session, audit.Action.DECISION, "stay", stay_id)
        return cleared


def record_extension(workspace: Workspace, stay_id: int, until: dt.date,
                     reason: str) -> int:
    """A manager's extension past day 14, until a date and why; clears the flags it
    covers."""
    workspace.require(Permission.EXTEND_STAY)
    reason = " ".join(reason.split())
    if not reason:
        raise InputError(_("Say why the stay is extended."), "reason")
    with workspace.session() as session:
        stay = _stay(session, stay_id)
        day_fifteen = stay.admission_date + dt.timedelta(days=rules.STAGE_TWO_LAST_DAY)
        if until < day_fifteen:
            raise InputError(_("An extension runs to day 15 ({day}) or later.").format(
                day=day_fifteen.isoformat()), "until")
        session.add(StayDecision(stay_id=stay_id, kind=DecisionKind.EXTENSION,
                                 decided_on=shelter_today(workspace, session), until=until,
                                 reason=reason[:2000], username=workspace.user.username,
                                 recorded_at=workspace.clock()))
        cleared = session.execute(update(Provision).where(
            Provision.stay_id == stay_id, Provision.stage == Window.EXTENSION,
            Provision.day <= until, Provision.flagged.is_(True)).values(flagged=False)).rowcount
        workspace.audit(session, audit.Action.DECISION, "stay", stay_id)
        return cleared


def alerts(workspace: Workspace, today: dt.date | None = None) -> list[Alert]:
    """Day 7 or day 14 today or within the next two days, and flagged provisions."""
    workspace.require(Permission.VIEW_RESIDENTS)
    found = []
    with workspace.session() as session:
        today = today or shelter_today(workspace, session)
        stays = _present_stays(session, today)
        flagged = dict(session.execute(
            select(Provision.stay_id, func.count(Provision.id))
            .where(Provision.flagged.is_(True)).group_by(Provision.stay_id)).all())
        labels = {}
        for stay_id, admitted, pid, case, name, hidden, pseudonym, _sex, _born in stays:
            label = identity.list_label(workspace, name, hidden, pseudonym)
            labels[stay_id] = (pid, case, label)
            number = rules.stay_day(admitted, today)
            for target in ALERT_DAYS:
                if 0 <= target - number <= ALERT_AHEAD:
                    found.append(Alert(stay_id, pid, case, label, AlertKind.coming_day(target),
                                       admitted + dt.timedelta(days=target - 1)))
        missing = [s for s in flagged if s not in labels]
        if missing:
            for stay_id, pid, case, name, hidden, pseudonym in session.execute(
                    select(Stay.id, Person.id, Person.case_number, Person.full_name,
                           Person.hidden_identity, Person.pseudonym)
                    .join(Person, Person.id == Stay.person_id).where(Stay.id.in_(missing))):
                labels[stay_id] = (pid, case, identity.list_label(workspace, name, hidden,
                                                                  pseudonym))
        for stay_id, count in sorted(flagged.items()):
            pid, case, label = labels[stay_id]
            found.append(Alert(stay_id, pid, case, label, AlertKind.AWAITING_DECISION,
                               count=count))
    return found


def of_person(workspace: Workspace, person_id: int) -> tuple[list[ProvisionLine], list]:
    """A resident's provisions (newest first) and the decisions on their stays."""
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        rows = session.execute(
            select(Provision.day, Stay.admission_date, ProvisionItem.code, ProvisionItem.name,
                   Provision.quantity, Provision.unit_cost_idr, Provision.stage,
                   Provision.flagged, Provision.given_by)
            .join(Stay, Stay.id == Provision.stay_id)
            .join(ProvisionItem, ProvisionItem.id == Provision.item_id)
            .where(Stay.person_id == person_id)
            .order_by(Provision.day.desc(), ProvisionItem.code)).all()
        decisions = session.execute(
            select(StayDecision.kind, StayDecision.decided_on, StayDecision.until,
                   StayDecision.reason, StayDecision.username)
            .join(Stay, Stay.id == StayDecision.stay_id).where(Stay.person_id == person_id)
            .order_by(StayDecision.decided_on)).all()
        names = shown_names(session, [row[-1] for row in rows]
                            + [decision[-1] for decision in decisions])
    lines = [ProvisionLine(day, rules.stay_day(admitted, day), code, name, quantity, cost,
                           stage, flagged, names.get(who, who))
             for day, admitted, code, name, quantity, cost, stage, flagged, who in rows]
    return lines, [(*d[:-1], names.get(d[-1], d[-1])) for d in decisions]
