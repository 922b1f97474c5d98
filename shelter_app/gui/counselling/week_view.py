"""The calendar: one day or a week of sessions, drawn in one paint pass (500 sessions a
week stay quick), with drag to move a planned session and double-click to open or book.

The widget only draws and reports; the area asks the services to move or book, through
the same clash check as the dialog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from shelter_app.domain.vocab import SessionKind, SessionStatus
from shelter_app.gui.style import colour
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date

FIRST_HOUR, LAST_HOUR = 7, 19  # the hours drawn; sessions outside are pinned to the edge
SNAP_MINUTES = 15
GUTTER, HEADER = 52, 34
_KINDS = frozenset(SessionKind)  # each has its colours, "<kind>-fill" and "<kind>-edge"


@dataclass
class _Block:
    view: object  # session_views.SessionView
    rect: QRectF
    draggable: bool


def _columns(views) -> list[tuple[object, int, int]]:
    """(view, column, columns) so that overlapping sessions sit side by side."""
    placed: list[tuple[object, int, int]] = []
    cluster: list[tuple[object, int]] = []
    cluster_end = None
    ends: list[dt.datetime] = []

    def close_cluster():
        width = max((col for _v, col in cluster), default=-1) + 1
        placed.extend((view, col, width) for view, col in cluster)

    for view in sorted(views, key=lambda v: (v.start, v.id)):
        if cluster_end is not None and view.start >= cluster_end:
            close_cluster()
            cluster, ends, cluster_end = [], [], None
        for col, end in enumerate(ends):
            if end <= view.start:
                ends[col] = view.end
                break
        else:
            col = len(ends)
            ends.append(view.end)
        cluster.append((view, col))
        cluster_end = view.end if cluster_end is None else max(cluster_end, view.end)
    close_cluster()
    return placed


class WeekView(QWidget):
    session_activated = Signal(int)  # double-click on a session
    slot_activated = Signal(object)  # double-click on an empty time: naive local datetime
    session_dropped = Signal(int, object)  # a planned session dragged to a new start

    def __init__(self, parent=None):
        super().__init__(parent)
        self.first = dt.date.today()
        self.days = 7
        self.today: dt.date | None = None
        self.views: list = []
        self.blocks: list[_Block] = []
        self._drag: tuple[_Block, QPoint] | None = None
        self._ghost: QRectF | None = None
        self.setMouseTracking(False)
        self.setMinimumSize(640, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Calendar"))

    # -- data ----------------------------------------------------------------------------
    def show_sessions(self, first: dt.date, days: int, views, today: dt.date) -> None:
        self.first, self.days, self.views, self.today = first, days, list(views), today
        self._layout()
        self.update()

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    # -- geometry ------------------------------------------------------------------------
    def _column_width(self) -> float:
        return max((self.width() - GUTTER) / self.days, 10)

    def _hour_height(self) -> float:
        return max((self.height() - HEADER) / (LAST_HOUR - FIRST_HOUR), 8)

    def _y(self, moment: dt.datetime) -> float:
        hours = moment.hour + moment.minute / 60 - FIRST_HOUR
        hours = min(max(hours, 0), LAST_HOUR - FIRST_HOUR)
        return HEADER + hours * self._hour_height()

    def _layout(self) -> None:
        width = self._column_width()
        self.blocks = []
        by_day: dict[int, list] = {}
        for view in self.views:
            offset = (view.start.date() - self.first).days
            if 0 <= offset < self.days:
                by_day.setdefault(offset, []).append(view)
        for offset, views in by_day.items():
            left = GUTTER + offset * width
            for view, col, cols in _columns(views):
                top = self._y(view.start)
                bottom = max(self._y(view.end), top + 12)
                rect = QRectF(left + 2 + col * (width - 4) / cols, top + 1,
                              (width - 4) / cols - 1, bottom - top - 2)
                self.blocks.append(_Block(view, rect,
                                          view.status == SessionStatus.PLANNED.value))

    def moment_at(self, point: QPoint) -> dt.datetime | None:
        """The local start time (snapped to 15 minutes) under a point, if inside a day."""
        if point.x() < GUTTER or point.y() < HEADER:
            return None
        offset = int((point.x() - GUTTER) // self._column_width())
        if not 0 <= offset < self.days:
            return None
        minutes = (point.y() - HEADER) / self._hour_height() * 60
        minutes = int(minutes // SNAP_MINUTES * SNAP_MINUTES)
        day = self.first + dt.timedelta(days=offset)
        return dt.datetime.combine(day, dt.time(FIRST_HOUR)) + dt.timedelta(minutes=minutes)

    def block_at(self, point: QPoint) -> _Block | None:
        for block in reversed(self.blocks):
            if block.rect.contains(point.toPointF()):
                return block
        return None

    # -- drawing -------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), colour("calendar"))
        width, hour = self._column_width(), self._hour_height()
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 7))
        painter.setFont(small)
        for offset in range(self.days):
            day = self.first + dt.timedelta(days=offset)
            left = GUTTER + offset * width
            if day == self.today:
                painter.fillRect(QRectF(left, 0, width, self.height()),
                                 colour("calendar-today"))
            elif day.weekday() >= 5:
                painter.fillRect(QRectF(left, 0, width, self.height()),
                                 colour("calendar-weekend"))
            painter.setPen(colour("calendar-text"))
            label = format_date(day, "EEE d MMM") if self.days > 1 else format_date(day, "full")
            painter.drawText(QRectF(left, 0, width, HEADER), Qt.AlignmentFlag.AlignCenter,
                             label)
        grid = QPen(colour("calendar-grid"))
        for step in range(LAST_HOUR - FIRST_HOUR + 1):
            y = HEADER + step * hour
            painter.setPen(grid)
            painter.drawLine(GUTTER, int(y), self.width(), int(y))
            painter.setPen(colour("calendar-hours"))
            painter.drawText(QRectF(0, y - 1, GUTTER - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             f"{FIRST_HOUR + step:02d}:00")
        painter.setPen(grid)
        for offset in range(self.days + 1):
            x = int(GUTTER + offset * width)
            painter.drawLine(x, 0, x, self.height())
        for block in self.blocks:
            self._draw_block(painter, block)
        if self._ghost is not None:
            painter.setPen(QPen(colour("accent"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._ghost)
        painter.end()

    def _draw_block(self, painter: QPainter, block: _Block) -> None:
        view = block.view
        status = view.status
        kind = view.kind if view.kind in _KINDS else "other-kind"
        fill, edge = colour(f"{kind}-fill"), colour(f"{kind}-edge")
        if status == SessionStatus.CANCELLED:
            fill, edge = colour("cancelled-fill"), colour("cancelled-edge")
        elif status == SessionStatus.NO_SHOW:
            fill = colour("no-show-fill")
        painter.setPen(QPen(edge, 2 if status == SessionStatus.HELD.value else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(block.rect, 3, 3)
        if block.rect.height() < 14 or block.rect.width() < 18:
            return
        painter.setPen(colour("cancelled-text") if status == SessionStatus.CANCELLED
                       else colour("calendar-block-text"))
        mark = "⚠ " if view.clash_confirmed else ""
        # who comes first: the colour already says the kind (see the legend)
        lines = [f"{mark}{view.start:%H:%M} " + ", ".join(p.label
                                                           for p in view.participants)]
        state = "" if status == SessionStatus.PLANNED.value else SessionStatus(status).label
        lines.append(" · ".join(filter(None, [state, view.room])))
        lines.append(", ".join(view.counsellor_names))
        painter.drawText(block.rect.adjusted(3, 1, -2, -1),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, "\n".join(lines))

    # -- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        block = self.block_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and block and block.draggable:
            self._drag = (block, event.position().toPoint())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None:
            return
        block, origin = self._drag
        moved = event.position().toPoint() - origin
        if moved.manhattanLength() < 6 and self._ghost is None:
            return
        self._ghost = block.rect.translated(moved.x(), moved.y())
        self.update()

    def mouseReleaseEvent(self, event) -> None:
        drag, ghost = self._drag, self._ghost
        self._drag, self._ghost = None, None
        if drag is None or ghost is None:
            return
        self.update()
        block, origin = drag
        point = event.position().toPoint()
        # where the block's top-left went, so the session keeps its place under the mouse
        top = QPoint(int(ghost.left() + 3), int(ghost.top()))
        start = self.moment_at(top) or self.moment_at(point)
        if start is not None and start != block.view.start.replace(tzinfo=None):
            self.session_dropped.emit(block.view.id, start)

    def mouseDoubleClickEvent(self, event) -> None:
        point = event.position().toPoint()
        block = self.block_at(point)
        if block is not None:
            self.session_activated.emit(block.view.id)
            return
        moment = self.moment_at(point)
        if moment is not None:
            self.slot_activated.emit(moment)
