"""How the book's language sorts its indexes: the Unicode Collation Algorithm (pyuca, the default
table), tailored per language where its alphabet differs, and the language's leading articles ignored.

PyICU would tailor every language, but it has no wheels on PyPI (measured: `pip download pyicu
--only-binary=:all:` finds none), so building it needs the ICU headers and a compiler on every
machine. pyuca installs anywhere; the tailorings a film index needs are the letters some alphabets
put after z (Swedish, Finnish, Danish, Norwegian), or after their base letter (Spanish ñ, Polish,
Czech), given in TAILORED below: each such letter gets its own primary weight.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: leading articles per language (the primary subtag), ignored when sorting a title
ARTICLES = {
    "en": ("the", "a", "an"), "fr": ("le", "la", "les", "l'", "un", "une"),
    "de": ("der", "die", "das", "ein", "eine"), "es": ("el", "la", "los", "las", "un", "una"),
    "it": ("il", "lo", "la", "i", "gli", "le", "l'", "un", "uno", "una"), "pt": ("o", "a", "os", "as", "um", "uma"),
    "nl": ("de", "het", "een", "'t"), "sv": ("den", "det", "de", "en", "ett"), "da": ("den", "det", "de", "en", "et"),
    "nb": ("den", "det", "de", "en", "et", "ei"), "nn": ("den", "det", "dei", "ein", "eit"),
    "ca": ("el", "la", "els", "les", "l'", "un", "una"), "ro": (), "fi": (), "pl": (), "cs": (), "ru": (),
}
#: letters sorted as letters of their own: after z, or right after a base letter ("n" → "ñ")
TAILORED = {
    "sv": ("z", "å", "ä", "ö", "æ", "ø"), "fi": ("z", "å", "ä", "ö"),
    "da": ("z", "æ", "ø", "å", "ä", "ö"), "nb": ("z", "æ", "ø", "å"), "nn": ("z", "æ", "ø", "å"),
    "no": ("z", "æ", "ø", "å"), "es": ("n", "ñ"), "pl": ("a", "ą"), "cs": ("c", "č"), "sk": ("c", "č"),
    "et": ("z", "õ", "ä", "ö", "ü"), "is": ("z", "þ", "æ", "ö"),
}
HANGUL_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


@functools.cache
def _uca():
    from pyuca import Collator  # about 0.5 s to load its table: only when an index is built

    return Collator()


@functools.cache
def _primary(char: str) -> tuple[int, ...]:
    key = _uca().sort_key(char)
    return key[:key.index(0)] if 0 in key else key


class Collator:
    """Sort keys and index letters for titles and names in one language."""

    def __init__(self, language: str = "en", articles: tuple[str, ...] | None = None):
        self.language = language.split("-")[0].casefold()
        words = ARTICLES.get(self.language, ()) if articles is None else articles
        self.articles = tuple(sorted({w.casefold().replace("\u2019", "'") for w in words}, key=len, reverse=True))
        tailored = TAILORED.get(self.language, ())
        self.after = tailored[0] if tailored else ""
        self.own = tailored[1:]

    def strip_article(self, title: str) -> str:
        """'La Haine' → 'Haine' in French, 'L’Avventura' → 'Avventura' in Italian."""
        text = title.strip()
        folded = text.casefold().replace("\u2019", "'").replace("\u02bc", "'")
        for word in self.articles:
            joined = word.endswith("'")
            if folded.startswith(word) and (joined or folded[len(word):len(word) + 1].isspace()):
                rest = text[len(word):].lstrip()
                if rest:
                    return rest
        return text

    def key(self, title: str) -> tuple:
        """The sort key: primary weights (letters, tailored ones in their place), then the full UCA key
        (accents, then case) to break ties; articles and punctuation other than spaces ignored."""
        text = unicodedata.normalize("NFC", self.strip_article(title))
        text = re.sub(r"[^\w\s]", "", text)
        text = " ".join(text.split())
        primary: list[float] = []
        for char in text.casefold():
            if char in self.own:
                primary.append(_primary(self.after)[0] + (self.own.index(char) + 1) / 100)
            else:
                primary.extend(_primary(char))
        return tuple(primary), _uca().sort_key(text)

    def letter(self, title: str) -> str:
        """The index group a title files under: its first letter without accents (a letter of its own
        in the language keeps them: Swedish Å), "0–9" for digits, else its first character."""
        text = re.sub(r"^[^\w]+", "", self.strip_article(title))
        first = unicodedata.normalize("NFC", text[:1]).casefold()
        if not first:
            return "0–9"
        if first.isdigit():
            return "0–9"
        if first in self.own:
            return first.upper()
        if "\uac00" <= first <= "\ud7a3":  # a Hangul syllable files under its first consonant
            return HANGUL_INITIALS[(ord(first) - 0xAC00) // 588]
        base = unicodedata.normalize("NFD", first)[0]
        return base.upper() if base < "\u0530" else first  # accents off Latin, Greek and Cyrillic only
