"""Looking at a PDF the way a reader would: its pages' sizes, its fonts (pdffonts), its text and where each
character sits (pdfium), and its pages as PNG images (pdftoppm)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

A5 = (419.53, 595.28)
A4_LANDSCAPE = (841.89, 595.28)
MM = 72 / 25.4


@dataclass(frozen=True)
class Font:
    name: str
    embedded: bool


@contextmanager
def opened(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    doc = pdfium.PdfDocument(pdf)
    try:
        yield doc
    finally:
        doc.close()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    with opened(pdf) as doc:
        return [tuple(round(v, 2) for v in page.get_size()) for page in doc]  # type: ignore[misc]


def texts(pdf: bytes) -> list[str]:
    """Each page's text, lines joined by spaces (a wrapped line reads as one)."""
    with opened(pdf) as doc:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in doc]


def fonts(pdf: bytes, tmp: Path) -> list[Font]:
    path = tmp / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID: "emb" is the fifth column from the end
        found.append(Font(parts[0], parts[-5] == "yes"))
    return found


def chars_outside(pdf: bytes, margin_mm: float) -> list[str]:
    """Characters any part of which lies within ``margin_mm`` of a page edge, or beyond it (clipped)."""
    edge = margin_mm * MM
    outside = []
    with opened(pdf) as doc:
        for page in doc:
            width, height = page.get_size()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                left, bottom, right, top = text.get_charbox(i)
                if right <= left:  # spaces and line breaks have no box
                    continue
                if left < edge or bottom < edge or right > width - edge or top > height - edge:
                    outside.append(text.get_text_range(i, 1))
    return outside


def to_png(pdf: bytes, tmp: Path, dpi: int = 72) -> list[Image.Image]:
    path = tmp / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(tmp / "page")], check=True)
    return [Image.open(p).convert("L") for p in sorted(tmp.glob("page-*.png"))]


def ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    """The bounding box of everything printed on a page image (left, top, right, bottom)."""
    box = image.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert box is not None, "the page is blank"
    return box
