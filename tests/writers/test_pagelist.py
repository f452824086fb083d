"""Page numbers from the paperback: each pagebreak marker in the EPUB sits where that page of the
print-profile PDF begins — the words after it are the words at the top of that page."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from conftest import SAMPLES, VOLUMES
from helpers import review
from reelpress.build import build
from reelpress.writers import WriteOptions
from reelpress.commands.check import readback as pdf

pytestmark = pytest.mark.slow
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def markers(epub) -> dict[int, list[str]]:
    """Each marker's page number → the words that follow it in its document."""
    found = {}
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if not name.startswith("EPUB/text/"):
                continue
            root = etree.fromstring(archive.read(name))
            body = root.find("x:body", XHTML)
            text = "".join(_text_with_markers(body))
            for match in re.finditer(r"\x00(\d+)\x00([^\x00]*)", text):
                found[int(match[1])] = match[2].split()[:6]
    return found


def _text_with_markers(element):
    if element.get("role") == "doc-pagebreak":
        yield f"\x00{element.get('aria-label')}\x00"
    elif element.get("role") != "doc-backlink":
        yield element.text or ""
        for child in element:
            if isinstance(child.tag, str):
                yield from _text_with_markers(child)
            yield child.tail or ""
        return
    yield ""


@pytest.fixture(scope="module")
def paperbacks(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("print")
    return {name: pdf.read(build(VOLUMES / name, out, ("pdf",), options=WriteOptions(profile="print")).outputs["pdf"]) for name in SAMPLES}


@pytest.mark.parametrize("name", SAMPLES)
def test_each_marker_is_where_its_print_page_begins(built, paperbacks, name):
    book, found = paperbacks[name], markers(built[name].outputs["epub"])
    reviews = {r.meta.title for r in built[name].volume.reviews}
    opening = [page for title, page, _ in pdf.contents(book) if title in reviews]
    assert opening and set(opening) <= set(found), "every review's first page is marked"
    for number, words in found.items():
        top = letters(" ".join(book.lines[number - 1][:4]))  # the running head, then the first lines
        after = letters(" ".join(words[:3]))
        again = letters(" ".join(words[1:4]))  # a word hyphenated across the break: its second half leads
        assert after[:12] in top or again[:12] in top, (number, words, book.lines[number - 1][:4])
    back = min(page for title, page, _ in pdf.contents(book) if title not in reviews and page > opening[0])
    body_pages = [n for n in range(opening[0], back) if book.pages[n - 1].strip()]  # blank versos have nothing
    assert set(found) <= set(body_pages)
    print(f"{name}: {len(found)} of {len(body_pages)} review pages marked")
    assert len(found) / len(body_pages) >= 0.9, sorted(set(body_pages) - set(found))


def test_page_list_nav_and_metadata(built):
    epub = built[SAMPLES[0]].outputs["epub"]
    with zipfile.ZipFile(epub) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    links = nav.findall(".//x:nav[@epub:type='page-list']//x:a", XHTML)
    numbers = [int(a.text) for a in links]
    assert numbers == sorted(numbers) == sorted(markers(epub)) and links[0].get("href").startswith("text/")
    meta = {m.get("property"): m.text for m in opf.iter("{http://www.idpf.org/2007/opf}meta") if m.get("property")}
    assert meta["pageBreakSource"] == "Shadows and Light (print edition)"


def test_the_print_isbn_is_the_page_source_and_the_page_list_can_be_turned_off(make_volume, tmp_path):
    config = 'title = "T"\nauthor = "A"\n[print]\nisbn = "978-1-23456-789-7"\n'
    epub = build(make_volume({"01-a.md": review("A", "Some words. " * 400)}, config=config), tmp_path / "a",
                 ("epub",)).outputs["epub"]
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/content.opf").decode()
    assert "<dc:source>urn:isbn:9781234567897</dc:source>" in opf
    assert '<meta property="pageBreakSource">urn:isbn:9781234567897</meta>' in opf
    assert len(markers(epub)) >= 2
    off = config.replace("[print]", "[accessibility]\npage_list = false\n[print]")
    plain = build(make_volume(config=off, name="off"), tmp_path / "b", ("epub",)).outputs["epub"]
    assert markers(plain) == {}


def test_an_epub_whose_print_edition_cannot_be_laid_out_is_built_without_page_numbers(make_volume, tmp_path):
    from click.testing import CliRunner

    from reelpress.cli import main

    # a private-use character: no installed font has it (an emoji would print: issue 17's emoji font)
    folder = make_volume({"01-a.md": review("A", "A sign: \ue000, which the book's fonts cannot print.")})
    result = CliRunner().invoke(main, ["build", str(folder), "--format", "epub", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "test-volume.epub: no print page numbers, as the print edition cannot be laid out:" in result.output
    assert "U+E000" in result.output  # RP054's message, naming the character
    assert markers(tmp_path / "out" / "test-volume.epub") == {}
