"""XHTML trees: parse untrusted HTML into namespaced XHTML, parse our own XHTML strictly, serialise.

Every body in reelpress is an element tree in the XHTML namespace. HTML from Markdown or a blog is
parsed with lxml's forgiving HTML parser, whose silent content loss (depth > 255, huge text nodes) is
turned into an error here; our own documents are parsed with a strict, entity-free XML parser.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import lxml.html
from lxml import etree

from reelpress.errors import fail
from reelpress.util.textfile import check_characters

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
NSMAP = {None: XHTML_NS, "epub": EPUB_NS}
EPUB_TYPE = f"{{{EPUB_NS}}}type"
NOTE_TYPE = "endnote"  # the epub:type of a note (readers/notes.py has the whole note markup)
NOTE_TYPES = (NOTE_TYPE, "footnote")  # read as notes: sources and older builds use `footnote`

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # what XML 1.0 does not allow


def q(tag: str) -> str:
    """The namespaced name of an XHTML element: q('p') == '{http://www.w3.org/1999/xhtml}p'."""
    return f"{{{XHTML_NS}}}{tag}"


def local(element) -> str:
    """An element's name without namespace ('' for comments and processing instructions)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def container() -> etree._Element:
    """An empty `<div>` to hold a body's block content."""
    return etree.Element(q("div"), nsmap=NSMAP)


def html_parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True,
                                default_doctype=False)


def parse_html_fragment(html: str, path: Path, first_line: int = 1) -> etree._Element:
    """Parse an HTML fragment into an XHTML `<div>`; content the parser would drop is an error."""
    check_characters(html, path, first_line)
    parser = html_parser()
    out = container()
    try:
        root = lxml.html.fragment_fromstring(html or "", create_parent="div", parser=parser)
    except etree.ParserError:  # "Document is empty": nothing but a doctype, comments or whitespace
        return out
    _refuse_losses(parser, path, first_line)
    _copy_children(root, out)
    return out


def parse_html_document(html: str, path: Path):
    """A whole HTML page (an export's post, a saved page) as an lxml.html tree; lost content is an error."""
    check_characters(html, path)
    parser = html_parser()
    page = lxml.html.document_fromstring(html or "<html></html>", parser=parser)
    _refuse_losses(parser, path, 1)
    return page


def _refuse_losses(parser, path: Path, first_line: int) -> None:
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            fail(path, "RP034", f"HTML parser gave up here and would lose content: {entry.message}",
                 first_line + max(entry.line, 1) - 1, entry.column or None)


def _copy_children(source, target) -> None:
    target.text = _xml_text(source.text)
    for child in source:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions
        name = child.tag.lower()
        element = etree.SubElement(target, q(name if _NAME.match(name) else "rp-unknown"))
        for key, value in child.attrib.items():
            key = key.lower()
            if _NAME.match(key):
                element.set(key, _xml_text(value))
        _copy_children(child, element)
        element.tail = _xml_text(child.tail)


def _xml_text(value: str | None) -> str | None:
    return _NOT_XML_CHAR.sub("", value) if value else value


def strict_parser() -> etree.XMLParser:
    """An XML parser that never resolves entities, loads DTDs or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xhtml(source: str | bytes, what: str = "generated document") -> etree._Element:
    """Parse XHTML that reelpress produced; failure is a bug in a template, reported as such."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    try:
        return etree.fromstring(source, strict_parser())
    except etree.XMLSyntaxError as exc:
        fail(what, "RP051", f"not well-formed XHTML (a template bug): {exc}")


def inner_xhtml(element) -> str:
    """The children of `element` (with its text) as an XHTML string, for splicing into a template."""
    parts = [_escape(element.text or "")]
    parts.extend(etree.tostring(child, encoding="unicode") for child in element)
    return "".join(parts)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tidy(root) -> None:
    """Move namespace declarations to the root, so spliced fragments do not repeat them."""
    etree.cleanup_namespaces(root, top_nsmap=NSMAP)


def to_xhtml_bytes(root) -> bytes:
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE html>")


def to_html_string(root) -> str:
    """Serialise an XHTML tree as HTML5 for WeasyPrint, which parses HTML, not XML.

    Namespaces go (WeasyPrint's HTML5 parser would misread `<a id="x"/>`), `epub:type` becomes
    `data-epub-type` so print CSS can still select on it.
    """
    root = _strip_namespaces(root)
    return lxml.html.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def _strip_namespaces(root):
    copy = lxml.html.Element(local(root))
    _copy_plain(root, copy)
    return copy


def _copy_plain(source, target) -> None:
    for key, value in source.attrib.items():
        name = etree.QName(key)
        if name.namespace == EPUB_NS:
            target.set(f"data-epub-{name.localname}", value)
        elif name.namespace is None:
            target.set(key, value)
        elif key == "{http://www.w3.org/XML/1998/namespace}lang" and "lang" not in source.attrib:
            target.set("lang", value)
    target.text = source.text
    for child in source:
        if not isinstance(child.tag, str):
            continue
        element = lxml.html.Element(local(child))
        target.append(element)
        _copy_plain(child, element)
        element.tail = child.tail


def remove_keeping_tail(element) -> None:
    """Remove `element`, keeping the text that follows it (its tail) where it was. A whitespace-only
    tail is dropped when the text before already ends in whitespace, so removed blocks leave no
    piles of blank lines, while words either side of a removed inline element stay apart."""
    parent = element.getparent()
    if parent is None:
        return
    previous = element.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    tail = element.tail or ""
    if tail and (tail.strip() or not before or not before[-1].isspace()):
        if previous is None:
            parent.text = before + tail
        else:
            previous.tail = before + tail
    parent.remove(element)


def word_count(element) -> int:
    """Words in the element's text (runs of non-space characters)."""
    return len(" ".join(element.itertext()).split())


def text_of(element) -> str:
    """The element's text with whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def slugify(value: str, fallback: str = "") -> str:
    """ASCII, lower case, hyphen-separated: 'Tokyo Story (1953)' → 'tokyo-story-1953'."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or fallback
