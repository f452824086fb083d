"""volume.toml: validation reports every problem at once, with lines and suggestions."""

from __future__ import annotations

import datetime as dt

import pytest

from reelpress.config import derived_identifier, load_volume_config
from reelpress.errors import InputError


def load(tmp_path, text: str | bytes):
    (tmp_path / "volume.toml").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_volume_config(tmp_path)


def problems(tmp_path, text) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(tmp_path, text)
    return [f"{d.code}:{d.line}:{d.message}" for d in caught.value.diagnostics]


def test_minimal_config_gets_defaults_and_a_stable_identifier(tmp_path):
    config = load(tmp_path, 'title = "T"\nauthor = "A"\n')
    assert (config.title, config.author, config.language, config.typography.dashes) == ("T", "A", "en", "em")
    assert config.identifier == derived_identifier("T", "A")
    assert config.identifier.startswith("urn:uuid:")
    assert derived_identifier("T", "A") != derived_identifier("T", "B")


def test_the_texts_the_book_prints_are_typeset_and_the_identifier_keeps_to_what_was_written(tmp_path):
    config = load(tmp_path, 'title = "Critic\'s Choice"\nauthor = "Pat O\'Hara"\nsubtitle = "Films -- and \\"More\\""\n'
                            'rights = "The author\'s own..."\ndescription = """Forty films --\nand after"""\n')
    assert config.title == "Critic\u2019s Choice" and config.author == "Pat O\u2019Hara"
    assert config.subtitle == "Films\u2014and \u201cMore\u201d"
    assert config.rights == "The author\u2019s own\u2026" and config.description == "Forty films\u2014and after"
    assert config.identifier == derived_identifier("Critic's Choice", "Pat O'Hara")  # as before the change


def test_every_key_is_read(tmp_path):
    config = load(tmp_path, '''
title = "T"
subtitle = "S"
author = "A"
language = "en-GB"
identifier = "urn:isbn:9780000000000"
series = "Series"
series_index = 3
publisher = "P"
published = 2026-01-02
description = "D"
rights = "R"
order = ["b", "a"]
[typography]
dashes = "spaced-en"
''')
    assert config.published == dt.date(2026, 1, 2)
    assert config.order == ("b", "a") and config.series_index == 3.0
    assert config.identifier == "urn:isbn:9780000000000" and config.typography.dashes == "spaced-en"


def test_missing_file_and_missing_folder(tmp_path):
    with pytest.raises(InputError, match="RP001.*missing") as caught:
        load_volume_config(tmp_path)
    assert caught.value.diagnostics[0].path.endswith("volume.toml")
    with pytest.raises(InputError, match="not a folder"):
        load_volume_config(tmp_path / "nope")


def test_all_problems_are_reported_at_once_with_lines(tmp_path):
    found = problems(tmp_path, 'titel = "T"\nlanguage = "english please"\nseries_index = "two"\n'
                               '[typography]\ndashes = "long"\n')
    assert "RP003:1:unknown key `titel`; did you mean `title`?" in found
    assert any(f.startswith("RP004:2:`language`") for f in found)
    assert any(f.startswith("RP004:3:`series_index`: expected a number") for f in found)
    assert any(f.startswith("RP004:5:`typography.dashes`: expected one of 'em', 'spaced-en'") for f in found)
    assert sum(f.startswith("RP005") for f in found) == 2  # title and author both missing


def test_toml_syntax_error_has_line_and_column(tmp_path):
    assert problems(tmp_path, 'title = "T"\nauthor = \n') == [
        "RP002:2:TOML syntax error: Invalid value"]


def test_bom_is_accepted_and_utf16_is_refused(tmp_path):
    assert load(tmp_path, b'\xef\xbb\xbftitle = "T"\nauthor = "A"\n').title == "T"
    found = problems(tmp_path, 'title = "T"\nauthor = "A"\n'.encode("utf-16"))
    assert found == ["RP010:1:file is UTF-16 or UTF-32; save it as UTF-8"]


def test_invalid_utf8_points_at_the_byte(tmp_path):
    assert problems(tmp_path, b'title = "T"\nauthor = "\xff"\n') == [
        "RP010:2:invalid UTF-8 byte 0xff; save the file as UTF-8"]


def test_order_must_be_slugs(tmp_path):
    found = problems(tmp_path, 'title = "T"\nauthor = "A"\norder = ["Good Slug"]\n')
    assert found == ["RP004:3:`order`: 'Good Slug' is not a review slug (lower-case letters and digits "
                     "joined by -)"]


def test_original_language_must_be_bcp47_with_its_line(make_volume):
    from helpers import review
    from reelpress.build import load

    text = review("Parasite", film="Parasite", original_title="기생충", original_language="korean language")
    with pytest.raises(InputError) as caught:
        load(make_volume({"01-parasite.md": text}))
    message = str(caught.value.diagnostics[0])
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("original_language"))
    assert f"01-parasite.md:{line}:" in message and "BCP 47" in message


def test_pdf_fonts_quotes_and_articles_are_read(tmp_path):
    (tmp_path / "volume.toml").write_text('title = "T"\nauthor = "A"\nlanguage = "en-GB"\n[pdf]\n'
                                          'fonts = ["Noto Sans CJK JP"]\n[typography]\nquotes = "‘’“”"\n'
                                          '[indexes]\narticles = ["the"]\n', encoding="utf-8")
    config = load_volume_config(tmp_path)
    assert config.pdf.fonts == ("Noto Sans CJK JP",) and config.typography.quotes == "‘’“”"
    assert config.indexes.articles == ("the",)
    (tmp_path / "volume.toml").write_text('title = "T"\nauthor = "A"\n[typography]\nquotes = "ab"\n', encoding="utf-8")
    with pytest.raises(InputError, match="four quotation marks"):
        load_volume_config(tmp_path)


def test_description_and_rights_flow_and_keep_their_paragraphs(tmp_path):
    """A multi-line TOML string breaks its lines where the file got long; only a blank line means a new paragraph."""
    config = load(tmp_path, 'title = "T"\nauthor = "A"\ndescription = """\nSeven long looks at films,\r\n'
                  'a divided   Vienna,\n\ta stolen bicycle.\n"""\nrights = """\nCopyright 2026.\n \t\n\n'
                  'First printed\non a blog."""\n')
    assert config.description == "Seven long looks at films, a divided Vienna, a stolen bicycle."
    assert config.rights == "Copyright 2026.\n\nFirst printed on a blog."
