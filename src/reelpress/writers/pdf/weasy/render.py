"""One task (tasks.py) laid out and drawn by WeasyPrint, made safe for a build tool.

WeasyPrint's defaults are not safe for a build tool: its fetcher reads any `file://` URL and the
network, and a missing image or font is only a log line. Here it gets a fetcher that serves files from
the volume, the templates and the font package only (fetcher.py), and whatever it logs at WARNING is
collected so the build can fail on it (catcher.py). Importing this module imports WeasyPrint.
"""

from __future__ import annotations

import os
from pathlib import Path

from reelpress.writers.pdf.weasy.libraries import quick_find_library

with quick_find_library():  # WeasyPrint loads its native libraries on import (see libraries.py)
    import weasyprint
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError  # noqa: E402

from reelpress import templates_dir  # noqa: E402
from reelpress.writers import pagelist  # noqa: E402
from reelpress.writers.pdf import layout, tags as pdf_tags  # noqa: E402
from reelpress.writers.pdf.tasks import Rendered, Task  # noqa: E402
from reelpress.writers.pdf.weasy import hyphenlimit, linebreaks, measure  # noqa: E402
from reelpress.writers.pdf.weasy.catcher import Warnings  # noqa: E402
from reelpress.writers.pdf.weasy.fetcher import RootFetcher  # noqa: E402

VERSION = weasyprint.__version__
PT_PER_PX = 0.75


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
    linebreaks.install()
    hyphenlimit.install()
    fetcher, fonts, stylesheets = _stylesheets(task.sheets, task.roots)
    return HTML(string=task.html, base_url=task.base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=fonts)


def draw(document, **options) -> bytes:
    """The laid-out `document` as PDF bytes, the same bytes whatever the clock says. WeasyPrint saves
    the fonts it strips of pictures (the colour emoji's) with fontTools, which stamps each with the time
    it was saved unless SOURCE_DATE_EPOCH is set (reproducible-builds.org); when the caller has not set
    it, the stamp is the epoch for the length of the call."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return document.write_pdf(**options)
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        return document.write_pdf(**options)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def render_task(task: Task) -> Rendered:
    """Lay out and draw `task` (in a worker process or not); problems are returned, not raised."""
    with Warnings() as caught:
        try:
            document = render_document(task)
            pdf = draw(document, pdf_variant=pdf_tags.VARIANT) if task.tagged else draw(document)
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
    rendered.figure_gaps = measure.figure_gaps(document.pages[skip:])
    rendered.short_endings = measure.short_endings(document.pages[skip:])
    if task.low_resolution:
        rendered.low_resolution = [(number - 1 - skip, src, dpi) for number, src, dpi
                                   in layout.low_resolution_images(document) if number > skip]
    return rendered
