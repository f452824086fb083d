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

from reelpress.normalise import boilerplate, headings, sanitise
from reelpress.util.xhtml import local, q, remove_keeping_tail, text_of

Report = Callable[[str, str], None]  # (code, message)


@dataclass
class Cleaning:
    """What cleaning needs to know beyond the post itself."""

    boilerplate: re.Pattern | None
    links: dict[str, str] = field(default_factory=dict)  # link key → review file name
    link_keys: Callable[[str], set[str]] = lambda url: {url_key(url)}  # the keys a URL can match
    fetch: Callable[[str], str | None] | None = None  # remote image URL → local src, or None


def machine_text(data: bytes) -> str:
    """Exports and saved pages are machine-written: control characters in them are noise, not text."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", "", data.decode("utf-8", "replace"))


def url_key(url: str) -> str:
    """A URL as a comparable key: no scheme, `www.`, query, fragment or trailing slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def clean(body, cleaning: Cleaning, report: Report) -> None:
    embeds_to_links(body, report)
    remote_images(body, cleaning, report)
    boilerplate.remove(body, cleaning.boilerplate,
                       lambda text: report("RP073", f"removed boilerplate {text[:70]!r}"))
    internal_links(body, cleaning)
    sanitise.run(body, _Quiet(report))
    headings.renumber(body)
    _drop_empty_blocks(body)


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


def embeds_to_links(body, report: Report) -> None:
    for frame in list(body.iter(q("iframe"), q("video"), q("embed"), q("object"))):
        src = frame.get("src") or frame.get("data") or ""
        if not src.startswith(("http://", "https://", "//")):
            continue
        url = video_url(src)
        label = "Video" if any(s in url for s in ("youtube", "vimeo")) or local(frame) == "video" else "Embed"
        replace_block(frame, link_paragraph(label, url))
        report("RP074", f"embedded {local(frame)} replaced by a link: {url}")


def replace_block(element, replacement) -> None:
    """Put `replacement` where the block that holds `element` (a figure, a wrapper) stands."""
    target = element
    while target.getparent() is not None and local(target.getparent()) in ("figure", "div", "p") \
            and len(target.getparent()) == 1 and not text_of(target.getparent()).strip():
        target = target.getparent()
    parent = target.getparent()
    if parent is None:
        return
    replacement.tail = target.tail
    parent.replace(target, replacement)


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
            replace_block(figure if figure is not None else image, paragraph)
        else:
            remove_keeping_tail(figure if figure is not None else image)
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
