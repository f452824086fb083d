"""The PDF's fonts after the book face: a fallback chain of installed Noto families, one or a few per
script, found through fontconfig (util/fontconfig.py), so that every character a review holds prints.

WeasyPrint (Pango) picks, for each character, the first family of `font-family` that has it; the
chain is that list, written into one stylesheet (`css`). The CJK families are ordered by `lang`, so
that 直 is drawn the Japanese way inside `lang="ja"` and the Chinese way inside `lang="zh"`: one
stylesheet rule per language. `[pdf] fonts` puts the critic's own families first; a family that is
not installed stops the build with its name and the package that has it (RP058).

Emoji are the exception: Noto Color Emoji also has digits, `#`, `*` and spaces, and in a
`font-family` list fontconfig sometimes ranks it above the book face's italic, which set "1950s" in
emoji digits (measured on volume 1). So it is not in the stack: each run of characters only it has
is wrapped in `<span class="rp-emoji">` (emoji.py), whose font-family starts with it.

Every face of every family in the chain is listed in `files`: the piece cache hashes them and the
build record stamps them, so an updated font package lays the book out again.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from reelpress.errors import fail
from reelpress.util import fontconfig

CORE, CJK, EMOJI = "fonts-noto-core", "fonts-noto-cjk", "fonts-noto-color-emoji"
BOOK_FACES = ('"Source Serif Pro"', '"Reelpress Symbols"')

#: (what the families print, the families in order, the Debian/Ubuntu package that has them)
SCRIPTS = (
    ("Latin, Greek and Cyrillic the book face lacks; the no-break hyphen", ("Noto Serif",), CORE),
    ("Arabic, Persian and Urdu (Naskh)", ("Noto Naskh Arabic",), CORE),
    ("Hebrew", ("Noto Serif Hebrew",), CORE),
    ("Syriac, Thaana, N'Ko", ("Noto Sans Syriac", "Noto Sans Thaana", "Noto Sans NKo"), CORE),
    ("Devanagari", ("Noto Serif Devanagari",), CORE),
    ("Bengali", ("Noto Serif Bengali",), CORE),
    ("Gurmukhi, Gujarati, Oriya", ("Noto Serif Gurmukhi", "Noto Serif Gujarati", "Noto Sans Oriya"), CORE),
    ("Tamil, Telugu, Kannada, Malayalam", ("Noto Serif Tamil", "Noto Serif Telugu", "Noto Serif Kannada",
                                           "Noto Serif Malayalam"), CORE),
    ("Sinhala, Tibetan", ("Noto Serif Sinhala", "Noto Serif Tibetan"), CORE),
    ("Thai, Lao, Khmer, Myanmar", ("Noto Serif Thai", "Noto Serif Lao", "Noto Serif Khmer",
                                   "Noto Serif Myanmar"), CORE),
    ("Armenian, Georgian, Ethiopic", ("Noto Serif Armenian", "Noto Serif Georgian", "Noto Serif Ethiopic"),
     CORE),
    ("Japanese, Korean, Chinese", ("Noto Serif CJK JP", "Noto Serif CJK KR", "Noto Serif CJK SC",
                                   "Noto Serif CJK TC", "Noto Serif CJK HK"), CJK),
    ("emoji", ("Noto Color Emoji",), EMOJI),
    ("symbols and mathematics", ("Noto Sans Symbols", "Noto Sans Symbols2", "Noto Sans Math"), CORE),
)
EMOJI_FAMILY = "Noto Color Emoji"
PACKAGES = {family: package for _, names, package in SCRIPTS for family in names}

#: which CJK family comes first inside an element of this language (BCP 47 prefix → family)
CJK_FIRST = (("zh-Hant-HK", "Noto Serif CJK HK"), ("zh-HK", "Noto Serif CJK HK"),
             ("zh-Hant", "Noto Serif CJK TC"), ("zh-TW", "Noto Serif CJK TC"), ("zh-MO", "Noto Serif CJK TC"),
             ("zh", "Noto Serif CJK SC"), ("ja", "Noto Serif CJK JP"), ("ko", "Noto Serif CJK KR"))


#: languages whose scripts are set upright where Latin text would be italic (titles in the indexes)
UPRIGHT = ("ja", "zh", "ko", "ar", "fa", "ur", "he", "yi", "hi", "mr", "ne", "bn", "pa", "gu", "or", "ta", "te",
           "kn", "ml", "si", "th", "lo", "km", "my", "bo", "ka", "hy", "am")


class NotInstalled(ValueError):
    """A family `[pdf] fonts` names that fontconfig does not know; the message says what to install."""


@dataclass(frozen=True)
class Chain:
    """The fallback families after the book face, in order, and every file their faces live in."""

    families: tuple[str, ...]
    files: tuple[str, ...]
    faces: tuple[tuple[str, int], ...]  # (file, index) of one upright face per family: coverage
    emoji: tuple[tuple[str, int], ...] = ()  # the same for the emoji family, kept out of the stack

    def css(self, language: str) -> str:
        """The stylesheet that sets the chain: after print.css, so its rules win over its `html` one."""
        stack = _stack(self.families, language)
        files = " ".join(Path(file).as_uri() for file in self.files)
        rules = [f"/* the chain's font files, so that the piece cache hashes them: {files} */",
                 f"html {{ font-family: {stack}; }}",
                 "@page { @top-left { font-family: %s; } @top-right { font-family: %s; } "
                 "@bottom-center { font-family: %s; } }" % (stack, stack, stack)]
        for prefix, _ in reversed(CJK_FIRST):  # the more specific tag last, so that its rule wins
            rules.append(f'[lang="{prefix}"], [lang|="{prefix}"] {{ font-family: {_stack(self.families, prefix)}; }}')
        # CJK lines break between characters (Pango follows UAX #14); a hyphen there would be a mistake
        rules.append('[lang|="ja"], [lang|="zh"], [lang|="ko"] { hyphens: manual; }')
        # these scripts have no italics: a slanted Noto face would be a distortion drawn by the renderer
        rules.append(", ".join(f'[lang|="{lang}"], .index .term[lang|="{lang}"]' for lang in UPRIGHT)
                     + " { font-style: normal; }")  # the second selector outweighs print.css's `.index .term`
        rules.append(f'.rp-emoji {{ font-family: "{EMOJI_FAMILY}", {stack}; font-style: normal; }}')
        return "\n".join(rules)


def _stack(families: tuple[str, ...], language: str) -> str:
    first = next((family for prefix, family in CJK_FIRST
                  if language == prefix or language.startswith(prefix + "-")), None)
    families = tuple(f for f in families if f != EMOJI_FAMILY)
    ordered = [f for f in families if f == first] + [f for f in families if f != first]
    return ", ".join([*BOOK_FACES, *(f'"{family}"' for family in ordered), "serif"])


def for_volume(volume) -> Chain:
    """The volume's chain; RP058 for a `[pdf] fonts` family that is not installed."""
    try:
        return chain(volume.config.pdf.fonts)
    except NotInstalled as exc:
        fail(volume.directory / "volume.toml", "RP058", str(exc))


