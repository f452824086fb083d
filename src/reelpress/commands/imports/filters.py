"""`--category`, `--since` and `--until`: a blog holds more than film reviews.

A post that does not pass is skipped with the reason in the report, never silently left out. A
category matches a post's category, tag or label by name or by its slug ("Film Reviews" and
"film-reviews" are one category). `--since` and `--until` include the days they name; a post
without a date does not pass a date filter.
"""

from __future__ import annotations

from reelpress.model import Post
from reelpress.util.xhtml import slugify


def select(found: list[Post], options) -> None:
    """Mark the posts the filters leave out (`post.skip`), with why."""
    wanted = {slugify(name, name.casefold()) for name in options.categories}
    for post in found:
        if post.skip:
            continue
        if wanted and not wanted & {slugify(tag, tag.casefold()) for tag in post.tags}:
            post.skip = f"not in {_names(options.categories)} (its tags: {', '.join(post.tags) or 'none'})"
        elif (options.since or options.until) and post.published is None:
            post.skip = "no date, and --since/--until was given"
        elif options.since and post.published < options.since:
            post.skip = f"published {post.published}, before --since {options.since}"
        elif options.until and post.published > options.until:
            post.skip = f"published {post.published}, after --until {options.until}"


def _names(categories) -> str:
    return " or ".join(f"--category {name!r}" for name in categories)
