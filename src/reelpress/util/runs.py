"""Wrapping runs of characters in an element, in place: the PDF's emoji spans and the typography's
right-to-left isolates are made this way."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.etree as etree

from reelpress.util.xhtml import local

SKIP = ("style", "head", "title", "script", "pre", "code", "kbd", "samp")


def wrap_runs(root, run: re.Pattern, make: Callable[[str], etree._Element],
              skip: Callable[[etree._Element], bool] = lambda element: False) -> int:
    """Put each match of `run` in the text of `root` into the element `make(match)` returns; elements
    `skip` accepts (and SKIP's) keep their text. The number of runs wrapped."""
    count = 0
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if local(element) not in SKIP and not skip(element) and element.text and run.search(element.text):
            element.text, found = _split(element.text, run, make, lambda new, at: element.insert(at, new), 0)
            count += found
        parent = element.getparent()
        if (element is not root and parent is not None and element.tail and local(parent) not in SKIP
                and not skip(parent) and run.search(element.tail)):
            element.tail, found = _split(element.tail, run, make, lambda new, at: parent.insert(at, new),
                                         parent.index(element) + 1)
            count += found
    return count


def _split(text: str, run: re.Pattern, make, insert, at: int) -> tuple[str, int]:
    """The text before the first run; each run becomes an element inserted at `at`, `at + 1` …, with
    the text that follows it as its tail."""
    pieces, found = run.split(text), run.findall(text)
    for offset, (matched, after) in enumerate(zip(found, pieces[1:])):
        new = make(matched)
        new.tail = after
        insert(new, at + offset)
    return pieces[0], len(found)
