"""A paper as the roll printer will print it: the very image the printer gets, dot for dot."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.printing.documents import Document


def to_pixmap(image: Image.Image) -> QPixmap:
    grey = image.convert("L")
    data = grey.tobytes()
    qimage = QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8)
    return QPixmap.fromImage(qimage.copy())  # copy: the QImage must not outlive ``data``


class PreviewDialog(QDialog):
    """The rendered roll in a scroll area, with a line saying why it is shown instead of printed."""

    def __init__(
        self,
        doc: Document,
        image: Image.Image,
        note: str,
        parent: QWidget | None = None,
        *,
        paper: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = doc
        self.setWindowTitle(f"Xem trước – {doc.title.capitalize()}")
        roll = QLabel()
        roll.setObjectName("roll")
        roll.setPixmap(to_pixmap(image))
        roll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(roll)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.note = QLabel(note)
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox()
        if paper is not None:  # no receipt printer: the same paper as the official A5 form
            a5 = buttons.addButton("Mẫu A5…", QDialogButtonBox.ButtonRole.ActionRole)
            a5.setObjectName("paper")
            a5.clicked.connect(paper)
        close = buttons.addButton("Đóng (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(image.width + 80, 760)

    @classmethod
    def show_document(
        cls,
        doc: Document,
        image: Image.Image,
        note: str,
        parent: QWidget | None = None,
        *,
        paper: Callable[[], object] | None = None,
    ) -> None:
        """Patchable in tests (they record the document instead of opening a modal window)."""
        cls(doc, image, note, parent, paper=paper).exec()
