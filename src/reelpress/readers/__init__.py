"""Stage 2, read: find a volume's review sources, give each a slug, and read them into `Review`s.

A reader's whole contract is `read(path, slug, text, report) -> Review | None`, chosen by suffix.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from reelpress.errors import Collector, InputError
from reelpress.model import Diagnostic, Review
from reelpress.readers import html, markdown
from reelpress.util.textfile import read_text
from reelpress.util.xhtml import slugify

READERS = {
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
}

REVIEWS_DIR = "reviews"
_PREFIX = re.compile(r"^\d+[-_. ]+(?=.)")


def slug_for(path: Path) -> str:
    """'03-Tokyo Story.md' → 'tokyo-story': the stem, its numeric ordering prefix dropped, slugified."""
    return slugify(_PREFIX.sub("", unicodedata.normalize("NFC", path.stem)))


def find_sources(volume_dir: Path, report: Collector) -> list[tuple[str, Path]]:
    """(slug, path) for every review source, in file name order; bad names and clashes reported."""
    folder = volume_dir / REVIEWS_DIR
    if not folder.is_dir():
        report.error(folder, "RP001", "missing: a volume keeps its reviews in a reviews/ folder")
        return []
    sources: list[tuple[str, Path]] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.suffix.lower() not in READERS:
            continue
        slug = slug_for(path)
        if not slug:
            report.error(path, "RP013", "the file name gives no usable slug; name it after the review, "
                         "e.g. 01-tokyo-story.md")
        elif slug in seen:
            report.error(path, "RP014", f"slug `{slug}` is also the slug of {seen[slug]}; rename one of them")
        else:
            seen[slug] = path
            sources.append((slug, path))
    return sources


def apply_order(sources: list[tuple[str, Path]], order: tuple[str, ...] | None, config_path: Path,
                report: Collector) -> list[tuple[str, Path]]:
    """Put sources in the order `volume.toml` gives; reviews it leaves out follow in file name order."""
    if not order:
        return sources
    by_slug = dict(sources)
    for slug in order:
        if slug not in by_slug:
            report.error(config_path, "RP015", f"`order` names `{slug}`, but no review has that slug "
                         f"(slugs: {', '.join(by_slug) or 'none'})")
    if len(set(order)) != len(order):
        twice = sorted({s for s in order if order.count(s) > 1})
        report.error(config_path, "RP015", f"`order` lists {', '.join(twice)} more than once")
    listed = [(s, by_slug[s]) for s in dict.fromkeys(order) if s in by_slug]
    return listed + [(s, p) for s, p in sources if s not in order]


def ordered_sources(volume_dir: Path, order: tuple[str, ...] | None, report: Collector) -> list[tuple[str, Path]]:
    """(slug, path) of every review source, in the order the book has them."""
    return apply_order(find_sources(volume_dir, report), order, volume_dir / "volume.toml", report)


def read_reviews(volume_dir: Path, order: tuple[str, ...] | None, report: Collector) -> list[Review]:
    """Read every review of the volume; every file's problems are reported before giving up."""
    sources = ordered_sources(volume_dir, order, report)
    reviews = []
    for slug, path in sources:
        text = source_text(path, volume_dir, report)
        review = read_review(path, slug, text, report) if text is not None else None
        if review is not None:
            reviews.append(review)
    check_found(sources, volume_dir, report)
    return reviews


EMPTY_REVIEW = "empty review: it needs front matter with a title, then the text"


def source_text(path: Path, volume_dir: Path, report: Collector, empty: str = EMPTY_REVIEW) -> str | None:
    """The decoded text of a source (a review's, or a matter page's read inside `volume_dir`), or None
    when it cannot be read or is empty: reported, an empty one as RP012 saying `empty`."""
    try:
        text = read_text(path, volume_dir)
    except InputError as error:
        report.absorb(error)
        return None
    if not text.strip():
        report.error(path, "RP012", empty)
        return None
    return text


def read_review(path: Path, slug: str, text: str, report: Collector) -> Review | None:
    """One source's text read by the reader for its suffix; None (reported) when it cannot be."""
    try:
        review = READERS[path.suffix.lower()](path, slug, text, report)
    except InputError as error:
        report.absorb(error)
        return None
    return review if review is None or _has_content(review, report) else None


def check_found(sources: list[tuple[str, Path]], volume_dir: Path, report: Collector) -> None:
    """A volume needs at least one review source."""
    if not sources and not report.errors:
        report.error(volume_dir / REVIEWS_DIR, "RP012", f"no review sources (files ending in "
                     f"{', '.join(READERS)}) in this folder")


def _has_content(review: Review, report: Collector) -> bool:
    """A body with neither text nor elements (a doctype, comments, whitespace) is an error, not a blank chapter."""
    body = review.body
    if len(body) or (body.text or "").strip():
        return True
    # RP104 is the code `reelpress check` gives a built review with no text (checks.rules): the same problem
    report.items.append(Diagnostic(str(review.path), review.body_line, None, "RP104", "error",
                                   "the review has no text after its front matter (only a doctype, comments "
                                   "or whitespace); write the review below the closing ---"))
    return False
