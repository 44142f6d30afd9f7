"""The frame every small dialog shares: a title, what it will print, its fields, an error line, OK / Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ActionDialog(QDialog):
    """Title, what will be printed, the fields, an error line, and OK / Cancel."""

    def __init__(
        self, title: str, prints: str | None, parent: QWidget | None = None, *, ok_text: str = "Xác nhận"
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("role", "primary")
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if prints:
            note = QLabel(f"Sẽ in: {prints}.")
            note.setProperty("role", "hint")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def problem(self) -> str | None:
        """What is missing, in words; None when the answer can be used."""
        return None

    def confirm(self) -> None:
        """Accept when the answer can be used; otherwise say what is missing and stay open."""
        message = self.problem()
        if message:
            self.error.setText(message)
        else:
            self.accept()

    @staticmethod
    def _text_box(height: int = 80) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)
        box.setMaximumHeight(height)
        return box
