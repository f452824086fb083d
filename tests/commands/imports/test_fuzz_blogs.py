"""The WordPress, Blogger, Ghost and Letterboxd importers' fuzz harnesses in the suite: any bytes,
any post content, any JSON value, any CSV cell ends in posts or in an RP diagnostic, never a traceback."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from exports import make_zip
from exports_blogs import REVIEW_COLUMNS, _csv, blogger_backup, blogger_entry, item, letterboxd_zip, wxr
from exports_ghost import _post, ghost_json
from reelpress.errors import InputError
from reelpress.commands.imports import blogger, ghost, letterboxd, wordpress
from test_pages import run_cleaning

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SNIPPETS = st.sampled_from([
    "[caption]", "[caption id=x]<img src=//a>[/caption]", "[gallery ids=\"1,,x\"]", "[embed][/embed]", "[video]",
    "[audio src=ftp://x]", "[youtube=]", "[[x]]", "[a]b[/a][/a]", "<!-- wp:embed -->", "<!-- wp:x {\"a\":{} /-->",
    "<!-- /wp:gallery -->", '<!-- wp:block {"ref":105} /-->', '<!-- wp:block {"ref": [} /-->', '<figure class="wp-block-gallery"><figcaption>c</figcaption></figure>',
    '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper"></div></figure>', "<pre>\n\n</pre>",
    "https://youtu.be/x\n", '<table class="tr-caption-container"><tr><td><img></td></tr></table>', "<audio>",
    '<div class="kg-card kg-toggle-card"></div>', '<figure class="kg-card kg-embed-card"></figure>',
    '<div class="kg-card kg-header-card"><a class="kg-header-card-button">x</a></div>', "\x00", "]]>", "&amp;"])
CONTENT = st.lists(st.one_of(SNIPPETS, st.text(max_size=40)), max_size=8).map("".join)


def _read(read) -> None:
    try:
        for post in read():
            run_cleaning(post)
    except InputError as error:
        assert all(d.code.startswith("RP") for d in error.diagnostics)


def _prefixes(data: bytes):
    return st.integers(0, len(data)).map(lambda n: data[:n])


@FUZZ
@given(st.one_of(st.binary(max_size=300), _prefixes(wxr()),
                 st.tuples(CONTENT, st.text(max_size=20), st.text(max_size=20), st.text(max_size=25)).map(
                     lambda t: wxr(item(1, "T", t[0].replace("]]>", ""), t[3] or "x", "n", t[1] or "x",
                                        t[2] or "x")))))
def test_any_wxr_is_posts_or_a_clean_error(tmp_path, data):
    path = tmp_path / "export.xml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "replace"))
    _read(lambda: wordpress.posts(path, drafts=True, pages=True))


@FUZZ
@given(st.one_of(st.binary(max_size=300), _prefixes(blogger_backup()),
                 st.tuples(CONTENT, st.sampled_from(["post", "comment", "page", "x", ""])).map(
                     lambda t: blogger_backup().replace(b"</feed>", blogger_entry(
                         9, t[1], "T", t[0].replace("&", "&amp;").replace("<", "&lt;")).encode() + b"</feed>"))))
def test_any_atom_is_posts_or_a_clean_error(tmp_path, data):
    path = tmp_path / "blog.xml"
    path.write_bytes(data)
    _read(lambda: blogger.posts(path, drafts=True, site_url="https://x.blogspot.com"))


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
NODES = st.recursive(st.fixed_dictionaries({"type": st.sampled_from(["text", "linebreak", "image", "markdown",
                                                                      "embed", "paywall", "link", "html"]),
                                            "text": st.text(max_size=10), "url": st.text(max_size=10)}),
                     lambda inner: st.fixed_dictionaries({
                         "type": st.sampled_from(["paragraph", "heading", "list", "quote", "listitem"]),
                         "children": st.lists(inner, max_size=3), "tag": st.sampled_from(["h2", "h9", "script"])}),
                     max_leaves=12)


@FUZZ
@given(st.one_of(st.binary(max_size=200), _prefixes(ghost_json()),
                 JSON.map(lambda v: json.dumps({"db": [{"data": {"posts": [v], "tags": v, "posts_tags": v}}]})),
                 st.tuples(CONTENT, NODES, JSON).map(lambda t: ghost_json([
                     _post("a", "A", "a", html=t[0]), _post("b", "B", "b", lexical={"root": {"type": "root",
                                                                                         "children": [t[1]]}}),
                     _post("c", "C", "c", mobiledoc={"sections": t[2]} if isinstance(t[2], list) else t[2])]))))
def test_any_ghost_json_is_posts_or_a_clean_error(tmp_path, data):
    path = tmp_path / "ghost.json"
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    _read(lambda: ghost.posts(path, drafts=True))


@FUZZ
@given(st.one_of(st.binary(max_size=300), _prefixes(letterboxd_zip()),
                 st.lists(st.lists(st.one_of(st.text(max_size=15), CONTENT), min_size=0, max_size=10), max_size=4).map(
                     lambda rows: make_zip({"reviews.csv": _csv(REVIEW_COLUMNS, rows), "diary.csv": _csv(
                         REVIEW_COLUMNS[:4], rows)}))))
def test_any_letterboxd_export_is_reviews_or_a_clean_error(tmp_path, data):
    path = tmp_path / "letterboxd.zip"
    path.write_bytes(data)
    _read(lambda: letterboxd.posts(path))
    csv_path = tmp_path / "reviews.csv"
    csv_path.write_bytes(data)
    _read(lambda: letterboxd.posts(csv_path))
