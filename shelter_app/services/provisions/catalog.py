"""The provision catalog: items, their price history in whole rupiah, the standard daily
package and what a new arrival gets on day 1 on top of it (the arrival items: a hygiene
kit, clothes). A new price never rewrites the cost of what was already given."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.domain.errors import InputError
from shelter_app.domain.models import ItemPrice, Provision, ProvisionItem
from shelter_app.domain.roles import Permission
from shelter_app.domain.vocab import ProvisionCategory
from shelter_app.i18n import _
from shelter_app.services.shared import audit
from shelter_app.services.shared.settings import shelter_today
from shelter_app.services.shared.workspace import Workspace

MAX_UNIT_COST = 100_000_000
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,23}$")


@dataclass(frozen=True)
class ItemInfo:
    item_id: int
    code: str
    name: str
    category: str
    unit: str
    unit_cost_idr: int  # today's price
    standard_quantity: int
    active: bool
    arrival_quantity: int = 0  # on day 1 of a stay, on top of the daily package


def _cost(value) -> int:
    if isinstance(value, float) or isinstance(value, bool):
        raise InputError(_("A price is a whole number of rupiah."), "unit_cost")
    try:
        cost = int(value)
    except (TypeError, ValueError):
        raise InputError(_("A price is a whole number of rupiah."), "unit_cost") from None
    if not 0 <= cost <= MAX_UNIT_COST:
        raise InputError(_("A price is between 0 and {maximum} rupiah.").format(
            maximum=MAX_UNIT_COST), "unit_cost")
    return cost


def price_on(session: Session, item_id: int, day: dt.date) -> int | None:
    return session.scalar(select(ItemPrice.unit_cost_idr).where(
        ItemPrice.item_id == item_id, ItemPrice.effective_from <= day)
        .order_by(ItemPrice.effective_from.desc()).limit(1))


def item_order(category: str, item_id: int) -> tuple[int, int]:
    """Where an item stands in the round and the catalog: by category (meals first, as
    the categories are listed), then in the order the items were added, so the meals
    come in the order of the day (breakfast, lunch, dinner), never alphabetically."""
    categories = [choice.value for choice in ProvisionCategory]
    return (categories.index(category) if category in categories else len(categories),
            item_id)


def items(workspace: Workspace, *, active_only: bool = True) -> list[ItemInfo]:
    workspace.require(Permission.VIEW_RESIDENTS)
    with workspace.session() as session:
        today = shelter_today(workspace, session)
        query = select(ProvisionItem)
        if active_only:
            query = query.where(ProvisionItem.active.is_(True))
        found = sorted(session.scalars(query), key=lambda i: item_order(i.category, i.id))
        return [ItemInfo(i.id, i.code, i.name, i.category, i.unit,
                         price_on(session, i.id, today) or 0, i.standard_quantity, i.active,
                         i.arrival_quantity)
                for i in found]


def packages(session: Session) -> Callable[[int], dict[int, int]]:
    """package(day number) -> what a resident gets on that day of her stay unless staff
    change it ({item id: quantity}): the daily package, and on day 1 the arrival items
    on top of it."""
    rows = session.execute(select(ProvisionItem.id, ProvisionItem.standard_quantity,
                                  ProvisionItem.arrival_quantity)
                           .where(ProvisionItem.active.is_(True))).all()

    def package(day_number: int) -> dict[int, int]:
        quantities = {item_id: daily + (arrival if day_number == 1 else 0)
                      for item_id, daily, arrival in rows}
        return {item_id: quantity for item_id, quantity in quantities.items() if quantity}
    return package


def add_item(workspace: Workspace, code: str, name: str, category: str, unit: str,
             unit_cost_idr: int, standard_quantity: int = 0,
             effective_from: dt.date | None = None, arrival_quantity: int = 0) -> int:
    workspace.require(Permission.MANAGE_CATALOG)
    code = code.strip().upper()
    if not _CODE.match(code):
        raise InputError(_("A code has 2 to 24 capital letters, digits, dash or underscore."),
                         "code")
    name, unit = " ".join(name.split()), " ".join(unit.split())
    if not name or not unit:
        raise InputError(_("Give the item a name and a unit."), "name")
    try:
        category = ProvisionCategory(category).value
    except ValueError:
        raise InputError(_("An unknown choice was given."), "category") from None
    _check_quantities([standard_quantity, arrival_quantity])
    cost = _cost(unit_cost_idr)
    with workspace.session() as session:
        if session.scalar(select(ProvisionItem.id).where(ProvisionItem.code == code)):
            raise InputError(_("There is already an item with this code."), "code")
        item = ProvisionItem(code=code, name=name, category=category, unit=unit, active=True,
                             standard_quantity=standard_quantity,
                             arrival_quantity=arrival_quantity)
        item.prices.append(ItemPrice(effective_from=effective_from or dt.date(2000, 1, 1),
                                     unit_cost_idr=cost))
        session.add(item)
        session.flush()
        workspace.audit(session, audit.Action.CREATE, "provision_item", item.id)
        return item.id


def set_price(workspace: Workspace, item_id: int, unit_cost_idr: int,
              effective_from: dt.date) -> None:
    """A new price from a day on. Refused when provisions from that day on are already
    costed at the old price: past costs are never rewritten."""
    workspace.require(Permission.MANAGE_CATALOG)
    cost = _cost(unit_cost_idr)
    with workspace.session() as session:
        if session.get(ProvisionItem, item_id) is None:
            raise InputError(_("This item no longer exists."))
        costed = session.scalar(select(func.max(Provision.day)).where(
            Provision.item_id == item_id, Provision.day >= effective_from))
        if costed is not None:
            raise InputError(_("Provisions up to {day} are already costed at the old price. "
                               "Date the new price after that day.").format(
                day=costed.isoformat()), "effective_from")
        existing = session.scalar(select(ItemPrice).where(
            ItemPrice.item_id == item_id, ItemPrice.effective_from == effective_from))
        if existing is not None:
            existing.unit_cost_idr = cost
        else:
            session.add(ItemPrice(item_id=item_id, effective_from=effective_from,
                                  unit_cost_idr=cost))
        workspace.audit(session, audit.Action.UPDATE, "provision_item", item_id)


def _check_quantities(quantities) -> None:
    for quantity in quantities:
        if not isinstance(quantity, int) or isinstance(quantity, bool) or not (
                0 <= quantity <= 100):
            raise InputError(_("A quantity is between 0 and 100."), "quantity")


def set_standard_package(workspace: Workspace, quantities: dict[int, int],
                         arrival: dict[int, int] | None = None) -> None:
    """The daily package every present resident gets unless staff change it
    ({item id: quantity}), and the items a new arrival gets on day 1 on top of it."""
    workspace.require(Permission.MANAGE_CATALOG)
    arrival = arrival or {}
    _check_quantities([*quantities.values(), *arrival.values()])
    with workspace.session() as session:
        for item in session.scalars(select(ProvisionItem)):
            if item.id in quantities:
                item.standard_quantity = quantities[item.id]
            if item.id in arrival:
                item.arrival_quantity = arrival[item.id]
        workspace.audit(session, audit.Action.UPDATE, "standard_package", "")


DEFAULT_CATALOG = (  # (code, name, category, unit, rupiah, in the daily package)
    ("MAKAN-PAGI", "Makan pagi", "permakanan", "porsi", 15000, 1),
    ("MAKAN-SIANG", "Makan siang", "permakanan", "porsi", 20000, 1),
    ("MAKAN-MALAM", "Makan malam", "permakanan", "porsi", 20000, 1),
    ("AIR-MINUM", "Air minum", "permakanan", "botol", 4000, 2),
    ("KEBERSIHAN", "Perlengkapan mandi", "kebersihan", "paket", 12000, 0),
    ("PAKAIAN", "Pakaian", "sandang", "stel", 85000, 0),
    ("OBAT", "Obat ringan", "kesehatan", "paket", 25000, 0),
)
DEFAULT_ARRIVAL = {"KEBERSIHAN": 1, "PAKAIAN": 1}  # day 1: a hygiene kit and clothes


def seed_default_catalog(workspace: Workspace) -> None:
    """A starting catalog (the manager changes names, prices and the packages)."""
    for code, name, category, unit, cost, quantity in DEFAULT_CATALOG:
        add_item(workspace, code, name, category, unit, cost, quantity,
                 arrival_quantity=DEFAULT_ARRIVAL.get(code, 0))
