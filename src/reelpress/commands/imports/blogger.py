"""Blogger's "Back up content" file (Atom) and Google Takeout's `feed.atom` → posts.

The classic backup holds every entry of the blog in one Atom feed, told apart by a `kind` category
(`…/blogger/2008/kind#post`, `#comment`, `#page`, `#settings`, `#template`); drafts carry
`<app:control><app:draft>yes</app:draft>`; labels are categories with the scheme
`http://www.blogger.com/atom/ns#`; the post's address is its `rel="alternate"` link. Takeout's feed
says the same with `<blogger:type>POST|PAGE|COMMENT</blogger:type>`, `<blogger:status>LIVE|DRAFT|
DELETED</blogger:status>` and `<blogger:filename>` (the address on the blog, made absolute with
`--site-url`). Posts only: comments, pages, settings and template entries are skipped, each kind
counted in the report; drafts with `--drafts`. Blogger's caption tables become figures.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from lxml import etree

from reelpress.errors import fail
from reelpress.commands.imports.cleanup import url_key
from reelpress.commands.imports.ledger import visible_text
from reelpress.commands.imports.pages import parse_part
from reelpress.commands.imports.wordpress import pre_code
from reelpress.commands.imports.xmlsafe import child_text, children, count_limit, local, read_xml
from reelpress.model import Post
from reelpress.util.xhtml import q, slugify

ATOM = "http://www.w3.org/2005/Atom"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
LABEL_SCHEMES = ("http://www.blogger.com/atom/ns#", None, "")
NOT_POSTS = {"comment": "comments", "page": "pages", "settings": "settings entries", "template": "template entries",
             "layout": "layout entries"}


def posts(source: Path, drafts: bool = False, site_url: str | None = None, **_options) -> list[Post]:
    root = read_xml(source, "a Blogger export")
    if local(root) != "feed" or (root.nsmap.get(None) or root.nsmap.get("atom")) != ATOM:
        hint = " (a WordPress export is read with `reelpress import wordpress`)" if local(root) == "rss" else ""
        fail(source, "RP078", f"not a Blogger export: its root is not an Atom <feed>{hint}")
    entries = children(root, "entry")
    count_limit(source, len(entries), "entries")
    found, others = [], {}
    for number, entry in enumerate(entries, 1):
        kind = _kind(entry)
        if kind == "post":
            found.append(_post(entry, number, source, drafts, site_url))
        else:
            others[kind] = others.get(kind, 0) + 1
    return found + [_counted(source, kind, count) for kind, count in others.items()]


def _kind(entry) -> str:
    """post, comment, page, settings, template … from either form of the export."""
    typed = child_text(entry, "type")
    if typed:
        return typed.lower()
    for category in children(entry, "category"):
        if category.get("scheme") == KIND_SCHEME:
            return (category.get("term") or "").rsplit("#", 1)[-1].lower() or "unknown"
    return "unknown"


def _post(entry, number: int, source: Path, drafts: bool, site_url: str | None) -> Post:
    title = " ".join(html.unescape(child_text(entry, "title")).split())
    content = next(iter(children(entry, "content")), None)
    text = content.text or "" if content is not None else ""
    if content is not None and content.get("type") == "xhtml":
        text = "".join(etree.tostring(c, encoding="unicode") for c in content)
    origin = f"{source.name}:entry {number}"
    body = parse_part(text, Path(origin))
    caption_tables(body)
    pre_code(body)
    url = _address(entry, site_url)
    author = next((child_text(a, "name") for a in children(entry, "author")), "") or None
    post = Post(origin=origin, title=title or "Untitled", body=body, slug=slugify(_slug(url) or title, "untitled"),
                published=_date(child_text(entry, "published") or child_text(entry, "created")), source_url=url,
                author=author if author not in ("Unknown", "noreply@blogger.com") else None,
                keys=frozenset({url_key(url)} if url else ()), tags=_labels(entry))
    post.skip = _skip(entry, drafts)
    return post


def _skip(entry, drafts: bool) -> str | None:
    status = child_text(entry, "status").upper()
    draft = any(child_text(control, "draft") == "yes" for control in children(entry, "control"))
    if status == "DELETED":
        return "deleted on Blogger"
    if (draft or status in ("DRAFT", "SCHEDULED")) and not drafts:
        return "not published (a draft; use --drafts to import drafts)"
    return None


def _address(entry, site_url: str | None) -> str | None:
    for link in children(entry, "link"):
        if link.get("rel") == "alternate" and (link.get("href") or "").startswith(("http://", "https://")):
            return link.get("href")
    filename = child_text(entry, "filename")
    if filename and site_url:
        return site_url.rstrip("/") + "/" + filename.lstrip("/")
    return None


def _slug(url: str | None) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") if url else ""


def _labels(entry) -> tuple[str, ...]:
    found = []
    for category in children(entry, "category"):
        term = " ".join((category.get("term") or "").split())
        if category.get("scheme") in LABEL_SCHEMES or (category.get("scheme") or "").startswith("tag:blogger.com"):
            if term and term not in found:
                found.append(term)
    return tuple(found)


def caption_tables(body) -> None:
    """Blogger's captioned image, a two-row table (image, then `td.tr-caption`) → a figure."""
    for table in list(body.iter(q("table"))):
        if "tr-caption-container" not in (table.get("class") or "") or table.getparent() is None:
            continue
        image = next(table.iter(q("img")), None)
        caption = next((td for td in table.iter(q("td")) if "tr-caption" in (td.get("class") or "")), None)
        others = [td for td in table.iter(q("td")) if td is not caption and image not in list(td.iter())]
        if image is None or any(visible_text(td) for td in others):
            continue
        figure = etree.Element(q("figure"))
        figure.append(image)
        if caption is not None:
            figcaption = etree.SubElement(figure, q("figcaption"))
            figcaption.text, figcaption[:] = caption.text, list(caption)
        figure.tail = table.tail
        table.getparent().replace(table, figure)


def _counted(source: Path, kind: str, count: int) -> Post:
    what = NOT_POSTS.get(kind, f"entries of kind {kind!r}")
    return Post(origin=source.name, title=f"{what.capitalize()} ({count})", body=parse_part("", source),
                slug="not-a-post", skip=f"{what} are not posts")


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date() if value else None
    except ValueError:
        return None
