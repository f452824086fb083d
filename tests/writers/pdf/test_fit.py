"""Fitting the book tree after a measured layout: figures move below the next block (caption inside),
then scale; short endings try tight, then loose, then are kept; reset gives back the book as written;
and the sample volumes, read back page by page (tools/page_report.py), have nothing left to fit."""

from __future__ import annotations

import runpy

import lxml.etree as etree
import pytest

from conftest import ROOT, SAMPLES
from reelpress.writers.pdf import fit

XHTML = "http://www.w3.org/1999/xhtml"
REPORT = runpy.run_path(str(ROOT / "tools" / "page_report.py"))["report"]


def _tree():
    root = etree.fromstring(
        f'<html xmlns="{XHTML}"><body><section class="review" id="r"><p>one</p>'
        '<figure><img src="x.png"/><figcaption>still</figcaption></figure><p>two</p><p>three</p></section>'
        '</body></html>')
    fit.number_figures(root)
    return root


def _order(root) -> list[str]:
    return [etree.QName(e).localname + (e.text or "") for e in root.find(f".//{{{XHTML}}}section")]


def test_a_figure_moves_below_the_paragraphs_after_it_with_its_caption_then_scales():
    root = _tree()
    assert fit.fit(root, ["1"], [])
    assert _order(root) == ["pone", "ptwo", "figure", "pthree"]
    assert root.find(f".//{{{XHTML}}}figure/{{{XHTML}}}figcaption").text == "still"
    assert fit.fit(root, ["1"], []) and _order(root)[-1] == "figure"
    assert fit.fit(root, ["1"], []) and root.find(f".//{{{XHTML}}}figure").get("data-fit") == "scaled"
    assert not fit.fit(root, ["1"], [])  # nothing left to try: the build stops fitting


def test_a_short_ending_is_set_tight_then_loose_then_kept():
    root = _tree()
    steps = []
    while fit.fit(root, [], ["r"]):
        steps.append(root.find(f".//{{{XHTML}}}section").get("data-fit"))
    assert steps == ["tight", "loose", "kept"]


def test_reset_gives_back_the_book_as_written():
    root, written = _tree(), etree.tostring(_tree())
    fit.fit(root, ["1"], ["r"])
    fit.fit(root, ["1"], ["r"])
    fit.reset(root)
    assert etree.tostring(root) == written


@pytest.fixture(scope="module")
def reports(built):
    return {name: REPORT(str(built[name].outputs["pdf"])) for name in SAMPLES}


@pytest.mark.parametrize("name", SAMPLES)
def test_the_samples_pages_have_nothing_a_designer_would_send_back(reports, name):
    found = reports[name]
    assert found["title_offset"] < 1.0, "the title page's title is centred"
    for offence in ("heads_on_openings", "missing_heads", "blank_with_text", "figure_gaps", "short_endings",
                    "index_split_names", "index_lone_numbers"):
        assert found[offence] == [], offence
