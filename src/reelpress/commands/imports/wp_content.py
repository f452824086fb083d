"""A WordPress post's content as WordPress shows it: blocks, shortcodes, oEmbed lines and wpautop.

What is stored in a WXR export is not what a reader saw. WordPress turns a classic post's blank lines
into paragraphs and its single newlines into line breaks (wpautop), expands shortcodes, turns a
known video or post address alone on its line into a player (oEmbed), and, for a block-editor post,
stores HTML between `<!-- wp:name {…} -->` comments. This module makes that text into the HTML a
reader saw, with what a book cannot show (players, galleries by id) as figures or link lines:

- block comments go; a reusable block is replaced by its content (stored once in the export as a
  `wp_block` item); dynamic blocks (stored as a self-closing comment, drawn by the site at view
  time: latest posts, archives …) have no text in the export and are listed as dropped;
- `[caption]` → a figure with its caption; `[gallery]` → a figure per image (from the export's
  attachments); `[embed]`, `[video]`, `[audio]`, `[youtube]` and a bare oEmbed address → a link line;
- any other shortcode (`[spoiler]…[/spoiler]`, `[footnote]`) is removed and listed, the text it
  encloses kept. Brackets that are not a shortcode (`[sic]`, `[1]`) are text: WordPress shows them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from reelpress.commands.imports.cleanup import video_url
from reelpress.commands.imports.ledger import Entry, Ledger

BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z][a-z0-9_/-]*)(\s+\{.*?\})?\s*(/?)-->", re.S)
OTHER_COMMENT = re.compile(r"<!--(more|nextpage|noteaser)\b.*?-->", re.S)
SHORTCODE = re.compile(r"\[(\[?)([a-zA-Z][\w-]*)([\s=][^\]]*?)?(/?)\](?:(.*?)\[/\2\])?(\]?)", re.S)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)"""
                       r"""|"([^"]*)"|(\S+)""")
KNOWN = ("caption", "wp_caption", "gallery", "embed", "video", "audio", "youtube")
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com", "wordpress.tv", "tiktok.com",
               "videopress.com")
AUDIO_HOSTS = ("soundcloud.com", "spotify.com", "mixcloud.com", "bandcamp.com")
POST_HOSTS = ("twitter.com", "x.com", "instagram.com", "facebook.com", "tumblr.com", "threads.net",
              "bsky.app", "flickr.com", "imgur.com")
OEMBED_LINE = re.compile(r"^[ \t]*(https?://(?:www\.|m\.)?(?:" + "|".join(
    re.escape(h) for h in VIDEO_HOSTS + AUDIO_HOSTS + POST_HOSTS) + r")/[^\s<>\"]*)[ \t]*$", re.M)
AUTOP_BLOCKS = ("table|thead|tfoot|caption|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
                "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|"
                "header|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio")

Attachments = Callable[[list[str]], list[tuple[str, str]]]  # ids ([] = the post's own) → (url, caption)


REUSABLE = re.compile(r"<!--\s*wp:(?:core/)?block\s+(\{.*?\})\s*/-->", re.S)


def render(content: str, book: Ledger, attachments: Attachments, reusable: dict | None = None) -> str:
    """The stored content → the HTML WordPress would show (shortcodes and oEmbed lines handled)."""
    blocks = bool(BLOCK_COMMENT.search(content))
    content = REUSABLE.sub(lambda m: _reusable(m[1], reusable or {}, book), content)
    content = _block_comments(content, book)
    content = OTHER_COMMENT.sub("", content)
    if not blocks:  # the block editor stores a pasted address as an embed block, with its markup
        content = OEMBED_LINE.sub(lambda m: _oembed_line(m[1], book), content)
    content = SHORTCODE.sub(lambda m: _shortcode(m, book, attachments), content)
    return content if blocks else wpautop(content)


def _block_comments(content: str, book: Ledger) -> str:
    def one(match: re.Match) -> str:
        if match[4]:  # self-closing: a dynamic block, drawn by the site, nothing of it in the export
            book.append(Entry("dropped", f"dynamic block {match[2].removeprefix('core/')}"))
        return "\n\n"
    return BLOCK_COMMENT.sub(one, content)


def _reusable(attributes: str, reusable: dict, book: Ledger) -> str:
    """A reusable block (a "pattern") is stored once, as its own item; a post holds only its id."""
    try:
        ref = str(json.loads(attributes).get("ref"))
    except (ValueError, AttributeError):
        ref = ""
    if ref not in reusable:
        book.append(Entry("dropped", "reusable block (not in the export)"))
        return "\n\n"
    text = reusable[ref]
    shown = re.sub(r"<[^>]+>", " ", BLOCK_COMMENT.sub(" ", text))
    book.append(Entry("replaced", "reusable block", "", html.unescape(shown)))
    return "\n\n" + REUSABLE.sub("", text) + "\n\n"


def _oembed_line(url: str, book: Ledger) -> str:
    label, target = link_label(url)
    book.append(Entry("replaced", "embed", url, f"{label}: {target}"))
    return "\n\n" + link_line(label, target) + "\n\n"


