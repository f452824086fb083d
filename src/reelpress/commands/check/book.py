"""What the lint rules look at: a book's chapters and package, read from a built EPUB or a volume.

From an EPUB, locations are files inside the EPUB with lxml's line numbers. From a volume, the text
rules see the normalised reviews and point at the source files' lines (found by searching the
source, as the normalise passes do), so a critic can jump straight to the sentence.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from PIL import Image

from reelpress.model import Volume
from reelpress.util.textfile import position
from reelpress.util.xhtml import EPUB_TYPE, XHTML_NS, q, strict_parser, text_of

OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@dataclass
class Chapter:
    """One review (or other content document) as the rules see it."""

    name: str  # shown in messages: a source file, or epub/inner/path.xhtml
    title: str | None
    body: object  # XHTML element holding the text
    locate: Callable[[object, str | None], int | None]  # (element, needle) → line
    rating: float | None = None
    lang: str | None = None
    source: str | None = None  # the source text, for inline disable markers
    ids: set[str] = field(default_factory=set)
    resolves: Callable[[str], bool] = lambda href: True  # does a link from here land somewhere?


@dataclass
class Package:
    """Book-wide facts: metadata, images, cover, navigation."""

    name: str
    metadata: dict[str, list[str]] = field(default_factory=dict)  # "dc:title", "schema:accessMode" …
    images: list[tuple[str, int, int, int]] = field(default_factory=list)  # href, bytes, width, height
    cover: tuple[int, int] | None = None
    cover_href: str | None = None
    landmarks: list[str] = field(default_factory=list)
    documents: list[Chapter] = field(default_factory=list)  # every content document (for lang, links)
    stylesheets: list[tuple[str, str]] = field(default_factory=list)  # href, CSS text
    transparent: list[str] = field(default_factory=list)  # hrefs of images whose pixels let the page through


# -- from an EPUB ----------------------------------------------------------------------------------

def from_epub(path: Path) -> tuple[list[Chapter], Package]:
    """Chapters and package facts of an EPUB. What cannot be read is left out: EPUBCheck reports it."""
    try:
        return _from_epub(path)
    except (OSError, KeyError, AttributeError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return [], Package(name=str(path), metadata={}, cover=None, landmarks=["toc", "bodymatter"])


def _read(archive, inner: str) -> bytes | None:
    try:
        return archive.read(inner)
    except KeyError:
        return None


def _from_epub(path: Path) -> tuple[list[Chapter], Package]:
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"), strict_parser())
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path), strict_parser())
        base = posixpath.dirname(opf_path)
        manifest = {item.get("id"): item for item in opf.iterfind(".//opf:manifest/opf:item", OPF_NS)}
        package = Package(name=str(path), metadata=_metadata(opf))
        for item in manifest.values():
            _add_resource(archive, base, item, package, path)
        spine = [manifest[ref.get("idref")] for ref in opf.iterfind(".//opf:spine/opf:itemref", OPF_NS)]
        names = set(archive.namelist())
        ids: dict[str, set[str]] = {}
        chapters = []
        for item in spine:
            inner = posixpath.join(base, item.get("href"))
            data = _read(archive, inner)
            try:
                doc = _document(data, f"{path}/{inner}") if data is not None else None
            except etree.XMLSyntaxError:
                doc = None
            if doc is None:
                continue
            doc.resolves = _resolver(inner, ids, names)
            ids[inner] = doc.ids
            package.documents.append(doc)
            if doc.title is not None:
                chapters.append(doc)
    return chapters, package


def _resolver(inner: str, ids: dict[str, set[str]], names: set[str]) -> Callable[[str], bool]:
    """Links inside an EPUB: `other.xhtml#frag` relative to this document, or `#frag` in it."""
    def resolves(href: str) -> bool:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            return True
        target, _, fragment = href.partition("#")
        name = posixpath.normpath(posixpath.join(posixpath.dirname(inner), target)) if target else inner
        if name not in names:
            return False
        return not fragment or fragment in ids.get(name, set())
    return resolves


def _metadata(opf) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in opf.find("opf:metadata", OPF_NS):
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element)
        key = f"dc:{name.localname}" if name.namespace == OPF_NS["dc"] else element.get("property") or \
            element.get("name")
        if key and not element.get("refines"):
            found.setdefault(key, []).append((element.text or element.get("content") or "").strip())
    return found


def _add_resource(archive, base: str, item, package: Package, path: Path) -> None:
    properties = (item.get("properties") or "").split()
    inner = posixpath.join(base, item.get("href"))
    data = _read(archive, inner)
    if data is None:
        return
    if "nav" in properties:
        nav = etree.fromstring(data, strict_parser())
        package.landmarks = [a.get(EPUB_TYPE) for element in nav.iter(q("nav"))
                             if element.get(EPUB_TYPE) == "landmarks" for a in element.iter(q("a"))]
    if item.get("media-type") == "text/css":
        package.stylesheets.append((item.get("href"), data.decode("utf-8", "replace")))
    if item.get("media-type", "").startswith("image/") and item.get("media-type") != "image/svg+xml":
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if _see_through_photo(image):
                    package.transparent.append(item.get("href"))
        except OSError:
            width = height = 0
        package.images.append((item.get("href"), len(data), width, height))
        if "cover-image" in properties:
            package.cover, package.cover_href = (width, height), item.get("href")


#: More distinct colours than this make an image a photograph rather than a drawing or a logo.
PHOTO_COLOURS = 1024


def _see_through_photo(image) -> bool:
    """A photograph (more colours than a drawing has) with pixels that are not fully opaque: Kobo
    advises against them (a reading app's night mode shows through)."""
    if image.mode not in ("RGBA", "LA", "PA") and not (image.mode == "P" and "transparency" in image.info):
        return False
    rgba = image.convert("RGBA")
    lowest = rgba.getchannel("A").getextrema()[0]
    return lowest < 255 and rgba.convert("RGB").getcolors(maxcolors=PHOTO_COLOURS) is None


def _document(data: bytes, name: str) -> Chapter:
    root = etree.fromstring(data, strict_parser())
    section = root.find(f".//{q('section')}[@{{{'http://www.idpf.org/2007/ops'}}}type='chapter']")
    heading = section.find(f".//{q('h1')}") if section is not None else None
    rating = section.find(f".//{q('span')}[@class='rating']") if section is not None else None
    title = (text_of(heading) if heading is not None else "") if section is not None else None
    return Chapter(name=name, title=title,
                   body=section if section is not None else root, rating=_stars(rating),
                   lang=root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"),
                   locate=lambda element, needle=None: getattr(element, "sourceline", None),
                   ids={e.get("id") for e in root.iter() if e.get("id")})


def _stars(span) -> float | None:
    match = re.match(r"([\d.]+) out of", span.get("aria-label", "")) if span is not None else None
    return float(match[1]) if match else None


# -- from a volume ---------------------------------------------------------------------------------

def from_volume(volume: Volume) -> list[Chapter]:
    chapters = []
    for review in volume.reviews:
        chapters.append(Chapter(name=str(review.path), title=review.meta.title, body=review.body,
                                locate=_source_locator(review.text, review.body_line),
                                rating=review.meta.rating, lang=volume.config.language, source=review.text,
                                ids={review.anchor, f"{review.id_prefix}title"}
                                | {e.get("id") for e in review.body.iter() if e.get("id")}))
    every_id = set().union(*(chapter.ids for chapter in chapters))
    for chapter in chapters:
        chapter.resolves = lambda href: bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href)) or (
            href.startswith("#") and href[1:] in every_id)
    return chapters


def _source_locator(text: str, body_line: int):
    start = sum(len(line) + 1 for line in text.split("\n")[: body_line - 1])

    def locate(element, needle: str | None = None) -> int | None:
        for candidate in (needle, text_of(element)[:40] if element is not None else None):
            if candidate:
                found = text.find(candidate, start)
                if found >= 0:
                    return position(text, found)[0]
        return None
    return locate


def text_nodes(element, skip=frozenset({"code", "pre", "kbd", "samp", "var"})):
    """(owner element, text) for every run of text outside code."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.text and not _inside(node, skip):
            yield node, node.text
        if node is not element and node.tail and not _inside(node.getparent(), skip):
            yield node.getparent(), node.tail


def _inside(node, skip) -> bool:
    while node is not None:
        if isinstance(node.tag, str) and node.tag.startswith(f"{{{XHTML_NS}}}") and \
                etree.QName(node).localname in skip:
            return True
        node = node.getparent()
    return False
