"""Medium's "Download your information" zip → posts.

Posts are `posts/YYYY-MM-DD_<Slug>-<hexid>.html` (drafts: `posts/draft_<Slug>-<hexid>.html`); the
rest of the archive (profile, claps, lists …) is ignored. Each post is an `article.h-entry`: title in
`h1.p-name`, subtitle in `section[data-field=subtitle]`, body in `section[data-field=body]`, and a
footer with the author, `time.dt-published` and `a.p-canonical`. The body repeats the title and
subtitle (`h3.graf--title`, `h4.graf--subtitle`) and wraps everything in section/div layers.

Medium puts responses (comments on other people's posts) in the same folder with no flag. A response
is recognised by Medium's own signals, never by its length: "in response to" markup (an
`in-reply-to` / `inResponseTo` link, or a leading "In response to …" line), or the shape of a
response page (no title or subtitle graf, no subtitle, and a title that is the text of
its first paragraph, which is how Medium names a response). A short capsule review with a title is a post.

Code blocks (`pre.graf--pre`) keep their exact text: Medium separates lines with `<br>`, and the
newlines and indentation of a pretty-printed export are layout, not code; the language
(`data-code-block-lang`) is kept for the Markdown fence.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path, PurePosixPath

from lxml import etree

from reelpress.errors import fail
from reelpress.importers import ledger
from reelpress.importers.archive import read_archive
from reelpress.importers.cleanup import link_paragraph, replace_block, url_key
from reelpress.importers.pages import parse_page, parse_part
from reelpress.model import Post
from reelpress.xhtml import local, q, slugify, text_of

_NAME = re.compile(r"^(?:(?P<draft>draft)_|(?P<date>\d{4}-\d{2}-\d{2})_)(?P<slug>.*?)-(?P<id>[0-9a-f]{6,16})\.html$")
_IN_RESPONSE = re.compile(r"^\s*in (response|reply) to\b", re.IGNORECASE)


def posts(source: Path, drafts: bool = False, **_options) -> list[Post]:
    archive = read_archive(source, lambda name: name.startswith("posts/") and name.endswith(".html"))
    if "posts.csv" in archive.names and not any(_NAME.match(PurePosixPath(n).name) for n in archive.files):
        fail(source, "RP078", "this is a Substack export (it has posts.csv): use `reelpress import substack`")
    found = []
    for name in sorted(archive.files):
        match = _NAME.match(PurePosixPath(name).name)
        post = read_post(archive.files[name], f"{source.name}:{name}", match)
        if match and match["draft"] and not drafts:
            post.skip = "draft (use --drafts to import drafts)"
        found.append(post)
    return found


def read_post(data: bytes, origin: str, name_match) -> Post:
    warnings: list[str] = []
    page = parse_page(data, Path(origin), warnings, exports=False)
    title = _text(page, "//h1[contains(@class, 'p-name')]") or _text(page, "//title") or "Untitled"
    body_html = "".join(etree.tostring(child, encoding="unicode", method="html")
                        for child in page.xpath("//section[@data-field='body']"))
    body = parse_part(body_html, Path(origin))
    book: list = []
    has_title = _strip_chrome(body, book)
    _code_blocks(body)
    canonical = _attr(page, "//a[contains(@class, 'p-canonical')]/@href")
    post_id = name_match["id"] if name_match else None
    post = Post(origin=origin, title=title, body=body, slug=slugify(title, "untitled"),
                subtitle=_text(page, "//section[@data-field='subtitle']"), source_url=canonical,
                published=_date(_attr(page, "//time[contains(@class, 'dt-published')]/@datetime")),
                author=_text(page, "//a[contains(@class, 'p-author')]"), removed=book, warnings=warnings,
                keys=frozenset(k for k in (url_key(canonical or ""), post_id and f"medium:{post_id}") if k))
    if post.published is None and name_match and name_match["date"]:
        post.published = _date(name_match["date"])
        post.warnings.append(f"RP077 the page has no publication date; {name_match['date']} is taken from "
                             "the file name")
    if why := response_signal(page, body, title, has_title or bool(post.subtitle)):
        post.skip = f"a response to another post ({why})"
    return post


def response_signal(page, body, title: str, titled: bool) -> str | None:
    """Why this page is a response to someone else's post, by Medium's own signals; None for a post."""
    if page.xpath("//*[contains(@class, 'in-reply-to') or contains(@class, 'inResponseTo')]"):
        return "marked as in response to another post"
    first = next((e for e in body.iter() if local(e) in ("p", "h3", "h4") and text_of(e)), None)
    if first is not None and _IN_RESPONSE.match(text_of(first)):
        return f"it begins {text_of(first)[:40]!r}"
    if not titled and first is not None and _named_by_its_text(title, text_of(first)):
        return "no title or subtitle, and its title is its first paragraph, as Medium names responses"
    return None


def _named_by_its_text(title: str, paragraph: str) -> bool:
    """Medium titles a response with its first paragraph, cut with "…" when long. A post that merely
    begins with its title ("Paris, Texas is …") does not match: the whole paragraph must be the title."""
    named, text = _words(title), _words(paragraph)
    if title.rstrip().endswith(("…", "...")):  # cut, perhaps inside a word
        return len(named) >= 3 and text[:len(named) - 1] == named[:-1] and len(text) >= len(named) \
            and text[len(named) - 1].startswith(named[-1])
    return bool(named) and text == named


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def link_keys(url: str) -> set[str]:
    """Keys a link to a Medium post can match: its URL, and the post id at the end of its path."""
    keys = {url_key(url)}
    if match := re.search(r"(?:-|/p/)([0-9a-f]{8,16})/?$", url.split("?")[0]):
        keys.add(f"medium:{match[1]}")
    return keys


def _strip_chrome(body, book: list) -> bool:
    """Remove Medium's wrappers and repeated title; True if the body had its own title heading."""
    has_title = False
    for element in list(body.iter()):
        classes = set((element.get("class") or "").split())
        if element.getparent() is None:
            continue
        if classes & {"graf--title", "graf--subtitle"}:
            has_title = has_title or "graf--title" in classes
            ledger.drop(book, "repeated title" if "graf--title" in classes else "repeated subtitle", element)
        elif classes & {"section-divider"} and local(element) in ("div", "hr"):
            _unwrap_or_drop(element)
        elif "graf--mixtapeEmbed" in classes:
            _mixtape(element, book)
    first = True
    for section in list(body.iter(q("section"))):
        if "section--body" in (section.get("class") or ""):
            if not first:
                section.addprevious(etree.Element(q("hr")))  # Medium's section break
            first = False
    return has_title


