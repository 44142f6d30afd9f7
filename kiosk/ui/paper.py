"""An official form or the ledger before it goes to paper: its pages on screen, then print on the office printer
or save as PDF.

Pages are rendered one at a time as they are shown, so a ledger of eight hundred pages opens as fast as a slip.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.errors import KioskError
from kiosk.printing.pdf_pages import PdfPages
from kiosk.ui import messages
from kiosk.ui.pdf_print import print_pages
from kiosk.ui.preview import to_pixmap

log = logging.getLogger(__name__)
SCREEN_DPI = 100


class PaperDialog(QDialog):
    """``copies``, when given, offers the receipt in two copies ("liên") and remakes the PDF on a toggle."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        *,
        note: str = "",
        copies: Callable[[int], bytes] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước – {title}")
        self.file_name = file_name
        self._copies = copies
        self.pages = PdfPages(pdf)
        self.index = 0
        self.sheet = QLabel()
        self.sheet.setObjectName("paper")
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.sheet)
        scroll.setWidgetResizable(True)
        self.position = QLabel()
        self.previous = QPushButton("◀ Trang trước (PgUp)")
        self.next = QPushButton("Trang sau (PgDn) ▶")
        self.previous.clicked.connect(lambda: self.turn(-1))
        self.next.clicked.connect(lambda: self.turn(1))
        self.two_copies = QCheckBox("In 2 liên (một liên lưu, một liên giao người nộp)")
        self.two_copies.setVisible(copies is not None)
        self.two_copies.toggled.connect(self._remake)
        self.print_button = QPushButton("In… (Ctrl+P)")
        self.print_button.setProperty("role", "primary")
        self.print_button.clicked.connect(self.print_paper)
        self.save_button = QPushButton("Lưu PDF… (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Đóng (Esc)")
        close.clicked.connect(self.reject)
        self.note = QLabel(note)
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))

        turning = QHBoxLayout()
        turning.addWidget(self.previous)
        turning.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        turning.addWidget(self.next)
        actions = QHBoxLayout()
        actions.addWidget(self.two_copies)
        actions.addStretch(1)
        for button in (self.print_button, self.save_button, close):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addLayout(turning)
        layout.addLayout(actions)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_paper)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.turn(-1))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.turn(1))
        width, _height = self.pages.size(0)
        room = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1250, int(width * SCREEN_DPI / 72) + 80, room.width() - 40), min(860, room.height() - 60))
        self._show()

    @classmethod
    def show_pdf(
        cls,
        pdf: bytes,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
        *,
        note: str = "",
        copies: Callable[[int], bytes] | None = None,
    ) -> None:
        """Open the preview (patchable in tests, which record the PDF instead of opening a modal window)."""
        cls(pdf, title, file_name, parent, note=note, copies=copies).exec()

    def turn(self, step: int) -> None:
        self.index = max(0, min(len(self.pages) - 1, self.index + step))
        self._show()

    def _show(self) -> None:
        self.sheet.setPixmap(to_pixmap(self.pages.render(self.index, SCREEN_DPI)))
        count = len(self.pages)
        self.position.setText(f"Trang {self.index + 1}/{count}")
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < count - 1)

    def _remake(self, two: bool) -> None:
        if self._copies is None:
            return
        self.pages.close()
        self.pages = PdfPages(self._copies(2 if two else 1))
        self.index = 0
        self._show()

    # -- leaving the screen ---------------------------------------------------------------------------------------

    def print_paper(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        if not choose_printer(printer, len(self.pages), self):
            return
        try:
            printed = print_pages(self.pages, printer)
        except KioskError as exc:
            messages.warn(self, "In biểu mẫu", exc.message)
            return
        self.note.setText(f"Đã gửi {printed} trang tới máy in «{printer.printerName() or 'PDF'}».")
        self.note.setVisible(True)

    def save(self) -> None:
        path = choose_file(self.file_name, self)
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        try:
            target.write_bytes(self.pages.data)
        except OSError as exc:
            log.warning("could not save %s: %s", target, exc)
            messages.warn(self, "Lưu PDF", f"Không ghi được tệp {target} ({exc.strerror or exc}). Hãy chọn nơi khác.")
            return
        self.note.setText(f"Đã lưu {target}.")
        self.note.setVisible(True)

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)


def choose_printer(printer: QPrinter, pages: int, parent: QWidget) -> bool:
    """The system's print dialog (printer, copies, page range); tests replace this."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("In biểu mẫu")
    dialog.setMinMax(1, pages)
    return dialog.exec() == QDialog.DialogCode.Accepted


def choose_file(name: str, parent: QWidget) -> str:
    """Where to save the PDF; tests replace this."""
    path, _filter = QFileDialog.getSaveFileName(parent, "Lưu PDF", str(Path.home() / name), "PDF (*.pdf)")
    return path
