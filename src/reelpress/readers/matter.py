"""The front and back matter's sources: `introduction.md`, `dedication.md` … (book/matter.SOURCES) in
the volume folder, or in the series folder for every volume of the series (a volume's own file wins).

They are Markdown without front matter, read by the Markdown reader (footnotes and all) into a
`Matter` the normalise passes then treat as they treat a review. A page with a heading takes a first
`# Heading` as its title; without one it is titled by the book's words ("Introduction").
"""

from __future__ import annotations

from pathlib import Path

from reelpress.book.matter import SOURCES, kind_of
from reelpress.errors import Collector
from reelpress.model import Matter, ReviewMeta
from reelpress.readers import source_text
from reelpress.readers.markdown import read_body
from reelpress.util.xhtml import local, text_of

SERIES_FILE = "series.toml"


def find(volume_dir: Path) -> list[tuple[str, Path]]:
    """(kind, path) of every matter source the volume has, in book order: its own, else its series'."""
    folders = [volume_dir]
    if (volume_dir.parent / SERIES_FILE).is_file():
        folders.append(volume_dir.parent)
    found = []
    for name in SOURCES:
        path = next((folder / f"{name}.md" for folder in folders if (folder / f"{name}.md").is_file()), None)
        if path is not None:
            found.append((name, path))
    return found


def read(name: str, path: Path, root: Path, title: str, report: Collector) -> Matter | None:
    """The page `name` from its source `path` (read inside `root`), titled `title` unless it opens with
    a heading of its own; None (reported) when it cannot be read or is empty."""
    text = source_text(path, root, report, f"empty {name.replace('-', ' ')} page: write its text, or remove the file")
    if text is None:
        return None
    body = read_body(path, text, text, 1, report)
    first = next(iter(body), None)
    if kind_of(name).heading and first is not None and local(first) == "h1" and not (body.text or "").strip():
        title = " ".join(text_of(first).split()) or title
        if first.tail and first.tail.strip():
            body.text = (body.text or "") + first.tail
        body.remove(first)
    if not len(body) and not (body.text or "").strip():
        report.error(path, "RP012", f"the {name.replace('-', ' ')} page has a heading but no text")
        return None
    return Matter(slug=name, path=path, meta=ReviewMeta(title=title), body=body, text=text, body_line=1)
