"""The paperback's full-wrap cover for `reelpress kit`: back, spine and front on one page, with bleed,
sized from the print PDF's page count the way KDP's cover calculator sizes it.

    width  = bleed + back + spine + front + bleed      (back and front: the trim's width)
    height = bleed + trim height + bleed
    spine  = pages × the paper's thickness             ([print] paper)

The spine carries the title, author and volume number only from 79 pages (KDP prints no spine text on a
thinner book), kept 0.0625 in clear of each fold. The back has the description, the series line and a
2 × 1.2 in box at its lower right for the barcode: left clear for KDP's, or the ISBN's own barcode when
`[print] isbn` is set. The front is the volume's cover.jpg/.png (warned about under 300 dpi over the
front panel) or the generated cover's design, set as type: sharp at any size.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from reelpress import templates_dir
from reelpress.book import cover, strings
from reelpress.book.assets import inspect_image
from reelpress.errors import diagnostic, fail
from reelpress.model import Diagnostic, Volume
from reelpress.writers.pdf import layout, tasks
from reelpress.writers.templating import render

#: Inches a page of each KDP paper adds to the spine.
PAPER_THICKNESS = {"white": 0.002252, "cream": 0.0025, "color": 0.002347}
BLEED = 0.125
SPINE_TEXT_PAGES = 79
SPINE_CLEAR = 0.0625  # inches kept clear of each fold
BARCODE_BOX = (2.0, 1.2)  # inches, at the back's lower right
SAFE = 0.375  # inches the back's and front's text keep from the trim's edges
MIN_DPI = 300


@dataclass(frozen=True)
class Wrap:
    """The cover's geometry in inches, for a book of `pages` pages on `paper` at `trim`."""

    trim: tuple[float, float]
    pages: int
    paper: str

    @property
    def spine(self) -> float:
        return self.pages * PAPER_THICKNESS[self.paper]

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.trim
        return 2 * BLEED + 2 * width + self.spine, height + 2 * BLEED

    @property
    def spine_text(self) -> bool:
        return self.pages >= SPINE_TEXT_PAGES

    def css(self) -> str:
        (width, height), (total, tall) = self.trim, self.size
        return (f"@page {{ size: {total:.4f}in {tall:.4f}in; margin: 0; }}\n"
                f"body {{ width: {total:.4f}in; height: {tall:.4f}in; }}\n"
                f":root {{ --trim-w: {width:.4f}in; --trim-h: {height:.4f}in; --spine: {self.spine:.4f}in; }}\n"
                f".back {{ left: 0; width: {BLEED + width:.4f}in; padding: {BLEED + SAFE:.4f}in {SAFE:.4f}in "
                f"0 {BLEED + SAFE:.4f}in; }}\n"
                f".front {{ left: {BLEED + width + self.spine:.4f}in; width: {width + BLEED:.4f}in; }}\n"
                f".spine {{ left: {BLEED + width:.4f}in; width: {self.spine:.4f}in; }}\n"
                f".spine-text {{ width: {height:.4f}in; height: {max(self.spine - 2 * SPINE_CLEAR, 0):.4f}in; "
                f"top: {BLEED + height / 2:.4f}in; left: {self.spine / 2:.4f}in; }}\n"
                f".barcode {{ right: {SAFE:.4f}in; bottom: {BLEED + SAFE:.4f}in; width: {BARCODE_BOX[0]}in; "
                f"height: {BARCODE_BOX[1]}in; }}\n")


def wrap_for(volume: Volume, pages: int) -> Wrap:
    return Wrap(layout.TRIMS[volume.config.pdf.trim], pages, volume.config.print.paper)


def cover_pdf(volume: Volume, pages: int) -> tuple[bytes, list[Diagnostic]]:
    """The full-wrap cover of `volume` printed with `pages` pages, and its warnings."""
    from reelpress.writers.pdf.weasy import render as weasy

    wrap = wrap_for(volume, pages)
    with tempfile.TemporaryDirectory(prefix="reelpress-cover-") as scratch:
        front, warnings = _front_image(volume, wrap)
        barcode = _barcode(volume.config.print.isbn, Path(scratch)) if volume.config.print.isbn else None
        html = render("paperback/cover.html", config=volume.config, description=_description(volume),
                      series_line=_series_line(volume), number=_number(volume), spine_text=wrap.spine_text,
                      front_image=front, barcode=barcode, isbn=volume.config.print.isbn,
                      date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
        sheets = (tasks.font_faces(), wrap.css(), _style(volume))
        roots = (str(volume.directory), str(templates_dir()), str(tasks.SERIF_DIR), scratch)
        task = tasks.Task(html, sheets, volume.directory.resolve().as_uri() + "/", roots)
        with weasy.Warnings() as caught:
            try:
                data = weasy.draw(weasy.render_document(task))
            except weasy.FatalURLFetchingError as exc:
                fail(volume.directory, "RP051", f"the paperback cover stopped: {exc}")
    if caught.messages:
        fail(volume.directory, "RP051", "the paperback cover reported: " + "; ".join(dict.fromkeys(caught.messages)))
    return data, warnings


def _front_image(volume: Volume, wrap: Wrap) -> tuple[str | None, list[Diagnostic]]:
    """The volume's own cover image for the front panel (with a warning under 300 dpi), or None: the
    generated design is then set as type."""
    path = next((volume.directory / name for name in cover.NAMES if (volume.directory / name).is_file()), None)
    if path is None:
        return None, []
    _, width, height = inspect_image(path)
    panel_w, panel_h = wrap.trim[0] + BLEED, wrap.trim[1] + 2 * BLEED
    dpi = int(min(width / panel_w, height / panel_h))
    warnings = [] if dpi >= MIN_DPI else [diagnostic(path, "RP055", f"the paperback's front prints this cover at "
                                                     f"{dpi} dpi; KDP wants 300 or more ({round(panel_w * 300)}×"
                                                     f"{round(panel_h * 300)} pixels)", severity="warning")]
    return path.resolve().as_uri(), warnings


def _barcode(isbn: str, folder: Path) -> str:
    """The ISBN's EAN-13 barcode as an SVG file (python-barcode), for the back's barcode box."""
    from barcode import ISBN13
    from barcode.writer import SVGWriter

    path = folder / "isbn"
    written = ISBN13(isbn, writer=SVGWriter()).save(str(path), {"module_height": 15.0, "font_size": 8,
                                                                 "text_distance": 4.0, "quiet_zone": 4.0})
    return Path(written).resolve().as_uri()


def _description(volume: Volume) -> list[str]:
    text = (volume.config.description or "").strip()
    return [" ".join(paragraph.split()) for paragraph in text.split("\n\n") if paragraph.strip()]


def _number(volume: Volume) -> str | None:
    index = volume.config.series_index
    return strings.for_config(volume.config)("volume", number=f"{index:g}") if index is not None else None


def _series_line(volume: Volume) -> str | None:
    """The series and the volume's number, in the book's language."""
    config = volume.config
    if not config.series:
        return None
    if config.series_index is None:
        return config.series
    return strings.for_config(config)("series_volume", series=config.series, number=f"{config.series_index:g}")


def _style(volume: Volume) -> str:
    style = volume.config.cover
    return ((templates_dir() / "paperback" / "cover.css").read_text(encoding="utf-8")
            + f":root {{ --background: {style.background}; --foreground: {style.foreground}; "
              f"--accent: {style.accent}; }}\n")
