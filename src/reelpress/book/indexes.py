"""Generated indexes, from the model: films, directors, and (optionally) years and ratings.

Films are alphabetised the way film books in the book's language do it (collation.py: a leading
article of the language is ignored, letters sort as its alphabet sorts), then by year; an original
title is listed as a cross-reference to the film; directors file by surname ("Sica, Vittorio De" would be wrong: particles stay with
the surname, "De Sica, Vittorio"). Every entry points at the review (an id in the book); writers turn
that into a link (EPUB) or a page number (PDF), with the volume number in an omnibus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reelpress.book.collation import Collator
from reelpress.book.strings import Strings
from reelpress.model import Review

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
    lang: str | None = None  # the term's language when it is not the book's (an original title)
    see: str | None = None  # a cross-reference: the title the term is filed under ("七人の侍 → Seven Samurai")


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


TITLES = {"films": "index_films", "directors": "index_directors", "years": "index_years",
          "ratings": "index_ratings"}  # keys of the book's words (book/strings.py)


def build_indexes(reviews: list[Review], settings, volumes: dict[str, float] | None = None,
                  pages: dict[str, int] | None = None, language: str = "en",
                  words: Strings | None = None) -> tuple[Index, ...]:
    """The indexes `settings` asks for, sorted the way `language` sorts; `volumes` maps review
    anchors to volume numbers (omnibus), `pages` to page numbers already known (a series index over
    separately printed volumes)."""
    volumes, pages = volumes or {}, pages or {}
    make_ref = lambda r: Ref(r.anchor, r.meta.title, volumes.get(r.anchor), pages.get(r.anchor))
    collator = Collator(language, getattr(settings, "articles", None))
    words = words or Strings(language)
    films = [r for r in reviews if r.meta.film]
    builders = {"films": _films, "directors": _directors, "years": _years, "ratings": _ratings}
    found = []
    for key, build in builders.items():
        if getattr(settings, key) and films:
            groups = build(films, make_ref, collator, words)
            if groups:
                found.append(Index(key, words(TITLES[key]), f"index-{key}", groups))
    return tuple(found)


def _film_detail(review: Review, with_director: bool = True) -> str:
    parts = [f"({review.meta.year})" if review.meta.year else ""]
    if with_director and review.meta.director:
        parts.append(review.meta.director)
    return ", ".join(p for p in parts if p)


def _grouped(entries: list[tuple[object, str, Entry]]) -> tuple[Group, ...]:
    """Entries given as (sort key, group label, entry), grouped in sorted order."""
    groups: dict[str, list[Entry]] = {}
    for _, label, entry in sorted(entries, key=lambda found: found[0]):
        groups.setdefault(label, []).append(entry)
    return tuple(Group(name, tuple(items)) for name, items in groups.items())


def _films(films: list[Review], make_ref, collator: Collator, words: Strings) -> tuple[Group, ...]:
    merged: dict[tuple[str, int | None], list[Review]] = {}
    for review in films:
        merged.setdefault((review.meta.film, review.meta.year), []).append(review)
    entries = [((collator.key(film), year or 0), collator.letter(film),
                Entry(film, _film_detail(reviews[0]), tuple(make_ref(r) for r in reviews)))
               for (film, year), reviews in merged.items()]
    originals = {(r.meta.original_title, r.meta.film): r for r in films
                 if r.meta.original_title and r.meta.original_title != r.meta.film}
    entries += [((collator.key(original), review.meta.year or 0), collator.letter(original),
                 Entry(original, refs=(make_ref(review),), lang=review.meta.original_language, see=film))
                for (original, film), review in originals.items()]
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


def filed_as(review: Review) -> list[str]:
    """How each director of the film files: `director_sort` (its names joined as `director` is) when
    given, else each name inverted ("surname, given names")."""
    names = directors_of(review.meta.director or "")
    if review.meta.director_sort:
        given = [n.strip() for n in review.meta.director_sort.split(";") if n.strip()]
        if len(given) == len(names):
            return given
    return [inverted(name) for name in names]


def _directors(films: list[Review], make_ref, collator: Collator, words: Strings) -> tuple[Group, ...]:
    by_name: dict[str, list[Review]] = {}
    for review in films:
        for name in filed_as(review):
            by_name.setdefault(name, []).append(review)
    entries = []
    for name, reviews in by_name.items():
        children = tuple(Entry(r.meta.film, _film_detail(r, False), (make_ref(r),))
                         for r in sorted(reviews, key=lambda r: (r.meta.year or 0, collator.key(r.meta.film))))
        names = Collator(collator.language, ())  # a surname is not an article: "De Sica" files under D
        entries.append((names.key(name), names.letter(name), Entry(name, children=children)))
    return _grouped(entries)


def _years(films: list[Review], make_ref, collator: Collator, words: Strings) -> tuple[Group, ...]:
    dated = [r for r in films if r.meta.year]
    entries = [((r.meta.year, collator.key(r.meta.film)), words("decade", decade=f"{str(r.meta.year)[:3]}0"),
                Entry(r.meta.film, f"({r.meta.year}), {r.meta.director}" if r.meta.director else f"({r.meta.year})",
                      (make_ref(r),))) for r in dated]
    return _grouped(entries)


def _ratings(films: list[Review], make_ref, collator: Collator, words: Strings) -> tuple[Group, ...]:
    rated = [r for r in films if r.meta.rating is not None]
    entries = [((-r.meta.rating, collator.key(r.meta.film)), _stars(r.meta.rating, words),
                Entry(r.meta.film, _film_detail(r), (make_ref(r),))) for r in rated]
    return _grouped(entries)


def _stars(rating: float, words: Strings) -> str:
    return "\u2605" * int(rating) + ("\u00bd" if rating % 1 else "") if rating else words("no_stars")
