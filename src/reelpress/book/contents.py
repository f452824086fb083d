"""Stage 4, toc: the table of contents as data — each review, and its h2 sections beneath it.

Both writers render this one tree: the EPUB nav, NCX and contents page, the PDF contents page (with
page numbers) and the PDF outline. The front matter's pages with a heading come before the reviews; back
matter (indexes, the acknowledgements …, the series page) follows them.
"""

from __future__ import annotations

from reelpress.book.matter import kind_of
from reelpress.model import Review, TocEntry
from reelpress.util.xhtml import q, text_of


SERIES_PAGE = "series", "Also in this Series"


def build_toc(reviews: list[Review], indexes=(), series=(), matter=()) -> tuple[TocEntry, ...]:
    """The foreword and introduction, the reviews (with their h2 sections), the indexes, the back matter
    (book/matter.py; the dedication and the epigraph come before the contents and have no line in it),
    then the series page when there is one."""
    listed = [page for page in matter if kind_of(page.slug).heading]
    entries = [TocEntry(page.meta.title, page.anchor, kind="matter") for page in listed if kind_of(page.slug).front]
    entries += [_entry(review) for review in reviews]
    entries += [TocEntry(index.title, index.anchor, kind="index") for index in indexes]
    entries += [TocEntry(page.meta.title, page.anchor, kind="matter") for page in listed if not kind_of(page.slug).front]
    if series:
        entries.append(TocEntry(SERIES_PAGE[1], SERIES_PAGE[0], kind="series"))
    return tuple(entries)


def _entry(review: Review) -> TocEntry:
    sections = tuple(TocEntry(text_of(h).strip(), h.get("id")) for h in review.body.iter(q("h2"))
                     if _in_text(h) and text_of(h).strip())  # a heading of only an image has no entry
    return TocEntry(review.meta.title, review.anchor, sections)


def _in_text(heading) -> bool:
    """Headings inside the notes section are not part of the contents."""
    parent = heading.getparent()
    while parent is not None:
        if parent.get("role") == "doc-endnotes":
            return False
        parent = parent.getparent()
    return True
