"""The keys of the front and back matter: `[[books]]` (the author's other books, for the "Also by"
page, with a link per store) and `[credits]` (where each review first appeared)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from reelpress.book.matter import LINKS
from reelpress.config.schema import Field, Invalid, boolean, text, url


@dataclass(frozen=True)
class OtherBook:
    """One of the author's other books: its title, subtitle and where each store sells it."""

    title: str
    subtitle: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (store or "web", address)


@dataclass(frozen=True)
class CreditsSettings:
    """Whether the book says where each review first appeared."""

    show: bool = False


CREDITS_FIELDS = (
    Field("show", boolean, "true prints \"First published on Medium, 21 December 2022\" under each review (from its "
                           "`published` and `source_url`) and adds an Original Publication page. Default false."),
)
BOOK_KEYS = ("title", "subtitle", "links")


def books(value: Any) -> tuple[OtherBook, ...]:
    """`[[books]]`: a list of tables with a `title`, maybe a `subtitle`, and `links` by store."""
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise Invalid("expected [[books]] tables, each with a title (and a subtitle, and links by store)")
    return tuple(_book(entry, number) for number, entry in enumerate(value, 1))


def _book(entry: dict, number: int) -> OtherBook:
    where = f"book {number}"
    for key in entry:
        if key not in BOOK_KEYS:
            raise Invalid(f"{where}: unknown key `{key}`{_suggest(key, BOOK_KEYS)}")
    if "title" not in entry:
        raise Invalid(f"{where}: required key `title` is missing")
    links = entry.get("links", {})
    if not isinstance(links, dict):
        raise Invalid(f"{where}: `links` must be a table such as {{ kdp = \"https://…\", web = \"https://…\" }}")
    for store in links:
        if store not in LINKS:
            raise Invalid(f"{where}: `links.{store}` is not a store{_suggest(store, LINKS)}")
    try:
        return OtherBook(text(entry["title"]), text(entry["subtitle"]) if "subtitle" in entry else None,
                         tuple((store, url(links[store])) for store in LINKS if store in links))
    except Invalid as exc:
        raise Invalid(f"{where}: {exc}") from None


def _suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(known)})"
