"""The words the book prints that no source gave — "Contents", "directed by", "Index of Films" — in
the book's language: one catalogue per language in `templates/strings/<lang>.toml` (data, written by
the project), with `[strings]` in volume.toml or series.toml overriding any key.

A language is looked up by its longest known prefix (`fr-CA` → `fr`, `zh-Hant` → `zh`); a language
without a catalogue gets the English words, and the build warns once (RP059), naming the keys to set.
Templates call `t("directed_by", director=…)`; {name} in a string is filled in by name.
"""

from __future__ import annotations

import functools
import tomllib

from reelpress import templates_dir

FOLDER = "strings"


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """The catalogue of exactly `language` (a file name), or {} when there is none."""
    path = templates_dir() / FOLDER / f"{language}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return {key: str(value) for key, value in tomllib.load(handle).items()}


def keys() -> tuple[str, ...]:
    """Every key a catalogue has (the English one's)."""
    return tuple(catalogue("en"))


def languages() -> tuple[str, ...]:
    """The languages the project has a catalogue for."""
    return tuple(sorted(path.stem for path in (templates_dir() / FOLDER).glob("*.toml")))


def found_for(language: str) -> str | None:
    """The catalogue `language` uses: its longest prefix that has one; None when none does."""
    parts = language.split("-")
    for end in range(len(parts), 0, -1):
        name = "-".join(parts[:end])
        if catalogue(name):
            return name
    return None


class Strings:
    """The book's words: its language's catalogue under the volume's overrides, English beneath."""

    def __init__(self, language: str = "en", overrides: tuple[tuple[str, str], ...] = ()):
        self.language = language
        self.catalogue = found_for(language)
        self.words = {**catalogue("en"), **catalogue(self.catalogue or "en"), **dict(overrides)}
        self.overridden = {key for key, _ in overrides}

    def __call__(self, key: str, **values) -> str:
        text = self.words[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def date(self, day) -> str:
        """A date as the book's language writes it: the catalogue's `date` pattern ({day}, {month} the
        month's name from `months`, {m} its number, {year}), e.g. "21 December 2022", "2022年12月21日"."""
        months = self.words["months"].split()
        return self("date", day=day.day, month=months[day.month - 1], m=day.month, year=day.year)

    def missing(self) -> list[str]:
        """The keys still in English for a language without a catalogue (what to set in [strings])."""
        if self.catalogue is not None:
            return []
        return [key for key in keys() if key not in self.overridden]


@functools.cache
def for_config(config) -> Strings:
    """The Strings of a volume's config (its language and `[strings]`)."""
    return Strings(config.language, getattr(config, "strings", ()))


ENGLISH = Strings()
