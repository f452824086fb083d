"""Count the hyphenation a book designer would not sign, in a built PDF read back with `pdftotext -layout`.

    python tools/hyphenation_audit.py VOLUME_DIR BOOK.pdf [--show]

The volume's own sources (loaded and normalised as a build does) say what each line end is: a line
ending in "-" whose two halves joined with a hyphen occur in the text ("well-known") is a real hyphen,
anything else ending in a letter and "-" is a hyphenation break. Counted:

- `breaks`: hyphenation breaks at line ends;
- `short`: breaks leaving fewer than 2 letters before or 3 after ("zith-/er");
- `runs`: runs of 3 or more consecutive hyphenated lines (adjacent lines on one page);
- `names`: a break (or a real hyphen's line break) inside a word of a name — directors, films,
  original titles, the book's author — the words the indexes and front matter name;
- `headings`: a break on a line of a heading (review titles, body headings, index and part titles);
- `last_words`: a paragraph whose last word is broken (the next line is the lone fragment, "et.");
- `half_small_caps`: a review or matter page whose first line (in small capitals) ends inside a word;
- `dash_spaces`: em dashes inside a line with a space on one side only ("’50s— part");
- `straight_marks`: straight quotes, `--` and `...` anywhere in the PDF's text (the imprint's
  "author's" came from series.toml).

`audit(volume_dir, pdf)` returns the counts and the offending lines; the tests assert zeros with it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KINDS = ("breaks", "short", "runs", "names", "headings", "last_words", "half_small_caps", "dash_spaces",
         "straight_marks")
_LINE_END = re.compile(r"(\w[\w\u2019'\u2011.-]*?)-$")
_WORD = re.compile(r"\w+")
_STRAIGHT = re.compile(r"['\"]|--|\.\.\.")
_ONE_SIDED_DASH = re.compile(r"(?<=\S)\u2014 (?=\S)|(?<=\S) \u2014(?=\S)")
BLOCK_TAGS = ("p", "li", "dd", "figcaption", "td", "th")


@dataclass
class Sources:
    """What the volume's sources say: its text, names, headings, paragraph ends and review openings."""

    text: str
    names: tuple[list[str], set[str]]
    headings: list[str]
    last_words: set[str]
    openings: list[str]  # each review's first paragraph, its first words


def sources(volume_dir: Path) -> Sources:
    from reelpress.build import load
    from reelpress.util.xhtml import local

    volume = load(Path(volume_dir))
    texts, headings, ends, openings = [], [], set(), []
    names = _names(volume)
    for review in (*volume.reviews, *volume.matter):  # an introduction opens in small capitals too
        headings.append(review.meta.title)
        texts.append(" ".join([review.meta.title, review.meta.film or "", review.meta.director or ""]))
        for element in review.body.iter():
            if not isinstance(element.tag, str):
                continue
            text = " ".join("".join(element.itertext()).split())
            if local(element) in ("h1", "h2", "h3", "h4", "h5", "h6"):
                headings.append(text)
            elif local(element) in BLOCK_TAGS and text:
                ends.add(text.split()[-1])
        body = " ".join("".join(review.body.itertext()).split())
        texts.append(body)
        first = next((p for p in review.body.iter() if isinstance(p.tag, str) and local(p) == "p"
                      and "".join(p.itertext()).strip()), None)
        if first is not None:
            openings.append(" ".join("".join(first.itertext()).split()[:3]))
    headings += [index.title for index in volume.indexes] + [part.title for part in volume.parts]
    return Sources(" ".join(texts), names, headings, ends, openings)


def _names(volume) -> tuple[list[str], set[str]]:
    """(film titles, words of people's names): what the front matter and the indexes name."""
    from reelpress.writers.pdf.hyphenation import names_of

    phrases, words = names_of(volume)
    return phrases, set(words)


