"""The bytes of a saved page → text lxml.html can parse, whatever the page declares.

A saved page may be XHTML with `<?xml version="1.0" encoding="UTF-8"?>` (lxml refuses a Unicode
string that still carries an encoding declaration), declare another charset in its XML declaration
or `<meta>`, start with a byte order mark, or use XML's self-closing tags (`<div/>`, `<a id="x"/>`),
which an HTML parser reads as open tags that swallow what follows. Well-formed XHTML is therefore
parsed as XML (entities off, no DTD, no network) and written out again as HTML. A file that is an
export rather than a page (WordPress, Blogger, a Medium or Substack zip) is refused by name.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from reelpress.errors import fail
from reelpress.util.xhtml import parse_html_document, parse_html_fragment

_XML_DECLARATION = re.compile(rb"^\s*<\?xml\b[^>]*?\?>", re.IGNORECASE)
_DECLARED = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""", re.IGNORECASE)
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
XHTML_NS = "http://www.w3.org/1999/xhtml"


def parse_page(data: bytes, path: Path, warnings: list[str], exports: bool = True):
    """A whole page as an lxml.html tree, however it is encoded; an export given by mistake is refused."""
    if exports:
        refuse_exports(data, path)
    text = page_text(data, path, warnings)
    try:
        return parse_html_document(text, path)
    except (etree.ParserError, ValueError):  # lxml: "Document is empty" for `<?`, a lone comment …
        return parse_html_document("<html></html>", path)


def parse_part(text: str, path: Path):
    """An HTML fragment (a Substack post) as an XHTML `<div>`; an XML declaration in it is dropped."""
    text = re.sub(r"^\s*<\?xml\b[^>]*?\?>", "", _CONTROL.sub("", text))
    try:
        return parse_html_fragment(text, path)
    except (etree.ParserError, ValueError):
        return parse_html_fragment("", path)


def page_text(data: bytes, path: Path, warnings: list[str]) -> str:
    """Decode a page by its BOM, XML declaration or `<meta charset>`; well-formed XHTML → HTML text."""
    encoding, data = _encoding(data, warnings)
    try:
        text = data.decode(encoding, "replace")
    except LookupError:
        warnings.append(f"RP010 the page declares an unknown charset {encoding!r}; read as UTF-8")
        text = data.decode("utf-8", "replace")
    text = _CONTROL.sub("", text)
    declaration = re.match(r"^\s*<\?xml\b[^>]*?\?>", text)
    if declaration or text.lstrip().startswith(("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML", "<html xmlns=")):
        return _xhtml_as_html(text[declaration.end():] if declaration else text)
    return text


def _encoding(data: bytes, warnings: list[str]) -> tuple[str, bytes]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom):]
    declaration = _XML_DECLARATION.match(data)
    declared = _DECLARED.search(declaration.group()) if declaration else None
    declared = declared or _META.search(data[:4096])
    if declared:
        name = declared[1].decode("ascii").lower()
        try:
            return codecs.lookup(name).name, data
        except LookupError:
            warnings.append(f"RP010 the page declares an unknown charset {name!r}; read as UTF-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        warnings.append("RP010 the page declares no charset and is not UTF-8; read as Windows-1252")
        return "cp1252", data
    return "utf-8", data


def _xhtml_as_html(text: str) -> str:
    """Parse well-formed XHTML as XML and serialise it as HTML; anything else is left to the HTML parser."""
    if re.search(r"<!DOCTYPE[^>\[]*\[", text[:4096], re.IGNORECASE):
        return re.sub(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", "", text, count=1, flags=re.DOTALL)  # no internal subset
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return text
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.rsplit("}", 1)[1]
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="unicode", method="html")


def refuse_exports(data: bytes, path: Path) -> None:
    """An export given to `import html` by mistake: say what it is and which importer reads it."""
    head = data[:4096].lower()
    if data.startswith(b"PK\x03\x04"):
        fail(path, "RP078", "this is a zip archive, not a saved page: a Medium export is read with "
                            "`reelpress import medium`, a Substack export with `reelpress import substack`, "
                            "a Letterboxd export with `reelpress import letterboxd`")
    if b"<rss" in head and b"wordpress.org/export" in head:
        fail(path, "RP078", "this is a WordPress export (WXR), not a saved page: read it with "
                            "`reelpress import wordpress`")
    if b"<feed" in head and b"blogger" in head:
        fail(path, "RP078", "this is a Blogger export (an Atom feed), not a saved page: read it with "
                            "`reelpress import blogger`")
    if re.match(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!--.*?-->\s*)*<(rss|feed)\b", head, re.DOTALL):
        fail(path, "RP078", "this is a news feed (RSS or Atom), not a saved page: save each post's page from "
                            "the browser and give those to `reelpress import html`")
