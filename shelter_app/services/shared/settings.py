"""Shelter settings, kept inside the encrypted database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Setting
from shelter_app.domain.roles import Permission
from shelter_app.i18n import LANGUAGES, _
from shelter_app.services.shared import audit, validation
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import device

DEFAULT_IDLE_MINUTES = 5


class SettingKey(StrEnum):
    SHELTER_NAME = "shelter_name"
    TIME_ZONE = "time_zone"
    IDLE_LOCK_MINUTES = "idle_lock_minutes"
    BACKUP_REMINDER_DAYS = "backup_reminder_days"
    LAST_BACKUP_AT = "last_backup_at"
    # the letterhead of letters and handover records; each may stay empty
    SHELTER_ADDRESS = "shelter_address"
    SHELTER_CITY = "shelter_city"
    SHELTER_PHONE = "shelter_phone"
    HEAD_NAME = "head_name"
    # statistics for the province (issue 16): never below the CTDC's 11; the province is
    # what an export names instead of the shelter
    STATISTICS_THRESHOLD = "statistics_threshold"
    SHELTER_PROVINCE = "shelter_province"


@dataclass(frozen=True)
class ShelterSettings:
    shelter_name: str
    time_zone: str
    idle_lock_minutes: int
    language: str
    keyring_available: bool
    demo: bool
    backup_reminder_days: int = 7
    last_backup_at: dt.datetime | None = None
    address: str = ""
    city: str = ""
    phone: str = ""
    head_name: str = ""
    on_server: bool = False  # a server's workstation: keys open by password on any PC
    statistics_threshold: int = 11
    province: str = ""

    @property
    def keys_by_password_alone_here(self) -> bool:
        """A one-PC shelter whose keys this PC's credential store cannot strengthen (on a
        server they are password-only by design, for any of its PCs)."""
        return not self.keyring_available and not self.on_server

    def backup_overdue(self, now: dt.datetime) -> bool:
        if self.last_backup_at is None:
            return True
        return now - self.last_backup_at > dt.timedelta(days=self.backup_reminder_days)


def write_initial_settings(session: Session, values: dict[SettingKey, str]) -> None:
    for key, value in values.items():
        session.add(Setting(key=key.value, value=value))


def _read(session: Session) -> dict[str, str]:
    keys = [k.value for k in SettingKey]
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))
    return {key: value for key, value in rows}


def get_settings(workspace: Workspace) -> ShelterSettings:
    workspace.require(Permission.VIEW_SETTINGS)
    with workspace.session() as session:
        stored = _read(session)
    language = workspace.data_dir.read_preferences().get("language", "id")
    return ShelterSettings(
        shelter_name=stored.get(SettingKey.SHELTER_NAME, ""),
        time_zone=stored.get(SettingKey.TIME_ZONE, "Asia/Jakarta"),
        idle_lock_minutes=int(stored.get(SettingKey.IDLE_LOCK_MINUTES, DEFAULT_IDLE_MINUTES)),
        language=language if language in LANGUAGES else "id",
        keyring_available=device.keyring_available(),
        demo=workspace.key_file.demo,
        on_server=workspace.is_server,
        backup_reminder_days=int(stored.get(SettingKey.BACKUP_REMINDER_DAYS, 7)),
        last_backup_at=(dt.datetime.fromisoformat(stored[SettingKey.LAST_BACKUP_AT])
                        if stored.get(SettingKey.LAST_BACKUP_AT) else None),
        address=stored.get(SettingKey.SHELTER_ADDRESS, ""),
        city=stored.get(SettingKey.SHELTER_CITY, ""),
        phone=stored.get(SettingKey.SHELTER_PHONE, ""),
        head_name=stored.get(SettingKey.HEAD_NAME, ""),
        statistics_threshold=_threshold_of(stored),
        province=stored.get(SettingKey.SHELTER_PROVINCE, ""),
    )


MIN_STATISTICS_THRESHOLD = 11  # the CTDC's k: a smaller count may point at a person


def _threshold_of(stored: dict[str, str]) -> int:
    try:
        value = int(stored.get(SettingKey.STATISTICS_THRESHOLD, MIN_STATISTICS_THRESHOLD))
    except ValueError:
        return MIN_STATISTICS_THRESHOLD
    return max(value, MIN_STATISTICS_THRESHOLD)


def statistics_setup(session: Session) -> tuple[int, str]:
    """The statistics threshold (never below 11) and the shelter's province code."""
    stored = _read(session)
    return _threshold_of(stored), stored.get(SettingKey.SHELTER_PROVINCE, "")