def pdf_lines(pdf: Path) -> list[list[str]]:
    """The PDF's text, page by page, line by line (`pdftotext -layout`)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [page.split("\n") for page in out.split("\f")]


@dataclass
class Break:
    page: int
    line: str
    following: str
    left: str
    right: str
    real: bool


def line_breaks(pages: list[list[str]], text: str) -> list[list[Break | None]]:
    """Per page, per line: the break at the line's end (None if it does not end inside a word)."""
    found = []
    for number, lines in enumerate(pages, 1):
        row = []
        for index, line in enumerate(lines):
            match = _LINE_END.search(line.rstrip())
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            word = _WORD.match(following)
            if not match or not word:
                row.append(None)
                continue
            left, right = match.group(1), word.group()
            real = re.search(rf"(?<!\w){re.escape(left)}-{re.escape(right)}", text) is not None
            row.append(Break(number, line.strip(), following, left, right, real))
        found.append(row)
    return found


def audit(volume_dir: Path, pdf: Path) -> dict[str, list[str]]:
    """Every offence of each kind (KINDS), as the lines that show it."""
    source = sources(volume_dir)
    pages = pdf_lines(pdf)
    rows = line_breaks(pages, source.text)
    found: dict[str, list[str]] = {kind: [] for kind in KINDS}
    openings = _opening_lines(pages, source.openings)
    for row in rows:
        streak = 0
        for brk in row:
            hyphenated = brk is not None and not brk.real
            streak = streak + 1 if hyphenated else 0
            if streak == 3:
                found["runs"].append(f"p{brk.page}: … {brk.line}")
            if brk is not None:
                _classify(brk, hyphenated, source, found, openings)
    found["dash_spaces"] = [f"p{n}: {line.strip()}" for n, lines in enumerate(pages, 1) for line in lines
                            for _ in _ONE_SIDED_DASH.findall(line)]
    found["straight_marks"] = [f"p{n}: {line.strip()}" for n, lines in enumerate(pages, 1) for line in lines
                               for _ in _STRAIGHT.findall(line)]
    return found


def _classify(brk: Break, hyphenated: bool, source: Sources, found, openings) -> None:
    where = f"p{brk.page}: {brk.line} / {brk.following}"
    opening = brk.line in openings
    if opening:
        found["half_small_caps"].append(where)
    if _in_name(brk, source.names, opening):
        found["names"].append(where)
    if not hyphenated:
        return
    found["breaks"].append(where)
    before = len(re.search(r"[^\W\d_]*$", brk.left).group())
    if before < 2 or len(brk.right) < 3:
        found["short"].append(where)
    line = " ".join(brk.line.split())[:-1] + brk.right
    if any(line in heading for heading in source.headings):
        found["headings"].append(where)
    if len(brk.following.split()) == 1 and brk.left + brk.following in source.last_words:
        found["last_words"].append(where)


def _in_name(brk: Break, names: tuple[list[str], set[str]], opening: bool) -> bool:
    """Whether the break is inside a person's name, or inside a film's title written out in full; a
    review's first line is compared in any case (pdftotext gives its small capitals in lower case)."""
    fold = str.casefold if opening else str
    phrases, words = names
    word = _whole(brk)
    if fold(word) in {fold(w) for w in words}:
        return True
    context = fold(" ".join(brk.line.split())[:-1] + ("-" if brk.real else "") + brk.following)
    return any(fold(word) in fold(phrase).split() and fold(phrase) in context for phrase in phrases)


def _whole(brk: Break) -> str:
    """The broken word, joined: the name word it may be ("Kur-osawa’s" → "Kurosawa")."""
    left = re.search(r"[^\W\d_][\w\u2019'-]*$", brk.left)
    joined = (left.group() if left else brk.left) + ("-" if brk.real else "") + brk.right
    return re.sub(r"[\u2019']s$", "", joined)


def _opening_lines(pages: list[list[str]], openings: list[str]) -> set[str]:
    """The lines of the PDF that open a review (small capitals, which pdftotext gives in lower case)."""
    starts = {opening.casefold() for opening in openings}
    return {line.strip() for lines in pages for line in lines
            if any(" ".join(line.split()).casefold().startswith(start) for start in starts)}


def main(argv: list[str]) -> int:
    show = "--show" in argv
    volume_dir, pdf = (Path(arg) for arg in argv if arg != "--show")
    found = audit(volume_dir, pdf)
    for kind in KINDS:
        print(f"{kind:16} {len(found[kind])}")
        if show:
            for where in found[kind]:
                print(f"    {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
