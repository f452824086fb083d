"""WeasyPrint, made safe for a build tool, and one task (pdf_task.py) laid out and drawn.

WeasyPrint's defaults are not safe for a build tool: its fetcher reads any `file://` URL and the
network, and a missing image or font is only a log line. Here it gets a fetcher that serves files from
the volume, the templates and the font package only, and whatever it logs at WARNING is collected so
the build can fail on it.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from reelpress.writers.libraries import quick_find_library

with quick_find_library():  # WeasyPrint loads its native libraries on import (see libraries.py)
    import weasyprint
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: E402

from reelpress import templates_dir  # noqa: E402
from reelpress.writers import pagelist, pdf_tags, print_layout, weasyfix  # noqa: E402
from reelpress.writers.pdf_task import Rendered, Task  # noqa: E402

VERSION = weasyprint.__version__
PT_PER_PX = 0.75


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


class Warnings(logging.Handler):
    """Collects what WeasyPrint logs at WARNING or above while installed (a `with` block).

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

    def __enter__(self):
        logging.getLogger("weasyprint").addHandler(self)
        return self

    def __exit__(self, *exc):
        logging.getLogger("weasyprint").removeHandler(self)


_STYLES: dict[tuple, tuple] = {}  # per process: parsed stylesheets and their fonts, by their text


def _stylesheets(sheets: tuple[str, ...], roots: tuple[str, ...]):
    if (sheets, roots) not in _STYLES:
        fetcher, fonts = RootFetcher([Path(root) for root in roots]), FontConfiguration()
        base = templates_dir().as_uri() + "/"
        parsed = [CSS(string=sheet, url_fetcher=fetcher, font_config=fonts, base_url=base) for sheet in sheets]
        if len(_STYLES) >= 4:  # a few books' styles at a time: a series worker moves on to the next volume
            _STYLES.clear()
        _STYLES[sheets, roots] = (fetcher, fonts, parsed)
    return _STYLES[sheets, roots]


def render_document(task: Task):
    """Lay out `task` with WeasyPrint: the Document (raises FatalURLFetchingError)."""
    weasyfix.install()
    fetcher, fonts, stylesheets = _stylesheets(task.sheets, task.roots)
    return HTML(string=task.html, base_url=task.base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts)


def render_task(task: Task) -> Rendered:
    """Lay out and draw `task` (in a worker process or not); problems are returned, not raised."""
    with Warnings() as caught:
        try:
            document = render_document(task)
            pdf = document.write_pdf(pdf_variant=pdf_tags.VARIANT) if task.tagged else document.write_pdf()
        except FatalURLFetchingError as exc:
            return Rendered(b"", 0, 0, problems=[f"PDF rendering stopped: {exc}"])
    skip = 1 if task.skip_first else 0
    rendered = Rendered(pdf, skip, len(document.pages) - skip, problems=list(dict.fromkeys(caught.messages)))
    for index, page in enumerate(document.pages[skip:]):
        height = page.height
        rendered.blank.append(page._page_box.page_type.blank)
        rendered.first_text.append(pagelist.first_text(page))
        for name, (x, y, *_) in page.anchors.items():
            place = (index, round(x * PT_PER_PX, 3), round((height - y) * PT_PER_PX, 3))
            rendered.anchors.setdefault(name, place)  # a box split across pages: where it starts
        for level, label, (x, y), state in page.bookmarks:
            rendered.bookmarks.append((level, label, index, round(x * PT_PER_PX, 3),
                                       round((height - y) * PT_PER_PX, 3), state == "open"))
    if task.low_resolution:
        rendered.low_resolution = [(number - 1 - skip, src, dpi) for number, src, dpi
                                   in print_layout.low_resolution_images(document) if number > skip]
    return rendered
