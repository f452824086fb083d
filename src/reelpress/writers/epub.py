"""EPUB 3 writer: content documents from the templates, packaged by ebooklib, zipped reproducibly.

The recipe, one step each: render the content documents, declare the metadata, add the items, the
NCX table of contents, the spine and the EPUB 2 guide, let ebooklib write the package, then rewrite
the zip so the same sources give the same bytes (ebooklib stamps entries with the wall clock).
Content documents are added as plain items so that ebooklib writes our XHTML exactly as rendered.
The reviews carry the print edition's page numbers (pagelist.py), and the nav its page list; the
accessibility metadata and claim are a11y.py's.
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ebooklib import epub
from markupsafe import Markup

from reelpress import __version__
from reelpress.book import strings
from reelpress.book.assets import STORE_MAX_PIXELS, fitted
from reelpress.book.matter import kind_of as matter_kind
from reelpress.errors import fail
from reelpress.model import Volume
from reelpress.writers import Output, WriteOptions, a11y, pagelist, templating
from reelpress.writers.templating import render, templates_dir
from reelpress.util.xhtml import parse_xhtml, q, tidy, to_xhtml_bytes

XHTML = "application/xhtml+xml"
SYMBOLS_FONT = "fonts/ReelpressSymbols.ttf"
#: A core media type of EPUB 3 for an OpenType font (with TrueType outlines, as this one has). `font/ttf`
#: is one too, but calibre's checker asks an EPUB 3.0 package for this one and warns at any other.
FONT_TYPE = "application/vnd.ms-opentype"


@dataclass
class Document:
    """One XHTML file of the book."""

    name: str  # path inside the content folder, e.g. "text/vertigo.xhtml"
    title: str
    content: str  # the rendered section; the whole XHTML document once finished
    matter: str = "frontmatter"  # the body's epub:type
    landmark: str | None = None  # EPUB 3 landmark type
    guide: str | None = None  # EPUB 2 guide type
    pages: list[str] = field(default_factory=list)  # the print pages that begin in it (pagebreak markers)


def write(volume: Volume, options: WriteOptions = WriteOptions()) -> Output:
    """The EPUB for `volume`, with the print edition's page numbers unless the volume turns them off
    (laid out in the print profile through the piece cache of `options`: pagelist.py)."""
    pages = pagelist.page_map(volume, options) if pagelist.wanted(volume) else None
    owner = id_owners(volume)
    documents = content_documents(volume, owner, pages, options.store)
    numbers = [(d.name, int(n)) for d in documents for n in d.pages]
    book = epub.EpubBook()
    declare_metadata(book, volume, bool(numbers))
    add_resources(book, volume, options)
    add_documents(book, volume, documents, owner, numbers)
    book.toc = ncx_toc(volume, owner)
    book.add_item(epub.EpubNcx())
    book.guide = [{"type": d.guide, "href": d.name, "title": d.title} for d in documents if d.guide]
    raw = io.BytesIO()
    writer = epub.EpubWriter(raw, book, {"mtime": volume.modified, "epub3_pages": False, "epub3_landmark": False,
                                         "raise_exceptions": True, "compresslevel": 0})  # compressed once, below
    writer.process()
    writer.write()
    return Output(reproducible_zip(raw.getvalue(), volume), notes=[pagelist.describe(pages, volume)] if pages else [])


# -- content documents -------------------------------------------------------------------------

#: The ids the front matter templates define, and the file each lives in.
FRONT_IDS = {"cover": "text/cover.xhtml", "titlepage": "text/titlepage.xhtml", "imprint": "text/imprint.xhtml",
             "contents": "text/contents.xhtml", "contents-title": "text/contents.xhtml"}


def id_owners(volume: Volume) -> dict[str, str]:
    """Which file each id of the book lives in, so links can cross from one file to another."""
    owner = dict(FRONT_IDS)
    owner.update({"series": "text/series.xhtml", "series-title": "text/series.xhtml"})
    for index in volume.indexes:
        owner[index.anchor] = owner[f"{index.anchor}-title"] = f"text/{index.anchor}.xhtml"
    for part in volume.parts:
        owner[part.anchor] = owner[f"{part.anchor}-title"] = f"text/{part.anchor}.xhtml"
    for review in (*volume.reviews, *volume.matter):
        name = f"text/{review.stem}.xhtml"
        owner[review.anchor] = owner[f"{review.id_prefix}title"] = name
        owner.update({e.get("id"): name for e in review.body.iter() if e.get("id") is not None})
    return owner


def content_documents(volume: Volume, owner: dict[str, str], pages: pagelist.PageMap | None = None,
                      store: str | None = None) -> list[Document]:
    """The book's XHTML files in reading order (book/matter.py gives the order of the matter)."""
    config = volume.config
    t = strings.for_config(config)  # the book's words (book/strings.py), for every template below
    render = functools.partial(templating.render, t=t)
    docs = []
    if volume.cover:
        docs.append(Document("text/cover.xhtml", t("cover"), render("epub/cover.xhtml", config=config,
                             cover=volume.cover), landmark="cover", guide="cover"))
    docs.append(Document("text/titlepage.xhtml", config.title, render("titlepage.xhtml", config=config),
                         landmark="titlepage", guide="title-page"))
    docs.append(Document("text/imprint.xhtml", t("imprint"), render("imprint.xhtml", config=config)))
    page = functools.partial(_matter_document, volume, functools.partial(render, store=store))
    docs += [page(p) for p in volume.matter if matter_kind(p.slug).front and matter_kind(p.slug).before_contents]
    docs.append(Document("text/contents.xhtml", t("contents"), render("contents.xhtml", toc=volume.toc,
                         href=lambda target: _href(owner, target, "text")), landmark="toc", guide="toc"))
    docs += [page(p) for p in volume.matter if matter_kind(p.slug).front and not matter_kind(p.slug).before_contents]
    docs += _review_documents(volume, render)
    opening = opening_pages(pages)
    for number, index in enumerate(volume.indexes):
        docs.append(Document(f"text/{index.anchor}.xhtml", index.title, render(
            "index.xhtml", index=index, pdf=False, href=lambda target: _href(owner, target, "text"),
            page_of=opening.get), "backmatter", "index" if number == 0 else None, "index" if number == 0 else None))
    docs += [page(p) for p in volume.matter if not matter_kind(p.slug).front]
    if volume.series:
        docs.append(Document("text/series.xhtml", t("also_in_series"),
                             render("series.xhtml", config=config, series=volume.series), "backmatter"))
    starts = pages.starts if pages else []
    for doc in docs:
        doc.content = _finish(doc, volume, owner, [s for s in starts if owner.get(s.review) == doc.name])
    return docs


