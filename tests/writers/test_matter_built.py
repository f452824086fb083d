"""A volume with every page of front and back matter and `[credits] show`, built once (EPUB and PDF):
where each page goes, what it is called in the package, and what it prints."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from lxml import etree
from pypdf import PdfReader

from helpers import review
from reelpress.build import build
from reelpress.commands.check import epubcheck, readback
from reelpress.writers import WriteOptions

pytestmark = pytest.mark.slow
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
CONFIG = '''title = "Matter Test"
author = "A. Critic"
published = 2024-01-02
[accessibility]
page_list = false
[credits]
show = true
[[books]]
title = "Older Book"
subtitle = "Reviews of the Eighties"
links = { kdp = "https://www.amazon.com/dp/B000000001", web = "https://critic.example.org/older" }
[[books]]
title = "Unlinked Book"
'''
MATTER = {
    "dedication.md": "For my mother, who took me to the pictures.\n",
    "epigraph.md": '> "What is in the frame, and what is out of it."\n>\n> -- A Cameraman\n',
    "foreword.md": "A friend's foreword, short and kind.\n",
    "introduction.md": "# Why These Films\n\nWritten over ten years.[^a] See [Alpha](reviews/01-alpha.md).\n\n"
                       "[^a]: Roughly ten.\n",
    "acknowledgements.md": "Thanks to the projectionists.\n",
    "about-the-author.md": "A. Critic watches films for a living.\n",
}
SPINE = ["cover", "titlepage", "imprint", "dedication", "epigraph", "contents", "foreword", "introduction",
         "alpha", "beta", "index-films", "acknowledgements", "original-publication", "about-the-author", "also-by"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("matter")
    folder = root / "matter-test"
    (folder / "reviews").mkdir(parents=True)
    (folder / "volume.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "reviews" / "01-alpha.md").write_text(review(
        "Alpha Review", "Text of alpha.", film="Alpha", published="2022-12-21",
        source_url="https://critic.medium.com/alpha-123"), encoding="utf-8")
    (folder / "reviews" / "02-beta.md").write_text(review(
        "Beta Review", "Text of beta.", film="Beta", source_url="https://www.example.org/beta"), encoding="utf-8")
    for name, text in MATTER.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = build(folder, root / "dist")
    kdp = build(folder, root / "kdp", ("epub",), options=WriteOptions(store="kdp"))
    return result, kdp.outputs["epub"]


def _documents(epub) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as archive:
        return {name.removeprefix("EPUB/"): etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith(".xhtml") or name.endswith(".opf")}


def _spine(docs) -> list[str]:
    opf = docs["content.opf"]
    hrefs = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", NS)}
    return [hrefs[ref.get("idref")].removeprefix("text/").removesuffix(".xhtml")
            for ref in opf.iterfind(".//opf:itemref", NS)]


def test_epubcheck_reports_nothing(book):
    result, kdp = book
    for epub in (result.outputs["epub"], kdp):
        found = epubcheck.check(epub)
        assert found == [], "EPUBCheck reported:\n" + "\n".join(str(d) for d in found)


def test_spine_order(book):
    assert _spine(_documents(book[0].outputs["epub"])) == SPINE


@pytest.mark.parametrize("name, epub_type, role, matter", [
    ("dedication", "dedication", "doc-dedication", "frontmatter"),
    ("epigraph", "epigraph", "doc-epigraph", "frontmatter"),
    ("foreword", "foreword", "doc-foreword", "frontmatter"),
    ("introduction", "introduction", "doc-introduction", "frontmatter"),
    ("acknowledgements", "acknowledgments", "doc-acknowledgments", "backmatter"),
    ("original-publication", "credits", "doc-credits", "backmatter"),
    ("about-the-author", None, None, "backmatter"),
    ("also-by", None, None, "backmatter"),
])
def test_each_page_has_its_semantics(book, name, epub_type, role, matter):
    root = _documents(book[0].outputs["epub"])[f"text/{name}.xhtml"]
    assert root.find("x:body", NS).get(EPUB_TYPE) == matter
    section = root.find("x:body/x:section", NS)
    assert (section.get("id"), section.get(EPUB_TYPE), section.get("role")) == (name, epub_type, role)
    headed = section.find("x:h1", NS)
    assert (headed is None) == (name in ("dedication", "epigraph"))
    assert section.get("aria-label" if headed is None else "aria-labelledby")


def test_nav_contents_and_landmarks(book):
    nav = _documents(book[0].outputs["epub"])["nav.xhtml"]
    toc = [a.text for a in nav.iterfind(".//x:nav[@id='toc']/x:ol/x:li/x:a", NS)]
    assert toc == ["Foreword", "Why These Films", "Alpha Review", "Beta Review", "Index of Films", "Acknowledgements",
                   "Original Publication", "About the Author", "Also by A. Critic"]
    landmarks = [(a.get(EPUB_TYPE), a.get("href")) for a in nav.iterfind(".//x:nav[@id='landmarks']//x:a", NS)]
    assert landmarks == [("cover", "text/cover.xhtml"), ("titlepage", "text/titlepage.xhtml"),
                         ("dedication", "text/dedication.xhtml"), ("epigraph", "text/epigraph.xhtml"),
                         ("toc", "text/contents.xhtml"), ("foreword", "text/foreword.xhtml"),
                         ("introduction", "text/introduction.xhtml"), ("bodymatter", "text/alpha.xhtml"),
                         ("index", "text/index-films.xhtml"), ("acknowledgments", "text/acknowledgements.xhtml"),
                         ("credits", "text/original-publication.xhtml")]


def _text(root) -> str:
    return " ".join("".join(root.itertext()).split())


def test_credit_line_and_original_publication_in_the_epub(book):
    docs = _documents(book[0].outputs["epub"])
    footer = docs["text/alpha.xhtml"].find(".//x:footer[@class='first-published']", NS)
    assert _text(footer) == "First published on Medium, 21 December 2022"
    assert _text(docs["text/beta.xhtml"].find(".//x:footer", NS)) == "First published on example.org"
    page = docs["text/original-publication.xhtml"]
    assert [_text(li) for li in page.iterfind(".//x:li", NS)] == [
        "Alpha Review. First published on Medium, 21 December 2022. https://critic.medium.com/alpha-123",
        "Beta Review. First published on example.org. https://www.example.org/beta"]
    links = [a.get("href") for a in page.iterfind(".//x:a", NS)]
    assert links == ["alpha.xhtml", "https://critic.medium.com/alpha-123", "beta.xhtml", "https://www.example.org/beta"]
    intro = docs["text/introduction.xhtml"]
    assert "Roughly ten." in _text(intro) and intro.find(".//x:a[@href='alpha.xhtml']", NS) is not None


def test_also_by_links_the_store_the_epub_is_for(book):
    result, kdp = book
    for epub, link in ((result.outputs["epub"], "https://critic.example.org/older"),
                       (kdp, "https://www.amazon.com/dp/B000000001")):
        items = _documents(epub)["text/also-by.xhtml"].findall(".//x:li", NS)
        assert [_text(li) for li in items] == ["Older Book: Reviews of the Eighties", "Unlinked Book"]
        assert [a.get("href") for li in items for a in li.iterfind(".//x:a", NS)] == [link]


def _pdf_pages(pdf) -> list[str]:
    count = len(PdfReader(pdf).pages)
    return [" ".join(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout.split())
            for n in range(1, count + 1)]


def test_pdf_order_page_numbers_and_credit_lines(book):
    pdf = book[0].outputs["pdf"]
    pages = _pdf_pages(pdf)
    order = []  # each page's first appearance after the one before (the contents names them all)
    for needle in ("For my mother", "What is in the frame", "Contents", "foreword, short and kind",
                   "Written over ten years", "Text of alpha", "Text of beta", "Index of Films",
                   "Thanks to the projectionists", "Original Publication", "watches films for a living",
                   "Unlinked Book"):
        order.append(next(i for i, text in enumerate(pages, 1) if needle in text and i > (order or [0])[-1]))
    assert all(needle not in " ".join(pages[:order[2] - 1]) for needle in ("Text of alpha", "Thanks to"))
    assert order[0] % 2 == 1 and order[1] % 2 == 1  # the dedication and the epigraph open on the right
    assert "First published on Medium, 21 December 2022" in pages[order[5] - 1]
    assert "First published on example.org" in pages[order[6] - 1]
    credits = pages[order[9] - 1].replace("https:// ", "https://")  # an address may break after its scheme
    assert (f"Alpha Review (p. {order[5]}). First published on Medium, 21 December 2022. "  # the review's page
            "https://critic.medium.com/alpha-123") in credits
    assert pages[order[4] - 1].split()[-1] == str(order[4])  # the introduction prints its folio
    assert f"See Alpha (p. {order[5]})." in pages[order[4] - 1]
    assert not any(text.split()[-1:] == [str(n)] for n, text in enumerate(pages[:order[2]], 1))  # front: none
    facts = readback.read(pdf)
    entries = readback.contents(facts)
    assert [(title, printed) for title, printed, _ in entries][:3] == [
        ("Foreword", order[3]), ("Why These Films", order[4]), ("Alpha Review", order[5])]
    assert readback.problems(facts) == []


def test_a_volume_without_matter_has_no_trace_of_it(make_volume):
    folder = make_volume(config='title = "Plain"\nauthor = "A"\n[accessibility]\npage_list = false\n',
                         reviews={"01-a.md": review("A", published="2022-12-21", source_url="https://medium.com/x")})
    epub = build(folder, folder.parent / "out", ("epub",)).outputs["epub"]
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        chapter = archive.read("EPUB/text/a.xhtml").decode()
    assert "EPUB/css/matter.css" not in names and "matter.css" not in chapter and "First published" not in chapter
    assert _spine(_documents(epub)) == ["cover", "titlepage", "imprint", "contents", "a"]
