"""A guarded fix for one WeasyPrint line-breaking bug that ruins justified book pages.

When a text run ends with a space just before an inline element (`… owes something to <em>Seven
Samurai</em>`) and the run fits the line only once that trailing space is ignored, WeasyPrint 70's
`split_first_line` measures the space, decides the line "can't be split earlier", and hyphenates the
*first* word of the paragraph instead: the page shows a line holding only "Al-". Reproduced on
WeasyPrint 70.0 / Pango 1.50 (tests/writers/test_weasyfix.py keeps the case).

The wrapper asks WeasyPrint first whether the run fits without its trailing spaces; if it does, the
run is laid out unbroken (the space is collapsed at the line end, as CSS says). Every other call goes
straight through. It wraps the function WeasyPrint's inline layout imports; it does not edit WeasyPrint.
"""

from __future__ import annotations

import math

import weasyprint.layout.inline as inline_layout

_original = inline_layout.split_first_line


def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                     minimum=False):
    if (max_width is not None and max_width != math.inf and text.endswith(" ")
            and style["white_space"] in ("normal", "pre-line")):
        trimmed = text.rstrip(" ")
        if trimmed:
            _, _, resume_index, width, _, _ = _original(trimmed, style, context, max_width,
                                                        justification_spacing, is_line_start, minimum)
            if resume_index is None and width <= max_width:
                return _original(text, style, context, math.inf, justification_spacing, is_line_start,
                                 minimum)
    return _original(text, style, context, max_width, justification_spacing, is_line_start, minimum)


def install() -> None:
    """Idempotent: route WeasyPrint's inline layout through the wrapper."""
    inline_layout.split_first_line = split_first_line
