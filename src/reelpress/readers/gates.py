"""Python-Markdown's inline patterns, searched only in text that holds what they need to match.

Python-Markdown runs every inline pattern's regular expression over every piece of text, and several
of them cannot be found by a fast literal scan (a look-behind first: the code span's, magiclink's), so
their search steps through the text position by position even when it holds no backtick or address.
Each pattern below names the characters any match must contain; a text without one of them is not
searched. The list is a necessary condition, not a guess: `tests/readers/test_gates.py` checks it
against each pattern's own expression, so an upgraded library whose pattern changes fails a test
rather than losing a match. A pattern not listed here (another extension's) is always searched.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown

#: The inline pattern's registered name → the strings one of which every match contains. A pattern
#: compiled case-insensitively is checked against the text in lower case.
GATES = {
    "backtick": ("`",),
    "escape": ("\\",),
    "footnote": ("[^",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    "magic-link": ("://", "www."),
    "linebreak": ("\n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "delimiter": ("~",),
}


class GatedPattern:
    """A compiled expression whose `finditer` looks for its triggers before it searches."""

    __slots__ = ("regex", "triggers", "folded")

    def __init__(self, regex: re.Pattern, triggers: tuple[str, ...]):
        self.regex = regex
        self.triggers = triggers
        self.folded = bool(regex.flags & re.IGNORECASE)

    def possible(self, data: str, pos: int = 0) -> bool:
        """Whether a match could start at or after `pos` (False only when none can)."""
        text = data.lower() if self.folded else data
        return any(text.find(trigger, pos) >= 0 for trigger in self.triggers)

    def finditer(self, data: str, pos: int = 0):
        return self.regex.finditer(data, pos) if self.possible(data, pos) else iter(())

    def __getattr__(self, name: str):
        return getattr(self.regex, name)


class GatesExtension(Extension):
    """Wraps the listed inline patterns' expressions; registered after every other extension."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        for name, triggers in GATES.items():
            if name in md.inlinePatterns:
                pattern = md.inlinePatterns[name]
                if isinstance(pattern.compiled_re, re.Pattern):
                    pattern.compiled_re = GatedPattern(pattern.compiled_re, triggers)
