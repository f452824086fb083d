"""Spelling suspects: words a spell checker for the volume's language does not know.

Names of films and directors in the front matter, and every word of the critic's dictionary.txt
(in the volume or the series folder, one word a line), are known words. Each suspect is reported at
the first source line where it occurs.
"""

from __future__ import annotations

import re

from reelpress.model import Diagnostic, Volume
from reelpress.util.textfile import position

LANGUAGES = {"en", "es", "fr", "de", "it", "pt", "nl", "ru", "ar", "eu", "lv", "fa"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def suspects(volume: Volume, dictionary: set[str]) -> tuple[list[Diagnostic], str]:
    language = volume.config.language.split("-")[0].lower()
    if language not in LANGUAGES:
        return [], f"no spelling dictionary for {volume.config.language}"
    from spellchecker import SpellChecker
    checker = SpellChecker(language=language)
    known = set(dictionary)
    for review in volume.reviews:
        for value in (review.meta.film, review.meta.director, review.meta.title):
            known |= {w.casefold() for w in _WORD.findall(value or "")}
    found = []
    for review in volume.reviews:
        words = {re.sub(r"'s$", "", w.replace("’", "'")) for w in _WORD.findall(" ".join(review.body.itertext()))}
        candidates = {w for w in words if w.casefold() not in known and len(w) > 1}
        unknown = checker.unknown(candidates)
        if language == "en" and volume.config.language.lower() not in ("en", "en-us"):
            unknown = {w for w in unknown if checker.unknown(_american(w)) == set(_american(w))}
        for word in sorted(unknown, key=str.casefold):
            original = next((w for w in candidates if w.casefold() == word), word)
            found.append(Diagnostic(str(review.path), _line(review, original), None, "spelling", "warning",
                                    f"“{original}” is not in the {language} dictionary (add it to {'dictionary.txt'} "
                                    "if it is right)"))
    return found, ""


BRITISH = ((r"is(e|es|ed|ing|ation|ations)$", r"iz\1"), (r"our(s|ed|ing|ite)?$", r"or\1"),
           (r"tre(s)?$", r"ter\1"), (r"yse(s|d)?$", r"yze\1"), (r"ogue(s)?$", r"og\1"))


def _american(word: str) -> list[str]:
    """The American spellings a British word may be checked as (realise → realize, colour → color)."""
    return [re.sub(pattern, replacement, word) for pattern, replacement in BRITISH if re.search(pattern, word)]


def _line(review, word: str) -> int | None:
    for candidate in (word, word.replace("'", "’")):
        match = re.search(rf"\b{re.escape(candidate)}\b", review.text)
        if match:
            return position(review.text, match.start())[0]
    return None
