"""At most two hyphenated lines in a row: the `hyphenate-limit-lines: 2` WeasyPrint 70 does not have.

WeasyPrint honours `hyphens`, `hyphenate-character`, `hyphenate-limit-chars` and
`hyphenate-limit-zone`, but not `hyphenate-limit-lines`: on a page of short words three or four
lines in a row could end in a hyphen (a "ladder"). WeasyPrint lays a paragraph's lines out one at a
time, from a generator (`iter_line_boxes`, which block layout imports); the wrapper counts the lines
it yields that end in a hyphen, and while the last two did, the next line is laid out with
`hyphens: manual` — the line breaks between words, as a book would set it. The style is changed only
for the duration of each `split_first_line` call and put back at once. A paragraph that continues on
the next page starts counting again there (block layout asks for its lines afresh).
"""

from __future__ import annotations

import weasyprint.layout.block as block_layout
import weasyprint.layout.inline as inline_layout
from weasyprint.formatting_structure.boxes import TextBox

LIMIT = 2
HYPHENS = ("-", "\u2010", "\u00ad")
_original_lines = inline_layout.iter_line_boxes
_state = {"hold": False}


def iter_line_boxes(*args, **kwargs):
    lines = _original_lines(*args, **kwargs)
    streak = 0
    while True:
        outer, _state["hold"] = _state["hold"], streak >= LIMIT
        try:
            line, resume_at = next(lines)
        except StopIteration:
            return
        finally:
            _state["hold"] = outer
        yield line, resume_at
        streak = streak + 1 if ends_in_hyphen(line) else 0


def ends_in_hyphen(line) -> bool:
    """Whether the line's last text ends in a hyphen (a break at a hyphen or a hyphenation)."""
    last = None
    for box in line.descendants():
        if isinstance(box, TextBox) and box.text.strip():
            last = box
    return last is not None and last.text.rstrip().endswith(HYPHENS + (last.style["hyphenate_character"],))


def holding(split_first_line):
    """`split_first_line` that, while two hyphenated lines precede, does not hyphenate automatically."""

    def split(text, style, *args, **kwargs):
        if not _state["hold"] or style["hyphens"] != "auto":
            return split_first_line(text, style, *args, **kwargs)
        style["hyphens"] = "manual"
        try:
            return split_first_line(text, style, *args, **kwargs)
        finally:
            style["hyphens"] = "auto"

    split.holds = True
    return split


def install() -> None:
    """Idempotent: route WeasyPrint's line layout through the counter (after linebreaks.install)."""
    block_layout.iter_line_boxes = iter_line_boxes
    if not getattr(inline_layout.split_first_line, "holds", False):
        inline_layout.split_first_line = holding(inline_layout.split_first_line)
