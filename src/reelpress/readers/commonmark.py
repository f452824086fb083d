"""Python-Markdown extensions that make it read lists, headings, escapes and line breaks the way
CommonMark and GitHub do, as critics' editors (Obsidian, iA Writer, Typora, GitHub) show them.

- `ListLines`, a preprocessor, rewrites list lines into the form Python-Markdown reads the same way:
  a list may follow a paragraph with no blank line between them; a list nested by two or three spaces
  (its marker under the parent item's text, CommonMark's rule) is nested, like one nested by four; a
  change of marker (`-` to `+`, `1.` to `1)`) starts a new list; `003.` starts at 3; an empty item is an
  item; `---` under a list item or a quote is a rule, not a heading underline. Block quotes are read
  the same way inside.
- `LooseLists`, a tree processor: a list is loose or tight as a whole (CommonMark), so when one item's
  text is a paragraph, every item's is.
- A backslash at the end of a line is a line break (`<br>`), as two spaces are; every ASCII
  punctuation character can be escaped.
- Inline raw HTML is only what CommonMark calls a tag (`<em>`, `</a>`, `<!-- … -->`): Python-Markdown
  takes any `<…>` for one, so `<localhost:5001/foo>` or `<foo.bar.baz>` vanished from the text.
- `<scheme:address>` is a link for any scheme, as in CommonMark (the sanitiser then keeps only safe
  ones, their text staying when the link goes).

- ATX headings as CommonMark has them: a space after the `#` (so "#1 on my list" stays text), up to
  three spaces before it, a closing `###` only after a space.
- Code spans lose one space at each end (not all), and backticks that close nothing stay backticks.
"""

from __future__ import annotations

import re
import string
from xml.etree.ElementTree import Element

from markdown.extensions import Extension
from markdown.blockprocessors import HashHeaderProcessor
from markdown.inlinepatterns import (AutolinkInlineProcessor, BacktickInlineProcessor, HtmlInlineProcessor,
                                     SubstituteTagInlineProcessor)
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString, code_escape

#: A list item's first line: indentation, marker, the spaces after it, its text.
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_DASH_UNDERLINE = re.compile(r"^ {0,3}-+ *$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_LONG_NUMBER = re.compile(r"^( {0,3}\d{10,})([.)])")
#: Lines that start a block of their own, so they are never a paragraph's continuation.
_NOT_TEXT = re.compile(r"^ {0,3}(?:#{1,6}(?: |$)|>|```|~~~|<|\|)|^\x02")
TAB = 4

_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
#: CommonMark's raw HTML (spec 6.6): open and closing tags, comments, processing instructions,
#: declarations and CDATA; Python-Markdown's own pattern takes `<` followed by any letter for a tag.
RAW_HTML = (r"(<[A-Za-z][A-Za-z0-9-]*(?:" + _ATTRIBUTE + r")*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>"
            r"|<!-->|<!--->|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>)")
