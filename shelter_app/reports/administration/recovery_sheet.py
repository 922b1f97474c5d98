"""The recovery sheet: the recovery key on paper, for the office safe."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from shelter_app.domain.errors import StorageError
from shelter_app.i18n import _
from shelter_app.i18n.formatting import format_date
from shelter_app.reports.shared import fonts
from shelter_app.storage.atomic import atomic_write

KEY_FONT_SIZE = 22
GROUP_GAP = "   "


def key_lines(recovery_key: str, room: float) -> list[str]:
    """The key's groups on as many lines as the page needs: drawn on one line, a key of
    wide letters (W, M) ran off the paper, and a key copied short opens nothing."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    groups = recovery_key.split("-")
    for count in range(1, len(groups) + 1):  # the fewest lines, as even as they go
        per_line = -(-len(groups) // count)
        lines = [GROUP_GAP.join(groups[start:start + per_line])
                 for start in range(0, len(groups), per_line)]
        if all(stringWidth(line, fonts.BOLD, KEY_FONT_SIZE) <= room for line in lines):
            return lines
    return groups


def render(shelter_name: str, recovery_key: str, made_on: dt.date) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    page.setTitle(_("Recovery sheet"))
    width, height = A4
    left, y = 25 * mm, height - 30 * mm

    page.setFont(fonts.BOLD, 20)
    page.drawString(left, y, _("Recovery sheet"))
    y -= 10 * mm
    page.setFont(fonts.REGULAR, 12)
    page.drawString(left, y, shelter_name)
    y -= 6 * mm
    page.drawString(left, y, _("Made on {date}").format(date=format_date(made_on)))

    y -= 20 * mm
    page.setFont(fonts.BOLD, 12)
    page.drawString(left, y, _("Recovery key"))
    y -= 14 * mm
    page.setFont(fonts.BOLD, KEY_FONT_SIZE)
    key_line_height = KEY_FONT_SIZE * 1.5
    key_rows = key_lines(recovery_key, width - 2 * left)
    for index, row in enumerate(key_rows):
        page.drawString(left, y - index * key_line_height, row)
    y -= (len(key_rows) - 1) * key_line_height + 20 * mm
    page.setFont(fonts.REGULAR, 11)
    lines = [
        _("This key opens the shelter's records without any password."),
        _("Keep this sheet locked in the office safe. Do not photograph it,"),
        _("do not store it on the computer and do not send it by message."),
        "",
        _("Use it to:"),
        _("- give an administrator a new password when it is forgotten;"),
        _("- open the records on a new computer, from a backup."),
        "",
        _("If this sheet is lost or seen by someone else, tell the shelter's"),
        _("coordinator and administrator at once."),
    ]
    for line in lines:
        page.drawString(left, y, line)
        y -= 6.5 * mm

    y -= 20 * mm
    page.line(left, y, left + 70 * mm, y)
    page.line(left + 90 * mm, y, left + 160 * mm, y)
    y -= 5 * mm
    page.setFont(fonts.REGULAR, 9)
    page.drawString(left, y, _("Printed by (name and signature)"))
    page.drawString(left + 90 * mm, y, _("Witness (name and signature)"))
    page.showPage()
    page.save()
    return buffer.getvalue()


def save(path: Path, shelter_name: str, recovery_key: str, made_on: dt.date) -> None:
    data = render(shelter_name, recovery_key, made_on)
    try:
        atomic_write(Path(path), data, mode=0o600)
    except OSError as error:
        raise StorageError(_("The recovery sheet could not be saved: {reason}").format(
            reason=error.strerror or type(error).__name__)) from None
