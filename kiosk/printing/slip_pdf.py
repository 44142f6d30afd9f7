"""The A5 slips as PDF (ReportLab, the bundled font embedded): the official layout, long content flowing onto
further pages rather than being cut, each copy ("liên") starting on its own page with its own page numbers."""

from __future__ import annotations

from io import BytesIO

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from kiosk.printing.pdf_fonts import ITALIC, REGULAR, register_fonts
from kiosk.printing.pdf_layout import PageMark, Styles, markup, numbered_canvas, official_header, table_style
from kiosk.printing.slips import HandOvers, Items, Line, Signature, Slip, SlipBlock, Text
from kiosk.text import nfc

LEFT, RIGHT, TOP, BOTTOM = 15 * mm, 12 * mm, 13 * mm, 12 * mm
WIDTH = A5[0] - LEFT - RIGHT
QR_SIZE = 17 * mm


def slip_pdf(slip: Slip) -> bytes:
    """The slip in as many copies as it names, as the bytes of one PDF."""
    register_fonts()
    styles = Styles(9.5)
    starts: list[int] = []
    story: list[Flowable] = []
    for number, label in enumerate(slip.copies):
        if number:
            story.append(PageBreak())
        story.append(PageMark(starts))
        story += _copy(slip, label, styles)

    def footer(canvas: Canvas, page: int, total: int) -> None:
        first = max((s for s in starts if s <= page), default=1)
        following = [s for s in starts if s > page]
        pages = (following[0] if following else total + 1) - first
        canvas.saveState()
        canvas.setFont(ITALIC, 8)
        canvas.drawRightString(A5[0] - RIGHT, A5[1] - 8.5 * mm, nfc(slip.spec.corner))
        canvas.setFont(REGULAR, 7.5)
        if slip.reference:
            canvas.drawString(LEFT, 6 * mm, nfc(slip.reference))
        if pages > 1:
            canvas.drawRightString(A5[0] - RIGHT, 6 * mm, f"Trang {page - first + 1}/{pages}")
        canvas.restoreState()

    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A5,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=nfc(slip.spec.name),
        author=nfc(slip.agency[-1] if slip.agency else ""),
        subject=nfc(f"{slip.spec.corner} ({slip.spec.form_set}) {slip.reference}".strip()),
        creator="Quầy Một Cửa",
        initialFontName=REGULAR,  # else every page names Helvetica, a font the PDF does not embed
    )
    frame = Frame(LEFT, BOTTOM, WIDTH, A5[1] - TOP - BOTTOM, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate("slip", [frame])])
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return out.getvalue()


def _copy(slip: Slip, label: str, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = [
        official_header(styles, slip.agency, slip.place_date, WIDTH, number_line=slip.number_line),
        Spacer(1, 4 * mm),
        styles.p(slip.spec.title, styles.title),
    ]
    under = [styles.p(line, styles.center_bold) for line in slip.subtitle]
    if label:
        under.append(styles.p(f"({label})", styles.italic))
    if slip.qr:
        flow.append(_beside_qr(under, slip.qr))
    else:
        flow += under
    flow.append(Spacer(1, 3 * mm))
    for block in slip.body:
        flow += _block(block, styles)
    if slip.signatures:
        flow.append(Spacer(1, 4 * mm))
        flow.append(_signatures(slip.signatures, styles))
    if slip.notes:
        notes = [styles.p("Ghi chú:", styles.note)] + [styles.p(f"- {n}", styles.note) for n in slip.notes]
        flow += [Spacer(1, 3 * mm), KeepTogether(notes)]
    return flow


def _block(block: SlipBlock, styles: Styles) -> list[Flowable]:
    if isinstance(block, Line):
        value = f"<b>{markup(block.value)}</b>" if block.strong else markup(block.value)
        return [Paragraph(f"{markup(block.label)}: {value}", styles.left)]
    if isinstance(block, Text):
        text = f"<b>{markup(block.text)}</b>" if block.strong else markup(block.text)
        return [Paragraph(text, styles.body)]
    if isinstance(block, Items):
        flow: list[Flowable] = [styles.p(block.heading, styles.left)] if block.heading else []
        flow += [styles.p(f"({i}) {item}", styles.item) for i, item in enumerate(block.items, start=1)]
        return flow
    return [Spacer(1, 2 * mm), _hand_overs(block, styles)]


def _hand_overs(block: HandOvers, styles: Styles) -> Table:
    head = ["TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ", "KẾT QUẢ (Trước hạn/ Đúng hạn/ Quá hạn)", "GHI CHÚ"]
    widths = [WIDTH * f for f in (0.28, 0.40, 0.20, 0.12)]
    rows: list[list[object]] = [[styles.p(h, styles.cell_head) for h in head]]
    for i, row in enumerate(block.rows):
        sign = Table([[styles.p("Người giao", styles.cell_head), styles.p("Người nhận", styles.cell_head)]])
        sign.setStyle(table_style(("BOTTOMPADDING", (0, 0), (-1, -1), 9 * mm), ("LEFTPADDING", (0, 0), (-1, -1), 0)))
        rows.append(
            [
                [
                    styles.p(f"{2 * i + 1}. Giao: {row.giver}", styles.cell),
                    styles.p(f"{2 * i + 2}. Nhận: {row.receiver}", styles.cell),
                ],
                [styles.p(row.at, styles.cell), sign],
                styles.p(row.result, styles.cell),
                styles.p(row.note, styles.cell),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


def _signatures(signatures: tuple[Signature, ...], styles: Styles) -> Flowable:
    cells = []
    for s in signatures:
        cells.append(
            [
                styles.p(s.title, styles.header_bold),
                styles.p(s.note, styles.italic),
                Spacer(1, 12 * mm),
                styles.p(s.name, styles.header_bold) if s.name else Spacer(1, 4 * mm),
            ]
        )
    if len(cells) == 1:  # a single signer signs on the right, as in every official letter
        cells.insert(0, [Spacer(1, 1)])
    table = Table([cells], colWidths=[WIDTH / len(cells)] * len(cells))
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
    return KeepTogether([table])


def _beside_qr(lines: list[Flowable], data: str) -> Table:
    """The lines under the title stay centred on the page; the QR code sits at the right margin beside them."""
    widget = QrCodeWidget(nfc(data), barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    scale = [QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=scale, initialFontName=REGULAR)  # not Helvetica
    drawing.add(widget)
    side = QR_SIZE + 2 * mm
    table = Table([[Spacer(1, 1), lines, drawing]], colWidths=[side, WIDTH - 2 * side, side])
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("ALIGN", (2, 0), (2, 0), "RIGHT"),
        )
    )
    return table
