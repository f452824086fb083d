"""Emoji in the printed tree: each run of characters that only the emoji font has (with the joiners,
variation selectors, skin-tone modifiers and tags that build an emoji sequence) is wrapped in
`<span class="rp-emoji">`, the one place the emoji font is asked for (fonts.py says why)."""

from __future__ import annotations

import re

import lxml.etree as etree

from reelpress.util.runs import wrap_runs
from reelpress.util.xhtml import q

JOINERS = ("\u200d\ufe0e\ufe0f\u20e3" + "".join(map(chr, range(0x1F3FB, 0x1F400)))
           + "".join(map(chr, range(0xE0020, 0xE0080))))


def mark(root, plain: frozenset[int], emoji: frozenset[int]) -> int:
    """Wrap the emoji runs of `root` (`plain`: what the other fonts cover); how many were wrapped."""
    chars = set()
    for text in root.itertext():
        chars.update(text)
    only = "".join(sorted(c for c in chars if ord(c) in emoji and ord(c) not in plain and c not in JOINERS))
    if not only:
        return 0
    run = re.compile(f"[{re.escape(only)}][{re.escape(only + JOINERS)}]*")

    def span(text: str):
        element = etree.Element(q("span"), {"class": "rp-emoji"})
        element.text = text
        return element

    return wrap_runs(root, run, span, skip=lambda element: element.get("class") == "rp-emoji")
