"""Substack's two footnote styles → the project's note markup (noterefs and an endnotes section).

Posts written with Substack's footnote button carry `a.footnote-anchor` in the text and a
`div.footnote` per note. Older posts, from before the button, carry notes typed as text: `[^1]` (or
`[1]`) in the text and paragraphs `[^1]: …` (or `[1] …`) at the end. Left as they are, those stay
literal brackets in the book; here both become notes. A marker whose note does not exist is left as
text, and a typed note nothing refers to stays a paragraph: neither is guessed at.
"""

from __future__ import annotations

import re

from lxml import etree

from reelpress.importers import ledger
from reelpress.readers.notes import mark_backlink, mark_noteref, notes_section
from reelpress.xhtml import EPUB_TYPE, local, q, text_of

_DEFINITION = re.compile(r"^\s*\[(\^?)(\d{1,3})\]:?\s+")


def convert(body, book: list | None = None) -> None:
    """Both styles → notes; the note numbers that become list numbering are recorded in `book`."""
    book = [] if book is None else book
    _anchored(body, book)
    _typed(body, book)


def _anchored(body, book: list):
    """`a.footnote-anchor` + `div.footnote` → note references and a notes section (or None)."""
    notes = [d for d in body.iter(q("div")) if "footnote" in (d.get("class") or "").split()]
    for anchor in list(body.iter(q("a"))):
        if "footnote-anchor" in (anchor.get("class") or "").split():
            _reference(anchor, anchor.get("id", "").removeprefix("footnote-anchor-"))
    if not notes:
        return None
    section, ol = _section(body)
    for note in notes:
        number_link = note.find(q("a"))
        number = number_link.get("id", "").removeprefix("footnote-") if number_link is not None else ""
        book.append(ledger.Entry("replaced", "footnote", text_of(number_link) if number_link is not None else ""))
        content = note.find(f".//{q('div')}")
        _note(ol, number, list(content if content is not None else []))
        note.getparent().remove(note)
    return section


def _reference(anchor, number: str) -> None:
    tail = anchor.tail
    anchor.attrib.clear()
    anchor.set("id", f"fnref-{number}")
    anchor.set("href", f"#fn-{number}")
    mark_noteref(anchor)
    sup = etree.Element(q("sup"))
    anchor.tail = None
    anchor.getparent().replace(anchor, sup)
    sup.append(anchor)
    sup.tail = tail


def _section(body):
    section = next((s for s in body.iter(q("section")) if s.get(EPUB_TYPE) == "endnotes"), None)
    if section is None:
        section = notes_section()
        body.append(section)
    ol = section.find(q("ol"))
    if ol is None:
        ol = etree.SubElement(section, q("ol"))
    return section, ol


def _note(ol, number: str, blocks: list) -> None:
    item = etree.SubElement(ol, q("li"), id=f"fn-{number}")
    item.set(EPUB_TYPE, "footnote")
    for child in blocks:
        item.append(child)
    last = item[-1] if len(item) and local(item[-1]) == "p" else etree.SubElement(item, q("p"))
    back = etree.SubElement(last, q("a"), href=f"#fnref-{number}")
    mark_backlink(back)


def _typed(body, book: list) -> None:
    """Notes typed as text: the trailing `[^1]: …` paragraphs, and the `[^1]` markers that cite them."""
    definitions = _trailing_definitions(body)
    if not definitions:
        return
    caret = {style for style, _, _ in definitions}
    numbers = {number for _, number, _ in definitions}
    marker = re.compile(r"\[\^(\d{1,3})\]" if caret == {"^"} else r"\[\^?(\d{1,3})\]")
    cited = _cite(body, marker, numbers)
    _, ol = _section(body) if cited else (None, None)
    for style, number, paragraph in definitions:
        if number not in cited:
            continue  # nothing refers to it: a paragraph that happens to start with a bracket
        match = _DEFINITION.match(paragraph.text or "")
        book.append(ledger.Entry("replaced", "note typed as text", match[0].strip()))
        paragraph.text = (paragraph.text or "")[match.end():]
        paragraph.getparent().remove(paragraph)
        _note(ol, f"t{number}", [paragraph])


def _trailing_definitions(body) -> list[tuple[str, str, object]]:
    """The run of paragraphs at the end of the body that each start `[^N]` / `[N]`."""
    found = []
    blocks = [child for child in body if local(child) not in ("section",)]
    for block in reversed(blocks):
        match = _DEFINITION.match(block.text or "") if local(block) == "p" else None
        if match is None:
            break
        found.append((match[1], match[2], block))
    return list(reversed(found))


def _cite(body, marker: re.Pattern, numbers: set[str]) -> set[str]:
    """Replace each marker for a known note by a note reference; returns the numbers cited."""
    cited: set[str] = set()
    definitions = {id(p) for p in body if local(p) == "p" and _DEFINITION.match(p.text or "")}
    for element in list(body.iter()):
        if id(element) in definitions or not isinstance(element.tag, str) or local(element) in ("pre", "code"):
            continue
        _split(element, "text", marker, numbers, cited)
        if element is not body:
            _split(element, "tail", marker, numbers, cited)
    return cited


def _split(element, where: str, marker: re.Pattern, numbers: set[str], cited: set[str]) -> None:
    """Cut `element.text` (or `.tail`) at each marker, inserting a note reference for each known one."""
    text = getattr(element, where) or ""
    pieces = marker.split(text)
    if len(pieces) == 1 or not any(n in numbers for n in pieces[1::2]):
        return
    setattr(element, where, pieces[0])
    last = element if where == "tail" else None  # the node whose tail takes the next text
    for number, following in zip(pieces[1::2], pieces[2::2]):
        if number not in numbers:
            if last is None:
                element.text = (element.text or "") + f"[^{number}]{following}"
            else:
                last.tail = (last.tail or "") + f"[^{number}]{following}"
            continue
        cited.add(number)
        sup = etree.Element(q("sup"))
        link = etree.SubElement(sup, q("a"), id=f"fnref-t{number}", href=f"#fn-t{number}")
        link.text = number
        mark_noteref(link)
        sup.tail = following
        if last is None:
            element.insert(0, sup)
        else:
            last.addnext(sup)
        last = sup
