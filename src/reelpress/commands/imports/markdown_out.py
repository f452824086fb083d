"""A cleaned post → a Markdown review source a critic can edit comfortably.

markdownify does the HTML → Markdown work; this adds what it does not know: the project's notes
become Markdown footnotes (`[^1]`), figures become `![alt](src "caption")`, titles of works are set
in italics, code blocks keep their language in the fence, and the front matter lists the keys the
critic will want to fill in. List items indent their content by four spaces: Python-Markdown (the
project's reader) needs four to see a nested list, where markdownify writes two. Text that
Python-Markdown would read as markup (a paragraph starting `1984.` or `#`, a literal `<b>`, `[^1]`
or `[text](url)`) is escaped, so what reads back is what was written.
"""

from __future__ import annotations

import re

import yaml
from markdownify import MarkdownConverter

from reelpress.model import Post
from reelpress.util.xhtml import to_html_string

PLACEHOLDERS = ("film", "year", "director", "rating")
#: Text that the reader would take for markup at the start of a paragraph's line: a heading, a quote,
#: a list item (`-`, `+`, `*`, `1.` or `1)`), or a heading's underline. Its first mark is escaped.
_LINE_START = re.compile(r"^([ \t]*)(#|>|[-+*](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$))|[=-]+[ \t]*$)", re.MULTILINE)


def _follows_a_quote(el) -> bool:
    """Is the element right after a blockquote, with nothing but white space between?"""
    for sibling in el.previous_siblings:
        if getattr(sibling, "name", None):
            return sibling.name == "blockquote"
        if str(sibling).strip():
            return False
    return False


def _code_language(pre) -> str:
    code = pre.find("code")
    classes = (code.get("class") or []) if code is not None else []
    classes = classes.split() if isinstance(classes, str) else classes
    return next((c.removeprefix("language-") for c in classes if c.startswith("language-")), "")


