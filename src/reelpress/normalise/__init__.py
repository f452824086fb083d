"""Stage 3, normalise: ordered passes over each review's XHTML body, then checks across the volume.

A pass is a plain function `run(body, ctx)` that edits the tree in place; `PASSES` is the whole list,
in order. Passes report through `ctx` with the source line where it can be found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reelpress.errors import Collector
from reelpress.model import Asset, Review
from reelpress.normalise import bidi, boilerplate, headings, ids, images, links, sanitise, semantics, typography
from reelpress.util.textfile import offset_of_line, position

PASSES = (
    sanitise.run,      # untrusted markup → the allowed elements, attributes and URLs
    semantics.run,     # <i> → <em>, or <cite> for the title of a film in the volume; note roles → epub:type
    boilerplate.run,   # "Thanks for reading! Subscribe…" and other chrome removed, each one reported
    headings.run,      # the title is the only h1; body headings start at h2, no skipped levels
    images.run,        # image references resolved inside the volume; lone images become figures
    typography.run,    # curly quotes, apostrophes, dashes, ellipses, by the book's language; never inside code
    bidi.run,          # right-to-left runs in left-to-right text isolated in <bdi>
    ids.run,           # ids unique in the book (prefixed by the review's anchor); headings get ids
)

VOLUME_PASSES = (
    links.run,         # links between reviews become internal; every #fragment must exist
)


@dataclass
class Context:
    """What a pass may know about the review it works on, and where it reports."""

    review: Review
    volume_dir: Path
    config: object  # reelpress.config.VolumeConfig
    report: Collector
    assets: dict[Path, Asset] = field(default_factory=dict)
    films: frozenset[str] = frozenset()  # every film reviewed in the volume

    def line_of(self, *needles: str) -> int | None:
        """The source line of the first needle found in the review's body, if any."""
        text = self.review.text
        start = offset_of_line(text, self.review.body_line)
        for needle in needles:
            found = text.find(needle, start)
            if found >= 0:
                return position(text, found)[0]
        return None

    def error(self, code: str, message: str, *near: str) -> None:
        self.report.error(self.review.path, code, message, self.line_of(*near) if near else None)

    def warn(self, code: str, message: str, *near: str) -> None:
        self.report.warn(self.review.path, code, message, self.line_of(*near) if near else None)


def normalise_review(review: Review, ctx: Context) -> None:
    """Run every pass, in order, on one review."""
    for run in PASSES:
        run(review.body, ctx)


def films_of(reviews: list[Review]) -> frozenset[str]:
    """Every film the volume reviews: the semantics pass turns their titles into <cite>."""
    return frozenset(review.meta.film for review in reviews if review.meta.film)


def check_volume(reviews: list[Review], volume_dir: Path, report: Collector) -> None:
    """The passes across the volume, once every review is normalised."""
    for run in VOLUME_PASSES:
        run(reviews, volume_dir, report)
