"""Reading a built PDF back: do the contents page's numbers, the outline and the fonts hold?

The contents page numbers come from the layout (CSS target-counter); this checks them from the
outside, the way a proofreader would: find each title on the contents page, find the page where
that title is printed as a heading, and compare.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from reelpress.book import strings
from reelpress.model import Diagnostic

_ENTRY = re.compile(r"^(?P<title>.*?\S)[\s.\u2024\u2026]*?\s*(?P<page>\d+)\s*$")


@dataclass
class Outline:
    title: str
    page: int  # 1-based physical page
    level: int


@dataclass
class PdfFacts:
    path: str
    pages: list[str]  # text of each page, whitespace collapsed
    lines: list[list[str]]  # text lines of each page
    outline: list[Outline]
    fonts: dict[str, bool]  # base font name → embedded
    metadata: dict[str, str]
    sizes: list[tuple[float, float]]  # each page's width and height in points
    pictures: list[bool]  # does the page draw an image?
    annotations: int = 0  # link (and other) annotations on all pages
    paper: str = "white"  # the paper it is printed on, from [print] paper (the file cannot tell)


def read(source: Path | bytes, name: str | None = None) -> PdfFacts:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    reader = PdfReader(io.BytesIO(data))
    texts = [page.extract_text() or "" for page in reader.pages]
    return PdfFacts(path=name or (str(source) if not isinstance(source, bytes) else "<pdf>"),
                    pages=[" ".join(t.split()) for t in texts], lines=[t.splitlines() for t in texts],
                    outline=list(_outline(reader, reader.outline, 1)), fonts=_fonts(reader),
                    metadata={k: str(v) for k, v in (reader.metadata or {}).items()},
                    sizes=[(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages],
                    pictures=[_draws_image(page) for page in reader.pages],
                    annotations=sum(len(page.get("/Annots") or []) for page in reader.pages))


def _draws_image(page) -> bool:
    objects = (page.get("/Resources") or {}).get("/XObject") or {}
    return any(obj.get_object().get("/Subtype") == "/Image" for obj in objects.values())


def _outline(reader, items, level):
    for item in items:
        if isinstance(item, list):
            yield from _outline(reader, item, level + 1)
        else:
            yield Outline(item.title, reader.get_destination_page_number(item) + 1, level)


def _fonts(reader) -> dict[str, bool]:
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            for descendant in font.get("/DescendantFonts") or []:
                descriptor = descriptor or descendant.get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts


def contents(facts: PdfFacts, heading: str | None = None) -> list[tuple[str, int, int]]:
    """(title, printed page number, contents page) for each line of the printed contents, under
    `heading` (default: the word for contents in any language reelpress has a catalogue for)."""
    entries, pending = [], ""
    headings = {heading} if heading else {strings.catalogue(lang)["contents"] for lang in strings.languages()}
    first = next((i for i, lines in enumerate(facts.lines) if lines and lines[0].strip() in headings), None)
    if first is None:
        return []
    for index in range(first, len(facts.lines)):
        lines = facts.lines[index][1:] if index == first else facts.lines[index]
        found_any = False
        for line in lines:
            match = _ENTRY.match(f"{pending} {line}".strip())
            if match and entries and int(match["page"]) < entries[-1][1]:
                return entries  # page numbers only grow: this is the page after the contents ("Volume 1")
            if match:
                entries.append((match["title"].strip(" ."), int(match["page"]), index + 1))
                pending, found_any = "", True
            else:
                pending = f"{pending} {line}".strip()
        if index > first and not found_any:
            break
    return entries


def title_page(facts: PdfFacts, title: str, after: int) -> int | None:
    """The first physical page (1-based) after page `after` on which `title` is printed on lines of its
    own, as a heading is (a mention inside a sentence does not count); long titles may wrap."""
    wanted = _words(title)
    for index in range(after, len(facts.lines)):
        lines = [_words(line) for line in facts.lines[index]]
        for start in range(len(lines)):
            for end in range(start + 1, min(start + 4, len(lines)) + 1):
                if " ".join(lines[start:end]) == wanted:
                    return index + 1
    return None


def _words(text: str) -> str:
    """Words only: a heading set on two lines, or with its punctuation styled away, still matches."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def problems(facts: PdfFacts, titles: list[str] | None = None,
             page_size: tuple[float, float] | None = None, depth: int = 1, outline: bool = True) -> list[Diagnostic]:
    """Contents numbers vs. real pages, outline vs. contents, fonts embedded, metadata present, page
    sizes, blank pages. `titles` (expected contents) and `page_size` (points) are checked when given;
    `depth` is how many outline levels the contents page lists (2 in an omnibus: parts and reviews);
    a paperback has no outline to compare (`outline` false)."""
    found: list[Diagnostic] = []
    add = lambda code, message: found.append(Diagnostic(facts.path, None, None, code, "error", message))
    entries = contents(facts)
    if titles is not None and [e[0] for e in entries] != titles:
        add("RP060", f"contents lists {[e[0] for e in entries]}, expected {titles}")
    for title, printed, contents_page in entries:
        actual = title_page(facts, title, contents_page)
        if actual != printed:
            add("RP060", f"contents says {title!r} is on page {printed}, but it is printed on page {actual}")
    top = [(_words(o.title), o.page) for o in facts.outline if o.level <= depth]
    expected = [(_words(title), printed) for title, printed, _ in entries]
    if outline and top != expected:
        add("RP061", f"outline {top} does not mirror the contents {expected}")
    for name, embedded in facts.fonts.items():
        if not embedded:
            add("RP062", f"font {name} is not embedded")
    for key in ("/Title", "/Author"):
        if not facts.metadata.get(key):
            add("RP063", f"document metadata {key[1:]} is missing")
    _page_problems(facts, entries, page_size, add)
    return found


def _page_problems(facts: PdfFacts, entries, page_size, add) -> None:
    sizes = sorted(set(facts.sizes))
    if len(sizes) > 1:
        add("RP064", f"pages have different sizes: {', '.join(f'{w:g}×{h:g} pt' for w, h in sizes)}")
    if page_size and sizes and any(abs(w - page_size[0]) > 0.5 or abs(h - page_size[1]) > 0.5
                                   for w, h in sizes):
        add("RP064", f"page size is {sizes[0][0]:g}×{sizes[0][1]:g} pt; the volume's trim is "
                     f"{page_size[0]:g}×{page_size[1]:g} pt")
    openings = {printed for _, printed, _ in entries} | {page for _, _, page in entries}
    # before the contents, every page of the front matter (title page, dedication, epigraph) opens on the right
    front = min((page for _, _, page in entries), default=0)
    for index, text in enumerate(facts.pages):
        number = index + 1
        if not text.strip() and not facts.pictures[index] and not (number % 2 == 0 and
                                                                   (number + 1 in openings or number < front)):
            add("RP065", f"page {number} is blank, and it is not the back of a page before a chapter")
