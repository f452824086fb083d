"""Typography pass: curly quotes and apostrophes, dashes in the house style, ellipses; quotation
marks and (French) spacing by the book's language (quotes.py). The review's title, film and director
are set the same way (`typeset`, which config/ also uses for volume.toml's printed texts).

Text is processed in document order across inline elements, so `"<em>Vertigo</em>"` gets an opening
and a closing quote; each block starts afresh. Code, preformatted text and links that show their own
address are never touched. Leading apostrophes (’70s, ’em, rock ’n’ roll) are apostrophes, not quotes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reelpress.normalise.quotes import french_spacing, marks_for, uses_french_spacing
from reelpress.util.xhtml import local

SKIP = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "math", "svg"})
BLOCKS = frozenset("""p h1 h2 h3 h4 h5 h6 blockquote li dt dd figcaption caption td th div section
                      aside figure table tr ul ol dl br hr""".split())

_OPENING_CONTEXT = set(" \t\n\u00a0([{\u201c\u2018\u2014\u2013-/")
_ELISION = re.compile(r"\d\ds?\b|(?:tis|twas|em|cause|til|round|bout)\b|n'(?!\w)", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\.\.\.|\. \. \.")
_DASH = re.compile(r"([ \t\r\n]*)(?<!-)--(?!-)([ \t\r\n]*)")  # a line may end or start with `--`

DASHES = {"em": "\u2014", "spaced-en": "\u2013"}


def run(body, ctx) -> None:
    style = ctx.config.typography.dashes
    language = ctx.config.language
    marks = marks_for(language, ctx.config.typography.quotes)
    spacing = uses_french_spacing(language)
    for run_ in _runs(body):
        previous = " "
        for index, (element, slot) in enumerate(run_):
            value = getattr(element, slot)
            if value:
                following = next((getattr(e, s)[0] for e, s in run_[index + 1:] if getattr(e, s)), "")
                value = smarten(value, previous, style, following, marks)
                if spacing:
                    value = french_spacing(value, previous, following)
                setattr(element, slot, value)
                previous = value[-1]
    _typeset_meta(ctx, style)


def _typeset_meta(ctx, style: str) -> None:
    """The front matter's printed texts (the review's title, the film, the director) set like its body;
    an original title is in its own language and stays as written."""
    meta, language, quotes = ctx.review.meta, ctx.config.language, ctx.config.typography.quotes
    ctx.review.meta = replace(meta, **{key: typeset(getattr(meta, key), language, style, quotes)
                                       for key in ("title", "film", "director") if getattr(meta, key)})


def _runs(body) -> list[list[tuple]]:
    """The text slots of the body grouped into runs, one per block: quotes pair up within a run."""
    runs: list[list[tuple]] = [[]]
    for element, slot in _text_slots(body):
        if slot == "reset":
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((element, slot))
    return runs


def _text_slots(element):
    """(element, 'text'|'tail') in document order; ('reset') at block boundaries; code is skipped."""
    name = local(element)
    if name in BLOCKS:
        yield element, "reset"
    if name not in SKIP and not _shows_own_address(element):
        yield element, "text"
        for child in element:
            yield from _text_slots(child)
            if local(child) in BLOCKS:
                yield child, "reset"
            yield child, "tail"


def _shows_own_address(element) -> bool:
    href = element.get("href")
    return local(element) == "a" and href is not None and (element.text or "").strip() in (href, href[7:],
                                                                                          href[8:])


def typeset(text: str, language: str = "en", dashes: str = "em", quotes: str | None = None) -> str:
    """One piece of text on its own (a title, a description from volume.toml) set as the pass sets a
    review's: quotes and apostrophes of `language`, dashes, ellipses, French spacing."""
    value = smarten(text, " ", dashes, "", marks_for(language, quotes))
    return french_spacing(value) if uses_french_spacing(language) else value


def smarten(text: str, previous: str = " ", dashes: str = "em", following: str = "",
            marks: str = "\u201c\u201d\u2018\u2019") -> str:
    """Typographic punctuation for one piece of text; `previous` and `following` are the characters
    just before and after it (in neighbouring elements), which decide whether a quote opens or closes."""
    text = _ELLIPSIS.sub("\u2026", text)
    text = text.replace("---", "\u2014")
    text = _DASH.sub(lambda m: _dash(m, dashes), text)
    return _quotes(text, previous, following, marks)


def _dash(match: re.Match, style: str) -> str:
    if style == "em":
        return DASHES["em"]
    start, end = match.start(), match.end()
    before = "\u00a0" if start > 0 or match.group(1) else ""
    after = " " if end < len(match.string) or match.group(2) else ""
    return f"{before}{DASHES['spaced-en']}{after}"


_QUOTE = re.compile("[\"']")


def _quotes(text: str, previous: str, following: str = "", marks: str = "\u201c\u201d\u2018\u2019") -> str:
    """Decide each straight quote from its neighbours; text without quotes is returned untouched."""
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    done, before, nested, opened = 0, previous, 0, previous == marks[0]
    unspaced = marks[0] in "\u300c\u300e"
    for match in _QUOTE.finditer(text):
        index, char = match.start(), match.group()
        if index > done:
            out.append(text[done:index])
            before = text[index - 1]
        done = index + 1
        after = text[index + 1: index + 2] or following
        opening = (before in _OPENING_CONTEXT or before in marks[::2]) and after not in ("", " ", "\t", "\n", "\u00a0")
        if unspaced:  # Japanese and Chinese put no spaces round quotations: they open and close in turn
            opening = not (opened if char == '"' else nested)
        if char == '"':
            out.append(marks[0] if opening else marks[1])
            opened = opening
        elif unspaced:
            out.append(marks[2] if opening else marks[3])
            nested = 1 if opening else 0
        elif nested and before.isalnum() and not after.isalnum():
            out.append(marks[3])  # after a word, with a nested quotation open: it closes
            nested -= 1
        elif before.isalnum() or _ELISION.match(text, index + 1):
            out.append("\u2019")
        else:
            out.append(marks[2] if opening else marks[3])
            nested += 1 if opening else -1 if nested else 0
        before = out[-1]
    out.append(text[done:])
    return "".join(out)
