"""Python-Markdown extensions that make it read lists, headings and line breaks the way CommonMark and
GitHub do, where critics' editors (Obsidian, iA Writer, Typora, GitHub) show them so.

- `ListLines`, a preprocessor: a list may follow a paragraph with no blank line between them, and a
  list nested by two or three spaces (its marker under the parent item's text, CommonMark's rule) is
  nested, as one nested by four. It rewrites each list's indentation to Python-Markdown's four spaces a
  level, and puts a blank line between a paragraph and the list that interrupts it.
- A backslash at the end of a line is a line break (`<br>`), as two spaces are.
- Inline raw HTML is only what CommonMark calls a tag (`<em>`, `</a>`, `<!-- … -->`): Python-Markdown
  takes any `<…>` for one, so `<localhost:5001/foo>` or `<foo.bar.baz>` vanished from the text.
- `<scheme:address>` is a link for any scheme, as in CommonMark (the sanitiser then keeps only safe ones,
  their text staying when the link goes).

Headings need a space after the `#` (pymdownx.saneheaders), so "#1 on my list" stays text.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.inlinepatterns import AutolinkInlineProcessor, HtmlInlineProcessor, SubstituteTagInlineProcessor
from markdown.preprocessors import Preprocessor

#: A list item's first line: indentation, marker, the spaces after it, its text.
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
#: Lines that start a block of their own, so they are never a paragraph's continuation.
_NOT_TEXT = re.compile(r"^ {0,3}(?:#{1,6}(?: |$)|>|```|~~~|<|\|)|^\s*$|^\x02")
TAB = 4

_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
#: CommonMark's raw HTML (spec 6.6): open and closing tags, comments, processing instructions,
#: declarations and CDATA; Python-Markdown's own pattern takes `<` followed by any letter for a tag.
RAW_HTML = (r"(<[A-Za-z][A-Za-z0-9-]*(?:" + _ATTRIBUTE + r")*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>"
            r"|<!-->|<!--->|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>)")
#: CommonMark's URI autolink: a scheme of 2 to 32 characters, then anything but spaces and `<>`.
AUTOLINK = r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"


class _Lists:
    """The open list items, as the column their text starts at (CommonMark's content column)."""

    def __init__(self) -> None:
        self.columns: list[int] = []

    def depth_of(self, indent: int) -> int:
        """How many open items a line indented by `indent` spaces is inside."""
        return sum(1 for column in self.columns if indent >= column)


class ListLines(Preprocessor):
    """Re-indent lists to four spaces a level, and open a list that interrupts a paragraph."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        lists = _Lists()
        previous = ""  # "", "text", "item" or "other": what the last non-blank line was
        paragraph_from_item = False
        blank_before = True
        for line in lines:
            if not line.strip():
                out.append(line)
                blank_before = True
                continue
            item = _item(line, lists, blank_before, previous)
            if item is not None:
                indent, marker, text = item
                while lists.columns and indent < lists.columns[-1]:
                    lists.columns.pop()
                depth = len(lists.columns)
                if previous == "text" and not blank_before and not (paragraph_from_item and depth <= self._owner):
                    out.append("")
                lists.columns.append(indent + len(marker) + _gap(line, indent, marker))
                out.append(" " * (TAB * depth) + marker.replace(")", ".") + " " + text)
                previous, paragraph_from_item, self._owner = "item", True, depth
            else:
                out.append(self._other(line, lists, blank_before, previous))
                if previous != "text" or blank_before:
                    paragraph_from_item = previous == "item" and not blank_before
                previous = "other" if _NOT_TEXT.match(line) else "text"
            blank_before = False
        return out

    _owner = 0

    def _other(self, line: str, lists: _Lists, blank_before: bool, previous: str) -> str:
        """A line that is not a list item: moved to the indentation of the item it belongs to."""
        if not lists.columns:
            return line
        indent = len(line) - len(line.lstrip(" "))
        depth = lists.depth_of(indent)
        if depth == 0:
            if blank_before or previous not in ("text", "item") or _NOT_TEXT.match(line):
                lists.columns.clear()  # the list has ended
            return line  # a lazy continuation line keeps its place in the paragraph
        extra = indent - lists.columns[depth - 1]
        del lists.columns[depth:]
        return " " * (TAB * depth + extra) + line.lstrip(" ")


def _item(line: str, lists: _Lists, blank_before: bool, previous: str):
    """(indent, marker, text) when `line` starts a list item, else None."""
    match = _ITEM.match(line)
    if match is None or _RULE.match(line):
        return None
    indent, marker, text = len(match[1]), match[2], match[4]
    limit = (lists.columns[-1] if lists.columns else 0) + 3
    if indent > limit:
        return None  # indented code, or a paragraph's continuation
    if not lists.columns and previous == "text" and not blank_before:
        # CommonMark: only a non-empty bullet item or an ordered list starting at 1 interrupts a paragraph
        if not text.strip() or (marker[0].isdigit() and int(marker[:-1]) != 1):
            return None
    return indent, marker, text


def _gap(line: str, indent: int, marker: str) -> int:
    """The spaces between a marker and its text that belong to the marker (1 to 4; 1 before code)."""
    spaces = len(line) - len(line[indent + len(marker):].lstrip(" ")) - indent - len(marker)
    return spaces if 1 <= spaces <= 4 else 1


class CommonMarkExtension(Extension):
    """The preprocessor and the hard line break, registered with Python-Markdown."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(ListLines(md), "reelpress_list_lines", 15)
        # after raw HTML (90), so a backslash at a line's end inside a tag's attribute stays itself
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"\\\n", "br"), "reelpress_hard_break", 85)
        md.inlinePatterns.register(HtmlInlineProcessor(RAW_HTML, md), "html", 90)
        md.inlinePatterns.register(AutolinkInlineProcessor(AUTOLINK, md), "autolink", 120)
