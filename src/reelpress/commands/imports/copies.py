"""One review, many copies: a post imported from a second platform that the volume already holds.

A critic blogged a review, then moved it to Medium, then to Substack. A post is a copy of a review in
the volume when it links to it as its canonical address (its keys include the review's source_url),
or has the same title and was published within WINDOW_DAYS of it (or either has no date). One copy is
kept: the earliest, unless `--prefer PLATFORM` names the platform whose copy wins. The report says
which copy was kept and where the other was. A review the critic wrote by hand (not imported) is never
replaced by a copy, whatever its date.
"""

from __future__ import annotations

from dataclasses import dataclass

from reelpress.commands.imports.cleanup import url_key
from reelpress.commands.imports.existing import Copy, Existing
from reelpress.model import Post
from reelpress.normalise.semantics import title_key

WINDOW_DAYS = 3 * 366
NAMES = {"medium": "Medium", "substack": "Substack", "html": "a saved page", "wordpress": "WordPress",
         "blogger": "Blogger", "ghost": "Ghost", "letterboxd": "Letterboxd"}


@dataclass(frozen=True)
class Decision:
    replace: bool  # True: the post replaces the copy in `file`; False: the post is skipped
    file: str
    reason: str


def decide(post: Post, kind: str, existing: Existing, prefer: str | None) -> Decision | None:
    """None when `post` is not a copy of a review from another platform."""
    copy = _copy_of(post, existing)
    if copy is None or copy.platform == kind:
        return None
    where = f"{NAMES.get(copy.platform or '', 'written by hand')}" + (f", {copy.published}" if copy.published
                                                                      else "") + (f", {copy.source_url}" if
                                                                                  copy.source_url else "")
    this = f"{NAMES.get(kind, kind)}" + (f", {post.published}" if post.published else "") + (
        f", {post.source_url}" if post.source_url else "")
    other_preferred = prefer is not None and prefer == copy.platform
    if prefer == kind or (not other_preferred and _earlier(post, copy)):
        if copy.platform is None:
            return Decision(False, copy.file, f"a copy of {copy.file} ({where}); that review was written by "
                                              f"hand and is kept, this copy ({this}) is not imported")
        why = "--prefer" if prefer == kind else "the earliest copy"
        return Decision(True, copy.file, f"{why}: replaces the copy from {where}")
    why = f"--prefer {prefer}" if other_preferred else "the earliest copy" if _earlier(copy, post) \
        else "the copy already in the volume (no earlier date is known)"
    return Decision(False, copy.file, f"a copy of {copy.file} ({where}), kept as {why}; this copy: {this}")


def _copy_of(post: Post, existing: Existing) -> Copy | None:
    own = url_key(post.source_url) if post.source_url else None
    for key in post.keys:
        file = existing.by_source.get(key)
        if file and key != own:
            return existing.copies.get(file)
    file = existing.by_title.get(title_key(post.title))
    copy = existing.copies.get(file) if file else None
    if copy and (copy.published is None or post.published is None
                 or abs((copy.published - post.published).days) <= WINDOW_DAYS):
        return copy
    return None


def _earlier(first, second) -> bool:
    """Is `first` (a post or a copy) known to be published before `second`?"""
    return first.published is not None and second.published is not None and first.published < second.published
