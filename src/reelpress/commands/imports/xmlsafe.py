"""Reading an untrusted XML export (WordPress WXR, Blogger Atom) without letting it do anything.

The parser never expands entities, never loads a DTD and never touches the network
(`resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False`), and a document type
declaration that declares entities or points at an external DTD is refused by name before parsing:
that is how "billion laughs" and external-entity attacks are written. The file's size and its
number of entries are capped. Control characters that XML forbids (old exports carry them) are
removed first, so a blog's stray form feed does not make the whole export unreadable.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from reelpress.errors import fail

MAX_XML_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 50_000
_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?P<body>[^>\[]*)(?P<subset>\[)?", re.IGNORECASE)


def read_xml(path: Path, what: str):
    """The root element of the XML export at `path` (`what` names it in messages: "a WordPress export")."""
    try:
        size = path.stat().st_size
        if size > MAX_XML_BYTES:
            fail(path, "RP079", f"{size:,} bytes; the limit for {what} is {MAX_XML_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        fail(path, "RP070", f"cannot be read: {exc.strerror or exc}")
    return parse_xml(data, path, what)


def parse_xml(data: bytes, path: Path, what: str):
    refuse_declarations(data, path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(_FORBIDDEN.sub(b"", data), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
        fail(path, "RP079", f"not well-formed XML, so not {what}: {_message(exc)}", line)
    except ValueError as exc:  # lxml: e.g. "can only parse strings" for odd encodings
        fail(path, "RP079", f"not readable as XML: {exc}")
    if root is None:
        fail(path, "RP079", f"empty document, not {what}")
    return root


def refuse_declarations(data: bytes, path: Path) -> None:
    """Entity declarations and external DTDs are refused by name, whatever the parser would do."""
    head = data[:65536]
    doctype = _DOCTYPE.search(head)
    if re.search(rb"<!ENTITY\b", data, re.IGNORECASE):
        fail(path, "RP079", "the file declares XML entities (<!ENTITY …>); entity expansion is refused "
                            "(a real export never declares any)", _line(data, data.lower().find(b"<!entity")))
    if doctype and (doctype["subset"] or re.search(rb"\b(SYSTEM|PUBLIC)\b", doctype["body"])):
        fail(path, "RP079", "the file's <!DOCTYPE> has an internal subset or points at an external DTD; "
                            "both are refused (a real export has neither)", _line(data, doctype.start()))


def count_limit(path: Path, count: int, kind: str) -> None:
    if count > MAX_ENTRIES:
        fail(path, "RP079", f"{count:,} {kind}; the limit is {MAX_ENTRIES:,}")


def local(element) -> str:
    """An element's name without its namespace: exports mix WXR 1.0, 1.1 and 1.2 namespaces."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def child_text(element, name: str, strip: bool = True) -> str:
    """The text of the first child called `name` (any namespace), or ""."""
    for child in element:
        if local(child) == name:
            return (child.text or "").strip() if strip else child.text or ""
    return ""


def children(element, name: str) -> list:
    return [child for child in element if local(child) == name]


def _line(data: bytes, offset: int) -> int | None:
    return data.count(b"\n", 0, offset) + 1 if offset >= 0 else None


def _message(exc: etree.XMLSyntaxError) -> str:
    return re.sub(r",? line \d+, column \d+.*$", "", str(exc.msg or exc)).strip() or "syntax error"
