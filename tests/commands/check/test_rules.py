"""Every lint rule, one failing and one passing case each, with the exact finding."""

from __future__ import annotations

import pytest
from lxml import etree

from reelpress.commands.check.book import Chapter, Package
from reelpress.commands.check.readback import Outline, PdfFacts
from reelpress.commands.check.rules import RULES
from reelpress.util.xhtml import strict_parser

RULE = {rule.code: rule for rule in RULES}


def chapter(body: str, title: str | None = "A Title", name: str = "a.xhtml", rating=None, ids=()) -> Chapter:
    element = etree.fromstring(f'<section xmlns="http://www.w3.org/1999/xhtml">{body}</section>', strict_parser())
    every = set(ids) | {e.get("id") for e in element.iter() if e.get("id")}
    return Chapter(name=name, title=title, body=element, rating=rating, ids=every,
                   locate=lambda e, needle=None: getattr(e, "sourceline", None),
                   resolves=lambda href: href.startswith("http") or href[1:] in every)


def package(**facts) -> Package:
    defaults = dict(name="book.epub", metadata={key: ["x"] for key in (
        "schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
        "schema:accessibilityHazard", "schema:accessibilitySummary")}, images=[("images/a.png", 1000, 10, 10)],
        cover=(1600, 2560), landmarks=["toc", "bodymatter"],
        documents=[chapter("<p>x</p>")])
    defaults["documents"][0].lang = "en"
    return Package(**{**defaults, **facts})


def in_language(lang: str, body: str) -> Chapter:
    found = chapter(body)
    found.lang = lang
    return found


def messages(code: str, subject) -> list[str]:
    return [f"{where}:{line}: {message}" for where, line, message in RULE[code].check(subject)]


TEXT_CASES = [
    ("RP101", [chapter('<p>He said "no".</p>')], ['a.xhtml:1: straight quote left in the text: “…He said "no".…”',
                                                  'a.xhtml:1: straight quote left in the text: “…He said "no".…”'],
     [chapter("<p>He said “no”. <code>x = \"y\"</code></p>")]),
    ("RP102", [chapter("<p>Wait... no -- yes</p>")], ["a.xhtml:1: `--` or `...` left in the text: “…Wait... no -- yes…”",
                                                     "a.xhtml:1: `--` or `...` left in the text: “…Wait... no -- yes…”"],
     [chapter("<p>Wait… no—yes <pre>a -- b...</pre></p>")]),
    ("RP101", [in_language("de", "<p>Er sagte “nein”.</p>")],
     ["a.xhtml:1: quotation mark not used in `de` (it quotes „…“, within ‚…‘): “…Er sagte “nein”.…”"],
     [in_language("de", "<p>Er sagte „nein“.</p>"), in_language("fr", "<p>Il dit «\u202fnon\u202f».</p>")]),
    ("RP102", [in_language("fr", "<p>Le plan—Antoine.</p>")],
     ["a.xhtml:1: closed em dash: `fr` sets a dash with spaces round it: “…Le plan—Antoine.…”"],
     [in_language("fr", "<p>Le plan — Antoine.</p>"), in_language("en", "<p>The shot—Antoine.</p>")]),
    ("RP103", [chapter("<p>One.  Two.</p>")], ["a.xhtml:1: double space: “…One.  Two.…”"],
     [chapter("<p>One. Two.\n  Three.</p>")]),
    ("RP104", [chapter("<header><h1>T</h1></header>")], ["a.xhtml:None: the review has a title but no text"],
     [chapter("<header><h1>T</h1></header><p>Text.</p>")]),
    ("RP105", [chapter("<p>Text.</p>", title="")], ["a.xhtml:None: the review has no title"],
     [chapter("<p>Text.</p>")]),
    ("RP106", [chapter("<p>a</p>", "Vertigo"), chapter("<p>b</p>", "VERTIGO", "b.xhtml")],
     ["b.xhtml:None: title “VERTIGO” is also the title of a.xhtml"],
     [chapter("<p>a</p>", "Vertigo"), chapter("<p>b</p>", "Psycho", "b.xhtml")]),
    ("RP107", [chapter('<p><a href="#nowhere">x</a></p>')], ["a.xhtml:1: link '#nowhere' leads nowhere in the book"],
     [chapter('<p id="here"><a href="#here">x</a> <a href="https://example.com/">y</a></p>')]),
    ("RP108", [chapter('<figure><img src="a.png" alt=""/></figure>')],
     ["a.xhtml:1: image a.png has no alt text for readers who cannot see it"],
     [chapter('<figure><img src="a.png" alt="A still"/></figure>')]),
    ("RP113", [chapter("<p>" + "the same twelve words or more in one paragraph that was pasted twice " + "</p>"),
               chapter("<p>" + "the same twelve words or more in one paragraph that was pasted twice" + "</p>",
                       name="b.xhtml")],
     ["b.xhtml:1: this paragraph repeats one in a.xhtml (“the same twelve words or more in one …”)"],
     [chapter("<p>twelve different words make up this one paragraph about a film here</p>"),
      chapter("<p>and these twelve other words make up a second one about another</p>", name="b.xhtml")]),
    ("RP114", [chapter("<p>x</p>", rating=5.5)], ["a.xhtml:None: rating 5.5 is not 0–5 stars in halves"],
     [chapter("<p>x</p>", rating=4.5)]),
    ("RP116", [chapter("<h2>One</h2><h4>Three</h4>")], ["a.xhtml:1: heading “Three” skips from h2 to h4"],
     [chapter("<h2>One</h2><h3>Two</h3><h2>Back</h2>")]),
]


