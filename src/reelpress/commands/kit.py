"""`reelpress kit`: what a store's forms ask for, written next to the EPUB and PDF.

    <volume>-rights.csv        each review's title, film, first publication date and address: KDP holds
                               books whose text is freely available on the web until the author shows
                               the rights, and this is the list it asks for
    <volume>-description.txt   the store description: the volume's description and the films reviewed
    <volume>-description.html  the same in the simple HTML store forms accept
    <volume>-store.json        title, subtitle, series and number, author, language, keywords …, and
                               the built EPUB's size with KDP's delivery fee per copy
    <volume>-paperback-cover.pdf  the paperback's full-wrap cover (back, spine, front, bleed), sized
                               from the print PDF's page count (paperback.py)
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter
from pathlib import Path

from reelpress.build import load
from reelpress.util.files import check_writable, save
from reelpress.book import strings
from reelpress.book.collation import Collator
from reelpress.book.indexes import directors_of
from reelpress.commands import paperback
from reelpress.model import Diagnostic, Volume

MAX_KEYWORDS = 7  # KDP's number of keyword boxes
KDP_SELECT_NOTE = ("These reviews were published on the web first: KDP Select asks for exclusivity, so keep "
                   "the rights file ready and check the terms before enrolling.")


def films(volume: Volume) -> list[str]:
    """'Vertigo (1958), directed by Alfred Hitchcock' for each review with a film, in title order."""
    lines, t = [], strings.for_config(volume.config)
    collator = Collator(volume.config.language, volume.config.indexes.articles)
    for review in sorted((r for r in volume.reviews if r.meta.film), key=lambda r: collator.key(r.meta.film)):
        meta = review.meta
        line = meta.film + (f" ({meta.year})" if meta.year else "")
        lines.append(line + (", " + t("directed_by", director=meta.director) if meta.director else ""))
    return lines


def rights_csv(volume: Volume) -> str:
    buffer = io.StringIO()
    table = csv.writer(buffer, lineterminator="\n")
    table.writerow(["title", "film", "first_published", "source_url"])
    for review in volume.reviews:
        meta = review.meta
        table.writerow([meta.title, meta.film or "", meta.published.isoformat() if meta.published else "",
                        meta.source_url or ""])
    return buffer.getvalue()


def description_text(volume: Volume) -> str:
    parts = [(volume.config.description or volume.config.title).strip()]
    if films(volume):
        heading = strings.for_config(volume.config)("kit_films_reviewed")
        parts.append(heading + "\n" + "\n".join(f"- {line}" for line in films(volume)))
    return "\n\n".join(parts) + "\n"


def description_html(volume: Volume) -> str:
    paragraphs = [f"<p>{html.escape(' '.join(p.split()))}</p>"
                  for p in (volume.config.description or volume.config.title).strip().split("\n\n")]
    if films(volume):
        items = "".join(f"<li>{html.escape(line)}</li>" for line in films(volume))
        heading = html.escape(strings.for_config(volume.config)("kit_films_reviewed"))
        paragraphs.append(f"<p><b>{heading}</b></p><ul>{items}</ul>")
    return "\n".join(paragraphs) + "\n"


def keywords(volume: Volume) -> list[str]:
    """Up to seven: the genre, the series, then the most reviewed directors and decades."""
    t = strings.for_config(volume.config)
    found = [t("kit_genre"), t("kit_reviews")]
    if volume.config.series:
        found.append(volume.config.series)
    directors = Counter(name for r in volume.reviews for name in directors_of(r.meta.director or ""))
    found += [t("kit_director", name=name) for name, _ in directors.most_common(2)]
    decades = Counter(t("kit_decade", decade=r.meta.year // 10 * 10) for r in volume.reviews if r.meta.year)
    found += [decade for decade, _ in decades.most_common()]
    return list(dict.fromkeys(found))[:MAX_KEYWORDS]


#: KDP charges the 70 % royalty option a delivery fee per copy by file size: on amazon.com, US$0.15 a
#: megabyte (at least US$0.01). Figures for other marketplaces differ; this is the common one.
KDP_DELIVERY_USD_PER_MB = 0.15


def delivery(epub: Path | None) -> dict:
    """The EPUB's size and KDP's delivery fee per copy on amazon.com; nothing when it is not built yet."""
    if epub is None or not epub.is_file():
        return {"epub_megabytes": None, "kdp_delivery_usd": None}
    megabytes = epub.stat().st_size / (1024 * 1024)
    return {"epub_megabytes": round(megabytes, 3),
            "kdp_delivery_usd": max(0.01, round(megabytes * KDP_DELIVERY_USD_PER_MB, 2))}


def store_json(volume: Volume, epub: Path | None = None) -> str:
    config = volume.config
    data = {"title": config.title, "subtitle": config.subtitle, "series": config.series,
            "series_number": _number(config.series_index), "author": config.author, "language": config.language,
            "publisher": config.publisher, "published": config.published.isoformat() if config.published else None,
            "identifier": config.identifier, "description": description_text(volume), "keywords": keywords(volume),
            "reviews": len(volume.reviews), **delivery(epub)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def kit(volume_dir: Path, out_dir: Path, jobs: int = 1) -> tuple[list[Path], list[Diagnostic]]:
    """Write the kit into `out_dir`; the files written, and the warnings (the paperback's own)."""
    volume = load(volume_dir)
    check_writable(out_dir)
    pages, warnings = paperback_pages(volume, out_dir, jobs)
    wrap, cover_warnings = paperback.cover_pdf(volume, pages)
    texts = {out_dir / f"{volume.name}-rights.csv": rights_csv(volume),
             out_dir / f"{volume.name}-description.txt": description_text(volume),
             out_dir / f"{volume.name}-description.html": description_html(volume),
             out_dir / f"{volume.name}-store.json": store_json(volume, out_dir / f"{volume.name}.epub")}
    files = {path: text.encode("utf-8") for path, text in texts.items()}
    files[out_dir / f"{volume.name}-paperback-cover.pdf"] = wrap
    save(files)
    return list(files), warnings + cover_warnings


def paperback_pages(volume: Volume, out_dir: Path, jobs: int = 1) -> tuple[int, list[Diagnostic]]:
    """The print PDF's page count (laid out with the cache beside `out_dir`, as `reelpress build
    --profile print` lays it out), and its warnings."""
    from pypdf import PdfReader

    from reelpress.commands.build_volume import options_for
    from reelpress.writers.pdf.document import write

    interior = write(volume, options_for(out_dir, "print", jobs))
    return len(PdfReader(io.BytesIO(interior.data)).pages), interior.warnings


def _number(value: float | None):
    return int(value) if value is not None and value == int(value) else value
