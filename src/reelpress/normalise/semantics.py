"""Semantics pass: say what the markup means, whatever tool wrote it.

Blog editors write `<i>` for emphasis and for titles alike. Italics whose whole text is the title of
a film reviewed in the volume become `<cite>` (a title of a work); other `<i>` become `<em>`. Notes
written in HTML with ARIA roles (`role="doc-noteref"` …) get the EPUB types reading systems use for
pop-up notes, so HTML sources and Markdown footnotes end up the same (each note an `endnote` item).
"""

from __future__ import annotations

from reelpress.util.xhtml import EPUB_TYPE, NOTE_TYPE, NOTE_TYPES, local, q, text_of

ROLE_TYPES = {"doc-noteref": "noteref", "doc-endnotes": "endnotes", "doc-backlink": "backlink"}
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def title_key(text: str) -> str:
    """Compare titles the way a reader would: case, curly quotes and spacing do not matter."""
    return " ".join(text.translate(_STRAIGHT).casefold().split())


def run(body, ctx) -> None:
    films = {title_key(f) for f in ctx.films}
    for element in body.iter(q("i"), q("em")):
        if films and title_key(text_of(element)) in films and not len(element):
            element.tag = q("cite")
        elif local(element) == "i":
            element.tag = q("em")
    for element in body.iter():
        kind = ROLE_TYPES.get(element.get("role", ""))
        if kind and element.get(EPUB_TYPE) is None:
            element.set(EPUB_TYPE, kind)
    for section in body.iter():
        if section.get(EPUB_TYPE) == "endnotes":
            for item in section.iter(q("li")):  # `footnote` wants doc-footnote, which a list item cannot have
                if item.get(EPUB_TYPE) in (None, *NOTE_TYPES):
                    item.set(EPUB_TYPE, NOTE_TYPE)
