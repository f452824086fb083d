"""Page geometry and pre-flight checks for the three PDF profiles.

- `reading`: on-screen PDF with bookmarks and live links.
- `print`: a paperback for KDP — mirrored margins whose gutter grows with the page count, optional
  0.125 in bleed (outside, top and bottom), no bookmarks, no link annotations, fonts embedded, every
  image at 300 dpi or more at its printed size (else a warning).
- `proof`: the book's pages unchanged in the middle of a larger sheet, with room for notes, "PROOF" and
  the date in the margin, and each review's source file and address at its foot.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from fontTools.ttLib import TTFont

from reelpress.xhtml import EPUB_TYPE, local

INCH = 72.0
TRIMS = {"5x8in": (5.0, 8.0), "5.25x8in": (5.25, 8.0), "5.5x8.5in": (5.5, 8.5), "6x9in": (6.0, 9.0),
         "A5": (148 / 25.4, 210 / 25.4)}
BLEED = 0.125
#: KDP's minimum inside margin by page count; the book adds 0.375 in to it for comfort.
KDP_GUTTER = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))
TOP, BOTTOM, OUTSIDE, COMFORT = 0.7, 0.75, 0.6, 0.375
PROOF_EXTRA = (1.5, 0.5)  # width and height added around the page for notes
MIN_DPI = 300


@dataclass(frozen=True)
class Geometry:
    """A page in inches: sheet size and the margins on each side (inside = gutter)."""

    width: float
    height: float
    top: float
    bottom: float
    inside: float
    outside: float

    def css(self) -> str:
        size = f"size: {self.width:.4f}in {self.height:.4f}in;"
        return (f"@page {{ {size} margin: {self.top:.4f}in {self.outside:.4f}in {self.bottom:.4f}in "
                f"{self.inside:.4f}in; }}\n"
                f"@page :left {{ margin-left: {self.outside:.4f}in; margin-right: {self.inside:.4f}in; }}\n"
                f"@page :right {{ margin-left: {self.inside:.4f}in; margin-right: {self.outside:.4f}in; }}\n")

    @property
    def points(self) -> tuple[float, float]:
        return round(self.width * INCH, 2), round(self.height * INCH, 2)


def gutter(pages: int) -> float:
    """The inside margin for a book of `pages` pages (KDP's minimum plus comfort)."""
    for limit, minimum in KDP_GUTTER:
        if pages <= limit:
            return minimum + COMFORT
    return KDP_GUTTER[-1][1] + COMFORT


def geometry(settings, pages: int = 0) -> Geometry:
    width, height = TRIMS[settings.trim]
    inside = gutter(pages) if settings.profile == "print" else OUTSIDE + 0.15
    page = Geometry(width, height, TOP, BOTTOM, inside, OUTSIDE)
    if settings.profile == "print" and settings.bleed:
        return Geometry(width + BLEED, height + 2 * BLEED, TOP + BLEED, BOTTOM + BLEED, inside,
                        OUTSIDE + BLEED)
    if settings.profile == "proof":
        extra_w, extra_h = PROOF_EXTRA
        return Geometry(width + extra_w, height + extra_h, TOP + extra_h / 2, BOTTOM + extra_h / 2, inside,
                        OUTSIDE + extra_w)
    return page


# -- what the fonts can print ----------------------------------------------------------------------

IGNORABLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufe0e", "\ufe0f", "\n", "\t", "\r"}


@functools.cache
def covered(font_paths: tuple) -> frozenset[int]:
    """Every code point the given fonts have a glyph for."""
    found: set[int] = set()
    for path in font_paths:
        with TTFont(path, lazy=True) as font:
            found.update(font.getBestCmap())
    return frozenset(found)


def uncovered(root, coverage: set[int]) -> dict[str, set[str]]:
    """Characters of the printed text the fonts lack, by the id of the review they occur in."""
    missing: dict[str, set[str]] = {}
    for section, text in _printed_text(root):
        for char in set(text):  # each character once per text node: the book has some 300,000
            if char not in IGNORABLE and ord(char) not in coverage:
                missing.setdefault(section, set()).add(char)
    return missing


def _printed_text(root, section: str = "front matter"):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("role") == "doc-backlink" or local(element) in ("style", "head"):
            continue
        if local(element) == "section" and element.get(EPUB_TYPE) == "chapter":
            section = element.get("id")
        yield section, element.text or ""
        yield section, element.tail or ""


def low_resolution_images(document) -> list[tuple[int, str, int]]:
    """(page number, image file, dpi) for each image printed below 300 dpi."""
    from weasyprint.formatting_structure import boxes
    found = []
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            if isinstance(box, boxes.ReplacedBox) and getattr(box.replacement, "width", 0) and box.width:
                dpi = int(box.replacement.width / (box.width / 96))
                if dpi < MIN_DPI:
                    found.append((number, getattr(box.element, "get", lambda k: "")("src"), dpi))
    return found
