"""Substack's export zip → posts.

The zip holds `posts.csv` (post_id, post_date, is_published, type, audience, title, subtitle …) and
one body-only HTML fragment per post, `posts/<post_id>.html`, where post_id is `<number>.<slug>`.
There is no canonical URL in the export: it is `<publication-url>/p/<slug>`. Unpublished posts are
skipped unless asked for; podcasts, threads and pages are not reviews; paid-only posts are imported
and marked. Substack's chrome (subscribe forms, and subscribe, share and comment buttons; image-expand
icons) is dropped and listed; any other button ("Try Ghost") stays as its link. Embeds become figures
or a line with their link (substack_embeds.py), every image form (captioned, `<picture>`, gallery)
becomes a figure, and both footnote styles become the project's note markup: Substack's footnote
anchors, and notes typed as text (`[^1]` in the text, `[^1]: …` paragraphs at the end).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

from reelpress.errors import fail
from reelpress.importers import ledger, substack_notes
from reelpress.importers.archive import read_archive
from reelpress.importers.cleanup import link_paragraph, machine_text, unwrap_pictures, url_key
from reelpress.importers.pages import parse_part
from reelpress.importers.substack_embeds import replace_embeds
from reelpress.model import Post
from reelpress.xhtml import q, slugify

#: Substack's widgets, by class: dropped and listed in the report by these names.
CHROME = {"subscription-widget-wrap": "subscribe form", "subscription-widget-wrap-editor": "subscribe form",
          "subscribe-widget": "subscribe form", "paywall-jump": "paywall marker",
          "image-link-expand": "image-expand icon", "share-dialog": "share dialog",
          "post-ufi": "like/comment bar", "pencraft": "icon"}
NOT_REVIEWS = {"podcast": "a podcast episode", "thread": "a discussion thread", "page": "a page, not a post"}


def posts(source: Path, publication_url: str | None = None, drafts: bool = False, **_options) -> list[Post]:
    if not publication_url:
        fail(source, "RP070", "a Substack export has no post addresses: give --publication-url "
                              "https://<name>.substack.com so source_url and links can be made")
    archive = read_archive(source, lambda name: name == "posts.csv" or
                           (name.startswith("posts/") and name.endswith(".html")))
    if "posts.csv" not in archive.files:
        if any(re.match(r"posts/(draft_|\d{4}-\d{2}-\d{2}_).*-[0-9a-f]{6,16}\.html$", n) for n in archive.names):
            fail(source, "RP078", "this is a Medium export (its posts are posts/<date>_<title>-<id>.html): "
                                  "use `reelpress import medium`")
        fail(source, "RP070", "no posts.csv in the archive: is this a Substack export?")
    rows = list(csv.DictReader(io.StringIO(archive.files["posts.csv"].decode("utf-8-sig", "replace"))))
    return [_post(row, archive, source, publication_url.rstrip("/"), drafts) for row in rows]


def _post(row: dict, archive, source: Path, base: str, drafts: bool) -> Post:
    post_id = (row.get("post_id") or "").strip()
    slug = post_id.split(".", 1)[1] if "." in post_id else slugify(row.get("title") or post_id)
    name = f"posts/{post_id}.html"
    fragment = archive.files.get(name)
    body = parse_part(machine_text(fragment or b""), Path(f"{source.name}:{name}"))
    removed = remove_chrome(body)
    url = f"{base}/p/{slug}"
    post = Post(origin=f"{source.name}:{name}", title=html.unescape(row.get("title") or "").strip() or slug,
                body=body, slug=slugify(slug, "untitled"), published=_date(row.get("post_date")),
                subtitle=html.unescape(row.get("subtitle") or "").strip() or None, source_url=url,
                keys=frozenset({url_key(url)}), removed=removed)
    kind = (row.get("type") or "newsletter").strip().lower()
    if fragment is None:
        post.skip = f"{name} is missing from the archive"
    elif kind in NOT_REVIEWS:
        post.skip = NOT_REVIEWS[kind]
    elif (row.get("is_published") or "").strip().lower() != "true" and not drafts:
        post.skip = "not published (use --drafts to import drafts)"
    if (row.get("audience") or "").strip() == "only_paid":
        post.note = "paid subscribers only"
    return post


def remove_chrome(body) -> list:
    """Remove Substack's widgets, replace its embeds; returns the ledger of what was dropped or replaced."""
    book: list = []
    unwrap_pictures(body)
    replace_embeds(body, book)
    for element in list(body.iter()):
        if element.getparent() is None or not ledger.attached(element, body):
            continue
        classes = set((element.get("class") or "").split())
        if classes & {"button-wrapper", "captioned-button-wrap"}:
            _button(element, book)
        elif kinds := sorted(classes & CHROME.keys()):
            if kinds != ["pencraft"] or not ledger.visible_text(element):
                ledger.drop(book, CHROME[kinds[0]], element)
    for container in list(body.iter(q("div"))):
        if "captioned-image-container" in (container.get("class") or "") and container.getparent() is not None:
            figure = container.find(f".//{q('figure')}")
            if figure is not None and ledger.visible_text(container) == ledger.visible_text(figure):
                container.getparent().replace(container, figure)
    substack_notes.convert(body, book)
    return book


def _button(element, book: list) -> None:
    """Subscribe, share and comment buttons go; any other button stays as a link to where it led."""
    link = next((a for a in element.iter(q("a")) if a.get("href")), None)
    href = link.get("href", "") if link is not None else ""
    kind = button_kind(href, ledger.visible_text(link if link is not None else element))
    if kind:
        ledger.drop(book, f"{kind} button", element)
    elif "captioned-button-wrap" in (element.get("class") or "").split():
        return  # the caption stays; the button inside is looked at on its own
    elif href:
        ledger.replace(book, "button", element, link_paragraph("Link", href, ledger.visible_text(link) or None))


def button_kind(href: str, text: str) -> str | None:
    """'subscribe', 'share' or 'comment' for Substack's own calls to action; None for anything else."""
    parts = urlsplit(href)
    path, query, words = parts.path.rstrip("/"), parts.query, text.strip().lower()
    if "action=share" in query or path.endswith("/share") or words.startswith("share"):
        return "share"
    if path.endswith(("/subscribe", "/subscribe/gift")) or "gift=true" in query or words.startswith(
            ("subscribe", "upgrade to paid", "get 20% off", "give a gift subscription")):
        return "subscribe"
    if path.endswith("/comments") or words.startswith(("leave a comment", "comment")):
        return "comment"
    return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat((value or "").strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None
