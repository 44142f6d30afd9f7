"""A report's PDF on screen: one page at a time, as wide as the space allows, turned with PgUp / PgDn.

The pages are the very pages that print (tables, charts, signatures), rendered by pdfium when shown, so a yearly
ledger of hundreds of pages opens as fast as a one-page daily summary.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QStyle, QVBoxLayout, QWidget

from kiosk.printing.pdf_pages import PdfPages
from kiosk.ui.preview import to_pixmap

MIN_DPI, MAX_DPI = 60.0, 115.0
DESK = 2 * 16 + 4  # the grey desk either side of the sheet (the style sheet's padding), and a little air
RESIZE_DELAY_MS = 150


def fit_dpi(room: int, width_pt: float) -> float:
    """The resolution that makes a page ``width_pt`` points wide fill ``room`` pixels, within readable bounds."""
    return max(MIN_DPI, min(MAX_DPI, (room - DESK) * 72 / width_pt))


class PageViewer(QWidget):
    """The sheet in a scroll area; the page-turning buttons and position are the caller's to lay out."""

    def __init__(self, empty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.index = 0
        self.dpi = MAX_DPI
        self.sheet = QLabel(empty)
        self.sheet.setObjectName("paper")
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.area = QScrollArea()
        self.area.setWidget(self.sheet)
        self.area.setWidgetResizable(True)
        self.position = QLabel()
        self.previous = QPushButton("◀ Trang trước (PgUp)")
        self.next = QPushButton("Trang sau (PgDn) ▶")
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next.clicked.connect(lambda: self.turn(1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area, 1)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_DELAY_MS)
        self._resized.timeout.connect(self._render)
        self._open: list[PdfPages] = []  # the document shown, closed with the widget (the list outlives its wrapper)
        self.destroyed.connect(lambda _gone=None, held=self._open: [pages.close() for pages in held])
        self._update_turning()

    def show_pdf(self, pdf: bytes) -> None:
        """Show a new PDF from its first page (the one shown before is closed)."""
        pages = PdfPages(pdf)
        if self.pages is not None:
            self.pages.close()
        self.pages = pages
        self._open[:] = [pages]
        self.index = 0
        self._render()

    def turn(self, step: int) -> None:
        if self.pages is None:
            return
        index = max(0, min(len(self.pages) - 1, self.index + step))
        if index != self.index:
            self.index = index
            self._render()

    def _render(self) -> None:
        if self.pages is not None:
            width, _height = self.pages.size(self.index)
            self.dpi = fit_dpi(self._room(), width)
            self.sheet.setPixmap(to_pixmap(self.pages.render(self.index, self.dpi)))
            self.area.verticalScrollBar().setValue(0)
        self._update_turning()

    def _room(self) -> int:
        """The viewport's width once the vertical scroll bar shows (a page is taller than the screen)."""
        bar = self.area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.area)
        return self.area.contentsRect().width() - bar

    def _update_turning(self) -> None:
        count = len(self.pages) if self.pages is not None else 0
        self.position.setText(f"Trang {self.index + 1}/{count}" if count else "")
        for button in (self.previous, self.next):
            button.setVisible(count > 0)  # nothing to turn before the first report
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < count - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pages is not None:
            self._resized.start()