@pytest.mark.parametrize("code, failing, expected, passing", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_text_rules(code, failing, expected, passing):
    assert messages(code, failing) == expected
    assert messages(code, passing) == []


PACKAGE_CASES = [
    ("RP109", package(images=[("images/huge.png", 6 * 2**20, 10, 10)]),
     ["book.epub:None: image images/huge.png is 6.0 MB; Kindle accepts up to 5 MB"]),
    ("RP110", package(images=[(f"images/{i}.png", 4 * 2**20, 10, 10) for i in range(6)]),
     ["book.epub:None: images add up to 24.0 MB; Barnes & Noble accepts 20 MB, Kobo 100 MB"]),
    ("RP111", package(metadata={"schema:accessMode": ["textual"]}),
     [f"book.epub:None: accessibility metadata {key} is missing (stores and the EU Accessibility Act expect it)"
      for key in ("schema:accessModeSufficient", "schema:accessibilityFeature", "schema:accessibilityHazard",
                  "schema:accessibilitySummary")]),
    ("RP112", package(cover=None), ["book.epub:None: no cover image: stores and reading apps show a blank book"]),
    ("RP112", package(cover=(800, 1280)), ["book.epub:None: cover is 800×1280; KDP wants 1600×2560 or larger"]),
    ("RP117", package(documents=[chapter("<p>x</p>", name="text/x.xhtml")]),
     ["text/x.xhtml:None: content document has no lang attribute"]),
    ("RP118", package(landmarks=["cover"]), ["book.epub:None: navigation landmarks missing: toc, bodymatter"]),
    ("RP119", package(stylesheets=[("css/a.css", "p { font-size: 12pt }")]),
     ["book.epub:None: css/a.css: `p` sets font-size; KDP wants body text in the reader's own font size (remove "
      "it, or set it on a class)"]),
    ("RP120", package(images=[("images/wide.png", 1000, 4000, 1001)]),
     ["book.epub:None: image images/wide.png is 4000×1001 (4.0 megapixels); Apple Books takes at most 4 "
      "megapixels an image"]),
    ("RP121", package(transparent=["images/still.png"]),
     ["book.epub:None: image images/still.png is a photograph with transparent pixels; Kobo advises against "
      "them (save it without an alpha channel)"]),
]


@pytest.mark.parametrize("code, failing, expected", PACKAGE_CASES, ids=[c[0] for c in PACKAGE_CASES])
def test_package_rules(code, failing, expected):
    assert messages(code, failing) == expected
    assert messages(code, package()) == []


def test_every_rule_has_a_case():
    assert {c[0] for c in TEXT_CASES} | {c[0] for c in PACKAGE_CASES} | {c[0] for c in PAPERBACK_CASES} == set(RULE)


def facts(**given) -> PdfFacts:
    defaults = dict(path="book.pdf", pages=["text"] * 24, lines=[], outline=[], fonts={"/SourceSerifPro": True},
                    metadata={}, sizes=[], pictures=[], annotations=0)
    return PdfFacts(**{**defaults, **given})


PAPERBACK_CASES = [
    ("RP122", facts(outline=[Outline("Index of Films", 19, 1)]),
     ["book.pdf:None: the paperback PDF has 1 bookmarks; KDP's paperbacks have none"]),
    ("RP123", facts(annotations=3), ["book.pdf:None: the paperback PDF has 3 link annotations; a printed page "
                                     "has none (KDP)"]),
    ("RP125", facts(pages=["text"] * 23),
     ["book.pdf:None: the paperback has 23 pages; KDP prints 24 to 828 on white paper"]),
    ("RP125", facts(pages=["text"] * 829),
     ["book.pdf:None: the paperback has 829 pages; KDP prints 24 to 828 on white paper"]),
]


@pytest.mark.parametrize("paper, most", [("white", 828), ("cream", 776), ("color", 828)])
def test_the_paperback_page_range_follows_its_paper(paper, most):
    assert messages("RP125", facts(pages=["text"] * most, paper=paper)) == []
    assert messages("RP125", facts(pages=["text"] * 24, paper=paper)) == []
    assert messages("RP125", facts(pages=["text"] * (most + 1), paper=paper)) == [
        f"book.pdf:None: the paperback has {most + 1} pages; KDP prints 24 to {most} on {paper} paper"]


@pytest.mark.parametrize("code, failing, expected", PAPERBACK_CASES, ids=[c[0] for c in PAPERBACK_CASES])
def test_paperback_rules(code, failing, expected):
    assert messages(code, failing) == expected
    assert messages(code, facts()) == [] and messages(code, facts(pages=["text"] * 828)) == []
