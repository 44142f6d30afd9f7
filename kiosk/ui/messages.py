"""Message boxes with Vietnamese buttons; screens call these (tests replace them)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _show(QMessageBox.Icon.Warning, parent, title, text)


def error(parent: QWidget | None, title: str, text: str) -> None:
    _show(QMessageBox.Icon.Critical, parent, title, text)


def _show(icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """A warning with two answers; True when the first (the default, Enter) is chosen."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    first = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(first)
    box.exec()
    return box.clickedButton() is first
