"""The reports' bar charts, drawn with ReportLab's shapes so that every label is measured and placed by hand.

Short categories (months) get vertical bars with their labels under them; long ones (a survey criterion such as
"Về thời gian và quy trình giải quyết hồ sơ") get horizontal bars with the labels wrapped to their left. The value
axis runs from 0 to the chart's maximum and names the unit; each bar's caption is written at its end, and a
category without a value draws no bar and says "–".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from kiosk.printing.pdf_fonts import REGULAR
from kiosk.printing.wrapping import wrap_words
from kiosk.services.reports.model import BarChart
from kiosk.text import nfc

LABEL, LABEL_LEAD = 8.0, 9.8  # category labels
SMALL, SMALL_LEAD = 7.5, 9.0  # captions and the value axis
BAR_FILL = colors.HexColor("#5B7DB1")  # a mid blue that prints as a mid grey on a black-and-white printer
GRID = colors.HexColor("#C4C4C4")
MAX_WIDTH = 240 * mm  # a landscape page fits twelve months with their labels on one line
VERTICAL_PLOT = 52 * mm
DASH = "–"
#: Horizontal bars, roomiest first: (label size, its leading, share of the width for labels, bar, gap between bars).
DENSITIES = ((8.0, 9.8, 0.4, 9.0, 6.0), (8.0, 9.8, 0.4, 7.0, 2.0), (7.5, 9.0, 0.5, 7.0, 2.0), (7.0, 8.4, 0.6, 6.0, 1.5))


@dataclass(frozen=True)
class _Chart:
    labels: list[str]
    values: list[float | None]
    captions: list[str]
    maximum: float
    ticks: list[tuple[float, str]]  # (value, text)
    unit_note: str  # "(điểm)" beside the axis when the unit is not written on each tick


def bar_chart(chart: BarChart, width: float, max_height: float) -> Drawing:
    """The chart as a drawing no wider than ``width``; vertical bars when every label and caption fits under and
    over its bar in two lines, else horizontal bars."""
    data = _prepare(chart)
    drawing = _vertical(data, min(width, MAX_WIDTH), max_height)
    if drawing is None:
        drawing = _horizontal(data, min(width, MAX_WIDTH), max_height)
    drawing.hAlign = "CENTER"
    return drawing


def _prepare(chart: BarChart) -> _Chart:
    n = len(chart.labels)
    values = [*chart.values[:n], *[None] * (n - len(chart.values))]
    given = [*chart.captions[:n], *[""] * (n - len(chart.captions))]
    captions = [(nfc(c).strip() or DASH) if v is None else nfc(c) for v, c in zip(values, given, strict=True)]
    present = [v for v in values if v is not None]
    maximum = chart.maximum if chart.maximum > 0 else max([*present, 1.0])
    unit = nfc(chart.unit).strip()
    on_tick = unit == "%"
    ticks = [(t, _number(t) + (unit if on_tick else "")) for t in _tick_values(maximum)]
    return _Chart(
        [nfc(label) for label in chart.labels],
        values,
        captions,
        maximum,
        ticks,
        "" if on_tick or not unit else f"({unit})",
    )


def _tick_values(maximum: float) -> list[float]:
    """0 and steps of 1, 2, 2.5 or 5 times a power of ten, about five of them, ending at the maximum."""
    raw = maximum / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    ticks = [i * step for i in range(int(maximum / step + 1e-9) + 1)]
    if maximum - ticks[-1] > step * 0.4:
        ticks.append(maximum)
    else:
        ticks[-1] = maximum
    return ticks


def _number(value: float) -> str:
    """20, 2,5: a comma before the decimals, as Vietnamese writes them."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _share(chart: _Chart, value: float | None) -> float:
    return 0.0 if value is None else min(max(value / chart.maximum, 0.0), 1.0)


def _width(text: str, size: float = SMALL) -> float:
    return float(stringWidth(text, REGULAR, size))


def _wrap(text: str, width: float, size: float) -> list[str]:
    return wrap_words(text, lambda s: _width(s, size), width) or [""]


def _text(drawing: Drawing, x: float, y: float, text: str, size: float = SMALL, anchor: str = "start") -> None:
    if text:
        drawing.add(String(x, y, text, fontName=REGULAR, fontSize=size, textAnchor=anchor, fillColor=colors.black))


def _fits(lines: list[str], width: float, size: float, most: int) -> bool:
    return len(lines) <= most and all(_width(line, size) <= width for line in lines)


