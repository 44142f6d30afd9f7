"""The yearly ledger on A4 landscape: the official header and title on the first page, the column headings repeated
on every page, the year, book and page number on each.

A year can hold ten thousand entries, so the table is laid out here rather than by ReportLab's Table: cell text is
wrapped with cached glyph widths, rows are measured first (so every page knows the page count) and then drawn
with one text object per page. A row never splits across pages, and nothing is clipped: a long name simply makes
its row taller.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from kiosk.config import OfficeSettings
from kiosk.printing.form_sets import FormSpec
from kiosk.printing.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts
from kiosk.printing.pdf_layout import MOTTO, NATION
from kiosk.printing.wrapping import wrap_words
from kiosk.services.ledger_book import LEDGER_COLUMNS, LEDGER_DATE_GROUP, LEDGER_DATES, LedgerBook, LedgerEntry
from kiosk.text import nfc

PAGE_W, PAGE_H = landscape(A4)
LEFT = RIGHT = 10 * mm
TOP, BOTTOM = 12 * mm, 12 * mm
SIZE, LEAD, PAD = 7.0, 8.8, 2.2
HEAD_SIZE, HEAD_LEAD = 6.8, 8.2

COLUMNS = LEDGER_COLUMNS
DATES = LEDGER_DATES  # the columns under "Ngày, tháng, năm"
GROUP = LEDGER_DATE_GROUP


class Measure:
    """Text widths from per-character widths cached once per font and size (ReportLab does not kern)."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self._widths: dict[str, float] = {}

    def width(self, text: str) -> float:
        widths, total = self._widths, 0.0
        for ch in text:
            w = widths.get(ch)
            if w is None:
                w = widths[ch] = stringWidth(ch, self.font, self.size)
            total += w
        return total

    def wrap(self, text: str, width: float) -> list[str]:
        """Word wrap; a word wider than the cell (a dossier code) breaks after a '-' or '.', or else anywhere."""
        return wrap_words(text, self.width, width, break_after="-.")


@dataclass(frozen=True)
class _Row:
    cells: tuple[list[str], ...]
    height: float


