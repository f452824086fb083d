"""Finding and reading a volume's review sources: slugs, order, clashes, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import review
from reelpress.build import build
from reelpress.commands.check import epubcheck
from reelpress.errors import Collector
from reelpress.readers import read_reviews, slug_for


@pytest.mark.parametrize("name, slug", [
    ("03-tokyo-story.md", "tokyo-story"),
    ("03_Tokyo Story.md", "tokyo-story"),
    ("02-2001-a-space-odyssey.md", "2001-a-space-odyssey"),
    ("2001.md", "2001"),
    ("Über Vertigo.md", "uber-vertigo"),
    ("12.md", "12"),
])
def test_slugs(name, slug):
    assert slug_for(Path(name)) == slug


def read(folder: Path, order=None):
    report = Collector()
    reviews = read_reviews(folder, order, report)
    return reviews, [str(d).replace(str(folder) + "/", "") for d in report.items]


def test_file_name_order_and_configured_order(make_volume):
    folder = make_volume({"02-b.md": review("B"), "01-a.md": review("A"), "03-c.md": review("C"),
                          "notes.txt": "not a review", ".hidden.md": "ignored"})
    assert [r.slug for r in read(folder)[0]] == ["a", "b", "c"]
    assert [r.slug for r in read(folder, ("c", "a"))[0]] == ["c", "a", "b"]


def test_order_naming_unknown_or_repeated_slugs(make_volume):
    folder = make_volume({"01-a.md": review("A")})
    _, found = read(folder, ("a", "a", "zzz"))
    assert found == ["volume.toml: RP015 error: `order` names `zzz`, but no review has that slug (slugs: a)",
                     "volume.toml: RP015 error: `order` lists a more than once"]


def test_duplicate_slugs_name_both_files(make_volume):
    folder = make_volume({"01-vertigo.md": review("A"), "02-Vertigo.md": review("B")})
    _, found = read(folder)
    assert found == ["reviews/02-Vertigo.md: RP014 error: slug `vertigo` is also the slug of "
                     "reviews/01-vertigo.md; rename one of them"]


def test_every_broken_file_is_reported_before_stopping(make_volume):
    folder = make_volume({"01-a.md": "", "02-b.md": "no front matter\n", "03-c.md": review("C"),
                          "04-d.md": "---\ntitle: D\nrating: ten\n---\n"})
    reviews, found = read(folder)
    assert [r.slug for r in reviews] == ["c"]
    assert found == [
        "reviews/01-a.md: RP012 error: empty review: it needs front matter with a title, then the text",
        "reviews/02-b.md:1:1: RP020 error: no front matter: a review starts with a line `---`, then YAML "
        "keys (at least `title:`), then a closing `---`",
        "reviews/04-d.md:3:1: RP024 error: `rating`: expected a number, got text ('ten')"]


def test_crlf_and_bom_keep_line_numbers_right(make_volume):
    folder = make_volume({})
    (folder / "reviews" / "01-a.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n\r\nyear: soon\r\n---\r\nText\r\n")
    _, found = read(folder)
    assert found == ["reviews/01-a.md:4:1: RP024 error: `year`: expected a whole number, got text ('soon')"]


def test_invalid_utf8_in_a_review(make_volume):
    folder = make_volume({})
    (folder / "reviews" / "01-a.md").write_bytes(b"---\ntitle: A\n---\nCaf\xe9 au lait\n")
    _, found = read(folder)
    assert found == ["reviews/01-a.md:4:4: RP010 error: invalid UTF-8 byte 0xe9; save the file as UTF-8"]


def test_no_reviews_at_all(make_volume):
    folder = make_volume({})
    assert read(folder)[1] == ["reviews: RP012 error: no review sources (files ending in .md, .markdown, .html, .htm) "
                               "in this folder"]


def test_markdown_footnotes_become_note_markup(make_volume):
    folder = make_volume({"01-a.md": review("A", "Claim.[^n]\n\n[^n]: The note.")})
    body = read(folder)[0][0].body
    assert body.find(".//{*}a[@role='doc-noteref']").get("href") == "#fn-n"
    assert body.find(".//{*}section[@role='doc-endnotes']//{*}li").get("id") == "fn-n"


def test_a_footnote_nothing_refers_to_is_left_out_with_a_warning_at_its_line(make_volume, tmp_path):
    text = "Claim.[^b]\n\n[^a]: Nobody points here.\n[^b]: The note.\n"
    folder = make_volume({"01-a.md": review("A", text), "02-b.md": review("B", "Text.\n\n[^x]: Alone.")})
    reviews, report = read(folder)
    notes = reviews[0].body.findall(".//{*}section[@role='doc-endnotes']//{*}li")
    assert [li.get("id") for li in notes] == ["fn-b"]
    assert reviews[0].body.find(".//{*}a[@role='doc-noteref']").text == "1"  # was 2: [^a] came first
    assert reviews[1].body.find(".//{*}section") is None  # no notes left: no notes section
    assert [line.split(" warning")[0] for line in report] == ["reviews/01-a.md:6: RP035", "reviews/02-b.md:6: RP035"]
    assert "[^a] is defined here but never referred to" in report[0]
    result = build(folder, tmp_path / "out", ("epub",))
    assert [d.code for d in result.warnings] == ["RP035", "RP035"]
    assert epubcheck.check(result.outputs["epub"]) == []


def test_symlink_out_of_the_volume_is_refused(make_volume, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(review("Secret"))
    folder = make_volume({})
    (folder / "reviews" / "01-link.md").symlink_to(secret)
    _, found = read(folder)
    assert len(found) == 1 and found[0].startswith("reviews/01-link.md: RP041 error: refusing to read")


def test_a_folder_named_like_a_review_is_refused(make_volume):
    folder = make_volume({})
    (folder / "reviews" / "01-odd.md").mkdir()
    assert read(folder)[1] == ["reviews/01-odd.md: RP016 error: not a regular file (a FIFO, device or "
                               "folder cannot be a source)"]


def test_html_deeper_than_the_parser_allows_is_an_error_not_silence(make_volume):
    deep = "<div>" * 300 + "lost text" + "</div>" * 300
    folder = make_volume({"01-deep.html": f"---\ntitle: Deep\n---\n<p>first</p>\n{deep}\n"})
    _, found = read(folder)
    assert len(found) == 1
    assert found[0].startswith("reviews/01-deep.html:5:") and "RP034 error: HTML parser gave up" in found[0]
    assert "Excessive depth" in found[0]
