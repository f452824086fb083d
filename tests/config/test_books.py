"""`[[books]]` and `[credits]`: validated like every other key, in volume.toml or shared by series.toml."""

from __future__ import annotations

import pytest

from reelpress.config import CreditsSettings, OtherBook, load_volume_config
from reelpress.errors import InputError

BASE = 'title = "T"\nauthor = "A"\n'


def _problems(folder) -> list[tuple[int | None, str, str]]:
    with pytest.raises(InputError) as caught:
        load_volume_config(folder)
    return [(d.line, d.code, d.message) for d in caught.value.diagnostics]


def test_books_and_credits_are_read(make_volume):
    folder = make_volume(config=BASE + '[credits]\nshow = true\n\n[[books]]\ntitle = "Older"\nsubtitle = "Eighties"\n'
                         'links = { kdp = "https://amazon.example/o", web = "https://ada.example/o" }\n'
                         '[[books]]\ntitle = "Another"\n')
    config = load_volume_config(folder)
    assert config.credits == CreditsSettings(show=True)
    assert config.books == (OtherBook("Older", "Eighties", (("kdp", "https://amazon.example/o"),
                                                            ("web", "https://ada.example/o"))), OtherBook("Another"))


def test_a_misspelt_store_or_a_missing_title_is_an_error_at_its_line(make_volume):
    folder = make_volume(config=BASE + '\n[[books]]\ntitle = "Older"\nlinks = { kindle = "https://amazon.example/o" }\n')
    [(line, code, message)] = _problems(folder)
    assert (line, code) == (4, "RP004") and "`links.kindle` is not a store" in message and "kdp" in message
    folder = make_volume(config=BASE + '[[books]]\nsubtitel = "x"\n', name="second")
    [(line, code, message)] = _problems(folder)
    assert code == "RP004" and "unknown key `subtitel`; did you mean `subtitle`?" in message


def test_a_link_must_be_an_address(make_volume):
    folder = make_volume(config=BASE + '[[books]]\ntitle = "Older"\nlinks = { apple = "books.apple" }\n')
    [(_, code, message)] = _problems(folder)
    assert code == "RP004" and "book 1" in message and "not an http(s) address" in message


def test_the_series_shares_books_and_credits(tmp_path):
    (tmp_path / "series.toml").write_text('title = "S"\nauthor = "A"\n[credits]\nshow = true\n'
                                          '[[books]]\ntitle = "Elsewhere"\n')
    volume = tmp_path / "v1"
    (volume / "reviews").mkdir(parents=True)
    (volume / "volume.toml").write_text('title = "T"\n')
    config = load_volume_config(volume)
    assert config.credits.show and config.books == (OtherBook("Elsewhere"),)
    (volume / "volume.toml").write_text('title = "T"\n[credits]\nshow = false\n')
    assert not load_volume_config(volume).credits.show
