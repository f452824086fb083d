"""`reelpress stats`: a volume or a series in numbers — reviews, words, reading time, pages, films."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from reelpress.book.reading import reading_minutes
from reelpress.build import load
from reelpress.config import load_series, series_volumes
from reelpress.util.xhtml import word_count
from reelpress.writers.pdf.layout import estimated_pages


def volume_stats(volume_dir: Path, dist: Path) -> dict:
    volume = load(volume_dir)
    counts = {review.meta.title: word_count(review.body) for review in volume.reviews}
    words = sum(counts.values())
    ratings = [r.meta.rating for r in volume.reviews if r.meta.rating is not None]
    decades = Counter(f"{r.meta.year // 10 * 10}s" for r in volume.reviews if r.meta.year)
    built = dist / f"{volume.name}.pdf"
    actual = None
    if built.is_file():
        from pypdf import PdfReader
        actual = len(PdfReader(built).pages)
    longest = max(counts, key=counts.get) if counts else None
    shortest = min(counts, key=counts.get) if counts else None
    return {"volume": volume.name, "title": volume.config.title, "reviews": len(volume.reviews), "words": words,
            "reading_minutes": reading_minutes(words),
            "estimated_pages": estimated_pages(words, len(volume.reviews)),
            "actual_pages": actual, "films_per_decade": dict(sorted(decades.items())),
            "average_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
            "longest": {"title": longest, "words": counts[longest]} if longest else None,
            "shortest": {"title": shortest, "words": counts[shortest]} if shortest else None}


def stats(target: Path, dist: Path = Path("dist")) -> list[dict]:
    series = load_series(target)
    folders = series_volumes(target, series) if series else [target]
    return [volume_stats(folder, dist) for folder in folders]


def as_json(found: list[dict]) -> str:
    return json.dumps(found, indent=2, ensure_ascii=False) + "\n"


def as_table(found: list[dict]) -> str:
    lines = []
    for item in found:
        pages = f"{item['actual_pages']} (built)" if item["actual_pages"] else f"about {item['estimated_pages']}"
        rows = [("reviews", item["reviews"]), ("words", f"{item['words']:,}"),
                ("reading time", f"{item['reading_minutes']} min"), ("pages", pages),
                ("average rating", item["average_rating"] if item["average_rating"] is not None else "-"),
                ("films per decade", ", ".join(f"{d} {n}" for d, n in item["films_per_decade"].items()) or "-")]
        if item["longest"]:
            rows += [("longest", f"{item['longest']['title']} ({item['longest']['words']:,} words)"),
                     ("shortest", f"{item['shortest']['title']} ({item['shortest']['words']:,} words)")]
        lines.append(f"{item['volume']}: {item['title']}")
        lines += [f"  {label:<17} {value}" for label, value in rows]
    if len(found) > 1:
        total = sum(item["words"] for item in found)
        lines.append(f"series: {len(found)} volumes, {sum(i['reviews'] for i in found)} reviews, {total:,} words")
    return "\n".join(lines) + "\n"
