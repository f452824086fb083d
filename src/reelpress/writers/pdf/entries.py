"""Index entries set the way a book designer keeps them, in the PDF's book tree only (the EPUB's index
reflows on the reader's screen): a person's name never breaks across lines, and no page number stands
alone on a line.

The names are the terms of the directors' index and every part of an entry's detail but its year (a
detail reads "(1948), Vittorio De Sica": book/indexes.py); their spaces become no-break spaces. The
first locator is held to the word before it and the last one to the locator before it, so a line
break falls between locators or inside a film's title, never before a lone number.
"""

from __future__ import annotations

import re

from reelpress.util.xhtml import q

NBSP = "\u00a0"
YEAR = re.compile(r"\(\d{1,4}\)")
NAMES_ARE_TERMS = ("index-directors",)  # the indexes whose terms are people


def keep_together(root) -> None:
    """Glue every index entry's names and locators in the book tree `root`."""
    for index in root.iter(q("section")):
        if "index" not in index.get("class", "").split():
            continue
        for entry in index.iter(q("li")):
            top = "index-group" in entry.getparent().getparent().get("class", "").split()
            _entry(entry, names=top and index.get("id") in NAMES_ARE_TERMS)


def _entry(entry, names: bool) -> None:
    children = [child for child in entry if isinstance(child.tag, str) and child.tag != q("ul")]
    term = children[0] if children and "term" in children[0].get("class", "").split() else None
    if term is None:
        return
    if names and term.text:
        term.text = _glue(term.text)
    if len(children) == 1 or children[1].tag == q("a"):  # the tail is the detail: "(1948), Vittorio De Sica, "
        term.tail = ", ".join(part if YEAR.fullmatch(part.strip()) else _glue(part)
                              for part in (term.tail or "").split(", "))
    locators = [child for child in children if child.tag == q("a")]
    if locators:
        _hold(locators[0].getprevious())
    if len(locators) > 1:
        _hold(locators[-2])


def _glue(text: str) -> str:
    """`text` with the spaces inside it (not around it) made no-break spaces."""
    inner = text.strip()
    if not inner:
        return text
    start = text.index(inner)
    return text[:start] + inner.replace(" ", NBSP) + text[start + len(inner):]


def _hold(element) -> None:
    """The space at the end of `element`'s tail (what precedes the next locator) made a no-break space."""
    if element is not None and element.tail and element.tail.endswith(" "):
        element.tail = element.tail[:-1] + NBSP
