"""The Markdown the importers write reads back to the same structure: what a post's HTML holds (lists
nested and numbered, quotes, breaks, tables, text that looks like Markdown) is what the review holds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reelpress.commands.imports.markdown_out import body_markdown
from reelpress.util.xhtml import parse_html_fragment

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
import commonmark  # noqa: E402  (its comparison: both sides parsed and sanitised, layout forgiven)

POSTS = {
    "list after a paragraph, nested": "<p>Three things stay with me:</p><ul><li>the opening shot<ul><li>held a "
                                      "minute</li><li>no cut</li></ul></li><li>the score</li></ul>",
    "numbered from five, nested": '<ol start="5"><li>Burning</li><li>Parasite<ol><li>inner</li></ol></li></ol>',
    "quote with a list": '<blockquote><p>A quote with <em>emphasis</em> and a <a href="https://example.com/a">'
                         "link</a>.</p><ul><li>quoted item</li></ul></blockquote>",
    "line break, strikethrough, code": "<p>Line one<br/>line two, <del>struck</del>, <code>code</code>.</p>",
    "text that looks like blocks": "<p>1959. A year.</p><p>- not a list</p><p>* star</p><p># not a heading</p>"
                                   "<p>&gt; not a quote</p><p>2) not either</p><p>#1 on my list</p>",
    "heading and table": "<h2>Section</h2><table><thead><tr><th>Film</th><th>Year</th></tr></thead>"
                         "<tbody><tr><td>Vertigo</td><td>1958</td></tr></tbody></table>",
}


@pytest.mark.parametrize("html", POSTS.values(), ids=POSTS.keys())
def test_imported_markdown_reads_back_to_the_same_structure(html):
    markdown = body_markdown(parse_html_fragment(html, Path("post.html")))
    assert commonmark.render(markdown) == commonmark.canonical(html), markdown
