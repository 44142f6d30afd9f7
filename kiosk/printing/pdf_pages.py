"""A PDF's pages as images and text (pdfium): the preview on screen and the office printer draw these, since the
Qt wheel the kiosk uses has no PDF module."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

POINTS_PER_INCH = 72


class PdfPages:
    def __init__(self, pdf: bytes) -> None:
        import pypdfium2 as pdfium  # loaded with the first PDF shown

        self.data = pdf
        self._doc = pdfium.PdfDocument(pdf)

    def __len__(self) -> int:
        return len(self._doc)

    def size(self, index: int) -> tuple[float, float]:
        """Width and height of a page in points."""
        width, height = self._doc[index].get_size()
        return float(width), float(height)

    def render(self, index: int, dpi: float) -> Image.Image:
        """The page as an RGB image at ``dpi`` dots per inch."""
        page = self._doc[index]
        bitmap = page.render(scale=dpi / POINTS_PER_INCH)
        image: Image.Image = bitmap.to_pil().convert("RGB")
        return image

    def text(self, index: int) -> str:
        return str(self._doc[index].get_textpage().get_text_range())

    def close(self) -> None:
        self._doc.close()
