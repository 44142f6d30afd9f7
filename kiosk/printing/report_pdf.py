"""A report on A4 paper, laid out like the Department's own tables: the official header, the title and period,
each section's lines, tables and charts, then the place and date and the two signatures; "Trang n/N" on every page.

Tables are ReportLab tables of paragraphs: a long procedure name wraps and makes its row taller, and the heading
rows (a group heading spanning its columns above the column headings) repeat on every page the table runs onto.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as PdfTable

from kiosk.config import FormSettings, OfficeSettings
from kiosk.printing.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts
from kiosk.printing.pdf_layout import Styles, markup, numbered_canvas, official_header, table_style
from kiosk.printing.report_charts import bar_chart
from kiosk.services.reports.model import (
    BarChart,
    Column,
    ColumnKind,
    Report,
    Row,
    RowKind,
    Section,
    Table,
    cell_text,
)
from kiosk.text import nfc

LEFT, RIGHT, TOP, BOTTOM = 15 * mm, 12 * mm, 12 * mm, 14 * mm
CELL, CELL_LEAD = 8.0, 10.6
#: Room a long table needs to start on a page: its title, the heading rows and a few rows.
TABLE_START = 50 * mm
SHORT = 4  # characters: a text column whose cells are all this short is centred
GROUP_FILL = colors.HexColor("#EBEBEB")
MAKER = "NGƯỜI LẬP BIỂU"
HEAD = "LÃNH ĐẠO ĐƠN VỊ"


class _Look(Styles):
    """The slips' styles at 10 pt, and the table cells' at 8 pt."""

    def __init__(self) -> None:
        super().__init__(10.0)
        self.report_title = ParagraphStyle("report_title", parent=self.title, fontSize=13, leading=17.5)
        self.period = ParagraphStyle("period", parent=self.italic, fontSize=10, leading=13.5)
        self.section = ParagraphStyle(
            "section",
            parent=self.left,
            fontName=BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
        )
        self.line = ParagraphStyle("line", parent=self.left, spaceAfter=2)
        self.table_title = ParagraphStyle(
            "table_title",
            parent=self.left,
            fontName=BOLD,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=4,
            spaceAfter=3,
        )
        self.chart_title = ParagraphStyle("chart_title", parent=self.table_title, alignment=TA_CENTER)
        self.table_note = ParagraphStyle("table_note", parent=self.note, fontSize=7.5, leading=10, spaceBefore=2)
        self.text = ParagraphStyle("text", fontName=REGULAR, fontSize=CELL, leading=CELL_LEAD, alignment=TA_LEFT)
        self.number = ParagraphStyle("number", parent=self.text, alignment=TA_RIGHT)
        self.short = ParagraphStyle("short", parent=self.text, alignment=TA_CENTER)
        self.head = ParagraphStyle("head", parent=self.text, fontName=BOLD, alignment=TA_CENTER)
        self.empty = ParagraphStyle("empty", parent=self.text, fontName=ITALIC, alignment=TA_CENTER)
        self.bold = {
            s.name: ParagraphStyle(f"{s.name}_bold", parent=s, fontName=BOLD)
            for s in (self.text, self.number, self.short)
        }


def report_pdf(report: Report, office: OfficeSettings, forms: FormSettings) -> bytes:
    """The report as the bytes of one PDF, A4 portrait or landscape as the report asks."""
    register_fonts()
    look = _Look()
    page = landscape(A4) if report.landscape else A4
    width, height = page[0] - LEFT - RIGHT, page[1] - TOP - BOTTOM
    agency = tuple(line for line in (office.parent_agency, office.agency_name, office.desk_name) if line)
    story: list[Flowable] = [
        official_header(look, agency, "", width),
        Spacer(1, 5 * mm),
        look.p(report.title, look.report_title),
        look.p(report.period, look.period),
        Spacer(1, 3 * mm),
    ]
    for section in report.sections:
        story += _section(section, look, width, height)
    story.append(_signatures(report, office, forms, look, width))

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.drawCentredString(page[0] / 2, 7 * mm, f"Trang {number}/{total}")
        if number > 1:
            canvas.setFont(ITALIC, 7.5)
            canvas.drawString(LEFT, page[1] - 8 * mm, _running_head(report, width))
        canvas.restoreState()

    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=page,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=nfc(report.title),
        author=nfc(office.agency_name),
        subject=nfc(report.period),
        creator="Quầy Một Cửa",
        initialFontName=REGULAR,  # else every page names Helvetica, a font the PDF does not embed
    )
    frame = Frame(LEFT, BOTTOM, width, height, id="body", leftPadding=0, rightPadding=0, topPadding=0)
    doc.addPageTemplates([PageTemplate("report", [frame])])
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def _running_head(report: Report, width: float) -> str:
    """Title and period at the top of the following pages, the period left off when both do not fit."""
    both = nfc(f"{report.title} – {report.period}")
    return both if stringWidth(both, ITALIC, 7.5) <= width else nfc(report.title)


def _section(section: Section, look: _Look, width: float, height: float) -> list[Flowable]:
    """The heading, its lines, tables and charts; the heading never ends a page alone but goes with what follows."""
    lead: list[Flowable] = [look.p(section.heading, look.section)] if section.heading else []
    flow: list[Flowable] = []
    if section.lines:
        flow.append(KeepTogether([*lead, look.p(section.lines[0], look.line)]))
        flow += [look.p(line, look.line) for line in section.lines[1:]]
        lead = []
    for table in section.tables:
        flow += _table(table, lead, look, width, height)
        lead = []
    for chart in section.charts:
        flow.append(_chart(chart, lead, look, width, height))
        lead = []
    return flow + lead


def _table(table: Table, lead: list[Flowable], look: _Look, width: float, height: float) -> list[Flowable]:
    """A table that fits on a page is kept on one, with its title; a longer one starts where there is room for its
    title, headings and first rows, and runs on with its headings repeated."""
    columns = table.columns
    scale = width / sum(c.width for c in columns)
    heading, spans = _headings(columns, look)
    rows: list[list[object]] = [*heading]
    styles: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *spans,
    ]
    cell_styles = _cell_styles(table, look)
    for row in table.rows:
        if row.kind is RowKind.GROUP:
            styles.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), GROUP_FILL))
        rows.append(_cells(row, columns, cell_styles, look))
    if not table.rows:
        styles.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([Paragraph("Không có số liệu.", look.empty)] + [""] * (len(columns) - 1))
    pdf_table = PdfTable(rows, colWidths=[c.width * scale for c in columns], repeatRows=len(heading))
    pdf_table.setStyle(table_style(*styles))
    flow: list[Flowable] = [*lead, look.p(table.title, look.table_title)] if table.title else [*lead]
    flow.append(pdf_table)
    if table.note:
        flow.append(look.p(table.note, look.table_note))
    _, table_height = pdf_table.wrap(width, height)
    if table_height <= height * 0.8:
        return [KeepTogether(flow), Spacer(1, 3 * mm)]
    return [CondPageBreak(TABLE_START), *flow, Spacer(1, 3 * mm)]


def _headings(columns: tuple[Column, ...], look: _Look) -> tuple[list[list[object]], list[tuple[object, ...]]]:
    """One heading row, or two when some columns share a group: the group spans its columns above their own
    headings, and a column without a group spans both rows."""

    def head(text: str) -> Paragraph:
        return Paragraph(markup(text), look.head)

    if not any(c.group for c in columns):
        return [[head(c.heading) for c in columns]], []
    top: list[object] = []
    below: list[object] = []
    spans: list[tuple[object, ...]] = []
    i = 0
    while i < len(columns):
        group = columns[i].group
        if not group:
            top.append(head(columns[i].heading))
            below.append("")
            spans.append(("SPAN", (i, 0), (i, 1)))
            i += 1
            continue
        end = i
        while end + 1 < len(columns) and columns[end + 1].group == group:
            end += 1
        top += [head(group)] + [""] * (end - i)
        below += [head(c.heading) for c in columns[i : end + 1]]
        if end > i:
            spans.append(("SPAN", (i, 0), (end, 0)))
        i = end + 1
    return [top, below], spans


def _cell_styles(table: Table, look: _Look) -> list[ParagraphStyle]:
    """Numbers to the right; text to the left, or centred in a column of short marks (STT: "1", "I", "a")."""
    styles = []
    for i, column in enumerate(table.columns):
        if column.kind is not ColumnKind.TEXT:
            styles.append(look.number)
            continue
        texts = [cell_text(row.cells[i], column.kind) for row in table.rows if i < len(row.cells)]
        styles.append(look.short if texts and all(len(t) <= SHORT for t in texts) else look.text)
    return styles


def _cells(row: Row, columns: tuple[Column, ...], styles: list[ParagraphStyle], look: _Look) -> list[object]:
    strong = row.kind is not RowKind.ITEM
    cells: list[object] = []
    for value, column, style in zip(row.cells, columns, styles, strict=False):
        cells.append(Paragraph(markup(cell_text(value, column.kind)), look.bold[style.name] if strong else style))
    return cells + [""] * (len(columns) - len(cells))


def _chart(chart: BarChart, lead: list[Flowable], look: _Look, width: float, height: float) -> Flowable:
    parts: list[Flowable] = [*lead, look.p(chart.title, look.chart_title)] if chart.title else [*lead]
    if chart.labels:
        parts.append(bar_chart(chart, width, height / 2))
    else:
        parts.append(look.p("Không có số liệu.", look.period))
    parts.append(Spacer(1, 4 * mm))
    return KeepTogether(parts)


def _signatures(report: Report, office: OfficeSettings, forms: FormSettings, look: _Look, width: float) -> Flowable:
    """Place and date over the head's block; the maker signs on the left, the head on the right."""
    made = report.made_at.date()
    day = f"ngày {made:%d} tháng {made:%m} năm {made:%Y}"
    place_date = f"{office.place_name}, {day}" if office.place_name.strip() else day.capitalize()

    def block(title: str, note: str, name: str) -> list[Flowable]:
        return [
            look.p(title, look.center_bold),
            look.p(note, look.italic),
            Spacer(1, 20 * mm),
            look.p(name, look.center_bold) if name.strip() else Spacer(1, 4 * mm),
        ]

    rows = [
        ["", look.p(place_date, look.period)],
        [
            block(MAKER, "(Ký, ghi rõ họ tên)", report.made_by),
            block(forms.head_title.strip().upper() or HEAD, "(Ký, ghi rõ họ tên, đóng dấu)", forms.head_name),
        ],
    ]
    table = PdfTable(rows, colWidths=[width / 2, width / 2])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, 0), 4)))
    return KeepTogether([Spacer(1, 6 * mm), table])
