"""The charts, drawn once with ReportLab graphics: the same drawing goes into a PDF and,
as SVG, onto the screen (the dashboard shows it with QtSvg). One chart library."""

from __future__ import annotations

import datetime as dt
import math
import re

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm

from shelter_app.reports.shared import fonts

CHART_BARS = 120  # longer periods are shown as weekly averages
BAR = colors.HexColor("#4a7ab0")


def _plain_bars(chart, values) -> None:
    """One series in the shelter's blue, counted from zero, in the report font."""
    chart.data = [list(values) or [0]]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    top = max(values, default=0)
    if top < 5:  # left alone, ReportLab steps by 0.002 of a person on a new, empty shelter
        chart.valueAxis.valueMax = max(1, math.ceil(top))
        chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7


def census(days: list[dt.date], values: list[float], width_mm: float = 170,
           height_mm: float = 55) -> Drawing:
    """Residents present per day (weekly averages past CHART_BARS days)."""
    fonts.register()
    labels = [d.strftime("%d/%m") for d in days]
    if len(values) > CHART_BARS:
        weeks = range(0, len(values), 7)
        values = [sum(values[i:i + 7]) / len(values[i:i + 7]) for i in weeks]
        labels = [labels[i] for i in weeks]
    drawing = Drawing(width_mm * mm, height_mm * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 10 * mm, 10 * mm
    chart.width, chart.height = (width_mm - 15) * mm, (height_mm - 15) * mm
    _plain_bars(chart, values)
    step = max(1, len(labels) // 12)
    chart.categoryAxis.categoryNames = [label if i % step == 0 else ""
                                        for i, label in enumerate(labels)] or [""]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    drawing.add(chart)
    return drawing


def bars(labels: list[str], values: list[float], width_mm: float = 120,
         height_mm: float | None = None) -> Drawing:
    """A horizontal bar per label (for counts by kind)."""
    fonts.register()
    height_mm = height_mm or max(20, 7 * len(labels) + 10)
    drawing = Drawing(width_mm * mm, height_mm * mm)
    chart = HorizontalBarChart()
    chart.x, chart.y = 45 * mm, 5 * mm
    chart.width, chart.height = (width_mm - 50) * mm, (height_mm - 10) * mm
    _plain_bars(chart, values)
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    drawing.add(chart)
    return drawing


def svg(drawing: Drawing) -> bytes:
    """The drawing as SVG that Qt's SVG Tiny renderer shows as the PDF does: it has no
    clipPath (it would paint the clip rectangle black), so that is left out, and the
    background is white."""
    text = renderSVG.drawToString(drawing)
    text = text if isinstance(text, str) else text.decode("utf-8")
    text = re.sub(r"<clipPath.*?</clipPath>", "", text, flags=re.DOTALL)
    text = text.replace(' style="clip-path: url(#clip)"', "")
    background = (f'<rect x="0" y="0" width="{drawing.width:.0f}" '
                  f'height="{drawing.height:.0f}" fill="#ffffff"/>')
    text = text.replace('<g id="group"', background + '<g id="group"', 1)
    return text.encode("utf-8")
