"""Links pass (volume-wide): links between reviews become internal links, and every link must land.

A relative link to another review's source file (`02-vertigo.md`, `vertigo.md#the-tower`) becomes a
link to that review's id in the book, which the EPUB writer turns into a link between files and the
PDF into a link within the document. A `#fragment` that names no id in the book is an error: it would
be a dead link on every reading system; one written against a review's former id (`#2001-a-space-odyssey`,
from before ids began with a letter) is pointed at the new one.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from reelpress.errors import Collector
from reelpress.model import Review
from reelpress.util.textfile import position
from reelpress.util.xhtml import q, slugify


def run(reviews: list[Review], volume_dir: Path, report: Collector) -> None:
    by_path = {review.path.resolve(): review for review in reviews}
    ids = _all_ids(reviews, report)
    for review in reviews:
        for link in review.body.iter(q("a")):
            href = link.get("href")
            if href is None or urlsplit(href).scheme:
                continue
            target = _internal(href, review, by_path) if not href.startswith("#") else _renamed(href[1:], reviews)
            if target is None or target not in ids:
                report.error(review.path, "RP033", _message(href, target), _line(review, href))
            else:
                link.set("href", f"#{target}")


def _all_ids(reviews: list[Review], report: Collector) -> set[str]:
    """Every id in the book; an id found twice is an error naming both files."""
    owner: dict[str, Review] = {}
    for review in reviews:
        found = [review.anchor, f"{review.id_prefix}title"]
        found += [e.get("id") for e in review.body.iter() if e.get("id") is not None]
        for id_ in found:
            if id_ in owner and owner[id_] is not review:
                report.error(review.path, "RP032", f"id `{id_}` is also used in {owner[id_].path}")
            owner.setdefault(id_, review)
    return set(owner)


def _renamed(target: str, reviews: list[Review]) -> str:
    """The id a `#fragment` stands for now: a review whose slug starts with a digit had the slug as
    its id (`#2001-a-space-odyssey`, `#2001-a-space-odyssey_the-pace`) before ids began with a letter."""
    for review in reviews:
        if review.stem != review.anchor and (target == review.stem or target.startswith(f"{review.stem}_")):
            return review.anchor + target[len(review.stem):]
    return target


def _internal(href: str, review: Review, by_path: dict[Path, Review]) -> str | None:
    """The book id a relative link to another review's source file stands for (None: not a review)."""
    parts = urlsplit(href)
    other = by_path.get((review.path.parent / unquote(parts.path)).resolve())
    if other is None:
        return None
    return f"{other.id_prefix}{slugify(parts.fragment)}" if parts.fragment else other.anchor


def _message(href: str, target: str | None) -> str:
    if target is None:
        return f"link {href!r} points to a file that is not a review of this volume"
    return f"link {href!r} points to an id that does not exist in the book"


def _line(review: Review, href: str) -> int | None:
    found = review.text.find(href)
    return position(review.text, found)[0] if found >= 0 else None
