"""Imported volumes build: EPUBCheck finds nothing, the PDF's contents are right; HTML sources build too."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from exports import RICH_PAGE, medium_zip, substack_zip
from reelpress.build import build
from reelpress.commands.check import epubcheck, readback as pdf
from reelpress.cli import main

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("platform, data, extra", [
    ("medium", medium_zip, []),
    ("substack", substack_zip, ["--publication-url", "https://acritic.substack.com", "--author", "Ada Linden"]),
    ("html", lambda: RICH_PAGE.encode(), ["--author", "Ada Linden"]),
])
def test_imported_volume_builds_clean(tmp_path, platform, data, extra):
    source = tmp_path / (f"{platform}.zip" if platform != "html" else "page.html")
    source.write_bytes(data())
    volume = tmp_path / "volumes" / f"from-{platform}"
    result = CliRunner().invoke(main, ["import", platform, str(source), "--into", str(volume), *extra])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("status")
    built = build(volume, tmp_path / "dist")
    assert epubcheck.check(built.outputs["epub"]) == []
    assert pdf.problems(pdf.read(built.outputs["pdf"]), [r.meta.title for r in built.volume.reviews]) == []


def test_footnotes_from_substack_are_epub_notes(tmp_path):
    source = tmp_path / "s.zip"
    source.write_bytes(substack_zip())
    volume = tmp_path / "v"
    CliRunner().invoke(main, ["import", "substack", str(source), "--into", str(volume), "--author", "A",
                              "--publication-url", "https://acritic.substack.com"])
    built = build(volume, tmp_path / "dist", ("epub",))
    import zipfile
    with zipfile.ZipFile(built.outputs["epub"]) as archive:
        chapter = archive.read("EPUB/text/the-longest-cut.xhtml").decode()
    assert 'epub:type="noteref"' in chapter and 'epub:type="endnote"' in chapter
    assert 'href="listening-in-the-dark.xhtml"' in chapter  # a link between the imported reviews


HTML_REVIEW = """---
title: A Blog Post, As It Was
film: The Apartment
year: 1960
---
<div class="entry-content" style="font-family: Georgia">
<h1>Section one</h1>
<p class="intro">C. C. Baxter lends his flat. <i>The Apartment</i> watches what that costs him; <i>this</i>
is stressed. <b>Bold</b> and <font color=red>red</font>.</p>
<p>An unclosed paragraph with <em>emphasis
<ul><li>a list<li>kept</ul>
<table><tr><th>Year</th><td>1960</td></tr></table>
<p>A note.<sup><a href="#n1" role="doc-noteref" id="r1">1</a></sup></p>
<section role="doc-endnotes"><ol><li id="n1"><p>The note text. <a href="#r1" role="doc-backlink">↩</a></p></li></ol></section>
<script>track()</script>
<p>Thanks for reading!</p>
</div>
"""


def test_html_sources_build_like_markdown(make_volume, tmp_path):
    volume = make_volume({"01-the-apartment.html": HTML_REVIEW})
    built = build(volume, tmp_path / "dist")
    body = built.volume.reviews[0].body
    from lxml import etree
    xhtml = etree.tostring(body, encoding="unicode")
    assert "<cite>The Apartment</cite>" in xhtml and "<em>this</em>" in xhtml and "<strong>Bold</strong>" in xhtml
    assert "class=" not in xhtml and "style=" not in xhtml and "font" not in xhtml and "script" not in xhtml
    assert "Thanks for reading" not in xhtml and "<li>kept</li>" in xhtml and "<th>Year</th>" in xhtml
    assert 'epub:type="noteref"' in xhtml and 'epub:type="endnote"' in xhtml
    assert [w.code for w in built.volume.warnings] == ["RP030", "RP073"]
    assert epubcheck.check(built.outputs["epub"]) == []


@pytest.mark.parametrize("platform, data, options", [
    ("medium", medium_zip, {}),
    ("substack", substack_zip, {"publication_url": "https://acritic.substack.com", "author": "Ada Linden"}),
])
def test_imported_figures_build_clean(tmp_path, monkeypatch, platform, data, options):
    """With images downloaded, every image form (captioned, <picture>, galleries) is a figure in the EPUB."""
    from helpers import png_bytes
    from reelpress.commands.imports import Options, run

    def fetcher(volume, _options):
        def fetch(url):
            name = url.rsplit("/", 1)[-1].split(".")[0].replace("*", "-") + ".png"
            (volume / "images").mkdir(parents=True, exist_ok=True)
            (volume / "images" / name).write_bytes(png_bytes(600, 400))
            return f"../images/{name}"
        return fetch

    monkeypatch.setattr("reelpress.commands.imports._fetcher", fetcher)
    source = tmp_path / "export.zip"
    source.write_bytes(data())
    volume = tmp_path / "volume"
    run(platform, [source], volume, Options(**options))
    built = build(volume, tmp_path / "dist", ("epub",))
    assert epubcheck.check(built.outputs["epub"]) == []
    import zipfile
    with zipfile.ZipFile(built.outputs["epub"]) as archive:
        chapters = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("EPUB/text/"))
    assert chapters.count("<figure") == (7 if platform == "substack" else 2)  # every image the posts have
