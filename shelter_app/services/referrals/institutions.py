"""The directory of partner institutions: entered one by one or imported from a CSV file
(all rows or none; a row already in the directory by name is skipped, not doubled)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlalchemy import func, select

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import Institution
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import InstitutionType, ServiceDomain, store_many
from shelter_app.i18n import _
from shelter_app.services.residents.fields import normal_phone
from shelter_app.services.shared import audit
from shelter_app.services.shared.concurrency import claim
from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage import untrusted

CSV_COLUMNS = ("name", "type", "services", "address", "phone", "email", "contact_person")
MAX_IMPORT_BYTES = 2_000_000
MAX_IMPORT_ROWS = 5_000


@dataclass(frozen=True)
class InstitutionData:
    name: str
    kind: str
    services: tuple[str, ...] = ()
    address: str = ""
    phone: str = ""
    email: str = ""
    contact_person: str = ""
    active: bool = True


@dataclass(frozen=True)
class InstitutionInfo:
    id: int
    data: InstitutionData
    version: int = 0  # as read: given back by update (expected_version)


@dataclass
class ImportResult:
    added: int = 0
    skipped: list[str] = field(default_factory=list)  # names already in the directory


def _clean(data: InstitutionData) -> dict:
    name = " ".join(data.name.split())
    if not name or len(name) > 200:
        raise InputError(_("An institution needs a name of at most 200 characters."), "name")
    try:
        kind = InstitutionType(data.kind).value
        services = [ServiceDomain(code).value for code in data.services]
    except ValueError:
        raise InputError(_("An unknown choice was given."), "kind") from None
    email = data.email.strip()
    if email and ("@" not in email or " " in email or len(email) > 120):
        raise InputError(_("This e-mail address is not valid."), "email")
    texts = {"address": (data.address, 500), "contact_person": (data.contact_person, 120)}
    for key, (value, limit) in texts.items():
        if len(value.strip()) > limit:
            raise InputError(_("This text is too long."), key)
    return {"name": name, "kind": kind, "services": store_many(services),
            "address": data.address.strip(), "phone": normal_phone(data.phone),
            "email": email, "contact_person": " ".join(data.contact_person.split()),
            "active": data.active}


def _name_taken(session, name: str, except_id: int | None = None) -> bool:
    query = select(Institution.id).where(func.lower(Institution.name) == name.lower())
    if except_id is not None:
        query = query.where(Institution.id != except_id)
    return session.scalar(query) is not None


def add(workspace: Workspace, data: InstitutionData) -> int:
    workspace.require(Permission.MANAGE_INSTITUTIONS)
    values = _clean(data)
    with workspace.session() as session:
        if _name_taken(session, values["name"]):
            raise InputError(_("An institution with this name is in the directory already."),
                             "name")
        row = Institution(created_at=workspace.clock(), **values)
        session.add(row)
        session.flush()
        workspace.audit(session, audit.Action.INSTITUTION, "institution", row.id)
        return row.id


def update(workspace: Workspace, institution_id: int, data: InstitutionData,
           expected_version: int | None = None) -> None:
    """RecordChanged when someone else saved the institution since the InstitutionInfo
    of `expected_version` was read."""
    workspace.require(Permission.MANAGE_INSTITUTIONS)
    values = _clean(data)
    with workspace.session() as session:
        row = session.get(Institution, institution_id)
        if row is None:
            raise InputError(_("This institution no longer exists."), "institution")
        claim(row, expected_version)
        if _name_taken(session, values["name"], institution_id):
            raise InputError(_("An institution with this name is in the directory already."),
                             "name")
        for key, value in values.items():
            setattr(row, key, value)
        workspace.audit(session, audit.Action.INSTITUTION, "institution", row.id)


def directory(workspace: Workspace, *, active_only: bool = False,
              service: str | None = None) -> list[InstitutionInfo]:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        query = select(Institution).order_by(Institution.name)
        if active_only:
            query = query.where(Institution.active.is_(True))
        if service:
            query = query.where(Institution.services.contains(f",{service},"))
        return [InstitutionInfo(row.id, InstitutionData(
            row.name, row.kind, tuple(c.value for c in ServiceDomain.parse_many(row.services)),
            row.address, row.phone, row.email, row.contact_person, row.active), row.version)
            for row in session.scalars(query)]


def read_file(path) -> bytes:
    """The list's bytes, never more than an import takes (see storage/untrusted.py)."""
    return untrusted.read_limited(path, MAX_IMPORT_BYTES, _too_big())


