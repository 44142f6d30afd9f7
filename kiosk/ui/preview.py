"""A paper as the roll printer will print it: the very image the printer gets, dot for dot."""

from __future__ import annotations

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

    def __init__(self, doc: Document, image: Image.Image, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = doc
        self.setWindowTitle(f"Xem trước – {doc.title.capitalize()}")
        paper = QLabel()
        paper.setObjectName("roll")
        paper.setPixmap(to_pixmap(image))
        paper.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(paper)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.note = QLabel(note)
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox()
        close = buttons.addButton("Đóng (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(image.width + 80, 760)

    @classmethod
    def show_document(cls, doc: Document, image: Image.Image, note: str, parent: QWidget | None = None) -> None:
        """Patchable in tests (they record the document instead of opening a modal window)."""
        cls(doc, image, note, parent).exec()
