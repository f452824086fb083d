"""Hypothesis strategies that write review bodies from the grammars of Markdown and HTML: nested lists
and quotes, tables, code, raw HTML, entities, odd addresses — what critics and their blogs produce,
and what they produce by mistake. Used by test_fuzz_build.py."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = st.sampled_from(["film", "Vertigo", "the", "shot", "’70s", "rock ’n’ roll", "café", "naïve", "ü", "東京",
                         "a", "1958", "#1", "#MeToo", "--", "...", "\"quoted\"", "it's", "x*y", "_under_", "&",
                         "<", ">", "\\", "`", "~", "|", "[", "]", "(", ")", "!", "*", "+", "-", "1.", "2)"])
URLS = st.sampled_from([
    "https://example.com/", "https://example.com/a b", "https://../", "http://exa mple.com",
    "https://foo.bar/baz bim", "https://example.com/%zz", "www.example.org", "mailto:a@example.com",
    "javascript:alert(1)", "data:text/html,x", "irc://foo.bar", "", " ", "<>", "https://[::1]/",
    "https://ex.com/é?q=a b#f g", "made-up-scheme://x", "/absolute/path", "relative page.html",
    "https://example.com/\\[\\", "http://1.2.3.4:99999/", "https://-bad-.com/", "https://a..b/",
])
ENTITIES = st.sampled_from(["&amp;", "&copy;", "&nbsp;", "&#35;", "&#x22;", "&#0;", "&#87654321;", "&bogus;",
                            "&ouml;", "&#xD800;", "&", "&#;"])


def words(size: int = 6):
    return st.lists(WORDS, min_size=1, max_size=size).map(" ".join)


def md_inline():
    """A line of Markdown text: words with emphasis, code, links, autolinks, breaks, raw tags, entities."""
    piece = st.one_of(
        words(),
        words(3).map(lambda w: f"*{w}*"), words(3).map(lambda w: f"**{w}**"), words(3).map(lambda w: f"_{w}_"),
        words(3).map(lambda w: f"~~{w}~~"), words(2).map(lambda w: f"`{w}`"),
        st.tuples(words(2), URLS).map(lambda t: f"[{t[0]}]({t[1]})"),
        st.tuples(words(2), URLS).map(lambda t: f"[{t[0]}](<{t[1]}>)"),
        URLS.map(lambda u: f"<{u}>"), URLS, ENTITIES,
        st.sampled_from(["\\\n", "  \n", "<em>", "</em>", "<span>", "<p>", "</p>", "<pre>", "<br>", "<b>x</b>",
                         "<foo.bar.baz>", "<localhost:5001/foo>", "<!-- c -->", "<div>", "</div>", "<td>"]),
    )
    return st.lists(piece, min_size=1, max_size=6).map(" ".join)


def md_block(depth: int = 0):
    """One Markdown block; lists and quotes nest up to two levels."""
    leaves = [
        md_inline(),
        st.tuples(st.sampled_from(["#", "##", "###", "#", "####"]), st.sampled_from(["", " ", "  "]),
                  st.one_of(md_inline(), st.just(""))).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
        st.tuples(md_inline(), st.sampled_from(["===", "---"])).map("\n".join),
        st.sampled_from(["---", "***", "- - -", "___"]),
        st.lists(words(3), min_size=1, max_size=3).map(lambda ls: "```\n" + "\n".join(ls) + "\n```"),
        st.lists(words(3), min_size=1, max_size=3).map(lambda ls: "\n".join("    " + x for x in ls)),
        _table(), html_block(),
    ]
    if depth >= 2:
        return st.one_of(leaves)
    inner = st.deferred(lambda: md_block(depth + 1))
    return st.one_of(*leaves, _md_list(inner), inner.map(lambda b: "\n".join("> " + x for x in b.split("\n"))),
                     st.tuples(md_inline(), _md_list(inner)).map("\n".join))  # a list right after a paragraph


def _md_list(inner):
    marker = st.sampled_from(["-", "*", "+", "1.", "2.", "1)", "003."])
    indent = st.sampled_from([2, 3, 4])
    item = st.tuples(marker, md_inline(), st.one_of(st.none(), inner), indent)

    def render(items):
        lines = []
        for mark, text, child, pad in items:
            lines.append(f"{mark} {text}")
            if child is not None:
                lines.extend(" " * pad + x if x else "" for x in child.split("\n"))
        return "\n".join(lines)
    return st.lists(item, min_size=1, max_size=4).map(render)


def _table():
    align = st.sampled_from(["---", ":--", ":-:", "--:"])
    return st.tuples(st.integers(1, 3).flatmap(lambda n: st.tuples(
        st.lists(words(2), min_size=n, max_size=n), st.lists(align, min_size=n, max_size=n),
        st.lists(st.lists(md_inline(), min_size=n, max_size=n), min_size=0, max_size=3)))).map(
        lambda t: "\n".join(["| " + " | ".join(t[0][0]) + " |", "|" + "|".join(t[0][1]) + "|"]
                            + ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in t[0][2]]))


ELEMENTS = st.sampled_from(["p", "div", "pre", "em", "strong", "span", "ul", "ol", "li", "table", "tr", "td", "th",
                            "blockquote", "h1", "h3", "a", "code", "i", "b", "font", "section", "dl", "dt", "dd",
                            "caption", "figure", "figcaption", "script", "style", "q", "sup", "unknown-thing"])


def html(depth: int = 0):
    """An HTML fragment: nested elements with text, entities, attributes (some of them odd), unclosed tags."""
    text = st.one_of(words(), ENTITIES)
    if depth >= 3:
        return text

    def element(parts):
        name, attrs, children, closed = parts
        return f"<{name}{attrs}>{''.join(children)}" + (f"</{name}>" if closed else "")
    attrs = st.one_of(st.just(""), URLS.map(lambda u: f' href="{u}"'), st.just(' style="text-align: center"'),
                      st.just(' id="same"'), st.just(' class="x" onclick="alert(1)"'), st.just(' align="right"'))
    return st.one_of(text, st.tuples(ELEMENTS, attrs, st.lists(st.deferred(lambda: html(depth + 1)), max_size=3),
                                     st.booleans()).map(element))


def html_block():
    return st.lists(html(), min_size=1, max_size=3).map("".join)


def markdown_body():
    return st.lists(md_block(), min_size=1, max_size=6).map("\n\n".join)


def html_body():
    return st.one_of(html_block(), st.lists(html_block(), min_size=1, max_size=4).map("\n".join),
                     st.sampled_from(["<!DOCTYPE html>", "<!-- only a comment -->", "  \n "]))
