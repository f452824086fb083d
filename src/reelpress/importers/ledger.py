"""What an import did to a post's content: every element dropped or replaced, with the text involved.

The rule is "nothing silently lost": an element of a post is kept, replaced by a line that says what
it was (with its link), or dropped and listed in the import report with its kind. Every importer step
that takes text out of a post goes through `drop` or `replace` here, so the report can say "dropped
subscribe form 1×, replaced tweet 2×", and a test can check that the words of the post equal the
words of the built chapter minus what left and plus what the replacement lines added.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reelpress.xhtml import remove_keeping_tail

#: Text in these elements is never shown by a browser: it is not a word of the post.
INVISIBLE = ("script", "style", "template", "noscript", "svg", "head", "title", "meta", "link")
#: Elements a browser sets apart from the text around them (so "one<ul><li>two" is two words).
BLOCKS = frozenset("""p div li ul ol h1 h2 h3 h4 h5 h6 table tr td th blockquote figure figcaption pre section
                      article aside header footer nav br hr dl dt dd main""".split())


@dataclass(frozen=True)
class Entry:
    """One change: `action` is "dropped" or "replaced"; `removed`/`added` is the text that left/came."""

    action: str
    kind: str
    removed: str = ""
    added: str = ""


Ledger = list  # of Entry, in the order the changes were made


def visible_text(element) -> str:
    """The text of `element` a reader would see (script, style, svg … left out), whitespace collapsed."""
    parts: list[str] = []
    _collect(element, parts, top=True)
    return " ".join("".join(parts).split())


def _collect(element, parts: list[str], top: bool = False) -> None:
    name = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
    if name and name not in INVISIBLE:
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1].lower() in BLOCKS:
                parts.append(" ")
            _collect(child, parts)
    if name in BLOCKS:
        parts.append(" ")
    if not top:
        parts.append(element.tail or "")


def attached(element, body) -> bool:
    """Is `element` still in `body` (not inside something already dropped or replaced)?"""
    while element is not None and element is not body:
        element = element.getparent()
    return element is body


def drop(ledger: Ledger, kind: str, element, text: str | None = None) -> None:
    """Remove `element` (keeping its tail) and record it; `text` overrides what is recorded as lost."""
    ledger.append(Entry("dropped", kind, visible_text(element) if text is None else text))
    remove_keeping_tail(element)


def note_drop(ledger: Ledger, kind: str, text: str) -> None:
    """Record text that a step removed by itself (boilerplate, a repeated title)."""
    ledger.append(Entry("dropped", kind, text))


def replace(ledger: Ledger, kind: str, element, replacement) -> None:
    """Put `replacement` where `element` stands (keeping the tail) and record both texts."""
    ledger.append(Entry("replaced", kind, visible_text(element), visible_text(replacement)))
    parent = element.getparent()
    if parent is None:
        return
    replacement.tail = element.tail
    parent.replace(element, replacement)


def counts(ledger: Ledger, action: str) -> dict[str, int]:
    """Kind → how many times, for one action, in the order kinds first appeared."""
    found: dict[str, int] = {}
    for entry in ledger:
        if entry.action == action:
            found[entry.kind] = found.get(entry.kind, 0) + 1
    return found


def summary(ledger: Ledger) -> str:
    """'dropped subscribe form 1×, share button 1×; replaced tweet 1×' (empty if nothing happened)."""
    parts = []
    for action in ("dropped", "replaced"):
        found = counts(ledger, action)
        if found:
            parts.append(f"{action} " + ", ".join(f"{kind} {count}×" for kind, count in found.items()))
    return "; ".join(parts)


def words(text: str) -> Counter:
    """The words of a text as a multiset (case and punctuation ignored: typography changes them)."""
    return Counter(re.findall(r"\w+", re.sub("[\u00ad\u200b-\u200d\u2060]", "", text.lower())))


def balance(ledger: Ledger) -> tuple[Counter, Counter]:
    """(words that left the post, words that replacement lines brought in)."""
    removed, added = Counter(), Counter()
    for entry in ledger:
        removed += words(entry.removed)
        added += words(entry.added)
    return removed, added
