"""Nothing silently lost, on the WordPress, Blogger, Ghost and Letterboxd fixtures: the same two
properties as test_lossless.py. Words of the post as the platform shows it = words of the built
chapter minus what the report lists as dropped or replaced plus the replacement lines; and the
Markdown written reads back to the same structure."""

from __future__ import annotations

import csv
import json
import html
import io
import re
import zipfile
from pathlib import Path

import lxml.html
import markdown as python_markdown
import pytest
from lxml import etree

from exports_blogs import blogger_backup, blogger_takeout, letterboxd_zip, wxr
from exports_ghost import ghost_json
from test_lossless import _patterns, structure
from reelpress.build import load
from reelpress.errors import Collector
from reelpress.commands.imports import IMPORTERS, Options, run
from reelpress.commands.imports.cleanup import Cleaning, clean
from reelpress.commands.imports.ledger import balance, visible_text, words
from reelpress.commands.imports.markdown_out import review_source
from reelpress.commands.imports.wp_content import wpautop
from reelpress.readers import markdown

#: Shortcode tags and block comments are markup, not words a reader saw; what they enclose is.
MARKUP = re.compile(r"<!--.*?-->|\[/?(?:caption|gallery|embed|video|audio|youtube|spoiler)\b[^\]]*\]", re.S)


def _shown(fragment: str) -> str:
    return visible_text(lxml.html.fragment_fromstring(fragment, create_parent="div")) if fragment.strip() else ""


def _wordpress_originals(data: bytes) -> dict[str, str]:
    channel = etree.fromstring(data).find("channel")
    content = "{http://purl.org/rss/1.0/modules/content/}encoded"
    return {f"item {n}": _shown(MARKUP.sub(" ", item.findtext(content) or ""))
            for n, item in enumerate(channel.findall("item"), 1)}


def _blogger_originals(data: bytes) -> dict[str, str]:
    atom = "{http://www.w3.org/2005/Atom}"
    return {f"entry {n}": _shown(entry.findtext(f"{atom}content") or "")
            for n, entry in enumerate(etree.fromstring(data).findall(f"{atom}entry"), 1)}


def _letterboxd_originals(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read("reviews.csv").decode()
    reader, found, line = csv.DictReader(io.StringIO(text, newline="")), {}, 2
    for row in reader:
        found[f"reviews.csv line {line}"] = _shown(wpautop(row["Review"]))
        line = reader.line_num + 1
    return found


def _ghost_originals(data: bytes) -> dict[str, str]:
    """The html field; for a post with only a Lexical or Mobiledoc document, the document's own text."""
    data = json.loads(data)["db"][0]["data"]
    captions = {m["post_id"]: m.get("feature_image_caption") or "" for m in data.get("posts_meta", [])}
    return {f"post {post['slug']}": _shown(captions.get(post["id"], "")) + " " + (
        _shown(post["html"]) if post.get("html") else _document_text(post)) for post in data["posts"]}


def _document_text(post: dict) -> str:
    parts: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            parts.append(node.get("text", "") if node.get("type") == "text" else "")
            parts.append(_shown(python_markdown.markdown(node["markdown"])) if "markdown" in node else "")
            parts.append(node.get("caption") or "")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            if len(node) == 4 and node[0] == 0 and isinstance(node[3], str):  # a Mobiledoc text marker
                parts.append(node[3])
            for value in node:
                walk(value)
    try:
        walk(json.loads(post.get("lexical") or post.get("mobiledoc") or "null"))
    except ValueError:  # the fixture's broken document: that post is reported, not imported
        return ""
    return " ".join(parts)


def fixture(tmp_path: Path, which: int):
    """(platform, source files, options, entry → the words a reader saw) for one fixture export."""
    platform, name, data, options, originals = [
        ("wordpress", "wp.xml", wxr, Options(), _wordpress_originals),
        ("blogger", "blog.xml", blogger_backup, Options(), _blogger_originals),
        ("blogger", "feed.atom", blogger_takeout, Options(site_url="https://a.blogspot.com", author="A"),
         _blogger_originals),
        ("letterboxd", "lb.zip", letterboxd_zip, Options(), _letterboxd_originals),
        ("ghost", "ghost.json", ghost_json, Options(site_url="https://ada.ghost.io"), _ghost_originals)][which]
    (tmp_path / name).write_bytes(data())
    return platform, [tmp_path / name], options, originals(data())


PLATFORMS = ["wordpress", "blogger backup", "blogger takeout", "letterboxd", "ghost"]


def _posts(platform, sources, options, drafts=False):
    return [p for s in sources for p in IMPORTERS[platform].posts(s, drafts=drafts, site_url=options.site_url)]


@pytest.mark.parametrize("which", range(len(PLATFORMS)), ids=PLATFORMS)
def test_words_in_equal_words_out_minus_what_the_report_lists(tmp_path, which):
    platform, sources, options, originals = fixture(tmp_path, which)
    volume = tmp_path / "volume"
    rows = run(platform, sources, volume, options)
    chapters = {review.path.name: review for review in load(volume).reviews}
    imported = [row for row in rows if row.status == "imported"]
    assert imported and len(imported) == len(chapters)
    for row in imported:
        post = next(p for p in _posts(platform, sources, options) if p.title == row.title)
        original = words(originals[post.origin.split(":", 1)[1]])
        removed, added = balance(row.entries)  # what the report lists for this review
        built = words(visible_text(chapters[row.file].body))
        expected = original + added - removed
        assert expected == built, (row.file, expected - built, built - expected)
        assert not (removed - (original + added)), (row.file, "the report lists words the post never had")


@pytest.mark.parametrize("which", range(len(PLATFORMS)), ids=PLATFORMS)
def test_the_markdown_written_reads_back_to_the_same_structure(tmp_path, which):
    platform, sources, options, _ = fixture(tmp_path, which)
    checked = 0
    for post in _posts(platform, sources, options, drafts=True):
        if post.skip and "not published" not in post.skip:
            continue
        clean(post.body, Cleaning(_patterns()), lambda code, message: None)
        review = markdown.read(tmp_path / "r.md", "r", review_source(post, "a test"), Collector())
        assert structure(review.body) == structure(post.body), post.title
        checked += 1
    assert checked
