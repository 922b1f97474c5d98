"""The main window: the areas on the left, who is logged in at the top."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QRect, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.clock import utc_now
from shelter_app.domain.roles import Permission
from shelter_app.gui.access_requests import AccessRequests
from shelter_app.gui.admin import AdministrationArea
from shelter_app.gui.background import Op
from shelter_app.gui.curtain import Curtain
from shelter_app.gui.live_refresh import LiveRefresh
from shelter_app.gui.lock import IdleLocker, LockScreen
from shelter_app.gui.provisions.area import ProvisionsArea
from shelter_app.gui.reports.area import ReportsArea
from shelter_app.gui.residents.area import ResidentsArea
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import heading
from shelter_app.i18n import _
from shelter_app.services.provisions import rounds

DAY_CHECK_MS = 30_000
UNMAXIMISED = (1280, 720)  # the size a first window takes when the user unmaximises it
ADMINISTRATION_WORK = (Permission.MANAGE_USERS, Permission.MANAGE_BACKUPS,
                       Permission.VIEW_AUDIT, Permission.IMPORT_RESIDENTS)
AREA_KEYS = ("dashboard", "residents", "provisions", "counselling", "referrals", "reports",
             "administration")


class MainWindow(QMainWindow):
    _shown_once = False
    logout_requested = Signal()
    language_changed = Signal(str)
    closed = Signal()  # the user closed the window: the app ends
    day_changed = Signal()  # midnight in the shelter: the screens must move to the new day

    def __init__(self, workspace, settings, clock=utc_now):
        super().__init__()
        self.workspace, self.settings, self.clock = workspace, settings, clock
        self.setWindowTitle(_("Rumah Aman: {shelter}").format(shelter=settings.shelter_name))
        self.setMinimumSize(1000, 640)

        self.nav = QListWidget()
        self.nav.setFixedWidth(210)
        self.nav.setObjectName("areaList")
        self.pages = QStackedWidget()
        self.areas: dict[str, QWidget] = {}
        titles = {"dashboard": _("Dashboard"), "residents": _("Residents"),
                  "provisions": _("Provisions"),
                  "counselling": _("Counselling"), "referrals": _("Referrals"),
                  "reports": _("Reports"), "administration": _("Administration")}
        for number, key in enumerate(AREA_KEYS, start=1):
            area = self._make_area(key)
            self.areas[key] = area
            self.pages.addWidget(area)
            item = QListWidgetItem(titles[key])
            item.setToolTip(_("Ctrl+{number}").format(number=number))
            self.nav.addItem(item)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self,
                      lambda n=number - 1: self.go_to_area(n))
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        self.lock_screen = LockScreen(workspace, self)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switch_user.connect(self.logout_requested.emit)
        self.curtain = Curtain(self.lock_screen, self)
        # the event loop this window was made in: dialogs a lock interrupted are deleted
        # only once their exec() loops have unwound back to it
        self.loop_level = QThread.currentThread().loopLevel()

        self.live = LiveRefresh(self)  # other PCs' changes (shared mode)
        self.setCentralWidget(self._layout())
        self._status_bar()
        # managers open on the dashboard; everyone else on the residents
        self.nav.setCurrentRow(0 if workspace.may(Permission.VIEW_DASHBOARD) else 1)
        self.nav.item(0).setHidden(not workspace.may(Permission.VIEW_DASHBOARD))
        self.locked = False
        self.idle = IdleLocker(settings.idle_lock_minutes, clock, self)
        # Each area starts on `today` (new admissions, the round, report periods). A PC
        # left on past midnight would otherwise offer yesterday as today.
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()
        self.idle.idle.connect(self.lock_when_idle)
        self.idle.lock_keys.connect(self.lock)  # Ctrl+L, in this window or any dialog
        self.live.start()

    def shelter_today(self):
        return self.clock().astimezone(ZoneInfo(self.settings.time_zone)).date()

    def check_day(self) -> None:
        """Move to a new day once nothing would be lost by building the screens again:
        not while locked, a dialog is open or the round holds unconfirmed changes."""
        if self.shelter_today() == self.today:
            return
        round_page = getattr(self.areas.get("provisions"), "round", None)
        if (self.locked or QApplication.activeModalWidget() is not None
                or getattr(round_page, "edited", None)):
            self._say(self.provision_alerts, _(
                "A new day has begun: the screens move to it once you have finished "
                "(confirm or close what is open)."))
            return
        self.day_timer.stop()
        self.day_changed.emit()

    def _make_area(self, key: str) -> QWidget:
        if not hasattr(self, "today"):
            self.today = self.shelter_today()
        today = self.today
        if key == "residents":
            return ResidentsArea(self.workspace, today)
        if key == "reports":
            return ReportsArea(self.workspace, today)
        if key == "dashboard":
            from shelter_app.gui.dashboard import DashboardArea

            if not self.workspace.may(Permission.VIEW_DASHBOARD):
                return QWidget()
            return DashboardArea(self.workspace, today)
        if key == "referrals":
            from shelter_app.gui.referrals.area import ReferralsArea

            return ReferralsArea(self.workspace, today)
        if key == "counselling":
            from shelter_app.gui.counselling.area import CounsellingArea

            return CounsellingArea(self.workspace, today, ZoneInfo(self.settings.time_zone))
        if key == "provisions":
            area = ProvisionsArea(self.workspace, today)
            area.alerts_changed.connect(self._show_provision_alerts)
            return area
        if key == "administration":
            area = AdministrationArea(self.workspace, self.settings)
            area.language_changed.connect(self.language_changed)
            return area
        raise KeyError(key)

    def _layout(self) -> QWidget:
        top = QHBoxLayout()
        top.addWidget(heading(self.settings.shelter_name, 14))
        if self.settings.demo:  # with the shelter's name, which it is about
            self.demo_badge = QLabel(_("DEMO: generated people, not real records"))
            set_role(self.demo_badge, panel="demo")
            top.addWidget(self.demo_badge)
        top.addStretch()
        self.user_label = QLabel(_("Logged in: {user} ({role})").format(
            user=self.workspace.user.shown, role=self.workspace.user.role.label))
        top.addWidget(self.user_label)
        self.lock_button = QPushButton(_("Lock (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock)
        self.logout_button = QPushButton(_("Lo&g out"))
        self.logout_button.clicked.connect(self.logout_requested.emit)
        top.addWidget(self.lock_button)
        top.addWidget(self.logout_button)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer = QVBoxLayout()
        outer.addLayout(top)
        outer.addWidget(self.live.banner)  # only while the server cannot be reached
        outer.addLayout(body, 1)
        container = QWidget()
        container.setLayout(outer)
        return container

    def _status_bar(self) -> None:
        """One message a line, each whole: in one row they were cut at 1366 pixels."""
        self.notices = QWidget()
        lines = QVBoxLayout(self.notices)
        lines.setContentsMargins(4, 0, 4, 0)
        lines.setSpacing(2)
        self.statusBar().addWidget(self.notices, 1)
        self.provision_alerts = self._notice("warning")
        self.access_requests = AccessRequests(self.workspace, self.notices)
        self.notices.layout().addWidget(self.access_requests)
        self.access_requests.given.connect(self.focus_area)
        self.access_requests.refresh()  # colleagues waiting for a key this user holds
        # again on each move to another area: a user just added shows up without a restart
        self.nav.currentRowChanged.connect(lambda _row: getattr(self, "locked", False)
                                           or self.access_requests.refresh())
        for notice in self.workspace.notices:  # found at login (services/shared/notices.py)
            self._notice("alarm", notice.text())
        if self.settings.keys_by_password_alone_here:
            self._notice("warning", _(
                "No credential store on this PC: keys are protected by passwords alone."))
        if (self.workspace.may(Permission.MANAGE_BACKUPS)
                and self.settings.backup_overdue(self.clock())):
            last = self.settings.last_backup_at
            self.backup_warning = self._notice(
                "alarm",
                _("No backup yet: make one in Administration → Backups.") if last is None
                else _("The last backup is {days} days old: make one in Administration → "
                       "Backups.").format(days=(self.clock() - last).days))
        # staff and counsellors find only their account there; a manager finds the audit
        # log and the register import too, under the name those are documented by
        if not any(self.workspace.may(permission) for permission in ADMINISTRATION_WORK):
            self.nav.item(AREA_KEYS.index("administration")).setText(_("My account"))

    def _notice(self, tone: str, text: str = "") -> QLabel:
        label = QLabel()
        set_role(label, tone=tone)
        self.notices.layout().addWidget(label)
        self._say(label, text)
        return label

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))  # an empty line would only take room

    def _show_provision_alerts(self, alerts) -> None:
        soon = rounds.days_coming(alerts)
        residents = rounds.residents_awaiting_decision(alerts)
        self._say(self.provision_alerts, _(
            "Day 7/14 soon: {soon} · residents awaiting a decision: {residents}").format(
                soon=soon, residents=residents) if alerts else "")

    # -- where the window is -------------------------------------------------------------
    def place(self) -> dict:
        """Where the window is, to open there next time (the normal size if maximised)."""
        shown = self.normalGeometry() if self.isMaximized() else self.geometry()
        return {"x": shown.x(), "y": shown.y(), "width": shown.width(),
                "height": shown.height(), "maximised": self.isMaximized()}

    def show_at(self, place: dict | None) -> None:
        """Where the user left it, on the screen as it is now; maximised the first time,
        so the status bar and its alerts are on screen under any title bar."""
        available = _available(QRect(place["x"], place["y"], place["width"],
                                     place["height"]) if place else None)
        if place is None:
            normal = QRect(0, 0, *UNMAXIMISED)
            normal.moveCenter(available.center())
            self.setGeometry(clamped(normal, available))
            self.showMaximized()
            return
        self.setGeometry(clamped(QRect(place["x"], place["y"], place["width"],
                                       place["height"]), available))
        if place["maximised"]:
            self.showMaximized()
        else:
            self.show()

    def lock(self, _checked: bool = False, idle: bool = False) -> None:
        """Close the records (Ctrl+L, the Lock button, the idle limit): every window of
        the app is covered, this one and any dialog open over it, even one whose exec()
        loop is running now; the lock screen stands over them."""
        if self.locked:
            return
        from shelter_app.services.administration import auth

        self.locked = True
        self.live.stop()
        self.lock_screen.explain(idle)
        self.curtain.draw()
        self.lock_screen.show_over(self)
        Op(self, lambda: auth.lock(self.workspace)).run_in_background()

    def lock_when_idle(self) -> None:
        self.lock(idle=True)

    def _unlocked(self) -> None:
        """The same user: every window back as it was, what was typed in it too."""
        self.locked = False
        self.lock_screen.hide()
        self.curtain.lift()
        self.idle.reset()
        self.live.start(reload=True)  # with what other PCs changed meanwhile

    def discard_other_windows(self) -> None:
        """Another user logs in: the dialogs this user had open are closed unsaved."""
        self.curtain.discard(keep=self, level=self.loop_level)

    def closeEvent(self, event) -> None:
        self.live.stop()
        self.idle.stop()
        self.day_timer.stop()
        super().closeEvent(event)
        self.closed.emit()

    def go_to_area(self, row: int) -> None:
        """Ctrl+number: the area, with the keyboard focus in it (it stayed on the page
        left, hidden). An area hidden from this user keeps its number: one number an area
        for everyone, whatever the role."""
        if self.nav.item(row).isHidden():
            return
        left = QApplication.focusWidget()
        if left is not None and self.pages.isAncestorOf(left):
            left.clearFocus()  # else hiding its page hands the focus on to any widget
        self.nav.setCurrentRow(row)
        self.focus_area()

    def focus_area(self) -> None:
        """The focus in the area shown, unless its page put it there itself: on the
        first field (at login it was on the Lock button)."""
        area, focused = self.pages.currentWidget(), QApplication.focusWidget()
        if focused is None or not area.isAncestorOf(focused):
            (first_field(area) or area).setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.focus_area()

    def show_area(self, key: str) -> None:
        self.nav.setCurrentRow(AREA_KEYS.index(key))

    @property
    def current_area(self) -> str:
        return AREA_KEYS[self.nav.currentRow()]




def first_field(area: QWidget) -> QWidget | None:
    """The first thing to type in or choose from in `area`, in Tab order (the resident
    list's search): not a tab or a button, unless it has nothing else."""
    candidates, widget = [], area.nextInFocusChain()
    while widget is not area and widget is not None and len(candidates) < 500:
        if (area.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            candidates.append(widget)
        widget = widget.nextInFocusChain()
    fields = [w for w in candidates if w.focusProxy() is None
              and not isinstance(w, (QAbstractButton, QTabBar, QTabWidget, QScrollArea))]
    return (fields or candidates or [None])[0]


def _available(rect: QRect | None) -> QRect:
    """The usable part (without panels) of the screen the window was on, else the main
    one's."""
    screen = QGuiApplication.screenAt(rect.center()) if rect is not None else None
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def clamped(rect: QRect, available: QRect) -> QRect:
    """`rect` made to fit `available` and moved into it (a place remembered on a bigger
    or a second screen)."""
    width, height = min(rect.width(), available.width()), min(rect.height(),
                                                            available.height())
    x = min(max(rect.x(), available.left()), available.left() + available.width() - width)
    y = min(max(rect.y(), available.top()), available.top() + available.height() - height)
    return QRect(x, y, width, height)
