"""Reading a tagged PDF's structure back: a reading PDF must be tagged, and a tree that lost its
ties to the pages is reported (RP067)."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from weasyprint import HTML

from reelpress.commands.check import check_pdf, tags

PAGES = """<html lang="en"><head><title>T</title></head><body><h1>One</h1><p>First page.</p>
<h1 style="break-before: page">Two</h1><p>Second page.</p><img alt="A still" src="data:image/png;base64,
iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="></body></html>"""


def test_a_tagged_pdf_reads_back_whole(tmp_path):
    found = tags.read(HTML(string=PAGES).write_pdf(pdf_variant="pdf/ua-1"))
    assert found.marked and found.language == "en" and found.problems == []
    assert found.tags["H1"] == 2 and found.tags["P"] == 2 and found.figures == ["A still"]


def test_an_untagged_reading_pdf_and_a_page_cut_from_the_tree_are_reported(tmp_path):
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(HTML(string=PAGES).write_pdf())
    assert tags.read(plain).marked is False and tags.read(plain).problems == []
    codes = [(d.code, d.message) for d in check_pdf(plain, tagged=True).diagnostics]
    assert ("RP067", "the reading PDF is not tagged (no /MarkInfo)") in codes
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(HTML(string=PAGES).write_pdf(pdf_variant="pdf/ua-1"))))
    del writer.pages[1][NameObject("/StructParents")]
    cut = tmp_path / "cut.pdf"
    writer.write(cut)
    assert tags.read(cut).problems == ["page 2 has text but no /StructParents (its content is not tagged)"]
    assert [d.code for d in check_pdf(cut).diagnostics if d.code == "RP067"] == ["RP067"]
