"""Link addresses parsed as URLs (the WHATWG URL standard, by ada-url): repaired when that is safe, else
dropped with a warning — EPUBCheck refuses a book with one address that is not a valid URL.

Safe repairs only percent-encode what a URL may not hold as it is: spaces, non-ASCII letters, `<>"`
and a `%` that starts no escape (`a b` → `a%20b`). Anything else that does not parse — an empty or
malformed host (`https://../`, `http://exa mple.com`), a bad port or IPv6 address — cannot be guessed
at, so the link goes and its text stays, and the warning names the line.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ada_url import URL

#: Characters that keep their meaning in a URL, never encoded by a repair (RFC 3986 reserved, and `%`).
_KEEP = ":/?#[]@!$&'()*+,;=%~"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
#: Relative references are parsed against a base that can never be fetched.
_BASE = "https://reelpress.invalid/volume/reviews/"


def repair(url: str) -> str | None:
    """A valid form of `url` (itself when it is valid), or None when it cannot be repaired safely."""
    if url.startswith("#"):
        return url  # a fragment: the links pass checks it names an id in the book
    encoded = _BAD_PERCENT.sub("%25", quote(url.strip(), safe=_KEEP))
    try:
        if _SCHEME.match(encoded):
            parsed = URL(encoded)
        else:
            parsed = URL(encoded, _BASE)
    except ValueError:
        return None
    if parsed.protocol in ("http:", "https:") and not _host_ok(parsed.hostname):
        return None
    return encoded


def _host_ok(host: str) -> bool:
    """Every label of a domain name non-empty and made of letters, digits and hyphens (or an IP)."""
    if host.startswith("["):
        return True  # an IPv6 address ada has already validated
    labels = host.split(".")
    if labels and labels[-1] == "":
        labels.pop()  # `example.com.`: the root label
    return bool(labels) and all(_LABEL.match(label) for label in labels)


def check_link(element, ctx) -> None:
    """Repair an element's `href`, or remove it with a warning naming the line."""
    href = element.get("href")
    if href is None:
        return
    fixed = repair(href)
    if fixed is None:
        ctx.warn("RP036", f"link address {href[:60]!r} is not a valid URL, so the link was removed and its "
                 "text kept; write the address in full (https://host/path), spaces as %20", href[:40])
        del element.attrib["href"]
    elif fixed != href:
        element.set("href", fixed)
