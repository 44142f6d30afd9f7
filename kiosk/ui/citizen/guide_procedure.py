"""The guide's page for one procedure: the papers to bring as a checklist, time limit, fee, where to go, and the big
"In phiếu hướng dẫn" button. Long content turns pages; a name too long for a third of the screen is set smaller.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.config import OfficeSettings
from kiosk.printing.guide_slip import CHECKLIST_HEADING, NO_DOCUMENTS, document_terms, fee_words, limit_detail, places
from kiosk.services.catalog_types import ProcedureInfo
from kiosk.ui.citizen.guide_pages import GREY, MARGINS, NAVY, Page
from kiosk.ui.citizen.guide_paging import PagedBlocks
from kiosk.ui.citizen.guide_widgets import (
    DETAIL_PT,
    HEADING_PT,
    SMALLEST_PT,
    TEXT_PT,
    ActionButton,
    Notice,
    TextBlock,
    font,
    text_label,
)

TITLE_PT = HEADING_PT - 2
PRINT_WIDTH = 640
PRINTING = "Đang in phiếu…"
NOTICE_MS = 20_000
REPRINT_AFTER_MS = 2_000


def rich_line(strong: str, rest: str, point_size: int = TEXT_PT) -> QLabel:
    """A wrapped line whose first words are bold: a paper's name, a fact's label."""
    label = text_label(f"<b>{escape(strong)}</b>{escape(rest)}", point_size)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAccessibleName(strong + rest)
    return label


def _height_at(label: QLabel, point_size: int, width: int) -> int:
    metrics = QFontMetrics(font(point_size, label.font().weight(), label.font()))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    return metrics.boundingRect(QRect(0, 0, max(1, width), 100_000), flags, label.text()).height()


class ProcedurePage(Page):
    """One procedure: its papers to tick off, time limit, fee, where to go; "In phiếu hướng dẫn" to take it home."""

    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        print_button = ActionButton("In phiếu hướng dẫn")
        print_button.setFixedHeight(print_button.sizeHint().height())
        print_button.setMinimumWidth(print_button.sizeHint().width())
        print_button.setMaximumWidth(PRINT_WIDTH)
        middle = QWidget()  # the main action between "Quay lại" and "Về màn hình chính": always in sight
        row = QHBoxLayout(middle)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(print_button, 4)
        row.addStretch(1)
        super().__init__(middle, parent)
        self.code = ""
        self.print_button = print_button
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.code))
        self.title = text_label("", TITLE_PT, bold=True, colour=NAVY)
        self.field = text_label("", DETAIL_PT, colour=GREY)
        self.content = PagedBlocks()
        self.notice = Notice(self)
        self.message = self.notice.label
        self.notice_timer = QTimer(self)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.timeout.connect(self.notice.hide)
        self.body.addWidget(self.title)
        self.body.addWidget(self.field)
        self.body.addWidget(self.content, 1)

    def show_procedure(self, info: ProcedureInfo, office: OfficeSettings) -> None:
        self.code = info.code
        self.title.setText(info.name)
        self._fit_title()
        self.field.setText(f"Lĩnh vực: {info.field}")
        self.field.show()
        self._tell("")
        self.print_button.show()
        self.print_button.setEnabled(True)
        blocks: list[QWidget] = []
        keep: list[bool] = []
        if info.documents:
            blocks.append(TextBlock([text_label(f"{CHECKLIST_HEADING}:", TEXT_PT, bold=True, colour=NAVY)]))
            keep.append(True)
            for doc in info.documents:
                blocks.append(TextBlock([rich_line(doc.name, document_terms(doc))], box=True))
                keep.append(False)
        else:
            blocks.append(TextBlock([text_label(NO_DOCUMENTS)]))
            keep.append(False)
        facts = [
            ("Thời hạn giải quyết", limit_detail(info.limit_kind, info.days)),
            ("Phí, lệ phí", fee_words(info)),
            *places(info, office),
            ("Giờ làm việc", office.opening_hours.strip()),
        ]
        for label, value in facts:
            if value:
                blocks.append(TextBlock([rich_line(f"{label}: ", value)]))
                keep.append(False)
        self.content.set_blocks(blocks, keep)

    def show_missing(self, message: str) -> None:
        """The procedure is gone from the catalog (changed while the citizen was reading)."""
        self.code = ""
        self.title.setText(message)
        self.field.hide()
        self._tell("")
        self.print_button.hide()
        self.content.set_blocks([])

    def printing(self) -> None:
        self.print_button.setEnabled(False)
        self._tell(PRINTING)

    def printed(self, message: str) -> None:
        """How the slip went; the button can be pressed again a moment later (a double tap prints one slip)."""
        self._tell(message)
        QTimer.singleShot(REPRINT_AFTER_MS, self, lambda: self.print_button.setEnabled(bool(self.code)))

    def _tell(self, message: str) -> None:
        """Show ``message`` over the foot of the page for a while; nothing: put the last one away."""
        self.message.setText(message)
        self.notice.setVisible(bool(message))
        if message:
            self._place_notice()
            self.notice.raise_()
            self.notice_timer.start(NOTICE_MS)
        else:
            self.notice_timer.stop()

    def _place_notice(self) -> None:
        area = self.content.area
        width = area.width()  # the pager beside it stays in sight
        height = self.notice.height_for(width)
        bottom = area.mapTo(self, area.rect().bottomLeft())
        self.notice.setGeometry(bottom.x(), bottom.y() - height + 1, width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_title()
        if self.notice.isVisible():
            self._place_notice()

    def _fit_title(self) -> None:
        """The name in large type, smaller only when it would take more than a third of the screen."""
        width = self.width() - MARGINS[0] - MARGINS[2]
        size = TITLE_PT
        while size > SMALLEST_PT and _height_at(self.title, size, width) > self.height() // 3:
            size -= 2
        if self.title.font().pointSize() != size:
            smaller = QFont(self.title.font())
            smaller.setPointSize(size)
            self.title.setFont(smaller)
