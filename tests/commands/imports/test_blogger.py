"""`reelpress import blogger`: the classic "Back up content" Atom file and Takeout's feed.atom."""

from __future__ import annotations

import pytest

from exports_blogs import blogger_backup, blogger_takeout
from reelpress.errors import InputError
from reelpress.commands.imports import Options, blogger, run


def imported(tmp_path, data: bytes, **options):
    path = tmp_path / "blog.xml"
    path.write_bytes(data)
    rows = run("blogger", [path], tmp_path / "v", Options(**options))
    return rows, {p.name: p.read_text() for p in sorted((tmp_path / "v" / "reviews").glob("*.md"))}


def test_posts_only_every_other_entry_counted(tmp_path):
    rows, files = imported(tmp_path, blogger_backup())
    assert list(files) == ["01-peeping-tom.md", "02-stalker.md"]
    assert {r.title: r.reason for r in rows if r.status == "skipped"} == {
        "Half a thought on Solaris": "not published (a draft; use --drafts to import drafts)",
        "Settings entries (2)": "settings entries are not posts", "Template entries (1)": "template entries are "
        "not posts", "Pages (1)": "pages are not posts", "Comments (2)": "comments are not posts"}
    assert "Great review" not in "".join(files.values())


def test_labels_address_line_breaks_and_caption_tables(tmp_path):
    rows, files = imported(tmp_path, blogger_backup())
    text = files["01-peeping-tom.md"]
    assert "tags: [Film, Powell]\n" in text and "published: 2009-05-01\n" in text
    assert "source_url: https://adalinden.blogspot.com/2009/05/peeping-tom.html\n" in text
    assert "the film films him filming.  \nPowell lost" in text
    assert "*[Image: The camera with a blade in its tripod.]*" in text  # the caption table became a figure
    assert "Video: <https://www.youtube.com/watch?v=Pp0Oo9Ii8Uu>" in text and "> All this filming" in text
    assert "- the Writer\n  - who" in files["02-stalker.md"]  # nested by the marker's width, as CommonMark reads it


def test_drafts_and_filters(tmp_path):
    _, files = imported(tmp_path, blogger_backup(), drafts=True, categories=("tarkovsky", "Film"))
    assert len(files) == 3 and any("Solaris" in t for t in files.values())
    _, files = imported(tmp_path / "x", blogger_backup(), categories=("Powell",)) if (tmp_path / "x").mkdir() \
        is None else None
    assert list(files) == ["01-peeping-tom.md"]


def test_takeout_feed(tmp_path):
    rows, files = imported(tmp_path, blogger_takeout(), site_url="https://adalinden.blogspot.com", author="A")
    assert list(files) == ["01-playtime.md"]
    assert "source_url: https://adalinden.blogspot.com/2011/07/playtime.html\n" in files["01-playtime.md"]
    assert "tags: [Film]" in files["01-playtime.md"] and "**four** jokes" in files["01-playtime.md"]
    assert {r.title: r.reason for r in rows if r.status == "skipped"} == {
        "Mon Oncle, notes": "not published (a draft; use --drafts to import drafts)",
        "Gone": "deleted on Blogger", "Comments (1)": "comments are not posts"}


@pytest.mark.parametrize("data, says", [
    (blogger_backup().replace(b"<feed ", b'<!DOCTYPE feed [<!ENTITY lol "lol">]><feed ', 1),
     "declares XML entities"),
    (b"<?xml version='1.0'?><rss version='2.0'/>", "not a Blogger export"),
    (blogger_backup()[:500], "not well-formed XML"),
])
def test_hostile_and_wrong_files(tmp_path, data, says):
    path = tmp_path / "b.xml"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        blogger.posts(path)
    assert says in str(caught.value) and caught.value.diagnostics[0].code in ("RP078", "RP079")
