"""A cleaned post → a Markdown review source a critic can edit comfortably.

markdownify does the HTML → Markdown work; this adds what it does not know: the project's notes
become Markdown footnotes (`[^1]`), figures become `![alt](src "caption")`, titles of works are set
in italics, code blocks keep their language in the fence, and the front matter lists the keys the
critic will want to fill in. List items indent their content by four spaces: Python-Markdown (the
project's reader) needs four to see a nested list, where markdownify writes two.
"""

from __future__ import annotations

import re

import yaml
from markdownify import MarkdownConverter

from reelpress.model import Post
from reelpress.xhtml import to_html_string

PLACEHOLDERS = ("film", "year", "director", "rating")
LIST_INDENT = "    "


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

    def convert_li(self, el, text, parent_tags):
        """markdownify's item, its continuation lines indented four spaces instead of the bullet's width."""
        item = super().convert_li(el, text, parent_tags)
        first, _, rest = item.partition("\n")
        width = len(re.match(r"^(\d+\.|[-*+]) ", first)[0]) if re.match(r"^(\d+\.|[-*+]) ", first) else 0
        if not width:
            return item
        lines = [LIST_INDENT + line[width:] if line.startswith(" " * width) else line for line in rest.split("\n")]
        loose = "\n\n" in item.strip()  # a blank line inside: without one after, the next item is read
        return first + "\n" + "\n".join(lines) + ("\n" if loose else "") if rest else item  # into the sublist

    def convert_cite(self, el, text, parent_tags):
        return f"*{text}*" if text.strip() else text

    def convert_blockquote(self, el, text, parent_tags):
        """Two quotes in a row stay two: Markdown would read `> a` and `> b` as one quote, so an empty
        comment stands between them."""
        quote = super().convert_blockquote(el, text, parent_tags)
        after = el.find_next_sibling()
        return quote + "\n\n<!-- -->\n\n" if after is not None and after.name == "blockquote" else quote

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
