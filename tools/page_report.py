"""What a book designer would object to in a PDF, counted page by page from the PDF itself (issue 23).

    python tools/page_report.py BOOK.pdf [BOOK.pdf ...] [--list]

Reads the pages back with `pdftotext -bbox-layout` (lines and their boxes) and pypdf (images, fonts,
the outline) and counts:
- title_offset: how far (pt) the title page's largest line is from the centre of the page's other lines;
- heads_on_openings: section-opening pages (front matter, the page of each top-level outline entry:
  reviews, parts, indexes, the series page) that print a running head;
- missing_heads: pages of text that open no section and print no running head;
- blank_with_text: pages with no body text and no image that still print a head or a folio;
- figure_gaps: pages opening with an image whose previous page is more than GAP empty;
- short_endings: sections longer than a page whose last page has 1 to SHORT lines;
- index_split_names: index lines breaking inside a name (a line that does not end in punctuation,
  followed by one whose first word ends in a comma: "Vittorio De / Sica, 7"; not after a "see" arrow,
  whose target is a film's title);
- index_lone_numbers: index lines that are only locators ("7", "p. 7", "12; 40");
- font_objects, font_faces: embedded font files, and the faces they are subsets of.
A running head is a line in the top HEAD_ZONE of the page; a folio one in the bottom FOLIO_ZONE; body
lines are the others. Index pages are pages with body lines in two columns.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field

import lxml.etree as etree
from pypdf import PdfReader

HEAD_ZONE = 0.08  # of the page height: running heads sit in the top margin
FOLIO_ZONE = 0.92  # folios below this fraction of the page height
GAP = 0.25  # a page more than a quarter empty before a figure is a gap
SHORT = 3  # lines alone on a section's last page
LOCATORS = re.compile(r"^(vol\.\s*\d+,\s*)?(p\.\s*)?\d+([;,]\s*((vol\.\s*\d+,\s*)?(p\.\s*)?\d+))*$")


@dataclass
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Page:
    height: float
    width: float
    lines: list[Line]
    images: list[tuple[float, float]] = field(default_factory=list)  # (top, bottom) from the page's top

    def _zone(self, line: Line) -> str:
        if line.y1 < HEAD_ZONE * self.height:
            return "head"
        return "folio" if line.y0 > FOLIO_ZONE * self.height else "body"

    @property
    def body(self) -> list[Line]:
        return [line for line in self.lines if self._zone(line) == "body"]

    @property
    def head(self) -> list[Line]:
        return [line for line in self.lines if self._zone(line) == "head"]

    @property
    def empty(self) -> bool:
        return not self.body and not self.images


def read_pages(path: str) -> list[Page]:
    """Every page's lines (pdftotext) and images (pypdf), top-down coordinates in points."""
    xhtml = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xhtml, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter("{*}page"):
        lines = [Line(float(e.get("xMin")), float(e.get("yMin")), float(e.get("xMax")), float(e.get("yMax")),
                      " ".join(w.text or "" for w in e.iter("{*}word"))) for e in page.iter("{*}line")]
        pages.append(Page(float(page.get("height")), float(page.get("width")), lines))
    for page, pdf_page in zip(pages, PdfReader(path).pages):
        page.images = _images(pdf_page, page.height)
    return pages


def _images(pdf_page, height: float) -> list[tuple[float, float]]:
    xobjects = pdf_page.get("/Resources", {}).get("/XObject", {})
    images = {name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"}
    found = []

    def visit(operator, operands, cm, tm):
        if operator == b"Do" and operands and operands[0] in images:
            found.append((round(height - (cm[5] + cm[3]), 2), round(height - cm[5], 2)))

    if images:
        pdf_page.extract_text(visitor_operand_before=visit)
    return found


def openings(path: str) -> list[int]:
    """The 0-based pages of the outline's top-level entries."""
    reader = PdfReader(path)
    return sorted({reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)})


