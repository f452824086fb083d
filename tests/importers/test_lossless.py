"""Nothing silently lost, on every fixture post: words in = words out, and the Markdown reads back.

For each imported post, the words of the post as the platform exported it equal the words of the
chapter the build makes from the imported file, minus the words of everything the import report
lists as dropped or replaced, plus the words of the lines that replaced them. And the Markdown the
importer writes reads back through the project's own reader to the same structure (lists and their
nesting, code and its exact text, tables, notes, headings, quotes, images).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest

from exports import RICH_PAGE, medium_zip, substack_zip
from reelpress.build import load
from reelpress.importers import IMPORTERS, Options, run
from reelpress.importers.cleanup import Cleaning, clean
from reelpress.importers.ledger import balance, summary, visible_text, words
from reelpress.importers.markdown_out import review_source
from reelpress.errors import Collector
from reelpress.readers import markdown
from reelpress.xhtml import EPUB_TYPE, local, text_of

URL = "https://acritic.substack.com"
XHTML_PAGE = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ugetsu</title></head><body><article><h1>Ugetsu</h1>
<p>Mizoguchi's ghosts<a id="a"/> are patient.</p><div/><ul><li>one<ul><li>two</li></ul></li></ul></article></body></html>"""


def _medium_originals(data: bytes) -> dict[str, str]:
    """Archive entry → the visible words of its body section, read straight from the export."""
    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("posts/"):
                page = lxml.html.document_fromstring(archive.read(name))
                found[name] = " ".join(visible_text(s) for s in page.xpath("//section[@data-field='body']"))
    return found


def _substack_originals(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: visible_text(lxml.html.fragment_fromstring(archive.read(name).decode(), create_parent="div"))
                for name in archive.namelist() if name.startswith("posts/") and name.endswith(".html")}


def _page_original(text: str) -> dict[str, str]:
    from reelpress.importers.webpage import _article
    page = lxml.html.document_fromstring(text.encode())
    return {"": visible_text(_article(page))}


def fixtures(tmp_path: Path):
    """(platform, source files, options, entry name → original words) for every fixture export."""
    (tmp_path / "rich.html").write_text(RICH_PAGE, encoding="utf-8")
    (tmp_path / "ugetsu.xhtml").write_text(XHTML_PAGE, encoding="utf-8")
    (tmp_path / "medium.zip").write_bytes(medium_zip())
    (tmp_path / "substack.zip").write_bytes(substack_zip())
    return [
        ("medium", [tmp_path / "medium.zip"], Options(), _medium_originals(medium_zip())),
        ("substack", [tmp_path / "substack.zip"], Options(publication_url=URL, author="A"),
         _substack_originals(substack_zip())),
        ("html", [tmp_path / "rich.html"], Options(author="A"), _page_original(RICH_PAGE)),
        ("html", [tmp_path / "ugetsu.xhtml"], Options(author="A"), _page_original(XHTML_PAGE)),
    ]


PLATFORMS = ["medium", "substack", "rich page", "xhtml page"]


@pytest.mark.parametrize("which", range(4), ids=PLATFORMS)
def test_words_in_equal_words_out_minus_what_the_report_lists(tmp_path, which):
    platform, sources, options, originals = fixtures(tmp_path)[which]
    posts = {p.origin: p for source in sources for p in IMPORTERS[platform].posts(
        source, drafts=False, publication_url=options.publication_url)}
    volume = tmp_path / "volume"
    rows = run(platform, sources, volume, options)
    chapters = {review.path.name: review for review in load(volume).reviews}
    imported = [row for row in rows if row.status == "imported"]
    assert imported and len(imported) == len(chapters)
    for row in imported:
        post = next(p for p in posts.values() if p.title == row.title)
        entry = post.origin.split(":", 1)[1] if ":" in post.origin else ""
        original = words(originals[entry])
        removed, added = balance(row.entries)
        assert row.changes == summary(row.entries)
        built = words(visible_text(chapters[row.file].body))
        expected = original + added - removed  # added first: a line may replace what a line brought in
        assert expected == built, (row.file, expected - built, built - expected)
        assert not (removed - (original + added)), (row.file, "the report lists words the post never had")


def _patterns():
    from reelpress.normalise.boilerplate import compile_patterns
    return compile_patterns(None)


@pytest.mark.parametrize("which", range(4), ids=PLATFORMS)
def test_the_markdown_written_reads_back_to_the_same_structure(tmp_path, which):
    platform, sources, options, _ = fixtures(tmp_path)[which]
    checked = 0
    for source in sources:
        for post in IMPORTERS[platform].posts(source, drafts=True, publication_url=options.publication_url):
            clean(post.body, Cleaning(_patterns()), lambda code, message: None)
            text = review_source(post, "a test")
            review = markdown.read(tmp_path / "r.md", "r", text, Collector())
            assert structure(review.body) == structure(post.body), post.title
            checked += 1
    assert checked


STRUCTURE = {"ul", "ol", "li", "pre", "table", "tr", "th", "td", "blockquote", "h1", "h2", "h3", "h4", "h5",
             "h6", "img", "hr", "sup", "a", "code"}


def structure(body) -> list[tuple]:
    """The shape a reader must keep: structural elements, their depth among each other, and the
    text that must be exact (code, cells, headings), alt and src of images, notes and their text."""
    found = []
    for element in body.iter():
        name = local(element)
        if name not in STRUCTURE or name == "a" and element.get("href", "#").startswith("#"):
            continue
        depth = sum(1 for a in element.iterancestors() if local(a) in STRUCTURE)
        if name == "pre":
            found.append((name, depth, "".join(element.itertext()).rstrip("\n")))
        elif name in ("th", "td") or name.startswith("h") and len(name) == 2:
            found.append((name, depth, text_of(element)))
        elif name == "a" and not element.get("href", "#").startswith("#"):  # note links are renumbered
            found.append((name, depth, element.get("href"), text_of(element)))
        elif name == "code":
            found.append((name, depth, "".join(element.itertext()).rstrip("\n")))
        elif name == "img":
            found.append((name, depth, element.get("src"), element.get("alt")))
        elif name == "li" and any(a.get(EPUB_TYPE) == "endnotes" or a.get("role") == "doc-endnotes"
                                  for a in element.iterancestors()):
            found.append(("note", re.sub(r"\s*\u21a9\ufe0e?\s*$", "", text_of(element))))
        else:
            found.append((name, depth))
    return found
