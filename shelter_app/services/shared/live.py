"""Live refresh: what other PCs change, told to this one as it happens (shared mode).

The server says which record of which table changed, nothing more (storage/pg_notify.py);
the screens read what they show again through their own services.
"""

from __future__ import annotations

from collections.abc import Callable

from shelter_app.services.shared.workspace import Workspace
from shelter_app.storage.pg_notify import EVERYTHING, Change, Listener

__all__ = ["EVERYTHING", "Change", "Listener", "start_listening"]


def start_listening(workspace: Workspace, on_changes: Callable[[list[Change]], None],
                    on_state: Callable[[bool], None] | None = None) -> Listener | None:
    """Listen for other PCs' changes until `.stop()`; None where there is nothing to hear
    (the file on one PC, or a locked workspace). Both callbacks run on the listener's own
    thread: `on_changes(changes)` with each batch ([EVERYTHING] after a lost connection
    came back), `on_state(connected)` when the connection is lost or back."""
    connect = workspace.listen_connector
    if not workspace.is_server or workspace.is_locked or connect is None:
        return None
    return Listener(connect, on_changes, on_state).start()
