"""A PDF on the office printer through QPrinter: each page rendered by pdfium at the printer's resolution (at most
300 dpi) and drawn onto the whole sheet, the sheet size and orientation taken from the PDF (A5 slips, A4 ledger)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from kiosk.errors import PrinterError
from kiosk.printing.pdf_pages import PdfPages

MAX_DPI = 300


def print_pages(pages: PdfPages, printer: QPrinter) -> int:
    """Print the pages the print dialog asked for (all by default); returns how many were printed."""
    first, last = printer.fromPage(), printer.toPage()
    if first == 0 and last == 0:
        first, last = 1, len(pages)
    first, last = max(1, first), min(len(pages), last)
    width, height = pages.size(first - 1)
    portrait = QSizeF(min(width, height), max(width, height))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError("Không mở được máy in văn phòng; hãy kiểm tra máy in đã bật và được chọn đúng.")
    try:
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            image = pages.render(number - 1, dpi)
            data = image.tobytes()  # kept alive while the QImage that wraps it is drawn
            qimage = QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            painter.drawImage(target, qimage)
    finally:
        painter.end()
    return last - first + 1
