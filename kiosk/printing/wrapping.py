"""Greedy word wrap by measured width, shared by the roll (Pillow's glyph lengths) and the ledger (ReportLab's)."""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]


def wrap_words(text: str, measure: Measure, width: float, *, break_after: str = "") -> list[str]:
    """Lines no wider than ``width``: words kept whole unless one alone is too wide, which is then cut after one
    of ``break_after`` (a code's "-" or ".") when it can be, else wherever the line is full."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            pieces = _pieces(word, measure, width, break_after)
            lines += pieces[:-1]
            line = pieces[-1]
        lines.append(line)
    return lines


def _pieces(word: str, measure: Measure, width: float, break_after: str) -> list[str]:
    pieces, current = [], ""
    for ch in word:
        if current and measure(current + ch) > width:
            cut = max((current.rfind(mark) for mark in break_after), default=-1)
            if 0 < cut < len(current) - 1:
                pieces.append(current[: cut + 1])
                current = current[cut + 1 :]
            else:
                pieces.append(current)
                current = ""
        current += ch
    pieces.append(current)
    return pieces
