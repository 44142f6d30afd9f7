"""The notice-board sheets (bảng niêm yết thủ tục hành chính) as one A4 PDF: a contents page listing the fields and
their procedures with page numbers, then one sheet per procedure, each starting on a new page.

A sheet reads from a metre away: the agency block top left (the QR code of the procedure's web page top right
when the website's address is set), the field, the procedure's name large, its code, the facts a citizen asks
about, the documents as a table, the legal basis. A long sheet flows onto further pages, each headed with the
procedure's name and "(tiếp)". Every page carries "Trang x/y" and the day of publication.

The PDF is built twice: the first build finds the page each sheet starts on, the second prints those numbers in
the contents. It is built ``invariant``, so the same publication gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable

from kiosk.printing.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts
from kiosk.printing.pdf_layout import PageMark, markup, numbered_canvas, table_style
from kiosk.printing.procedure_sheet import (
    DOCUMENT_HEADINGS,
    DOCUMENTS,
    LEGAL_BASIS,
    NO_DOCUMENTS,
    TITLE,
    ProcedureSheet,
    Publication,
)

LEFT, RIGHT, TOP, BOTTOM = 20 * mm, 15 * mm, 14 * mm, 18 * mm
WIDTH = A4[0] - LEFT - RIGHT
HEIGHT = A4[1] - TOP - BOTTOM
RUNNING = 16 * mm  # the "(tiếp)" heading at the top of a continuation page
MORE = "(tiếp)"
QR_SIZE = 30 * mm
QR_COLUMN = 48 * mm
CONTENTS = (14 * mm, WIDTH - 14 * mm - 32 * mm - 18 * mm, 32 * mm, 18 * mm)  # STT, name, code, page
GROUP_START = 28 * mm  # room a field needs to start on a page: its name and a procedure or two
FILL = colors.HexColor("#E6E6E6")
RULE = colors.HexColor("#555555")
#: Most builds: page numbers never change the contents' length, so the second build settles them.
MAX_PASSES = 4


class _Look:
    """Type for a wall: body 12.5 pt, the procedure's name 20 pt, line spacing with room for stacked tone marks."""

    def __init__(self) -> None:
        body = 12.5
        self.body = ParagraphStyle("body", fontName=REGULAR, fontSize=body, leading=body * 1.4, alignment=TA_LEFT)
        self.label = ParagraphStyle("label", parent=self.body, fontName=BOLD)
        self.agency = ParagraphStyle("agency", parent=self.body, fontSize=12, leading=16, alignment=TA_CENTER)
        self.agency_bold = ParagraphStyle("agency_bold", parent=self.agency, fontName=BOLD)
        self.desk = ParagraphStyle("desk", parent=self.agency, fontName=ITALIC)
        self.kicker = ParagraphStyle(
            "kicker", parent=self.body, fontName=BOLD, fontSize=13, leading=18, alignment=TA_CENTER, spaceBefore=2
        )
        self.field = ParagraphStyle("field", parent=self.body, fontSize=13, leading=18, alignment=TA_CENTER)
        self.name = ParagraphStyle(
            "name", parent=self.body, fontName=BOLD, fontSize=20, leading=27, alignment=TA_CENTER, spaceBefore=4
        )
        self.code = ParagraphStyle("code", parent=self.field, spaceBefore=2)
        self.section = ParagraphStyle(
            "section", parent=self.body, fontName=BOLD, fontSize=14, leading=19, spaceBefore=10, spaceAfter=4
        )
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=12, leading=16.5)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell_center, fontName=BOLD)
        self.group = ParagraphStyle("group", parent=self.cell, fontName=BOLD)
        self.caption = ParagraphStyle(
            "caption", parent=self.body, fontName=ITALIC, fontSize=10, leading=13, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", parent=self.body, fontName=BOLD, fontSize=19, leading=26, alignment=TA_CENTER, spaceBefore=6
        )
        self.subtitle = ParagraphStyle("subtitle", parent=self.field, fontName=ITALIC)

    def p(self, text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup(text), style)


@dataclass(frozen=True)
class NoticePdf:
    data: bytes
    pages: int
    sheet_pages: tuple[int, ...]  # the page (from 1) each sheet starts on, in the publication's order
    fields: tuple[str, ...]


def notice_pdf(publication: Publication) -> NoticePdf:
    """The contents page and every sheet of the publication, as one A4 PDF."""
    register_fonts()
    look = _Look()
    codes = {sheet.code: _qr(sheet.url) for sheet in publication.sheets if sheet.url}
    pages: list[int] = []  # the page each sheet starts on, once known
    for _ in range(MAX_PASSES):
        built = _build(publication, look, codes, pages)
        if list(built.sheet_pages) == pages:
            break
        pages = list(built.sheet_pages)
    return built


