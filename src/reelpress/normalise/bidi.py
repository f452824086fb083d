"""Right-to-left runs isolated: in a left-to-right book, each run of Hebrew, Arabic, Persian (and the
other right-to-left scripts) inside the text is wrapped in `<bdi>`, so that the punctuation and
numbers around it keep their places ("طعم گیلاس (1997), a film…" would otherwise print its year to
the left). Reading systems isolate `<bdi>` (HTML's default `unicode-bidi: isolate`); the PDF lays it
out as its own inline box. A book whose own language is right-to-left is left alone, and so is text
already inside `<bdi>` or an element with `dir`.
"""

from __future__ import annotations

import re

import lxml.etree as etree

from reelpress.util.runs import wrap_runs
from reelpress.util.xhtml import local, q

RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr"}
_STRONG = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"  # Hebrew, Arabic, Syriac, Thaana, NKo and their forms
_WITHIN = _STRONG + "\u0300-\u036f\u200c\u200d\u060c\u061b\u061f\u066a-\u066d\u06d4 \u00a0"
RUN = re.compile(f"[{_STRONG}](?:[{_WITHIN}]*[{_STRONG}])?")


def run(body, ctx) -> None:
    if ctx.config.language.split("-")[0] in RTL_LANGUAGES:
        return

    def isolate(text: str):
        element = etree.Element(q("bdi"))
        element.text = text
        return element

    wrap_runs(body, RUN, isolate, skip=_isolated)


def _isolated(element) -> bool:
    return local(element) == "bdi" or element.get("dir") is not None or any(
        local(parent) == "bdi" or parent.get("dir") is not None for parent in element.iterancestors()
        if isinstance(parent.tag, str))
