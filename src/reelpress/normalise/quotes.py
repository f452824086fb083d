"""Quotation marks and the spaces around punctuation, by the book's language (`language` in
volume.toml; `[typography] quotes` overrides the marks).

Each language has four marks: the opening and closing marks of a quotation, then of a quotation
inside it — how `"` and `'` are set. Sources for each: the language's style authorities as summarised
in Wikipedia's "Quotation mark" table (checked 2026-12), and the Chicago, Duden, Imprimerie nationale
(Lexique des règles typographiques), RAE, Språkrådet and Dansk Sprognævn guides.

French spacing (France, Switzerland, Belgium; not Canada, which spaces only before the colon and
inside guillemets): a narrow no-break space U+202F before ; ! ? and inside « », a no-break space
U+00A0 before :, after the Imprimerie nationale. Punctuation that already has a no-break space (of
either width) before it is left as it is.
"""

from __future__ import annotations

import re

ENGLISH = "\u201c\u201d\u2018\u2019"
#: language (a BCP 47 prefix) → opening, closing, nested opening, nested closing
QUOTES = {
    "en": ENGLISH, "nl": ENGLISH, "tr": ENGLISH, "ko": ENGLISH, "zh": ENGLISH, "pt-BR": ENGLISH,
    "de": "\u201e\u201c\u201a\u2018", "de-CH": "\u00ab\u00bb\u2039\u203a", "fr-CH": "\u00ab\u00bb\u2039\u203a",
    "fr": "\u00ab\u00bb\u201c\u201d", "es": "\u00ab\u00bb\u201c\u201d", "it": "\u00ab\u00bb\u201c\u201d",
    "pt": "\u00ab\u00bb\u201c\u201d", "ca": "\u00ab\u00bb\u201c\u201d", "el": "\u00ab\u00bb\u201c\u201d",
    "pl": "\u201e\u201d\u00ab\u00bb", "ro": "\u201e\u201d\u00ab\u00bb", "hu": "\u201e\u201d\u00bb\u00ab",
    "cs": "\u201e\u201c\u201a\u2018", "sk": "\u201e\u201c\u201a\u2018",
    "sv": "\u201d\u201d\u2019\u2019", "fi": "\u201d\u201d\u2019\u2019",
    "da": "\u00bb\u00ab\u203a\u2039", "nb": "\u00ab\u00bb\u2018\u2019", "nn": "\u00ab\u00bb\u2018\u2019",
    "no": "\u00ab\u00bb\u2018\u2019", "ru": "\u00ab\u00bb\u201e\u201c", "uk": "\u00ab\u00bb\u201e\u201c",
    "ja": "\u300c\u300d\u300e\u300f", "zh-Hant": "\u300c\u300d\u300e\u300f", "zh-TW": "\u300c\u300d\u300e\u300f",
    "zh-HK": "\u300c\u300d\u300e\u300f",
}
NNBSP, NBSP = "\u202f", "\u00a0"
_HELD = f"\\s{NBSP}{NNBSP}"
_BEFORE_HIGH = re.compile(f"(?<=[^{_HELD};:!?(\\[«]) ?([;!?])")
_BEFORE_COLON = re.compile(f"(?<=[^{_HELD};:!?(\\[«]) ?:(?=\\s|$)")
_AFTER_OPEN = re.compile(f"«(?![{NBSP}{NNBSP}]) ?")
_BEFORE_CLOSE = re.compile(f"(?<![{NBSP}{NNBSP}]) ?»")


def marks_for(language: str, override: str | None = None) -> str:
    """The four quotation marks of `language` (its longest known prefix; English otherwise)."""
    if override:
        return override
    parts = language.split("-")
    for end in range(len(parts), 0, -1):
        found = QUOTES.get("-".join(parts[:end]))
        if found:
            return found
    return ENGLISH


def uses_french_spacing(language: str) -> bool:
    parts = language.split("-")
    return parts[0] == "fr" and "CA" not in parts[1:]


def french_spacing(text: str, previous: str = " ", following: str = "") -> str:
    """No-break spaces where French typography wants them; already-spaced punctuation is left alone."""
    text = _AFTER_OPEN.sub("«" + NNBSP, text)
    text = _BEFORE_CLOSE.sub(NNBSP + "»", text)
    text = _BEFORE_HIGH.sub(NNBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    if text[:1] in (";", "!", "?", "»") and previous and not re.match(f"[{_HELD};:!?(\\[«»]", previous):
        text = NNBSP + text  # the punctuation follows an element: "<em>Vertigo</em>!"
    elif text[:1] == ":" and previous and not re.match(f"[{_HELD};:!?]", previous) and (text[1:2] or following)[:1].isspace():
        text = NBSP + text
    return text
