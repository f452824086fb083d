"""The book as pieces: front matter, a few reviews at a time, back matter — laid out separately (in
parallel, and from the cache when unchanged), then assembled into one PDF (assemble.py).

A piece's layout does not depend on where it lands in the book, because every review (and every part
title page) opens on a right-hand page. What does depend on the whole book is filled in around them:
- page numbers printed in the text — the contents, "(p. N)" after a link, index locators — are
  literal `data-page` attributes taken from the pieces' page counts; a piece whose numbers change is
  laid out again, until nothing changes (templates/pdf/pieces.css prints them);
- folios, the numbers at the foot of the page, are stamped on afterwards from documents of folios;
- links point at `reelpress-target:<id>` and become links to the right page when assembled.
Running heads stay in the pieces: the review's title comes from the piece itself, the book's title
from a literal string-set.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

import lxml.etree as etree

from reelpress import templates_dir
from reelpress.util.xhtml import q, to_html_string
from reelpress.writers.pdf import fit, fonts, tasks
from reelpress.writers.pdf.tasks import Rendered, Task, font_faces

REVIEWS_PER_PIECE = 3
FOLIO_RANGE = 64  # pages per document of folios (even, so each range starts on a right-hand page)
TARGET = "reelpress-target:"
ROUNDS = 6  # numbers settle in two rounds from nothing, in one when the cache knows the last build's


@dataclass
class Book:
    """The book tree cut into pieces; `wanted` are the ids whose pages are printed somewhere."""

    root: etree._Element
    title: str
    front: list
    bodies: list[list]
    back: list
    back_opens_right: bool
    links: list = field(default_factory=list)  # <a> elements that print the page they point at
    wanted: set[str] = field(default_factory=set)
    low_resolution: bool = False  # report images printed under 300 dpi (the print profile)
    tagged: bool = False  # lay the pieces out as tagged PDFs (the reading profile: tags.py)


@dataclass
class Placed:
    """A rendered piece and where it sits: blank pages before it, and its first page's number."""

    rendered: Rendered
    pad: int
    first: int


def split(root, low_resolution: bool = False, tagged: bool = False) -> Book:
    """Front matter, the foreword and introduction, bodies of REVIEWS_PER_PIECE reviews (a part title page
    goes with the review after it), back matter (indexes, acknowledgements …, series page); internal links
    rewritten for the assembler."""
    body = root.find(q("body"))
    children = [child for child in body if isinstance(child.tag, str)]
    front = [child for child in children if "front" in child.get("class", "").split()]
    units, pending, back, prelims = [], [], [], []
    for child in children:
        kind = child.get("class", "").split()
        if "prelims" in kind:
            prelims.append(child)
        elif "part" in kind:
            pending.append(child)
        elif "review" in kind:
            units.append(pending + [child])
            pending = []
        elif child not in front:
            back.append(child)
    bodies = [prelims] * bool(prelims)  # the foreword and introduction: a piece of their own, with folios
    bodies += [sum(units[i:i + REVIEWS_PER_PIECE], []) for i in range(0, len(units), REVIEWS_PER_PIECE)]
    opens_right = bool(back) and "index" in back[0].get("class", "").split()
    book = Book(root, title_of(root), front, bodies, back, opens_right,
                low_resolution=low_resolution, tagged=tagged)
    for link in root.iter(q("a")):
        target = link.get("data-target", "")
        if target.startswith("#") and link.get("href", "").startswith("#"):
            link.set("href", TARGET + target[1:])
        if target.startswith("#") and link.get("role") is None:
            book.links.append(link)
            book.wanted.add(target[1:])
    return book


def title_of(root) -> str:
    """The book's title as its title page prints it."""
    title = next((e for e in root.iter() if isinstance(e.tag, str) and e.get("class") == "title"), None)
    return "".join(title.itertext()) if title is not None else ""


def number(book: Book, pages: dict[str, int]) -> None:
    """Write the page each printing link points at into its `data-page` (empty while unknown)."""
    for link in book.links:
        found = pages.get(link.get("data-target")[1:])
        link.set("data-page", str(found) if found else "")


