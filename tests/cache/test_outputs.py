"""The no-change fast path: nothing rebuilt or rewritten when nothing changed, and never stale."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from helpers import png_bytes, review
from reelpress.cache import outputs as cache
from reelpress.commands.check import epubcheck
from reelpress.cli import main


def build(folder, out, *extra):
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--format", "epub", *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def volume(make_volume):
    return make_volume({"01-a.md": review("A", "Text with ![x](../images/x.png)."), "02-b.md": review("B")},
                       images={"images/x.png": png_bytes()})


def test_nothing_changed_means_nothing_written(volume, tmp_path):
    out = tmp_path / "dist"
    assert build(volume, out).startswith("wrote ")
    epub = out / "test-volume.epub"
    assert epubcheck.check(epub) == []
    before = epub.stat().st_mtime_ns
    assert build(volume, out).startswith("up to date: ")
    assert epub.stat().st_mtime_ns == before
    assert (tmp_path / ".reelpress-cache").is_dir()


@pytest.mark.parametrize("change", ["review", "image", "config", "new file", "output", "output gone", "format",
                                    "epoch", "series", "series matter", "template"])
def test_every_kind_of_change_rebuilds(volume, tmp_path, monkeypatch, change):
    out = tmp_path / "dist"
    templates = tmp_path / "templates"
    shutil.copytree(cache.templates_dir(), templates)
    monkeypatch.setattr(cache, "templates_dir", lambda: templates)
    if change == "series matter":
        (volume.parent / "series.toml").write_text('title = "A Series"\nauthor = "A. Critic"\n')
    build(volume, out)
    extra = []
    if change == "review":
        (volume / "reviews" / "02-b.md").write_text(review("B", "Other text."))
    elif change == "image":
        (volume / "images" / "x.png").write_bytes(png_bytes(41, 30))
    elif change == "config":
        (volume / "volume.toml").write_text('title = "Renamed"\nauthor = "A. Critic"\n')
    elif change == "new file":
        (volume / "reviews" / "03-c.md").write_text(review("C"))
    elif change == "output":
        (out / "test-volume.epub").write_bytes(b"tampered")
    elif change == "output gone":
        (out / "test-volume.epub").unlink()
    elif change == "format":
        extra = ["--profile", "print"]
    elif change == "epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    elif change == "series":
        (volume.parent / "series.toml").write_text('title = "A Series"\nauthor = "A. Critic"\n')
    elif change == "series matter":  # a page every volume of the series shares
        (volume.parent / "about-the-author.md").write_text("A. Critic watches films.\n")
    elif change == "template":
        (templates / "epub.css").write_text((templates / "epub.css").read_text() + "\n/* changed */\n")
    assert build(volume, out, *extra).startswith("wrote "), change
    assert epubcheck.check(out / "test-volume.epub") == []


def test_the_cached_output_is_the_cold_build(volume, tmp_path):
    build(volume, tmp_path / "one")
    build(volume, tmp_path / "one")
    build(volume, tmp_path / "two")
    assert (tmp_path / "one" / "test-volume.epub").read_bytes() == (tmp_path / "two" / "test-volume.epub").read_bytes()
    os.utime(tmp_path / "one" / "test-volume.epub", (0, 0))  # an old mtime alone does not matter
    assert build(volume, tmp_path / "one").startswith("up to date: ")


def test_the_same_output_folder_named_from_another_folder_is_still_up_to_date(volume, tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    assert build(volume, "dist").startswith("wrote ")
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert build(volume, "../dist").startswith("up to date: ../dist/test-volume.epub")
    record = next((tmp_path / ".reelpress-cache").glob("build-*.json"))
    text = record.read_text().replace(str(tmp_path / "dist"), str(tmp_path / "elsewhere"))
    record.write_text(text)  # a record naming outputs in another folder is not about these outputs
    assert build(volume, "../dist").startswith("wrote ")
