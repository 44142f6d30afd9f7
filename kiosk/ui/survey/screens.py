"""The citizen screen's pages: idle, one question, thank you. Few words, large type, large targets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.config import OfficeSettings
from kiosk.services.survey_questions import Kind, Question
from kiosk.ui.survey.choices import ACCENT, FACE_LEVELS, ChoiceButton, FaceRenderers

QUESTION_PT = 30
CHOICE_PT = 26
NOTE_PT = 22
CORNER = 140  # the hidden long-press square, top left of the idle screen
BACK_SIZE = QSize(260, 90)


def big_label(text: str, point_size: int, *, bold: bool = False, colour: str = "#1b1f24") -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(point_size)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"color: {colour}; background: transparent;")
    return label


SERVICE_SIZE = QSize(330, 120)


class IdleScreen(QWidget):
    """What the citizen sees between surveys: the agency, the number being called, the desk's services (procedure
    guide, dossier look-up, queue tickets), the invitation to rate, the hotline. A long press in the top-left corner
    asks for a supervisor's PIN."""

    start_requested = Signal()  # walk-in rating
    long_pressed = Signal()
    guide_requested = Signal()
    lookup_requested = Signal()
    queue_requested = Signal()

    def __init__(self, faces: FaceRenderers, long_press_ms: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._long_press_ms = long_press_ms
        self._press = QTimer(self)
        self._press.setSingleShot(True)
        self._press.timeout.connect(self.long_pressed)
        self.agency = big_label("", NOTE_PT, bold=True, colour="#0f2e52")
        self.desk = big_label("", NOTE_PT)
        self.serving = big_label("", 30, bold=True, colour="#ffffff")
        self.serving.setStyleSheet("color: #ffffff; background: #0f2e52; border-radius: 12px; padding: 8px;")
        self.serving.hide()
        self.services = QHBoxLayout()
        self.services.setSpacing(28)
        self.services.addStretch(1)
        self.guide = self._service("guide", "Tra cứu thủ tục", self.guide_requested)
        self.lookup = self._service("lookup", "Tra cứu hồ sơ", self.lookup_requested)
        self.queue = self._service("queue", "Lấy số thứ tự", self.queue_requested)
        self.services.addStretch(1)
        self.invite = big_label("Mời Ông/Bà đánh giá sự phục vụ", 40, bold=True, colour="#0f2e52")
        self.faces = QHBoxLayout()
        self.faces.addStretch(1)
        self.face_icons = [FaceIcon(faces, level, 110) for level in FACE_LEVELS[:5]]
        for icon in self.face_icons:
            self.faces.addWidget(icon)
        self.faces.addStretch(1)
        self.when = big_label("Phiếu đánh giá hiện ra khi Ông/Bà nhận kết quả tại quầy.", NOTE_PT)
        self.start = ChoiceButton("start", "Bắt đầu đánh giá", None, CHOICE_PT)
        self.start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.start.setFixedSize(520, 120)
        self.start.clicked.connect(self.start_requested)
        self.hotline = big_label("", NOTE_PT, bold=True)
        self.hours = big_label("", NOTE_PT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self.agency)
        layout.addWidget(self.desk)
        layout.addSpacing(12)
        layout.addWidget(self.serving)
        layout.addStretch(1)
        layout.addLayout(self.services)
        layout.addStretch(1)
        layout.addWidget(self.invite)
        layout.addSpacing(24)
        layout.addLayout(self.faces)
        layout.addSpacing(24)
        layout.addWidget(self.when)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        layout.addWidget(self.hotline)
        layout.addWidget(self.hours)

    def _service(self, value: str, words: str, signal: SignalInstance) -> ChoiceButton:
        button = ChoiceButton(value, words, None, CHOICE_PT)
        button.setFixedSize(SERVICE_SIZE)
        button.clicked.connect(signal)
        self.services.addWidget(button)
        return button

    def show_services(self, guide: bool, lookup: bool, queue: bool) -> None:
        """The desk's services as big buttons; with any of them, the faces are drawn smaller to leave room."""
        for button, shown in ((self.guide, guide), (self.lookup, lookup), (self.queue, queue)):
            button.setVisible(shown)
        side = 84 if guide or lookup or queue else 110
        for icon in self.face_icons:
            icon.setFixedSize(side, side)
        self.invite.setFont(_sized(self.invite.font(), 32 if guide or lookup or queue else 40))

    def show_serving(self, text: str) -> None:
        """The last call, kept on the idle screen ("Đang mời số 015 đến Quầy 1"); empty: hidden."""
        self.serving.setText(text)
        self.serving.setVisible(bool(text))

    def show_office(self, office: OfficeSettings, walk_in: bool, *, rating: bool = True) -> None:
        """The agency, the hotline, the hours; the invitation to rate when the survey is on (``rating``)."""
        self.agency.setText(f"{office.parent_agency}\n{office.agency_name.upper()}".strip())
        self.desk.setText(office.desk_name)
        hotline = office.hotline.strip()
        self.hotline.setText(f"Đường dây nóng tiếp nhận phản ánh, kiến nghị: {hotline}" if hotline else "")
        self.hotline.setVisible(bool(hotline))
        self.hours.setText(f"Giờ làm việc: {office.opening_hours}" if office.opening_hours.strip() else "")
        self.invite.setVisible(rating)
        for icon in self.face_icons:
            icon.setVisible(rating)
        self.start.setVisible(rating and walk_in)
        self.when.setVisible(rating and not walk_in)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if QRect(0, 0, CORNER, CORNER).contains(event.position().toPoint()):
            self._press.start(self._long_press_ms())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press.stop()  # let go too soon: nothing happens
        super().mouseReleaseEvent(event)


def _sized(font: QFont, point_size: int) -> QFont:
    sized = QFont(font)
    sized.setPointSize(point_size)
    return sized


class FaceIcon(QWidget):
    """A face shown, not pressed (the idle screen's row)."""

    def __init__(self, faces: FaceRenderers, level: str, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = faces.get(level)
        self.setFixedSize(side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._renderer is not None:
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._renderer.render(painter, self.rect().toRectF().adjusted(6, 6, -6, -6))


class ProgressDots(QWidget):
    """One dot per question: filled for those behind, ringed for this one, pale for those ahead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = 0
        self.current = 0
        self.setFixedHeight(44)

    def set_position(self, current: int, total: int) -> None:
        self.current, self.total = current, total
        self.setMinimumWidth(total * 48)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.total * 48, 44)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = (self.width() - self.total * 48) / 2 + 24
        for i in range(self.total):
            centre = QPointF(left + i * 48, self.height() / 2)
            if i == self.current:
                painter.setPen(QPen(ACCENT, 4))
                painter.setBrush(QColor("#ffffff"))
                painter.drawEllipse(centre, 14, 14)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(ACCENT if i < self.current else QColor("#c5ccd6"))
                painter.drawEllipse(centre, 11, 11)


class QuestionScreen(QWidget):
    """One question: its words, its choices side by side, "Không áp dụng" below when allowed, and the way back."""

    chosen = Signal(str)
    back_requested = Signal()

    def __init__(
        self, question: Question, number: int, total: int, faces: FaceRenderers, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.dots = ProgressDots()
        self.dots.set_position(number - 1, total)
        self.counter = big_label(f"Câu {number}/{total}", NOTE_PT, colour="#4a5563")
        self.text = big_label(question.text, QUESTION_PT, bold=True, colour="#0f2e52")
        self.buttons: list[ChoiceButton] = []
        row = QHBoxLayout()
        row.setSpacing(24)
        lower = QHBoxLayout()
        lower.setSpacing(24)
        for choice in question.choices:
            face = faces.get(choice.value) if question.kind is Kind.RATING else None
            button = ChoiceButton(choice.value, choice.label, face, CHOICE_PT)
            button.setCheckable(True)
            button.clicked.connect(lambda _checked=False, v=choice.value: self.chosen.emit(v))
            self.buttons.append(button)
            if choice.value == "not_applicable":
                button.setFixedSize(460, 100)
                button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                lower.addWidget(button)
            else:
                row.addWidget(button, 1)
        self.back = ChoiceButton("back", "‹  Quay lại", None, NOTE_PT)
        self.back.setFixedSize(BACK_SIZE)
        self.back.clicked.connect(self.back_requested)
        self.back.setVisible(number > 1)
        lower.insertWidget(0, self.back)
        lower.insertStretch(1, 1)
        lower.addStretch(1)
        spacer = QWidget()
        spacer.setFixedSize(BACK_SIZE)  # keeps "Không áp dụng" centred when "Quay lại" is there
        lower.addWidget(spacer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 32)
        layout.addWidget(self.dots)
        layout.addWidget(self.counter)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addSpacing(28)
        layout.addLayout(row, 6)
        layout.addSpacing(24)
        layout.addLayout(lower)

    def mark(self, value: str | None) -> None:
        """Show the answer given earlier (after "Quay lại")."""
        for button in self.buttons:
            button.setChecked(button.value == value)

    def button(self, value: str) -> ChoiceButton:
        return next(b for b in self.buttons if b.value == value)


class ThanksScreen(QWidget):
    def __init__(self, faces: FaceRenderers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(2)
        face = QHBoxLayout()
        face.addStretch(1)
        face.addWidget(FaceIcon(faces, "very_satisfied", 180))
        face.addStretch(1)
        layout.addLayout(face)
        layout.addSpacing(24)
        layout.addWidget(big_label("Cảm ơn Ông/Bà đã đánh giá!", 40, bold=True, colour="#0f2e52"))
        layout.addWidget(big_label("Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.", NOTE_PT))
        layout.addStretch(3)
