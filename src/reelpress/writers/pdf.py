"""PDF writer: the whole book as one HTML document, laid out by WeasyPrint with the print stylesheet.

WeasyPrint's defaults are not safe for a build tool: its fetcher reads any `file://` URL and the
network, and a missing image or font is only a log line. Here it gets a fetcher that serves files from
the volume, the templates and the font package only, and any warning it logs fails the build.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import font_source_serif_pro
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from reelpress.errors import Collector, diagnostic, fail
from reelpress.model import Volume
from reelpress.writers import print_layout, weasyfix
from reelpress.writers.templating import render, templates_dir
from reelpress.xhtml import parse_xhtml, q, tidy, to_html_string

SERIF_DIR = Path(font_source_serif_pro.__file__).resolve().parent / "files"
SERIF_FACES = (("Regular", "normal", 400), ("It", "italic", 400), ("Semibold", "normal", 600),
               ("SemiboldIt", "italic", 600), ("Bold", "normal", 700), ("BoldIt", "italic", 700))


class RootFetcher(URLFetcher):
    """Serves `file:` URLs under the given folders and nothing else: no network, no other files."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise FatalURLFetchingError(f"refused {url[:80]}: builds do not use the network")
        path = Path(url2pathname(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots):
            raise FatalURLFetchingError(f"refused {path}: outside the volume, templates and fonts")
        if not path.is_file():
            raise FatalURLFetchingError(f"missing file {path}")
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})


class _Warnings(logging.Handler):
    """Collects what WeasyPrint logs at WARNING or above during one rendering.

    One message is about the machine, not the book: without HarfBuzz's subsetter WeasyPrint subsets
    fonts with fontTools instead (same result, slower) and says so; that one is not a failure.
    """

    HARMLESS = ("Using fontTools instead of HarfBuzz-Subset",)

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if not message.startswith(self.HARMLESS):
            self.messages.append(message)


def write(volume: Volume) -> bytes:
    """The PDF for `volume` in its profile (reading, print or proof), as bytes."""
    return render_bytes(volume)[0]


def render_bytes(volume: Volume):
    """(PDF bytes, WeasyPrint document): the document lets proofing look at the laid-out pages."""
    weasyfix.install()
    settings = volume.config.pdf
    root = book_tree(volume)
    _check_glyphs(root, volume)
    html = to_html_string(root)
    logger, caught = logging.getLogger("weasyprint"), _Warnings()
    logger.addHandler(caught)
    try:
        geometry = print_layout.geometry(settings, 0)
        for _ in range(4):  # print: the gutter depends on the page count, which depends on the gutter
            document = _render(volume, html, geometry)
            settled = print_layout.geometry(settings, len(document.pages))
            if settled == geometry:
                break
            geometry = settled
        if settings.profile == "print":
            for page, src, dpi in print_layout.low_resolution_images(document):
                volume.warnings.append(diagnostic(volume.directory, "RP055", f"page {page}: image {Path(src).name}"
                                                  f" prints at {dpi} dpi; paperbacks want 300 or more", severity="warning"))
        pdf = document.write_pdf()
    except FatalURLFetchingError as exc:
        fail(volume.directory, "RP051", f"PDF rendering stopped: {exc}")
    finally:
        logger.removeHandler(caught)
    if caught.messages:
        fail(volume.directory, "RP051", "PDF rendering reported: " + "; ".join(dict.fromkeys(caught.messages)))
    return pdf, document


def render_index(volume: Volume):
    """(PDF bytes, document) of a book that is only indexes (a series index), in the book's style."""
    xhtml = render("pdf/index-book.html", config=volume.config, indexes=volume.indexes,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
    root = parse_xhtml(xhtml, "pdf/index-book.html")
    tidy(root)
    document = _render(volume, to_html_string(root), print_layout.geometry(volume.config.pdf, 0))
    return document.write_pdf(), document


def _render(volume: Volume, html: str, geometry: print_layout.Geometry):
    fetcher = RootFetcher([volume.directory, templates_dir(), SERIF_DIR])
    fonts = FontConfiguration()
    sheets = [font_faces(), geometry.css(), (templates_dir() / "print.css").read_text(encoding="utf-8")]
    profile_css = templates_dir() / "pdf" / f"profile-{volume.config.pdf.profile}.css"
    if profile_css.is_file():
        sheets.append(profile_css.read_text(encoding="utf-8"))
    if volume.config.pdf.profile == "proof":
        sheets.append(f'@page {{ @top-center {{ content: "PROOF \\2014  {dt.date.today().isoformat()}"; }} }}')
    stylesheets = [CSS(string=sheet, url_fetcher=fetcher, font_config=fonts, base_url=templates_dir().as_uri() + "/")
                   for sheet in sheets]
    return HTML(string=html, base_url=volume.directory.resolve().as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts)


def _check_glyphs(root, volume: Volume) -> None:
    """A character the book's fonts cannot print is an error, not a box on the page."""
    files = (SERIF_DIR / "SourceSerifPro-Regular.ttf", templates_dir() / "fonts" / "ReelpressSymbols.ttf")
    try:
        coverage = print_layout.covered(files)
    except OSError as exc:
        fail(volume.directory, "RP051", f"a font of the book is missing: {exc}")
    missing = print_layout.uncovered(root, coverage)
    where = {review.anchor: review.path for review in volume.reviews}
    report = Collector()
    for section, chars in sorted(missing.items()):
        listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(chars))
        report.error(where.get(section, volume.directory / "volume.toml"), "RP054",
                     f"the book's fonts have no glyph for {listed}; the PDF would show empty boxes")
    report.raise_if_errors()


def book_tree(volume: Volume):
    """The book as one XHTML tree; images point at their files, links carry their targets for the
    page references, and the profile decides what else (no live links in print; sources in proof)."""
    xhtml = render("pdf/book.html", config=volume.config, reviews=volume.reviews, toc=volume.toc,
                   indexes=volume.indexes, series=volume.series, parts=volume.parts,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"), href=lambda target: f"#{target}")
    root = parse_xhtml(xhtml, "pdf/book.html")
    tidy(root)
    paths = {asset.href: asset.path for asset in volume.assets.values()}
    for image in root.iter(q("img")):
        if image.get("src") in paths:
            image.set("src", paths[image.get("src")].as_uri())
    profile = volume.config.pdf.profile
    for link in root.iter(q("a")):
        href = link.get("href", "")
        if href.startswith("#"):
            link.set("data-target", href)
        if profile == "print":
            link.attrib.pop("href", None)  # a paperback has no link annotations
    if profile == "proof":
        by_anchor = {review.anchor: review for review in volume.reviews}
        for section in root.iter(q("section")):
            if (review := by_anchor.get(section.get("id"))) is not None:
                section.set("data-source", str(review.path.relative_to(volume.directory)))
                section.set("data-url", review.meta.source_url or "")
    return root


def font_faces() -> str:
    """@font-face rules for the book face (from its PyPI package) and the project's symbols font."""
    rules = [f'@font-face {{ font-family: "Source Serif Pro"; font-style: {style}; font-weight: {weight}; '
             f'src: url("{(SERIF_DIR / f"SourceSerifPro-{name}.ttf").as_uri()}"); }}'
             for name, style, weight in SERIF_FACES]
    symbols = (templates_dir() / "fonts" / "ReelpressSymbols.ttf").as_uri()
    rules.append(f'@font-face {{ font-family: "Reelpress Symbols"; src: url("{symbols}"); }}')
    return "\n".join(rules)
