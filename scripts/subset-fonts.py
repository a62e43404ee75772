#!/usr/bin/env python3
"""Makes src/charts/fonts/ParleySans*.ttf: DejaVu Sans 2.37 (the dejavu-fonts-ttf package, a
dependency) cut down to the scripts charts are written in, for drawing PNGs with resvg.

Why: resvg's text layout costs grow with the font's size. The whole DejaVu Sans (757 kB, 6,000
glyphs) made text about 60 % of a run's PNG time; this subset (about 230 kB) draws the same pixels
for every character it keeps (test/png-fonts.test.ts) in about half the time. Characters outside it
are drawn from the whole DejaVu Sans, which render-png.ts loads too, as a fallback.

Licence: DejaVu's (Bitstream Vera and Arev terms, DejaVu's changes public domain; LICENSE beside
the fonts). Those terms allow a modified font only under a name containing neither "Bitstream",
"Vera" nor "Arev": hence "Parley Sans". The copyright and licence records are kept.

Run by hand when the ranges change (needs Python's fontTools: Debian's python3-fonttools):
    python3 scripts/subset-fonts.py
"""
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "dejavu-fonts-ttf" / "ttf"
TARGET = ROOT / "src" / "charts" / "fonts"
FAMILY = "Parley Sans"

# Unicode blocks kept (test/png-fonts.test.ts draws a sample of each and compares with DejaVu Sans).
RANGES = [
    (0x0000, 0x036F),  # Basic Latin, Latin-1, Latin Extended-A and -B, IPA, modifiers, combining marks
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese among others)
    (0x2000, 0x206F),  # General Punctuation
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFFFD, 0xFFFD),  # the replacement character
]

STYLES = [("DejaVuSans.ttf", "ParleySans.ttf", "Book"), ("DejaVuSans-Bold.ttf", "ParleySans-Bold.ttf", "Bold")]


def rename(font: TTFont, style: str) -> None:
    """Family, full and PostScript names without "DejaVu", "Bitstream" or "Vera"."""
    full = FAMILY if style == "Book" else f"{FAMILY} {style}"
    postscript = "ParleySans" if style == "Book" else f"ParleySans-{style}"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (2, 17):
            record.string = style
        elif record.nameID == 3:
            record.string = f"{FAMILY} {style} (subset of DejaVu Sans 2.37)"
        elif record.nameID == 4:
            record.string = full
        elif record.nameID == 6:
            record.string = postscript


def main() -> None:
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright (0) and licence (13, 14) records
    options.name_languages = ["*"]
    options.notdef_outline = True
    unicodes = [u for first, last in RANGES for u in range(first, last + 1)]
    TARGET.mkdir(parents=True, exist_ok=True)
    for source, target, style in STYLES:
        font = TTFont(SOURCE / source)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        rename(font, style)
        font.save(TARGET / target)
        print(f"{target}: {(TARGET / target).stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
