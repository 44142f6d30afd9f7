"""Two ways to leave without a dossier: sent to complete the papers, or refused; each says what it prints."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from kiosk.text import nfc


@dataclass(frozen=True)
class SupplementAnswer:
    missing: tuple[str, ...]
    reason: str


class SupplementAtIntakeDialog(QDialog):
    """Every missing paper at once (one per line), and the reason: the supplement slip."""

    def __init__(self, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Yêu cầu bổ sung, hoàn thiện hồ sơ")
        self.setMinimumWidth(560)
        note = QLabel("Sẽ in: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. Không tạo hồ sơ, không cấp mã.")
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        self.missing = QPlainTextEdit("\n".join(missing))
        self.missing.setObjectName("missing")
        self.missing.setTabChangesFocus(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        buttons = QDialogButtonBox()
        ok = buttons.addButton("Ghi và in phiếu", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("role", "primary")
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(QLabel("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ, ghi đủ một lần):"))
        layout.addWidget(self.missing)
        layout.addWidget(QLabel("Lý do:"))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def answer(self) -> SupplementAnswer:
        lines = tuple(line.strip() for line in nfc(self.missing.toPlainText()).splitlines() if line.strip())
        return SupplementAnswer(lines, nfc(self.reason.toPlainText()).strip())

    def check(self) -> None:
        answer = self.answer()
        if not answer.missing:
            self.error.setText("Hãy ghi các giấy tờ cần bổ sung.")
        elif not answer.reason:
            self.error.setText("Hãy ghi lý do.")
        else:
            self.accept()

    @classmethod
    def ask(cls, missing: list[str], parent: QWidget | None = None) -> SupplementAnswer | None:
        dialog = cls(missing, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class RefusalDialog(QDialog):
    """The reason for refusing at intake: the refusal slip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Từ chối tiếp nhận hồ sơ")
        self.setMinimumWidth(520)
        note = QLabel("Sẽ in: Phiếu từ chối tiếp nhận giải quyết hồ sơ. Không tạo hồ sơ, không cấp mã.")
        note.setProperty("role", "hint")
        note.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.error = QLabel("")
        self.error.setProperty("role", "error")
        buttons = QDialogButtonBox()
        ok = buttons.addButton("Ghi và in phiếu", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setProperty("role", "primary")
        buttons.addButton("Huỷ", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(QLabel("Lý do từ chối (ví dụ: không thuộc thẩm quyền của Sở):"))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def check(self) -> None:
        if nfc(self.reason.toPlainText()).strip():
            self.accept()
        else:
            self.error.setText("Hãy ghi lý do từ chối.")

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> str | None:
        dialog = cls(parent)
        return nfc(dialog.reason.toPlainText()).strip() if dialog.exec() == QDialog.DialogCode.Accepted else None
