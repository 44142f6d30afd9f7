"""Reading ESC/POS bytes back: the raster images (GS v 0) stacked into pages, split at each cut."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image

ESC, GS = 0x1B, 0x1D


@dataclass
class Decoded:
    pages: list[Image.Image] = field(default_factory=list)
    resets: int = 0
    cuts: int = 0
    fragment_heights: list[int] = field(default_factory=list)
    line_feeds: int = 0


def decode(data: bytes) -> Decoded:
    out = Decoded()
    strips: list[Image.Image] = []
    i = 0
    while i < len(data):
        if data[i : i + 2] == b"\x1b@":
            out.resets += 1
            i += 2
        elif data[i : i + 3] == b"\x1dv0":
            width_bytes = data[i + 4] | data[i + 5] << 8
            height = data[i + 6] | data[i + 7] << 8
            size = width_bytes * height
            raw = data[i + 8 : i + 8 + size]
            assert len(raw) == size, "truncated raster"
            # GS v 0 bits: 1 = black dot; PIL mode "1" bits: 1 = white. Invert while unpacking.
            strip = Image.frombytes("1", (width_bytes * 8, height), bytes(b ^ 0xFF for b in raw))
            strips.append(strip)
            out.fragment_heights.append(height)
            i += 8 + size
        elif data[i : i + 2] == b"\x1dV":
            out.cuts += 1
            out.pages.append(_stack(strips))
            strips = []
            i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
        elif data[i] == 0x0A:
            out.line_feeds += 1
            i += 1
        else:
            i += 1
    if strips:
        out.pages.append(_stack(strips))
    return out


def _stack(strips: list[Image.Image]) -> Image.Image:
    page = Image.new("1", (max(s.width for s in strips), sum(s.height for s in strips)), 1)
    y = 0
    for strip in strips:
        page.paste(strip, (0, y))
        y += strip.height
    return page
