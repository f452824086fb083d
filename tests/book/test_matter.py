"""The front and back matter's facts: the order of the pages, the platform an address is on, which link
an "Also by" line carries for a store, and the pages generated from the configuration."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reelpress.book import matter
from reelpress.book.strings import Strings
from reelpress.config import CreditsSettings, OtherBook, VolumeConfig
from reelpress.model import Matter, Review, ReviewMeta
from reelpress.util.xhtml import container


@pytest.mark.parametrize("address, name", [
    ("https://medium.com/@ada/the-third-man-1a2b", "Medium"),
    ("https://ada.medium.com/the-third-man-1a2b", "Medium"),
    ("https://ada.substack.com/p/vertigo", "Substack"),
    ("https://letterboxd.com/ada/film/vertigo/", "Letterboxd"),
    ("https://ada.ghost.io/vertigo/", "Ghost"),
    ("https://ada.blogspot.com/2019/02/vertigo.html", "Blogger"),
    ("https://ada.blogspot.fr/2019/02/vertigo.html", "Blogger"),
    ("https://ada.wordpress.com/2019/02/vertigo/", "WordPress"),
    ("https://www.example.org/reviews/vertigo", "example.org"),
    ("https://notmedium.com/x", "notmedium.com"),
    (None, None),
])
def test_platform_is_named_from_the_host(address, name):
    assert matter.platform(address) == name


def test_a_store_edition_links_its_own_store_or_the_web_never_a_rival():
    links = (("kdp", "https://amazon.example/b"), ("web", "https://ada.example/b"))
    assert matter.link_for(links, "kdp") == "https://amazon.example/b"
    assert matter.link_for(links, "apple") == "https://ada.example/b"
    assert matter.link_for(links, None) == "https://ada.example/b"
    assert matter.link_for((("kdp", "https://amazon.example/b"),), "apple") is None
    assert matter.link_for((), None) is None


def test_the_book_order_is_front_matter_then_back_matter():
    names = [kind.name for kind in matter.KINDS]
    assert names == ["dedication", "epigraph", "foreword", "introduction", "acknowledgements",
                     "original-publication", "about-the-author", "also-by"]
    assert [kind.name for kind in matter.KINDS if kind.front] == names[:4]
    assert [kind.name for kind in matter.KINDS if kind.before_contents] == ["dedication", "epigraph"]
    pages = [_page(name) for name in ("also-by", "introduction", "dedication", "acknowledgements")]
    assert [page.slug for page in matter.in_order(pages)] == ["dedication", "introduction", "acknowledgements", "also-by"]


def test_semantics_are_the_vocabularies_own_words():
    kinds = {kind.name: (kind.epub_type, kind.role) for kind in matter.KINDS}
    assert kinds["acknowledgements"] == ("acknowledgments", "doc-acknowledgments")  # the vocabulary's spelling
    assert kinds["original-publication"] == ("credits", "doc-credits")
    assert kinds["about-the-author"] == (None, None) and kinds["also-by"] == (None, None)


def _page(name: str) -> Matter:
    return Matter(slug=name, path=Path(f"{name}.md"), meta=ReviewMeta(title=name), body=container())


def _review(**meta) -> Review:
    return Review(slug="r", path=Path("r.md"), meta=ReviewMeta(title="R", **meta), body=container())


def test_generated_pages_come_from_books_and_credits():
    config = VolumeConfig(title="T", author="Ada", books=(OtherBook("Other"),), credits=CreditsSettings(show=True))
    words = Strings("en")
    found = matter.generated(config, [_review(published=dt.date(2022, 12, 21))], set(), words, Path("volume.toml"))
    assert [(page.slug, page.meta.title, page.generated) for page in found] == [
        ("also-by", "Also by Ada", True), ("original-publication", "Original Publication", True)]
    assert matter.generated(config, [_review()], {"also-by"}, words, Path("v")) == []  # also-by.md wins; nothing to credit
    assert matter.generated(VolumeConfig(title="T", author="A"), [_review(published=dt.date(2022, 1, 1))], set(),
                            words, Path("v")) == []


@pytest.mark.parametrize("language, expected", [
    ("en", "21 December 2022"), ("de", "21. Dezember 2022"), ("fr", "21 décembre 2022"),
    ("ru", "21 декабря 2022 г."), ("ja", "2022年12月21日"), ("es", "21 de diciembre de 2022")])
def test_dates_are_written_in_the_books_language(language, expected):
    assert Strings(language).date(dt.date(2022, 12, 21)) == expected
