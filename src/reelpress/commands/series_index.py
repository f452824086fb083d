"""`reelpress index volumes/`: one index for a whole series, with "vol. 3, p. 112" references.

Each volume is laid out exactly as its PDF is, to learn the page on which every review starts; the
index then prints those pages. Written as a PDF (in the series' book style) and as an HTML page.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reelpress.build import load
from reelpress.config import load_series, series_volumes
from reelpress.errors import UsageProblem
from reelpress.util.files import check_writable, save
from reelpress.book import strings
from reelpress.book.indexes import build_indexes
from reelpress.model import Volume
from reelpress.util.xhtml import slugify


def page_numbers(volume: Volume) -> dict[str, int]:
    """The page each review starts on in the volume's PDF."""
    from reelpress.writers.pdf.document import render_document

    _, document = render_document(volume)
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return {review.anchor: found[review.anchor] for review in volume.reviews if review.anchor in found}


def series_index(series_dir: Path, out_dir: Path) -> list[Path]:
    from reelpress.writers.pdf.document import render_index
    from reelpress.writers.templating import render

    series = load_series(series_dir)
    if series is None:
        raise UsageProblem(f"{series_dir} holds no series.toml")
    check_writable(out_dir)
    volumes = [load(folder) for folder in series_volumes(series_dir, series)]
    reviews, numbers, pages = [], {}, {}
    for volume in volumes:
        reviews += volume.reviews
        numbers.update({r.anchor: volume.config.series_index for r in volume.reviews})
        pages.update(page_numbers(volume))
    first = volumes[0]
    indexes = build_indexes(reviews, replace(first.config.indexes, films=True, directors=True), numbers, pages,
                            language=first.config.language, words=strings.for_config(first.config))
    config = replace(first.config, title=f"{series.title}: Index", subtitle=None, series=None)
    index_volume = Volume(directory=series_dir, config=config, reviews=[], indexes=indexes, modified=first.modified,
                          output_name=f"{slugify(series.title)}-index")
    pdf_bytes, _ = render_index(index_volume)
    html = render("series-index.html", title=series.title, indexes=indexes, language=first.config.language,
                  href=lambda target: "#", t=strings.for_config(first.config))
    files = {out_dir / f"{index_volume.name}.pdf": pdf_bytes, out_dir / f"{index_volume.name}.html": html.encode()}
    save(files)
    return list(files)
