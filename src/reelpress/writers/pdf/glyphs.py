"""What the book's fonts can print: every character of the printed text is checked against the fonts'
character maps before anything is laid out, so a missing glyph is an error and not a box on the page.

Typographic spaces and marks are set as what they mean, decided per character (docs/typography.md):

- the spaces of fixed width — U+2000 to U+200A (en and em quads and spaces, three-, four- and
  six-per-em, figure, punctuation, thin and hair spaces), U+205F (medium mathematical space) and
  U+202F (narrow no-break space) — print as themselves in the book face, which has no glyph for most
  of them: Pango keeps the run's font for a space, and HarfBuzz sets it from the font's own space at
  the width Unicode gives it (SPACES; measured at 100 px: hair 6.2, six-per-em 16.7, thin 20,
  medium mathematical 22.2, narrow no-break 11.6, em 100). They need no other font.
- U+2011 (no-break hyphen) comes from the first font of the chain that has it (Noto Serif); with
  none, it becomes a hyphen held by word joiners (SUBSTITUTES).
- invisible characters (IGNORABLE) are kept and never drawn: the soft hyphen (a place to hyphenate),
  zero-width space (a place to break), word joiner and BOM (no break), ZWJ and ZWNJ (joining in
  emoji sequences, Persian and the Indic scripts), variation selectors and emoji tags (which glyph),
  the bidirectional marks and isolates (which direction).
"""

from __future__ import annotations

from reelpress.util.xhtml import EPUB_TYPE, local

IGNORABLE = {"\u00ad", "\u034f", "\u061c", "\u180e", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
             "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\n", "\t", "\r",
             *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
             *map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0020, 0xE0080)),
             *map(chr, range(0xE0100, 0xE01F0))}

# spaces HarfBuzz makes from any font's space at their own widths: printable without a glyph of their own
SPACES = {*map(chr, range(0x2000, 0x200B)), "\u202f", "\u205f"}
# what a special character becomes when no installed font has it: the nearest thing the book face has
SUBSTITUTES = {"\u2011": "\u2060-\u2060"}


def substitute(root, coverage: frozenset[int]) -> None:
    """Replace, in the printed tree, each special character no font has by its SUBSTITUTES entry."""
    table = {ord(char): value for char, value in SUBSTITUTES.items() if ord(char) not in coverage}
    if not table:
        return
    for element in root.iter():
        if isinstance(element.tag, str):
            if element.text:
                element.text = element.text.translate(table)
            if element.tail:
                element.tail = element.tail.translate(table)


def uncovered(root, coverage: set[int]) -> dict[str, set[str]]:
    """Characters of the printed text the fonts lack, by the id of the review they occur in."""
    missing: dict[str, set[str]] = {}
    for section, text in _printed_text(root):
        for char in set(text):  # each character once per text node: the book has some 300,000
            if char not in IGNORABLE and char not in SPACES and ord(char) not in coverage:
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
