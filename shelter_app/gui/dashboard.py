"""The manager's dashboard: what the shelter looks like today, with the charts the PDFs
use (ReportLab drawings shown as SVG), and the month's report a click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.vocab import ReferralStatus
from shelter_app.gui.background import Op
from shelter_app.gui.style import set_role
from shelter_app.gui.widgets import LoadsWhenShown, confirm, heading, inform, save_path
from shelter_app.i18n import _, ngettext
from shelter_app.i18n.formatting import format_date, format_number, format_rupiah
from shelter_app.services.overview import dashboard, monthly
from shelter_app.services.residents import incidents, protected


class _Tile(QFrame):
    def __init__(self, title: str):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        set_role(self, panel="tile")
        self.value = QLabel("…")
        self.value.setObjectName("tileValue")
        self.detail = QLabel("")
        set_role(self.detail, tone="muted")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title))
        layout.addWidget(self.value)
        layout.addWidget(self.detail)


class DashboardArea(LoadsWhenShown, QWidget):
    open_area = Signal(str)

    def __init__(self, workspace, today):
        super().__init__()
        self.workspace, self.today, self.board = workspace, today, None
        self.title = heading(_("Dashboard"))
        self.tiles = {key: _Tile(title) for key, title in (
            ("present", _("In the shelter today")), ("provisions", _("Provisions this month")),
            ("sessions", _("Sessions this week")), ("referrals", _("Open referrals")))}
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)
        self.census = QSvgWidget()
        self.census.setMinimumHeight(220)
        self.referral_chart = QSvgWidget()
        self.referral_chart.setMinimumHeight(150)
        census_box = QGroupBox(_("Residents present, last 30 days"))
        QVBoxLayout(census_box).addWidget(self.census)
        referral_box = QGroupBox(_("Open referrals by status"))
        QVBoxLayout(referral_box).addWidget(self.referral_chart)
        self.alerts = QLabel("")
        self.alerts.setWordWrap(True)
        set_role(self.alerts, tone="warning")
        self.alerts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        alert_box = QGroupBox(_("Alerts"))
        alert_layout = QVBoxLayout(alert_box)
        alert_layout.addWidget(self.alerts)
        # managers only ever get these: possible matches with a protected record
        self.reviewed = QPushButton(_("The possible matches are &reviewed"))
        self.reviewed.clicked.connect(self._reviewed)
        self.reviewed.hide()
        alert_layout.addWidget(self.reviewed)
        # serious incidents alert until a manager has seen them
        self.incidents_handled = QPushButton(_("The serious incidents are &handled"))
        self.incidents_handled.clicked.connect(self._incidents_handled)
        self.incidents_handled.hide()
        alert_layout.addWidget(self.incidents_handled)
        month = QPushButton(_("Save this month's &report (PDF)…"))
        month.clicked.connect(lambda: self.save_month())
        refresh = QPushButton(_("Refresh"))
        refresh.clicked.connect(self.refresh)
        grid = QGridLayout()
        grid.addWidget(census_box, 0, 0, 2, 1)
        grid.addWidget(referral_box, 0, 1)
        grid.addWidget(alert_box, 1, 1)
        # the safe, two lists side by side, each shown only when it has a line: documents
        # still held for residents who left, and lent documents past their due day
        self.documents_held, self.held_box = self._list_box(
            _("Documents still held for residents who have left"))
        self.documents_overdue, self.overdue_box = self._list_box(
            _("Lent documents past their due day"))
        grid.addWidget(self.held_box, 2, 0)
        grid.addWidget(self.overdue_box, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch()
        top.addWidget(refresh)
        top.addWidget(month)
        # in a scroll area: a window shorter than the dashboard scrolls; squeezed, it cut
        # the referrals chart's axis off at 1366x768 with the alerts long (a tester)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    @staticmethod
    def _list_box(title: str) -> tuple[QLabel, QGroupBox]:
        lines = QLabel("")
        lines.setWordWrap(True)
        lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(lines)
        box.hide()
        return lines, box

    def first_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        Op(self, lambda: dashboard.snapshot(self.workspace), self._show).run_in_background()

    def _show(self, board) -> None:
        self.board = board
        self.title.setText(_("Dashboard: {day}").format(day=format_date(board.today)))
        tiles = self.tiles
        tiles["present"].value.setText(format_number(board.present))
        tiles["present"].detail.setText(_("{free} of {beds} beds free; {average} on average "
                                          "over 30 days").format(
            free=format_number(board.free_beds), beds=format_number(board.beds),
            average=format_number(round(board.average_present))))
        tiles["provisions"].value.setText(format_rupiah(board.provision_cost_month))
        tiles["provisions"].detail.setText(_("{items} items given").format(
            items=format_number(board.provision_items_month)))
        tiles["sessions"].value.setText(format_number(board.sessions_week))
        tiles["sessions"].detail.setText(_("{held} held so far").format(
            held=format_number(board.sessions_week_held)))
        tiles["referrals"].value.setText(format_number(sum(board.open_referrals.values())))
        tiles["referrals"].detail.setText(", ".join(
            f"{ReferralStatus(status).label}: {format_number(count)}"
            for status, count in board.open_referrals.items()))
        for widget, image in ((self.census, board.census_svg),
                              (self.referral_chart, board.referrals_svg)):
            widget.load(QByteArray(image))
            widget.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.alerts.setText("\n".join("• " + alert for alert in board.alerts)
                            or _("Nothing needs attention."))
        self.reviewed.setVisible(bool(board.protected_notices))
        self.incidents_handled.setVisible(bool(board.incident_alerts))
        for lines, label, box in ((held_lines(board), self.documents_held, self.held_box),
                                  (overdue_lines(board), self.documents_overdue,
                                   self.overdue_box)):
            label.setText("\n".join(lines))
            box.setVisible(bool(lines))

    def _reviewed(self) -> None:
        if self.board is None:
            return
        shown = [notice.notice_id for notice in self.board.protected_notices]
        Op(self, lambda: protected.dismiss(self.workspace, shown),
           lambda _r: self.refresh()).run_in_background()

    def _incidents_handled(self) -> None:
        if self.board is None:
            return
        shown = [alert.incident_id for alert in self.board.incident_alerts]
        # one click once closed every alert, a trafficker seen among them: say which
        listed = "\n".join("• " + line for line in self.board.incident_alert_lines)
        if not confirm(self, _("Mark the serious incidents handled?"), _(
                "These alerts will go from the dashboard:\n\n{alerts}\n\nMark them "
                "handled only when what they need has been done.").format(alerts=listed),
                destructive=True):
            return

        def handle() -> None:
            for incident_id in shown:
                incidents.mark_handled(self.workspace, incident_id)

        Op(self, handle, lambda _r: self.refresh()).run_in_background()

    def save_month(self, path: Path | None = None) -> None:
        wanted = monthly.month_of(self.today)
        path = path or save_path(
            self, _("Save the monthly report"), f"laporan-bulanan-{wanted.first:%Y-%m}.pdf")
        if path is None:
            return
        Op(self, lambda: monthly.write(self.workspace, wanted, path, "pdf"),
           lambda _r: self.isVisible() and inform(self, _("Report saved"), _(
               "The report was saved as {file}.").format(file=path))).with_progress(
            _("Writing the report…")).run_in_background()


SHOWN_DOCUMENTS = 6  # of each list; the rest are counted


def _shortened(lines: list[str]) -> list[str]:
    shown = ["• " + line for line in lines[:SHOWN_DOCUMENTS]]
    if len(lines) > SHOWN_DOCUMENTS:
        more = len(lines) - SHOWN_DOCUMENTS
        shown.append("  " + ngettext("and {count} more", "and {count} more", more).format(
            count=format_number(more)))
    return shown


def held_lines(board) -> list[str]:
    """Documents still held for residents who have left: a line for each person, the
    longest gone first."""
    held: dict = {}
    for row in board.documents_held:
        held.setdefault((row.case_number, row.shown_name, row.since), []).append(
            row.kind_label)
    return _shortened([_("{case} ({name}): {document}; left on {day}").format(
        case=case, name=name, document=", ".join(kinds), day=format_date(left, "short"))
        for (case, name, left), kinds in held.items()])


def overdue_lines(board) -> list[str]:
    """Lent documents not back by their due day, the longest overdue first."""
    return _shortened([_("{case} ({name}): {document} lent to {whom} on {day}, due back "
                         "{due}").format(
        case=row.case_number, name=row.shown_name, document=row.kind_label,
        whom=row.lent_to, day=format_date(row.since, "short"),
        due=format_date(row.due_on, "short")) for row in board.documents_overdue])


def document_lines(board) -> list[str]:
    """Both lists of the safe, as the dashboard shows them, one after the other."""
    return held_lines(board) + overdue_lines(board)
