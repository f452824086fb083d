"""One review, many copies: a post imported from a second platform is kept once, the earliest unless
--prefer says otherwise, and the report says which copy was kept and where the others were."""

from __future__ import annotations

from exports_blogs import blogger_backup, item, wxr
from exports_ghost import _post, ghost_json
from reelpress.commands.imports import Options, run

PEEPING_2012 = item(30, "Peeping Tom", "Powell's film, moved here from my old blog.", "2012-01-15 10:00:00",
                    "peeping-tom")


def _import(tmp_path, platform, name, data, **options):
    (tmp_path / name).write_bytes(data)
    return run(platform, [tmp_path / name], tmp_path / "v", Options(**options))


def test_a_later_copy_from_another_platform_is_skipped_and_the_report_says_where_both_are(tmp_path):
    _import(tmp_path, "blogger", "blog.xml", blogger_backup())
    rows = _import(tmp_path, "wordpress", "wp.xml", wxr(PEEPING_2012))
    assert (rows[0].status, rows[0].file) == ("skipped", "01-peeping-tom.md")
    assert rows[0].reason == (
        "a copy of 01-peeping-tom.md (Blogger, 2009-05-01, https://adalinden.blogspot.com/2009/05/peeping-tom.html),"
        " kept as the earliest copy; this copy: WordPress, 2012-01-15, "
        "https://adaatthepictures.example.com/2012/01/peeping-tom/")
    assert "moved here" not in (tmp_path / "v" / "reviews" / "01-peeping-tom.md").read_text()


def test_an_earlier_copy_replaces_the_later_one(tmp_path):
    _import(tmp_path, "wordpress", "wp.xml", wxr(PEEPING_2012))
    rows = _import(tmp_path, "blogger", "blog.xml", blogger_backup())
    row = next(r for r in rows if r.title == "Peeping Tom")
    assert (row.status, row.file) == ("overwritten", "01-peeping-tom.md")
    assert row.reason == ("the earliest copy: replaces the copy from WordPress, 2012-01-15, "
                          "https://adaatthepictures.example.com/2012/01/peeping-tom/")
    text = (tmp_path / "v" / "reviews" / "01-peeping-tom.md").read_text()
    assert "Mark films everyone" in text and "source_url: https://adalinden.blogspot.com/2009/05/peeping-tom.html" in text


def test_prefer_keeps_the_named_platforms_copy(tmp_path):
    _import(tmp_path, "wordpress", "wp.xml", wxr(PEEPING_2012))
    rows = _import(tmp_path, "blogger", "blog.xml", blogger_backup(), prefer="wordpress")
    row = next(r for r in rows if r.title == "Peeping Tom")
    assert row.status == "skipped" and "kept as --prefer wordpress; this copy: Blogger, 2009-05-01" in row.reason
    rows = _import(tmp_path, "wordpress", "wp.xml", wxr(PEEPING_2012), prefer="wordpress")
    assert rows[0].status == "skipped" and rows[0].reason == "already in the volume (same source_url)"


def test_a_canonical_link_to_the_first_copy_makes_a_copy_whatever_the_title(tmp_path):
    _import(tmp_path, "blogger", "blog.xml", blogger_backup())
    post = _post("g", "Powell's Camera", "powells-camera", html="<p>Moved from Blogger.</p>",
                 published="2015-01-01T00:00:00.000Z")
    post["canonical_url"] = "https://adalinden.blogspot.com/2009/05/peeping-tom.html"
    rows = _import(tmp_path, "ghost", "g.json", ghost_json([post]), site_url="https://ada.ghost.io")
    assert rows[0].status == "skipped" and rows[0].reason.startswith("a copy of 01-peeping-tom.md (Blogger")


def test_the_same_title_years_apart_is_not_called_a_copy_but_still_not_imported_twice(tmp_path):
    _import(tmp_path, "blogger", "blog.xml", blogger_backup())
    rows = _import(tmp_path, "wordpress", "wp.xml", wxr(item(30, "Stalker", "A second look, much later.",
                                                             "2024-02-01 10:00:00", "stalker-again")))
    assert (rows[0].status, rows[0].reason) == ("skipped", "a review with the same title is in the volume "
                                                           "(cross-posted?)")