def _vertical(chart: _Chart, width: float, max_height: float) -> Drawing | None:
    n = len(chart.labels)
    if not 0 < n <= 16:
        return None
    axis_w = max(_width(t) for _, t in chart.ticks) + 5
    slot = min((width - axis_w) / n, 62.0)
    labels = [_wrap(label, slot - 4, LABEL) for label in chart.labels]
    captions = [_wrap(caption, slot - 2, SMALL) for caption in chart.captions]
    if not all(_fits(lines, slot - 4, LABEL, 2) for lines in labels):
        return None
    if not all(_fits(lines, slot - 2, SMALL, 2) for lines in captions):
        return None
    below = max(len(lines) for lines in labels) * LABEL_LEAD + 4
    above = max(len(lines) for lines in captions) * SMALL_LEAD + 4 + (SMALL_LEAD if chart.unit_note else 0)
    plot = min(VERTICAL_PLOT, max_height - below - above)
    if plot < 25 * mm:
        return None
    width = axis_w + slot * n + 2
    drawing = Drawing(width, below + plot + above, initialFontName=REGULAR)
    for tick, text in chart.ticks:
        y = below + plot * tick / chart.maximum
        drawing.add(Line(axis_w, y, width, y, strokeColor=GRID, strokeWidth=0.4))
        _text(drawing, axis_w - 3, y - SMALL * 0.35, text, anchor="end")
    _text(drawing, axis_w - 3, below + plot + above - SMALL, chart.unit_note, anchor="start")
    bar_w = min(slot * 0.62, 30.0)
    for i, (value, label, caption) in enumerate(zip(chart.values, labels, captions, strict=True)):
        centre = axis_w + slot * (i + 0.5)
        height = plot * _share(chart, value)
        if height > 0:
            drawing.add(Rect(centre - bar_w / 2, below, bar_w, height, fillColor=BAR_FILL, strokeColor=None))
        y = below + height + 3 + (len(caption) - 1) * SMALL_LEAD
        for line in caption:
            _text(drawing, centre, y, line, anchor="middle")
            y -= SMALL_LEAD
        y = below - 2 - LABEL
        for line in label:
            _text(drawing, centre, y, line, LABEL, anchor="middle")
            y -= LABEL_LEAD
    drawing.add(Line(axis_w, below, width, below, strokeColor=colors.black, strokeWidth=0.6))
    drawing.add(Line(axis_w, below, axis_w, below + plot, strokeColor=colors.black, strokeWidth=0.6))
    return drawing


def _horizontal(chart: _Chart, width: float, max_height: float) -> Drawing:
    first, last = chart.ticks[0][1], chart.ticks[-1][1]
    axis_h = SMALL_LEAD + 5
    for size, lead, share, bar, gap in DENSITIES:  # the roomiest layout that keeps within the height
        longest = max((_width(label, size) for label in chart.labels), default=0.0)
        labels = [_wrap(label, min(longest, width * share), size) for label in chart.labels]
        heights = [max(len(lines) * lead, bar) + gap for lines in labels]
        if axis_h + sum(heights) + 2 <= max_height:
            break
    label_w = max([_width(line, size) for lines in labels for line in lines] + [_width(first) / 2])
    right = max(
        max((_width(c) for c in chart.captions), default=0.0) + 5,
        _width(last) / 2 + (_width(chart.unit_note) + 4 if chart.unit_note else 0) + 2,
    )
    x0, x1 = label_w + 6, width - right
    top = axis_h + sum(heights)
    drawing = Drawing(width, top + 2, initialFontName=REGULAR)
    for tick, text in chart.ticks:
        x = x0 + (x1 - x0) * tick / chart.maximum
        drawing.add(Line(x, axis_h, x, top, strokeColor=GRID, strokeWidth=0.4))
        _text(drawing, x, axis_h - SMALL - 3, text, anchor="middle")
    _text(drawing, x1 + _width(last) / 2 + 4, axis_h - SMALL - 3, chart.unit_note)
    y = top
    for value, lines, caption, height in zip(chart.values, labels, chart.captions, heights, strict=True):
        centre = y - height / 2
        baseline = centre + (len(lines) - 1) * lead / 2 - size * 0.35
        for line in lines:
            _text(drawing, x0 - 4, baseline, line, size, anchor="end")
            baseline -= lead
        length = (x1 - x0) * _share(chart, value)
        if length > 0:
            drawing.add(Rect(x0, centre - bar / 2, length, bar, fillColor=BAR_FILL, strokeColor=None))
        _text(drawing, x0 + length + 3, centre - SMALL * 0.35, caption)
        y -= height
    drawing.add(Line(x0, axis_h, x1, axis_h, strokeColor=colors.black, strokeWidth=0.6))
    drawing.add(Line(x0, axis_h, x0, top, strokeColor=colors.black, strokeWidth=0.6))
    return drawing
