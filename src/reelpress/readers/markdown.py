"""Markdown review sources: YAML front matter, then a Python-Markdown body → `Review`.

Smart punctuation is off on purpose: typography is a normalise pass, so HTML sources get it too.
The reader's one job beyond parsing is to express Python-Markdown's footnotes in the project's note
markup (see `notes.py`), which every reader shares.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from pymdownx.magiclink import MagiclinkExtension
from pymdownx.tilde import DeleteSubExtension

from reelpress.errors import Collector
from reelpress.model import Review
from reelpress.readers import differences, frontmatter, notes
from reelpress.readers.commonmark import CommonMarkExtension
from reelpress.readers.gates import GatesExtension
from reelpress.util.xhtml import parse_html_fragment

#: Built from their classes: naming them makes Python-Markdown scan every installed package's entry
#: points, which costs more than converting a review.
EXTENSIONS = (
    (FootnoteExtension, {"SEPARATOR": "-", "BACKLINK_TEXT": "\u21a9", "BACKLINK_TITLE": ""}),
    (TableExtension, {}), (FencedCodeExtension, {}), (SaneListExtension, {}), (AttrListExtension, {}),
    (DefListExtension, {}), (AbbrExtension, {}),
    (DeleteSubExtension, {"subscript": False}),
    (MagiclinkExtension, {"repo_url_shortener": False, "social_url_shortener": False}),
    (CommonMarkExtension, {}),  # after magiclink: its `<scheme:address>` autolink replaces magiclink's
    (GatesExtension, {}),  # last: it wraps the inline patterns the others registered
)
_converter: markdown.Markdown | None = None


def _markdown() -> markdown.Markdown:
    """One converter per process, reset between documents (building it costs more than using it)."""
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(extensions=[kind(**config) for kind, config in EXTENSIONS],
                                       output_format="xhtml")
    _converter.reset()
    return _converter


def convert(body_text: str) -> str:
    """The body's HTML, as the reader makes it."""
    return _markdown().convert(body_text)


def read(path: Path, slug: str, text: str, report: Collector) -> Review | None:
    """Turn one Markdown source into a Review; problems go to `report` (None if there were errors)."""
    yaml_text, yaml_line, body_text, body_line = frontmatter.split(text, path)
    meta = frontmatter.parse(yaml_text, yaml_line, path, report)
    body = read_body(path, text, body_text, body_line, report)
    if meta is None:
        return None
    return Review(slug=slug, path=path, meta=meta, body=body, text=text, body_line=body_line)


def read_body(path: Path, text: str, body_text: str, body_line: int, report: Collector):
    """The XHTML `<div>` of a Markdown body (`body_text`, from `body_line` of the file's `text`), its
    footnotes in the project's note markup; what it cannot keep is reported."""
    body = parse_html_fragment(convert(body_text), path)
    differences.report_differences(body, path, text, body_line, report)
    notes.from_python_markdown(body)
    for note in notes.drop_unreferenced(body):
        label = note.removeprefix("fn-")
        line = text.count("\n", 0, text.find(f"[^{label}]:")) + 1 if f"[^{label}]:" in text else None
        report.warn(path, "RP035", f"footnote [^{label}] is defined here but never referred to in the text "
                    f"(write [^{label}] where it belongs); it is left out of the book", line)
    return body
