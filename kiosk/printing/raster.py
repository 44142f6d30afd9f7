"""Documents drawn for the roll: a 1-bit image at the printer's dot width, in the bundled Vietnamese font.

Text is normalised to NFC, wrapped on word boundaries by its measured width (a word longer than the line is
broken), and never clipped: the image grows with the content. Lines are spaced by the font's own ascent and
descent, so stacked tone marks (Ể, Ỗ) keep their room. Nothing is smaller than 24 dots (9 pt at 203 dpi).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import qrcode  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont

from kiosk.paths import resource_path
from kiosk.printing.documents import (
    Checklist,
    Document,
    Emphasis,
    Fields,
    Figures,
    Large,
    Numbered,
    Paragraph,
    QrCode,
    Rule,
)
from kiosk.printing.wrapping import wrap_words
from kiosk.text import nfc

WHITE, BLACK = 255, 0
REPRINT = "BẢN IN LẠI"


@dataclass(frozen=True)
class RollStyle:
    width: int  # dots
    margin: int = 10
    small: int = 24
    body: int = 26
    title: int = 32
    large: int = 44
    gap: int = 10  # between blocks

    @property
    def inner(self) -> int:
        return self.width - 2 * self.margin

    @property
    def narrow(self) -> bool:
        """A 58 mm roll: labels go above their values instead of beside them."""
        return self.width < 480


class Fonts:
    """The bundled font at the sizes a style needs; loaded once per renderer."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or resource_path("fonts")
        self._cache: dict[tuple[bool, int], ImageFont.FreeTypeFont] = {}

    def get(self, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
        key = (bold, size)
        if key not in self._cache:
            name = "BeVietnamPro-Bold.ttf" if bold else "BeVietnamPro-Regular.ttf"
            self._cache[key] = ImageFont.truetype(str(self._folder / name), size)
        return self._cache[key]


class RollRenderer:
    """Draws documents for one paper width. Keep one per printer: fonts and measures are reused."""

    def __init__(self, width: int, fonts: Fonts | None = None) -> None:
        self.style = RollStyle(width)
        self._fonts = fonts or Fonts()

    def render(self, doc: Document, *, copy_label: str | None = None) -> Image.Image:
        canvas = _Canvas(self.style.width)
        style, fonts = self.style, self._fonts
        if doc.reprint:
            canvas.framed([REPRINT], fonts.get(style.title, bold=True), style)
        for number, line in enumerate(doc.header):  # the parent agency, the agency itself (bold), the desk
            canvas.centered(line, fonts.get(style.body, bold=number == 1 or len(doc.header) == 1), style)
        canvas.rule(style)
        canvas.centered(doc.title, fonts.get(style.title, bold=True), style)
        canvas.space(style.gap)
        for block in doc.blocks:
            self._block(canvas, block)
            canvas.space(style.gap)
        if doc.footer:
            canvas.rule(style)
            for line in doc.footer:
                canvas.paragraph(line, fonts.get(style.small), style)
        if copy_label:
            canvas.space(style.gap)
            canvas.centered(copy_label, fonts.get(style.body, bold=True), style)
        canvas.space(style.gap)
        return canvas.image()

    def _block(self, canvas: _Canvas, block: object) -> None:
        style, fonts = self.style, self._fonts
        if isinstance(block, Fields):
            canvas.fields(block.rows, fonts.get(style.body), fonts.get(style.body, bold=True), style)
        elif isinstance(block, Figures):
            if block.heading:
                canvas.paragraph(block.heading + ":", fonts.get(style.body, bold=True), style)
            strong_rows = block.bold or (False,) * len(block.rows)
            for (label, value), strong in zip(block.rows, strong_rows, strict=True):
                canvas.figure(label, value, fonts.get(style.body, bold=strong), style)
        elif isinstance(block, Numbered):
            canvas.paragraph(block.heading + ":", fonts.get(style.body, bold=True), style)
            canvas.numbered(block.items, fonts.get(style.body), style)
        elif isinstance(block, Checklist):
            canvas.paragraph(block.heading + ":", fonts.get(style.body, bold=True), style)
            canvas.checklist(block.items, fonts.get(style.body), style)
        elif isinstance(block, Emphasis):
            bold = fonts.get(style.body, bold=True)
            canvas.framed(wrap(block.text, bold, style.inner - 24), bold, style)
        elif isinstance(block, Paragraph):
            canvas.paragraph(block.text, fonts.get(style.body), style)
        elif isinstance(block, Large):
            canvas.large(block.text, self._fonts, style, block.size)
        elif isinstance(block, QrCode):
            canvas.qr(block.data, style)
        elif isinstance(block, Rule):
            canvas.rule(style)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of ``text`` no wider than ``width`` dots: words kept whole unless one alone is too wide."""
    return wrap_words(nfc(text), font.getlength, width)


class _Canvas:
    """A growing strip of paper with a pen position."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._image = Image.new("L", (width, 2_000), WHITE)
        self._draw = ImageDraw.Draw(self._image)
        self.y = 0

    def _room(self, height: int) -> None:
        if self.y + height > self._image.height:
            grown = Image.new("L", (self.width, max(self._image.height * 2, self.y + height + 500)), WHITE)
            grown.paste(self._image, (0, 0))
            self._image = grown
            self._draw = ImageDraw.Draw(self._image)

    def space(self, dots: int) -> None:
        self._room(dots)
        self.y += dots

    def image(self) -> Image.Image:
        return self._image.crop((0, 0, self.width, self.y)).point(lambda v: 255 if v > 160 else 0, mode="1")

    @staticmethod
    def line_height(font: ImageFont.FreeTypeFont) -> int:
        ascent, descent = font.getmetrics()
        return ascent + descent + 4

    def _text(self, x: int, text: str, font: ImageFont.FreeTypeFont) -> None:
        self._draw.text((x, self.y), text, font=font, fill=BLACK)

    def centered(self, text: str, font: ImageFont.FreeTypeFont, style: RollStyle) -> None:
        for line in wrap(text, font, style.inner):
            height = self.line_height(font)
            self._room(height)
            self._text(int((self.width - font.getlength(line)) / 2), line, font)
            self.y += height

    def paragraph(self, text: str, font: ImageFont.FreeTypeFont, style: RollStyle, indent: int = 0) -> None:
        for line in wrap(text, font, style.inner - indent):
            height = self.line_height(font)
            self._room(height)
            self._text(style.margin + indent, line, font)
            self.y += height

    def fields(
        self,
        rows: tuple[tuple[str, str], ...],
        label_font: ImageFont.FreeTypeFont,
        value_font: ImageFont.FreeTypeFont,
        style: RollStyle,
    ) -> None:
        if style.narrow:
            for label, value in rows:
                self.paragraph(label + ":", label_font, style)
                self.paragraph(value, value_font, style, indent=16)
            return
        widest = max(int(label_font.getlength(nfc(label) + ":")) for label, _ in rows)
        column = min(widest + 14, int(style.inner * 0.45))  # the labels of this block, no wider than needed
        for label, value in rows:
            labels = wrap(label + ":", label_font, column - 8)
            values = wrap(value, value_font, style.inner - column)
            height = self.line_height(value_font)
            self._room(height * max(len(labels), len(values)))
            for i, line in enumerate(labels):
                self._draw.text((style.margin, self.y + i * height), line, font=label_font, fill=BLACK)
            for i, line in enumerate(values):
                self._draw.text((style.margin + column, self.y + i * height), line, font=value_font, fill=BLACK)
            self.y += height * max(len(labels), len(values))

    def figure(self, label: str, value: str, font: ImageFont.FreeTypeFont, style: RollStyle) -> None:
        """A label wrapped on the left, its value on the first line's right edge."""
        number = nfc(value)
        room = int(font.getlength(number)) + 16
        lines = wrap(label, font, style.inner - room)
        height = self.line_height(font)
        self._room(height * len(lines))
        for i, line in enumerate(lines):
            self._draw.text((style.margin, self.y + i * height), line, font=font, fill=BLACK)
        self._draw.text((self.width - style.margin - room + 16, self.y), number, font=font, fill=BLACK)
        self.y += height * len(lines)

    def numbered(self, items: tuple[str, ...], font: ImageFont.FreeTypeFont, style: RollStyle) -> None:
        hang = int(font.getlength(f"{len(items)}. ")) + 4
        for number, item in enumerate(items, start=1):
            lines = wrap(item, font, style.inner - hang)
            height = self.line_height(font)
            self._room(height * len(lines))
            self._text(style.margin, f"{number}.", font)
            for i, line in enumerate(lines):
                self._draw.text((style.margin + hang, self.y + i * height), line, font=font, fill=BLACK)
            self.y += height * len(lines)

    def framed(self, lines: list[str], font: ImageFont.FreeTypeFont, style: RollStyle) -> None:
        height = self.line_height(font)
        box = height * len(lines) + 16
        self._room(box + 4)
        frame = (style.margin, self.y, self.width - style.margin - 1, self.y + box)
        self._draw.rectangle(frame, outline=BLACK, width=3)
        y = self.y + 8
        for line in lines:
            self._draw.text((int((self.width - font.getlength(line)) / 2), y), line, font=font, fill=BLACK)
            y += height
        self.y += box + 4

    def checklist(self, items: tuple[str, ...], font: ImageFont.FreeTypeFont, style: RollStyle) -> None:
        """Each item after an empty box (to tick at home) and its number; wrapped lines hang under the text."""
        ascent, _descent = font.getmetrics()
        side = ascent - 4
        numbers = int(font.getlength(f"{len(items)}. ")) + 4
        hang = side + 12 + numbers
        for number, item in enumerate(items, start=1):
            lines = wrap(item, font, style.inner - hang)
            height = self.line_height(font)
            self._room(height * len(lines) + 6)
            top = self.y + 4
            self._draw.rectangle((style.margin, top, style.margin + side, top + side), outline=BLACK, width=3)
            self._draw.text((style.margin + side + 12, self.y), f"{number}.", font=font, fill=BLACK)
            for i, line in enumerate(lines):
                self._draw.text((style.margin + hang, self.y + i * height), line, font=font, fill=BLACK)
            self.y += height * len(lines) + 6

    def large(self, text: str, fonts: Fonts, style: RollStyle, wanted: int = 0) -> None:
        """One line, as large as the roll allows (down to the title size), then broken at dashes if need be."""
        size = max(style.large, wanted)
        while size > style.title and fonts.get(size, bold=True).getlength(nfc(text)) > style.inner:
            size -= 2
        font = fonts.get(size, bold=True)
        lines = [""]
        for part in nfc(text).split("-"):
            joined = f"{lines[-1]}-{part}" if lines[-1] else part
            if font.getlength(joined) <= style.inner or not lines[-1]:
                lines[-1] = joined
            else:
                lines[-1] += "-"  # the dash stays at the end of the broken line: 000.00.10.H15-
                lines.append(part)
        for line in lines:
            self.centered(line, font, style)

    def qr(self, data: str, style: RollStyle) -> None:
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=1)
        code.add_data(data)
        code.make(fit=True)
        matrix = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
        target = min(style.inner, 240 if style.narrow else 280)
        scale = max(target // matrix.width, 1)
        picture = matrix.resize((matrix.width * scale, matrix.height * scale), Image.Resampling.NEAREST)
        self._room(picture.height)
        self._image.paste(picture, ((self.width - picture.width) // 2, self.y))
        self.y += picture.height

    def rule(self, style: RollStyle) -> None:
        self._room(14)
        y = self.y + 6
        for x in range(style.margin, self.width - style.margin, 12):
            self._draw.line((x, y, min(x + 6, self.width - style.margin), y), fill=BLACK, width=2)
        self.y += 14
