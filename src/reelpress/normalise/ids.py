"""Ids pass: every id is unique in the whole book and stable across builds.

Ids are prefixed with the review's anchor and `_` (`vertigo_fn-1`; slugs never contain `_`, so no
review's ids can clash with another's), made XML-safe, and de-duplicated within
the review (a duplicate is reported: links to it would be ambiguous). Headings get ids from their text
so the contents can point at them, and `#part-one` in the source finds the heading "Part one" as
Markdown writers expect. `#fragment` links inside the review follow the renaming.
"""

from __future__ import annotations

from reelpress.normalise.headings import LEVELS
from reelpress.util.xhtml import local, q, slugify, text_of


def run(body, ctx) -> None:
    prefix = ctx.review.id_prefix
    renamed: dict[str, str] = {}
    taken: set[str] = {ctx.review.anchor, f"{prefix}title"}
    for element in body.iter():
        old = element.get("id")
        if old is not None:
            rest = old[len(prefix):]
            kept = old.startswith(prefix) and rest and slugify(rest) == rest and old not in taken
            new = old if kept else _unique(prefix + slugify(old, "id"), taken)
            if old in renamed:
                ctx.warn("RP032", f"id `{old}` is used twice in this review; links go to the first one",
                         f'id="{old}"', f"{{#{old}")
            else:
                renamed[old] = new
            element.set("id", new)
            taken.add(new)
    for heading in body.iter():
        if local(heading) in LEVELS[1:] and heading.get("id") is None:
            name = slugify(text_of(heading), "section")
            new = _unique(prefix + name, taken)
            heading.set("id", new)
            taken.add(new)
            renamed.setdefault(name, new)  # so `[see](#part-one)` finds the heading "Part one"
    for link in body.iter(q("a")):
        href = link.get("href", "")
        if href.startswith("#") and href[1:] in renamed:
            link.set("href", "#" + renamed[href[1:]])


def _unique(candidate: str, taken: set[str]) -> str:
    new, counter = candidate, 2
    while new in taken:
        new, counter = f"{candidate}-{counter}", counter + 1
    return new
