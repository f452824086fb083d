"""reelpress's lint rules: each a small function with a stable code, a severity and one line of help.

Text rules look at chapters (`Chapter`), package rules at the whole book (`Package`); both yield
(where, line, message). `RULES` is the whole list; `reelpress check --list-rules` prints it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reelpress.book.cover import SIZE as COVER_MIN
from reelpress.commands.check import stores
from reelpress.commands.check.book import Chapter, Package, text_nodes
from reelpress.normalise.quotes import marks_for
from reelpress.normalise.semantics import title_key
from reelpress.util.xhtml import local, q, text_of

KINDLE_IMAGE_BYTES = 5 * 1024 * 1024
STORE_TOTAL_BYTES = 20 * 1024 * 1024
A11Y = ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
        "schema:accessibilityHazard", "schema:accessibilitySummary")
DUPLICATE_MIN_WORDS = 12

Finding = tuple[str, int | None, str]  # where, line, message


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    scope: str  # "text": runs on chapters; "package": on the whole book; "paperback": on a print PDF
    description: str
    check: Callable[..., Iterable[Finding]]
    stores: tuple[str, ...] = ()  # the stores whose rule it is (stores.py); () for every book

    def severity_for(self, store: str | None) -> str | None:
        """The rule's severity when checking for `store` (None: every store, store rules as warnings);
        None when the rule is another store's."""
        if not self.stores:
            return self.severity
        if store is None:
            return "warning"
        return self.severity if store in self.stores else None


def _in_text(chapters: list[Chapter], pattern: re.Pattern, what: str) -> Iterable[Finding]:
    for chapter in chapters:
        for owner, text in text_nodes(chapter.body):
            for match in pattern.finditer(text):
                snippet = text[max(0, match.start() - 20): match.end() + 20].replace("\n", " ").strip()
                yield chapter.name, chapter.locate(owner, snippet[:30]), f"{what}: “…{snippet}…”"


QUOTATION_MARKS = "\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f"  # not ‘ ’: they are apostrophes too
#: languages that set a dash between words with spaces round it (a closed em dash is an English habit)
SPACED_DASHES = {"fr", "de", "ru", "uk", "pl", "cs", "sk", "sv", "da", "nb", "nn", "no", "fi", "nl", "hu", "ro"}


def straight_quotes(chapters):
    """Straight quotes, and quotation marks the chapter's language does not use (“ ” in a German book)."""
    yield from _in_text(chapters, re.compile(r"[\"']"), "straight quote left in the text")
    for chapter in chapters:
        lang = chapter.lang or "en"
        marks = marks_for(lang)
        foreign = "".join(mark for mark in QUOTATION_MARKS if mark not in marks)
        yield from _in_text([chapter], re.compile(f"[{foreign}]"), f"quotation mark not used in `{lang}` "
                            f"(it quotes {marks[0]}…{marks[1]}, within {marks[2]}…{marks[3]})")


def ascii_punctuation(chapters):
    """`--` and `...`; in a language that spaces its dashes, a closed em dash between words."""
    yield from _in_text(chapters, re.compile(r"--|\.\.\."), "`--` or `...` left in the text")
    for chapter in chapters:
        lang = chapter.lang or "en"
        if lang.split("-")[0] in SPACED_DASHES:
            yield from _in_text([chapter], re.compile(r"\w\u2014\w"),
                                f"closed em dash: `{lang}` sets a dash with spaces round it")


def double_spaces(chapters):
    return _in_text(chapters, re.compile(r"(?<=\S) {2,}(?=\S)"), "double space")


def _body_words(chapter: Chapter) -> int:
    """Words of the review's text, its header (title, film line) left out."""
    parts = [chapter.body.text or ""]
    for child in chapter.body:
        if local(child) != "header":
            parts.extend(child.itertext())
        parts.append(child.tail or "")
    return len(" ".join(parts).split())


def empty_reviews(chapters):
    for chapter in chapters:
        if _body_words(chapter) == 0:
            yield chapter.name, None, "the review has a title but no text"


def missing_titles(chapters):
    for chapter in chapters:
        if not (chapter.title or "").strip():
            yield chapter.name, None, "the review has no title"


def duplicate_titles(chapters):
    seen: dict[str, Chapter] = {}
    for chapter in chapters:
        key = title_key(chapter.title or "")
        if key and key in seen:
            yield chapter.name, None, f"title “{chapter.title}” is also the title of {seen[key].name}"
        seen.setdefault(key, chapter)


def broken_links(chapters):
    for chapter in chapters:
        for link in chapter.body.iter(q("a")):
            href = link.get("href")
            if href is not None and not chapter.resolves(href):
                yield chapter.name, chapter.locate(link, href), f"link {href!r} leads nowhere in the book"


def missing_alt(chapters):
    for chapter in chapters:
        for image in chapter.body.iter(q("img")):
            if not (image.get("alt") or "").strip():
                yield chapter.name, chapter.locate(image, image.get("src")), \
                    f"image {image.get('src')} has no alt text for readers who cannot see it"