class _Converter(MarkdownConverter):
    """markdownify with the project's notes and figures."""

    def __init__(self, **options):
        super().__init__(heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False,
                         wrap=False, code_language_callback=_code_language, **options)
        self.labels: dict[str, str] = {}

    def convert_sup(self, el, text, parent_tags):
        link = el.find("a", attrs={"role": "doc-noteref"})
        if link is not None:
            return f"[^{self._label(link.get('href', '').lstrip('#'))}]"
        return super().convert_sup(el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        if el.get("role") == "doc-noteref":
            return f"[^{self._label(el.get('href', '').lstrip('#'))}]"
        if el.get("role") == "doc-backlink":
            return ""
        return super().convert_a(el, text, parent_tags)

    def convert_section(self, el, text, parent_tags):
        if el.get("role") != "doc-endnotes":
            return super().convert_section(el, text, parent_tags)
        notes = []
        for item in el.find_all("li"):
            content = "".join(self.process_element(child, set()) for child in item.children).strip()
            lines = content.split("\n") or [""]
            indented = [f"    {line}" if line else "" for line in lines[1:]]
            notes.append(f"[^{self._label(item.get('id', ''))}]: " + "\n".join([lines[0], *indented]))
        return "\n\n" + "\n\n".join(notes) + "\n\n"

    def convert_figure(self, el, text, parent_tags):
        image = el.find("img")
        caption = el.find("figcaption")
        if image is None:
            return self.convert_div(el, text, parent_tags)
        words = " ".join(caption.get_text().split()).replace('"', "'") if caption is not None else ""
        title = f' "{words}"' if words else ""
        return f"\n\n![{image.get('alt', '')}]({image.get('src', '')}{title})\n\n"

    def escape(self, text, parent_tags):
        """Text stays text: backticks, `<`, entity-like `&…;` and brackets that would make a link or a
        note reference are escaped (other brackets are left alone: `[Image: …]` reads as it is)."""
        if not text or "_noformat" in parent_tags:
            return super().escape(text, parent_tags)
        text = re.sub(r"\\(?=[\\`*_{}\[\]()#+\-.!>|])", r"\\\\", text)  # a backslash that would escape
        text = super().escape(text, parent_tags).replace("`", "\\`")
        if re.search(r"\[\^|\]\(|\]\[|\]:", text):  # a note, link or reference, were it markup
            text = re.sub(r"([\[\]])", r"\\\1", text)
        return re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")

    def convert_p(self, el, text, parent_tags):
        paragraph = super().convert_p(el, text, parent_tags)
        return _LINE_START.sub(lambda m: m[1] + (m[2] + "\\" if m[2][0].isdigit() else "\\" + m[2]), paragraph)

    def convert_li(self, el, text, parent_tags):
        """markdownify's item, its continuation lines indented by the marker's width (the reader takes
        an item's content from the column after its marker, as CommonMark does); a loose item ends with
        a blank line, else the next item is read into its sublist."""
        item = super().convert_li(el, text, parent_tags)
        loose = "\n\n" in item.strip()
        return item + "\n" if loose and "\n" in item.strip() else item

    def convert_blockquote(self, el, text, parent_tags):
        """markdownify's quote, keeping the indent of a code block that opens it (it strips it)."""
        if "_inline" in parent_tags or not (text or "").strip():
            return super().convert_blockquote(el, text, parent_tags)
        lines = (text or "").strip("\r\n").split("\n")
        separator = "\n\n<!-- -->\n" if _follows_a_quote(el) else ""  # else two quotes read back as one
        return separator + "\n\n" + "\n".join(f"> {line}" if line.strip() else ">" for line in lines) + "\n\n"

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, text.replace("|", "\\|"), parent_tags)  # a bare | ends the cell

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace("|", "\\|"), parent_tags)

    def convert_pre(self, el, text, parent_tags):
        """A fence longer than any run of backticks in the code, so code about Markdown stays code. In a
        list item or a quote, where Python-Markdown reads no fences, the code is indented instead."""
        if {"li", "blockquote"} & set(parent_tags) and text:
            return "\n\n" + "\n".join(f"    {line}" if line else "" for line in text.split("\n")) + "\n\n"
        block = super().convert_pre(el, text, parent_tags)
        longest = max((len(run) for run in re.findall(r"`{3,}", text or "")), default=0)
        if not longest:
            return block
        fence = "`" * (longest + 1)
        head, _, rest = block.lstrip("\n").partition("\n")
        body = rest.rstrip("\n").removesuffix("```")
        return f"\n\n{fence}{head[3:]}\n{body}{fence}\n\n"

    def convert_cite(self, el, text, parent_tags):
        return f"*{text}*" if text.strip() else text

    def convert_hr(self, el, text, parent_tags):
        return "\n\n* * *\n\n"

    def _label(self, note_id: str) -> str:
        key = note_id.removeprefix("fn-").removeprefix("fnref-")
        return self.labels.setdefault(key, str(len(self.labels) + 1))


def body_markdown(body) -> str:
    markdown = _Converter().convert(to_html_string(body))
    # trailing spaces go, except the two that make a line break (`<br>`) for Python-Markdown
    lines = [line.rstrip() + ("  " if line.endswith("  ") and line.strip() else "")
             for line in markdown.strip().split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text + "\n"


def front_matter(post: Post, imported_from: str) -> str:
    data: dict = {"title": post.title}
    data.update({key: value for key, value in post.meta.items() if key in PLACEHOLDERS and value is not None})
    if post.published:
        data["published"] = post.published
    if post.source_url:
        data["source_url"] = post.source_url
    data.update({key: value for key, value in post.meta.items() if key not in PLACEHOLDERS and value is not None})
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    if post.tags:  # on one line, as a critic would type it
        dumped += "tags: " + yaml.safe_dump(list(post.tags), allow_unicode=True, width=1000, default_flow_style=True)
    lines = [f"# Imported from {imported_from}."]
    if post.subtitle:
        lines.append(f"# Subtitle on the platform: {post.subtitle}")
    if post.note:
        lines.append(f"# Note: {post.note}.")
    placeholders = [f"# {key}:" for key in PLACEHOLDERS if key not in data]
    return "---\n" + "\n".join(lines) + "\n" + dumped + "\n".join(placeholders) + "\n---\n\n"


def review_source(post: Post, imported_from: str) -> str:
    return front_matter(post, imported_from) + body_markdown(post.body)
