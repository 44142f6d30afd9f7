"""What every settings tab shares: start from the settings in force, save through the window, say how it went."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.ui.theme import set_role


class SettingsForm(QWidget):
    #: Said under the form once the settings are saved.
    saved_text = "Đã lưu."

    def __init__(
        self, current: Callable[[], Settings], save: Callable[[Settings], Settings], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._current = current  # the other tabs save too: always start from what is in force
        self._save = save
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("Lưu cài đặt")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)

    def changed_settings(self) -> Settings:
        """The settings in force with this tab's fields put in."""
        raise NotImplementedError

    def save(self) -> bool:
        try:
            self._save(self.changed_settings())
        except KioskError as exc:
            self.say(exc.message, "error")
            return False
        self.say(self.saved_text, "hint")
        return True

    def say(self, text: str, role: str) -> None:
        self.message.setText(text)
        set_role(self.message, role)
