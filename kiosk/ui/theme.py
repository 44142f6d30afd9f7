"""The look of the desk: the bundled Be Vietnam Pro font (full Vietnamese) and the style sheet in resources/."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.paths import resource, resource_path

FAMILY = "Be Vietnam Pro"
POINT_SIZE = 11


def apply_theme(app: QApplication) -> None:
    """Load the fonts once per process and style the application."""
    if FAMILY not in QFontDatabase.families():
        for font_file in sorted(resource_path("fonts").glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(font_file))
    font = QFont(FAMILY, POINT_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    sheet = resource("ui", "kiosk.qss").read_text(encoding="utf-8")
    app.setStyleSheet(sheet.replace("{ui}", resource_path("ui").as_posix()))


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget a style-sheet role (hint, error, alert …) and restyle it now."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
