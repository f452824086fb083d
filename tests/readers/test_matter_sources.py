"""The front and back matter's Markdown sources: found in the volume or its series, read by the
Markdown reader, titled by their own heading or by the book's word."""

from __future__ import annotations

from reelpress.errors import Collector
from reelpress.readers import matter
from reelpress.util.xhtml import q, text_of


def test_a_volume_file_overrides_the_series_file(tmp_path):
    (tmp_path / "series.toml").write_text('title = "S"\n')
    volume = tmp_path / "v1"
    volume.mkdir()
    for folder in (tmp_path, volume):
        (folder / "about-the-author.md").write_text(f"From {folder.name}.\n")
    (tmp_path / "acknowledgements.md").write_text("Thanks.\n")
    (volume / "introduction.md").write_text("Hello.\n")
    (volume / "notes.md").write_text("Not a matter file.\n")
    assert matter.find(volume) == [("introduction", volume / "introduction.md"),
                                   ("acknowledgements", tmp_path / "acknowledgements.md"),
                                   ("about-the-author", volume / "about-the-author.md")]


def test_series_files_count_only_in_a_series(tmp_path):
    (tmp_path / "about-the-author.md").write_text("Not shared: there is no series.toml.\n")
    volume = tmp_path / "v1"
    volume.mkdir()
    assert matter.find(volume) == []


def test_a_first_heading_is_the_title_and_notes_are_kept(tmp_path):
    path = tmp_path / "introduction.md"
    path.write_text("# Why These Films\n\nTen years.[^a]\n\n[^a]: Roughly.\n")
    report = Collector()
    page = matter.read("introduction", path, tmp_path, "Introduction", report)
    assert report.items == []
    assert page.meta.title == "Why These Films" and page.anchor == "introduction"
    assert "Ten years." in text_of(page.body) and "Roughly." in text_of(page.body)
    assert page.body.find(f".//{q('h1')}") is None


def test_without_a_heading_the_title_is_the_books_word(tmp_path):
    path = tmp_path / "dedication.md"
    path.write_text("# For my mother\n")  # a dedication has no heading: the text stays
    page = matter.read("dedication", path, tmp_path, "Dedication", Collector())
    assert page.meta.title == "Dedication" and "For my mother" in text_of(page.body)


def test_an_empty_page_is_reported_with_its_file(tmp_path):
    for text, message in (("\n \n", "empty foreword page"), ("# Only a Heading\n", "has a heading but no text")):
        path = tmp_path / "foreword.md"
        path.write_text(text)
        report = Collector()
        assert matter.read("foreword", path, tmp_path, "Foreword", report) is None
        assert [(d.path, d.code) for d in report.items] == [(str(path), "RP012")] and message in report.items[0].message


def test_a_parse_problem_points_at_its_line(tmp_path):
    path = tmp_path / "acknowledgements.md"
    path.write_text("Thanks to all.\n\nA note.[^x]\n\n[^y]: Never referred to.\n")
    report = Collector()
    assert matter.read("acknowledgements", path, tmp_path, "Acknowledgements", report) is not None
    assert [(d.code, d.line) for d in report.items] == [("RP035", 5)]
