"""The inline patterns' gates are a necessary condition: a text they skip holds no match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reelpress.readers.gates import GATES, GatedPattern
from reelpress.readers.markdown import _markdown

#: Characters the patterns care about, and a few of everything else (letters in both cases, spaces).
ALPHABET = st.sampled_from(list("`\\[]^!<>:/@&#;*_~\n .wWhtpsfHTPSF0aZ=\"'()İſK\x02\x03-"))


def gated():
    md = _markdown()
    return {name: md.inlinePatterns[name].compiled_re for name in GATES if name in md.inlinePatterns}


def test_every_listed_pattern_is_present_and_gated():
    patterns = gated()
    assert set(patterns) == set(GATES), "a pattern was renamed or removed: update readers/gates.py"
    assert all(isinstance(p, GatedPattern) for p in patterns.values())


@settings(max_examples=400, deadline=None)
@given(text=st.text(ALPHABET, max_size=40), start=st.integers(0, 40))
def test_a_text_the_gate_skips_holds_no_match(text, start):
    for name, pattern in gated().items():
        found = next(pattern.regex.finditer(text, start), None)
        if found is not None:
            assert pattern.possible(text, start), (name, text, start)


def test_the_gate_skips_text_without_triggers():
    patterns = gated()
    plain = "A long quiet paragraph about a film, with no marks at all. " * 20
    assert not any(p.possible(plain) for p in patterns.values())
    assert patterns["magic-link"].possible("see WWW.example.org")
    assert patterns["backtick"].possible("a `code` span", 2)
    assert not patterns["backtick"].possible("a `code span", 3)