def sheets(volume, geometry, book: Book) -> tuple[str, ...]:
    """The pieces' stylesheets: the book's, then pieces.css, then the book's title for running heads."""
    return (*stylesheets(volume, geometry), *proof_header(geometry), _template("pdf/pieces.css"),
            *book_title(book.title))


#: The headings that open a section on a new page: that page prints no running head.
OPENINGS = (".review-header h1", ".index h1", ".series-page h1", ".part h1", ".prelims .matter h1", "body > .matter h1")


def book_title(title: str) -> tuple[str, ...]:
    """The book's title for the left-hand running head, set by every section's opening heading: the
    head is `string(book-title, first-except)` (print.css), empty on a page that sets it. (Not set on
    <body>: WeasyPrint counts an element as setting its strings on every page it spans.)"""
    title = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return (f'{", ".join(OPENINGS)} {{ string-set: review-title content(), book-title "{title}"; }}',)


def proof_header(geometry) -> tuple[str, ...]:
    """The proof profile's "PROOF — <date>" at the top of every page (of the pieces, not the folios)."""
    if geometry.profile != "proof":
        return ()
    return (f'@page {{ @top-center {{ content: "PROOF \\2014  {dt.date.today().isoformat()}"; }} }}',)


def stylesheets(volume, geometry) -> tuple[str, ...]:
    """Font faces, page geometry, print.css, the fallback fonts (fonts.py) and the profile's stylesheet,
    as the single-pass book uses."""
    chain = fonts.for_volume(volume)
    found = [font_faces(), geometry.css(), _template("print.css"), chain.css(volume.config.language)]
    profile_css = templates_dir() / "pdf" / f"profile-{geometry.profile}.css"
    if profile_css.is_file():
        found.append(profile_css.read_text(encoding="utf-8"))
    return tuple(found)


def _template(name: str) -> str:
    return (templates_dir() / name).read_text(encoding="utf-8")


def task(volume, book: Book, elements: list, styles: tuple[str, ...], skip_first: bool = False) -> Task:
    """A document of `elements` with the book's head and body attributes."""
    html = etree.Element(book.root.tag, book.root.attrib, nsmap=book.root.nsmap)
    html.append(copy.deepcopy(book.root.find(q("head"))))
    body_in = book.root.find(q("body"))
    body = etree.SubElement(html, body_in.tag, body_in.attrib)
    if skip_first:
        etree.SubElement(body, q("div"), {"class": "rp-skip"})
    body.extend(copy.deepcopy(element) for element in elements)
    return Task(to_html_string(html), styles, volume.directory.resolve().as_uri() + "/", roots(volume),
                skip_first, book.low_resolution, tagged=book.tagged)


def roots(volume) -> tuple[str, ...]:
    """The folders a rendering may read: the volume, the templates, the book face's package."""
    return str(volume.directory), str(templates_dir()), str(tasks.SERIF_DIR)


def folios_shown(placed: list[Placed]) -> list[bool]:
    """For each page of the book, whether it prints a folio: not on front matter, not on blanks."""
    shown = []
    for index, piece in enumerate(placed):
        shown += [False] * piece.pad
        shown += [index > 0 and not blank for blank in piece.rendered.blank]
    return shown


def folio_tasks(volume, geometry, pages: int) -> list[Task]:
    """Documents of folios for pages 1 to `pages` (in ranges of FOLIO_RANGE): page n prints n at its
    foot, laid out as page n of the book is (right-hand when odd). They depend on the page geometry
    alone, so after the first build they come from the cache — for every volume of that trim."""
    styles = (*stylesheets(volume, geometry), _template("pdf/folios.css"))
    tasks = []
    for start in range(1, pages + 1, FOLIO_RANGE):
        divs = "".join(f'<div class="folio" data-n="{n}"></div>' for n in range(start, start + FOLIO_RANGE))
        html = f'<!DOCTYPE html><html lang="{volume.config.language}"><body>{divs}</body></html>'
        tasks.append(Task(html, styles, templates_dir().as_uri() + "/", roots(volume)[1:]))
    return tasks


