"""Cleaning shared by every importer, after the platform's own chrome is gone.

Embeds become a short link paragraph (a book has no iframes), remote images are fetched or replaced
by their description, boilerplate paragraphs go, links to the critic's other reviews become links
between review files, and the rest goes through the same sanitise pass as a build. Every change
that removes something is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit, urlunsplit

from lxml import etree

from reelpress.importers import ledger
from reelpress.importers.ledger import Ledger
from reelpress.normalise import boilerplate, headings, sanitise
from reelpress.xhtml import local, q, remove_keeping_tail, text_of

Report = Callable[[str, str], None]  # (code, message)


@dataclass
class Cleaning:
    """What cleaning needs to know beyond the post itself."""

    boilerplate: re.Pattern | None
    links: dict[str, str] = field(default_factory=dict)  # link key → review file name
    link_keys: Callable[[str], set[str]] = lambda url: {url_key(url)}  # the keys a URL can match
    fetch: Callable[[str], str | None] | None = None  # remote image URL → local src, or None
    ledger: Ledger = field(default_factory=list)  # what cleaning dropped or replaced


def machine_text(data: bytes) -> str:
    """Exports and saved pages are machine-written: control characters in them are noise, not text."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", data.decode("utf-8", "replace"))


def url_key(url: str) -> str:
    """A URL as a comparable key: no scheme, `www.`, query, fragment or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def clean(body, cleaning: Cleaning, report: Report) -> None:
    unwrap_pictures(body)
    plain_headings(body)
    alt_from_caption(body)
    embeds_to_links(body, report, cleaning.ledger)
    remote_images(body, cleaning, report)
    boilerplate.remove(body, cleaning.boilerplate, lambda text: _boilerplate(text, cleaning.ledger, report))
    internal_links(body, cleaning)
    drop_active_content(body, cleaning.ledger, report)
    languages = {code: code.get("class") for code in body.iter(q("code"))
                 if (code.get("class") or "").startswith("language-")}
    sanitise.run(body, _Quiet(report))
    for code, language in languages.items():  # for the Markdown fence; builds drop classes themselves
        code.set("class", language)
    headings.renumber(body)
    _drop_empty_blocks(body)


def _boilerplate(text: str, book: Ledger, report: Report) -> None:
    ledger.note_drop(book, "boilerplate paragraph", text)
    report("RP073", f"removed boilerplate {text[:70]!r}")


def unwrap_pictures(body) -> None:
    """`<picture><source><img></picture>` → the `<img>` alone. The HTML parser does not know `source`
    is empty and puts the `img` inside it; sanitising drops `source` with its content, image and all."""
    for picture in list(body.iter(q("picture"))):
        image = next(picture.iter(q("img")), None)
        if image is None or picture.getparent() is None:
            continue
        image.tail = picture.tail
        picture.getparent().replace(picture, image)
    for source in list(body.iter(q("source"))):
        if source.getparent() is not None and len(source):
            for child in list(source):
                source.addprevious(child)


def plain_headings(body) -> None:
    """`<h2><strong>Title</strong></h2>` → `<h2>Title</h2>`: a heading is bold already, and the
    wrapper would be written as `## **Title**`."""
    for heading in body.iter(*(q(f"h{n}") for n in range(1, 7))):
        children = list(heading)
        if len(children) == 1 and local(children[0]) in ("strong", "b") and not (heading.text or "").strip() \
                and not (children[0].tail or "").strip():
            inner = children[0]
            heading.text = (heading.text or "") + (inner.text or "")
            for child in list(inner):
                heading.append(child)
            heading.remove(inner)


def alt_from_caption(body) -> None:
    """A figure whose image has no alt text but a caption: the caption describes the image."""
    for figure in body.iter(q("figure")):
        caption = figure.find(f".//{q('figcaption')}")
        words = text_of(caption) if caption is not None else ""
        for image in figure.iter(q("img")):
            if words and not (image.get("alt") or "").strip():
                image.set("alt", words)


def drop_active_content(body, book: Ledger, report: Report) -> None:
    """Elements sanitising would remove with their content (forms, scripts, players …) are removed
    here instead, each listed by its name, so the report says what went; text in them is a warning."""
    for element in list(body.iter(*(q(name) for name in sanitise.REMOVE))):
        if element.getparent() is None or not ledger.attached(element, body):
            continue
        if text := ledger.visible_text(element):
            report("RP030", f"removed <{local(element)}> and its text {text[:60]!r}")
        ledger.drop(book, f"<{local(element)}> element", element)


class _Quiet:
    """Sanitise reports through the import report (there is no source line to point at yet)."""

    def __init__(self, report: Report):
        self.report = report

    def warn(self, code: str, message: str, *near: str) -> None:
        self.report(code, message)


def video_url(src: str) -> str:
    """The watch page for an embedded player: youtube.com/embed/ID → youtube.com/watch?v=ID."""
    parts = urlsplit(src if "://" in src else "https:" + src)
    if "youtube" in parts.netloc and parts.path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
    if parts.netloc == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.split('/')[2]}"
    if "youtube" in parts.netloc and "v" in parse_qs(parts.query):
        return f"https://www.youtube.com/watch?v={parse_qs(parts.query)['v'][0]}"
    return urlunsplit(parts._replace(query="", fragment=""))


def link_paragraph(label: str, url: str, text: str | None = None) -> etree._Element:
    paragraph = etree.Element(q("p"))
    paragraph.text = f"{label}: "
    link = etree.SubElement(paragraph, q("a"), href=url)
    link.text = text or url
    return paragraph


def embeds_to_links(body, report: Report, book: Ledger | None = None) -> None:
    for frame in list(body.iter(q("iframe"), q("video"), q("audio"), q("embed"), q("object"))):
        source = next((s.get("src") for s in frame.iter(q("source")) if s.get("src")), "")
        src = frame.get("src") or frame.get("data") or source or ""
        if not src.startswith(("http://", "https://", "//")) or not ledger.attached(frame, body):
            continue
        url = video_url(src)
        label = "Video" if any(s in url for s in ("youtube", "vimeo")) or local(frame) == "video" else "Embed"
        label = "Audio" if local(frame) == "audio" else label
        replace_block(frame, link_paragraph(label, url), book, label.lower())
        report("RP074", f"embedded {local(frame)} replaced by a link: {url}")


def replace_block(element, replacement, book: Ledger | None = None, kind: str = "embed") -> None:
    """Put `replacement` where the block that holds `element` (a figure, a wrapper) stands."""
    target = element
    while target.getparent() is not None and local(target.getparent()) in ("figure", "div", "p") \
            and len(target.getparent()) == 1 and not text_of(target.getparent()).strip():
        target = target.getparent()
    ledger.replace(book if book is not None else [], kind, target, replacement)


def remote_images(body, cleaning: Cleaning, report: Report) -> None:
    for image in list(body.iter(q("img"))):
        src = image.get("src", "")
        if not src.startswith(("http://", "https://", "//")):
            continue
        local_src = cleaning.fetch(src) if cleaning.fetch else None
        if local_src:
            image.set("src", local_src)
            continue
        figure = _enclosing_figure(image)
        caption = figure.find(f".//{q('figcaption')}") if figure is not None else None
        words = text_of(caption) if caption is not None else ""
        words = words or (image.get("alt") or "").strip()
        if words:
            paragraph = etree.Element(q("p"))
            etree.SubElement(paragraph, q("em")).text = f"[Image: {words}]"
            replace_block(figure if figure is not None else image, paragraph, cleaning.ledger, "remote image")
        else:
            ledger.drop(cleaning.ledger, "remote image without description", figure if figure is not None
                        else image)
        outcome = "replaced by its description" if words else "dropped (it has no description)"
        why = cleaning.fetch.why(src) if cleaning.fetch else None
        hint = f"could not be downloaded: {why}" if why else "use --fetch-images to download it"
        report("RP072", f"remote image {src} {outcome} ({hint})")


def _enclosing_figure(image):
    parent = image.getparent()
    while parent is not None and local(parent) not in ("figure", "p"):
        parent = parent.getparent()
    return parent if parent is not None and local(parent) == "figure" else None


def internal_links(body, cleaning: Cleaning) -> None:
    for link in body.iter(q("a")):
        href = link.get("href", "")
        if href.startswith(("http://", "https://")):
            target = next((cleaning.links[k] for k in cleaning.link_keys(href) if k in cleaning.links), None)
            if target:
                link.set("href", target)


def _drop_empty_blocks(body) -> None:
    """Wrappers emptied by the cleaning (a figure whose image went) would be blank lines."""
    for element in list(body.iter()):
        if element is body or local(element) not in ("p", "div", "figure", "section", "blockquote"):
            continue
        if not text_of(element) and not list(element.iter(q("img"), q("hr"), q("br"))):
            remove_keeping_tail(element)
