"""Two ways to leave without a dossier: sent to complete the papers, or refused; each says what it prints."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QWidget

from kiosk.text import nfc
from kiosk.ui.action_dialog import ActionDialog

NO_DOSSIER = "không tạo hồ sơ, không cấp mã"


@dataclass(frozen=True)
class SupplementAnswer:
    missing: tuple[str, ...]
    reason: str


class SupplementAtIntakeDialog(ActionDialog):
    """Every missing paper at once (one per line), and the reason: the supplement slip."""

    def __init__(self, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(
            "Yêu cầu bổ sung, hoàn thiện hồ sơ",
            f"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ ({NO_DOSSIER})",
            parent,
            ok_text="Ghi và in phiếu",
        )
        self.setMinimumWidth(560)
        self.missing = self._text_box(140)
        self.missing.setObjectName("missing")
        self.missing.setPlainText("\n".join(missing))
        self.reason = self._text_box(90)
        self.reason.setObjectName("reason")
        self.form.addRow("Giấy tờ cần bổ sung\n(mỗi dòng một giấy tờ,\nghi đủ một lần)", self.missing)
        self.form.addRow("Lý do", self.reason)

    def answer(self) -> SupplementAnswer:
        lines = tuple(line.strip() for line in nfc(self.missing.toPlainText()).splitlines() if line.strip())
        return SupplementAnswer(lines, nfc(self.reason.toPlainText()).strip())

    def problem(self) -> str | None:
        answer = self.answer()
        if not answer.missing:
            return "Hãy ghi các giấy tờ cần bổ sung."
        return None if answer.reason else "Hãy ghi lý do."

    @classmethod
    def ask(cls, missing: list[str], parent: QWidget | None = None) -> SupplementAnswer | None:
        dialog = cls(missing, parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class RefusalDialog(ActionDialog):
    """The reason for refusing at intake: the refusal slip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Từ chối tiếp nhận hồ sơ",
            f"Phiếu từ chối tiếp nhận giải quyết hồ sơ ({NO_DOSSIER})",
            parent,
            ok_text="Ghi và in phiếu",
        )
        self.reason = self._text_box(120)
        self.reason.setObjectName("reason")
        self.form.addRow("Lý do từ chối\n(ví dụ: không thuộc\nthẩm quyền của Sở)", self.reason)

    def answer(self) -> str:
        return nfc(self.reason.toPlainText()).strip()

    def problem(self) -> str | None:
        return None if self.answer() else "Hãy ghi lý do từ chối."

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> str | None:
        dialog = cls(parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
