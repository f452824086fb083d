"""The EPUB stylesheet passes calibre's checker without running it: calibre lints CSS with stylelint's
`no-descending-specificity` (a selector must not come after one of higher specificity that ends in the
same compound selector: `blockquote p` after `p:first-child`), and its duplicate-selector rule. calibre
is too heavy for CI (docs/epub.md says how to run it by hand); these tests check the same conditions."""

from __future__ import annotations

import re

import tinycss2
from cssselect2 import parser

from reelpress.writers.templating import templates_dir

PSEUDO_CLASS = re.compile(r"(?<!:):[a-zA-Z-]+(\([^)]*\))?")
COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")


def selectors(css: str):
    """(selector text, its line) for every selector of every style rule, at-rules' blocks included."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            for text in tinycss2.serialize(rule.prelude).split(","):
                yield " ".join(text.split()), rule.source_line
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword != "font-face":
            yield from selectors(tinycss2.serialize(rule.content))


def reference(selector: str) -> str:
    """stylelint's comparison key: the last compound selector, pseudo-classes left out."""
    return PSEUDO_CLASS.sub("", COMBINATOR.split(selector.strip())[-1])


def descending(css: str) -> list[str]:
    """What stylelint's no-descending-specificity reports, in its words."""
    seen: dict[str, list[tuple[str, tuple]]] = {}
    found = []
    for selector, line in selectors(css):
        specificity = next(iter(parser.parse(selector))).specificity
        for earlier, higher in seen.get(reference(selector), []):
            if specificity < higher:
                found.append(f'line {line}: expected selector "{selector}" to come before selector "{earlier}"')
        seen.setdefault(reference(selector), []).append((selector, specificity))
    return found


def test_the_rule_finds_what_calibre_found():
    before = "p:first-child { a: 0 }\nblockquote p { a: 0 }\nfigure img { a: 0 }\nimg { a: 0 }\n.x p:hover { a: 0 }"
    assert descending(before) == ['line 2: expected selector "blockquote p" to come before selector "p:first-child"',
                                  'line 4: expected selector "img" to come before selector "figure img"']
    assert descending("blockquote p { a: 0 }\np:first-child { a: 0 }\nimg { a: 0 }\nfigure img { a: 0 }") == []


def test_the_epub_stylesheet_has_no_descending_specificity():
    assert descending((templates_dir() / "epub.css").read_text(encoding="utf-8")) == []


def test_no_rule_repeats_a_selector_list():
    """stylelint's no-duplicate-selectors: two rules with the same selectors, in any order."""
    lists = [tuple(sorted(" ".join(s.split()) for s in tinycss2.serialize(rule.prelude).split(",")))
             for rule in tinycss2.parse_stylesheet((templates_dir() / "epub.css").read_text(encoding="utf-8"),
                                                   skip_comments=True, skip_whitespace=True)
             if rule.type == "qualified-rule"]
    assert sorted({s for s in lists if lists.count(s) > 1}) == []
