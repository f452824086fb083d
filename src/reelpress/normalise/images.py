"""Images pass: every image reference resolves to a real image inside the volume folder.

Paths are relative to the review file, as Markdown editors preview them (`../images/still.jpg`). The
tree then refers to the image by its place in the book (`images/still.jpg`); writers rebase that.
An image alone in its paragraph becomes a `<figure>`, its Markdown title the caption.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from reelpress.book.assets import register
from reelpress.errors import InputError
from reelpress.util.xhtml import local, q


def run(body, ctx) -> None:
    for image in list(body.iter(q("img"))):
        _resolve(image, ctx)
        _make_figure(image)
        if image.get("alt") is None:
            ctx.warn("RP044", "image has no alt text; describe it for readers who cannot see it",
                     image.get("src", "<img"))
            image.set("alt", "")


def _resolve(image, ctx) -> None:
    src = image.get("src", "")
    near = src or "<img"
    parts = urlsplit(src)
    if not src.strip():
        ctx.error("RP040", "image without a source", near)
    elif parts.scheme in ("http", "https"):
        ctx.error("RP042", f"remote image {src}: builds are offline; save it into images/ and link "
                  "it as ../images/<name>", near)
    elif parts.scheme or src.startswith(("/", "\\")) or ":" in src.split("/")[0]:
        ctx.error("RP041", f"image {src[:80]!r} must be a path relative to the review file, inside the "
                  "volume folder", near)
    else:
        _register(image, Path(ctx.review.path).parent / unquote(parts.path), ctx, near)


def _register(image, path: Path, ctx, near: str) -> None:
    resolved = path.resolve()
    if not resolved.is_relative_to(ctx.volume_dir.resolve()):
        ctx.error("RP041", f"image {image.get('src')} is outside the volume folder", near)
    elif not resolved.is_file():
        ctx.error("RP040", f"image not found: {image.get('src')} (looked for {resolved})", near)
    else:
        try:
            image.set("src", register(resolved, ctx.volume_dir, ctx.assets).href)
        except InputError as problem:
            for item in problem.diagnostics:
                ctx.error(item.code, f"{image.get('src')}: {item.message}", near)


def _make_figure(image) -> None:
    """`<p><img title="Caption"/></p>` → `<figure><img/><figcaption>Caption</figcaption></figure>`."""
    paragraph = image.getparent()
    if paragraph is None or local(paragraph) != "p" or len(paragraph) != 1:
        return
    if (paragraph.text or "").strip() or (image.tail or "").strip():
        return
    paragraph.tag = q("figure")
    paragraph.text = image.tail = None
    caption = image.attrib.pop("title", None)
    if caption:
        etree.SubElement(paragraph, q("figcaption")).text = caption