def blank_task(volume, geometry) -> Task | None:
    """A left-hand page with what the profile prints even on blank pages (the proof's header), to
    stamp on the blank pages between pieces; None when that is nothing."""
    if not proof_header(geometry):
        return None
    html = f'<!DOCTYPE html><html lang="{volume.config.language}"><body><div></div><div class="folio"></div></body></html>'
    styles = (*stylesheets(volume, geometry), *proof_header(geometry), "@page { @bottom-center { content: none; } }",
              _template("pdf/folios.css").replace("string(folio)", "none"))
    return Task(html, styles, templates_dir().as_uri() + "/", roots(volume)[1:], skip_first=True)


def place(pieces: list[Rendered], back: Rendered | None, opens_right: bool) -> list[Placed]:
    """Each piece's blank pages before it and first page number: bodies open on a right-hand (odd)
    page; the back matter too when it opens with an index, else on the next page."""
    placed, page = [], 1
    for index, rendered in enumerate(pieces + ([back] if back else [])):
        is_back = back is not None and index == len(pieces)
        pad = 1 if page % 2 == 0 and (not is_back or opens_right) and index > 0 else 0
        placed.append(Placed(rendered, pad, page + pad))
        page += pad + rendered.pages
    return placed


def back_start(pieces: list[Rendered], opens_right: bool) -> int:
    """The page the back matter will start on, before it is rendered (it decides its first side)."""
    placed = place(pieces, None, opens_right)
    after = placed[-1].first + placed[-1].rendered.pages
    return after + 1 if opens_right and after % 2 == 0 else after


def anchor_pages(placed: list[Placed]) -> dict[str, tuple[int, float, float]]:
    """Every anchor's (0-based page in the book, x, y)."""
    found = {}
    for piece in placed:
        for name, (page, x, y) in piece.rendered.anchors.items():
            found.setdefault(name, (piece.first - 1 + page, x, y))
    return found


def lay_out(volume, book: Book, geometry, runner, pages: dict[str, int],
            also: list[Task] = ()) -> tuple[list[Placed], dict[str, int], dict[str, int]]:
    """Render every piece until the page numbers printed in them are the pages their targets are on,
    then fit the pages (fit.py) and number them again, until nothing is left to fit. `pages` is the
    first guess (the last build's); `also` are rendered (into the cache) in the first round.
    Returns the placed pieces, their numbers, and the numbers before fitting: the next build's first
    guess, from which it takes every layout (fitting included) from the cache."""
    fit.reset(book.root)  # fitted for this geometry from the book as written, whatever came before
    styles = sheets(volume, geometry, book)
    placed, found = _numbered(volume, book, runner, styles, pages, also)
    unfitted = found
    for _ in range(fit.ROUNDS):
        rendered = [piece.rendered for piece in placed]
        if not fit.fit(book.root, [n for piece in rendered for n in piece.figure_gaps],
                       [name for piece in rendered for name in piece.short_endings]):
            break
        placed, found = _numbered(volume, book, runner, styles, found)
    return placed, found, unfitted


def _numbered(volume, book: Book, runner, styles, pages: dict[str, int],
              also: list[Task] = ()) -> tuple[list[Placed], dict[str, int]]:
    """The pieces rendered until the numbers printed in them hold. The back matter waits for every
    body and has one worker to itself otherwise, so `also` go beside it (or beside the bodies)."""
    for _ in range(ROUNDS):
        used = dict(pages)
        number(book, used)
        batch = [task(volume, book, book.front, styles),
                 *(task(volume, book, elements, styles) for elements in book.bodies)]
        pieces = runner.render(batch + ([] if book.back else list(also)))[:len(batch)]
        back = None
        if book.back:
            pages = {**used, **_wanted(book, place(pieces, None, book.back_opens_right))}
            number(book, pages)
            left = not book.back_opens_right and back_start(pieces, False) % 2 == 0
            back = runner.render([task(volume, book, book.back, styles, skip_first=left), *also])[0]
        also = ()
        placed = place(pieces, back, book.back_opens_right)
        found = _wanted(book, placed)
        if found == used and found == pages:
            break
        pages = found
    return placed, found


def _wanted(book: Book, placed: list[Placed]) -> dict[str, int]:
    return {name: page + 1 for name, (page, _, _) in anchor_pages(placed).items() if name in book.wanted}
