"""Importing a Substack export: posts.csv metadata, chrome removed, footnotes kept as footnotes."""

from __future__ import annotations

import pytest

from exports import substack_zip
from reelpress.errors import InputError
from reelpress.importers import Options, run

URL = "https://acritic.substack.com"


@pytest.fixture
def imported(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    volume = tmp_path / "from-substack"
    return volume, run("substack", [source], volume, Options(publication_url=URL, author="Ada Linden"))


def test_rows(imported):
    _, rows = imported
    assert [(r.status, r.title, r.reason) for r in rows] == [
        ("imported", "The Longest Cut", ""),
        ("imported", "Listening in the Dark", "paid subscribers only"),
        ("skipped", "Half Written", "not published (use --drafts to import drafts)"),
        ("skipped", "Episode One", "a podcast episode"),
        ("skipped", "Open Thread", "a discussion thread"),
    ]


def test_source_url_subtitle_and_chrome(imported):
    volume, rows = imported
    source = (volume / "reviews" / "01-the-longest-cut.md").read_text()
    assert "source_url: https://acritic.substack.com/p/the-longest-cut\n" in source
    assert "# Subtitle on the platform: Kubrick & the bone\n" in source  # entities decoded
    for gone in ("Subscribe now", "Share", "Type your email", "Thanks for reading", "svg", "data-attrs"):
        assert gone not in source, gone
    assert "*[Image: Four million years in one cut.]*" in source
    assert "[my piece\non listening](02-listening-in-the-dark.md)" in source
    assert "Video: <https://www.youtube.com/watch?v=Z2UWOeBcsJI>" in source
    assert "satellite.[^1] Kubrick" in source
    assert "[^1]: The cut\n    skips more history than any other in cinema." in source
    assert rows[0].changes == ("dropped image-expand icon 1×, subscribe button 1×, subscribe form 1×, share button "
                               "1×; replaced video 1×, remote image 1×")
    paid = (volume / "reviews" / "02-listening-in-the-dark.md").read_text()
    assert "# Note: paid subscribers only.\n" in paid and "> Post by @someone on X: <https://twitter.com/someone/status/1>" in paid


def test_publication_url_is_required(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    with pytest.raises(InputError, match="--publication-url"):
        run("substack", [source], tmp_path / "v", Options(author="A"))


def test_drafts_on_request(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    rows = run("substack", [source], tmp_path / "v", Options(publication_url=URL, author="A", drafts=True))
    assert ("imported", "Half Written") in [(r.status, r.title) for r in rows]
    assert ("skipped", "Episode One") in [(r.status, r.title) for r in rows]


def test_a_new_volume_without_an_author_is_refused(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    with pytest.raises(InputError, match="--author"):
        run("substack", [source], tmp_path / "v", Options(publication_url=URL))
    assert not (tmp_path / "v").exists()


def test_a_cross_posted_review_is_not_imported_twice(tmp_path):
    source = tmp_path / "substack.zip"
    source.write_bytes(substack_zip())
    volume = tmp_path / "v"
    (volume / "reviews").mkdir(parents=True)
    (volume / "volume.toml").write_text('title = "V"\nauthor = "A"\n')
    (volume / "reviews" / "07-kubrick.md").write_text(
        "---\ntitle: The Longest Cut\nsource_url: https://medium.com/@a/the-longest-cut-0a0b0c0d0e0f\n---\nText\n")
    rows = run("substack", [source], volume, Options(publication_url=URL))
    assert (rows[0].status, rows[0].file, rows[0].reason) == (
        "skipped", "07-kubrick.md", "a review with the same title is in the volume (cross-posted?)")
    assert rows[1].file == "08-listening-in-the-dark.md"  # numbering continues after the existing files
