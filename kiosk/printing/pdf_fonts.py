"""The bundled Vietnamese font, registered with ReportLab and embedded (subset) in every PDF the kiosk makes.

ReportLab keeps registered fonts in its own process-wide table; registering is cheap and done on first use.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.paths import resource_path

REGULAR = "BeVietnamPro"
BOLD = "BeVietnamPro-Bold"
ITALIC = "BeVietnamPro-Italic"
_FILES = {REGULAR: "BeVietnamPro-Regular.ttf", BOLD: "BeVietnamPro-Bold.ttf", ITALIC: "BeVietnamPro-Italic.ttf"}


def register_fonts(folder: Path | None = None) -> None:
    """Make the three faces known to ReportLab (once per process) and tie them into one family for <b> and <i>."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    known = set(pdfmetrics.getRegisteredFontNames())
    if set(_FILES) <= known:
        return
    fonts = folder or resource_path("fonts")
    for name, file in _FILES.items():
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