def chain(extra: tuple[str, ...] = ()) -> Chain:
    """The chain on this machine: the `[pdf] fonts` families (which must be installed), then the
    installed families of SCRIPTS. Raises NotInstalled naming each missing family."""
    return _chain(tuple(extra), fontconfig.installed())


@functools.cache
def _chain(extra: tuple[str, ...], installed) -> Chain:
    by_family: dict[str, list] = {}
    for face in installed:
        by_family.setdefault(face.family, []).append(face)
    missing = [family for family in extra if family not in by_family]
    if missing:
        raise NotInstalled("; ".join(f'font family "{family}" is not installed ({_provider(family)})'
                                     for family in missing))
    wanted = list(dict.fromkeys([*extra, *(f for _, names, _ in SCRIPTS for f in names)]))
    families = tuple(family for family in wanted if family in by_family)
    files = tuple(sorted({face.file for family in families for face in by_family[family]}))
    faces = tuple(_upright(by_family[family]) for family in families if family != EMOJI_FAMILY)
    emoji = (_upright(by_family[EMOJI_FAMILY]),) if EMOJI_FAMILY in by_family else ()
    return Chain(families, files, faces, emoji)


def _provider(family: str) -> str:
    if family in PACKAGES:
        return f"it comes with the package {PACKAGES[family]}: apt-get install {PACKAGES[family]}"
    return "install a package that provides it; `fc-list : family` lists the families installed"


def _upright(faces) -> tuple[str, int]:
    regular = [f for f in faces if f.style in ("Regular", "Book", "Roman")] or list(faces)
    return regular[0].file, regular[0].index


@functools.cache
def coverage(faces: tuple[tuple[str, int], ...]) -> frozenset[int]:
    """Every code point the faces have a glyph for."""
    found: set[int] = set()
    for file, index in faces:
        with TTFont(file, lazy=True, fontNumber=index) as font:
            found.update(font.getBestCmap() or {})
    return frozenset(found)