def link_label(url: str) -> tuple[str, str]:
    """("Video", watch page) for a player's address, "Audio", "Post" or "Embed" otherwise."""
    host = re.sub(r"^(www|m|player)\.", "", re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0])
    if any(host == h or host.endswith("." + h) for h in VIDEO_HOSTS):
        return "Video", video_url(url)
    if any(host == h or host.endswith("." + h) for h in AUDIO_HOSTS):
        return "Audio", url
    if any(host == h or host.endswith("." + h) for h in POST_HOSTS):
        return "Post", url
    return "Embed", url


def link_line(label: str, url: str, text: str | None = None) -> str:
    return f'<p>{label}: <a href="{html.escape(url)}">{html.escape(text or url)}</a></p>'


def attributes(text: str) -> tuple[dict[str, str], list[str]]:
    named, positional = {}, []
    for match in ATTRIBUTE.finditer(html.unescape(text or "").lstrip("=").strip()):
        if match[1] or match[3] or match[5]:
            named[(match[1] or match[3] or match[5]).lower()] = match[2] if match[1] else (
                match[4] if match[3] else match[6])
        else:
            positional.append(match[7] if match[7] is not None else match[8])
    return named, positional


def _shortcode(match: re.Match, book: Ledger, attachments: Attachments) -> str:
    if match[1] and match[6]:  # [[name]]: WordPress's escape for a literal shortcode
        return match[0][1:-1]
    name, raw, closing, inner = match[2].lower(), match[3] or "", match[4], match[5]
    if name not in KNOWN and inner is None and "=" not in raw and not closing:
        return match[0]  # "[sic]", "[1]": brackets in the text, not a shortcode
    named, positional = attributes(raw)
    handler = HANDLERS.get(name)
    if handler is None:
        book.append(Entry("dropped", f"shortcode [{name}]"))
        return SHORTCODE.sub(lambda m: _shortcode(m, book, attachments), inner or "")
    return handler(named, positional, inner or "", book, attachments)


def _caption(named, positional, inner, book, attachments) -> str:
    image = re.search(r"<img\b[^>]*>", inner)
    caption = named.get("caption") or re.sub(r"<img\b[^>]*>|</?a\b[^>]*>", "", inner).strip()
    if image is None:
        return f"<p>{caption}</p>" if caption else ""
    return f"\n\n<figure>{image[0]}<figcaption>{caption}</figcaption></figure>\n\n"


def _gallery(named, positional, inner, book, attachments) -> str:
    ids = [i.strip() for i in named.get("ids", "").split(",") if i.strip()]
    images = attachments(ids)
    figures = "".join(f'<figure><img src="{html.escape(url)}" alt="{html.escape(caption)}"/>'
                      + (f"<figcaption>{html.escape(caption)}</figcaption>" if caption else "") + "</figure>"
                      for url, caption in images)
    added = " ".join(caption for _, caption in images)
    if not images:
        book.append(Entry("dropped", "gallery (its images are not in the export)"))
        return ""
    book.append(Entry("replaced", "gallery", "", added))
    return "\n\n" + figures + "\n\n"


def _player(label: str):
    def handler(named, positional, inner, book, attachments) -> str:
        keys = ("src", "url", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "flv")
        url = next((named[k] for k in keys if named.get(k)), None) or next(iter(positional), None) \
            or re.sub(r"<[^>]+>", "", inner).strip()
        if not url.startswith(("http://", "https://")):
            book.append(Entry("dropped", f"{label.lower()} without an address", re.sub(r"<[^>]+>", "", inner)))
            return ""
        found, target = link_label(url)
        found = label if found == "Embed" else found
        book.append(Entry("replaced", label.lower() if label != "Embed" else "embed",
                          re.sub(r"<[^>]+>", " ", inner), f"{found}: {target}"))
        return "\n\n" + link_line(found, target) + "\n\n"
    return handler


HANDLERS = {"caption": _caption, "wp_caption": _caption, "gallery": _gallery, "embed": _player("Embed"),
            "video": _player("Video"), "audio": _player("Audio"), "youtube": _player("Video")}


def wpautop(text: str) -> str:
    """WordPress's paragraph rule: a blank line ends a paragraph, a single newline is a line break;
    block elements stand on their own and `<pre>` is left exactly as it is."""
    kept: list[str] = []
    text = re.sub(r"<pre\b.*?</pre>", lambda m: kept.append(m[0]) or f"\x00{len(kept) - 1}\x00", text,
                  flags=re.S | re.I)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(rf"(<(?:{AUTOP_BLOCKS})[\s/>])", r"\n\n\1", text, flags=re.I)
    text = re.sub(rf"(</(?:{AUTOP_BLOCKS})>)", r"\1\n\n", text, flags=re.I)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if re.match(rf"^(</?(?:{AUTOP_BLOCKS})[\s/>]|\x00\d+\x00$)", chunk, re.I):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"[ \t]*\n[ \t]*", "<br />\n", chunk) + "</p>")
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], "\n".join(out))