def _build(publication: Publication, look: _Look, codes: dict[str, Drawing], pages: list[int]) -> NoticePdf:
    starts: list[int] = []  # the first page of each part: the contents, then each sheet
    totals: list[int] = []
    running = [TITLE] + [s.name for s in publication.sheets]
    story: list[Flowable] = [NextPageTemplate("more"), PageMark(starts), *_contents(publication, look, pages)]
    for sheet in publication.sheets:
        story += [NextPageTemplate("first"), PageBreak(), NextPageTemplate("more"), PageMark(starts)]
        story += _sheet(publication, sheet, look, codes.get(sheet.code))

    def decorate(canvas: Canvas, page: int, total: int) -> None:
        totals[:] = [total]
        part = max(i for i, start in enumerate(starts) if start <= page)
        canvas.saveState()
        if page > starts[part]:
            _running_head(canvas, running[part])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, BOTTOM - 5 * mm, A4[0] - RIGHT, BOTTOM - 5 * mm)
        canvas.setFont(REGULAR, 10)
        canvas.drawString(LEFT, BOTTOM - 9 * mm, _fit(_footer_text(publication), REGULAR, 10, WIDTH - 30 * mm))
        canvas.drawRightString(A4[0] - RIGHT, BOTTOM - 9 * mm, f"Trang {page}/{total}")
        canvas.restoreState()

    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"Niêm yết thủ tục hành chính – {publication.agency_name}",
        author=publication.agency_name,
        subject=f"{publication.summary}, ngày {publication.date_text}",
        creator="Quầy Một Cửa",
        initialFontName=REGULAR,  # else every page names Helvetica, a font the PDF does not embed
        invariant=True,
        lang="vi",
    )
    first = Frame(LEFT, BOTTOM, WIDTH, HEIGHT, id="first", leftPadding=0, rightPadding=0, topPadding=0)
    more = Frame(LEFT, BOTTOM, WIDTH, HEIGHT - RUNNING, id="more", leftPadding=0, rightPadding=0, topPadding=0)
    doc.addPageTemplates([PageTemplate("first", [first]), PageTemplate("more", [more])])
    doc.build(story, canvasmaker=numbered_canvas(decorate))
    return NoticePdf(out.getvalue(), totals[0], tuple(starts[1:]), tuple(g.name for g in publication.groups))


def _footer_text(publication: Publication) -> str:
    return f"Niêm yết ngày {publication.date_text} · {publication.agency_name}"


def _running_head(canvas: Canvas, name: str) -> None:
    """The part's name with "(tiếp)" (the name cut to fit two lines) and a rule, at the top of a page it flows
    onto."""
    lines = simpleSplit(f"{name} {MORE}", BOLD, 12, WIDTH)
    if len(lines) > 2:
        rest = " ".join(simpleSplit(name, BOLD, 12, WIDTH)[1:])
        lines = [lines[0], f"{_fit(rest, BOLD, 12, WIDTH - stringWidth(f' {MORE}', BOLD, 12))} {MORE}"]
    canvas.setFont(BOLD, 12)
    y = A4[1] - TOP - 4 * mm
    for line in lines:
        canvas.drawString(LEFT, y, line)
        y -= 15
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, A4[1] - TOP - RUNNING + 3 * mm, A4[0] - RIGHT, A4[1] - TOP - RUNNING + 3 * mm)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text``, cut with "…" to fit ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(f"{text}…", font, size) > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


# -- the parts ----------------------------------------------------------------------------------------------------


def _agency(publication: Publication, look: _Look, code: Drawing | None) -> Flowable:
    """The agency block top left; the QR code of the procedure's page top right when there is one."""
    block: list[Flowable] = []
    if publication.parent_agency:
        block.append(look.p(publication.parent_agency.upper(), look.agency))
    block.append(look.p(publication.agency_name.upper(), look.agency_bold))
    block.append(HRFlowable(width="35%", thickness=0.7, color="black", spaceBefore=2, spaceAfter=3))
    if publication.desk_name:
        block.append(look.p(publication.desk_name, look.desk))
    left_width = WIDTH * 0.55
    right: list[Flowable] = [Spacer(1, 1)]
    if code is not None:
        right = [code, look.p("Quét mã để xem trên mạng", look.caption)]
    table = Table([[block, "", right]], colWidths=[left_width, WIDTH - left_width - QR_COLUMN, QR_COLUMN])
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # the rule under the agency's name, and the QR code
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
        )
    )
    return table


