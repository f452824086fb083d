"""Sanitise pass: keep an allowlist of elements, attributes and URL schemes; remove active content.

Whatever a Markdown file or a blog's HTML carries, what leaves this pass is a small, valid subset of
XHTML: scripts, frames, forms and styles are removed with a warning; unknown and presentational
elements are unwrapped (their text kept); classes, styles and event handlers are dropped; and blocks
that the HTML parser left inside paragraphs are lifted out (see repair.py).
"""

from __future__ import annotations

import re

from reelpress.normalise import urls
from reelpress.normalise.repair import repair
from reelpress.util.xhtml import EPUB_TYPE, local, q, remove_keeping_tail

KEEP = frozenset("""
    p h1 h2 h3 h4 h5 h6 blockquote ul ol li dl dt dd pre hr figure figcaption div section aside
    table caption thead tbody tfoot tr th td colgroup col
    a em strong i u s del ins sub sup small mark abbr cite q code kbd samp var dfn time span br wbr img
    bdi bdo ruby rt rp
""".split())

#: Removed together with everything inside them.
REMOVE = frozenset("""
    script style iframe frame frameset object embed applet param form input button select option textarea
    noscript template canvas audio video source track link meta base head title dialog svg math portal
""".split())

#: Old or presentational elements with a semantic equivalent.
RENAME = {"b": "strong", "tt": "code", "strike": "s", "listing": "pre", "xmp": "pre", "plaintext": "pre"}

_GLOBAL = {"id", "title", "lang", "dir", "role", "aria-label", EPUB_TYPE}
ATTRIBUTES = {
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "ol": {"start", "reversed"}, "li": {"value"},
    "td": {"colspan", "rowspan", "headers", "class"}, "th": {"colspan", "rowspan", "headers", "scope", "class"},
    "col": {"span"}, "colgroup": {"span"}, "blockquote": {"cite"}, "q": {"cite"},
    "del": {"cite", "datetime"}, "ins": {"cite", "datetime"}, "time": {"datetime"},
}
ROLES = {"doc-noteref", "doc-endnotes", "doc-backlink", "doc-pullquote", "doc-epigraph", "note", "img",
         "presentation"}
EPUB_TYPES = {"noteref", "endnotes", "endnote", "backlink", "footnote", "footnotes", "pullquote", "epigraph"}
SAFE_SCHEMES = {"http", "https", "mailto"}
#: A table column's alignment (Markdown's `:--:`, or a style) as the class the book's style sheets align by:
#: EPUB's XHTML has no `align` attribute, and styles are not kept.
ALIGN_CLASSES = {"align-left", "align-center", "align-right"}
_TEXT_ALIGN = re.compile(r"(?:^|;)\s*text-align\s*:\s*(left|center|right)\b", re.I)
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


def run(body, ctx) -> None:
    _clean_elements(body, ctx)
    for element in body.iter():
        if element is not body:
            _clean_attributes(element, ctx)
    for link in list(body.iter(q("a"))):
        if not link.attrib:
            _unwrap(link)
    repair(body)


def _clean_elements(parent, ctx) -> None:
    """Depth first: a child's own content is cleaned before the child is kept, renamed or unwrapped."""
    for child in list(parent):
        name = local(child)
        if name in REMOVE or not name:
            if name:
                ctx.warn("RP030", f"removed <{name}> and its content: active or embedded content has no "
                         "place in a book", f"<{name}")
            remove_keeping_tail(child)
            continue
        _clean_elements(child, ctx)
        if name in RENAME:
            child.tag = q(RENAME[name])
        elif name not in KEEP:
            _unwrap(child)


def _clean_attributes(element, ctx) -> None:
    allowed = _GLOBAL | ATTRIBUTES.get(local(element), set())
    if "class" in allowed:
        _alignment_class(element)
    for key, value in list(element.attrib.items()):
        if key.startswith("on"):
            ctx.warn("RP030", f"removed event handler `{key}` from <{local(element)}>", f"{key}=")
            del element.attrib[key]
        elif key not in allowed or not _value_allowed(key, value):
            del element.attrib[key]
    href = element.get("href")
    if href is not None and not url_allowed(href):
        ctx.warn("RP031", f"removed unsafe link {href[:60]!r} (only http, https, mailto, #fragment and "
                 "relative links are kept)", href[:40])
        del element.attrib["href"]
    urls.check_link(element, ctx)
    cite = element.get("cite")
    if cite is not None and (not cite.lower().startswith(("http://", "https://")) or urls.repair(cite) is None):
        del element.attrib["cite"]  # a blockquote's source address: never shown, only kept when valid
    elif cite is not None:
        element.set("cite", urls.repair(cite))


def _alignment_class(cell) -> None:
    """`style="text-align: center"` or `align="center"` on a cell → `class="align-center"`."""
    found = _TEXT_ALIGN.search(cell.get("style", "")) or re.match(r"\s*(left|center|right)\s*$",
                                                                  cell.get("align", ""), re.I)
    if found:
        cell.set("class", f"align-{found[1].lower()}")
    elif "class" in cell.attrib:
        del cell.attrib["class"]


def _value_allowed(key: str, value: str) -> bool:
    if key == "class":
        return value in ALIGN_CLASSES
    if key == "role":
        return value in ROLES
    if key == EPUB_TYPE:
        return value in EPUB_TYPES
    if key == "dir":
        return value in ("ltr", "rtl", "auto")
    if key in ("width", "height", "colspan", "rowspan", "start", "span", "value"):
        return value.strip().isdigit()
    return True


def url_allowed(url: str) -> bool:
    """http(s), mailto, fragments and relative references; never javascript:, data:, file: …"""
    match = _SCHEME.match(url)
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    if cleaned.startswith(("javascript:", "vbscript:", "data:", "file:")):
        return False
    return match is None or match[1].lower() in SAFE_SCHEMES


def _unwrap(element) -> None:
    """Replace an element by its content, keeping text and tail in place."""
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    previous = element.getprevious()
    _append_text(previous, parent, element.text)
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last = children[-1] if children else previous
    _append_text(last, parent, element.tail)
    parent.remove(element)


def _append_text(previous, parent, text: str | None) -> None:
    if not text:
        return
    if previous is None:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
