"""The names people go by in the app: a record says who did something by username (it
never changes), a screen or a receipt says it by the user's display name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.domain.models import User


def shown_names(session: Session, usernames: Iterable[str]) -> dict[str, str]:
    """{username: display name, or the username when the account has none}; an unknown
    username (a deleted account, a record brought in from elsewhere) stays as written."""
    wanted = {name for name in usernames if name}
    found = {}
    if wanted:
        found = {username: display or username for username, display in session.execute(
            select(User.username, User.display_name).where(User.username.in_(wanted)))}
    return {name: found.get(name, name) for name in wanted}


def shown_name(session: Session, username: str) -> str:
    return shown_names(session, [username]).get(username, username)