def _qr(url: str) -> Drawing:
    """The code as plain squares, encoded once (the widget would encode it again at every drawing)."""
    widget = QrCodeWidget(url, barLevel="M", barWidth=QR_SIZE, barHeight=QR_SIZE)
    drawing = Drawing(QR_SIZE, QR_SIZE, initialFontName=REGULAR)  # not Helvetica
    drawing.add(widget.draw())
    drawing.hAlign = "CENTER"
    return drawing


def _contents(publication: Publication, look: _Look, pages: list[int]) -> list[Flowable]:
    flow: list[Flowable] = [
        _agency(publication, look, None),
        Spacer(1, 6 * mm),
        look.p(TITLE.upper(), look.title),
        look.p(f"Niêm yết tại {publication.desk_name} – {publication.agency_name}", look.subtitle),
        look.p(f"Gồm {publication.summary}; cập nhật ngày {publication.date_text}", look.subtitle),
        Spacer(1, 5 * mm),
    ]
    head = Table([[look.p(h, look.cell_head) for h in ("STT", "Tên thủ tục", "Mã thủ tục", "Trang")]], CONTENTS)
    head.setStyle(table_style(*_GRID, ("BACKGROUND", (0, 0), (-1, -1), FILL)))
    flow.append(head)
    number = 0
    for roman, group in enumerate(publication.groups, start=1):
        rows: list[list[object]] = [[look.p(_roman(roman), look.cell_head), look.p(group.name, look.group), "", ""]]
        for sheet in group.sheets:
            page = str(pages[number]) if number < len(pages) else "…"
            number += 1
            rows.append(
                [
                    look.p(str(number), look.cell_center),
                    look.p(sheet.name, look.cell),
                    look.p(sheet.code, look.cell_center),
                    look.p(page, look.cell_center),
                ]
            )
        table = Table(rows, colWidths=CONTENTS, repeatRows=1)  # the field's name repeats on the next page
        table.setStyle(table_style(*_GRID, ("SPAN", (1, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), FILL)))
        flow += [CondPageBreak(GROUP_START), table]  # a field's name never ends a page alone
    return flow


_GRID: tuple[tuple[object, ...], ...] = (
    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
)


def _sheet(publication: Publication, sheet: ProcedureSheet, look: _Look, code: Drawing | None) -> list[Flowable]:
    flow: list[Flowable] = [
        _agency(publication, look, code),
        Spacer(1, 3 * mm),
        look.p("THỦ TỤC HÀNH CHÍNH", look.kicker),
        look.p(f"Lĩnh vực: {sheet.field}", look.field),
        look.p(sheet.name, look.name),
        look.p(sheet.code_line, look.code),
        HRFlowable(width="100%", thickness=0.7, color=RULE, spaceBefore=5, spaceAfter=5),
    ]
    if sheet.facts:
        facts = Table(
            [[look.p(f.label, look.label), look.p(f.value, look.body)] for f in sheet.facts],
            colWidths=[52 * mm, WIDTH - 52 * mm],
        )
        facts.setStyle(
            table_style(
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            )
        )
        flow.append(facts)
    heading = look.p(DOCUMENTS, look.section)
    if sheet.documents:
        flow += [heading, _documents(sheet, look)]  # the table repeats its heading row on the next page
    else:
        flow += [KeepTogether([heading, look.p(NO_DOCUMENTS, look.body)])]
    if sheet.legal_basis:
        lines = [look.p(line, look.body) for line in sheet.legal_basis]
        flow += [KeepTogether([look.p(LEGAL_BASIS, look.section), *lines[:2]]), *lines[2:]]
    return flow


def _documents(sheet: ProcedureSheet, look: _Look) -> Table:
    widths = [12 * mm, 0.0, 33 * mm, 23 * mm, 34 * mm]
    widths[1] = WIDTH - sum(widths)
    rows: list[list[object]] = [[look.p(h, look.cell_head) for h in DOCUMENT_HEADINGS]]
    for doc in sheet.documents:
        rows.append(
            [
                look.p(str(doc.number), look.cell_center),
                look.p(doc.name, look.cell),
                look.p(doc.form or "–", look.cell_center),
                look.p(str(doc.count), look.cell_center),
                look.p(doc.note, look.cell),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("BACKGROUND", (0, 0), (-1, 0), FILL),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        )
    )
    return table


_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(number: int) -> str:
    """A field's number as the official lists write it: I, II, … XIV."""
    text = ""
    for value, letters in _NUMERALS:
        while number >= value:
            text += letters
            number -= value
    return text
