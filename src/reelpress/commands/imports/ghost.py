"""Ghost's export (Settings → Labs → Export, versions 4 and 5, JSON) → posts.

The file is `{"db": [{"meta": …, "data": {"posts": […], "tags": […], "posts_tags": […], "users": […],
"posts_authors": […]}}]}` (older exports without the `db` wrapper are read too). Published posts are
imported (drafts and scheduled posts with `--drafts`); pages and emails-only posts are not (counted).
The body is the `html` field when the export has one, else the Lexical or Mobiledoc document converted
(ghost_docs.py); a post with neither is reported. Links and images are written `__GHOST_URL__/…`:
`--site-url` says what that stands for, and links to other imported posts become links between
reviews either way. Ghost's cards follow the rule of every importer (ghost_cards.py). Tags become
`tags` (internal tags, `#like-this`, are Ghost's own machinery and are not).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from reelpress.errors import fail
from reelpress.commands.imports.cleanup import url_key
from reelpress.commands.imports.ghost_cards import replace_cards
from reelpress.commands.imports.ghost_docs import document_html
from reelpress.commands.imports.pages import parse_part
from reelpress.model import Post
from reelpress.util.xhtml import slugify

MAX_JSON_BYTES = 256 * 1024 * 1024
MAX_POSTS = 50_000
PLACEHOLDER = "__GHOST_URL__"
UNRESOLVED = "https://ghost-site.invalid"  # stands for the site when --site-url was not given


def posts(source: Path, drafts: bool = False, site_url: str | None = None, **_options) -> list[Post]:
    data = _data(source)
    site = (site_url or UNRESOLVED).rstrip("/")
    tags = {_key(t.get("id")): t for t in _list(data, "tags")}
    users = {_key(u.get("id")): u.get("name") for u in _list(data, "users")}
    post_tags, post_authors = _links(data, "posts_tags", "tag_id"), _links(data, "posts_authors", "author_id")
    meta = {_key(row.get("post_id")): row for row in _list(data, "posts_meta")}
    found, pages = [], 0
    for record in _list(data, "posts"):
        if record.get("type") == "page":
            pages += 1
            continue
        names = tuple(n for n in (tags.get(i, {}).get("name") for i in post_tags.get(_key(record.get("id")), []))
                      if isinstance(n, str) and n.strip() and not n.startswith("#"))
        author = next((users[a] for a in post_authors.get(_key(record.get("id")), [])
                       if isinstance(users.get(a), str)), None)
        record = {**record, "feature": feature(record, meta.get(_key(record.get("id")), {}))}
        found.append(_post(record, source, site, names, author, drafts, site_url is None))
    if pages:
        found.append(Post(origin=source.name, title=f"Pages ({pages})", body=parse_part("", source),
                          slug="not-a-post", skip="pages are not posts"))
    return found


def _data(source: Path) -> dict:
    try:
        if source.stat().st_size > MAX_JSON_BYTES:
            fail(source, "RP079", f"{source.stat().st_size:,} bytes; the limit for a Ghost export is "
                                  f"{MAX_JSON_BYTES:,}")
        document = json.loads(source.read_bytes().decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError) as exc:
        fail(source, "RP079", f"not readable as JSON, so not a Ghost export: {str(exc)[:120]}")
    except OSError as exc:
        fail(source, "RP070", f"cannot be read: {exc.strerror or exc}")
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("posts"), list):
        fail(source, "RP078", "not a Ghost export: no db[0].data.posts in the file")
    if len(data["posts"]) > MAX_POSTS:
        fail(source, "RP079", f"{len(data['posts']):,} posts; the limit is {MAX_POSTS:,}")
    return data


def _list(data: dict, name: str) -> list[dict]:
    value = data.get(name)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _links(data: dict, name: str, key: str) -> dict:
    found: dict = {}
    rows = sorted(_list(data, name), key=lambda r: r.get("sort_order") if isinstance(r.get("sort_order"), int) else 0)
    for row in rows:
        found.setdefault(_key(row.get("post_id")), []).append(_key(row.get(key)))
    return found


def _key(value) -> str | None:
    """An id as the export writes it (text or a number); anything else matches nothing."""
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _post(record: dict, source: Path, site: str, tags, author, drafts: bool, unresolved: bool) -> Post:
    slug = slugify(_text(record, "slug") or _text(record, "title"), "untitled")
    origin = f"{source.name}:post {_text(record, 'slug') or record.get('id')}"
    book: list = []
    html_text, problem = _body(record, book)
    body = parse_part((record["feature"] + html_text).replace(PLACEHOLDER, site), Path(origin))
    replace_cards(body, book)
    url = f"{site}/{slug}/"
    canonical = _text(record, "canonical_url")
    post = Post(origin=origin, title=_text(record, "title") or slug, body=body, slug=slug,
                published=_date(record.get("published_at")), subtitle=_text(record, "custom_excerpt") or None,
                source_url=None if unresolved else url, author=author, tags=tags, removed=book,
                keys=frozenset({url_key(url)} | ({url_key(canonical)} if canonical.startswith("http") else set())))
    if unresolved and PLACEHOLDER in html_text.replace(f"{PLACEHOLDER}/{_text(record, 'slug')}", ""):
        post.warnings.append("RP079 links or images written as __GHOST_URL__ cannot be resolved: give --site-url")
    post.skip = problem or _skip(record, drafts)
    return post


def feature(record: dict, meta: dict) -> str:
    """The post's feature image, shown above it on the site: a figure first, with its alt and caption
    (Ghost 5 keeps them in posts_meta, Ghost 4 on the post)."""
    src = record.get("feature_image")
    if not isinstance(src, str) or not src.strip():
        return ""
    alt, caption = (meta.get(key) or record.get(key) for key in ("feature_image_alt", "feature_image_caption"))
    caption = f"<figcaption>{caption}</figcaption>" if isinstance(caption, str) and caption.strip() else ""
    alt = html.escape(alt) if isinstance(alt, str) else ""
    return f'<figure><img src="{html.escape(src)}" alt="{alt}"/>{caption}</figure>'


def _body(record: dict, book: list) -> tuple[str, str | None]:
    if isinstance(record.get("html"), str) and record["html"].strip():
        return record["html"], None
    for key in ("lexical", "mobiledoc"):
        if isinstance(record.get(key), str) and record[key].strip():
            converted = document_html(key, record[key], book)
            if converted is not None:
                return converted, None
            return "", f"its {key} document could not be read, and the export has no html for it"
    return "", None


def _skip(record: dict, drafts: bool) -> str | None:
    status = record.get("status")
    if status == "sent":
        return "sent as an email only, never published on the site"
    if status in ("draft", "scheduled") and not drafts:
        return f"not published ({status}; use --drafts to import drafts)"
    if status not in ("published", "draft", "scheduled"):
        return f"status {str(status)[:20]!r} is not a published post"
    return None


def _date(value) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date() if isinstance(value, str) \
            else None
    except ValueError:
        return None
