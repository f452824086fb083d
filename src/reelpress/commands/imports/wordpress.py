"""WordPress's export (WXR 1.0–1.2, from Tools → Export, WordPress.com or self-hosted) → posts.

An export is an RSS file: one `<item>` per post, page, attachment, menu item, revision … with
`wp:post_type`, `wp:status`, `wp:post_name`, `wp:post_date`, `content:encoded` (the stored content),
`<category domain="category|post_tag">`, `<link>` (the permalink) and the post's comments. Published
posts are imported; pages with `--pages`, drafts (draft, pending, private, future) with `--drafts`;
attachments, menu items, revisions, reusable blocks and the trash never (counted in the report).
Comments are never imported (counted per post). Categories and tags become `tags` ("Uncategorized",
WordPress's default, is not a tag). The content is rendered as WordPress shows it (wp_content.py),
then blocks the book cannot show become figures or link lines.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from lxml import etree

from reelpress.commands.imports import ledger
from reelpress.commands.imports.cleanup import link_paragraph, url_key
from reelpress.commands.imports.pages import parse_part
from reelpress.commands.imports.wp_content import link_label, render
from reelpress.commands.imports.xmlsafe import child_text, children, count_limit, local, read_xml
from reelpress.errors import fail
from reelpress.model import Post
from reelpress.util.xhtml import q, remove_keeping_tail, slugify

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DRAFTS = {"draft": "a draft", "pending": "pending review", "private": "private", "future": "scheduled"}
NOT_POSTS = {"attachment": "media library entries", "nav_menu_item": "menu items", "revision": "revisions",
             "wp_block": "reusable blocks", "wp_template": "theme templates", "wp_template_part":
             "theme template parts", "wp_global_styles": "theme styles", "wp_navigation": "navigation menus",
             "custom_css": "custom CSS", "customize_changeset": "customizer drafts", "oembed_cache":
             "cached embeds", "user_request": "privacy requests"}


def posts(source: Path, drafts: bool = False, pages: bool = False, uploads: Path | None = None,
          **_options) -> list[Post]:
    root = read_xml(source, "a WordPress export")
    channel = root.find("channel")
    if local(root) != "rss" or channel is None or not any("wordpress.org/export" in (ns or "")
                                                          for ns in root.nsmap.values()):
        hint = " (a Blogger export is read with `reelpress import blogger`)" if local(root) == "feed" else ""
        fail(source, "RP078", "not a WordPress export (WXR): its root is not <rss> with WordPress's "
                              f"export namespace{hint}")
    items = children(channel, "item")
    count_limit(source, len(items), "items")
    authors = {child_text(a, "author_login"): child_text(a, "author_display_name")
               for a in children(channel, "author")}
    media = _attachments(items)
    base = child_text(channel, "base_site_url").rstrip("/")
    reusable = {child_text(i, "post_id"): _content(i) for i in items if child_text(i, "post_type") == "wp_block"}
    found, others = [], {}
    for number, item in enumerate(items, 1):
        kind = child_text(item, "post_type") or "post"
        if kind in ("post", "page"):
            found.append(_post(item, number, source, (media, reusable), authors, drafts, pages))
            _absolute(found[-1].body, base)
        else:
            others[kind] = others.get(kind, 0) + 1
    return found + [_counted(source, kind, count) for kind, count in others.items()]


def _absolute(body, base: str) -> None:
    """`/wp-content/uploads/…` and `/2019/03/other-post/`: addresses on the site, made whole."""
    if not base.startswith(("http://", "https://")):
        return
    for element in body.iter(q("img"), q("a")):
        attribute = "src" if element.tag == q("img") else "href"
        value = element.get(attribute) or ""
        if value.startswith("/") and not value.startswith("//"):
            element.set(attribute, base + value)


def _attachments(items) -> dict:
    """Attachment id → (file URL, caption or title, parent post id)."""
    found = {}
    for item in items:
        if child_text(item, "post_type") == "attachment":
            url = child_text(item, "attachment_url") or child_text(item, "guid")
            excerpt = next((c.text for c in item if isinstance(c.tag, str) and c.tag.endswith("excerpt/}encoded")
                            and (c.text or "").strip()), None)
            caption = excerpt or child_text(item, "title")
            found[child_text(item, "post_id")] = (url, " ".join(html.unescape(caption).split()),
                                                  child_text(item, "post_parent"))
    return found


def _content(item) -> str:
    content = item.find(f"{{{CONTENT_NS}}}encoded")
    return content.text or "" if content is not None else ""


def _post(item, number: int, source: Path, stored: tuple, authors: dict, drafts: bool, pages: bool) -> Post:
    media, reusable = stored
    title = " ".join(html.unescape(child_text(item, "title")).split())
    post_id = child_text(item, "post_id")
    link = child_text(item, "link")
    link = link if link.startswith(("http://", "https://")) and "?p=" not in link and "page_id=" not in link \
        else None
    book: list = []
    text = render(_content(item), book, _gallery_images(media, post_id), reusable)
    body = parse_part(_featured(item, media) + text, Path(f"{source.name}:item {number}"))
    blocks(body, book)
    slug = slugify(html.unescape(child_text(item, "post_name")) or title, "untitled")
    post = Post(origin=f"{source.name}:item {number}", title=title or slug, body=body, slug=slug,
                published=_date(child_text(item, "post_date")) or _date(child_text(item, "post_date_gmt")),
                source_url=link, author=authors.get(child_text(item, "creator")) or None,
                keys=frozenset({url_key(link)} if link else ()), removed=book, tags=_tags(item))
    post.skip = _skip(item, drafts, pages)
    comments = len(children(item, "comment"))
    if comments:
        post.note = f"{comments} comment{'s' * (comments != 1)} not imported"
    return post


def _featured(item, media: dict) -> str:
    """The post's featured image (`_thumbnail_id`), which themes show above the post: a figure first."""
    ids = [child_text(meta, "meta_value") for meta in children(item, "postmeta")
           if child_text(meta, "meta_key") == "_thumbnail_id"]
    url, text, _ = media.get(ids[0], ("", "", "")) if ids else ("", "", "")
    return f'<figure><img src="{html.escape(url)}" alt="{html.escape(text)}"/></figure>' if url else ""


