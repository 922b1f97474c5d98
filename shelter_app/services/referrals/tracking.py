"""Referrals (rujukan): a resident referred to an institution for a service, from draft to
sent, accepted or declined, and completed, each step dated and by whom.

Sharing a person's data needs their recorded consent (the intake's "consent to share
data"), or a manager's override with a reason, which is audited on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Institution, Person, Referral, ReferralEvent
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import ReferralStatus, ServiceDomain, Urgency
from shelter_app.i18n import _
from shelter_app.services.shared import audit, identity
from shelter_app.services.shared import consent as consents
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.validation import free_text
from shelter_app.services.shared.workspace import Workspace

# Where a referral may go next; anything else would be going backwards.
NEXT = {
    "draft": ("sent", "cancelled"),
    "sent": ("accepted", "declined", "cancelled"),
    "accepted": ("completed", "cancelled"),
    "declined": (),
    "completed": (),
    "cancelled": (),
}
OPEN = ("draft", "sent", "accepted")


@dataclass(frozen=True)
class ReferralData:
    person_id: int
    institution_id: int
    domain: str
    reason: str
    urgency: str = "routine"
    override_reason: str = ""  # only when the person's consent is not recorded


@dataclass(frozen=True)
class Step:
    status: str
    on: dt.date
    username: str
    note: str


@dataclass(frozen=True)
class ReferralView:
    id: int
    number: str
    person_id: int
    case_number: str
    label: str  # initials, or the pseudonym's
    institution: str
    institution_type: str
    domain: str
    urgency: str
    status: str
    created_on: dt.date
    consent: str
    reason: str
    outcome: str
    steps: tuple[Step, ...] = ()
    version: int = 0  # as read: given back by a status change (advance's expected_version)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


def _next_number(session, year: int) -> str:
    prefix = f"RJ-{year}-"
    last = session.scalar(select(func.max(Referral.number))
                          .where(Referral.number.like(f"{prefix}%")))
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


def has_consent(workspace: Workspace, person_id: int) -> bool:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        return session.scalar(select(Person.consent_sharing_on)
                              .where(Person.id == person_id)) is not None


def create(workspace: Workspace, data: ReferralData) -> int:
    """A draft referral; returns its id. Refused without consent or an override."""
    workspace.require(Permission.REFER)
    try:
        domain = ServiceDomain(data.domain).value
        urgency = Urgency(data.urgency).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "domain") from None
    reason = free_text(data.reason, "reason", required=True)
    override = free_text(data.override_reason, "override_reason")
    with workspace.session() as session:
        person = session.get(Person, data.person_id)
        if person is None:
            raise InputError(_("This resident no longer exists."), "person")
        consent = consents.basis(person)
    if consent == consents.OVERRIDE:
        consents.require_override(workspace, override, _(
            "The resident has not agreed to share their data. Record their consent in the "
            "profile, or a manager gives the reason to refer without it."))
    with workspace.session() as session:
        person = session.get(Person, data.person_id)
        institution = session.get(Institution, data.institution_id)
        if institution is None or not institution.active:
            raise InputError(_("Choose an institution from the directory."), "institution")
        today = shelter_today(workspace, session)
        row = Referral(number=_next_number(session, today.year), person_id=person.id,
                       institution_id=institution.id, domain=domain, reason=reason,
                       urgency=urgency, status="draft", consent=consent,
                       override_reason=override if consent == "override" else "",
                       outcome="", created_on=today, created_by=workspace.user.username,
                       recorded_at=workspace.clock())
        row.events.append(ReferralEvent(status="draft", on=today,
                                        username=workspace.user.username, note="",
                                        recorded_at=workspace.clock()))
        session.add(row)
        session.flush()
        workspace.audit(session, audit.Action.REFERRAL, "referral", row.id)
        if consent == "override":
            workspace.audit(session, audit.Action.CONSENT_OVERRIDE, "referral", row.id)
        return row.id


def advance(workspace: Workspace, referral_id: int, status: str, on: dt.date,
            note: str = "", expected_version: int | None = None) -> None:
    """Move the referral on (sent, accepted, declined, completed, cancelled). A step
    back, a date in the future or before the last step is refused; so is a referral
    changed since the ReferralView of `expected_version` was read (RecordChanged)."""
    workspace.require(Permission.REFER)
    try:
        status = ReferralStatus(status).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "status") from None
    note = free_text(note, "note", required=status in ("declined", "completed", "cancelled"))
    with workspace.session() as session:
        row = session.get(Referral, referral_id)
        if row is None:
            raise InputError(_("This referral no longer exists."), "referral")
        claim(row, expected_version)
        if status not in NEXT[row.status]:
            raise InputError(_("A referral that is {current} cannot become {wanted}.").format(
                current=ReferralStatus(row.status).label.lower(),
                wanted=ReferralStatus(status).label.lower()), "status")
        if on is None or on > shelter_today(workspace, session):
            raise InputError(_("This date is in the future."), "date")
        if on < row.events[-1].on:
            raise InputError(_("This step is dated before the previous one ({day}).").format(
                day=row.events[-1].on.isoformat()), "date")
        row.status = status
        if status in ("declined", "completed"):
            row.outcome = note
        row.events.append(ReferralEvent(status=status, on=on, username=workspace.user.username,
                                        note=note, recorded_at=workspace.clock()))
        workspace.audit(session, audit.Action.REFERRAL_STATUS, "referral", row.id)


def _views(workspace: Workspace, session, rows, with_steps: bool) -> list[ReferralView]:
    steps: dict[int, list[Step]] = {}
    if with_steps and rows:
        for referral_id, status, on, username, note in session.execute(
                select(ReferralEvent.referral_id, ReferralEvent.status, ReferralEvent.on,
                       ReferralEvent.username, ReferralEvent.note)
                .where(ReferralEvent.referral_id.in_([r[0].id for r in rows]))
                .order_by(ReferralEvent.id)):
            steps.setdefault(referral_id, []).append(Step(status, on, username, note))
    return [ReferralView(
        r.id, r.number, r.person_id, case, identity.list_label(workspace, name, hidden,
                                                               pseudonym),
        institution, kind, r.domain, r.urgency, r.status, r.created_on, r.consent, r.reason,
        r.outcome, tuple(steps.get(r.id, ())), r.version)
        for r, case, name, hidden, pseudonym, institution, kind in rows]


def _query():
    return (select(Referral, Person.case_number, Person.full_name, Person.hidden_identity,
                   Person.pseudonym, Institution.name, Institution.kind)
            .join(Person, Person.id == Referral.person_id)
            .join(Institution, Institution.id == Referral.institution_id))


def listing(workspace: Workspace, *, open_only: bool = False, person_id: int | None = None,
            limit: int = 500) -> list[ReferralView]:
    """The latest referrals first; open ones only, or one resident's."""
    workspace.require(Permission.VIEW_RESIDENTS)
    query = _query().order_by(Referral.created_on.desc(), Referral.id.desc()).limit(limit)
    if open_only:
        query = query.where(Referral.status.in_(OPEN))
    if person_id is not None:
        query = query.where(Referral.person_id == person_id)
    with workspace.session() as session:
        return _views(workspace, session, session.execute(query).all(), person_id is not None)


def detail(workspace: Workspace, referral_id: int) -> ReferralView:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        rows = session.execute(_query().where(Referral.id == referral_id)).all()
        if not rows:
            raise InputError(_("This referral no longer exists."), "referral")
        return _views(workspace, session, rows, True)[0]


def id_of(workspace: Workspace, number: str) -> int:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        found = session.scalar(select(Referral.id).where(Referral.number == number.strip()))
    if found is None:
        raise InputError(_("No referral has the number {number}.").format(number=number),
                         "number")
    return found
