"""Generated indexes, from the model: films, directors, and (optionally) years and ratings.

Films are alphabetised the way film books do it — a leading "The", "A" or "An" is ignored, then by
title and year — and directors by surname ("Sica, Vittorio De" would be wrong: particles stay with
the surname, "De Sica, Vittorio"). Every entry points at the review (an id in the book); writers turn
that into a link (EPUB) or a page number (PDF), with the volume number in an omnibus.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reelpress.model import Review

ARTICLES = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "dos", "das"}


@dataclass(frozen=True)
class Ref:
    target: str  # the review's id
    label: str  # the review's title (EPUB locator text)
    volume: float | None = None  # volume number, in an omnibus or a series index
    page: int | None = None  # a known page number (series index: each volume laid out on its own)


@dataclass(frozen=True)
class Entry:
    term: str
    detail: str = ""
    refs: tuple[Ref, ...] = ()
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Group:
    label: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Index:
    key: str
    title: str
    anchor: str
    groups: tuple[Group, ...]


TITLES = {"films": "Index of Films", "directors": "Index of Directors", "years": "Films by Year",
          "ratings": "Films by Rating"}


def build_indexes(reviews: list[Review], settings, volumes: dict[str, float] | None = None,
                  pages: dict[str, int] | None = None) -> tuple[Index, ...]:
    """The indexes `settings` asks for; `volumes` maps review anchors to volume numbers (omnibus),
    `pages` to page numbers already known (a series index over separately printed volumes)."""
    volumes, pages = volumes or {}, pages or {}
    make_ref = lambda r: Ref(r.anchor, r.meta.title, volumes.get(r.anchor), pages.get(r.anchor))
    films = [r for r in reviews if r.meta.film]
    builders = {"films": _films, "directors": _directors, "years": _years, "ratings": _ratings}
    found = []
    for key, build in builders.items():
        if getattr(settings, key) and films:
            groups = build(films, make_ref)
            if groups:
                found.append(Index(key, TITLES[key], f"index-{key}", groups))
    return tuple(found)


def sort_key(title: str) -> str:
    """'The Third Man' → 'third man': articles dropped, accents folded, case ignored."""
    folded = unicodedata.normalize("NFKD", ARTICLES.sub("", title.strip())).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", "", folded).casefold().split())


def _letter(key: str) -> str:
    return key[:1].upper() if key[:1].isalpha() else "0–9"


def _film_detail(review: Review, with_director: bool = True) -> str:
    parts = [f"({review.meta.year})" if review.meta.year else ""]
    if with_director and review.meta.director:
        parts.append(review.meta.director)
    return ", ".join(p for p in parts if p)


def _grouped(entries: list[tuple[str, Entry]], label=_letter) -> tuple[Group, ...]:
    groups: dict[str, list[Entry]] = {}
    for key, entry in sorted(entries, key=lambda pair: pair[0]):
        groups.setdefault(label(key), []).append(entry)
    return tuple(Group(name, tuple(items)) for name, items in groups.items())


def _films(films: list[Review], make_ref) -> tuple[Group, ...]:
    merged: dict[tuple[str, int | None], list[Review]] = {}
    for review in films:
        merged.setdefault((review.meta.film, review.meta.year), []).append(review)
    entries = [(f"{sort_key(film)} {year or 0:04d}",
                Entry(film, _film_detail(reviews[0]), tuple(make_ref(r) for r in reviews)))
               for (film, year), reviews in merged.items()]
    return _grouped(entries)


def directors_of(credit: str) -> list[str]:
    return [name.strip() for name in re.split(r"\s*(?:,|&|\band\b)\s*", credit) if name.strip()]


def inverted(name: str) -> str:
    """'Vittorio De Sica' → 'De Sica, Vittorio'; 'Alfred Hitchcock' → 'Hitchcock, Alfred'."""
    words = name.split()
    if len(words) < 2:
        return name
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    return f"{' '.join(words[start:])}, {' '.join(words[:start])}"


def _directors(films: list[Review], make_ref) -> tuple[Group, ...]:
    by_name: dict[str, list[Review]] = {}
    for review in films:
        for name in directors_of(review.meta.director or ""):
            by_name.setdefault(name, []).append(review)
    entries = []
    for name, reviews in by_name.items():
        children = tuple(Entry(r.meta.film, _film_detail(r, False), (make_ref(r),))
                         for r in sorted(reviews, key=lambda r: (r.meta.year or 0, sort_key(r.meta.film))))
        entries.append((sort_key(inverted(name)), Entry(inverted(name), children=children)))
    return _grouped(entries)


def _years(films: list[Review], make_ref) -> tuple[Group, ...]:
    dated = [r for r in films if r.meta.year]
    entries = [(f"{r.meta.year:04d} {sort_key(r.meta.film)}",
                Entry(r.meta.film, f"({r.meta.year}), {r.meta.director}" if r.meta.director else f"({r.meta.year})",
                      (make_ref(r),))) for r in dated]
    return _grouped(entries, label=lambda key: f"{key[:3]}0s")


def _ratings(films: list[Review], make_ref) -> tuple[Group, ...]:
    rated = [r for r in films if r.meta.rating is not None]
    entries = [(f"{10 - int(r.meta.rating * 2):02d} {sort_key(r.meta.film)}",
                Entry(r.meta.film, _film_detail(r), (make_ref(r),))) for r in rated]
    return _grouped(entries, label=lambda key: _stars(5 - int(key[:2]) / 2))


def _stars(rating: float) -> str:
    return "\u2605" * int(rating) + ("\u00bd" if rating % 1 else "") if rating else "no stars"
