"""Which ledger book to print: the year, and the book number when the settings split a year into books."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget


class LedgerBookDialog(QDialog):
    def __init__(self, year: int, book_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("In sổ theo dõi hồ sơ")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.book = QSpinBox()
        self.book.setRange(1, 999)
        form = QFormLayout(self)
        form.addRow("Năm", self.year)
        if book_size > 0:
            form.addRow("Quyển số", self.book)
            hint = QLabel(f"Mỗi quyển {book_size} hồ sơ; quyển sau nối tiếp số thứ tự của quyển trước.")
            hint.setProperty("role", "hint")
            hint.setWordWrap(True)
            form.addRow(hint)
        buttons = QDialogButtonBox()
        buttons.addButton("Xem trước (Enter)", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Huỷ (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, year: int, book_size: int, parent: QWidget | None = None) -> tuple[int, int] | None:
        """(year, book), or None when cancelled; tests replace this."""
        dialog = cls(year, book_size, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.year.value(), dialog.book.value()