#: CommonMark's URI autolink: a scheme of 2 to 32 characters, then anything but spaces and `<>`.
AUTOLINK = r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
#: Stored in the HTML stash where a line must end a list or fill an empty item: a comment, which the
#: HTML parser drops (and which, being block-level to Python-Markdown, leaves no empty paragraph).
NOTHING = "<!-- -->"
_BLOCKS = {"p", "ul", "ol", "pre", "blockquote", "div", "table", "hr", "dl", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Lines:
    """The rewriting of one run of lines (the document, or the inside of a block quote)."""

    def __init__(self, stash) -> None:
        self.stash = stash  # stores a placeholder that renders as nothing
        self.out: list[str] = []
        self.columns: list[int] = []  # the column each open item's text starts at
        self.kinds: list[str] = []    # each open item's marker kind: - * + . )
        self.closed: dict[int, str] = {}  # the kind of the last item closed at each depth
        self.previous = ""  # what the last non-blank line was: "text", "item", "quote", "rule", "other"
        self.blank = True   # was the line before blank?
        self.from_item = False  # did the current paragraph start on an item's line?
        self.owner = 0      # the depth of that item
        self._lazy_quote = False  # does the quote just read end in a paragraph?

    def run(self, lines: list[str]) -> list[str]:
        index = 0
        while index < len(lines):
            line = lines[index]
            if not self.columns and (line[:1].isalpha() or not line):  # most lines: text or blank, kept
                self.out.append(line)
                if line:
                    self._seen("text")
                else:
                    self.blank = True
                index += 1
                continue
            if _QUOTE.match(line) and not self.columns:
                index = self.quote(lines, index)
                continue
            self.line(line)
            index += 1
        return self.out

    def quote(self, lines: list[str], index: int) -> int:
        """Rewrite the block quote that starts at `lines[index]`; returns the index after it."""
        end = index
        while end < len(lines) and _QUOTE.match(lines[end]):
            end += 1
        if self.previous == "quote" and self.blank:
            self.out.extend([self.stash.store(NOTHING), ""])  # two quotes, as CommonMark has them; not one
        inner = _Lines(self.stash)
        self.out.extend("> " + each for each in inner.run([_QUOTE.sub("", each, count=1) for each in lines[index:end]]))
        after = lines[end] if end < len(lines) else ""
        starts_block = _RULE.match(after) or _NOT_TEXT.match(after) or re.match(r" {0,3}(?:[-*+]|\d+[.)])( |$)", after)
        if after.strip() and (not inner.lazy or starts_block):
            self.out.append("")  # only a paragraph's text continues a quote without its `>`
        self._seen("quote")
        self._lazy_quote = inner.lazy
        return end

    @property
    def lazy(self) -> bool:
        """Would a line of text here continue a paragraph (CommonMark's lazy continuation)?"""
        return not self.blank and (self.previous in ("text", "item") or self._lazy_quote)

    def _seen(self, kind: str) -> None:
        if kind == "text" and (self.previous != "text" or self.blank):
            self.from_item = self.previous == "item" and not self.blank
        self.previous, self.blank, self._lazy_quote = kind, False, False

    def line(self, line: str) -> None:
        if not line.strip():
            self.out.append(line)
            self.blank = True
        elif _DASH_UNDERLINE.match(line) and self.previous in ("item", "quote", "rule") and not self.blank:
            self.out.extend(["", line])  # a rule, not the underline of a heading
            self._seen("rule")
        elif _RULE.match(line):
            self.columns.clear()
            self.out.append(re.sub(r"\s+", " ", line.strip()))  # Python-Markdown allows two spaces between
            self._seen("rule")
        elif (item := self._item(line)) is not None:
            self.item(*item)
        else:
            self.other(line)

    def _item(self, line: str):
        """(indent, marker, spaces after it, text) when `line` starts a list item, else None."""
        match = _ITEM.match(line)
        if match is None:
            return None
        indent, marker, spaces, text = len(match[1]), match[2], len(match[3]), match[4]
        if indent > (self.columns[-1] if self.columns else 0) + 3:
            return None  # indented code, or a paragraph's continuation
        if not self.columns and self.previous == "text" and not self.blank:
            # CommonMark: only a non-empty bullet item or an ordered list starting at 1 interrupts a paragraph
            if not text.strip() or (marker[0].isdigit() and int(marker[:-1]) != 1):
                return None
        return indent, marker, spaces, text

    def item(self, indent: int, marker: str, spaces: int, text: str) -> None:
        while self.columns and indent < self.columns[-1]:
            self.columns.pop()
            self.closed[len(self.columns)] = self.kinds.pop()
        depth, kind = len(self.columns), marker[-1]
        pad = " " * (TAB * depth)
        if self.closed.get(depth, kind) != kind and self.previous != "rule":
            self.out.extend(["", pad + self.stash.store(NOTHING), ""])  # a new list: Python-Markdown needs a break
        elif self.previous == "text" and not self.blank and not (self.from_item and depth <= self.owner):
            self.out.append("")
        line_text = text if text.strip() else self.stash.store(NOTHING)  # an empty item stays an item
        self.out.append(pad + _marker(marker) + " " + line_text)
        # CommonMark's content column: after the marker and 1 to 4 spaces (1 when more: indented code)
        self.columns.append(indent + len(marker) + (spaces if 1 <= spaces <= 4 and text.strip() else 1))
        self.kinds.append(kind)
        self.closed = {d: k for d, k in self.closed.items() if d <= depth}
        self.closed.pop(depth, None)
        self.from_item, self.owner = True, depth
        self.previous, self.blank = "item", False

    def other(self, line: str) -> None:
        """A line that is not a list item: moved to the indentation of the item it belongs to."""
        kind = "other" if _NOT_TEXT.match(line) else "text"
        line = _LONG_NUMBER.sub(r"\1\\\2", line)  # `1234567890.` is no list marker in CommonMark
        indent = len(line) - len(line.lstrip(" "))
        depth = sum(1 for column in self.columns if indent >= column)
        if depth == 0:
            if self.blank or self.previous not in ("text", "item") or kind == "other":
                self.columns.clear()  # the list has ended
                self.kinds.clear()
                self.closed = {}
            self.out.append(line)  # (a lazy continuation line keeps its place in the paragraph)
        else:
            extra = indent - self.columns[depth - 1]
            del self.columns[depth:], self.kinds[depth:]
            self.out.append(" " * (TAB * depth + extra) + line.lstrip(" "))
        self._seen(kind)


def _marker(marker: str) -> str:
    """Python-Markdown's form of a marker: `-`, `*`, `+`, or the number without zeros before it and `.`."""
    return f"{int(marker[:-1])}." if marker[0].isdigit() else marker


class ListLines(Preprocessor):
    """Rewrite list lines into the form Python-Markdown reads as CommonMark does (see the module)."""

    def run(self, lines: list[str]) -> list[str]:
        return _Lines(self.md.htmlStash).run(lines)


class LooseLists(Treeprocessor):
    """When one item of a list holds paragraphs, the text of every item is a paragraph."""

    def run(self, root) -> None:
        for listing in [*root.iter("ul"), *root.iter("ol")]:
            items = [item for item in listing if item.tag == "li"]
            if not any(child.tag == "p" for item in items for child in item):
                continue
            for item in items:
                _wrap_leading_text(item)


def _wrap_leading_text(item) -> None:
    """`<li>text <em>x</em><ul>…` → `<li><p>text <em>x</em></p><ul>…`."""
    leading = []
    for child in item:
        if child.tag in _BLOCKS:
            break
        leading.append(child)
    if not (item.text or "").strip() and not leading:
        return
    paragraph = item.makeelement("p", {})
    paragraph.text, item.text = item.text, None
    for child in leading:
        item.remove(child)
        paragraph.append(child)
    item.insert(0, paragraph)


class AtxHeading(HashHeaderProcessor):
    """`## Heading ##`: CommonMark's ATX headings."""

    RE = re.compile(r"(?:^|\n) {0,3}(?P<level>#{1,6})(?:[ \t]+(?P<header>[^\n]*?))?[ \t]*(?:\n|$)")

    def run(self, parent, blocks: list[str]) -> None:
        block = blocks.pop(0)
        match = self.RE.search(block)
        before, after = block[:match.start()], block[match.end():]
        if before:
            self.parser.parseBlocks(parent, [before])
        heading = parent.makeelement(f"h{len(match['level'])}", {})
        parent.append(heading)
        heading.text = re.sub(r"(?:^|[ \t]+)#+$", "", (match["header"] or "").strip()).strip()
        if after:
            blocks.insert(0, self.looseDetab(after) if self.parser.state.isstate("looselist") else after)


class CodeSpan(BacktickInlineProcessor):
    """A code span closes only on a run of as many backticks as opened it; one space each side goes."""

    def handleMatch(self, m, data):  # noqa: N802 (Python-Markdown's name)
        if m.group(1):
            return super().handleMatch(m, data)
        begin = m.start(0)
        ticks = len(data) - begin - len(data[begin:].lstrip("`"))
        close = re.compile(r"(?<!`)`{%d}(?!`)" % ticks).search(data, begin + ticks)
        if close is None:
            return None, begin, begin + ticks  # the backticks are text
        text = data[begin + ticks:close.start()].replace("\n", " ")
        if len(text) > 1 and text[0] == text[-1] == " " and text.strip(" "):
            text = text[1:-1]
        code = Element("code")
        code.text = AtomicString(code_escape(text))
        return code, begin, close.end()


class CommonMarkExtension(Extension):
    """The rewriting of lines, the list tree processor and the inline patterns, registered."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.ESCAPED_CHARS = sorted(set(md.ESCAPED_CHARS) | set(string.punctuation))
        md.preprocessors.register(ListLines(md), "reelpress_list_lines", 15)
        md.treeprocessors.register(LooseLists(md), "reelpress_loose_lists", 25)
        # two spaces or a backslash before a line's end; after raw HTML (90), so that inside a tag's
        # attribute they stay themselves
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"(?: {2,}|\\)\n", "br"), "linebreak", 85)
        md.inlinePatterns.register(HtmlInlineProcessor(RAW_HTML, md), "html", 90)
        if "magic-mail" in md.inlinePatterns:
            md.inlinePatterns.deregister("magic-mail")  # a bare e-mail address stays text, as in CommonMark
        md.inlinePatterns.register(CodeSpan(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)"), "backtick", 190)
        md.parser.blockprocessors.register(AtxHeading(md.parser), "hashheader", 70)
        md.inlinePatterns.register(AutolinkInlineProcessor(AUTOLINK, md), "autolink", 120)