def check_statistics_threshold(value: int) -> int:
    if value < MIN_STATISTICS_THRESHOLD:
        raise InputError(_("The statistics threshold cannot be below 11: smaller counts "
                           "could point at a person (the CTDC's rule)."),
                         "statistics_threshold")
    if value > 1000:
        raise InputError(_("The statistics threshold is at most 1000."),
                         "statistics_threshold")
    return value


def update_settings(workspace: Workspace, *, shelter_name: str | None = None,
                    time_zone: str | None = None, idle_lock_minutes: int | None = None,
                    backup_reminder_days: int | None = None, address: str | None = None,
                    city: str | None = None, phone: str | None = None,
                    head_name: str | None = None, statistics_threshold: int | None = None,
                    province: str | None = None) -> None:
    """Each value given is checked and stored; None leaves a setting as it is."""
    workspace.require(Permission.MANAGE_SETTINGS)
    changes: dict[SettingKey, str] = {}
    for key, value, check in (
            (SettingKey.SHELTER_ADDRESS, address, validation.address),
            (SettingKey.SHELTER_CITY, city, validation.city),
            (SettingKey.SHELTER_PHONE, phone, validation.phone),
            (SettingKey.HEAD_NAME, head_name, validation.head_name)):
        if value is not None:
            changes[key] = check(value)
    if shelter_name is not None:
        changes[SettingKey.SHELTER_NAME] = validation.shelter_name(shelter_name)
    if time_zone is not None:
        changes[SettingKey.TIME_ZONE] = validation.time_zone(time_zone)
    if idle_lock_minutes is not None:
        changes[SettingKey.IDLE_LOCK_MINUTES] = str(validation.idle_minutes(idle_lock_minutes))
    if backup_reminder_days is not None:
        if not 1 <= backup_reminder_days <= 90:
            raise InputError(_("The backup reminder is between 1 and 90 days."),
                             "backup_reminder_days")
        changes[SettingKey.BACKUP_REMINDER_DAYS] = str(backup_reminder_days)
    if statistics_threshold is not None:
        changes[SettingKey.STATISTICS_THRESHOLD] = str(
            check_statistics_threshold(statistics_threshold))
    if province is not None:
        from shelter_app.i18n import places

        if province and province not in dict(places.provinces()):
            raise InputError(_("An unknown province was given."), "province")
        changes[SettingKey.SHELTER_PROVINCE] = province
    if not changes:
        return
    with workspace.session() as session:
        for key, value in changes.items():
            session.merge(Setting(key=key.value, value=value))
        workspace.audit(session, audit.Action.SETTINGS_CHANGE, "settings",
                        ",".join(sorted(k.value for k in changes)))


def shelter_zone(session: Session) -> ZoneInfo:
    """The shelter's time zone: sessions are booked and shown in its local time."""
    return ZoneInfo(session.scalar(select(Setting.value).where(
        Setting.key == SettingKey.TIME_ZONE.value)) or "Asia/Jakarta")


def shelter_today(workspace: Workspace, session: Session) -> dt.date:
    """Today in the shelter's time zone: the day a stay's census counts in."""
    return workspace.clock().astimezone(shelter_zone(session)).date()


def shelter_name(session: Session) -> str:
    return session.scalar(select(Setting.value).where(
        Setting.key == SettingKey.SHELTER_NAME.value)) or ""


@dataclass(frozen=True)
class Letterhead:
    """What a letter's head and signature need; empty strings where nothing is set."""

    shelter_name: str
    address: str
    city: str
    phone: str
    head_name: str


def letterhead(session: Session) -> Letterhead:
    stored = _read(session)
    return Letterhead(shelter_name=stored.get(SettingKey.SHELTER_NAME, ""),
                      address=stored.get(SettingKey.SHELTER_ADDRESS, ""),
                      city=stored.get(SettingKey.SHELTER_CITY, ""),
                      phone=stored.get(SettingKey.SHELTER_PHONE, ""),
                      head_name=stored.get(SettingKey.HEAD_NAME, ""))