def duplicate_text(chapters):
    seen: dict[str, Chapter] = {}
    for chapter in chapters:
        for paragraph in chapter.body.iter(q("p"), q("blockquote"), q("li")):
            words = text_of(paragraph).split()
            if len(words) < DUPLICATE_MIN_WORDS or local(paragraph.getparent()) == "blockquote":
                continue
            key = title_key(" ".join(words))
            if key in seen and seen[key] is not chapter:
                yield chapter.name, chapter.locate(paragraph, " ".join(words[:5])), \
                    f"this paragraph repeats one in {seen[key].name} (“{' '.join(words[:8])} …”)"
            seen.setdefault(key, chapter)


def rating_range(chapters):
    for chapter in chapters:
        rating = chapter.rating
        if rating is not None and (not 0 <= rating <= 5 or rating * 2 != int(rating * 2)):
            yield chapter.name, None, f"rating {rating:g} is not 0–5 stars in halves"


def heading_order(chapters):
    for chapter in chapters:
        previous = 1
        for heading in chapter.body.iter(*(q(f"h{n}") for n in range(2, 7))):
            level = int(local(heading)[1])
            if level > previous + 1:
                yield chapter.name, chapter.locate(heading, text_of(heading)[:30]), \
                    f"heading “{text_of(heading)}” skips from h{previous} to h{level}"
            previous = level


def image_sizes(package: Package):
    for href, size, _, _ in package.images:
        if size > KINDLE_IMAGE_BYTES:
            yield package.name, None, f"image {href} is {size / 2**20:.1f} MB; Kindle accepts up to 5 MB"


def total_image_size(package: Package):
    total = sum(size for _, size, _, _ in package.images)
    if total > STORE_TOTAL_BYTES:
        yield package.name, None, (f"images add up to {total / 2**20:.1f} MB; Barnes & Noble accepts 20 MB, "
                                   "Kobo 100 MB")


def accessibility_metadata(package: Package):
    for key in A11Y:
        if not any(value.strip() for value in package.metadata.get(key, [])):
            yield package.name, None, f"accessibility metadata {key} is missing (stores and the EU " \
                                      "Accessibility Act expect it)"


def cover(package: Package):
    if package.cover is None:
        yield package.name, None, "no cover image: stores and reading apps show a blank book"
    elif package.cover[0] < COVER_MIN[0] or package.cover[1] < COVER_MIN[1]:
        yield package.name, None, (f"cover is {package.cover[0]}×{package.cover[1]}; KDP wants "
                                   f"{COVER_MIN[0]}×{COVER_MIN[1]} or larger")


def document_language(package: Package):
    for document in package.documents:
        if not document.lang:
            yield document.name, None, "content document has no lang attribute"


def landmarks(package: Package):
    missing = [kind for kind in ("toc", "bodymatter") if kind not in package.landmarks]
    if missing:
        yield package.name, None, f"navigation landmarks missing: {', '.join(missing)}"


RULES = (
    Rule("RP101", "warning", "text", "straight quotes, or quotation marks of another language, in the text",
         straight_quotes),
    Rule("RP102", "warning", "text", "`--` or `...` left in the text, or a dash the language sets otherwise",
         ascii_punctuation),
    Rule("RP103", "warning", "text", "two or more spaces between words", double_spaces),
    Rule("RP104", "error", "text", "a review with no text", empty_reviews),
    Rule("RP105", "error", "text", "a review with no title", missing_titles),
    Rule("RP106", "warning", "text", "two reviews with the same title", duplicate_titles),
    Rule("RP107", "error", "text", "a link or fragment id that leads nowhere in the book", broken_links),
    Rule("RP108", "error", "text", "an image without alt text", missing_alt),
    Rule("RP109", "warning", "package", "an image over Kindle's 5 MB limit", image_sizes),
    Rule("RP110", "warning", "package", "images over 20 MB in all (Barnes & Noble's limit)", total_image_size),
    Rule("RP111", "error", "package", "schema.org accessibility metadata missing", accessibility_metadata),
    Rule("RP112", "warning", "package", f"no cover, or one smaller than {COVER_MIN[0]}×{COVER_MIN[1]}", cover),
    Rule("RP113", "warning", "text", "a paragraph repeated from another review (copy and paste)", duplicate_text),
    Rule("RP114", "error", "text", "a rating outside 0–5 stars in halves", rating_range),
    Rule("RP116", "warning", "text", "headings that skip a level", heading_order),
    Rule("RP117", "error", "package", "a content document without a language", document_language),
    Rule("RP118", "warning", "package", "navigation without toc and bodymatter landmarks", landmarks),
    Rule("RP119", "error", "package", "body text with a fixed line-height, font-size or color (KDP)",
         stores.kdp_body_text, ("kdp",)),
    Rule("RP120", "error", "package", "an image over 4 megapixels (Apple Books)", stores.apple_image_pixels, ("apple",)),
    Rule("RP121", "warning", "package", "a photograph with transparent pixels (Kobo)", stores.kobo_transparent_photos,
         ("kobo",)),
    Rule("RP122", "error", "paperback", "bookmarks in a paperback PDF (KDP)", stores.paperback_bookmarks, ("kdp",)),
    Rule("RP123", "error", "paperback", "links in a paperback PDF (KDP)", stores.paperback_links, ("kdp",)),
    Rule("RP125", "error", "paperback", "a paperback outside KDP's page range for its paper", stores.paperback_pages, ("kdp",)),
)
