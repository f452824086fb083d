"""Importing a Medium export: metadata, chrome removed, drafts and responses skipped, links kept inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports import medium_zip
from reelpress.importers import Options, run

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def imported(tmp_path):
    source = tmp_path / "medium-export.zip"
    source.write_bytes(medium_zip())
    volume = tmp_path / "volumes" / "from-medium"
    rows = run("medium", [source], volume, Options())
    return volume, rows


def text(volume: Path, name: str) -> str:
    return (volume / "reviews" / name).read_text(encoding="utf-8")


def test_report_rows(imported):
    _, rows = imported
    assert [(r.status, r.file, r.title) for r in rows] == [
        ("imported", "01-the-zither-and-the-sewer.md", "The Zither and the Sewer"),
        ("imported", "02-the-quiet-masterpiece.md", "The Quiet Masterpiece"),
        ("skipped", "", "Great piece, I agree about the ending!"),
        ("skipped", "", "Unfinished Thoughts on Stalker"),
        ("imported", "03-paris-texas.md", "Paris, Texas"),
        ("imported", "04-how-i-watch-screeners.md", "How I Watch Screeners"),
        ("skipped", "", "A reply on the middle hour"),
        ("imported", "05-seven-samurai-in-the-rain.md", "Seven Samurai in the Rain"),
    ]
    assert rows[2].reason == ("a response to another post (no title or subtitle, and its title is its first "
                              "paragraph, as Medium names responses)")
    assert rows[3].reason == "draft (use --drafts to import drafts)"
    assert rows[6].reason == "a response to another post (marked as in response to another post)"


def test_a_short_capsule_review_with_a_title_is_a_post(imported):
    volume, rows = imported
    source = text(volume, "03-paris-texas.md")
    assert "published: 2020-03-02" in source and "Wenders films Texas" in source
    assert rows[4].changes == "replaced remote image 1×"


def test_a_page_without_a_date_takes_it_from_the_file_name(imported):
    volume, rows = imported
    assert "published: 2020-06-07\n" in text(volume, "05-seven-samurai-in-the-rain.md")
    assert rows[7].warnings == ["RP077 the page has no publication date; 2020-06-07 is taken from the file name"]


def test_code_blocks_are_exact_and_keep_their_language(imported):
    volume, _ = imported
    body = text(volume, "04-how-i-watch-screeners.md")
    assert ("```bash\nsudo apt-get update\nsudo apt-get install mpv\n  # two spaces more here, and they stay\n"
            "```") in body
    assert "```\nmpv --sub-file=subs.srt film.mkv\n  --fullscreen\n```" in body
    assert "```\nmkdir -p ~/screeners\ncd ~/screeners\n    ls -l\n```" in body  # one pre a line, one block


def test_a_captioned_image_without_alt_gets_the_caption_as_alt(tmp_path, monkeypatch):
    from reelpress.importers import cleanup
    from exports import medium_zip
    source = tmp_path / "m.zip"
    source.write_bytes(medium_zip())
    monkeypatch.setattr("reelpress.importers._fetcher", lambda volume, options: lambda url: "../images/x.jpg")
    volume = tmp_path / "v"
    run("medium", [source], volume, Options())
    assert cleanup.alt_from_caption  # the step that does it
    assert ('![Travis walks out of the desert in a red cap.](../images/x.jpg "Travis walks out of the desert in a '
            'red cap.")') in text(volume, "03-paris-texas.md")


def test_new_volume_gets_a_starter_config_with_the_author(imported):
    volume, _ = imported
    assert (volume / "volume.toml").read_text().endswith('title = "From Medium"\nauthor = "Ada Linden"\n')


def test_metadata_and_clean_body(imported):
    volume, rows = imported
    source = text(volume, "01-the-zither-and-the-sewer.md")
    assert "title: The Zither and the Sewer\npublished: 2019-02-11\n" in source
    assert "source_url: https://medium.com/@adalinden/The-Zither-and-the-Sewer-9a8b7c6d5e4f\n" in source
    assert "# film:\n# year:\n# director:\n# rating:\n---\n" in source
    body = source.split("---\n", 2)[2]
    assert body.startswith("\nThe zither plays")  # the repeated title and subtitle are gone
    for gone in ("graf", "class=", "Exported from", "tracking", "Canonical link", "Thanks for reading",
                 "Please like", "<p", "<div", "<section", "On The Third Man\n"):
        assert gone not in body, gone
    assert "\n## The wheel\n" in body
    assert "*[Image: A wet street at night, shot from a tilted camera.]*" in body
    assert "Video: <https://www.youtube.com/watch?v=dQw4w9WgXc0>" in body
    assert "\n* * *\n" in body  # Medium's section break
    assert rows[0].changes == ("dropped repeated title 1×, repeated subtitle 1×, boilerplate paragraph 2×; "
                               "replaced link card 1×, video 1×, remote image 1×")
    warnings = "\n".join(rows[0].warnings)
    assert "RP072 remote image https://cdn-images-1.medium.com/max/800/1*still.jpeg replaced" in warnings
    assert "RP073 removed boilerplate 'Please like, subscribe and comment.'" in warnings


def test_links_to_other_imported_posts_become_links_between_files(imported):
    volume, _ = imported
    body = text(volume, "01-the-zither-and-the-sewer.md")
    assert "[my Tokyo Story review](02-the-quiet-masterpiece.md)" in body  # by canonical URL
    assert "See also: [The Quiet Masterpiece](02-the-quiet-masterpiece.md)" in body  # by post id


def test_drafts_on_request(tmp_path):
    source = tmp_path / "medium.zip"
    source.write_bytes(medium_zip())
    rows = run("medium", [source], tmp_path / "v", Options(drafts=True, author="A"))
    assert ("imported", "Unfinished Thoughts on Stalker") in [(r.status, r.title) for r in rows]


def test_existing_review_is_kept_unless_overwrite(imported, tmp_path):
    volume, _ = imported
    mine = volume / "reviews" / "01-the-zither-and-the-sewer.md"
    mine.write_text("---\ntitle: My edited version\n---\nEdited.\n")
    source = tmp_path / "medium-export.zip"
    rows = run("medium", [source], volume, Options())
    assert [(r.status, r.file) for r in rows[:2]] == [("kept", "01-the-zither-and-the-sewer.md"),
                                                      ("skipped", "02-the-quiet-masterpiece.md")]
    assert rows[1].reason == "already in the volume (same source_url)"
    assert mine.read_text().endswith("Edited.\n")
    rows = run("medium", [source], volume, Options(overwrite=True))
    assert rows[0].status == "overwritten" and "The zither plays" in mine.read_text()


def test_dry_run_writes_nothing(tmp_path):
    source = tmp_path / "medium.zip"
    source.write_bytes(medium_zip())
    rows = run("medium", [source], tmp_path / "new-volume", Options(dry_run=True))
    assert [r.status for r in rows[:2]] == ["would imported", "would imported"]
    assert not (tmp_path / "new-volume").exists()


@pytest.mark.parametrize("title, body, response", [
    ("Paris, Texas", "<p class='graf graf--p'>Paris, Texas is Wenders at his most patient.</p>", False),
    ("Great piece, I agree about the ending!", "<p class='graf graf--p'>Great piece, I agree about the ending!</p>",
     True),
    ("I think the second act is where it falls…", "<p class='graf graf--p'>I think the second act is where it "
     "falls apart, and the score cannot hold it up.</p>", True),
    ("I think the second act is where it fa…", "<p class='graf graf--p'>I think the second act is where it "
     "falls apart.</p>", True),
    ("In Praise of Long Takes", "<p class='graf graf--p'>In response to <a href='https://medium.com/p/x'>your "
     "piece</a>: yes.</p>", True),
])
def test_responses_are_told_by_medium_signals_not_length(title, body, response):
    from exports import medium_post
    from reelpress.importers.medium import read_post
    post = read_post(medium_post(title, "", body, "abcdefabcdef", "2021-01-01", response=True).encode(), "x", None)
    assert (post.skip is not None) == response, post.skip
