"""The EPUB writer: EPUBCheck passes with nothing to report, the package says what a store needs,
and two builds of the same sources are byte-identical."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import SAMPLES, VOLUMES
from helpers import png_bytes, review
from reelpress.build import build
from reelpress.commands.check import epubcheck

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}

pytestmark = pytest.mark.slow


def assert_epubcheck_clean(epub: Path) -> None:
    found = epubcheck.check(epub)
    assert found == [], "EPUBCheck reported:\n" + "\n".join(str(d) for d in found)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_volume_passes_epubcheck(built, name):
    assert_epubcheck_clean(built[name].outputs["epub"])


def opf(epub: Path):
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def test_zip_layout_is_what_readers_expect(built):
    with zipfile.ZipFile(built[SAMPLES[0]].outputs["epub"]) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[0].extra == b""
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names) and len(names) == len(set(names))
    assert {i.date_time for i in infos} == {(2026, 3, 14, 0, 0, 0)}  # the volume's `published` date
    assert "EPUB/text/the-third-man.xhtml" in names and "EPUB/images/tatami-room.png" in names


def test_metadata(built):
    root = opf(built[SAMPLES[0]].outputs["epub"])
    meta = lambda prop: [m.text for m in root.iterfind(f".//opf:meta[@property='{prop}']", OPF)]
    assert [t.text for t in root.iterfind(".//dc:title", OPF)] == [
        "Shadows and Light", "Essential Film Reviews from the 1940s and 1950s"]
    assert root.findtext(".//dc:creator", namespaces=OPF) == "Ada Linden"
    assert root.findtext(".//dc:language", namespaces=OPF) == "en"
    assert root.findtext(".//dc:identifier", namespaces=OPF).startswith("urn:uuid:")
    assert root.findtext(".//dc:publisher", namespaces=OPF) == "Linden Reel Press"
    assert root.findtext(".//dc:date", namespaces=OPF) == "2026-03-14"
    assert meta("dcterms:modified") == ["2026-03-14T00:00:00Z"]
    assert meta("belongs-to-collection") == ["Essential Film Reviews"]
    assert meta("group-position") == ["1"] and meta("collection-type") == ["series"]
    assert root.find(".//opf:meta[@name='calibre:series']", OPF).get("content") == "Essential Film Reviews"
    assert meta("schema:accessMode") == ["textual", "visual"]
    assert "alternativeText" in meta("schema:accessibilityFeature")
    assert meta("schema:accessibilityHazard") == ["none"] and meta("schema:accessibilitySummary")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"  # on <package>, beside dc:language
    assert meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    certified = root.find(".//opf:meta[@property='a11y:certifiedBy']", OPF)
    assert certified.get("refines") == "#conformance" and certified.text == "Linden Reel Press"  # the publisher
    assert "meets EPUB Accessibility 1.1" in meta("schema:accessibilitySummary")[0]
    cover = root.find(".//opf:item[@properties='cover-image']", OPF)
    assert cover is not None and cover.get("href") == "images/cover.png"


def test_the_claim_names_who_certifies_it_and_is_not_made_for_undescribed_images(make_volume, tmp_path):
    meta = lambda root, prop: [m.text for m in root.iterfind(f".//opf:meta[@property='{prop}']", OPF)]
    plain = opf(build(make_volume(), tmp_path / "a", ("epub",)).outputs["epub"])
    assert meta(plain, "a11y:certifiedBy") == ["A. Critic"]  # no publisher: the author
    config = 'title = "T"\nauthor = "A"\npublisher = "P"\n[accessibility]\ncertified_by = "Reel Access Ltd"\n'
    named = opf(build(make_volume(config=config, name="named"), tmp_path / "b", ("epub",)).outputs["epub"])
    assert meta(named, "a11y:certifiedBy") == ["Reel Access Ltd"]
    undescribed = make_volume({"01-a.md": review("A", "Text.\n\n<img src=\"../images/still.png\">")},
                              images={"images/still.png": png_bytes()}, name="undescribed")
    result = build(undescribed, tmp_path / "c", ("epub",))
    assert [w.code for w in result.warnings] == ["RP044"]
    root = opf(result.outputs["epub"])
    assert meta(root, "dcterms:conformsTo") == [] and meta(root, "a11y:certifiedBy") == []
    assert meta(root, "schema:accessibilitySummary")[0].endswith(
        "Some images have no text description. No conformance to EPUB Accessibility is claimed.")
    assert_epubcheck_clean(result.outputs["epub"])


def test_notes_carry_the_types_and_roles_reading_systems_and_ace_expect(built):
    with zipfile.ZipFile(built[SAMPLES[0]].outputs["epub"]) as archive:
        root = etree.fromstring(archive.read("EPUB/text/vertigo.xhtml"))
        css = archive.read("EPUB/css/epub.css").decode()
    notes = root.find(".//x:section[@epub:type='endnotes']", XHTML)
    assert notes.get("role") == "doc-endnotes" and notes.get("aria-label") == "Notes"
    item = notes.find(".//x:li", XHTML)
    assert item.get(f"{{{XHTML['epub']}}}type") == "endnote" and item.get("role") is None  # doc-endnote is deprecated
    backlink = item.find(".//x:a[@role='doc-backlink']", XHTML)
    assert backlink.get("aria-label") == "Back to text"
    assert 'a[role="doc-backlink"] { text-decoration: underline; }' in css  # a link without relying on colour
    noteref = root.find(".//x:a[@epub:type='noteref']", XHTML)
    assert noteref.get("role") == "doc-noteref" and noteref.get("href") == "#" + item.get("id")


def test_nav_landmarks_spine_and_one_file_per_review(built):
    epub = built[SAMPLES[0]].outputs["epub"]
    root = opf(epub)
    spine = [root.find(f".//opf:item[@id='{ref.get('idref')}']", OPF).get("href")
             for ref in root.iterfind(".//opf:itemref", OPF)]
    reviews = built[SAMPLES[0]].volume.reviews
    back = ["acknowledgements", "original-publication", "about-the-author", "also-by"]  # volume 1 has matter
    assert spine == ["text/cover.xhtml", "text/titlepage.xhtml", "text/imprint.xhtml", "text/dedication.xhtml",
                     "text/epigraph.xhtml", "text/contents.xhtml", "text/introduction.xhtml",
                     *[f"text/{r.anchor}.xhtml" for r in reviews], "text/index-films.xhtml",
                     "text/index-directors.xhtml", "text/index-years.xhtml", *[f"text/{b}.xhtml" for b in back],
                     "text/series.xhtml"]
    with zipfile.ZipFile(epub) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
        assert archive.read("EPUB/toc.ncx").count(b"<navPoint") == 16 + sum(
            len(e.children) for e in built[SAMPLES[0]].volume.toc)
    landmarks = {a.get(f"{{{XHTML['epub']}}}type"): a.get("href")
                 for a in nav.iterfind(".//x:nav[@epub:type='landmarks']//x:a", XHTML)}
    assert landmarks == {"cover": "text/cover.xhtml", "titlepage": "text/titlepage.xhtml",
                         "dedication": "text/dedication.xhtml", "epigraph": "text/epigraph.xhtml",
                         "toc": "text/contents.xhtml", "introduction": "text/introduction.xhtml",
                         "bodymatter": "text/the-third-man.xhtml", "index": "text/index-films.xhtml",
                         "acknowledgments": "text/acknowledgements.xhtml", "credits": "text/original-publication.xhtml"}
    toc = [a.text for a in nav.iterfind(".//x:nav[@epub:type='toc']/x:ol/x:li/x:a", XHTML)]
    assert toc == ["Introduction"] + [r.meta.title for r in reviews] + [
        "Index of Films", "Index of Directors", "Films by Year", "Acknowledgements", "Original Publication",
        "About the Author", "Also by Ada Linden", "Also in this Series"]


def test_review_file_has_the_standard_header_and_links_across_files(built):
    with zipfile.ZipFile(built[SAMPLES[0]].outputs["epub"]) as archive:
        hunter = archive.read("EPUB/text/the-night-of-the-hunter.xhtml").decode()
        vertigo = archive.read("EPUB/text/vertigo.xhtml").decode()
    assert '<a href="tokyo-story.xhtml">review of <cite>Tokyo Story</cite></a>' in hunter  # a film title
    assert '<span class="keep"><cite class="film">Vertigo</cite>\u00a0<span class="year">(1958)</span>' in vertigo
    assert 'aria-label="4.5 out of 5 stars">★★★★½</span>' in vertigo
    assert 'class="spoiler-warning"' in vertigo and "’80s" in vertigo


def test_index_locators_are_the_print_pages_the_reviews_open_on(built):
    """With the page list, a locator reads "p. 17", the page its review opens on in the print edition:
    the first page marker of the file it links to; the review's title is in its accessible name."""
    with zipfile.ZipFile(built[SAMPLES[0]].outputs["epub"]) as archive:
        films = archive.read("EPUB/text/index-films.xhtml").decode()
        found = re.findall(r'<a href="([^"#]+)" epub:type="index-locator" aria-label="([^"]+)">([^<]+)</a>', films)
        assert len(found) == 7
        for href, label, text in found:
            review = archive.read(f"EPUB/text/{href}").decode()
            first = re.search(r'<span id="page-(\d+)" epub:type="pagebreak"', review)[1]
            title = re.search(r'<h1 id="[^"]+">([^<]+)</h1>', review)[1]
            assert (text, label) == (f"p.\u00a0{first}", f"p.\u00a0{first}: {title}"), href  # never broken


