"""The calendar: one day or a week of sessions, drawn in one paint pass (500 sessions a
week stay quick), with drag to move a planned session and double-click to open or book.
From the keyboard a cursor (drawn while the calendar has the focus) stops at each session
and at each free hour: Up and Down within a day, Left and Right to the same time on the
next day; Enter or Space opens the session, or books at the free hour.

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
    session_activated = Signal(int)  # double-click (or Enter) on a session
    slot_activated = Signal(object)  # ... on an empty time: naive local datetime
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
        # the keyboard's place: a naive local start, and the session there (None: free)
        self.cursor: tuple[dt.datetime, int | None] | None = None
        self.setMouseTracking(False)
        self.setMinimumSize(640, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Calendar"))

    # -- data ----------------------------------------------------------------------------
    def show_sessions(self, first: dt.date, days: int, views, today: dt.date) -> None:
        self.first, self.days, self.views, self.today = first, days, list(views), today
        self._layout()
        if self.cursor is not None:  # the same session, or the same time, where still shown
            self._put_cursor(*self.cursor)
        self.update()

    @property
    def dragging(self) -> bool:
        """A session is being dragged (live refresh waits until it is dropped)."""
        return self._drag is not None

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
        if self.hasFocus() and self.cursor is not None:
            self._draw_cursor(painter)
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

    def _draw_cursor(self, painter: QPainter) -> None:
        start, session_id = self.cursor
        block = next((b for b in self.blocks if b.view.id == session_id), None)
        if block is not None:
            painter.setPen(QPen(colour("accent"), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(block.rect.adjusted(-1, -1, 1, 1), 3, 3)
            return
        width = self._column_width()
        left = GUTTER + (start.date() - self.first).days * width
        top = self._y(start)
        painter.setPen(QPen(colour("accent"), 2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(left + 2, top + 1, width - 4, self._hour_height() - 2))

    # -- keyboard ------------------------------------------------------------------------
    def _stops(self, day: dt.date) -> list[tuple[dt.datetime, int | None]]:
        """Where the cursor stops on `day`, in time order: each session, and each whole
        hour that no session touches."""
        sessions = sorted((b.view.start.replace(tzinfo=None), b.view.end.replace(tzinfo=None),
                           b.view.id) for b in self.blocks if b.view.start.date() == day)
        stops: list[tuple[dt.datetime, int | None]] = [(s, i) for s, _e, i in sessions]
        for hour in range(FIRST_HOUR, LAST_HOUR):
            begin = dt.datetime.combine(day, dt.time(hour))
            end = begin + dt.timedelta(hours=1)
            if not any(s < end and e > begin for s, e, _i in sessions):
                stops.append((begin, None))
        return sorted(stops, key=lambda stop: (stop[0], stop[1] is None, stop[1] or 0))

    def _put_cursor(self, moment: dt.datetime, session_id: int | None = None) -> None:
        """On session `session_id` if shown; else on the stop of that day nearest to
        `moment` (a session under it first)."""
        offset = min(max((moment.date() - self.first).days, 0), self.days - 1)
        day = self.first + dt.timedelta(days=offset)
        stops = self._stops(day)
        found = [stop for stop in stops if session_id is not None and stop[1] == session_id]
        if not found:
            wanted = dt.datetime.combine(day, moment.time())
            found = sorted(stops, key=lambda stop: (abs(stop[0] - wanted), stop[1] is None))
        self.cursor = found[0] if found else None
        self.update()

    def focused_session(self) -> int | None:
        """The session under the keyboard cursor, if the cursor is on one."""
        return self.cursor[1] if self.cursor else None

    def focusInEvent(self, event) -> None:
        if self.cursor is None:  # today's first session, or nine o'clock today
            today = self.today if self.today and 0 <= (self.today - self.first).days < \
                self.days else self.first
            ahead = sorted((b.view.start.replace(tzinfo=None), b.view.id) for b in self.blocks
                           if b.view.start.date() >= today)
            self._put_cursor(*(ahead[0] if ahead else
                               (dt.datetime.combine(today, dt.time(9)), None)))
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.cursor is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        moment, session_id = self.cursor
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            stops = self._stops(moment.date())
            here = stops.index(self.cursor) if self.cursor in stops else 0
            step = -1 if key == Qt.Key.Key_Up else 1
            self.cursor = stops[min(max(here + step, 0), len(stops) - 1)]
            self.update()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._put_cursor(moment + dt.timedelta(days=-1 if key == Qt.Key.Key_Left else 1))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if session_id is not None:
                self.session_activated.emit(session_id)
            else:
                self.slot_activated.emit(moment)
        else:
            super().keyPressEvent(event)

    # -- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        block = self.block_at(event.position().toPoint())
        moment = self.moment_at(event.position().toPoint())
        if block is not None:  # the keyboard goes on from where the mouse was
            self._put_cursor(block.view.start.replace(tzinfo=None), block.view.id)
        elif moment is not None:
            self._put_cursor(moment.replace(minute=0))
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
