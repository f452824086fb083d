"""`reelpress import wordpress`: WXR exports with WordPress's real structure, as WordPress shows them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from exports_blogs import CLASSIC, FILM, _categories, item, wxr
from reelpress.errors import InputError
from reelpress.commands.imports import Options, run, wordpress
from reelpress.commands.imports.ledger import Entry
from reelpress.commands.imports.wp_content import render, wpautop


def imported(tmp_path, data: bytes = None, **options):
    path = tmp_path / "export.xml"
    path.write_bytes(wxr() if data is None else data)
    volume = tmp_path / "v"
    rows = run("wordpress", [path], volume, Options(**options))
    files = {p.name: p.read_text() for p in sorted((volume / "reviews").glob("*.md"))}
    return rows, files


def test_published_posts_only_and_every_other_item_counted(tmp_path):
    rows, files = imported(tmp_path)
    assert list(files) == ["01-brief-encounter.md", "02-the-night-of-the-hunter.md", "03-festival-notes.md",
                           "04-moving-house.md"]
    skipped = {row.title: row.reason for row in rows if row.status == "skipped"}
    assert skipped == {
        "About": "a page, not a post (use --pages to import pages)",
        "Old spam": "in WordPress's trash",
        "Vertigo, unfinished": "not published (a draft; use --drafts to import drafts)",
        "Media library entries (2)": "media library entries are not posts (post type attachment)",
        "Menu items (1)": "menu items are not posts (post type nav_menu_item)",
        "Revisions (1)": "revisions are not posts (post type revision)",
        "Reusable blocks (1)": "reusable blocks are not posts (post type wp_block)"}
    assert next(r for r in rows if r.title == "Brief Encounter").reason == "2 comments not imported"
    assert "Lovely piece" not in "".join(files.values())


def test_pages_and_drafts_when_asked(tmp_path):
    _, files = imported(tmp_path, pages=True, drafts=True)
    assert "01-about.md" in files and any("Vertigo, unfinished" in text for text in files.values())
    assert not any("Buy now" in text for text in files.values())


def test_category_and_date_filters(tmp_path):
    rows, files = imported(tmp_path, categories=("film reviews",), since=dt.date(2013, 1, 1),
                           until=dt.date(2014, 12, 31))
    assert list(files) == ["01-the-night-of-the-hunter.md", "02-festival-notes.md"]
    reasons = {row.title: row.reason for row in rows}
    assert reasons["Brief Encounter"] == "published 2012-04-02, before --since 2013-01-01"
    assert reasons["Moving House"] == "not in --category 'film reviews' (its tags: Personal)"
    _, files = imported(tmp_path / "t", categories=("Noir",)) if (tmp_path / "t").mkdir() is None else None
    assert list(files) == ["01-the-night-of-the-hunter.md"]


def test_front_matter_tags_and_permalink(tmp_path):
    _, files = imported(tmp_path)
    text = files["01-brief-encounter.md"]
    assert "tags: [Film Reviews, David Lean]\n" in text
    assert "source_url: https://adaatthepictures.example.com/2012/04/brief-encounter/\n" in text
    assert "published: 2012-04-02\n" in text and "Uncategorized" not in text


def test_wpautop_paragraphs_line_breaks_and_pre():
    assert wpautop("one\ntwo\n\nthree") == "<p>one<br />\ntwo</p>\n<p>three</p>"
    assert wpautop("<pre>a\n\n  b</pre>\n\nc") == "<pre>a\n\n  b</pre>\n<p>c</p>"
    assert wpautop("text<ul><li>x</li></ul>more") == "<p>text</p>\n<ul>\n<li>x</li>\n</ul>\n<p>more</p>"


def test_classic_post_as_wordpress_shows_it(tmp_path):
    _, files = imported(tmp_path)
    body = files["01-brief-encounter.md"].split("---\n", 2)[2]
    assert "somebody else.  \nThe trains keep time" in body  # a single newline is a line break
    assert "*[Image: The platform at Carnforth, where the last scene was shot.]*" in body
    assert "Video: <https://www.youtube.com/watch?v=a1B2c3D4e5F>" in body  # a bare oEmbed line
    assert "She goes home, and he goes to Johannesburg. Nothing else" in body and "[spoiler]" not in body
    assert "back [sic] without" in body  # brackets that are not a shortcode are text
    assert "```\n  an honest\n    timetable\n```" in body


def test_blocks_map_to_their_meaning(tmp_path):
    rows, files = imported(tmp_path)
    body = files["02-the-night-of-the-hunter.md"]
    assert "wp:" not in body and "## The river" in body and "> Children, chil-dren!" in body
    assert "> It is a fairy tale told by a frightened adult." in body
    assert body.count("*[Image:") == 4 and "Animals along the bank." in body
    assert body.split("---\n", 2)[2].startswith("\n*[Image: Festival queue]*")  # the featured image, first
    assert "- A hymn sung by two voices\n  - one of them lying" in body and "* * *" in body
    assert "Video: [A video essay on the river sequence](https://vimeo.com/123456789)" in body
    row = next(r for r in rows if r.title == "The Night of the Hunter")
    assert row.changes == ("dropped dynamic block latest-posts 1×; replaced reusable block 1×, embed 1×, "
                           "remote image 4×")
    assert body.endswith("Laughton never directed again.\n\nI write about old films every Sunday.\n")


def test_shortcodes_become_figures_and_link_lines(tmp_path):
    rows, files = imported(tmp_path)
    body = files["03-festival-notes.md"]
    assert "*[Image: The station clock]*" in body and "*[Image: Festival queue]*" in body  # [gallery ids]
    for line in ("Video: <https://www.youtube.com/watch?v=Zz9Yy8Xx7Ww>",
                 "Video: <https://adaatthepictures.example.com/wp-content/uploads/2014/05/q-and-a.mp4>",
                 "Audio: <https://adaatthepictures.example.com/wp-content/uploads/2014/05/interview.mp3>",
                 "Video: <https://www.youtube.com/watch?v=Qq1Ww2Ee3Rr>"):
        assert line in body
    assert "[" not in body.split("---\n", 2)[2].replace("[Image:", "")


def test_unknown_shortcodes_keep_their_text_and_are_listed():
    book: list = []
    out = render('[footnote]A note[/footnote] and [button url="x"] and [[gallery]] and [1]', book, lambda ids: [])
    assert out == "<p>A note and  and [gallery] and [1]</p>"
    assert book == [Entry("dropped", "shortcode [footnote]"), Entry("dropped", "shortcode [button]")]


def test_uploads_folder_supplies_the_images(tmp_path):
    uploads = tmp_path / "uploads"
    for name in ("2012/04/platform.jpg", "2013/10/river.jpg"):
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        Image.new("RGB", (40, 30), "gray").save(buffer, "JPEG")
        (uploads / name).write_bytes(buffer.getvalue())
    (uploads / "2013/10/owl.jpg").write_bytes(b"not an image")
    rows, files = imported(tmp_path, uploads=uploads)
    # platform-640x427.jpg is not there: the original it was resized from is
    assert "![The platform at Carnforth, where the last scene was shot.](../images/platform-" in \
        files["01-brief-encounter.md"]
    assert "](../images/river-" in files["02-the-night-of-the-hunter.md"]
    assert len(list((tmp_path / "v" / "images").iterdir())) == 2
    warnings = [w for r in rows for w in r.warnings]
    assert any("owl.jpg replaced by its description (could not be downloaded: not a readable" in w
               for w in warnings)


@pytest.mark.parametrize("hostile, says", [
    ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss/>',
     "declares XML entities"),
    ('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss/>', "external DTD"),
    ('<?xml version="1.0"?><rss><channel><item>', "not well-formed XML"),
    ("", "not well-formed XML"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "not a WordPress export"),
])
def test_hostile_and_wrong_files_are_refused_by_name(tmp_path, hostile, says):
    path = tmp_path / "export.xml"
    path.write_text(hostile)
    with pytest.raises(InputError) as caught:
        wordpress.posts(path)
    assert says in str(caught.value)


def test_limits_are_refused_by_name(tmp_path, monkeypatch):
    from reelpress.commands.imports import xmlsafe
    path = tmp_path / "export.xml"
    path.write_bytes(wxr())
    monkeypatch.setattr(xmlsafe, "MAX_ENTRIES", 5)
    with pytest.raises(InputError, match="12 items; the limit is 5"):
        wordpress.posts(path)
    monkeypatch.setattr(xmlsafe, "MAX_XML_BYTES", 1000)
    with pytest.raises(InputError, match="bytes; the limit for a WordPress export is 1,000"):
        wordpress.posts(path)


def test_wxr_1_1_namespaces_and_an_empty_post(tmp_path):
    data = wxr(item(3, "Brief Encounter", CLASSIC, name="brief-encounter", categories=_categories(FILM))
               + item(4, "", "", name="")).replace(b"export/1.2/", b"export/1.1/")
    rows, files = imported(tmp_path, data)
    assert "01-brief-encounter.md" in files and [r.status for r in rows] == ["imported", "imported"]


def test_addresses_on_the_site_are_made_whole_and_uploads_never_leave_the_folder(tmp_path):
    outside = tmp_path / "secret.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    outside.write_bytes(buffer.getvalue())
    uploads = tmp_path / "uploads" / "2020" / "01"
    uploads.mkdir(parents=True)
    (uploads / "link.jpg").symlink_to(outside)
    content = ('<p>See <a href="/2013/10/the-night-of-the-hunter/">my Laughton piece</a>.</p>'
               '<figure><img src="/wp-content/uploads/2020/01/link.jpg" alt="A link out"/></figure>')
    rows, files = imported(tmp_path, wxr(item(3, "Relative", content, name="relative")),
                           uploads=tmp_path / "uploads")
    text = files["01-relative.md"]
    assert "(https://adaatthepictures.example.com/2013/10/the-night-of-the-hunter/)" in text
    assert "*[Image: A link out]*" in text and not (tmp_path / "v" / "images").exists()
    assert "2020/01/link.jpg is not in" in rows[0].warnings[0]
