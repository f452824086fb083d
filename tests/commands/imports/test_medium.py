"""Importing a Medium export: metadata, chrome removed, drafts and responses skipped, links kept inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports import medium_zip
from reelpress.commands.imports import Options, run

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
    ]
    assert rows[2].reason.startswith("looks like a response to another post (no title heading, 7 words)")
    assert rows[3].reason == "draft (use --drafts to import drafts)"


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
