"""The EPUB as a phone shows it and as calibre's checker reads it: one small volume, built once.

In headless Chromium at 320 and 375 px, the film line breaks between its groups only (the stars on the
line of the word before them, the director's name on one line, the year with the title, nothing wider
than the screen); ids start with a letter and old fragments still land; index locators read as
locators; description and rights flow."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from helpers import review
from reelpress.build import build
from reelpress.commands.check import epubcheck

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by .ci/run
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]
CONFIG = '''title = "Phone Test"
author = "A. Critic"
description = """
Three films, told on a narrow
screen.

A second paragraph."""
rights = """
Copyright 2026 A. Critic.
All rights reserved.

First printed on a blog."""
[accessibility]
page_list = false
[indexes]
films = true
directors = true
'''
REVIEWS = {
    "01-2001-a-space-odyssey.md": review("The Slab", "Opening.\n\n## The pace\n\nSlow, on purpose.",
                                         film='"2001: A Space Odyssey"', year=1968, director="Stanley Kubrick", rating=5),
    "02-uncle-boonmee.md": review("A Ghost at the Table", "See [the pace](#2001-a-space-odyssey_the-pace) "
                                  "and [the slab](#2001-a-space-odyssey).",
                                  film="Uncle Boonmee Who Can Recall His Past Lives", original_title="ลุงบุญมีระลึกชาติ",
                                  original_language="th", year=2010, director="Apichatpong Weerasethakul", rating=4),
    "03-lives.md": review("Listening Walls", "Text.", film="The Lives of Others", year=2006,
                          director="Florian Henckel von Donnersmarck", rating=4.5),
}
#: Per character of the film line: the character, whether it is a star, the middle of its line box and
#: its right edge. Characters of one line box have middles within a few pixels (fonts differ).
MEASURE = """(p) => {
  const out = [];
  const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode())
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      out.push([node.data[i], node.parentElement.closest('.rating') !== null,
                box ? (box.top + box.bottom) / 2 : null, box ? box.right : 0]);
    }
  return out;
}"""


@pytest.fixture(scope="module")
def book(make_volume_module, tmp_path_factory):
    result = build(make_volume_module(REVIEWS, CONFIG), tmp_path_factory.mktemp("out"))
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(result.outputs["epub"]) as archive:
        archive.extractall(folder)
    return result.outputs["epub"], folder / "EPUB"


@pytest.fixture(scope="module")
def make_volume_module(tmp_path_factory):
    def make(reviews, config):
        folder = tmp_path_factory.mktemp("volume") / "phone-test"
        (folder / "reviews").mkdir(parents=True)
        (folder / "volume.toml").write_text(config, encoding="utf-8")
        for name, text in reviews.items():
            (folder / "reviews" / name).write_text(text, encoding="utf-8")
        return folder
    return make


def test_the_book_passes_epubcheck(book):
    assert epubcheck.check(book[0]) == []


def lines_of(chars):
    """Each visible character's line number, counted from the top."""
    middles = []
    for _, _, middle, _ in chars:
        if middle is not None and not any(abs(middle - m) < 6 for m in middles):
            middles.append(middle)
    middles.sort()
    return [next(n for n, m in enumerate(middles) if abs(middle - m) < 6) if middle is not None else None
            for _, _, middle, _ in chars]


def before(chars, index):
    """The visible character before `index` that is not the separator dot."""
    index -= 1
    while index >= 0 and (not chars[index][0].strip() or chars[index][0] == "·"):
        index -= 1
    return index


