"""Rendered images to ESC/POS bytes, through python-escpos: reset, raster images in fragments, feed, cut."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from kiosk.errors import PrinterError
from kiosk.printing.escpos_loader import escpos_printers

FRAGMENT_ROWS = 256  # printers with small buffers take tall images in slices


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
            printer.image(image, impl="bitImageRaster", fragment_height=FRAGMENT_ROWS, center=False)
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