def _skip(item, drafts: bool, pages: bool) -> str | None:
    status = child_text(item, "status") or "publish"
    if child_text(item, "post_type") == "page" and not pages:
        return "a page, not a post (use --pages to import pages)"
    if status == "trash":
        return "in WordPress's trash"
    if status in DRAFTS and not drafts:
        return f"not published ({DRAFTS[status]}; use --drafts to import drafts)"
    if status not in DRAFTS and status not in ("publish", "inherit"):
        return f"status {status!r} is not a published post"
    return None


def _tags(item) -> tuple[str, ...]:
    found = []
    for category in children(item, "category"):
        name = " ".join(html.unescape(category.text or "").split())
        if category.get("domain") in ("category", "post_tag", None) and name and name != "Uncategorized" \
                and name not in found:
            found.append(name)
    return tuple(found)


def _gallery_images(media: dict, post_id: str):
    def images(ids: list[str]) -> list[tuple[str, str]]:
        chosen = ids or [key for key, (_, _, parent) in media.items() if parent == post_id]
        return [(media[i][0], media[i][1]) for i in chosen if i in media and media[i][0]]
    return images


def _counted(source: Path, kind: str, count: int) -> Post:
    """One report line for every item that is not a post or page (attachments, menu items …)."""
    what = NOT_POSTS.get(kind, f"items of type {kind!r}")
    return Post(origin=source.name, title=f"{what.capitalize()} ({count})", body=parse_part("", source),
                slug="not-a-post",
                skip=f"{what} are not posts (post type {kind})")


def _date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.strip()).date() if value and not value.startswith("0000") else None
    except ValueError:
        return None


def blocks(body, book: list) -> None:
    """Block-editor markup the book cannot show: embeds → link lines, galleries → figures, pullquotes
    → quotes, audio → a link line, a file block's Download button dropped."""
    for element in list(body.iter()):
        if element.getparent() is None or not isinstance(element.tag, str):
            continue
        classes = set((element.get("class") or "").split())
        if "wp-block-embed" in classes:
            _embed(element, book)
        elif "wp-block-gallery" in classes:
            _flatten_gallery(element)
        elif "wp-block-pullquote" in classes and element.find(q("blockquote")) is not None:
            quote = element.find(q("blockquote"))
            quote.tail = element.tail
            element.getparent().replace(element, quote)
        elif "wp-block-file__button" in classes:
            ledger.drop(book, "file download button", element)
    pre_code(body)
    for audio in list(body.iter(q("audio"))):
        src = audio.get("src") or next((s.get("src") for s in audio.iter(q("source")) if s.get("src")), "")
        if src.startswith(("http://", "https://")):
            ledger.replace(book, "audio", audio, link_paragraph("Audio", src))


def pre_code(body) -> None:
    """`<pre>` with bare text → `<pre><code>`, the shape a Markdown code block reads back as."""
    for pre in body.iter(q("pre")):
        if pre.find(q("code")) is None:
            code = etree.Element(q("code"))
            code.text, pre.text = pre.text, None
            for child in list(pre):
                code.append(child)
            pre.append(code)


def _embed(figure, book: list) -> None:
    wrapper = next((e for e in figure.iter() if "wp-block-embed__wrapper" in (e.get("class") or "")), figure)
    url = next((w for w in ledger.visible_text(wrapper).split() if w.startswith(("http://", "https://"))), "")
    caption = figure.find(f".//{q('figcaption')}")
    if not url:
        return
    label, target = link_label(url)
    words = ledger.visible_text(caption) if caption is not None else None
    ledger.replace(book, "embed", figure, link_paragraph(label, target, words or None))


def _flatten_gallery(gallery) -> None:
    """A gallery figure holds a figure per image (or a list of them): each becomes a figure of its own,
    and the gallery's caption a paragraph after them."""
    inner = [f for f in gallery.iter(q("figure")) if f is not gallery]
    if not inner:
        inner = []
        for image in list(gallery.iter(q("img"))):
            figure = etree.Element(q("figure"))
            figure.append(image)
            inner.append(figure)
    caption = next((c for c in gallery.iterchildren(q("figcaption"))), None)
    for figure in inner:
        figure.tail = None
        gallery.addprevious(figure)
    if caption is not None:
        caption.tag = q("p")
        gallery.addprevious(caption)
    if not ledger.visible_text(gallery):
        remove_keeping_tail(gallery)