def _mixtape(element, book: list) -> None:
    """A link card to another post → "See also: <title>, <description>" linking to the post."""
    link = element.find(f".//{q('a')}")
    if link is None or not link.get("href"):
        ledger.drop(book, "link card without a link", element)
        return
    title, description = link.find(f".//{q('strong')}"), link.find(f".//{q('em')}")
    paragraph = link_paragraph("See also", link.get("href"), text_of(title) if title is not None else None)
    if description is not None and text_of(description):
        paragraph[-1].tail = f" ({text_of(description)})"
    replace_block(element, paragraph, book, "link card")


def _code_blocks(body) -> None:
    """`pre.graf--pre` → `<pre><code class="language-…">` with the code's exact text. Older posts
    (no `graf--preV2`) give each line of a block its own `pre`, marked `graf-after--pre`: one block."""
    texts = {}
    for pre in list(body.iter(q("pre"))):
        previous = pre.getprevious()
        if _old_style(pre) and "graf-after--pre" in (pre.get("class") or "") and previous is not None \
                and previous in texts and _old_style(previous) and not (previous.tail or "").strip():
            texts[previous] += "\n" + code_text(pre)
            pre.getparent().remove(pre)
        else:
            texts[pre] = code_text(pre)
    for pre, text in texts.items():
        language = (pre.get("data-code-block-lang") or "").strip()
        code = etree.Element(q("code"))
        if re.fullmatch(r"[\w+#.-]{1,30}", language):
            code.set("class", f"language-{language}")
        code.text = text
        for child in list(pre):
            pre.remove(child)
        pre.text = None
        pre.append(code)


def _old_style(pre) -> bool:
    classes = (pre.get("class") or "").split()
    return "graf--pre" in classes and "graf--preV2" not in classes


def code_text(pre) -> str:
    """The code in a Medium `pre`: `<br>` is a line break; source newlines and layout indent are not."""
    has_breaks = any(local(e) == "br" for e in pre.iter())
    pieces: list[str] = []

    def walk(element) -> None:
        pieces.append(_layout(element.text or "", has_breaks))
        for child in element:
            if local(child) == "br":
                pieces.append("\n")
            else:
                walk(child)
            pieces.append(_layout(child.tail or "", has_breaks))

    walk(pre)
    text = "".join(pieces)
    if not has_breaks and (text.startswith("\n") or re.search(r"\n[ \t]*$", text)):
        text = textwrap.dedent(text.strip("\n").rstrip())  # pretty-printed: the indent is the page's
    return text.strip("\n")


def _layout(text: str, has_breaks: bool) -> str:
    """Where lines are `<br>`-separated, a source newline and the indent after it are layout."""
    return re.sub(r"\n[ \t]*", "", text) if has_breaks else text


def _unwrap_or_drop(element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _text(page, xpath: str) -> str | None:
    found = page.xpath(xpath)
    text = " ".join(found[0].text_content().split()) if found else ""
    return text or None


def _attr(page, xpath: str) -> str | None:
    found = page.xpath(xpath)
    return str(found[0]).strip() if found else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date() if value else None
    except ValueError:
        return None
