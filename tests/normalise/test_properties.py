"""Properties of the normaliser on hostile HTML (hypothesis).

Whatever markup comes in: only reelpress's own error type escapes; the result re-parses as strict
XML with unique ids; no active content or unsafe URL survives; normalising twice changes nothing;
and unwrapping unknown markup never loses text.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reelpress.config import VolumeConfig
from reelpress.errors import Collector, InputError
from reelpress.model import ReviewMeta, Review
from reelpress.normalise import Context, headings, ids, sanitise, typography
from reelpress.normalise.repair import BLOCKS, phrasing_only
from reelpress.util.xhtml import local, parse_html_fragment, strict_parser, text_of

TAGS = ["p", "em", "b", "i", "a", "span", "div", "h1", "h3", "blockquote", "script", "style", "iframe",
        "object", "embed", "form", "svg", "font", "center", "x-widget", "table", "td", "code", "pre", "sup",
        "ul", "ol", "li", "dl", "dd", "figure", "figcaption", "section"]
ATTRIBUTES = ["id", "class", "style", "href", "onclick", "onload", "title", "role", "lang", '"', "a<b",
              "epub:type", "xmlns:x"]
URLS = ["#top", "javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,x", "file:///etc/passwd",
        "https://example.com/", "vbscript:x", "other.md", "#"]
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\"'-.<>&"),
               max_size=12)
ACTIVE = {"script", "style", "iframe", "object", "embed", "form", "svg"}


@st.composite
def html(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 4 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            attrs = "".join(f' {name}="{draw(st.sampled_from(URLS) if name == "href" else TEXT)}"'
                            for name in draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True)))
            inner = draw(html(depth + 1))
            parts.append(f"<{tag}{attrs}>{inner}" + ("" if draw(st.integers(0, 5)) == 0 else f"</{tag}>"))
        else:
            parts.append(draw(TEXT).replace("<", "&lt;"))
    return "".join(parts)


PASSES = (sanitise.run, headings.run, typography.run, ids.run)


def normalise(markup: str):
    review = Review(slug="prop", path=Path("reviews/prop.md"), meta=ReviewMeta(title="Prop"), body=None,
                    text=markup)
    review.body = parse_html_fragment(markup, review.path)
    ctx = Context(review, Path("."), VolumeConfig(title="T", author="A"), Collector())
    for run in PASSES:
        run(review.body, ctx)
    return review, ctx


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(html())
def test_output_is_strict_xml_with_unique_ids_and_nothing_active(markup):
    try:
        review, _ = normalise(markup)
    except InputError:
        return
    serialised = etree.tostring(review.body)
    reparsed = etree.fromstring(serialised, strict_parser())
    found = [e.get("id") for e in reparsed.iter() if e.get("id") is not None]
    assert len(found) == len(set(found))
    for element in reparsed.iter():
        assert local(element) not in ACTIVE
        parent = element.getparent()
        if parent is not None and parent is not reparsed:
            assert not (local(element) in BLOCKS and phrasing_only(parent)), (local(parent), local(element))
        if local(element) in ("ul", "ol"):
            assert all(local(child) == "li" for child in element) and not (element.text or "").strip()
        if local(element) == "li":
            assert local(parent) in ("ul", "ol")
        assert not any(str(key).startswith("on") for key in element.attrib)
        href = (element.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:", "file:", "vbscript:"))


@SETTINGS
@given(html())
def test_normalising_twice_changes_nothing(markup):
    try:
        review, ctx = normalise(markup)
    except InputError:
        return
    once = etree.tostring(review.body)
    for run in PASSES:
        run(review.body, ctx)
    assert etree.tostring(review.body) == once


@SETTINGS
@given(html())
def test_sanitise_keeps_the_text_of_everything_it_does_not_remove(markup):
    try:
        review = Review(slug="prop", path=Path("p.md"), meta=ReviewMeta(title="P"), body=None, text=markup)
        review.body = parse_html_fragment(markup, review.path)
    except InputError:
        return
    if any(local(e) in sanitise.REMOVE for e in review.body.iter()):
        return
    before = "".join(text_of(review.body).split())
    sanitise.run(review.body, Context(review, Path("."), None, Collector()))
    assert "".join(text_of(review.body).split()) == before  # no character lost (spaces between blocks may go)


def test_control_characters_are_an_error_with_position():
    try:
        parse_html_fragment("<p>fine</p>\n<p>bad \x07 bell</p>", Path("p.html"), first_line=5)
    except InputError as error:
        assert [str(d) for d in error.diagnostics] == [
            "p.html:6:8: RP011 error: control character U+0007 is not allowed in text"]
    else:
        raise AssertionError("a control character was accepted")
