"""What the book's fonts can print: every character of the printed text is checked against the fonts'
character maps before anything is laid out, so a missing glyph is an error and not a box on the page."""

from __future__ import annotations

import functools

from fontTools.ttLib import TTFont

from reelpress.util.xhtml import EPUB_TYPE, local

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
