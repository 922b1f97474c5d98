"""The counsellors' calendar: a day or a week, one counsellor's or the whole shelter's,
one room's or all rooms. Drag a planned session to move it, double-click (or Enter on the
keyboard's cursor) to open it or to book at that time. Moving goes through the same clash check as booking."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.roles import Permission, Role
from shelter_app.domain.vocab import SessionKind
from shelter_app.gui.background import Op, show_error
from shelter_app.gui.counselling.session_dialog import SessionDialog
from shelter_app.gui.counselling.week_view import WeekView
from shelter_app.gui.printing import open_preview
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import (
    LoadsWhenShown,
    confirm,
    inform,
    open_dialog,
    save_path,
    shown_only_if,
)
from shelter_app.i18n import _, ngettext
from shelter_app.i18n.formatting import format_date
from shelter_app.services.counselling import booking, reports, session_views


class CalendarPage(LoadsWhenShown, QWidget):
    def __init__(self, workspace, today: dt.date, zone):
        super().__init__()
        self.workspace, self.today, self.zone = workspace, today, zone
        self.day = today
        self.loaded: list = []
        self.view = WeekView()
        self.view.session_activated.connect(self.open_session)
        self.view.slot_activated.connect(self.book_at)
        self.view.session_dropped.connect(self.move_session)

        self.span = QComboBox()
        self.span.addItem(_("Week"), 7)
        self.span.addItem(_("Day"), 1)
        self.span.currentIndexChanged.connect(self.refresh)
        self.counsellor = QComboBox()
        self.counsellor.addItem(_("Whole shelter"), "")
        self.room = QComboBox()
        self.room.addItem(_("All rooms"), None)
        for choice in (self.counsellor, self.room):  # filled after first shown: as wide
            # as the longest name then too (a tester saw "Konselor Dem…" at 1366x768)
            choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.title = QLabel("")
        set_role(self.title, heading="section")
        previous, following = QPushButton("◀"), QPushButton("▶")
        for arrow in (previous, following):
            arrow.setFixedWidth(40)
        previous.setToolTip(_("Earlier"))
        following.setToolTip(_("Later"))
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(1))
        to_today = QPushButton(_("Today"))
        to_today.clicked.connect(self.go_today)
        self.new_button = QPushButton(_("&New session…"))
        self.new_button.clicked.connect(lambda: self.book_at(None))
        shown_only_if(self.new_button, workspace.may(Permission.BOOK_SESSIONS))
        self.print_button = QPushButton(_("&Print the week…"))
        self.print_button.clicked.connect(lambda: self.print_week())

        bar = QHBoxLayout()
        for widget in (previous, to_today, following):
            bar.addWidget(widget)
        bar.addWidget(self.title, 1)
        bar.addWidget(QLabel(_("Show")))
        bar.addWidget(self.span)
        bar.addWidget(self.counsellor)
        bar.addWidget(self.room)
        bar.addWidget(self.new_button)
        bar.addWidget(self.print_button)
        self.summary = QLabel("")
        set_role(self.summary, tone="muted")
        hint = QLabel(_("Double-click an empty time to book, a session to open it; drag a "
                        "planned session to move it. From the keyboard: the arrows move, "
                        "Enter opens or books. ⚠ marks a clash booked on purpose."))
        set_role(hint, tone="muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.summary)
        for kind in SessionKind:
            swatch = QLabel(kind.label)
            set_role(swatch, sessionKind=kind.value)
            footer.addWidget(swatch)
        footer.addStretch()
        footer.addWidget(hint, 1)
        layout.addLayout(footer)

    def first_shown(self) -> None:
        workspace, today = self.workspace, self.today
        Op(self, lambda: session_views.choices(workspace, today), self._fill_filters
           ).run_in_background()

    def _fill_filters(self, choices) -> None:
        for username, name in choices.counsellors:
            self.counsellor.addItem(name, username)
        for room_id, name in choices.rooms:
            self.room.addItem(name, room_id)  # a room is named by staff: "Aula", "Ruang Konseling 1"
        if self.workspace.user.role == Role.COUNSELLOR:  # a counsellor starts on their own
            index = self.counsellor.findData(self.workspace.user.username)
            if index >= 0:
                self.counsellor.setCurrentIndex(index)
        self.counsellor.currentIndexChanged.connect(self.refresh)
        self.room.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # -- what is shown ---------------------------------------------------------------
    @property
    def days(self) -> int:
        return self.span.currentData() or 7

    @property
    def first(self) -> dt.date:
        return reports.week_start(self.day) if self.days == 7 else self.day

    def step(self, direction: int) -> None:
        self.day += dt.timedelta(days=direction * self.days)
        self.refresh()

    def go_today(self) -> None:
        self.day = self.today
        self.refresh()

    def is_being_edited(self) -> bool:
        """For live refresh: not while a session is being dragged."""
        return self.view.dragging

    def refresh(self) -> None:
        first, days = self.first, self.days
        counsellor, room = self.counsellor.currentData() or None, self.room.currentData()
        last = first + dt.timedelta(days=days - 1)
        self.title.setText(format_date(first) if days == 1 else "{} – {}".format(
            format_date(first, "d MMM"), format_date(last, "d MMM yyyy")))
        workspace = self.workspace
        Op(self, lambda: session_views.calendar(workspace, first, days, counsellor, room),
           lambda views: self._show(first, days, views)).run_in_background()

    def _show(self, first: dt.date, days: int, views) -> None:
        self.loaded = views
        self.view.show_sessions(first, days, views, self.today)
        held = sum(v.status == "held" for v in views)
        self.summary.setText(ngettext("{count} session, {held} held",
                                      "{count} sessions, {held} held", len(views)).format(
            count=len(views), held=held))

    # -- actions ---------------------------------------------------------------------
    def _dialog(self, **where) -> None:
        open_dialog(self, SessionDialog(self.workspace, self.today, self.zone,
                                        counsellor=self.counsellor.currentData() or None,
                                        room_id=self.room.currentData(), parent=self, **where),
                    self.refresh)

    def open_session(self, session_id: int) -> None:
        self._dialog(session_id=session_id)

    def book_at(self, start: dt.datetime | None) -> None:
        if not self.workspace.may(Permission.BOOK_SESSIONS):
            return
        if start is None:  # New session…: the dialog suggests the next free hour
            self._dialog(day=self.day)
            return
        self._dialog(start=start)

    def move_session(self, session_id: int, start: dt.datetime, confirmed: bool = False
                     ) -> None:
        if not self.workspace.may(Permission.BOOK_SESSIONS):
            return
        workspace, aware = self.workspace, start.replace(tzinfo=self.zone)

        def refused(error: BaseException) -> None:
            if isinstance(error, booking.ClashesFound) and confirm(
                    self, _("Move the session?"), str(error) + "\n\n" + _("Move it anyway?")):
                self.move_session(session_id, start, confirmed=True)
                return
            self.refresh()
            if not isinstance(error, booking.ClashesFound):
                show_error(self, error)

        Op(self, lambda: booking.move(workspace, session_id, aware, confirmed),
           lambda _r: self.refresh()).failure(refused).run_in_background()

    def print_week(self, path: Path | None = None) -> None:
        """Preview the week's schedule, to print or save (with `path`: save it there)."""
        counsellor = self.counsellor.currentData() or None
        if path is None:
            workspace, day = self.workspace, self.day
            open_preview(self, workspace,
                         lambda: reports.schedule(workspace, day, counsellor),
                         _("Weekly schedule"), "report_schedule",
                         f"jadwal-konseling-{reports.week_start(day)}.pdf")
            return
        path = path or save_path(
            self, _("Save the weekly schedule"),
            f"jadwal-konseling-{reports.week_start(self.day)}.pdf")
        if path is None:
            return
        workspace, day = self.workspace, self.day
        Op(self, lambda: reports.write_schedule(workspace, day, path, counsellor),
           lambda _r: self.isVisible() and inform(
               self, _("Schedule saved"), _("The weekly schedule was saved as {file}.")
               .format(file=path))).with_progress(_("Writing the schedule…")
                                                  ).run_in_background()
