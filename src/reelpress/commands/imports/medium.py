"""Medium's "Download your information" zip → posts.

Posts are `posts/YYYY-MM-DD_<Slug>-<hexid>.html` (drafts: `posts/draft_<Slug>-<hexid>.html`); the
rest of the archive (profile, claps, lists …) is ignored. Each post is an `article.h-entry`: title in
`h1.p-name`, subtitle in `section[data-field=subtitle]`, body in `section[data-field=body]`, and a
footer with the author, `time.dt-published` and `a.p-canonical`. The body repeats the title and
subtitle (`h3.graf--title`, `h4.graf--subtitle`) and wraps everything in section/div layers.

Medium puts responses (comments on other people's posts) in the same folder with no flag. A post
whose body has no title heading and only a few words is taken for a response and skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PurePosixPath

from lxml import etree

from reelpress.commands.imports.archive import read_archive
from reelpress.commands.imports.cleanup import link_paragraph, machine_text, replace_block, url_key
from reelpress.model import Post
from reelpress.util.xhtml import local, parse_html_document, parse_html_fragment, q, slugify, text_of

_NAME = re.compile(r"^(?:(?P<draft>draft)_|(?P<date>\d{4}-\d{2}-\d{2})_)(?P<slug>.*?)-(?P<id>[0-9a-f]{6,16})\.html$")
RESPONSE_MAX_WORDS = 150


def posts(source: Path, drafts: bool = False, **_options) -> list[Post]:
    archive = read_archive(source, lambda name: name.startswith("posts/") and name.endswith(".html"))
    found = []
    for name in sorted(archive.files):
        match = _NAME.match(PurePosixPath(name).name)
        post = read_post(archive.files[name], f"{source.name}:{name}", match)
        if match and match["draft"] and not drafts:
            post.skip = "draft (use --drafts to import drafts)"
        found.append(post)
    return found


def read_post(data: bytes, origin: str, name_match) -> Post:
    page = parse_html_document(machine_text(data), Path(origin))
    title = _text(page, "//h1[contains(@class, 'p-name')]") or _text(page, "//title") or "Untitled"
    body_html = "".join(etree.tostring(child, encoding="unicode", method="html")
                        for child in page.xpath("//section[@data-field='body']"))
    body = parse_html_fragment(body_html, Path(origin))
    has_title = _strip_chrome(body)
    canonical = _attr(page, "//a[contains(@class, 'p-canonical')]/@href")
    post_id = name_match["id"] if name_match else None
    post = Post(origin=origin, title=title, body=body, slug=slugify(title, "untitled"),
                subtitle=_text(page, "//section[@data-field='subtitle']"), source_url=canonical,
                published=_date(_attr(page, "//time[contains(@class, 'dt-published')]/@datetime")),
                author=_text(page, "//a[contains(@class, 'p-author')]"),
                keys=frozenset(k for k in (url_key(canonical or ""), post_id and f"medium:{post_id}") if k))
    words = len(text_of(body).split())
    if not has_title and words < RESPONSE_MAX_WORDS:
        post.skip = f"looks like a response to another post (no title heading, {words} words)"
    return post


def link_keys(url: str) -> set[str]:
    """Keys a link to a Medium post can match: its URL, and the post id at the end of its path."""
    keys = {url_key(url)}
    if match := re.search(r"(?:-|/p/)([0-9a-f]{8,16})/?$", url.split("?")[0]):
        keys.add(f"medium:{match[1]}")
    return keys


def _strip_chrome(body) -> bool:
    """Remove Medium's wrappers and repeated title; True if the body had its own title heading."""
    has_title = False
    for element in list(body.iter()):
        classes = set((element.get("class") or "").split())
        if classes & {"graf--title", "graf--subtitle"}:
            has_title = has_title or "graf--title" in classes
            element.getparent().remove(element)
        elif classes & {"section-divider"} and local(element) in ("div", "hr"):
            _unwrap_or_drop(element)
        elif "graf--mixtapeEmbed" in classes:
            _mixtape(element)
    first = True
    for section in list(body.iter(q("section"))):
        if "section--body" in (section.get("class") or ""):
            if not first:
                section.addprevious(etree.Element(q("hr")))  # Medium's section break
            first = False
    return has_title


def _mixtape(element) -> None:
    """A link card to another post → a plain link paragraph with the post's title."""
    link = element.find(f".//{q('a')}")
    if link is None or not link.get("href"):
        element.getparent().remove(element)
        return
    title = link.find(f".//{q('strong')}")
    replace_block(element, link_paragraph("See also", link.get("href"),
                                          text_of(title) if title is not None else None))


def _unwrap_or_drop(element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _text(page, xpath: str) -> str | None:
    found = page.xpath(xpath)
    text = " ".join(found[0].text_content().split()) if found else ""
    return text or None


def _attr(page, xpath: str) -> str | None:
    found = page.xpath(xpath)
    return str(found[0]).strip() if found else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date() if value else None
    except ValueError:
        return None