def title_offset(page: Page) -> float:
    """The title line's centre against the centre of the other lines of the title page (all centred)."""
    lines = page.body
    if len(lines) < 2:
        return 0.0
    title = max(lines, key=lambda line: line.y1 - line.y0)
    others = sorted((line.x0 + line.x1) / 2 for line in lines if line is not title)
    return round(abs((title.x0 + title.x1) / 2 - others[len(others) // 2]), 1)


def heads_on_openings(pages: list[Page], opening: list[int]) -> list[int]:
    front = range(opening[0]) if opening else range(len(pages))
    return [n + 1 for n in sorted(set(front) | set(opening)) if pages[n].head]


def missing_heads(pages: list[Page], opening: list[int]) -> list[int]:
    start = opening[0] if opening else len(pages)
    return [n + 1 for n in range(start, len(pages)) if n not in opening and not pages[n].empty and not pages[n].head]


def blank_with_text(pages: list[Page]) -> list[int]:
    return [n + 1 for n, page in enumerate(pages) if page.empty and page.lines]


def figure_gaps(pages: list[Page]) -> list[int]:
    """Pages opening with an image after a page more than GAP empty (of the body area's height)."""
    bodies = [line for page in pages for line in page.body]
    if not bodies:
        return []
    top, bottom = min(line.y0 for line in bodies), max(line.y1 for line in bodies)
    found = []
    for n in range(1, len(pages)):
        page, before = pages[n], pages[n - 1]
        first_text = min((line.y0 for line in page.body), default=bottom)
        if not page.images or min(top for top, _ in page.images) > first_text or before.empty:
            continue
        used = max([line.y1 for line in before.body] + [b for _, b in before.images])
        if (bottom - used) / (bottom - top) > GAP:
            found.append(n + 1)
    return found


def short_endings(pages: list[Page], opening: list[int]) -> list[int]:
    """Last pages (1-based) of sections longer than one page with 1 to SHORT body lines and no image."""
    found = []
    for start, end in zip(opening, opening[1:] + [len(pages)]):
        last = end - 1
        while last > start and pages[last].empty:
            last -= 1
        if last > start and not pages[last].images and 0 < len(pages[last].body) <= SHORT:
            found.append(last + 1)
    return found


def index_pages(pages: list[Page]) -> list[int]:
    """Pages set in two columns: five or more body lines starting right of the page's middle."""
    return [n for n, page in enumerate(pages)
            if sum(line.x0 > page.width / 2 for line in page.body) >= 5]


def index_offences(pages: list[Page]) -> tuple[list[str], list[str]]:
    """(lines breaking inside a name, lines that are only locators) on the index pages."""
    split, lone = [], []
    for n in index_pages(pages):
        page = pages[n]
        columns = ([line for line in page.body if line.x0 <= page.width / 2],
                   [line for line in page.body if line.x0 > page.width / 2])
        for column in columns:
            column.sort(key=lambda line: line.y0)
            for before, line in zip([None] + column, column):
                if LOCATORS.match(line.text.strip()):
                    lone.append(f"p{n + 1}: {line.text}")
                first = line.text.split(" ")[0]
                if (before is not None and first.endswith(",") and first[:1].isupper() and line.x0 > before.x0
                        and before.text.strip()[-1:].isalpha() and "→" not in before.text):  # "see": a title
                    split.append(f"p{n + 1}: {before.text} / {line.text}")
    return split, lone


def fonts(path: str) -> tuple[int, int]:
    """(embedded font files, distinct faces they belong to, subset prefix removed)."""
    reader = PdfReader(path)
    files, faces = set(), set()
    for number in range(len(reader.pages)):
        for font in _page_fonts(reader.pages[number].get("/Resources", {})):
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
                if stream is not None:
                    files.add(stream.indirect_reference.idnum if stream.indirect_reference else id(stream))
                    faces.add(str(descriptor["/FontName"]).split("+")[-1])
    return len(files), len(faces)


def _page_fonts(resources):
    resources = resources.get_object() if hasattr(resources, "get_object") else resources
    for ref in resources.get("/Font", {}).values():
        yield ref.get_object()
    for ref in resources.get("/XObject", {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            yield from _page_fonts(xobject["/Resources"])


def report(path: str) -> dict:
    """Every count above, for the PDF at `path`; lists say which pages (1-based)."""
    pages, opening = read_pages(path), openings(path)
    split, lone = index_offences(pages)
    files, faces = fonts(path)
    return {"pages": len(pages), "title_offset": title_offset(pages[0]) if pages else 0.0,
            "heads_on_openings": heads_on_openings(pages, opening),
            "missing_heads": missing_heads(pages, opening), "blank_with_text": blank_with_text(pages),
            "figure_gaps": figure_gaps(pages), "short_endings": short_endings(pages, opening),
            "index_split_names": split, "index_lone_numbers": lone, "font_objects": files, "font_faces": faces}


def main(argv: list[str]) -> int:
    listing = "--list" in argv
    for path in (arg for arg in argv if arg != "--list"):
        found = report(path)
        counts = {key: len(value) if isinstance(value, list) else value for key, value in found.items()}
        print(path, " ".join(f"{key}={value}" for key, value in counts.items()))
        if listing:
            for key, value in found.items():
                if isinstance(value, list) and value:
                    print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
