"""A saved blog post (an HTML page) → one post.

The article is found the way reading modes do it: `<article>`, else `<main>`, else the element with
the most paragraph text; navigation, headers, footers, sidebars, comment, share and subscribe blocks
are removed. Metadata comes from the page: Open Graph / article tags, `<time datetime>`, the
canonical link, `<h1>` or `<title>`. Pages with an XML declaration, XHTML and declared charsets are
read by pages.py, which also refuses an export given here by mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree

from reelpress.importers import ledger
from reelpress.importers.cleanup import url_key
from reelpress.importers.pages import parse_page, parse_part
from reelpress.model import Post
from reelpress.textfile import read_bytes
from reelpress.xhtml import slugify

CHROME = re.compile(r"\b(nav|navbar|menu|sidebar|widget|comments?|respond|share|sharing|social|related|"
                    r"subscribe|newsletter|signup|author-bio|byline-share|advert|ad-|cookie|footer|header)\b",
                    re.IGNORECASE)
CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template")


def posts(source: Path, **_options) -> list[Post]:
    data = read_bytes(source, source.parent)
    warnings: list[str] = []
    page = parse_page(data, source, warnings)
    title = (_meta(page, "og:title") or _first_text(page, "//h1") or _first_text(page, "//title") or source.stem)
    article = _article(page)
    book: list = []
    for element in list(article.iter()):
        if not isinstance(element.tag, str) or element is article or element.getparent() is None:
            continue
        marker = CHROME.search(f"{element.get('class', '')} {element.get('id', '')}")
        if element.tag in CHROME_TAGS or marker:
            ledger.drop(book, f"{marker[0].lower() if marker else element.tag} block", element)
    for heading in article.xpath(".//h1"):
        if " ".join(heading.text_content().split()) == title:
            ledger.drop(book, "repeated title", heading)
    body_html = "".join(etree.tostring(c, encoding="unicode", method="html") for c in article)
    canonical = _canonical(page)
    return [Post(origin=source.name, title=title, body=parse_part((article.text or "") + body_html, source),
                 slug=slugify(title, "untitled"), published=_published(page), source_url=canonical,
                 author=_meta(page, "author") or _meta(page, "article:author"),
                 keys=frozenset({url_key(canonical)} if canonical else ()), warnings=warnings,
                 removed=book)]


def _article(page):
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = page.xpath(xpath)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    blocks = page.xpath("//div | //section | //body")
    return max(blocks, key=lambda e: sum(len(p.text_content()) for p in e.xpath("./p")), default=page)


def _meta(page, name: str) -> str | None:
    found = page.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return " ".join(found[0].split()) if found and found[0].strip() else None


def _first_text(page, xpath: str) -> str | None:
    found = page.xpath(xpath)
    return " ".join(found[0].text_content().split()) or None if found else None


def _canonical(page) -> str | None:
    found = page.xpath("//link[@rel='canonical']/@href") or page.xpath("//meta[@property='og:url']/@content")
    url = found[0].strip() if found else ""
    return url if url.startswith(("http://", "https://")) else None


def _published(page) -> dt.date | None:
    for value in (_meta(page, "article:published_time"), *page.xpath("//time/@datetime")):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except (ValueError, AttributeError):
            continue
    return None
