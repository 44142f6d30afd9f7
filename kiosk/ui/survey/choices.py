"""Big touch targets for the citizen: a face drawn from resources/faces with its words under it, or words alone."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from kiosk.paths import resource_path

FACE_LEVELS = ("very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied", "not_applicable")
ACCENT = QColor("#1d4e89")
INK = QColor("#1b1f24")


class FaceRenderers:
    """The six faces, each parsed once per window."""

    def __init__(self) -> None:
        self._faces: dict[str, QSvgRenderer] = {}

    def get(self, level: str) -> QSvgRenderer | None:
        if level not in FACE_LEVELS:
            return None
        if level not in self._faces:
            self._faces[level] = QSvgRenderer(str(resource_path("faces", f"{level}.svg")))
        return self._faces[level]


class ChoiceButton(QAbstractButton):
    """A card the citizen presses: the face (when there is one) above its words; 28 pt and more."""

    def __init__(
        self, value: str, text: str, face: QSvgRenderer | None, point_size: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.value = value
        self.setText(text)
        self._face = face
        self._font = QFont(self.font())
        self._font.setPointSize(point_size)
        self._font.setWeight(QFont.Weight.DemiBold)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(text)

    def sizeHint(self) -> QSize:
        return QSize(180, 220 if self._face is not None else 110)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 160 if self._face is not None else 90)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        pressed = self.isDown() or self.isChecked()
        enabled = self.isEnabled()
        painter.setPen(QPen(ACCENT if pressed else QColor("#9aa4b1" if enabled else "#d5dae1"), 6 if pressed else 2))
        painter.setBrush(QColor("#dbe6f3") if pressed else QColor("#ffffff" if enabled else "#eef0f3"))
        painter.drawRoundedRect(box, 18, 18)
        painter.setFont(self._font)
        painter.setPen(INK if enabled else QColor("#8a94a3"))  # not yet possible: greyed, still readable
        inner = box.adjusted(10, 12, -10, -12)
        if self._face is None:
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text())
            return
        if inner.width() > 2.5 * inner.height():  # a wide, low card: the face on the left of its words
            side = inner.height()
            self._face.render(painter, QRectF(inner.left(), inner.top(), side, side))
            words = inner.adjusted(side + 16, 0, 0, 0)
            painter.drawText(words, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text())
            return
        text_height = painter.fontMetrics().lineSpacing() * 2.2
        side = max(40.0, min(inner.width(), inner.height() - text_height))
        face = QRectF(inner.center().x() - side / 2, inner.top(), side, side)
        self._face.render(painter, face)
        words = QRectF(inner.left(), face.bottom() + 6, inner.width(), inner.bottom() - face.bottom() - 6)
        align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(words, align, self.text())
