"""What the stores reject or advise against after EPUBCheck passes: each a rule of rules.py that names
its store. `reelpress check --store kdp` runs that store's rules at their severity; without `--store`
every store's rules run, as warnings.

- KDP (Kindle): body text keeps the reader's own font size, line spacing and colour (Kindle Publishing
  Guidelines: no fixed line-height, font-size or color on body paragraphs); a paperback interior has no
  bookmarks or links and has as many pages as KDP prints on its paper: 24 to 828 on white or premium
  colour paper, 24 to 776 on cream (its fonts are embedded: RP062, for every PDF).
- Apple Books: an image on the book's pages has at most 4 million pixels (larger ones are refused or
  shrunk; `reelpress build` keeps them as given). The cover is judged by the cover rule (RP112).
- Kobo: no photographs with transparent pixels (night and sepia modes show through them).
"""

from __future__ import annotations

import tinycss2

from reelpress.book.assets import STORE_MAX_PIXELS

STORES = ("kdp", "apple", "kobo", "google")
APPLE_MAX_PIXELS = STORE_MAX_PIXELS["apple"]
#: The pages KDP prints in a paperback, by `[print] paper`: black ink on white or cream, premium colour. The
#: trims reelpress offers are all within 6 x 9 in, where these are KDP's limits (its larger trims, from
#: 8.25 x 6 in, have lower maxima).
KDP_PAGES = {"white": (24, 828), "cream": (24, 776), "color": (24, 828)}
BODY_SELECTORS = {"p", "body", "html", "div", "section"}
FIXED_BODY_PROPERTIES = {"line-height", "font-size", "color"}


def _body_rules(css: str):
    """(selector text, property) for each declaration that fixes body text's size, spacing or colour:
    on a selector whose last element is a paragraph or a container of the text."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        body = [s for s in selectors if s.split()[-1:] and s.split()[-1] in BODY_SELECTORS]
        if not body:
            continue
        for declaration in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type == "declaration" and declaration.lower_name in FIXED_BODY_PROPERTIES:
                yield ", ".join(body), declaration.lower_name


def kdp_body_text(package):
    for href, css in package.stylesheets:
        for selector, prop in _body_rules(css):
            yield package.name, None, (f"{href}: `{selector}` sets {prop}; KDP wants body text in the reader's "
                                       f"own {prop.replace('-', ' ')} (remove it, or set it on a class)")


def apple_image_pixels(package):
    """Images of the book's pages; the cover follows the stores' cover rules instead (RP112: KDP's
    1600 × 2560, which is 4.1 megapixels)."""
    for href, _, width, height in package.images:
        if width * height > APPLE_MAX_PIXELS and href != package.cover_href:
            yield package.name, None, (f"image {href} is {width}×{height} ({width * height / 1e6:.1f} megapixels); "
                                       "Apple Books takes at most 4 megapixels an image")


def kobo_transparent_photos(package):
    for href in package.transparent:
        yield package.name, None, (f"image {href} is a photograph with transparent pixels; Kobo advises against "
                                   "them (save it without an alpha channel)")


def paperback_bookmarks(facts):
    if facts.outline:
        yield facts.path, None, f"the paperback PDF has {len(facts.outline)} bookmarks; KDP's paperbacks have none"


def paperback_links(facts):
    if facts.annotations:
        yield facts.path, None, (f"the paperback PDF has {facts.annotations} link annotations; a printed page "
                                 "has none (KDP)")


def paperback_pages(facts):
    low, high = KDP_PAGES[facts.paper]
    if not low <= len(facts.pages) <= high:
        yield facts.path, None, (f"the paperback has {len(facts.pages)} pages; KDP prints {low} to {high} on "
                                 f"{facts.paper} paper")
