"""Boilerplate pass: paragraphs that are platform chrome or calls to action, not criticism.

Exports and scrapes carry "Thanks for reading! Subscribe for free…", "Share this post", "Loading
comments…". A paragraph (or heading, list item) whose *whole* text matches one of the patterns is
removed and reported, so nothing disappears unnoticed. A volume extends or disables the list:

    [boilerplate]
    patterns = ["Follow me on Letterboxd.*"]
    defaults = true
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from reelpress.util.xhtml import local, remove_keeping_tail, text_of

DEFAULT_PATTERNS = (
    r"thanks?( you)? (so much )?for (reading|watching)\W*(subscribe.*)?",
    r"(please )?(like|subscribe|comment|share)(,? (and |&amp; |& )?(like|subscribe|comment|share))*\W*",
    r"(please )?(like|share|subscribe)( to)? (this|my|the) (post|blog|newsletter|channel)\W*",
    r"loading comments?\W*",
    r"share this (post|article|review)\W*",
    r"subscribe (now|for free|to .*)\W*",
    r"leave a (comment|reply)\W*",
    r"discussion about this post\W*",
    r"(sign up|join|subscribe) (for|to) (my|the|our) (free )?newsletter.*",
    r"follow me on (twitter|x|instagram|facebook|letterboxd|bluesky|threads|mastodon)\b.*",
    r"type your email\W*",
)
BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "div"})


def compile_patterns(config) -> re.Pattern | None:
    """One regular expression for the volume's list (None when the list is empty)."""
    settings = getattr(config, "boilerplate", None)
    if settings is None:
        return _compiled((), True)
    return _compiled(settings.patterns, settings.defaults)


@functools.cache
def _compiled(extra: tuple[str, ...], defaults: bool) -> re.Pattern | None:
    chosen = (DEFAULT_PATTERNS if defaults else ()) + extra
    return re.compile("|".join(f"(?:{p})" for p in chosen), re.IGNORECASE) if chosen else None


def remove(body, pattern: re.Pattern | None, removed: Callable[[str], None]) -> None:
    """Remove every block whose whole text matches; `removed(text)` is told about each one."""
    if pattern is None:
        return
    for element in list(body.iter()):
        if element is body or local(element) not in BLOCKS or element.getparent() is None:
            continue
        if local(element) == "div" and any(local(child) in BLOCKS for child in element):
            continue
        text = text_of(element)
        if text and pattern.fullmatch(text):
            removed(text)
            _drop(element)


def _drop(element) -> None:
    parent = element.getparent()
    remove_keeping_tail(element)
    if local(parent) in ("ul", "ol") and len(parent) == 0 and parent.getparent() is not None:
        _drop(parent)  # a list whose only item was boilerplate


def run(body, ctx) -> None:
    remove(body, compile_patterns(ctx.config),
           lambda text: ctx.warn("RP073", f"removed boilerplate paragraph {text[:70]!r} (see [boilerplate] "
                                 "in volume.toml)", text[:30]))
