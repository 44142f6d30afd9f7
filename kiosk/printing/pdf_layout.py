"""What the A5 slips and the A4 ledger share: paragraph styles, the official two-column header, and a canvas that
numbers pages once it knows how many there are.

Every text passes through :func:`markup` (NFC, XML-escaped), so a name with "&" or "<" prints as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from kiosk.printing.pdf_fonts import BOLD, ITALIC, REGULAR
from kiosk.text import nfc

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def markup(text: str) -> str:
    return escape(nfc(text))


class Styles:
    """Paragraph styles at one base size (10 pt on the slips); line spacing leaves room for stacked tone marks."""

    def __init__(self, size: float = 10.0) -> None:
        lead = size * 1.38
        self.body = ParagraphStyle(
            "body", fontName=REGULAR, fontSize=size, leading=lead, alignment=TA_JUSTIFY, spaceAfter=size * 0.15
        )
        self.left = ParagraphStyle("left", parent=self.body, alignment=TA_LEFT, spaceAfter=0)
        self.item = ParagraphStyle("item", parent=self.left, leftIndent=7 * mm, firstLineIndent=-5 * mm)
        self.header = ParagraphStyle(
            "header", fontName=REGULAR, fontSize=size - 1, leading=(size - 1) * 1.32, alignment=TA_CENTER
        )
        self.header_bold = ParagraphStyle("header_bold", parent=self.header, fontName=BOLD)
        self.italic = ParagraphStyle("italic", parent=self.header, fontName=ITALIC, fontSize=size - 0.5)
        self.title = ParagraphStyle(
            "title", fontName=BOLD, fontSize=size + 2, leading=(size + 2) * 1.35, alignment=TA_CENTER, spaceBefore=4
        )
        self.center_bold = ParagraphStyle("center_bold", parent=self.title, fontSize=size, leading=lead, spaceBefore=0)
        self.cell = ParagraphStyle("cell", parent=self.left, fontSize=size - 1.5, leading=(size - 1.5) * 1.32)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=BOLD, alignment=TA_CENTER)
        self.note = ParagraphStyle(
            "note", parent=self.left, fontName=ITALIC, fontSize=size - 2, leading=(size - 2) * 1.35, spaceAfter=0
        )

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text), style or self.body)


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A table style in the bundled font: a Table otherwise names Helvetica, which the PDF would not embed."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def official_header(
    styles: Styles, agency: tuple[str, ...], place_date: str, width: float, *, number_line: str = ""
) -> Table:
    """Agency top left (its last line bold, a short rule under it), Quốc hiệu – Tiêu ngữ top right, then the
    place and date in italics under the right column."""
    left_width = width * 0.43
    left: list[Flowable] = [
        styles.p(line.upper(), styles.header_bold if i == len(agency) - 1 else styles.header)
        for i, line in enumerate(agency)
    ]
    left.append(HRFlowable(width="40%", thickness=0.6, color="black", spaceBefore=1, spaceAfter=2))
    if number_line:
        left.append(styles.p(number_line, styles.header))
    right: list[Flowable] = [
        styles.p(NATION, styles.header_bold),
        styles.p(MOTTO, styles.header_bold),
        HRFlowable(width="62%", thickness=0.6, color="black", spaceBefore=1, spaceAfter=4),
        styles.p(place_date, styles.italic),
    ]
    table = Table([[left, right]], colWidths=[left_width, width - left_width])
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return table


Footer = Callable[[Canvas, int, int], None]


def numbered_canvas(footer: Footer) -> type[Canvas]:
    """A canvas class that holds every page back until the end, then draws ``footer(canvas, page, total)`` on each."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class PageMark(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Takes no room; records the page it lands on (where a copy of a slip starts)."""

    def __init__(self, marks: list[int]) -> None:
        super().__init__()
        self._marks = marks
        self.width = self.height = 0

    def draw(self) -> None:
        self._marks.append(self.canv.getPageNumber())
