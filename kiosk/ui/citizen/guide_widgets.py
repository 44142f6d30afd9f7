"""Pieces of the citizen's procedure guide: the type sizes, big rows and buttons to press, wrapped text blocks.

They look like the survey's cards (kiosk/ui/survey/choices.py) and measure the height their words need, so the paged
columns (guide_paging.py) can put on each page only what fits whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QSizePolicy, QWidget

from kiosk.ui.survey.choices import ACCENT, INK, ChoiceButton
from kiosk.ui.survey.screens import big_label

TEXT_PT = 28  # what a citizen reads: names, documents, values
DETAIL_PT = 26  # the line under a name: time limit, count
HEADING_PT = 34
NAV_PT = 26
SMALLEST_PT = 16  # only for words too long for a whole page at the usual size
MAX_ROWS = 5  # choices on screen at once
ROW_GAP = 16  # between rows: a finger must not touch two
ROW_PADDING = QSize(24, 14)
MIN_TARGET = 88
NAV_SIZE = QSize(380, 88)
PAGER_WIDTH = 250
DIM = QColor("#4a5563")
FRAME = QColor("#9aa4b1")


def font(point_size: int, weight: QFont.Weight = QFont.Weight.Normal, base: QFont | None = None) -> QFont:
    result = QFont(base) if base is not None else QFont()
    result.setPointSize(point_size)
    result.setWeight(weight)
    return result


def nav_button(value: str, text: str) -> ChoiceButton:
    """ "‹ Quay lại", "Về màn hình chính", "Trang sau": the same card as the survey's buttons, sized to its words."""
    button = ChoiceButton(value, text, None, NAV_PT)
    button.setFixedSize(NAV_SIZE)
    return button