def ledger_pdf(book: LedgerBook, spec: FormSpec, office: OfficeSettings, zone: ZoneInfo) -> bytes:
    register_fonts()
    body, head = Measure(REGULAR, SIZE), Measure(BOLD, HEAD_SIZE)
    widths = [w * mm for _, w in COLUMNS]
    scale = (PAGE_W - LEFT - RIGHT) / sum(widths)
    widths = [w * scale for w in widths]
    heading = _headings(head, widths)
    rows = [_row(entry, body, widths, zone) for entry in book.entries]
    first_top = PAGE_H - TOP - 36 * mm
    pages = list(_paginate(rows, first_top, PAGE_H - TOP - 8 * mm, heading.height))
    total = len(pages)
    out = BytesIO()
    canvas = Canvas(out, pagesize=(PAGE_W, PAGE_H), pageCompression=1, initialFontName=REGULAR)
    canvas.setTitle(nfc(f"{spec.name} năm {book.year}, quyển số {book.book:02d}"))
    canvas.setAuthor(nfc(office.agency_name))
    canvas.setCreator("Quầy Một Cửa")
    for number, page_rows in enumerate(pages, start=1):
        top = first_top if number == 1 else PAGE_H - TOP - 8 * mm
        if number == 1:
            _cover(canvas, book, spec, office)
        else:
            _running_head(canvas, book, spec)
        y = _draw_headings(canvas, heading, widths, top)
        _draw_rows(canvas, page_rows, widths, y)
        if not book.entries:
            canvas.setFont(ITALIC, 9)
            canvas.drawString(LEFT, y - 14, nfc(f"Chưa có hồ sơ nào trong sổ năm {book.year}."))
        canvas.setFont(ITALIC, 7.5)
        canvas.drawRightString(PAGE_W - RIGHT, PAGE_H - 9 * mm, nfc(spec.corner))
        canvas.setFont(REGULAR, 7.5)
        canvas.drawCentredString(PAGE_W / 2, 6 * mm, f"Trang {number}/{total}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _row(entry: LedgerEntry, measure: Measure, widths: list[float], zone: ZoneInfo) -> _Row:
    values = (
        f"{entry.number:02d}",
        entry.code,
        entry.procedure,
        str(entry.sets),
        entry.applicant,
        entry.contact,
        entry.office,
        _when(entry.received_at, zone),
        f"{entry.due_date:%d/%m/%Y}" if entry.due_date else "Không hạn",
        _when(entry.forwarded_at, zone),
        _when(entry.result_at, zone),
        _when(entry.returned_at, zone),
        "",
        entry.note,
    )
    cells = tuple(measure.wrap(nfc(v), w - 2 * PAD) for v, w in zip(values, widths, strict=True))
    height = max(len(c) for c in cells) * LEAD + 2 * PAD
    return _Row(cells, height)


def _when(at: datetime | None, zone: ZoneInfo) -> str:
    if at is None:
        return ""
    local = at.astimezone(zone)
    return f"{local:%d/%m/%Y}\n{local:%H:%M}"


@dataclass(frozen=True)
class _Heading:
    cells: tuple[list[str], ...]
    group: list[str]
    group_height: float
    height: float  # both heading rows and the column-number row


def _headings(measure: Measure, widths: list[float]) -> _Heading:
    cells = tuple(measure.wrap(nfc(title), w - 2 * PAD) for (title, _), w in zip(COLUMNS, widths, strict=True))
    group_width = sum(widths[i] for i in DATES)
    group = measure.wrap(nfc(GROUP), group_width - 2 * PAD)
    group_height = len(group) * HEAD_LEAD + 2 * PAD
    lower = max(len(cells[i]) for i in DATES) * HEAD_LEAD + 2 * PAD
    tallest = max(len(c) for i, c in enumerate(cells) if i not in DATES) * HEAD_LEAD + 2 * PAD
    height = max(group_height + lower, tallest) + HEAD_LEAD + 2 * PAD
    return _Heading(cells, group, group_height, height)


def _paginate(rows: list[_Row], first_top: float, top: float, heading: float) -> Iterator[list[_Row]]:
    page: list[_Row] = []
    room = first_top - heading - BOTTOM
    for row in rows:
        if page and row.height > room:
            yield page
            page, room = [], top - heading - BOTTOM
        page.append(row)
        room -= row.height
    yield page


def _cover(canvas: Canvas, book: LedgerBook, spec: FormSpec, office: OfficeSettings) -> None:
    """The official header, the title, the year and the book on the first page."""
    left_x, right_x = LEFT + 45 * mm, PAGE_W - RIGHT - 60 * mm
    y = PAGE_H - TOP - 2 * mm
    agency = [line.upper() for line in (office.parent_agency, office.agency_name, office.desk_name) if line]
    for i, line in enumerate(agency):
        canvas.setFont(BOLD if i == len(agency) - 1 else REGULAR, 9)
        canvas.drawCentredString(left_x, y - i * 11, nfc(line))
    canvas.line(left_x - 15 * mm, y - len(agency) * 11 + 6, left_x + 15 * mm, y - len(agency) * 11 + 6)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(right_x, y, NATION)
    canvas.drawCentredString(right_x, y - 11, nfc(MOTTO))
    motto = stringWidth(nfc(MOTTO), BOLD, 9)
    canvas.line(right_x - motto / 2, y - 14, right_x + motto / 2, y - 14)
    canvas.setFont(BOLD, 16)
    canvas.drawCentredString(PAGE_W / 2, y - 52, nfc(spec.title))
    canvas.setFont(BOLD, 11)
    canvas.drawCentredString(PAGE_W / 2, y - 70, nfc(f"Năm {book.year} – Quyển số {book.book:02d}"))
    span = f"Từ số {book.first:02d}" + (f" đến số {book.last:02d}" if book.last else "")
    if book.entries:
        span += f" (đã ghi đến số {book.entries[-1].number:02d})"
    canvas.setFont(ITALIC, 9)
    canvas.drawCentredString(PAGE_W / 2, y - 84, nfc(span))


def _running_head(canvas: Canvas, book: LedgerBook, spec: FormSpec) -> None:
    canvas.setFont(REGULAR, 8)
    canvas.drawString(LEFT, PAGE_H - 9 * mm, nfc(f"{spec.title} – Năm {book.year} – Quyển số {book.book:02d}"))


def _draw_headings(canvas: Canvas, heading: _Heading, widths: list[float], top: float) -> float:
    """Both heading rows and the row of column numbers; returns where the first entry starts."""
    xs = _edges(widths)
    numbers_y = top - heading.height + HEAD_LEAD + 2 * PAD
    text = canvas.beginText()
    text.setFont(BOLD, HEAD_SIZE)
    for i, lines in enumerate(heading.cells):
        cell_top = top - heading.group_height if i in DATES else top
        _centred_lines(text, lines, xs[i], xs[i + 1], cell_top, numbers_y)
    _centred_lines(text, heading.group, xs[DATES[0]], xs[DATES[-1] + 1], top, top - heading.group_height)
    text.setFont(REGULAR, HEAD_SIZE)
    for i in range(len(widths)):
        _centred_lines(text, [f"({i + 1})"], xs[i], xs[i + 1], numbers_y, top - heading.height, REGULAR)
    canvas.drawText(text)
    bottom = top - heading.height
    canvas.setLineWidth(0.5)
    canvas.lines(
        [(xs[0], top, xs[-1], top), (xs[0], numbers_y, xs[-1], numbers_y), (xs[0], bottom, xs[-1], bottom)]
        + [(xs[DATES[0]], top - heading.group_height, xs[DATES[-1] + 1], top - heading.group_height)]
        + [(x, top, x, bottom) for i, x in enumerate(xs) if i not in range(DATES[0] + 1, DATES[-1] + 1)]
        + [(xs[i], top - heading.group_height, xs[i], bottom) for i in range(DATES[0] + 1, DATES[-1] + 1)]
    )
    return bottom


def _centred_lines(
    text: PDFTextObject, lines: list[str], x0: float, x1: float, top: float, bottom: float, font: str = BOLD
) -> None:
    """Lines centred in a cell, vertically too."""
    block = len(lines) * HEAD_LEAD
    y = (top + bottom) / 2 + block / 2 - HEAD_SIZE
    for line in lines:
        w = stringWidth(line, font, HEAD_SIZE)
        text.setTextOrigin((x0 + x1 - w) / 2, y)
        text.textOut(line)
        y -= HEAD_LEAD


def _draw_rows(canvas: Canvas, rows: list[_Row], widths: list[float], top: float) -> None:
    xs = _edges(widths)
    text = canvas.beginText()
    text.setFont(REGULAR, SIZE)
    y = top
    rules = []
    for row in rows:
        for i, lines in enumerate(row.cells):
            line_y = y - PAD - SIZE
            for line in lines:
                if line:
                    text.setTextOrigin(xs[i] + PAD, line_y)
                    text.textOut(line)
                line_y -= LEAD
        y -= row.height
        rules.append((xs[0], y, xs[-1], y))
    canvas.drawText(text)
    if rows:
        canvas.setLineWidth(0.4)
        canvas.lines(rules + [(x, top, x, y) for x in xs])


def _edges(widths: list[float]) -> list[float]:
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    return xs
