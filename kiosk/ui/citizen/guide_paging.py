"""Columns that turn pages instead of scrolling, for the citizen's guide.

A paged column measures what it holds at its current size and puts on each page only what fits whole (at most five
rows to choose from), so nothing is ever cut and no one has to drag a scroll bar: "Trang trước" and "Trang sau" beside
the column turn the pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.citizen.guide_widgets import (
    DETAIL_PT,
    MAX_ROWS,
    MIN_TARGET,
    NAV_PT,
    PAGER_WIDTH,
    ROW_GAP,
    TEXT_PT,
    RowButton,
    RowItem,
    TextBlock,
)
from kiosk.ui.survey.choices import ChoiceButton
from kiosk.ui.survey.screens import big_label

PAGER_GAP = 24  # between a column and its pager


def paginate(heights: Sequence[int], room: int, gap: int, most: int, keep_with_next: Sequence[bool] = ()) -> list[int]:
    """Where each page starts: items in order, as many as fit in ``room`` (and at most ``most``), at least one.

    An item marked keep-with-next (a heading) never ends a page when what follows it goes on the next. An item taller
    than a page gets one to itself (after its heading), and is then made to fit it.
    """
    starts = [0]
    used = count = 0
    for i, height in enumerate(heights):
        need = height + (gap if count else 0)
        if count and (used + need > room or count >= most):
            heading = i - 1 < len(keep_with_next) and keep_with_next[i - 1]
            together = heights[i - 1] + gap + height <= room or height > room  # too tall: made to fit anyway
            if heading and together and i - 1 == starts[-1] and count < most:
                used += need  # the heading alone on its page: what follows stays with it
                count += 1
                continue
            start = i - 1 if heading and together else i
            starts.append(start)
            used = sum(heights[start : i + 1]) + gap * (i - start)
            count = i - start + 1
        else:
            used += need
            count += 1
    return starts if heights else [0]


class PagerColumn(QWidget):
    """The pager: "Trang trước", where we are, "Trang sau": beside a column too long for one screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous = ChoiceButton("previous", "Trang trước", None, NAV_PT)
        self.next = ChoiceButton("next", "Trang sau", None, NAV_PT)
        for button in (self.previous, self.next):
            button.setFixedSize(PAGER_WIDTH, MIN_TARGET)
        self.where = big_label("", DETAIL_PT, colour="#4a5563")
        self.setFixedWidth(PAGER_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(ROW_GAP)
        layout.addWidget(self.previous)
        layout.addWidget(self.where)
        layout.addWidget(self.next)
        layout.addStretch(1)

    def show_page(self, page: int, count: int) -> None:
        several = count > 1
        for widget in (self.previous, self.next, self.where):
            widget.setVisible(several)
        self.previous.setEnabled(page > 0)
        self.next.setEnabled(page < count - 1)
        self.where.setText(f"Trang {page + 1}/{count}")


class PagedColumn(QWidget):
    """A column whose items are measured and spread over pages, with a pager on its right."""

    def __init__(self, most: int, gap: int = ROW_GAP, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._most = most
        self._gap = gap
        self.page = 0
        self.starts = [0]
        self.area = QWidget()
        self.area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.area.installEventFilter(self)
        self.pager = PagerColumn()
        self.pager.previous.clicked.connect(self.previous_page)
        self.pager.next.clicked.connect(self.next_page)
        self.empty = big_label("", TEXT_PT, colour="#4a5563")
        self.empty.setParent(self.area)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(PAGER_GAP)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.pager)

    @property
    def page_count(self) -> int:
        return len(self.starts)

    def next_page(self) -> None:
        self.turn_to(self.page + 1)

    def previous_page(self) -> None:
        self.turn_to(self.page - 1)

    def turn_to(self, page: int) -> None:
        self.page = max(0, min(page, self.page_count - 1))
        self._place()

    def page_range(self) -> range:
        end = self.starts[self.page + 1] if self.page + 1 < self.page_count else self._length()
        return range(self.starts[self.page], end)

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.area and isinstance(event, QResizeEvent):
            self.refresh()
        return False

    def refresh(self, *, first: int | None = None) -> None:
        """Measure again (new items or a new size) and show the page holding item ``first`` (the current one)."""
        if first is None:
            first = self.starts[self.page] if self.page < self.page_count else 0
        width, room = self.area.width(), self.area.height()
        self.starts = paginate(self._heights(width), room, self._gap, self._most, self._keep_with_next())
        self.page = max(i for i, start in enumerate(self.starts) if start <= first) if self._length() else 0
        self._place()

    def _place(self) -> None:
        width = self.area.width()
        shown = self.page_range()
        y = 0
        for i in range(self._length()):
            if i in shown:
                height = min(self._heights_at(width, i), self.area.height() - y)  # too tall: made to fit
                self._show(i, QRect(0, y, width, height))
                y += height + self._gap
            else:
                self._hide(i)
        self.empty.setGeometry(0, 0, width, max(self.empty.heightForWidth(width), 1))
        self.empty.setVisible(self._length() == 0 and bool(self.empty.text()))
        self.pager.show_page(self.page, self.page_count)

    # what a subclass holds
    def _length(self) -> int:
        raise NotImplementedError

    def _heights(self, width: int) -> list[int]:
        return [self._heights_at(width, i) for i in range(self._length())]

    def _heights_at(self, width: int, index: int) -> int:
        raise NotImplementedError

    def _keep_with_next(self) -> Sequence[bool]:
        return ()

    def _show(self, index: int, rect: QRect) -> None:
        raise NotImplementedError

    def _hide(self, index: int) -> None:
        raise NotImplementedError


class PagedRows(PagedColumn):
    """Rows to choose from, five at most on screen; ``chosen`` gives the pressed row's key."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(MAX_ROWS, parent=parent)
        self.items: list[RowItem] = []
        self._measured: dict[tuple[int, int], int] = {}
        self._ruler = RowButton(self)  # measures at the usual type size (a shown row may have made its smaller)
        self._ruler.hide()
        self.rows: list[RowButton] = []
        for _ in range(MAX_ROWS):
            row = RowButton(self.area)
            row.clicked.connect(lambda _c=False, r=row: self.chosen.emit(r.item.key))
            row.hide()
            self.rows.append(row)

    def set_items(self, items: Sequence[RowItem], empty_text: str = "") -> None:
        self.items = list(items)
        self._measured.clear()
        self.empty.setText(empty_text)
        self.page = 0
        self.refresh(first=0)

    def shown(self) -> list[RowButton]:
        """The rows on screen now, top to bottom."""
        return [row for row in self.rows if not row.isHidden()]

    def _length(self) -> int:
        return len(self.items)

    def _heights_at(self, width: int, index: int) -> int:
        key = (width, index)
        if key not in self._measured:
            self._measured[key] = self._ruler.needed_height(width, self.items[index])
        return self._measured[key]

    def _place(self) -> None:
        for row in self.rows:
            row.hide()
        super()._place()

    def _show(self, index: int, rect: QRect) -> None:
        row = self.rows[index - self.starts[self.page]]
        row.show_item(self.items[index])
        row.fit(rect.width(), rect.height())
        row.setGeometry(rect)
        row.show()

    def _hide(self, index: int) -> None:
        pass  # rows are slots: all hidden first, the page's ones shown again


class PagedBlocks(PagedColumn):
    """Any widgets that know their height for a width (labels, a checklist's items), shown page by page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(most=1_000, gap=12, parent=parent)
        self.blocks: list[QWidget] = []
        self.keep: list[bool] = []

    def set_blocks(self, blocks: Sequence[QWidget], keep_with_next: Sequence[bool] = ()) -> None:
        for old in self.blocks:
            old.hide()
            old.deleteLater()
        self.blocks = list(blocks)
        self.keep = list(keep_with_next)
        for block in self.blocks:
            block.setParent(self.area)
        self.page = 0
        self.refresh(first=0)

    def shown(self) -> list[QWidget]:
        return [block for block in self.blocks if not block.isHidden()]

    def _length(self) -> int:
        return len(self.blocks)

    def _heights_at(self, width: int, index: int) -> int:
        block = self.blocks[index]
        if isinstance(block, TextBlock):
            block.usual_size()  # measured as it is usually set; made to fit again when shown
        return block.heightForWidth(width) if block.hasHeightForWidth() else block.sizeHint().height()

    def _keep_with_next(self) -> Sequence[bool]:
        return self.keep

    def _show(self, index: int, rect: QRect) -> None:
        block = self.blocks[index]
        if isinstance(block, TextBlock):
            block.fit(rect.width(), rect.height())
        block.setGeometry(rect)
        block.show()

    def _hide(self, index: int) -> None:
        self.blocks[index].hide()
