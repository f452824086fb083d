"""Hyphenation a book designer would sign: the words the PDF keeps whole (hyphenation.py), and the
sample volumes and a generated corpus read back with `pdftotext -layout`, with no offence of any kind
(tools/hyphenation_audit.py counts them)."""

from __future__ import annotations

import runpy
import sys
import types
from pathlib import Path

import lxml.etree as etree
import pytest

from conftest import ROOT, SAMPLES, VOLUMES
from reelpress.build import build
from reelpress.util.xhtml import XHTML_NS, q
from reelpress.writers.pdf import hyphenation

AUDIT = runpy.run_path(str(ROOT / "tools" / "hyphenation_audit.py"))


def volume(director="Akira Kurosawa", film="Seven Samurai", author="Ada Linden"):
    meta = types.SimpleNamespace(film=film, original_title=None, director=director)
    return types.SimpleNamespace(config=types.SimpleNamespace(author=author),
                                 reviews=[types.SimpleNamespace(meta=meta)])


def section(body: str):
    return etree.fromstring(f'<html xmlns="{XHTML_NS}"><body><section class="review"><header><h1>T</h1></header>'
                            f"{body}</section></body></html>")


def whole(root) -> list[str]:
    return ["".join(s.itertext()) for s in root.iter(q("span")) if s.get("class") in ("rp-whole", "rp-unbroken")]


def test_names_last_words_and_the_first_line_are_kept_whole_and_the_text_is_unchanged():
    body = ("<p>Short opening words, then a well-known phrase, before the long remainder of this first "
            "paragraph that runs on and on past what any first line could hold: abundantly.</p>"
            "<p>Later, <cite>Seven Samurai</cite> and Kurosawa’s village, and the end of <em>Vertigo</em>’s.</p>")
    root = section(body)
    before = "".join(root.itertext())
    hyphenation.protect(root, volume())
    assert "".join(root.itertext()) == before
    kept = whole(root)
    # the words of 6 letters or more in the first 120 characters; the last word (across <em>); names
    assert kept == ["opening", "well-known", "phrase", "before", "remainder", "paragraph", "abundantly.",
                    "Seven Samurai", "Kurosawa", "Vertigo", "’s."]
    compound = next(s for s in root.iter(q("span")) if "".join(s.itertext()) == "well-known")
    assert compound.get("class") == "rp-unbroken"  # no break at its hyphen on a small-caps line


def test_a_name_is_matched_as_whole_words_and_people_by_each_name():
    phrases, words = hyphenation.names_of(volume(director="Bong Joon-ho & Carol Reed", film="Chinatown"))
    assert phrases == ["Chinatown"] and words == ["Joon-ho", "Linden", "Carol", "Bong", "Reed", "Ada"]
    pattern = hyphenation.name_pattern(volume(film="Chinatown"))
    assert pattern.findall("Chinatown, Chinatowns, Kurosawa’s") == ["Chinatown", "Kurosawa"]


def test_the_audit_tells_a_hyphenation_from_a_real_hyphen():
    pages = [["a line that ends in a well-", "known phrase and a zith-", "er here"]]
    found = AUDIT["line_breaks"](pages, "a well-known phrase and a zither")
    assert [(b.left, b.right, b.real) for b in found[0] if b] == [("well", "known", True), ("zith", "er", False)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A generated volume of short words, where hyphenation has most chances (benchmarks/corpus.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        write = runpy.run_path(str(ROOT / "benchmarks" / "corpus.py"))["write"]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = write(tmp_path_factory.mktemp("corpus"), volumes=1, reviews=4, words=1200)[0]
    (folder / "volume.toml").write_text('title = "Benchmark Volume"\n[accessibility]\npage_list = false\n')
    return folder, build(folder, folder.parent / "dist", formats=("pdf",)).outputs["pdf"]


def offences(folder: Path, pdf: Path) -> dict[str, list[str]]:
    found = AUDIT["audit"](folder, pdf)
    assert found["breaks"], "nothing is hyphenated: the audit would see nothing"
    return {kind: lines for kind, lines in found.items() if kind != "breaks" and lines}


@pytest.mark.slow
@pytest.mark.parametrize("name", SAMPLES)
def test_the_sample_volumes_have_no_offence(built, name):
    assert offences(VOLUMES / name, built[name].outputs["pdf"]) == {}


@pytest.mark.slow
def test_a_generated_corpus_has_no_offence(corpus):
    assert offences(*corpus) == {}
