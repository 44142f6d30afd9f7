"""Remove the TrueType hinting instructions from the bundled Be Vietnam Pro fonts (run once per font update).

The receipt printer renders text with FreeType through Pillow; the fonts' hinting bytecode made that three times
slower and changes nothing that survives the 1-bit threshold. The desk draws text unhinted on screen anyway, and
PDFs embed outlines. Glyphs, metrics, kerning and names are kept; the OFL allows modified versions.
Usage: python scripts/unhint_fonts.py SOURCE_DIR  (the fonts from fontpkg-be-vietnam-pro or the upstream release)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TARGET = Path(__file__).resolve().parents[1] / "resources" / "fonts"
WEIGHTS = ("Regular", "Medium", "SemiBold", "Bold", "Italic")


def unhint(source: Path, target: Path) -> None:
    font = TTFont(source)
    options = subset.Options()
    options.hinting = False
    options.glyph_names = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=font.getGlyphOrder())
    subsetter.subset(font)
    font.save(target)


def main(source_dir: str) -> int:
    for weight in WEIGHTS:
        name = f"BeVietnamPro-{weight}.ttf"
        unhint(Path(source_dir) / name, TARGET / name)
        print(f"written: resources/fonts/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
