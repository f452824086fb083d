"""Substack's embeds → what a book can hold: a figure, or a line that says what it was, with its link.

Substack writes most embeds as an element whose `data-attrs` JSON carries the content and whose inner
HTML is either empty (the reader's JavaScript draws it) or a rendering of that JSON. Each kind below
reads both and replaces the embed with its words: a tweet becomes "Post by Name (@handle) on X,
3 May 2021:" and its text, a gallery becomes one figure per image, a LaTeX block keeps its formula,
a mention keeps the person's name. Every replacement is recorded in the post's ledger.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re

from lxml import etree

from reelpress.importers import ledger
from reelpress.xhtml import local, q, text_of


def attrs(element) -> dict:
    """The embed's `data-attrs` JSON (sometimes entity-encoded twice); {} when it is not JSON."""
    raw = element.get("data-attrs") or "{}"
    for text in (raw, html.unescape(raw)):
        try:
            value = json.loads(text)
        except ValueError:
            continue
        return value if isinstance(value, dict) else {}
    return {}


def _string(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _first(element, css_class: str):
    return next((e for e in element.iter() if css_class in (e.get("class") or "").split()), None)


def _text_of_class(element, css_class: str) -> str:
    found = _first(element, css_class)
    return text_of(found) if found is not None else ""


def _link(parent, url: str, text: str | None = None):
    link = etree.SubElement(parent, q("a"), href=url)
    link.text = text or url
    return link


def _paragraph(label: str) -> etree._Element:
    paragraph = etree.Element(q("p"))
    paragraph.text = label
    return paragraph


def _web(url) -> str:
    url = _string(url)
    return url if url.startswith(("https://", "http://")) else ""


def tweet(element, book) -> None:
    data = attrs(element)
    name = _string(data.get("name")) or _text_of_class(element, "tweet-author-name")
    handle = (_string(data.get("username")) or _text_of_class(element, "tweet-author-handle")).lstrip("@")
    when = _date(data.get("date")) or _text_of_class(element, "tweet-date")
    url = _web(data.get("url"))
    top = _first(element, "tweet-link-top")
    url = url or (_web(top.get("href")) if top is not None else "")
    if not handle and (match := re.match(r"https?://(?:www\.)?(?:twitter|x)\.com/(\w{1,30})/status/", url)):
        handle = match[1]
    text_element = _first(element, "tweet-text")
    who = f"{name} (@{handle})" if name and handle else name or (f"@{handle}" if handle else "someone")
    quote = etree.Element(q("blockquote"))
    line = etree.SubElement(quote, q("p"))
    line.text = f"Post by {who} on X" + (f", {when}" if when else "") + (": " if url else "")
    if url:
        _link(line, url)
    if text_element is not None:
        body = etree.SubElement(quote, q("p"))
        body.text = text_element.text
        for child in text_element:
            body.append(copy.deepcopy(child))  # copied: the ledger reads the tweet's text afterwards
    elif _string(data.get("full_text")):
        etree.SubElement(quote, q("p")).text = _string(data.get("full_text"))
    ledger.replace(book, "tweet", element, quote)


def _date(value) -> str:
    """'2021-05-03T10:00:00.000Z' or Twitter's 'Mon May 03 10:00:00 +0000 2021' → '3 May 2021'."""
    value = _string(value)
    for parse in (lambda v: dt.datetime.fromisoformat(v.replace("Z", "+00:00")),
                  lambda v: dt.datetime.strptime(v, "%a %b %d %H:%M:%S %z %Y")):
        try:
            day = parse(value)
        except ValueError:
            continue
        return f"{day.day} {day:%B %Y}"
    return ""


def instagram(element, book) -> None:
    data = attrs(element)
    image_link = _first(element, "instagram-image")
    url = _web(image_link.get("href")) if image_link is not None else ""
    url = url or (f"https://www.instagram.com/p/{data['instagram_id']}/" if _string(data.get("instagram_id"))
                  else "")
    author = _string(data.get("author_name")) or _text_of_class(element, "instagram-author-name")
    title = _string(data.get("title")) or _instagram_title(element, author)
    paragraph = _paragraph("Instagram" + (f" post by {author}" if author else "") + (f": {title}" if title else ""))
    if url:
        paragraph.text += " "
        _link(paragraph, url)
    ledger.replace(book, "Instagram post", element, paragraph)


def _instagram_title(element, author: str) -> str:
    title = _text_of_class(element, "instagram-title")
    return title.removeprefix(author).strip() if author else title


def latex(element, book) -> None:
    expression = attrs(element).get("persistentExpression")
    expression = expression.strip() if isinstance(expression, str) else text_of(element)
    paragraph = _paragraph("Formula (LaTeX): ")
    etree.SubElement(paragraph, q("code")).text = expression
    ledger.replace(book, "LaTeX block", element, paragraph)


def post_card(element, book) -> None:
    """An embedded or digest post: 'See also: <title>, by <author> in <publication>: <caption>'."""
    data = attrs(element)
    url = _web(data.get("canonical_url")) or _web(data.get("url"))
    title = _string(data.get("title")) or _text_of_class(element, "embedded-post-title")
    bylines = data.get("publishedBylines")
    author = _string(bylines[0].get("name")) if isinstance(bylines, list) and bylines and \
        isinstance(bylines[0], dict) else ""
    publication = _string(data.get("publication_name"))
    about = _string(data.get("caption")) or _string(data.get("truncated_body_text"))
    credit = ", ".join(part for part in (f"by {author}" if author else "", publication) if part)
    tail = (f" ({credit})" if credit else "") + (f": {about}" if about else "")
    paragraph = _paragraph("See also: ")
    if url:
        _link(paragraph, url, title or None).tail = tail or None
    else:
        paragraph.text += (title or "an embedded post") + tail
    ledger.replace(book, "embedded post", element, paragraph)


def mention(element, book) -> None:
    """`<span class="mention-wrap">` is empty in the export: the name is in its data-attrs."""
    data = attrs(element)
    name = _string(data.get("name")) or text_of(element)
    url = _web(data.get("url"))
    replacement = etree.Element(q("a"), href=url) if url else etree.Element(q("span"))
    replacement.text = name or "someone"
    ledger.replace(book, "mention", element, replacement)


def gallery(element, book) -> None:
    """A gallery (`image-gallery-embed` JSON, or the rendered `ImageGallery-module` rows) → figures."""
    data = attrs(element).get("gallery")
    data = data if isinstance(data, dict) else {}
    images = [(_web(image.get("src")), "") for image in data.get("images") or [] if isinstance(image, dict)]
    images = [image for image in images if image[0]] or [
        (img.get("src", ""), (img.get("alt") or "").strip()) for img in element.iter(q("img")) if img.get("src")]
    caption = _string(data.get("caption")) or _text_of_class_or_tag(element, "figcaption")
    shared = (_string(data.get("alt")) or caption).rstrip(".")
    holder = etree.Element(q("div"))
    for number, (src, alt) in enumerate(images, 1):
        figure = etree.SubElement(holder, q("figure"))
        counted = f"{shared}, image {number} of {len(images)}" if shared and len(images) > 1 else shared
        etree.SubElement(figure, q("img"), src=src, alt=alt or counted or f"Image {number} of {len(images)}")
        if caption and number == len(images):
            etree.SubElement(figure, q("figcaption")).text = caption
    ledger.replace(book, "gallery", element, holder)


def _text_of_class_or_tag(element, name: str) -> str:
    found = next((e for e in element.iter() if local(e) == name), None)
    return text_of(found) if found is not None else ""


def file_card(element, book) -> None:
    """A file to download: 'File: <name> (1.2MB ∙ PDF file)' linking to it, not "Download Download"."""
    button = _first(element, "file-embed-button")
    url = _web(button.get("href")) if button is not None else ""
    name = _text_of_class(element, "file-embed-details-h1") or "a file"
    details = _text_of_class(element, "file-embed-details-h2")
    paragraph = _paragraph("File: ")
    if url:
        _link(paragraph, url, name).tail = f" ({details})" if details else None
    else:
        paragraph.text += name + (f" ({details})" if details else "")
    ledger.replace(book, "file card", element, paragraph)


def image3(element, book) -> None:
    """An `image3` block carries its picture only in data-attrs (src, alt, title) when it is empty."""
    data = attrs(element)
    src = _web(data.get("src"))
    if not src or element.find(f".//{q('img')}") is not None:
        return
    figure = etree.Element(q("figure"))
    title = _string(data.get("title"))
    etree.SubElement(figure, q("img"), src=src, alt=_string(data.get("alt")) or title or "")
    if title:
        etree.SubElement(figure, q("figcaption")).text = title
    ledger.replace(book, "image", element, figure)


def youtube(element, book) -> None:
    """A YouTube embed whose player is not in the export: its video id is in data-attrs."""
    video = _string(attrs(element).get("videoId"))
    if element.find(f".//{q('iframe')}") is not None or not re.fullmatch(r"[\w-]{6,20}", video):
        return
    paragraph = _paragraph("Video: ")
    _link(paragraph, f"https://www.youtube.com/watch?v={video}")
    ledger.replace(book, "video", element, paragraph)


#: Widgets with nothing a book can show or link to: dropped, and listed under these names.
UNPRINTABLE = {"poll-embed": "poll", "native-video-embed": "video uploaded to Substack",
               "native-audio-embed": "audio uploaded to Substack"}


#: Substack class → handler, in the order they run (a gallery's images before the image containers).
EMBEDS = (
    ("image3", image3), ("youtube-wrap", youtube),
    ("tweet", tweet), ("instagram", instagram), ("latex-rendered", latex), ("digest-post-embed", post_card),
    ("embedded-post-wrap", post_card), ("mention-wrap", mention), ("image-gallery-embed", gallery),
    ("file-embed-wrapper", file_card),
)


def replace_embeds(body, book) -> None:
    for element in list(body.iter()):
        if element.getparent() is None or not ledger.attached(element, body):
            continue
        classes = (element.get("class") or "").split()
        handler = next((run for name, run in EMBEDS if name in classes), None)
        if handler is None and (kind := next((UNPRINTABLE[c] for c in classes if c in UNPRINTABLE), None)):
            ledger.drop(book, kind, element)
            continue
        if handler is None and any(c.startswith("ImageGallery-module__imageGallery") for c in classes):
            handler = gallery
        if handler is not None:
            handler(element, book)

