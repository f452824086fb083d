"""`reelpress import letterboxd`: reviews.csv rows with text become reviews, with film, year, rating,
watched, rewatch and tags; diary, ratings and watched rows without text are counted."""

from __future__ import annotations

import datetime as dt

import pytest

from exports import make_zip
from exports_blogs import REVIEW_COLUMNS, _csv, letterboxd_zip
from reelpress.errors import Collector, InputError
from reelpress.commands.imports import Options, letterboxd, run
from reelpress.readers import markdown


def imported(tmp_path, data: bytes = None, **options):
    path = tmp_path / "letterboxd-adalinden-2026-11-01-10-00-utc.zip"
    path.write_bytes(letterboxd_zip() if data is None else data)
    rows = run("letterboxd", [path], tmp_path / "v", Options(**options))
    return rows, {p.name: p.read_text() for p in sorted((tmp_path / "v" / "reviews").glob("*.md"))}


def test_reviews_with_text_become_reviews_the_rest_is_counted(tmp_path):
    rows, files = imported(tmp_path)
    assert list(files) == ["01-the-third-man.md", "02-paddington-2.md", "03-the-third-man-2024-01-10.md"]
    assert {r.title: r.reason for r in rows if r.status == "skipped"} == {
        "Aftersun": "no review text (a rating or log entry)",
        "Diary entries without a review (1)": "rows of diary.csv without text are not reviews",
        "Ratings without a review (2)": "rows of ratings.csv without text are not reviews",
        "Watched films without a review (1)": "rows of watched.csv without text are not reviews"}
    assert "author = \"Ada Linden\"" in (tmp_path / "v" / "volume.toml").read_text()  # from profile.csv


def test_front_matter_from_the_row_and_it_validates(tmp_path):
    _, files = imported(tmp_path)
    first, rewatch = files["01-the-third-man.md"], files["03-the-third-man-2024-01-10.md"]
    for line in ("film: The Third Man", "year: 1949", "rating: 4.5", "published: 2021-03-05",
                 "watched: 2021-03-04", "source_url: https://boxd.it/1aB2c", "tags: [noir, vienna]"):
        assert line + "\n" in first
    assert "rewatch: true\n" in rewatch and "title: The Third Man (rewatched 2024-01-10)\n" in rewatch
    report = Collector()
    review = markdown.read(tmp_path / "r.md", "r", rewatch, report)
    assert not report.items
    assert (review.meta.rewatch, review.meta.watched, review.meta.tags, review.meta.rating) == (
        True, dt.date(2024, 1, 10), ("noir",), 5)


def test_the_review_html_is_converted(tmp_path):
    _, files = imported(tmp_path)
    body = files["01-the-third-man.md"].split("---\n", 2)[2]
    assert "The *cuckoo clock* speech" in body and "> Nobody thinks in terms of human beings." in body
    assert "**Anna** walking past.  \nShe does not stop." in body
    assert "[my Vienna list](https://letterboxd.com/adalinden/list/vienna/)" in body


def test_a_value_letterboxd_never_writes_is_left_out_with_a_warning(tmp_path):
    rows, files = imported(tmp_path)
    assert next(r for r in rows if r.title == "Paddington 2").warnings == [
        "RP079 Rating '7' is not 0.5 to 5 stars in halves; left out"]
    assert "# rating:" in files["02-paddington-2.md"]


@pytest.mark.parametrize("front, says", [
    ("tags: noir", "expected a list of tags"), ("watched: yesterday", "watched"),
    ("rewatch: twice", "expected true or false"), ("tags: ['']", "must not be empty")])
def test_the_new_keys_are_validated(tmp_path, front, says):
    report = Collector()
    markdown.read(tmp_path / "r.md", "r", f"---\ntitle: X\n{front}\n---\n\nText.\n", report)
    assert report.items and says in report.items[0].message and report.items[0].code == "RP024"


def test_filters_by_tag_and_date(tmp_path):
    _, files = imported(tmp_path, categories=("noir",), since=dt.date(2022, 1, 1))
    assert list(files) == ["01-the-third-man-2024-01-10.md"]


def test_limits_and_damaged_files(tmp_path, monkeypatch):
    path = tmp_path / "l.zip"
    path.write_bytes(make_zip({"reviews.csv": _csv(REVIEW_COLUMNS, [["2021-01-01", "A", "2000", "", "", "", "x" * 200_000,
                                                                      "", ""]])}))
    with pytest.raises(InputError, match="reviews.csv line 2: not readable as CSV"):
        letterboxd.posts(path)
    monkeypatch.setattr(letterboxd, "MAX_ROWS", 2)
    path.write_bytes(letterboxd_zip())
    with pytest.raises(InputError, match="more than 2 rows; the limit is 2"):
        letterboxd.posts(path)
    path.write_bytes(make_zip({"watched.csv": b"Name\n"}))
    with pytest.raises(InputError, match="no reviews.csv in the archive"):
        letterboxd.posts(path)
