"""Page geometry and pre-flight checks for the three PDF profiles.

- `reading`: on-screen PDF with bookmarks and live links.
- `print`: a paperback for KDP — mirrored margins whose gutter grows with the page count, optional
  0.125 in bleed (outside, top and bottom), no bookmarks, no link annotations, fonts embedded, every
  image at 300 dpi or more at its printed size (else a warning).
- `proof`: the book's pages unchanged in the middle of a larger sheet, with room for notes, "PROOF" and
  the date in the margin, and each review's source file and address at its foot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

INCH = 72.0
TRIMS = {"5x8in": (5.0, 8.0), "5.25x8in": (5.25, 8.0), "5.5x8.5in": (5.5, 8.5), "6x9in": (6.0, 9.0),
         "A5": (148 / 25.4, 210 / 25.4)}
BLEED = 0.125
#: KDP's minimum inside margin by page count; the book adds 0.375 in to it for comfort.
KDP_GUTTER = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))
TOP, BOTTOM, OUTSIDE, COMFORT = 0.7, 0.75, 0.6, 0.375
PROOF_EXTRA = (1.5, 0.5)  # width and height added around the page for notes
MIN_DPI = 300
#: What a page of this book design holds, for a guess at the page count before anything is laid out:
#: words of text, or bytes of Markdown source (before the sources are read).
WORDS_PER_PAGE, BYTES_PER_PAGE = 200, 1_200


@dataclass(frozen=True)
class Geometry:
    """A page in inches: sheet size and the margins on each side (inside = gutter)."""

    width: float
    height: float
    top: float
    bottom: float
    inside: float
    outside: float
    profile: str = "reading"

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


def geometry_for(settings, pages: int = 0) -> Geometry:
    """The page of the book in `settings` (its trim, profile and bleed) when it has `pages` pages."""
    width, height = TRIMS[settings.trim]
    inside = gutter(pages) if settings.profile == "print" else OUTSIDE + 0.15
    profile = settings.profile
    page = Geometry(width, height, TOP, BOTTOM, inside, OUTSIDE, profile)
    if profile == "print" and settings.bleed:
        return Geometry(width + BLEED, height + 2 * BLEED, TOP + BLEED, BOTTOM + BLEED, inside,
                        OUTSIDE + BLEED, profile)
    if profile == "proof":
        extra_w, extra_h = PROOF_EXTRA
        return Geometry(width + extra_w, height + extra_h, TOP + extra_h / 2, BOTTOM + extra_h / 2, inside,
                        OUTSIDE + extra_w, profile)
    return page


def settle_geometry(settings, pages: int, lay_out: Callable[[Geometry], tuple[object, int]]):
    """Lay the book out until its geometry fits its page count: a paperback's gutter grows with the
    pages, which the gutter can change (other profiles settle at once). `lay_out(geometry)` returns
    (what it laid out, its page count); the last of these is returned with the geometry it used."""
    geometry = geometry_for(settings, pages)
    for _ in range(4):  # a step in the page count changes the gutter at most a few times
        laid_out, pages = lay_out(geometry)
        settled = geometry_for(settings, pages)
        if settled == geometry:
            break
        geometry = settled
    return laid_out, geometry


def estimated_pages(words: int, reviews: int) -> int:
    """A guess at the page count of a book of `reviews` reviews and `words` words, before anything is
    laid out: the text, a blank verso after every other review, and the front and back matter."""
    return words // WORDS_PER_PAGE + reviews // 2 + 10


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
