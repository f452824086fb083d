"""Page numbers from the paperback: a pagebreak marker in the EPUB where each print page begins.

The print profile's layout says what text each page starts with (weasy.render_task records the first
words of every page, running heads and generated text left out) and on which page each review opens.
Each page of a review is then found in that review's EPUB document: the page's first letters are
looked for after the previous page's, ignoring case, spaces and punctuation (so a word hyphenated
across the break is found by its second half), and the marker goes before the word they start in:
`<span epub:type="pagebreak" role="doc-pagebreak" id="page-N" aria-label="N"/>`. A page that
cannot be found (a part's title page, a page that starts with a printed "(p. 12)") gets no marker.
The front matter and the indexes differ between the editions (the paperback's contents and index
print page numbers), so only the reviews' pages are in the page list.

The print layout comes from the PDF piece cache when a print build (or an EPUB build) has laid it out
before; otherwise it is laid out here, which costs what a print build costs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lxml import etree

from reelpress.book.matter import kind_of
from reelpress.errors import ReelpressError
from reelpress.model import Volume
from reelpress.writers import WriteOptions
from reelpress.util.xhtml import EPUB_TYPE, local, q

NEEDLE = 24  # letters of a page's start looked for: enough to be unique in a review
TRIES = 3  # words of a page's start that may be skipped when its first cannot be found
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "header", "pre"}


@dataclass(frozen=True)
class PageStart:
    number: int  # the print page's number, as its folio prints it
    review: str  # the anchor of the review the page is in
    text: str  # the page's first words in the print layout


@dataclass
class PageMap:
    starts: list[PageStart]
    cached: bool  # the print layout came from the piece cache (nothing was laid out for it)
    problem: str | None = None  # why there are no page numbers: the print edition cannot be laid out


def wanted(volume: Volume) -> bool:
    return volume.config.accessibility.page_list and bool(volume.reviews)


def page_map(volume: Volume, options: WriteOptions) -> PageMap:
    """Where the print edition's pages begin: laid out in the print profile, through the piece cache."""
    from reelpress.writers.pdf.document import lay_out

    try:
        laid = lay_out(volume, replace(options, profile="print"), assemble=False)  # the pages, not the PDF
    except ReelpressError as error:  # a PDF-only problem (a character its fonts lack): the EPUB is still fine
        return PageMap([], False, error.diagnostics[0].message if error.diagnostics else str(error))
    return PageMap(page_starts(volume, laid.placed), laid.fresh == 0)


def describe(pages: PageMap, volume: Volume) -> str:
    if pages.problem:
        return f"{volume.name}.epub: no print page numbers, as the print edition cannot be laid out: {pages.problem}"
    how = "the print layout from the cache" if pages.cached else "the print edition laid out for them"
    return f"{volume.name}.epub: page numbers of {len(pages.starts)} print pages ({how})"


def page_starts(volume: Volume, placed) -> list[PageStart]:
    """Each review page's number and first words, from the placed pieces of the print layout."""
    from reelpress.writers.pdf.pieces import anchor_pages

    anchors = anchor_pages(placed)
    texts = []
    for piece in placed:
        texts += [""] * piece.pad + list(piece.rendered.first_text)
    opening = sorted((anchors[r.anchor][0], r.anchor) for r in volume.reviews if r.anchor in anchors)
    back = [page.anchor for page in volume.matter if not kind_of(page.slug).front]
    after = [anchors[a][0] for a in [*(i.anchor for i in volume.indexes), *back, "series"] if a in anchors]
    ends = [start for start, _ in opening[1:]] + [min(after, default=len(texts))]
    return [PageStart(index + 1, anchor, texts[index]) for (start, anchor), end in zip(opening, ends)
            for index in range(start, min(end, len(texts))) if _letters(texts[index])]


def first_text(page, enough: int = 2 * NEEDLE) -> str:
    """The first words of a laid-out WeasyPrint page: the text of its body, not of its margins (running
    heads, folios) nor generated content (the "(p. 12)" after a link, list numbers)."""
    from weasyprint.formatting_structure import boxes

    found, letters, stack = [], 0, [page._page_box]
    while stack and letters < enough:
        box = stack.pop()
        if isinstance(box, boxes.MarginBox) or "::" in (getattr(box, "element_tag", "") or ""):
            continue
        if isinstance(box, boxes.TextBox):
            found.append(box.text)
            letters += len(_letters(box.text))
        elif isinstance(box, boxes.ParentBox):
            stack += reversed(box.children)
    return " ".join(found)


# -- markers in the EPUB ---------------------------------------------------------------------------

def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


class _Text:
    """A document's text as one string of letters, each mapped back to (element, "text"/"tail", offset)."""

    def __init__(self, body):
        self.letters: list[str] = []
        self.places: list[tuple] = []
        self._add(body, skip=False)

    def _add(self, element, skip: bool) -> None:
        skip = skip or element.get("role") == "doc-backlink"  # not printed: the paperback has no back-links
        if not skip:
            self._run(element, "text")
        for child in element:
            if isinstance(child.tag, str):
                self._add(child, skip)
            if not skip:
                self._run(child, "tail")

    def _run(self, element, which: str) -> None:
        for offset, char in enumerate(getattr(element, which) or ""):
            for letter in _letters(char):
                self.letters.append(letter)
                self.places.append((element, which, offset))

    def find(self, text: str, start: int) -> int | None:
        """The position of `text`'s letters at or after `start` (a few words in, if need be)."""
        joined = "".join(self.letters)
        words = text.split()
        for skip in range(min(TRIES, len(words))):
            needle = _letters(" ".join(words[skip:]))[:NEEDLE]
            if needle and (found := joined.find(needle, start)) >= 0:
                return found
        return None


def mark(root, starts: list[PageStart]) -> int:
    """Insert the pagebreak markers of `starts` (one review's pages) into its XHTML document `root`;
    the number of pages found."""
    body = root.find(q("body"))
    taken = {element.get("id") for element in root.iter() if element.get("id") is not None}
    starts = [start for start in starts if f"page-{start.number}" not in taken]  # never a duplicate id
    text, position, placed = _Text(body), 0, 0
    for start in starts:
        found = text.find(start.text, position)
        if found is None:
            continue
        element, which, offset = text.places[found]
        _insert(element, which, _word_start(getattr(element, which), offset), start.number)
        text = _Text(body)  # the tree changed; letters before the marker are where they were
        position, placed = found + 1, placed + 1
    return placed


def _word_start(string: str, offset: int) -> int:
    while offset > 0 and not string[offset - 1].isspace():
        offset -= 1
    return offset


def marker(number: int) -> etree._Element:
    span = etree.Element(q("span"))
    span.set("id", f"page-{number}")
    span.set(EPUB_TYPE, "pagebreak")
    span.set("role", "doc-pagebreak")
    span.set("aria-label", str(number))
    return span


def _insert(element, which: str, offset: int, number: int) -> None:
    span = marker(number)
    if which == "text" and offset == 0 and local(element) in BLOCKS:
        element.addprevious(span)  # before a heading or paragraph, not inside it (a heading's name is its text)
    elif which == "text":
        span.tail, element.text = element.text[offset:], element.text[:offset]
        element.insert(0, span)
    else:
        span.tail, element.tail = element.tail[offset:], element.tail[:offset]
        element.addnext(span)
