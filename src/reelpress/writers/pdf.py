"""PDF writer: the whole book as one HTML document, laid out by WeasyPrint with the print stylesheet.

WeasyPrint's defaults are not safe for a build tool: its fetcher reads any `file://` URL and the
network, and a missing image or font is only a log line. Here it gets a fetcher that serves files from
the volume, the templates and the font package only, and any warning it logs fails the build.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import font_source_serif_pro
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from reelpress.errors import fail
from reelpress.model import Volume
from reelpress.writers import weasyfix
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
    """The PDF for `volume`, as bytes."""
    weasyfix.install()
    fetcher = RootFetcher([volume.directory, templates_dir(), SERIF_DIR])
    logger, caught = logging.getLogger("weasyprint"), _Warnings()
    logger.addHandler(caught)
    try:
        html = HTML(string=book_html(volume), base_url=volume.directory.resolve().as_uri() + "/",
                    url_fetcher=fetcher)
        fonts = FontConfiguration()
        stylesheets = [CSS(string=font_faces(), url_fetcher=fetcher, font_config=fonts),
                       CSS(filename=str(templates_dir() / "print.css"), url_fetcher=fetcher, font_config=fonts)]
        pdf = html.write_pdf(stylesheets=stylesheets, font_config=fonts)
    except FatalURLFetchingError as exc:
        fail(volume.directory, "RP051", f"PDF rendering stopped: {exc}")
    finally:
        logger.removeHandler(caught)
    if caught.messages:
        fail(volume.directory, "RP051", "PDF rendering reported: " + "; ".join(dict.fromkeys(caught.messages)))
    return pdf


def book_html(volume: Volume) -> str:
    """The book as one HTML5 document; images point at their files inside the volume."""
    xhtml = render("pdf/book.html", config=volume.config, reviews=volume.reviews, toc=volume.toc,
                   date=volume.modified.strftime("%Y-%m-%dT%H:%M:%SZ"), href=lambda target: f"#{target}")
    root = parse_xhtml(xhtml, "pdf/book.html")
    tidy(root)
    paths = {asset.href: asset.path for asset in volume.assets.values()}
    for image in root.iter(q("img")):
        if image.get("src") in paths:
            image.set("src", paths[image.get("src")].as_uri())
    return to_html_string(root)


def font_faces() -> str:
    """@font-face rules for the book face (from its PyPI package) and the project's symbols font."""
    rules = [f'@font-face {{ font-family: "Source Serif Pro"; font-style: {style}; font-weight: {weight}; '
             f'src: url("{(SERIF_DIR / f"SourceSerifPro-{name}.ttf").as_uri()}"); }}'
             for name, style, weight in SERIF_FACES]
    symbols = (templates_dir() / "fonts" / "ReelpressSymbols.ttf").as_uri()
    rules.append(f'@font-face {{ font-family: "Reelpress Symbols"; src: url("{symbols}"); }}')
    return "\n".join(rules)