def paint_card(painter: QPainter, rect: QRect, *, pressed: bool, enabled: bool = True, fill: str = "#ffffff") -> None:
    """The card every citizen button is drawn as (as the survey's ChoiceButton): rounded, framed, darker when down."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(rect).adjusted(3, 3, -3, -3)
    painter.setPen(QPen(ACCENT if pressed else FRAME, 6 if pressed else 2))
    painter.setBrush(QColor("#dbe6f3") if pressed else QColor(fill if enabled else "#eceef1"))
    painter.drawRoundedRect(box, 18, 18)


@dataclass(frozen=True)
class RowItem:
    key: str
    title: str
    detail: str = ""


class RowButton(QAbstractButton):
    """A wide card: a name in large type (wrapped, never cut) and one line about it underneath."""

    def __init__(self, parent: QWidget | None = None, *, fill: str = "#ffffff") -> None:
        super().__init__(parent)
        self.item = RowItem("", "")
        self.fill = fill
        self.title_font = font(TEXT_PT, QFont.Weight.DemiBold, self.font())
        self.detail_font = font(DETAIL_PT, QFont.Weight.Normal, self.font())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def show_item(self, item: RowItem) -> None:
        self.item = item
        self.setText(item.title)
        self.setAccessibleName(item.title)
        self.title_font.setPointSize(TEXT_PT)
        self.detail_font.setPointSize(DETAIL_PT)
        self.update()

    def fit(self, width: int, height: int) -> None:
        """Smaller type for a name too long for a whole page (hundreds of letters), rather than cut words."""
        while self.needed_height(width) > height and self.title_font.pointSize() > SMALLEST_PT:
            self.title_font.setPointSize(self.title_font.pointSize() - 2)
            self.detail_font.setPointSize(self.detail_font.pointSize() - 2)

    def needed_height(self, width: int, item: RowItem | None = None) -> int:
        """The height ``item`` (this row's own by default) needs at ``width`` to show whole."""
        return max(MIN_TARGET, self._words_height(width, item or self.item) + 2 * ROW_PADDING.height())

    def _words_height(self, width: int, item: RowItem) -> int:
        inner = width - 2 * ROW_PADDING.width()
        height = _text_height(self.title_font, inner, item.title)
        if item.detail:
            height += 4 + _text_height(self.detail_font, inner, item.detail)
        return height

    def heightForWidth(self, width: int) -> int:
        return self.needed_height(width)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(600, self.needed_height(600))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_card(painter, self.rect(), pressed=self.isDown(), fill=self.fill)
        words = self._words_height(self.width(), self.item)
        top = ROW_PADDING.height() + max(0, (self.height() - 2 * ROW_PADDING.height() - words) // 2)  # centred
        inner = self.rect().adjusted(ROW_PADDING.width(), top, -ROW_PADDING.width(), 0)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.setPen(INK)
        painter.setFont(self.title_font)
        used = painter.drawText(inner, flags, self.item.title)
        if self.item.detail:
            painter.setPen(DIM)
            painter.setFont(self.detail_font)
            painter.drawText(inner.adjusted(0, used.height() + 4, 0, 0), flags, self.item.detail)


class ActionButton(QAbstractButton):
    """The page's one main action (print the slip): filled with the accent colour, white words."""

    PADDING = 24  # left and right of the words (the frame takes 3 more)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setAccessibleName(text)
        self.text_font = font(TEXT_PT, QFont.Weight.Bold, self.font())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        """Its words on one line."""
        metrics = QFontMetrics(self.text_font)
        return QSize(
            metrics.horizontalAdvance(self.text()) + 2 * (self.PADDING + 3), max(MIN_TARGET, metrics.height() + 16)
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        colour = QColor("#0f2e52") if self.isDown() else ACCENT if self.isEnabled() else QColor("#8a9bb0")
        painter.setPen(QPen(QColor("#0f2e52"), 2))
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 18, 18)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(self.text_font)
        inner = box.adjusted(self.PADDING, 0, -self.PADDING, 0)
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text())


def _text_height(text_font: QFont, width: int, text: str) -> int:
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    return QFontMetrics(text_font).boundingRect(QRect(0, 0, max(1, width), 100_000), flags, text).height()


def text_label(text: str, point_size: int = TEXT_PT, *, bold: bool = False, colour: str = "#1b1f24") -> QLabel:
    """Left-aligned, wrapped text (big_label is centred)."""
    label = big_label(text, point_size, bold=bold, colour=colour)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class TextBlock(QWidget):
    """Lines of text stacked, each wrapped and never cut; with ``box``, after an empty square to tick (a paper)."""

    BOX = 40
    PADDING = 6
    LINE_GAP = 2

    def __init__(self, lines: Sequence[QLabel], *, box: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = list(lines)
        self._sizes = [label.font().pointSize() for label in self.labels]
        self.box = box
        for label in self.labels:
            label.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def usual_size(self) -> None:
        """Back to the type sizes it was made with (fit may have made them smaller for another page size)."""
        for label, size in zip(self.labels, self._sizes, strict=True):
            if label.font().pointSize() != size:
                label.setFont(font(size, label.font().weight(), label.font()))

    def fit(self, width: int, height: int) -> None:
        """Smaller type when the block alone is taller than a page (a paper's name of hundreds of letters)."""
        self.usual_size()
        while self.heightForWidth(width) > height and all(w.font().pointSize() > SMALLEST_PT for w in self.labels):
            for label in self.labels:
                label.setFont(font(label.font().pointSize() - 2, label.font().weight(), label.font()))

    def _indent(self) -> int:
        return self.BOX + 24 if self.box else 0

    def _heights(self, width: int) -> list[int]:
        inner = max(1, width - self._indent())
        return [label.heightForWidth(inner) for label in self.labels]

    def heightForWidth(self, width: int) -> int:
        heights = self._heights(width)
        return sum(heights) + self.LINE_GAP * max(0, len(heights) - 1) + 2 * self.PADDING

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(800, self.heightForWidth(800))

    def resizeEvent(self, event: QResizeEvent) -> None:
        y, indent = self.PADDING, self._indent()
        for label, height in zip(self.labels, self._heights(self.width()), strict=True):
            label.setGeometry(indent, y, self.width() - indent, height)
            y += height + self.LINE_GAP
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.box:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(INK, 3))
        painter.setBrush(QColor("#ffffff"))
        first = self.labels[0].fontMetrics().height() if self.labels else self.BOX
        top = self.PADDING + max(0, (first - self.BOX) // 2)
        painter.drawRoundedRect(QRectF(2, top, self.BOX, self.BOX), 6, 6)


class Notice(QWidget):
    """A short message over the page (the slip is printing, printed, or not), in a frame; a touch puts it away."""

    PADDING = 20

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = text_label("", TEXT_PT, bold=True, colour="#0f2e52")
        self.label.setParent(self)
        self.hide()

    def height_for(self, width: int) -> int:
        return self.label.heightForWidth(width - 2 * self.PADDING) + 2 * self.PADDING

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.label.setGeometry(self.rect().adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING))
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        super().mousePressEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ACCENT, 4))
        painter.setBrush(QColor("#fff8e1"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 16, 16)
