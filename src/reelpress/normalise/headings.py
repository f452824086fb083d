"""Headings pass: the review title is the chapter's only h1, so body headings start at h2.

The levels a body uses are renumbered in order (a body using h1 and h3 gets h2 and h3), so there are
no skipped levels for screen readers. A first heading that merely repeats the title is dropped: many
Markdown files start with `# Title` although the front matter already gives it.
"""

from __future__ import annotations

from reelpress.util.xhtml import local, q, remove_keeping_tail, slugify, text_of

LEVELS = ("h1", "h2", "h3", "h4", "h5", "h6")


def run(body, ctx) -> None:
    _drop_empty(body)
    _drop_repeated_title(body, ctx.review.meta.title)
    renumber(body)


def _drop_empty(body) -> None:
    """A heading with nothing in it (`#` alone on a line) holds nothing a reader could see."""
    for heading in [h for h in body.iter() if local(h) in LEVELS]:
        if len(heading) == 0 and not (heading.text or "").strip():
            remove_keeping_tail(heading)


def renumber(body) -> None:
    """The levels the body uses, in order, become h2, h3 …"""
    found = [h for h in body.iter() if local(h) in LEVELS]
    used = sorted({int(local(h)[1]) for h in found})
    new_level = {level: min(index + 2, 6) for index, level in enumerate(used)}
    for heading in found:
        heading.tag = q(f"h{new_level[int(local(heading)[1])]}")


def _drop_repeated_title(body, title: str) -> None:
    first = next(iter(body), None)
    if first is None or local(first) not in LEVELS or (body.text or "").strip():
        return
    if slugify(text_of(first)) == slugify(title):
        if first.tail and first.tail.strip():
            body.text = (body.text or "") + first.tail
        body.remove(first)
