"""Review front matter: YAML loaded safely, validated, every problem pointing at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from reelpress.errors import Collector, InputError
from reelpress.readers import frontmatter

PATH = Path("reviews/01-x.md")


def parse(text: str):
    """(meta, ['CODE:line:message', …]) for a whole review source."""
    report = Collector()
    try:
        yaml_text, first, _, _ = frontmatter.split(text, PATH)
        meta = frontmatter.parse(yaml_text, first, PATH, report)
    except InputError as error:
        report.absorb(error)
        meta = None
    return meta, [f"{d.code}:{d.line}:{d.message}" for d in report.items]


def test_all_keys():
    meta, found = parse("---\ntitle: T\nfilm: F\nyear: 1958\ndirector: D\nrating: 4.5\n"
                        "published: 2020-09-12\nsource_url: https://example.com/a\nspoilers: true\n---\nBody\n")
    assert found == []
    assert (meta.title, meta.film, meta.year, meta.director, meta.rating) == ("T", "F", 1958, "D", 4.5)
    assert meta.published == dt.date(2020, 9, 12) and meta.spoilers is True


def test_split_reports_where_the_body_starts():
    assert frontmatter.split("---\ntitle: T\n---\nLine one\n", PATH) == ("title: T", 2, "Line one\n", 4)


@pytest.mark.parametrize("text, expected", [
    ("no front matter\n", "RP020:1:no front matter"),
    ("---\ntitle: T\nbody without end\n", "RP020:1:front matter opened here is never closed"),
    ("---\n- a\n- b\n---\n", "RP022:2:front matter must be `key: value` lines, not a list"),
    ("---\njust words\n---\n", "RP022:2:front matter must be `key: value` lines, not a single value"),
    ("---\n---\n", "RP022:2:front matter must be `key: value` lines, not an empty block"),
    ("---\ntitle: T\nfilm: [unclosed\n---\n", "RP021:3:YAML syntax error"),
    ("---\ntitle: T\ntitel: X\n---\n", "RP023:3:unknown key `titel`; did you mean `title`?"),
    ("---\nfilm: F\n---\n", "RP025:1:required key `title` is missing"),
    ("---\ntitle: T\nrating: five\n---\n", "RP024:3:`rating`: expected a number, got text ('five')"),
    ("---\ntitle: T\nrating: 3.3\n---\n", "RP024:3:`rating`: 3.3 is not a whole or half star"),
    ("---\ntitle: T\nrating: 6\n---\n", "RP024:3:`rating`: 6 is out of range (0–5)"),
    ("---\ntitle: T\npublished: 2024-02-30\n---\n", "RP024:3:`published`: cannot read value '2024-02-30'"),
    ("---\ntitle: T\ntitle: U\n---\n", "RP026:3:key `title` appears twice (first on line 2)"),
    ("---\ntitle: &a T\nfilm: *a\n---\n", "RP027:2:YAML anchors and aliases"),
    ("---\ntitle: T\nsource_url: javascript:alert(1)\n---\n", "RP024:3:`source_url`: 'javascript:alert(1)'"),
    ("---\ntitle: !!python/object:os.system x\n---\n", "RP024:2:`title`: cannot read value 'x': could "
                                                   "not determine a constructor"),
])
def test_front_matter_errors(text, expected):
    meta, found = parse(text)
    assert meta is None
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize("line, hint", [
    ("director: no", "YAML read `no` as true/false (False)"),
    ("director: 12:30", "YAML read `12:30` as a number (750)"),
    ("year: 017", None),
    ("film: 1.10", "YAML read `1.10` as a number (1.1)"),
])
def test_yaml_1_1_surprises_explain_the_quotes(line, hint):
    meta, found = parse(f"---\ntitle: T\n{line}\n---\n")
    assert meta is None and found[0].startswith("RP024:3:")
    if hint:
        assert hint in found[0] and "put it in quotes" in found[0]


def test_oversized_front_matter_is_refused():
    _, found = parse("---\ntitle: T\ndirector: " + "x" * 70_000 + "\n---\n")
    assert found[0].startswith("RP020:2:front matter is 70,") and "the limit is 65,536" in found[0]


YAMLISH = st.lists(st.sampled_from(list("abtile :-\n\"'[]{},\u2028\u2029\ufeff\U0001f3ac\xa0~#|>!?%@`\t\\0123456789.é")
                                   + ["title: ", "\nfilm: ", "\n  ", "\nyear: ", "- "]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_libyaml_reads_front_matter_exactly_as_the_pure_python_loader(body):
    """The fast path (libyaml) and the guarded pure-Python loader agree on every text: the same
    metadata, or the same problems at the same lines and columns."""
    text = f"---\n{body}\n---\n"
    fast = parse(text)
    saved, frontmatter._FAST = frontmatter._FAST, None
    try:
        slow = parse(text)
    finally:
        frontmatter._FAST = saved
    assert fast == slow


def test_the_fast_path_is_taken():
    assert frontmatter._FAST is not None, "PyYAML without libyaml: front matter is read at a third of the speed"
    loader, root = frontmatter._compose("title: T\n")
    assert isinstance(loader, frontmatter._FAST) and root.value[0][1].value == "T"
    loader.dispose()
