"""Substack's export zip → posts.

The zip holds `posts.csv` (post_id, post_date, is_published, type, audience, title, subtitle …) and
one body-only HTML fragment per post, `posts/<post_id>.html`, where post_id is `<number>.<slug>`.
There is no canonical URL in the export: it is `<publication-url>/p/<slug>`. Unpublished posts are
skipped unless asked for; podcasts, threads and pages are not reviews; paid-only posts are imported
and marked. Substack's chrome (subscribe widgets and buttons, share buttons, image-expand icons) is
removed, captioned images become figures, and its footnotes become the project's note markup.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from pathlib import Path

from lxml import etree

from reelpress.errors import fail
from reelpress.commands.imports.archive import read_archive
from reelpress.commands.imports.cleanup import machine_text, url_key
from reelpress.model import Post
from reelpress.readers.notes import mark_backlink, mark_noteref, notes_section
from reelpress.util.xhtml import EPUB_TYPE, local, parse_html_fragment, q, slugify

CHROME = ("button-wrapper", "subscription-widget-wrap", "subscription-widget-wrap-editor", "subscribe-widget",
          "paywall-jump", "image-link-expand", "share-dialog", "post-ufi", "pencraft")
CHROME_NAMES = {"button-wrapper": "button", "subscription-widget-wrap": "subscribe form",
                "subscription-widget-wrap-editor": "subscribe form", "subscribe-widget": "subscribe form",
                "paywall-jump": "paywall marker", "image-link-expand": "image-expand icon",
                "share-dialog": "share dialog", "post-ufi": "like/comment bar", "pencraft": "icon"}
NOT_REVIEWS = {"podcast": "a podcast episode", "thread": "a discussion thread", "page": "a page, not a post"}


def posts(source: Path, publication_url: str | None = None, drafts: bool = False, **_options) -> list[Post]:
    if not publication_url:
        fail(source, "RP070", "a Substack export has no post addresses: give --publication-url "
                              "https://<name>.substack.com so source_url and links can be made")
    archive = read_archive(source, lambda name: name == "posts.csv" or
                           (name.startswith("posts/") and name.endswith(".html")))
    if "posts.csv" not in archive.files:
        fail(source, "RP070", "no posts.csv in the archive: is this a Substack export?")
    rows = list(csv.DictReader(io.StringIO(archive.files["posts.csv"].decode("utf-8-sig", "replace"))))
    return [_post(row, archive, source, publication_url.rstrip("/"), drafts) for row in rows]


def _post(row: dict, archive, source: Path, base: str, drafts: bool) -> Post:
    post_id = (row.get("post_id") or "").strip()
    slug = post_id.split(".", 1)[1] if "." in post_id else slugify(row.get("title") or post_id)
    name = f"posts/{post_id}.html"
    fragment = archive.files.get(name)
    body = parse_html_fragment(machine_text(fragment or b""), Path(f"{source.name}:{name}"))
    removed = remove_chrome(body)
    url = f"{base}/p/{slug}"
    post = Post(origin=f"{source.name}:{name}", title=html.unescape(row.get("title") or "").strip() or slug,
                body=body, slug=slugify(slug, "untitled"), published=_date(row.get("post_date")),
                subtitle=html.unescape(row.get("subtitle") or "").strip() or None, source_url=url,
                keys=frozenset({url_key(url)}))
    kind = (row.get("type") or "newsletter").strip().lower()
    if fragment is None:
        post.skip = f"{name} is missing from the archive"
    elif kind in NOT_REVIEWS:
        post.skip = NOT_REVIEWS[kind]
    elif (row.get("is_published") or "").strip().lower() != "true" and not drafts:
        post.skip = "not published (use --drafts to import drafts)"
    if (row.get("audience") or "").strip() == "only_paid":
        post.note = "paid subscribers only"
    if removed:
        post.removed = [f"removed Substack {name} ({count}×)" for name, count in sorted(removed.items())]
    return post


def remove_chrome(body) -> dict[str, int]:
    """Remove Substack's widgets; returns what was removed (kind → count) for the report."""
    removed: dict[str, int] = {}
    for element in list(body.iter()):
        classes = set((element.get("class") or "").split())
        kinds = classes & set(CHROME)
        if kinds and _attached(element, body):
            kind = CHROME_NAMES[sorted(kinds)[0]]
            removed[kind] = removed.get(kind, 0) + 1
            element.getparent().remove(element)
    for container in list(body.iter(q("div"))):
        if "captioned-image-container" in (container.get("class") or ""):
            figure = container.find(f".//{q('figure')}")
            if figure is not None:
                container.getparent().replace(container, figure)
    _embedded_posts(body)
    _footnotes(body)
    return removed


def _attached(element, body) -> bool:
    """Still in the body (not inside something already removed)?"""
    while element is not None and element is not body:
        element = element.getparent()
    return element is body


def _embedded_posts(body) -> None:
    for element in list(body.iter(q("div"))):
        classes = (element.get("class") or "").split()
        if not {"embedded-post-wrap", "tweet"} & set(classes):
            continue
        try:
            attrs = json.loads(element.get("data-attrs") or "{}")
        except ValueError:
            attrs = {}
        url = attrs.get("url") or attrs.get("canonical_url")
        label = "Post" if "tweet" in classes else "See also"
        replacement = etree.Element(q("p"))
        if url:
            replacement.text = f"{label}: "
            etree.SubElement(replacement, q("a"), href=url).text = attrs.get("title") or url
            element.getparent().replace(element, replacement)
        else:
            element.getparent().remove(element)


def _footnotes(body) -> None:
    """`a.footnote-anchor` + `div.footnote` → the project's note references and notes section."""
    notes = [d for d in body.iter(q("div")) if "footnote" in (d.get("class") or "").split()]
    for anchor in body.iter(q("a")):
        if "footnote-anchor" in (anchor.get("class") or "").split():
            number = anchor.get("id", "").removeprefix("footnote-anchor-")
            anchor.attrib.clear()
            anchor.set("id", f"fnref-{number}")
            anchor.set("href", f"#fn-{number}")
            mark_noteref(anchor)
            sup = etree.Element(q("sup"))
            sup.tail, anchor.tail = anchor.tail, None
            anchor.getparent().replace(anchor, sup)
            sup.append(anchor)
    if not notes:
        return
    section, ol = notes_section(), etree.Element(q("ol"))
    section.append(ol)
    for note in notes:
        number_link = note.find(q("a"))
        number = number_link.get("id", "").removeprefix("footnote-") if number_link is not None else ""
        item = etree.SubElement(ol, q("li"), id=f"fn-{number}")
        item.set(EPUB_TYPE, "footnote")
        content = note.find(f".//{q('div')}")
        for child in list(content if content is not None else []):
            item.append(child)
        last = item[-1] if len(item) and local(item[-1]) == "p" else etree.SubElement(item, q("p"))
        back = etree.SubElement(last, q("a"), href=f"#fnref-{number}")
        mark_backlink(back)
        note.getparent().remove(note)
    body.append(section)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat((value or "").strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None