def _too_big() -> str:
    return _("The file is too big for an institutions list.")


def _rows(content: bytes) -> list[dict]:
    if len(content) > MAX_IMPORT_BYTES:
        raise InputError(_too_big(), "file")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("The file is not UTF-8 text. Save it from the spreadsheet as "
                           "\"CSV UTF-8\"."), "file") from None
    if "\x00" in text:
        raise InputError(_("This is not a CSV file."), "file")
    if not text.strip():
        raise InputError(_("The file has no institutions in it."), "file")
    # Spreadsheets in Indonesia often save with ";": the header line says which it is.
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
        if "name" not in header or "type" not in header:
            raise InputError(_("The first row must name the columns: {columns}.").format(
                columns=", ".join(CSV_COLUMNS)), "file")
        rows = []
        for row in reader:
            rows.append({(k or "").strip().lower(): (v if isinstance(v, str) else "")
                         for k, v in row.items()})
            if len(rows) > MAX_IMPORT_ROWS:
                raise InputError(_("An import takes at most {count} rows.").format(
                    count=MAX_IMPORT_ROWS), "file")
    except csv.Error:
        raise InputError(_("This is not a CSV file."), "file") from None
    return rows


def _split_codes(value: str, kind) -> tuple[str, ...]:
    """Codes or labels, separated by ; or |: "health_medical; Legal: litigation"."""
    labels = {c.label.lower(): c.value for c in kind} | {c.value: c.value for c in kind}
    found = []
    for part in value.replace("|", ";").split(";"):
        part = part.strip().lower()
        if part:
            if part not in labels:
                raise ValueError(part)
            found.append(labels[part])
    return tuple(found)


def import_csv(workspace: Workspace, content: bytes) -> ImportResult:
    """Columns: name, type, services, address, phone, email, contact_person. A bad row
    stops the import with its row number; nothing is saved."""
    workspace.require(Permission.MANAGE_INSTITUTIONS)
    rows = _rows(content)
    if not rows:
        raise InputError(_("The file has no institutions in it."), "file")
    result, cleaned = ImportResult(), []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        try:
            kinds = _split_codes(row.get("type", ""), InstitutionType)
            services = _split_codes(row.get("services", ""), ServiceDomain)
            values = _clean(InstitutionData(
                row.get("name", ""), kinds[0] if len(kinds) == 1 else "", services,
                row.get("address", ""), row.get("phone", ""), row.get("email", ""),
                row.get("contact_person", "")))
        except (InputError, ValueError) as error:
            reason = str(error) if isinstance(error, InputError) else _(
                "unknown type or service \"{value}\"").format(value=str(error)[:40])
            raise InputError(_("Row {row}: {reason} Nothing was imported.").format(
                row=number, reason=reason), "file") from None
        if values["name"].lower() in seen:
            result.skipped.append(values["name"])
            continue
        seen.add(values["name"].lower())
        cleaned.append(values)
    with workspace.session() as session:
        for values in cleaned:
            if _name_taken(session, values["name"]):
                result.skipped.append(values["name"])
                continue
            session.add(Institution(created_at=workspace.clock(), **values))
            result.added += 1
        workspace.audit(session, audit.Action.INSTITUTIONS_IMPORT, "institution",
                        result.added)
    return result