def _review_documents(volume: Volume, render) -> list[Document]:
    """The reviews, each after its part's title page in an omnibus; the first is the bodymatter landmark."""
    docs = []
    starts = {part.first_review: part for part in volume.parts}
    for index, review in enumerate(volume.reviews):
        first = index == 0
        if review.anchor in starts:
            part = starts[review.anchor]
            docs.append(Document(f"text/{part.anchor}.xhtml", part.title, render("part.xhtml", part=part),
                                 "bodymatter", "bodymatter" if first else None, "text" if first else None))
            first = False
        docs.append(Document(f"text/{review.stem}.xhtml", review.meta.title,
                             render("review.xhtml", review=review, config=volume.config), "bodymatter",
                             "bodymatter" if first else None, "text" if first else None))
    return docs


def _matter_document(volume: Volume, render, page) -> Document:
    """A page of front or back matter, its landmark its semantic type (none for about the author and
    also by, which the vocabulary has no word for)."""
    kind = matter_kind(page.slug)
    return Document(f"text/{page.stem}.xhtml", page.meta.title,
                    render("matter.xhtml", page=page, config=volume.config, reviews=volume.reviews),
                    "frontmatter" if kind.front else "backmatter", kind.epub_type, kind.guide)


def has_matter(volume: Volume) -> bool:
    """Whether the book has front or back matter pages or first-publication lines (their stylesheet)."""
    return bool(volume.matter) or volume.config.credits.show


def opening_pages(pages: pagelist.PageMap | None) -> dict[str, int]:
    """The print page each review opens on (its first in the page list), by the review's id: the
    index's locators."""
    opening: dict[str, int] = {}
    for start in pages.starts if pages else []:
        opening[start.review] = min(start.number, opening.get(start.review, start.number))
    return opening


def _href(owner: dict[str, str], target: str, from_folder: str) -> str:
    """A link to `target` from a file in `from_folder` ("text" or the content root)."""
    name = owner[target]
    relative = name.removeprefix("text/") if from_folder == "text" else name
    return relative if target == PurePosixPath(name).stem else f"{relative}#{target}"


def _finish(doc: Document, volume: Volume, owner: dict[str, str], starts=()) -> str:
    """Wrap the section in a document, parse it strictly, mark where the print pages `starts` begin,
    point links at the right files, serialise."""
    xhtml = render("epub/chapter.xhtml", config=volume.config, title=doc.title, content=Markup(doc.content),
                   body_type=doc.matter, matter_css=has_matter(volume))
    root = parse_xhtml(xhtml, doc.name)
    tidy(root)
    if starts:
        pagelist.mark(root, starts)
        doc.pages = [m.get("aria-label") for m in root.iter(q("span")) if m.get("role") == "doc-pagebreak"]
    for link in root.iter(q("a")):
        href = link.get("href", "")
        if href.startswith("#") and owner.get(href[1:], doc.name) != doc.name:
            link.set("href", _href(owner, href[1:], "text"))
    for image in root.iter(q("img")):
        if image.get("src", "").startswith("images/"):
            image.set("src", "../" + image.get("src"))
    return to_xhtml_bytes(root).decode("utf-8")


# -- package -----------------------------------------------------------------------------------

