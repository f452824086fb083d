"""HTML review sources: the same `---` YAML front matter, then body HTML (as Jekyll and Hugo accept).

The body is parsed with lxml's forgiving HTML parser, so whatever a blog or CMS produced is
repaired; content the parser would silently drop (nesting deeper than it allows) is an error.
Everything else — unknown elements, classes, styles, scripts — is the normalise passes' job.
"""

from __future__ import annotations

from pathlib import Path

from reelpress.errors import Collector
from reelpress.model import Review
from reelpress.readers import frontmatter
from reelpress.util.xhtml import parse_html_fragment


def read(path: Path, slug: str, text: str, report: Collector) -> Review | None:
    yaml_text, yaml_line, body_text, body_line = frontmatter.split(text, path)
    meta = frontmatter.parse(yaml_text, yaml_line, path, report)
    body = parse_html_fragment(body_text, path, body_line)
    if meta is None:
        return None
    return Review(slug=slug, path=path, meta=meta, body=body, text=text, body_line=body_line)
