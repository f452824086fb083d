"""Which Unicode block a character is in, and which font package prints it: RP054 names both, so the
message says what to install ("install fonts-noto-cjk") and not only which character failed."""

from __future__ import annotations

import bisect

from reelpress.writers.pdf.fonts import CJK, CORE, EMOJI, PACKAGES

#: (first code point, last code point, block name, package with a font for it); from Unicode's Blocks.txt
BLOCKS = (
    (0x0000, 0x024F, "Latin", CORE), (0x0250, 0x02FF, "IPA Extensions and Spacing Modifiers", CORE),
    (0x0300, 0x036F, "Combining Diacritical Marks", CORE), (0x0370, 0x03FF, "Greek and Coptic", CORE),
    (0x0400, 0x052F, "Cyrillic", CORE), (0x0530, 0x058F, "Armenian", CORE), (0x0590, 0x05FF, "Hebrew", CORE),
    (0x0600, 0x06FF, "Arabic", CORE), (0x0700, 0x074F, "Syriac", CORE), (0x0750, 0x077F, "Arabic Supplement", CORE),
    (0x0780, 0x07BF, "Thaana", CORE), (0x07C0, 0x07FF, "NKo", CORE), (0x0800, 0x08FF, "Samaritan, Mandaic, Arabic Extended", CORE),
    (0x0900, 0x097F, "Devanagari", CORE), (0x0980, 0x09FF, "Bengali", CORE), (0x0A00, 0x0A7F, "Gurmukhi", CORE),
    (0x0A80, 0x0AFF, "Gujarati", CORE), (0x0B00, 0x0B7F, "Oriya", CORE), (0x0B80, 0x0BFF, "Tamil", CORE),
    (0x0C00, 0x0C7F, "Telugu", CORE), (0x0C80, 0x0CFF, "Kannada", CORE), (0x0D00, 0x0D7F, "Malayalam", CORE),
    (0x0D80, 0x0DFF, "Sinhala", CORE), (0x0E00, 0x0E7F, "Thai", CORE), (0x0E80, 0x0EFF, "Lao", CORE),
    (0x0F00, 0x0FFF, "Tibetan", CORE), (0x1000, 0x109F, "Myanmar", CORE), (0x10A0, 0x10FF, "Georgian", CORE),
    (0x1100, 0x11FF, "Hangul Jamo", CJK), (0x1200, 0x139F, "Ethiopic", CORE), (0x13A0, 0x13FF, "Cherokee", CORE),
    (0x1400, 0x167F, "Unified Canadian Aboriginal Syllabics", CORE), (0x1680, 0x16FF, "Ogham and Runic", CORE),
    (0x1700, 0x177F, "Philippine scripts", CORE), (0x1780, 0x17FF, "Khmer", CORE), (0x1800, 0x18AF, "Mongolian", CORE),
    (0x18B0, 0x1CFF, "South and Southeast Asian scripts", CORE), (0x1D00, 0x1DFF, "Phonetic Extensions", CORE),
    (0x1E00, 0x1EFF, "Latin Extended Additional", CORE), (0x1F00, 0x1FFF, "Greek Extended", CORE),
    (0x2000, 0x206F, "General Punctuation", CORE), (0x2070, 0x209F, "Superscripts and Subscripts", CORE),
    (0x20A0, 0x20CF, "Currency Symbols", CORE), (0x20D0, 0x20FF, "Combining Marks for Symbols", CORE),
    (0x2100, 0x214F, "Letterlike Symbols", CORE), (0x2150, 0x218F, "Number Forms", CORE),
    (0x2190, 0x21FF, "Arrows", CORE), (0x2200, 0x22FF, "Mathematical Operators", CORE),
    (0x2300, 0x23FF, "Miscellaneous Technical", CORE), (0x2400, 0x24FF, "Control Pictures and Enclosed Alphanumerics", CORE),
    (0x2500, 0x25FF, "Box Drawing, Block Elements, Geometric Shapes", CORE),
    (0x2600, 0x26FF, "Miscellaneous Symbols", EMOJI), (0x2700, 0x27BF, "Dingbats", EMOJI),
    (0x27C0, 0x2BFF, "Mathematical and other symbols and arrows", CORE), (0x2C00, 0x2DFF, "Glagolitic, Coptic, Georgian, Tifinagh, Ethiopic", CORE),
    (0x2E00, 0x2E7F, "Supplemental Punctuation", CORE), (0x2E80, 0x2FFF, "CJK Radicals and Ideographic Description", CJK),
    (0x3000, 0x303F, "CJK Symbols and Punctuation", CJK), (0x3040, 0x309F, "Hiragana", CJK),
    (0x30A0, 0x30FF, "Katakana", CJK), (0x3100, 0x312F, "Bopomofo", CJK), (0x3130, 0x318F, "Hangul Compatibility Jamo", CJK),
    (0x3190, 0x33FF, "Kanbun, CJK Strokes, Enclosed CJK, CJK Compatibility", CJK),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A", CJK), (0x4DC0, 0x4DFF, "Yijing Hexagram Symbols", CORE),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs", CJK), (0xA000, 0xA4CF, "Yi", CORE),
    (0xA4D0, 0xA4FF, "Lisu", CORE), (0xA500, 0xA63F, "Vai", CORE), (0xA640, 0xA69F, "Cyrillic Extended-B", CORE),
    (0xA6A0, 0xA6FF, "Bamum", CORE), (0xA700, 0xA7FF, "Modifier Tone Letters and Latin Extended-D", CORE),
    (0xA800, 0xA97F, "Syloti Nagri, Phags-pa, Saurashtra, Kayah Li, Rejang", CORE), (0xA980, 0xA9DF, "Javanese", CORE),
    (0xA9E0, 0xABFF, "Myanmar Extended, Cham, Tai Viet, Meetei Mayek", CORE), (0xAC00, 0xD7FF, "Hangul Syllables", CJK),
    (0xE000, 0xF8FF, "Private Use Area", None), (0xF900, 0xFAFF, "CJK Compatibility Ideographs", CJK),
    (0xFB00, 0xFB4F, "Alphabetic Presentation Forms", CORE), (0xFB50, 0xFDFF, "Arabic Presentation Forms-A", CORE),
    (0xFE00, 0xFE0F, "Variation Selectors", CORE), (0xFE10, 0xFE6F, "Vertical, Half and CJK Compatibility Forms", CJK),
    (0xFE70, 0xFEFF, "Arabic Presentation Forms-B", CORE), (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms", CJK),
    (0xFFF0, 0xFFFF, "Specials", CORE), (0x10000, 0x1EFFF, "historic scripts and symbols", CORE),
    (0x1F000, 0x1F0FF, "Mahjong, Domino and Playing Cards", EMOJI), (0x1F100, 0x1F2FF, "Enclosed Alphanumeric and Ideographic Supplement", EMOJI),
    (0x1F300, 0x1F5FF, "Miscellaneous Symbols and Pictographs (emoji)", EMOJI), (0x1F600, 0x1F64F, "Emoticons (emoji)", EMOJI),
    (0x1F650, 0x1F6FF, "Transport and Map Symbols (emoji)", EMOJI), (0x1F700, 0x1F8FF, "Alchemical and geometric symbols", CORE),
    (0x1F900, 0x1FAFF, "Supplemental Symbols and Pictographs (emoji)", EMOJI), (0x1FB00, 0x1FFFF, "Symbols for Legacy Computing", CORE),
    (0x20000, 0x3FFFF, "CJK Unified Ideographs Extension B and later", CJK),
)
_STARTS = [block[0] for block in BLOCKS]


def block(char: str) -> tuple[str, str | None]:
    """(block name, package) for a character; ("unassigned or private", None) beyond the table."""
    code = ord(char)
    at = bisect.bisect_right(_STARTS, code) - 1
    if at >= 0 and BLOCKS[at][0] <= code <= BLOCKS[at][1]:
        return BLOCKS[at][2], BLOCKS[at][3]
    return "an unassigned or private-use block", None


def advice(chars, installed_families) -> str:
    """What to do about characters no installed font has: the package to install, or `[pdf] fonts`."""
    packages = sorted({package for char in chars if (package := block(char)[1])})
    have = {PACKAGES[family] for family in installed_families if family in PACKAGES}
    wanted = [package for package in packages if package not in have]
    tip = "or name an installed font family that has them in volume.toml's [pdf] fonts"
    if wanted:
        return f"install {' and '.join(wanted)} (apt-get install {' '.join(wanted)}), {tip}"
    return tip[3:]
