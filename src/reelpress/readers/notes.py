"""The project's note markup, and conversion into it from what each source format produces.

A note reference is `<sup><a id="fnref-N" href="#fn-N" epub:type="noteref" role="doc-noteref">N</a></sup>`;
the notes are one `<section epub:type="endnotes" role="doc-endnotes">` at the end of the body holding an
`<ol>` of `<li id="fn-N" epub:type="endnote">`, each ending in a backlink. Reading systems turn this into
pop-up notes (Apple Books, Kobo, Kindle); the ids pass later makes the ids unique in the book.
The items carry no ARIA role: DPUB-ARIA 1.1 deprecates `doc-endnote` (a list item of `doc-endnotes`
is the note), and `doc-footnote` is not allowed on a list item. `footnote`, which the SSV pairs with
`doc-footnote`, is still read as a note (sources and older builds use it).
"""

from __future__ import annotations

from lxml import etree

from reelpress.util.xhtml import EPUB_TYPE, NOTE_TYPE, NOTE_TYPES, q

BACKLINK_TEXT = "\u21a9\ufe0e"  # ↩ with the text (not emoji) presentation selector


def notes_section() -> etree._Element:
    section = etree.Element(q("section"))
    section.set(EPUB_TYPE, "endnotes")
    section.set("role", "doc-endnotes")
    section.set("aria-label", "Notes")
    return section


def mark_noteref(link) -> None:
    link.set(EPUB_TYPE, "noteref")
    link.set("role", "doc-noteref")


def mark_backlink(link) -> None:
    for attribute in ("class", "title"):
        link.attrib.pop(attribute, None)
    link.set(EPUB_TYPE, "backlink")
    link.set("role", "doc-backlink")
    link.set("aria-label", "Back to text")
    link.text = BACKLINK_TEXT


def from_python_markdown(body) -> None:
    """Rewrite Python-Markdown's `footnotes` output (classes and a `<div class="footnote">`)."""
    for sup in body.iter(q("sup")):
        link = sup.find(q("a"))
        if link is not None and "footnote-ref" in link.get("class", "").split():
            link.attrib.pop("class")
            if "id" in sup.attrib:
                link.set("id", sup.attrib.pop("id"))
            mark_noteref(link)
    for div in list(body.iter(q("div"))):
        if "footnote" not in div.get("class", "").split():
            continue
        section = notes_section()
        for ol in div.iter(q("ol")):
            section.append(ol)
            for item in ol.iterchildren(q("li")):
                item.set(EPUB_TYPE, NOTE_TYPE)
            for link in ol.iter(q("a")):
                if "footnote-backref" in link.get("class", "").split():
                    mark_backlink(link)
            break
        section.tail = div.tail
        div.getparent().replace(div, section)


def drop_unreferenced(body) -> list[str]:
    """Remove the notes nothing in the text refers to (Python-Markdown lists every footnote defined,
    each with a backlink to a reference that is not there), renumber the references to the notes
    that stay, and drop a notes section left empty. Returns the ids of the notes removed."""
    referenced = {link.get("href", "")[1:] for link in body.iter(q("a")) if link.get(EPUB_TYPE) == "noteref"}
    removed, numbers = [], {}
    for section in [s for s in body.iter(q("section")) if s.get(EPUB_TYPE) == "endnotes"]:
        for item in [i for i in section.iter(q("li")) if i.get(EPUB_TYPE) in NOTE_TYPES]:
            if item.get("id") in referenced:
                numbers[item.get("id")] = str(len(numbers) + 1)
            else:
                removed.append(item.get("id", ""))
                item.getparent().remove(item)
        if not any(item.get(EPUB_TYPE) in NOTE_TYPES for item in section.iter(q("li"))):
            section.getparent().remove(section)
    for link in body.iter(q("a")):
        if link.get(EPUB_TYPE) == "noteref" and link.get("href", "")[1:] in numbers and removed:
            link.text = numbers[link.get("href")[1:]]
    return removed