def build_in_subprocess(volume: Path, out: Path, env_extra: dict[str, str]) -> None:
    import os
    env = {**os.environ, **env_extra}
    subprocess.run([sys.executable, "-m", "reelpress", "build", str(volume), "--out", str(out), "-q"],
                   check=True, env=env, capture_output=True)


def test_builds_are_byte_identical_across_processes_and_time_zones(built, tmp_path):
    build_in_subprocess(VOLUMES / SAMPLES[1], tmp_path, {"TZ": "Pacific/Auckland"})
    for fmt in ("epub", "pdf"):
        first = built[SAMPLES[1]].outputs[fmt].read_bytes()
        assert (tmp_path / f"{SAMPLES[1]}.{fmt}").read_bytes() == first, fmt


def test_source_date_epoch_sets_the_modified_date(tmp_path, monkeypatch, make_volume):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    result = build(make_volume(), tmp_path / "out", ("epub",))
    meta = opf(result.outputs["epub"]).find(".//opf:meta[@property='dcterms:modified']", OPF)
    assert meta.text == "2026-01-01T00:00:00Z"


EDGE_REVIEWS = {
    "01-contents.md": review("A Review Whose Slug Is Reserved", """
        Links to [the odyssey](02-2001-a-space-odyssey.md) and [its second part](02-2001-a-space-odyssey.md#part-two).

        | Film | Year |
        |------|------|
        | *Alien* | 1979 |

        Term
        : Definition with <abbr title="for example">e.g.</abbr> an abbreviation.

        3. third
        4. fourth
        """, rating=0, spoilers="true"),
    "02-2001-a-space-odyssey.md": review("Ünïcödé — “Title” & <Brackets>", """
        ## Part one
        Text with a picture ![a square](../images/sub%20dir/My%20Still.PNG).

        ## Part two
        <table><tr><td>raw html table</td></tr></table>
        <p>Back to <a href="#part-one">part one</a>.</p>
        """, film='"2001: A Space Odyssey"', year=1968),
    "03-plain.md": "---\ntitle: Plain\n---\nNothing but text.\n",
}


def test_edge_case_volume_passes_epubcheck(make_volume, tmp_path):
    folder = make_volume(EDGE_REVIEWS, images={"images/sub dir/My Still.PNG": png_bytes()})
    result = build(folder, tmp_path / "out", ("epub",))
    assert_epubcheck_clean(result.outputs["epub"])
    with zipfile.ZipFile(result.outputs["epub"]) as archive:
        names = archive.namelist()
        first = archive.read("EPUB/text/review_contents.xhtml").decode()
    assert "EPUB/images/sub-dir/my-still.png" in names and "EPUB/text/review_contents.xhtml" in names
    assert 'href="2001-a-space-odyssey.xhtml#review_2001-a-space-odyssey_part-two"' in first  # ids start with a letter
    assert "no stars" in first
