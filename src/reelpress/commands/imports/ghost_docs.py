"""A Ghost post stored only as a Lexical (Ghost 5) or Mobiledoc (Ghost 4) document → HTML.

Exports normally carry `html` beside the document; some (a post never rendered, a partial export) do
not. The document is then converted here: paragraphs, headings, quotes, lists, links, bold and
italic, line breaks, rules, images (alt, caption), markdown and HTML cards, embeds and bookmarks as
link lines. A node of any other kind is dropped and listed in the report by its type. Nesting is
capped (a hostile document cannot recurse without end), and a document that is not the JSON it
should be makes the post reported, not imported.
"""

from __future__ import annotations

import html
import json

import markdown as python_markdown

from reelpress.commands.imports.ledger import Entry

MAX_DEPTH = 50
FORMATS = ((1, "strong"), (2, "em"), (8, "u"), (4, "s"), (16, "code"))
E = html.escape


def document_html(kind: str, text: str, book: list) -> str | None:
    try:
        document = json.loads(text)
        return _lexical(document["root"], book, 0) if kind == "lexical" else _mobiledoc(document, book)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None


def _lexical(node: dict, book: list, depth: int) -> str:
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    kind = node.get("type")
    inner = "".join(_lexical(child, book, depth + 1) for child in node.get("children") or [])
    if kind == "root":
        return inner
    if kind == "text":
        text = E(str(node.get("text", "")))
        for bit, tag in FORMATS:
            if int(node.get("format") or 0) & bit:
                text = f"<{tag}>{text}</{tag}>"
        return text
    simple = {"paragraph": "p", "quote": "blockquote", "listitem": "li", "aside": "blockquote"}
    if kind in simple:
        return f"<{simple[kind]}>{inner}</{simple[kind]}>"
    if kind in ("heading", "extended-heading"):
        tag = node.get("tag") if node.get("tag") in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        return f"<{tag}>{inner}</{tag}>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" else "ul"
        return f"<{tag}>{inner}</{tag}>"
    return _lexical_card(kind, node, inner, book)


def _lexical_card(kind, node: dict, inner: str, book: list) -> str:
    if kind in ("link", "autolink"):
        return f'<a href="{E(str(node.get("url", "")))}">{inner}</a>'
    if kind == "linebreak":
        return "<br/>"
    if kind == "horizontalrule":
        return "<hr/>"
    if kind == "image":
        return _figure(node.get("src"), node.get("altText") or node.get("alt"), node.get("caption"))
    if kind == "markdown":
        return python_markdown.markdown(str(node.get("markdown", "")))
    if kind == "html":
        return str(node.get("html", ""))
    if kind in ("embed", "bookmark"):
        url = str(node.get("url", ""))
        title = (node.get("metadata") or {}).get("title") if kind == "bookmark" else None
        label = "Link" if kind == "bookmark" else "Embed"
        book.append(Entry("replaced", kind, "", f"{label}: {title or url}"))
        return f'<p>{label}: <a href="{E(url)}">{E(str(title or url))}</a></p>'
    book.append(Entry("dropped", f"Lexical {str(kind)[:30]} node", html.unescape(_strip(inner))))
    return ""


def _figure(src, alt, caption) -> str:
    caption = f"<figcaption>{caption}</figcaption>" if isinstance(caption, str) and caption.strip() else ""
    return f'<figure><img src="{E(str(src or ""))}" alt="{E(str(alt or ""))}"/>{caption}</figure>'


def _strip(text: str) -> str:
    import re
    return re.sub(r"<[^>]+>", " ", text)


def _mobiledoc(document: dict, book: list) -> str:
    markups = [(m[0], dict(zip(m[1][::2], m[1][1::2])) if len(m) > 1 else {}) for m in document.get("markups", [])]
    cards = document.get("cards", [])
    out = []
    for section in document.get("sections", []):
        if section[0] == 1:
            tag = section[1].lower() if section[1].lower() in ("p", "h1", "h2", "h3", "h4", "h5", "h6",
                                                              "blockquote", "aside") else "p"
            tag = "blockquote" if tag == "aside" else tag
            out.append(f"<{tag}>{_markers(section[2], markups)}</{tag}>")
        elif section[0] == 3:
            tag = "ol" if section[1] == "ol" else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_markers(item, markups)}</li>" for item in section[2])
                       + f"</{tag}>")
        elif section[0] == 10:
            out.append(_mobiledoc_card(*cards[section[1]], book))
    return "".join(out)


def _markers(markers: list, markups: list) -> str:
    out, open_tags = [], []
    for marker in markers:
        kind, opens, closes, value = marker
        for index in opens:
            tag, attrs = markups[index]
            tag = tag.lower() if tag.lower() in ("a", "strong", "em", "b", "i", "u", "s", "code", "sup", "sub") \
                else "span"
            href = f' href="{E(str(attrs.get("href", "")))}"' if tag == "a" else ""
            out.append(f"<{tag}{href}>")
            open_tags.append(tag)
        out.append(E(str(value)) if kind == 0 else "<br/>")  # an atom: Ghost 4 writes soft returns so
        for _ in range(int(closes)):
            out.append(f"</{open_tags.pop()}>")
    return "".join(out + [f"</{tag}>" for tag in reversed(open_tags)])


def _mobiledoc_card(name: str, payload: dict, book: list) -> str:
    node = {"markdown": {"type": "markdown", "markdown": payload.get("markdown")},
            "card-markdown": {"type": "markdown", "markdown": payload.get("markdown")},
            "html": {"type": "html", "html": payload.get("html")},
            "image": {"type": "image", "src": payload.get("src"), "altText": payload.get("alt"),
                      "caption": payload.get("caption")},
            "hr": {"type": "horizontalrule"},
            "embed": {"type": "embed", "url": payload.get("url")},
            "bookmark": {"type": "bookmark", "url": payload.get("url"), "metadata": payload.get("metadata")},
            }.get(name, {"type": name})
    return _lexical_card(node["type"], node, "", book)
