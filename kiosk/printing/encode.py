"""Rendered images to ESC/POS bytes: reset, raster images in fragments, feed, cut.

python-escpos supplies the printer profiles and the commands; the raster image itself (``GS v 0``) is packed here
straight from the 1-bit image, byte for byte what python-escpos's ``image(impl="bitImageRaster")`` sends, because
its way (RGBA, paste, invert, threshold for every fragment) takes 22 ms a receipt where this takes about 1.
A test holds the two to the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from kiosk.errors import PrinterError
from kiosk.printing.escpos_loader import escpos_printers

FRAGMENT_ROWS = 256  # printers with small buffers take tall images in slices
GS_V_0 = b"\x1dv0\x00"  # print raster bit image, normal density
INVERT = bytes(255 - b for b in range(256))  # Pillow's 1-bit white is 1; the printer's 1 is a black dot


@dataclass(frozen=True)
class RollFormat:
    profile: str  # a python-escpos printer profile (capabilities: cutter, width …)
    width: int  # dots: 576 (80 mm), 512 (TM-T88 class), 384 (58 mm)
    cut: str = "partial"  # full | partial | none
    feed_lines: int = 4


class Encoder:
    def __init__(self, cache_dir: Path) -> None:
        self._cache_dir = cache_dir

    def encode(self, images: Sequence[Image.Image], fmt: RollFormat) -> bytes:
        """Each image printed, fed and cut in turn (two copies of a receipt are two images)."""
        from escpos import constants

        printer = self._dummy(fmt)
        printer.hw("INIT")  # the printer starts from a known state: no mode left over from another program
        for image in images:
            if image.width > fmt.width:
                raise PrinterError(f"Ảnh in rộng {image.width} điểm, quá khổ giấy {fmt.width} điểm.")
            printer._raw(raster(image))
            printer.ln(fmt.feed_lines)
            if fmt.cut != "none":
                full = fmt.cut == "full" and printer.profile.supports("paperFullCut")
                if full or printer.profile.supports("paperPartCut"):
                    printer._raw(constants.PAPER_FULL_CUT if full else constants.PAPER_PART_CUT)
                elif printer.profile.supports("paperFullCut"):
                    printer._raw(constants.PAPER_FULL_CUT)
        return bytes(printer.output)

    def _dummy(self, fmt: RollFormat) -> Any:
        printers = escpos_printers(self._cache_dir)
        try:
            printer = printers.Dummy(profile=fmt.profile)
        except Exception as exc:  # python-escpos raises its own NotSupported for unknown profiles
            raise PrinterError(
                f"Không có cấu hình máy in «{fmt.profile}». Hãy chọn lại trong Cài đặt → Máy in."
            ) from exc
        media = printer.profile.profile_data.get("media", {})
        pixels = media.get("width", {}).get("pixels")
        if not isinstance(pixels, int) or pixels < fmt.width:
            # The profile does not know its width (or knows a narrower one): this instance gets the configured one.
            data = dict(printer.profile.profile_data)
            data["media"] = {**media, "width": {"mm": media.get("width", {}).get("mm"), "pixels": fmt.width}}
            printer.profile.profile_data = data
        return printer


def raster(image: Image.Image, fragment_rows: int = FRAGMENT_ROWS) -> bytes:
    """``GS v 0`` commands for a 1-bit image, one per slice of ``fragment_rows`` rows."""
    if image.mode != "1":
        image = image.convert("L").convert("1")
    if image.width % 8:  # whole bytes per row, padded with white
        padded = Image.new("1", ((image.width + 7) // 8 * 8, image.height), 1)
        padded.paste(image, (0, 0))
        image = padded
    width_bytes = image.width // 8
    data = image.tobytes().translate(INVERT)
    out = bytearray()
    for top in range(0, image.height, fragment_rows):
        rows = min(fragment_rows, image.height - top)
        out += GS_V_0 + width_bytes.to_bytes(2, "little") + rows.to_bytes(2, "little")
        out += data[top * width_bytes : (top + rows) * width_bytes]
    return bytes(out)
