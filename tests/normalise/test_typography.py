"""The typography rules one at a time (the golden cases show them in context)."""

from __future__ import annotations

import pytest

from reelpress.normalise.typography import smarten, typeset


@pytest.mark.parametrize("text, expected", [
    ('"Hello," she said.', "\u201cHello,\u201d she said."),
    ("'Single' quotes", "\u2018Single\u2019 quotes"),
    ("it's the critic's", "it\u2019s the critic\u2019s"),
    ("the critics' choice", "the critics\u2019 choice"),
    ("in the '70s", "in the \u201970s"),
    ("the class of '99", "the class of \u201999"),
    ("rock 'n' roll", "rock \u2019n\u2019 roll"),
    ("'em all", "\u2019em all"),
    ("'Twas brillig", "\u2019Twas brillig"),
    ('"\'Quoted\' inside"', "\u201c\u2018Quoted\u2019 inside\u201d"),
    ("5'10\"", "5\u201910\u201d"),
    ("Wait...", "Wait\u2026"),
    ("Wait. . . what", "Wait\u2026 what"),
    ("a---b", "a\u2014b"),
    ("1990-1995", "1990-1995"),
])
def test_smarten(text, expected):
    assert smarten(text) == expected


def test_dash_styles():
    assert smarten("word -- word") == "word\u2014word"
    assert smarten("word--word") == "word\u2014word"
    assert smarten("word -- word", dashes="spaced-en") == "word\u00a0\u2013 word"
    assert smarten("-- Orson Welles", dashes="spaced-en") == "\u2013 Orson Welles"


def test_a_dash_at_the_end_or_start_of_a_source_line_joins_without_a_stray_space():
    # the newline of the source is a space: "’50s— part" was printed
    assert smarten("in the '50s --\npart fairy tale") == "in the \u201950s\u2014part fairy tale"
    assert smarten("in the '50s\n-- part") == "in the \u201950s\u2014part"
    assert smarten("the '50s --\npart", dashes="spaced-en") == "the \u201950s\u00a0\u2013 part"


def test_a_text_on_its_own_is_typeset_in_the_book_s_language():
    assert typeset("the author's blog -- and more...") == "the author\u2019s blog\u2014and more\u2026"
    assert typeset('"Les films"', "fr") == "\u00ab\u202fLes films\u202f\u00bb"
    assert typeset('"Filme"', "de") == "\u201eFilme\u201c"


def test_quotes_look_at_neighbouring_text():
    assert smarten('He said "', following="V") == "He said \u201c"
    assert smarten('"', previous="o", following=".") == "\u201d"
    assert smarten("'", previous="s", following=" ") == "\u2019"


def test_smartening_twice_changes_nothing():
    once = smarten('"It\'s -- the \'70s..." she said')
    assert smarten(once) == once


def test_the_front_matter_s_printed_texts_are_typeset_and_an_original_title_is_not():
    from pathlib import Path

    from reelpress.config import VolumeConfig
    from reelpress.errors import Collector
    from reelpress.model import Review, ReviewMeta
    from reelpress.normalise import Context, typography
    from reelpress.util.xhtml import parse_html_fragment

    meta = ReviewMeta(title="It's \"Chinatown\" -- again", film="Ferris Bueller's Day Off", director="Pat O'Hara",
                      original_title="'Quoted'")
    review = Review(slug="t", path=Path("reviews/t.md"), meta=meta, body=parse_html_fragment("<p>x</p>", Path("t")))
    typography.run(review.body, Context(review, Path("."), VolumeConfig(title="T", author="A"), Collector()))
    assert review.meta.title == "It\u2019s \u201cChinatown\u201d\u2014again"
    assert (review.meta.film, review.meta.director) == ("Ferris Bueller\u2019s Day Off", "Pat O\u2019Hara")
    assert review.meta.original_title == "'Quoted'"
