"""Words the printed book never hyphenates, marked in the PDF's tree: `<span class="rp-whole">`
(print.css: `hyphens: manual`), or `rp-unbroken` (also `white-space: nowrap`) for a hyphenated compound.

- **Names**: directors, the book's author, every word of them; film titles and original titles, as
  phrases — the people and films the front matter and the indexes name. "Kur-osawa" and "Chin-atown"
  read as misprints.
- **A paragraph's last word**: a line holding only "et." ends a paragraph badly.
- **The words a review's first line may end in**: that line is in small capitals (`::first-line`),
  so a break inside a word styled half of it ("ZITH-/er"). The first FIRST_LINE_CHARS characters are
  more than the widest trim's line holds in small capitals, so the first line never ends inside a word.

The EPUB keeps its text as it is: this is the PDF's tree only. WeasyPrint's `hyphenate-limit-chars`
(print.css) keeps two letters before a break and three after; it has no `hyphenate-limit-lines`.
"""

from __future__ import annotations

import re

import lxml.etree as etree

from reelpress.book.indexes import directors_of
from reelpress.util.runs import wrap_runs
from reelpress.util.xhtml import local, q

#: more than a first line holds: the widest trim (6 in, 4.65 in of text) at 10.5 pt in small capitals
#: of 0.3 em a character (the narrowest mean, for text of i, l, t and spaces) is about 106
FIRST_LINE_CHARS = 120
WHOLE, UNBROKEN = "rp-whole", "rp-unbroken"
SHORTEST = 6  # print.css: hyphenate-limit-chars 6 2 3 (a shorter word is never hyphenated)
LAST_WORD_BLOCKS = ("p", "li", "dd", "figcaption", "td", "th")
_WORD = re.compile(r"[^\W\d_][\w\u2019'\u2011-]*")
_NAME_WORD = re.compile(r"[^\W\d_][\w\u2019'-]*\w")


def protect(root, volume) -> None:
    """Mark the names, paragraph ends and first lines of the reviews and the matter pages (an
    introduction's first line is in small capitals too) in `root` (the PDF's tree)."""
    sections = [s for s in root.iter(q("section")) if {"review", "matter"} & set(s.get("class", "").split())]
    names = name_pattern(volume)
    for section in sections:
        if names is not None:
            wrap_runs(section, names, _span, skip=lambda element: element.get("class") in (WHOLE, UNBROKEN))
        for block in list(section.iter(*(q(tag) for tag in LAST_WORD_BLOCKS))):
            keep_last_word(block)
        header = section.find(q("header"))
        if header is None:
            header = section.find(q("h1"))  # a matter page's title
        opening = header.getnext() if header is not None else None
        if opening is not None and local(opening) == "p":
            keep_first_line(opening)


def names_of(volume) -> tuple[list[str], list[str]]:
    """(phrases, words): film titles and original titles; the words of directors' and the author's names."""
    phrases, people = set(), [volume.config.author or ""]
    for review in volume.reviews:
        phrases.update(t for t in (review.meta.film, review.meta.original_title) if t)
        people += directors_of(review.meta.director or "")
    words = {word for name in people for word in _NAME_WORD.findall(name) if word[0].isupper()}
    return sorted(phrases, key=lambda p: (-len(p), p)), sorted(words, key=lambda w: (-len(w), w))


def name_pattern(volume) -> re.Pattern | None:
    """One pattern for every name, longest first, each matched as whole words."""
    phrases, words = names_of(volume)
    found = [re.escape(p) for p in phrases + words if len(p) > 1]
    return re.compile(r"(?<!\w)(?:" + "|".join(found) + r")(?!\w)") if found else None


def _span(text: str, kind: str = WHOLE):
    element = etree.Element(q("span"), {"class": UNBROKEN if "-" in text or "\u2011" in text else kind})
    element.text = text
    return element


def keep_last_word(block) -> None:
    """Wrap the block's last word (which may run across elements: `<em>Vertigo</em>’s.`) whole."""
    slots = [slot for slot in _slots(block) if _get(slot)]
    while slots and not _get(slots[-1]).strip():
        slots.pop()
    last = True
    while slots:
        slot = slots.pop()
        value = _get(slot)
        match = re.search(r"\S+$", value.rstrip() if last else value)
        if match is None:  # the slot ends in a space: the word began in the slot after it
            return
        _wrap(slot, [(match.start(), match.end())])
        if match.start() > 0:
            return
        last = False


def keep_first_line(paragraph) -> None:
    """Wrap each word that starts in the paragraph's first FIRST_LINE_CHARS characters whole."""
    offset = 0
    for slot in list(_slots(paragraph)):
        value = _get(slot)
        if not value:
            continue
        if offset >= FIRST_LINE_CHARS:
            return
        spans = [m.span() for m in _WORD.finditer(value) if offset + m.start() < FIRST_LINE_CHARS
                 and (len(m.group()) >= SHORTEST or "-" in m.group())]
        offset += len(value)
        _wrap(slot, spans)


def _slots(element):
    """(element, 'text'|'tail') for every piece of text inside `element`, in document order."""
    yield element, "text"
    for child in element:
        if isinstance(child.tag, str):
            yield from _slots(child)
        yield child, "tail"


def _get(slot) -> str:
    return getattr(slot[0], slot[1]) or ""


def _wrap(slot, spans: list[tuple[int, int]]) -> None:
    """Each (start, end) of the slot's text in its own span, in place."""
    element, which = slot
    value = _get(slot)
    if not spans or element.get("class") in (WHOLE, UNBROKEN) and which == "text":
        return
    parent, at = (element, 0) if which == "text" else (element.getparent(), element.getparent().index(element) + 1)
    setattr(element, which, value[:spans[0][0]])
    for number, (start, end) in enumerate(spans):
        span = _span(value[start:end])
        following = spans[number + 1][0] if number + 1 < len(spans) else len(value)
        span.tail = value[end:following]
        parent.insert(at + number, span)