def declare_metadata(book: epub.EpubBook, volume: Volume, page_list: bool = False) -> None:
    config = volume.config
    book.title = config.title
    book.set_identifier(config.identifier)
    book.add_metadata("DC", "title", config.title, {"id": "title"})
    book.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if config.subtitle:
        book.add_metadata("DC", "title", config.subtitle, {"id": "subtitle"})
        book.add_metadata(None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
    book.set_language(config.language)
    book.add_author(config.author, role="aut", uid="author")
    for name in ("publisher", "description", "rights"):
        if getattr(config, name):  # one flowing string: reading systems show OPF text as it is, breaks and all
            book.add_metadata("DC", name, " ".join(getattr(config, name).split()))
    if config.published:
        book.add_metadata("DC", "date", config.published.isoformat())
    if config.series:
        _series(book, config)
    a11y.declare(book, volume, page_list)
    book.metadata[epub.NAMESPACES["OPF"]]["generator"] = [
        ("", {"name": "generator", "content": f"reelpress {__version__}"})]
    if volume.cover:
        book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})


def _series(book: epub.EpubBook, config) -> None:
    position = f"{config.series_index:g}" if config.series_index is not None else None
    book.add_metadata(None, "meta", config.series, {"property": "belongs-to-collection", "id": "series"})
    book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    if position:
        book.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
    book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": config.series})
    if position:
        book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})


def add_resources(book: epub.EpubBook, volume: Volume, options: WriteOptions = WriteOptions()) -> None:
    css = (templates_dir() / "epub.css").read_bytes()
    book.add_item(epub.EpubItem(uid="css", file_name="css/epub.css", media_type="text/css", content=css))
    if has_matter(volume):
        book.add_item(epub.EpubItem(uid="css-matter", file_name="css/matter.css", media_type="text/css",
                                    content=(templates_dir() / "epub-matter.css").read_bytes()))
    font = (templates_dir() / "fonts" / "ReelpressSymbols.ttf").read_bytes()
    book.add_item(epub.EpubItem(uid="font-symbols", file_name=SYMBOLS_FONT, media_type=FONT_TYPE, content=font))
    images = sorted((a for a in volume.assets.values() if a is not volume.cover), key=lambda a: a.href)
    limit = STORE_MAX_PIXELS.get(options.store)
    for index, asset in enumerate(images, 1):
        book.add_item(epub.EpubItem(uid=f"image-{index}", file_name=asset.href, media_type=asset.media_type,
                                    content=fitted(asset, limit) if limit else asset.read()))
    if volume.cover:
        cover = epub.EpubItem(uid="cover-image", file_name=volume.cover.href,
                              media_type=volume.cover.media_type, content=volume.cover.read())
        cover.properties = ["cover-image"]
        book.add_item(cover)


def add_documents(book: epub.EpubBook, volume: Volume, documents: list[Document], owner: dict[str, str],
                  pages: list[tuple[str, int]] = ()) -> None:
    nav = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type=XHTML,
                        content=_nav(volume, documents, owner, pages).encode("utf-8"))
    nav.properties = ["nav"]
    book.add_item(nav)
    for index, doc in enumerate(documents):
        item = epub.EpubItem(uid=f"doc-{index}", file_name=doc.name, media_type=XHTML,
                             content=doc.content.encode("utf-8"))
        book.add_item(item)
        book.spine.append(item)


def _nav(volume: Volume, documents: list[Document], owner: dict[str, str], pages=()) -> str:
    landmarks = [{"type": d.landmark, "href": d.name, "title": d.title} for d in documents if d.landmark]
    page_list = [{"href": f"{name}#page-{number}", "number": number}
                 for name, number in sorted(pages, key=lambda page: page[1])]
    xhtml = render("epub/nav.xhtml", config=volume.config, toc=volume.toc, landmarks=landmarks,
                   page_list=page_list, href=lambda target: _href(owner, target, "root"))
    root = parse_xhtml(xhtml, "nav.xhtml")
    return to_xhtml_bytes(root).decode("utf-8")


def ncx_toc(volume: Volume, owner: dict[str, str]) -> list:
    """The EPUB 2 NCX: the same tree as the nav, for older reading systems."""
    toc, counter = [], iter(range(1, 10**6))
    for entry in volume.toc:
        link = epub.Link(_href(owner, entry.target, "root"), entry.title, f"nav-{next(counter)}")
        children = [epub.Link(_href(owner, c.target, "root"), c.title, f"nav-{next(counter)}")
                    for c in entry.children]
        toc.append((epub.Section(entry.title, link.href), children) if children else link)
    return toc


def reproducible_zip(data: bytes, volume: Volume) -> bytes:
    """Rewrite ebooklib's zip: `mimetype` first and stored, fixed times and modes, no duplicates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    if len(names) != len(set(names)):
        fail(volume.directory, "RP050", f"the EPUB would contain duplicate entries: "
             f"{sorted({n for n in names if names.count(n) > 1})}")
    stamp = max(volume.modified.utctimetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ["mimetype", *sorted(n for n in names if n != "mimetype")]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            data = source.read(name)
            if name == "EPUB/content.opf":
                data = a11y.with_package_language(data, volume.config.language)
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()
