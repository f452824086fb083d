"""Where a Markdown body still reads otherwise than a critic's editor shows it, say so at the line.

The reader follows CommonMark for what critics write (see `commonmark.py`); what it cannot follow is
found in its output as the text it left: a paragraph with a line that looks like a list item, or a
code fence that stayed text. Each becomes an RP037 warning with the fix, never a silent difference.
"""

from __future__ import annotations

import re
from pathlib import Path

from reelpress.errors import Collector
from reelpress.util.textfile import offset_of_line, position
from reelpress.util.xhtml import local, q

_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_SOURCE_LIST_LINE = re.compile(r"\n[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
#: A code fence Python-Markdown does not read: indented (in a list) or in a quote.
_FENCE_LINE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?<=[ \t>])(?:`{3,}|~{3,})", re.M)
#: Elements whose text is written by hand; `pre` and `code` hold text as it is.
_TEXT = {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}
_VERBATIM = {"pre", "code"}
_TEXT_TAGS = [q(name) for name in _TEXT]

FIXES = {
    "list": "read as text, not a list: leave a blank line before it (a list that starts at a number "
            "other than 1 always needs one)",
    "fence": "read as text, not a code block: a fenced code block is only read outside lists and quotes; "
             "indent the code by four spaces more than the text around it instead",
}


def report_differences(body, path: Path, text: str, body_line: int, report: Collector) -> None:
    """Warn (RP037) at each line the reader read as text where CommonMark would read a block."""
    start = offset_of_line(text, body_line)
    if _SOURCE_LIST_LINE.search(text, start):  # (most reviews have no such line: nothing to look for)
        _report_list_lines(body, path, text, start, report)
    if "```" in text or "~~~" in text:
        for match in list(_FENCE_LINE.finditer(text, start))[::2]:  # the opening fences, not the closing ones
            report.warn(path, "RP037", f"{match[0].strip()!r}: {FIXES['fence']}", position(text, match.start())[0])


def _report_list_lines(body, path: Path, text: str, start: int, report: Collector) -> None:
    for element in body.iter(*_TEXT_TAGS):
        for line_text in list(_list_lines(element))[:1]:  # once a paragraph
            found = text.find(line_text.strip()[:30], start)
            line = position(text, found)[0] if found >= 0 else None
            report.warn(path, "RP037", f"{line_text.strip()[:40]!r}: {FIXES['list']}", line)


def _list_lines(element):
    """Each line of the element's own text (not its code) that looks like a list item."""
    runs = [element.text] + [child.tail for child in element]
    for run in runs:
        if run and "\n" in run:
            for line in run.split("\n")[1:]:
                if _LIST_LINE.match(line):
                    yield line
    for child in element:
        if local(child) not in _VERBATIM and local(child) not in _TEXT:
            yield from _list_lines(child)  # text inside <em>, <a> … is still the paragraph's


