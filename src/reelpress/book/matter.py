"""The front and back matter: which pages a book may have besides its reviews, in what order, with
what semantics; and the facts their generated pages print (a review's first publication, a book's
link for the store the EPUB is made for).

The book's order (docs/volume-format.md): cover, title page, imprint, dedication, epigraph, contents,
foreword, introduction | the reviews | the indexes, acknowledgements, original publication, about the
author, also by, also in this series. The dedication and the epigraph have no heading and no line in
the contents (as in Vellum and Chicago's front matter); the other pages do.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from reelpress.model import Matter, ReviewMeta
from reelpress.util.xhtml import container

#: The stores a book's links may name (`reelpress build --store`), and `web`: the link for any other
#: edition (the author's site), used when the EPUB is made for no store or one the book has no link for.
STORES = ("kdp", "apple", "kobo", "google")
LINKS = (*STORES, "web")


@dataclass(frozen=True)
class Kind:
    """One kind of page: its name (its source file's stem and its id in the book), whether it comes
    before the reviews, its EPUB 3 structural semantics and DPUB-ARIA role (None where the vocabularies
    have none: about the author, also by), whether it prints a heading, and its EPUB 2 guide type."""

    name: str
    front: bool
    epub_type: str | None = None
    role: str | None = None
    heading: bool = True
    guide: str | None = None

    @property
    def key(self) -> str:
        """Its heading's key in the catalogues of the book's words."""
        return self.name.replace("-", "_")

    @property
    def before_contents(self) -> bool:
        return not self.heading


KINDS = (
    Kind("dedication", True, "dedication", "doc-dedication", heading=False, guide="dedication"),
    Kind("epigraph", True, "epigraph", "doc-epigraph", heading=False, guide="epigraph"),
    Kind("foreword", True, "foreword", "doc-foreword", guide="foreword"),
    Kind("introduction", True, "introduction", "doc-introduction"),
    Kind("acknowledgements", False, "acknowledgments", "doc-acknowledgments", guide="acknowledgements"),
    Kind("original-publication", False, "credits", "doc-credits"),
    Kind("about-the-author", False),
    Kind("also-by", False),
)
BY_NAME = {kind.name: kind for kind in KINDS}
#: The pages written as Markdown files; the original publication page is only ever generated.
SOURCES = tuple(kind.name for kind in KINDS if kind.name != "original-publication")

#: Hosts (and the domains under them) whose platform has a name of its own.
PLATFORMS = {"medium.com": "Medium", "substack.com": "Substack", "letterboxd.com": "Letterboxd",
             "ghost.io": "Ghost", "blogspot.com": "Blogger", "blogger.com": "Blogger", "wordpress.com": "WordPress"}


def kind_of(name: str) -> Kind:
    return BY_NAME[name]


def platform(address: str | None) -> str | None:
    """The platform an address is on: Medium for medium.com and any of its subdomains, …; else the
    host itself (`example.org`, `www.` dropped); None without an address."""
    if not address:
        return None
    host = (urlsplit(address).hostname or "").lower().rstrip(".")
    for domain, name in PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    if host.startswith("blogspot.") or ".blogspot." in host:  # blogspot has country domains: x.blogspot.fr
        return "Blogger"
    return host.removeprefix("www.") or None


def link_for(links: tuple[tuple[str, str], ...], store: str | None) -> str | None:
    """The link a book's "Also by" line carries in an edition for `store`: that store's, else the web
    link; never another store's (a store refuses books that send readers to a rival)."""
    found = dict(links)
    return found.get(store) if store in found else found.get("web")


def credited(review) -> bool:
    """Whether a review says where it first appeared: it has an address or a date to say it with."""
    return bool(review.meta.source_url or review.meta.published)


def generated(config, reviews, written: set[str], words, where) -> list:
    """The pages made from the configuration rather than a file: "Also by" from `[[books]]` (unless
    also-by.md is `written`), and the original publication page under `[credits] show`. `where` is the
    file their keys come from."""
    pages = []
    if config.books and "also-by" not in written:
        pages.append(("also-by", words("also_by", author=config.author)))
    if config.credits.show and any(credited(review) for review in reviews):
        pages.append(("original-publication", words("original_publication")))
    return [Matter(slug=name, path=where, meta=ReviewMeta(title=title), body=container(),
                   generated=True) for name, title in pages]


def in_order(matter) -> list:
    """The pages in the book's order (KINDS)."""
    rank = {kind.name: index for index, kind in enumerate(KINDS)}
    return sorted(matter, key=lambda page: rank[page.slug])
