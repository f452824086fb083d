"""Letterboxd's data export (a zip from Settings → Data → Export) → reviews.

The zip holds CSV files: `reviews.csv` (Date, Name, Year, Letterboxd URI, Rating, Rewatch, Review,
Tags, Watched Date), `diary.csv`, `ratings.csv`, `watched.csv`, `profile.csv` … Each row of
reviews.csv with text becomes a review with `film`, `year`, `rating` (0.5–5, as Letterboxd gives it),
`published` (Date), `watched` (Watched Date), `rewatch`, `tags` and the Letterboxd address as
`source_url`. The review's text is Letterboxd's: a blank line between paragraphs, a newline for a line
break, and `<i>`, `<b>`, `<blockquote>`, `<br>` and links; a rewatch gets its own slug and title.
Diary entries, ratings and watched films without a review are not reviews: they are counted in the
report. A value Letterboxd would never write (a rating of 7, a year of 20000) is left out with a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

from reelpress.errors import fail
from reelpress.commands.imports.archive import read_archive
from reelpress.commands.imports.cleanup import url_key
from reelpress.commands.imports.pages import parse_part
from reelpress.commands.imports.wp_content import wpautop
from reelpress.model import Post
from reelpress.util.xhtml import slugify

MAX_ROWS = 100_000
FILES = ("reviews.csv", "diary.csv", "ratings.csv", "watched.csv", "profile.csv")
COUNTED = {"diary.csv": "diary entries without a review", "ratings.csv": "ratings without a review",
           "watched.csv": "watched films without a review"}


def posts(source: Path, drafts: bool = False, **_options) -> list[Post]:
    if source.suffix.lower() == ".csv":
        tables = {"reviews.csv": _rows(source.name, source.read_bytes(), source)}
    else:
        archive = read_archive(source, lambda name: name.rsplit("/", 1)[-1].lower() in FILES)
        tables = {name.rsplit("/", 1)[-1].lower(): _rows(name, data, source) for name, data in archive.files.items()}
    if "reviews.csv" not in tables:
        fail(source, "RP078", "no reviews.csv in the archive: is this a Letterboxd export?")
    author = next((" ".join(f"{r.get('Given Name', '')} {r.get('Family Name', '')}".split())
                   for _, r in tables.get("profile.csv", [])), "") or None
    found = [_post(row, line, source, author) for line, row in tables["reviews.csv"]]
    _distinct(found)
    reviewed = {url_key(p.source_url or "") for p in found if not p.skip} | {
        (p.meta.get("film"), p.meta.get("year")) for p in found}
    for name, what in COUNTED.items():
        rest = [row for _, row in tables.get(name, []) if not _has_review(row, reviewed)]
        if rest:
            found.append(Post(origin=f"{source.name}:{name}", title=f"{what.capitalize()} ({len(rest)})",
                              body=parse_part("", source), slug="not-a-review",
                              skip=f"rows of {name} without text are not reviews"))
    return found


def _rows(name: str, data: bytes, source: Path) -> list[tuple[int, dict]]:
    text = data.decode("utf-8-sig", "replace").replace("\x00", "")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows, start = [], 2
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                fail(source, "RP079", f"{name}: more than {MAX_ROWS:,} rows; the limit is {MAX_ROWS:,}")
            start, line = reader.line_num + 1, start
            rows.append((line, {str(k).strip(): (v if isinstance(v, str) else "") for k, v in row.items()}))
    except csv.Error as exc:
        fail(source, "RP079", f"{name} line {start}: not readable as CSV ({exc}); a field's limit is "
                              f"{csv.field_size_limit():,} characters")
    return rows


def _has_review(row: dict, reviewed: set) -> bool:
    return url_key(row.get("Letterboxd URI") or "") in reviewed or (row.get("Name"), _year(row, [])) in reviewed


def _post(row: dict, line: int, source: Path, author: str | None) -> Post:
    warnings: list[str] = []
    film = " ".join((row.get("Name") or "").split())
    text = (row.get("Review") or "").strip()
    url = (row.get("Letterboxd URI") or "").strip()
    url = url if url.startswith(("https://", "http://")) else None
    watched = _date(row.get("Watched Date"), "Watched Date", warnings)
    meta = {"film": film or None, "year": _year(row, warnings), "rating": _rating(row, warnings),
            "watched": watched, "rewatch": True if (row.get("Rewatch") or "").strip().lower() == "yes" else None}
    title = film or "Untitled"
    if meta["rewatch"]:
        title += f" (rewatched{' ' + str(watched) if watched else ''})"
    tags = tuple(dict.fromkeys(t.strip() for t in (row.get("Tags") or "").split(",") if t.strip()))
    post = Post(origin=f"{source.name}:reviews.csv line {line}", title=title,
                body=parse_part(wpautop(text), source), slug=slugify(film, "untitled"),
                published=_date(row.get("Date"), "Date", warnings), source_url=url, author=author,
                keys=frozenset({url_key(url)} if url else ()), warnings=warnings, tags=tags, meta=meta)
    if not text:
        post.skip = "no review text (a rating or log entry)"
    return post


def _distinct(found: list[Post]) -> None:
    """Two reviews of one film (a rewatch): every one after the first is told apart by its date."""
    seen: set[str] = set()
    for post in found:
        if post.skip:
            continue
        if post.slug in seen:
            when = post.meta.get("watched") or post.published
            post.slug = f"{post.slug}-{when}" if when else post.slug
        seen.add(post.slug)


def _year(row: dict, warnings: list[str]) -> int | None:
    value = (row.get("Year") or "").strip()
    if value.isdigit() and 1870 <= int(value) <= 2100:
        return int(value)
    if value:
        warnings.append(f"RP079 Year {value[:20]!r} is not a film's year; left out")
    return None


def _rating(row: dict, warnings: list[str]) -> float | None:
    value = (row.get("Rating") or "").strip()
    try:
        rating = float(value) if value else None
    except ValueError:
        rating = -1.0
    rating = rating if rating is None or math.isfinite(rating) else -1.0
    if rating is not None and not (0.5 <= rating <= 5 and rating * 2 == int(rating * 2)):
        warnings.append(f"RP079 Rating {value[:20]!r} is not 0.5 to 5 stars in halves; left out")
        return None
    return int(rating) if rating is not None and rating == int(rating) else rating


def _date(value: str | None, column: str, warnings: list[str]) -> dt.date | None:
    value = (value or "").strip()
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        warnings.append(f"RP079 {column} {value[:20]!r} is not a date (YYYY-MM-DD); left out")
        return None
