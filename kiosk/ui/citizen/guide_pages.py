"""The guide's pages: where to start, a field's procedures, the search with its keyboard (a procedure's own page is
in guide_procedure.py).

Every page has "‹ Quay lại" on the left and "Về màn hình chính" on the right of its top bar, in the same places.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.printing.guide_slip import limit_words
from kiosk.services.catalog_types import ProcedureSummary
from kiosk.services.guide import FieldCount
from kiosk.ui.citizen.guide_paging import PagedRows
from kiosk.ui.citizen.guide_widgets import (
    DETAIL_PT,
    HEADING_PT,
    MIN_TARGET,
    NAV_PT,
    TEXT_PT,
    RowButton,
    RowItem,
    font,
    nav_button,
    text_label,
)
from kiosk.ui.citizen.keyboard import TouchKeyboard
from kiosk.ui.survey.choices import ACCENT, INK
from kiosk.ui.survey.screens import big_label

NAVY = "#0f2e52"
GREY = "#4a5563"
MARGINS = (20, 16, 20, 16)
SPACING = 12
SEARCH_HINT = "Chạm chữ bên dưới để gõ"
TYPE_MORE = "Gõ vài chữ trong tên thủ tục, không cần dấu.\nVí dụ: cap ban sao"
NOTHING_FOUND = "Không tìm thấy thủ tục nào có các chữ này. Ông/Bà thử gõ ít chữ hơn, hoặc hỏi cán bộ tại quầy."
NO_PROCEDURES = "Lĩnh vực này hiện không có thủ tục nào."


class Page(QWidget):
    """A page with the top bar: "‹ Quay lại", what the page is, "Về màn hình chính"."""

    back_requested = Signal()
    home_requested = Signal()

    def __init__(self, caption: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back = nav_button("back", "‹  Quay lại")
        self.home = nav_button("home", "Về màn hình chính")
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.caption = caption
        bar = QHBoxLayout()
        bar.setSpacing(16)
        bar.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(caption, 1)
        bar.addWidget(self.home, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(*MARGINS)
        self.body.setSpacing(SPACING)
        self.body.addLayout(bar)


class StartPage(Page):
    """Search by name, or choose a field."""

    field_chosen = Signal(str)
    search_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(big_label("Hướng dẫn thủ tục", HEADING_PT, bold=True, colour=NAVY), parent)
        self.search = RowButton(fill="#e8f0fa")
        self.search.show_item(RowItem("search", "Tìm theo tên thủ tục", "Gõ vài chữ trong tên, không cần dấu"))
        self.search.setMinimumHeight(self.search.needed_height(900))
        self.search.clicked.connect(self.search_requested)
        self.prompt = text_label("Hoặc chọn lĩnh vực:", TEXT_PT, bold=True, colour=NAVY)
        self.fields = PagedRows()
        self.fields.chosen.connect(self.field_chosen)
        self.body.addWidget(self.search)
        self.body.addWidget(self.prompt)
        self.body.addWidget(self.fields, 1)

    def show_fields(self, fields: Sequence[FieldCount]) -> None:
        self.fields.set_items(
            [RowItem(f.name, f"{f.name} ({f.count} thủ tục)") for f in fields],
            "Danh mục thủ tục đang trống. Xin Ông/Bà hỏi cán bộ tại quầy.",
        )


def procedure_rows(procedures: Sequence[ProcedureSummary], *, with_field: bool) -> list[RowItem]:
    rows = []
    for p in procedures:
        limit = f"Thời hạn: {limit_words(p.limit_kind, p.days).lower()}"
        rows.append(RowItem(p.code, p.name, f"{p.field} · {limit}" if with_field else limit))
    return rows


class ListPage(Page):
    """A field's procedures, a few at a time."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(big_label("Chọn thủ tục", NAV_PT, colour=GREY), parent)
        self.field = ""
        self.heading = text_label("", HEADING_PT - 4, bold=True, colour=NAVY)
        self.rows = PagedRows()
        self.rows.chosen.connect(self.chosen)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.rows, 1)

    def show_procedures(self, field: str, procedures: Sequence[ProcedureSummary]) -> None:
        self.field = field
        self.heading.setText(f"Lĩnh vực: {field}")
        self.rows.set_items(procedure_rows(procedures, with_field=False), NO_PROCEDURES)


class QueryBox(QWidget):
    """What has been typed, large, its end always in sight; a hint in grey while nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.text_font = font(TEXT_PT + 2, QFont.Weight.DemiBold, self.font())
        self.hint_font = font(DETAIL_PT, QFont.Weight.Normal, self.font())
        self.setMinimumHeight(MIN_TARGET)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self.text = text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(500, MIN_TARGET)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ACCENT, 3))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 12, 12)
        inner = self.rect().adjusted(20, 0, -20, 0)
        if not self.text:
            painter.setPen(QColor(GREY))
            painter.setFont(self.hint_font)
            flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(inner, flags, SEARCH_HINT)
            return
        metrics = QFontMetrics(self.text_font)
        caret = 4
        shown = metrics.elidedText(self.text, Qt.TextElideMode.ElideLeft, inner.width() - caret - 8)
        painter.setPen(INK)
        painter.setFont(self.text_font)
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        x = inner.left() + metrics.horizontalAdvance(shown) + 4
        painter.fillRect(QRect(x, self.height() // 2 - 24, caret, 48), ACCENT)


class SearchPage(Page):
    """The on-screen keyboard, and the procedures found as the citizen types."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        query = QueryBox()
        super().__init__(query, parent)
        self.query = query
        self.results = PagedRows()
        self.results.chosen.connect(self.chosen)
        self.keyboard = TouchKeyboard()
        self.body.addWidget(self.results, 1)
        self.body.addWidget(self.keyboard, 0, Qt.AlignmentFlag.AlignHCenter)
        self.keyboard.text_changed.connect(self.query.set_text)

    def show_results(self, text: str, found: Sequence[ProcedureSummary]) -> None:
        empty = NOTHING_FOUND if text.strip() else TYPE_MORE
        self.results.set_items(procedure_rows(found, with_field=True), empty)