def test_the_film_line_breaks_between_its_groups_at_phone_widths(book, tmp_path):
    from playwright.sync_api import sync_playwright

    names = {"2001-a-space-odyssey": "Stanley Kubrick", "uncle-boonmee": "Apichatpong Weerasethakul",
             "lives": "Florian Henckel von Donnersmarck"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for width in (320, 375):
            page = browser.new_page(viewport={"width": width, "height": 640})
            for stem, name in names.items():
                page.goto((book[1] / "text" / f"{stem}.xhtml").as_uri())
                chars = page.evaluate(MEASURE, page.query_selector("p.review-meta"))
                text, line = "".join(c[0] for c in chars).replace("\u00a0", " "), lines_of(chars)
                star = next(i for i, c in enumerate(chars) if c[1])
                assert line[before(chars, star)] == line[star], (width, stem, "stars apart from the word before")
                at = text.index(name)
                assert len({line[i] for i in range(at, at + len(name)) if text[i] != " "}) == 1, (width, stem, name)
                year = re.search(r"\d{4}\)", text).start()
                assert line[before(chars, year)] == line[year], (width, stem, "year apart from the title")
                assert "·" not in {text[i] for i in range(len(text)) if i == 0 or line[i] != line[before(chars, i)]}
                assert max(c[3] for c in chars) <= width, (width, stem, "wider than the screen")
                if width == 320:
                    page.locator("header").screenshot(path=str(tmp_path / f"{stem}-{width}.png"))
            page.close()
        browser.close()
    assert len(list(tmp_path.glob("*.png"))) == 3


def ids_in(folder):
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".xhtml", ".opf", ".ncx"):
            yield from ((path.name, i) for i in etree.parse(str(path)).xpath("//@id"))


def test_ids_start_with_a_letter_and_old_fragments_still_land(book):
    ids = list(ids_in(book[1]))
    assert [(name, i) for name, i in ids if not re.match(r"[A-Za-z][A-Za-z0-9_:.-]*$", i)] == []
    assert ("2001-a-space-odyssey.xhtml", "review_2001-a-space-odyssey") in ids  # the file keeps its name
    boonmee = (book[1] / "text" / "uncle-boonmee.xhtml").read_text(encoding="utf-8")
    assert 'href="2001-a-space-odyssey.xhtml#review_2001-a-space-odyssey_the-pace"' in boonmee
    assert 'href="2001-a-space-odyssey.xhtml#review_2001-a-space-odyssey"' in boonmee
    assert 'href="text/2001-a-space-odyssey.xhtml#review_2001-a-space-odyssey"' in (book[1] / "nav.xhtml").read_text()


def test_without_page_numbers_a_locator_is_an_arrow_named_by_the_review(book):
    films = (book[1] / "text" / "index-films.xhtml").read_text(encoding="utf-8")
    locators = re.findall(r'<a href="([^"]+)" epub:type="index-locator" aria-label="([^"]+)">([^<]+)</a>', films)
    assert sorted(locators) == [("2001-a-space-odyssey.xhtml#review_2001-a-space-odyssey", "The Slab", "→"),
                                ("lives.xhtml", "Listening Walls", "→"),
                                ("uncle-boonmee.xhtml", "A Ghost at the Table", "→"),
                                ("uncle-boonmee.xhtml", "A Ghost at the Table", "→")]  # and its original title


def test_description_and_rights_flow(book):
    opf = (book[1] / "content.opf").read_text(encoding="utf-8")
    assert "<dc:description>Three films, told on a narrow screen. A second paragraph.</dc:description>" in opf
    assert "<dc:rights>Copyright 2026 A. Critic. All rights reserved. First printed on a blog.</dc:rights>" in opf
    imprint = (book[1] / "text" / "imprint.xhtml").read_text(encoding="utf-8")
    assert "<p>Copyright 2026 A. Critic. All rights reserved.</p>\n<p>First printed on a blog.</p>" in imprint


def test_media_types_are_the_ones_calibres_checker_expects_of_an_epub_3_0_package(book):
    """calibre (6.13, src/calibre/ebooks/oeb/polish/utils.py) asks a 3.0 package for vnd.ms-opentype fonts."""
    expected = {".xhtml": "application/xhtml+xml", ".css": "text/css", ".ttf": "application/vnd.ms-opentype",
                ".ncx": "application/x-dtbncx+xml", ".png": "image/png"}
    package = etree.parse(str(book[1] / "content.opf"))
    assert package.getroot().get("version") == "3.0"
    items = package.xpath("//*[local-name()='item']")
    assert {(i.get("href"), i.get("media-type")) for i in items} == {
        (i.get("href"), expected[i.get("href")[i.get("href").rindex("."):]]) for i in items}
