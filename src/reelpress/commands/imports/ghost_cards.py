"""Ghost's cards (`kg-card`) in a post's HTML, by the rule: kept, replaced by a line, or dropped and listed.

- image: a figure (alt, caption) — already one; gallery: a figure per image, its caption a paragraph;
- embed: a link line (its caption the link text); bookmark: one link with its title (the card's
  description, icon, publisher and thumbnail are chrome, listed as replaced);
- callout: a quote holding its text (the emoji, which a book's fonts cannot print, is listed);
- toggle: its heading in bold, then its content;
- button: a link line; header: its heading, its subheading as a paragraph, its button a link line;
- audio, video, file: a link line to the file with its title.
"""

from __future__ import annotations

import copy

from lxml import etree

from reelpress.commands.imports import ledger
from reelpress.commands.imports.cleanup import link_paragraph, video_url
from reelpress.util.xhtml import q, remove_keeping_tail


def _has(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _first(element, name: str):
    return next((e for e in element.iter() if isinstance(e.tag, str) and _has(e, name)), None)


def _text(element) -> str:
    return ledger.visible_text(element) if element is not None else ""


def replace_cards(body, book: list) -> None:
    for card in list(body.iter()):
        if not isinstance(card.tag, str) or not _has(card, "kg-card") or card.getparent() is None:
            continue
        for kind, handler in HANDLERS.items():
            if _has(card, f"kg-{kind}-card"):
                handler(card, book)
                break


def _gallery(card, book: list) -> None:
    caption = card.find(q("figcaption"))
    for image in list(card.iter(q("img"))):
        figure = etree.Element(q("figure"))
        figure.append(image)
        card.addprevious(figure)
    if caption is not None:
        caption.tag = q("p")
        card.addprevious(caption)
    remove_keeping_tail(card)


def _embed(card, book: list) -> None:
    frame = next(card.iter(q("iframe")), None)
    link = next((a for a in card.iter(q("a")) if a.get("href")), None)
    src = frame.get("src") if frame is not None else (link.get("href") if link is not None else "")
    if not src:
        ledger.drop(book, "embed without an address", card)
        return
    url = video_url(src)
    label = "Video" if any(s in url for s in ("youtube", "vimeo")) else "Embed"
    ledger.replace(book, "embed", card, link_paragraph(label, url, _text(card.find(q("figcaption"))) or None))


def _bookmark(card, book: list) -> None:
    link = next((a for a in card.iter(q("a")) if a.get("href")), None)
    if link is None:
        ledger.drop(book, "bookmark without an address", card)
        return
    title = _text(_first(card, "kg-bookmark-title")) or link.get("href")
    ledger.replace(book, "bookmark", card, link_paragraph("Link", link.get("href"), title))


def _callout(card, book: list) -> None:
    """A quote holding the callout's text; its emoji is decoration a book's fonts cannot print (it is
    listed with the replaced callout)."""
    quote = etree.Element(q("blockquote"))
    text = _first(card, "kg-callout-text")
    if text is None:
        etree.SubElement(quote, q("p")).text = _text(card)
    else:
        paragraph = copy.deepcopy(text)  # the card's own text element still stands in the card for the ledger
        paragraph.tag, paragraph.tail = q("p"), None
        quote.append(paragraph)
    ledger.replace(book, "callout", card, quote)


def _toggle(card, book: list) -> None:
    heading, content = _first(card, "kg-toggle-heading-text"), _first(card, "kg-toggle-content")
    button = _first(card, "kg-toggle-card-icon")
    if button is not None:
        ledger.drop(book, "toggle button", button)
    paragraph = etree.Element(q("p"))
    etree.SubElement(paragraph, q("strong")).text = _text(heading)
    card.addprevious(paragraph)
    for child in list(content) if content is not None else []:
        card.addprevious(child)
    remove_keeping_tail(card)


def _button(card, book: list) -> None:
    link = next((a for a in card.iter(q("a")) if a.get("href")), None)
    if link is None:
        ledger.drop(book, "button without an address", card)
        return
    ledger.replace(book, "button", card, link_paragraph("Link", link.get("href"), _text(link) or None))


def _header(card, book: list) -> None:
    for element in list(card.iter()):
        if _has(element, "kg-header-card-subheader"):
            element.tag = q("p")
        elif _has(element, "kg-header-card-button") and element.get("href"):
            ledger.replace(book, "button", element, link_paragraph("Link", element.get("href"),
                                                                     _text(element) or None))
    for child in list(card):
        card.addprevious(child)
    remove_keeping_tail(card)


def _media(label: str, tag: str, title_class: str):
    def handler(card, book: list) -> None:
        player = next(card.iter(q(tag)), None) if tag else None
        link = next((a for a in card.iter(q("a")) if a.get("href")), None)
        src = player.get("src") if player is not None else (link.get("href") if link is not None else None)
        if not src:
            ledger.drop(book, f"{label.lower()} without an address", card)
            return
        title = _text(_first(card, title_class)) or _text(card.find(q("figcaption"))) or None
        ledger.replace(book, label.lower(), card, link_paragraph(label, src, title))
    return handler


HANDLERS = {"gallery": _gallery, "embed": _embed, "bookmark": _bookmark, "callout": _callout,
            "toggle": _toggle, "button": _button, "header": _header,
            "audio": _media("Audio", "audio", "kg-audio-title"), "video": _media("Video", "video", ""),
            "file": _media("File", "", "kg-file-card-title")}
