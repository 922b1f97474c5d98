"""SQLAlchemy 2 models. Times are stored in UTC; a day of a stay is a local date."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from shelter_app.domain.vocab import CaseStage


class UtcDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


class Versioned:
    """A record a screen edits: every UPDATE says which version it changes and counts it
    up, so a save made elsewhere since it was read fails (StaleDataError, told to the user
    as RecordChanged by the workspace) instead of being overwritten."""

    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(16))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AuditEvent(Base):
    """Who did what to which record, never the record's contents; hash-chained."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    username: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Person(Versioned, Base):
    """A resident (penghuni) and their case: one person, possibly with several stays.

    The case's coded multi-selects are stored as `,code,code,` (see vocab.store_many).
    """

    __tablename__ = "persons"
    # A manager's login asks for hidden identities not sealed yet (none, nearly always):
    # without it the question read every person, and 43 MB of pages stayed in the cache
    __table_args__ = (Index("ix_persons_hidden_unsealed", "hidden_identity",
                            "sealed_full_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    alias: Mapped[str] = mapped_column(String(200), default="")
    pseudonym: Mapped[str] = mapped_column(String(60), default="")
    hidden_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    sex: Mapped[str] = mapped_column(String(1), index=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    birth_date_estimated: Mapped[bool] = mapped_column(Boolean, default=False)
    nik: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    nationality: Mapped[str] = mapped_column(String(2), default="ID")
    languages: Mapped[str] = mapped_column(String(200), default="")
    province: Mapped[str] = mapped_column(String(8), default="")
    regency: Mapped[str] = mapped_column(String(120), default="")
    education: Mapped[str] = mapped_column(String(16), default="unknown")
    marital_status: Mapped[str] = mapped_column(String(16), default="unknown")
    children: Mapped[int] = mapped_column(Integer, default=0)
    disability: Mapped[str] = mapped_column(String(200), default="")
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    modus: Mapped[str] = mapped_column(String(200), default="")
    exploitation_types: Mapped[str] = mapped_column(String(400), default="")
    control_methods: Mapped[str] = mapped_column(String(600), default="")
    recruitment_methods: Mapped[str] = mapped_column(String(400), default="")
    exploitation_country: Mapped[str] = mapped_column(String(2), default="")
    exploitation_place: Mapped[str] = mapped_column(String(200), default="")
    police_report_number: Mapped[str] = mapped_column(String(80), default="")
    lpsk_protection: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_services_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    consent_services_witness: Mapped[str] = mapped_column(String(120), default="")
    consent_sharing_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    consent_sharing_witness: Mapped[str] = mapped_column(String(120), default="")
    risk_level: Mapped[str] = mapped_column(String(8), default="medium")
    stage: Mapped[str] = mapped_column(String(1), default=CaseStage.APPROACH, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # A hidden identity's real name, alias and NIK, sealed under the managers' key
    # (services/shared/sealed_identity.py); empty for everyone else.
    # deferred: loaded only where the managers' key opens them (a server refuses them
    # to other roles, storage/pg_schema.py)
    sealed_full_name: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True,
                                                           deferred=True)
    sealed_alias: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True,
                                                       deferred=True)
    sealed_nik: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)

    stays: Mapped[list[Stay]] = relationship(back_populates="person", order_by="Stay.id")
    contacts: Mapped[list[Contact]] = relationship(back_populates="person",
                                                   cascade="all, delete-orphan")


class IdentityCheck(Base):
    """An admission (or a change of name or NIK) waiting to be compared with the
    protected records: one row for every one, deleted when a manager's login compares
    it (services/residents/protected.py), so a row says nothing of the result."""

    __tablename__ = "identity_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)


class Stay(Versioned, Base):
    """One stay: admission to discharge (open while discharge is empty), with the
    evacuation that brought the person in."""

    __tablename__ = "stays"
    __table_args__ = (
        Index("one_open_stay_per_person", "person_id", unique=True,
              sqlite_where=text("discharge_date IS NULL"),
              postgresql_where=text("discharge_date IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    admission_date: Mapped[dt.date] = mapped_column(Date, index=True)
    discharge_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    evacuated_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    evacuated_from: Mapped[str] = mapped_column(String(200), default="")
    evacuated_by: Mapped[str] = mapped_column(String(200), default="")
    referred_by: Mapped[str] = mapped_column(String(200), default="")
    discharge_reason: Mapped[str] = mapped_column(String(32), default="")
    discharge_destination: Mapped[str] = mapped_column(String(200), default="")

    person: Mapped[Person] = relationship(back_populates="stays")
    beds: Mapped[list[BedAssignment]] = relationship(back_populates="stay",
                                                     order_by="BedAssignment.id")


class Contact(Versioned, Base):
    """Family and contacts. A trafficker can be family: `must_not_visit` says so."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str] = mapped_column(String(32), default="")
    safe: Mapped[bool] = mapped_column(Boolean, default=False)
    must_not_visit: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    # an identity document's number (services/residents/fields.normal_id_number)
    id_number: Mapped[str] = mapped_column(String(32), default="", server_default="")

    person: Mapped[Person] = relationship(back_populates="contacts")


class StageMove(Base):
    """A case moving to one of the six stages of BAB III, when and by whom."""

    __tablename__ = "stage_moves"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    stage: Mapped[str] = mapped_column(String(1))
    moved_on: Mapped[dt.date] = mapped_column(Date)
    username: Mapped[str] = mapped_column(String(32))


class Room(Versioned, Base):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    designation: Mapped[str] = mapped_column(String(16))

    beds: Mapped[list[Bed]] = relationship(back_populates="room", order_by="Bed.id")


class Bed(Versioned, Base):
    __tablename__ = "beds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"), index=True)
    label: Mapped[str] = mapped_column(String(30))

    room: Mapped[Room] = relationship(back_populates="beds")


class BedAssignment(Versioned, Base):
    """A stay in a bed from `start_date` until `end_date` (open while empty). The
    partial unique indexes make "one person a bed, one bed a stay" hold in the file."""

    __tablename__ = "bed_assignments"
    __table_args__ = (
        Index("one_person_per_bed", "bed_id", unique=True,
              sqlite_where=text("end_date IS NULL"),
              postgresql_where=text("end_date IS NULL")),
        Index("one_bed_per_stay", "stay_id", unique=True,
              sqlite_where=text("end_date IS NULL"),
              postgresql_where=text("end_date IS NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"), index=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    stay: Mapped[Stay] = relationship(back_populates="beds")
    bed: Mapped[Bed] = relationship()


class PortableSlot(Base):
    """A user's key slot without the device secret, kept *inside* the encrypted database
    so that a backup restored on another PC lets users log in with their passwords. It
    is never written outside the database; at the first login on the new PC the key
    file's slot is bound to that PC's credential store again."""

    __tablename__ = "portable_slots"

    slot_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot_json: Mapped[str] = mapped_column(Text)


class PublicKey(Base):
    """A user's (or the recovery key's) X25519 public key; its private key is in their key
    slot. Role keys are sealed to it (storage/sealed.py)."""

    __tablename__ = "public_keys"

    holder: Mapped[str] = mapped_column(String(40), primary_key=True)  # username or #recovery
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    registered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class RoleKey(Base):
    """That a role key exists (counsellors', managers'); the key itself is only ever
    stored sealed to its holders' public keys (SealedRoleKey)."""

    __tablename__ = "role_keys"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SealedRoleKey(Base):
    """One holder's copy of a role key, sealed to their public key."""

    __tablename__ = "sealed_role_keys"

    role_key: Mapped[str] = mapped_column(ForeignKey("role_keys.name"), primary_key=True)
    holder: Mapped[str] = mapped_column(String(40), primary_key=True)
    recipient_key: Mapped[bytes] = mapped_column(LargeBinary)  # the public key sealed to
    box: Mapped[bytes] = mapped_column(LargeBinary)
    sealed_by: Mapped[str] = mapped_column(String(40))
    sealed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ProvisionItem(Versioned, Base):
    """An item of the subsistence provisions (jaminan hidup): a meal, a set of clothes."""

    __tablename__ = "provision_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(24))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    standard_quantity: Mapped[int] = mapped_column(Integer, default=0)  # daily package
    arrival_quantity: Mapped[int] = mapped_column(Integer, default=0)  # on day 1 too

    prices: Mapped[list[ItemPrice]] = relationship(order_by="ItemPrice.effective_from")


class ItemPrice(Base):
    """A unit cost in whole rupiah from a day on; past costs are never rewritten."""

    __tablename__ = "item_prices"
    __table_args__ = (Index("one_price_a_day", "item_id", "effective_from", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("provision_items.id"))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    unit_cost_idr: Mapped[int] = mapped_column(Integer)


class Provision(Base):
    """What one resident was given on one day, costed at that day's price. `stage` and
    `flagged` follow the windows rule when it is recorded; a decision clears the flag."""

    __tablename__ = "provisions"
    __table_args__ = (
        Index("one_line_per_item_a_day", "stay_id", "day", "item_id", unique=True),
        Index("ix_provisions_day", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    item_id: Mapped[int] = mapped_column(ForeignKey("provision_items.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_cost_idr: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(9))
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    given_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class ProvisionDay(Base):
    """A resident's day recorded in a daily round, whatever was given: with no lines it
    says "nothing given", which is not the same as "not recorded yet"."""

    __tablename__ = "provision_days"
    __table_args__ = (Index("one_record_per_stay_a_day", "stay_id", "day", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"))
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class StayDecision(Base):
    """The review that moves a stay into stage 2, or a manager's extension past day 14."""

    __tablename__ = "stay_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # a DecisionKind
    decided_on: Mapped[dt.date] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CounsellingSession(Versioned, Base):
    """A counselling session (BAB III stages 2-4). Its notes are deferred, so nothing
    that lists sessions loads them by accident; only services/counselling/session_notes
    reads them."""

    __tablename__ = "counselling_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    starts_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)
    series: Mapped[str] = mapped_column(String(32), default="")  # weekly bookings share it
    clash_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="", deferred=True)
    booked_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    counsellors: Mapped[list[SessionCounsellor]] = relationship(
        cascade="all, delete-orphan", order_by="SessionCounsellor.username")
    participants: Mapped[list[SessionParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="SessionParticipant.id")
    room: Mapped[Room | None] = relationship()


class SessionCounsellor(Base):
    __tablename__ = "session_counsellors"

    session_id: Mapped[int] = mapped_column(ForeignKey("counselling_sessions.id"),
                                            primary_key=True)
    username: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class SessionParticipant(Base):
    """A resident, or for family counselling a family member from the contacts.
    `attended` stays empty until the session is recorded."""

    __tablename__ = "session_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("counselling_sessions.id"),
                                            index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), nullable=True,
                                                  index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"), nullable=True)
    attended: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class Assessment(Base):
    """One version of a resident's assessment (BAB II C.3.b.3); earlier ones are kept."""

    __tablename__ = "assessments"
    __table_args__ = (Index("one_assessment_version", "person_id", "version", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"))
    version: Mapped[int] = mapped_column(Integer)
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessed_by: Mapped[str] = mapped_column(String(32))
    problems: Mapped[str] = mapped_column(Text, default="")
    needs_json: Mapped[str] = mapped_column(Text, default="{}")  # domain -> need
    root_cause: Mapped[str] = mapped_column(Text, default="")
    priorities: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CaseConference(Base):
    """A case conference (sidang kasus): who took part, and what was decided."""

    __tablename__ = "case_conferences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    participants: Mapped[str] = mapped_column(Text)  # staff and outside people
    decisions: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    cases: Mapped[list[ConferenceCase]] = relationship(cascade="all, delete-orphan",
                                                       order_by="ConferenceCase.id")


class ConferenceCase(Base):
    __tablename__ = "conference_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("case_conferences.id"),
                                               index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    decision: Mapped[str] = mapped_column(Text, default="")


class PlanGoal(Versioned, Base):
    """A goal of a resident's empowerment plan, set or changed by a case conference."""

    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    domain: Mapped[str] = mapped_column(String(16))
    goal: Mapped[str] = mapped_column(Text)
    actions: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    target_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("case_conferences.id"),
                                                      nullable=True)
    updated_on: Mapped[dt.date] = mapped_column(Date)


class Institution(Versioned, Base):
    """A partner institution the shelter refers people to. Entered or imported by staff;
    none ship with the app."""

    __tablename__ = "institutions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    services: Mapped[str] = mapped_column(String(400), default="")  # ,domain,domain,
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    contact_person: Mapped[str] = mapped_column(String(120), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Referral(Versioned, Base):
    """A referral (rujukan) of a resident to an institution for a service. `consent` is
    "recorded" (the person agreed to share data) or "override" (a manager's reason)."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institutions.id"), index=True)
    domain: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(10), default="routine")
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    consent: Mapped[str] = mapped_column(String(10))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_on: Mapped[dt.date] = mapped_column(Date, index=True)
    created_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    events: Mapped[list[ReferralEvent]] = relationship(order_by="ReferralEvent.id",
                                                       cascade="all, delete-orphan")
    institution: Mapped[Institution] = relationship()


class ReferralEvent(Base):
    """One step of a referral's status history: when, by whom, with a note."""

    __tablename__ = "referral_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    on: Mapped[dt.date] = mapped_column(Date)
    username: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class FollowUp(Versioned, Base):
    """A follow-up home visit after discharge (BAB III stage 6): due, then visited or not
    reached, with what was found."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"))
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(8), default="planned")
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    visited_by: Mapped[str] = mapped_column(String(32), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CaseClosure(Base):
    """A case closed with its termination record, or reopened, with the reason."""

    __tablename__ = "case_closures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # a ClosureKind
    on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CaseTransfer(Base):
    """A case moved to another shelter ("out": the stay `stay_id` ended with it, or none
    when the person was not in the shelter) or received from one ("in": the stay it
    began). `consent` is "recorded" or "override" (a manager's reason), as for referrals."""

    __tablename__ = "case_transfers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    stay_id: Mapped[int | None] = mapped_column(ForeignKey("stays.id"), nullable=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" or "out"
    on: Mapped[dt.date] = mapped_column(Date)
    other_shelter: Mapped[str] = mapped_column(String(200))
    other_case_number: Mapped[str] = mapped_column(String(32), default="")
    consent: Mapped[str] = mapped_column(String(10), default="")  # empty for "in"
    override_reason: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Visit(Base):
    """A visitor at the gate (services/residents/visitors.py): who came, for whom, and
    what became of it: "stopped" (a must-not-visit contact matched), "refused" (the
    resident did not agree, or nobody here could be asked) or "visited". `person_id` is
    whom they asked for, empty when it was nobody staying here."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    visitor_name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    relation: Mapped[str] = mapped_column(String(16), default="other")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), nullable=True,
                                                  index=True)
    asked_for: Mapped[str] = mapped_column(String(200), default="")  # as the visitor said
    outcome: Mapped[str] = mapped_column(String(10))
    agreement_asked_by: Mapped[str] = mapped_column(String(120), default="")
    agreed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    left_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Incident(Versioned, Base):
    """A security or care incident (services/residents/incidents.py): its kind, when it
    happened, its severity, what happened and what was done, who was told (`told`: the
    codes police, family, referrer, other, comma-separated, with `told_detail`: names and
    when), and the follow-up. A serious or critical one alerts the manager on the
    dashboard until `handled_at`."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    severity: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text, default="")
    told: Mapped[str] = mapped_column(String(64), default="")
    told_detail: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    follow_up_done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handled_by: Mapped[str] = mapped_column(String(32), default="")
    handled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True,
                                                           index=True)
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class IncidentPerson(Base):
    """A resident involved in an incident."""

    __tablename__ = "incident_persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)


class Document(Base):
    """A document held in the office safe for a resident (services/residents/documents.py):
    its kind (a vocab code: ktp, passport, ...), number, received when and from whom,
    where it is kept, and where it is now: "safe", "lent" (to `lent_to` since
    `lent_on`) or "returned" (handed back to the resident on `handed_back_on`). Every
    change is a DocumentMovement."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[dt.date] = mapped_column(Date)
    received_from: Mapped[str] = mapped_column(String(200), default="")
    kept_at: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), index=True)
    lent_to: Mapped[str] = mapped_column(String(200), default="")
    lent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    lent_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # due back
    handed_back_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class DocumentMovement(Base):
    """One movement of a document: "received", "lent" (to `party`, an institution of
    kind `institution`), "returned" (to the safe) or "handed_back" (to the resident);
    who recorded it and when."""

    __tablename__ = "document_movements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    on: Mapped[dt.date] = mapped_column(Date)
    party: Mapped[str] = mapped_column(String(200), default="")
    institution: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # a loan's due day
    username: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Course(Versioned, Base):
    """A course or activity of BAB III stage 4 (services/counselling/training.py): a
    skills training or a community activity, its provider (an institution of the
    directory, or none: the shelter itself), its days and place."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    skill: Mapped[str] = mapped_column(String(16))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id"),
                                                       nullable=True)
    starts_on: Mapped[dt.date] = mapped_column(Date, index=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CourseParticipant(Versioned, Base):
    """A resident in a course: taking part, completed (on `completed_on`, with a
    certificate when `certificate_number` or `certificate` says so) or left early."""

    __tablename__ = "course_participants"
    __table_args__ = (UniqueConstraint("course_id", "person_id",
                                       name="uq_course_participants"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="enrolled")
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    certificate: Mapped[bool] = mapped_column(Boolean, default=False)
    certificate_number: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class Placement(Versioned, Base):
    """A placement by interest (BAB III stage 5): work, school, her own business (with
    the start-up help given, in whole rupiah) or return to the family; where, from when,
    how ready she was judged, and its status."""

    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institutions.id"),
                                                       nullable=True)
    place: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[dt.date] = mapped_column(Date, index=True)
    readiness: Mapped[str] = mapped_column(Text, default="")
    startup_help: Mapped[str] = mapped_column(Text, default="")
    startup_value: Mapped[int | None] = mapped_column(Integer, nullable=True)  # rupiah
    status: Mapped[str] = mapped_column(String(8), default="planned")
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PlacementCheck(Base):
    """How a placement went when somebody looked (a follow-up visit, `follow_up_id`, or
    another contact): going well, with difficulties, or ended."""

    __tablename__ = "placement_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placements.id"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id"),
                                                     nullable=True)
    username: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
