"""A paper for the roll from start to end: a document drawn at the printer's width, then encoded for its profile.

This is where Pillow, qrcode and python-escpos come in; the print-job service loads it when the first paper
needs it, so commands that never print do not pay for them.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.printing.documents import Document
from kiosk.printing.encode import Encoder, RollFormat
from kiosk.printing.raster import RollRenderer

COPY_LABELS = ("Liên 1: lưu", "Liên 2: giao người nộp")


class Roll:
    def __init__(self, cache_dir: Path) -> None:
        self._encoder = Encoder(cache_dir)
        self._renderers: dict[int, RollRenderer] = {}

    def renderer(self, width: int) -> RollRenderer:
        if width not in self._renderers:
            self._renderers[width] = RollRenderer(width)
        return self._renderers[width]

    def encode(self, doc: Document, fmt: RollFormat, copies: int = 1) -> bytes:
        """The document as ESC/POS bytes: one cut page per copy, each copy labelled when there are two."""
        labels = COPY_LABELS[:copies] if copies > 1 else (None,)
        renderer = self.renderer(fmt.width)
        return self._encoder.encode([renderer.render(doc, copy_label=label) for label in labels], fmt)

    def warm_up(self, fmt: RollFormat) -> None:
        """Load python-escpos and the profile; safe on another thread (it touches nothing the rendering shares)."""
        self._encoder.encode([], fmt)
