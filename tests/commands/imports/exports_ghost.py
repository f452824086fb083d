"""A Ghost export made by the tests: Ghost 5's JSON structure (html, Lexical, Mobiledoc), original text."""

from __future__ import annotations

import json

G = "__GHOST_URL__"
CLOSE_UP = f"""<p>Kiarostami films a real trial of a man who pretended to be a film director, and then
<em>restages</em> it with everyone playing themselves. See also <a href="{G}/the-river/">my piece on The River</a>.</p>
<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{G}/content/images/2023/02/bike.jpg"
class="kg-image" alt="Two men on a motorbike" loading="lazy" width="1200" height="800"><figcaption>The ride home,
with flowers.</figcaption></figure>
<figure class="kg-card kg-gallery-card kg-width-wide"><div class="kg-gallery-container"><div class="kg-gallery-row">
<div class="kg-gallery-image"><img src="{G}/content/images/2023/02/court.jpg" width="600" height="400" loading="lazy"
alt="The courtroom"></div><div class="kg-gallery-image"><img src="{G}/content/images/2023/02/street.jpg"
width="600" height="400" loading="lazy" alt="A Tehran street"></div></div></div><figcaption>Stills from the
trial and the street.</figcaption></figure>
<figure class="kg-card kg-embed-card kg-card-hascaption"><iframe width="200" height="113"
src="https://www.youtube.com/embed/Kk1Ll2Mm3Nn?feature=oembed" frameborder="0" allowfullscreen
title="Close-Up trailer"></iframe><figcaption>The trailer</figcaption></figure>
<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://example.org/kiarostami-interview">
<div class="kg-bookmark-content"><div class="kg-bookmark-title">Kiarostami on truth and lies</div>
<div class="kg-bookmark-description">A long interview from the year the film came out.</div>
<div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="https://example.org/favicon.ico" alt="">
<span class="kg-bookmark-author">Example Review</span><span class="kg-bookmark-publisher">J. Doe</span></div></div>
<div class="kg-bookmark-thumbnail"><img src="https://example.org/thumb.jpg" alt=""></div></a></figure>
<div class="kg-card kg-callout-card kg-callout-card-grey"><div class="kg-callout-emoji">💡</div>
<div class="kg-callout-text">The real Sabzian is in every scene.</div></div>
<div class="kg-card kg-toggle-card" data-kg-toggle-state="close"><div class="kg-toggle-heading">
<h4 class="kg-toggle-heading-text">Does the sound cut out on purpose?</h4><button class="kg-toggle-card-icon">
<svg id="Regular" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M23.25,7.311"></path></svg>
</button></div><div class="kg-toggle-content"><p>Yes: the microphone was "broken" by design.</p></div></div>
<div class="kg-card kg-button-card kg-align-center"><a href="https://example.org/tickets" class="kg-btn kg-btn-accent">Screening
tickets</a></div>
<div class="kg-card kg-header-card kg-width-full kg-size-small kg-style-dark" data-kg-background-image="">
<h2 class="kg-header-card-header">After the film</h2><h3 class="kg-header-card-subheader">What the men did
next</h3><a href="https://example.org/after" class="kg-header-card-button">Read on</a></div>
<div class="kg-card kg-audio-card"><img src="" alt="audio-thumbnail" class="kg-audio-thumbnail kg-audio-hide">
<div class="kg-audio-player-container"><audio src="{G}/content/media/2023/02/notes.mp3" preload="metadata"></audio>
<div class="kg-audio-title">Voice notes from the screening</div><div class="kg-audio-player"><button
class="kg-audio-play-icon"><svg viewBox="0 0 24 24"><path d="M23.14"></path></svg></button><span
class="kg-audio-current-time">0:00</span><div class="kg-audio-time">/<span class="kg-audio-duration">3:12</span>
</div><button class="kg-audio-playback-rate">1×</button></div></div></div>
<figure class="kg-card kg-video-card kg-card-hascaption"><div class="kg-video-container"><video
src="{G}/content/media/2023/02/clip.mp4" poster="https://img.spacergif.org/v1/640x360/0a/spacer.png" width="640"
height="360" playsinline preload="metadata"></video><div class="kg-video-overlay"><button
class="kg-video-large-play-icon"><svg viewBox="0 0 24 24"><path d="M23.14"></path></svg></button></div>
<div class="kg-video-player-container"><div class="kg-video-player"><span class="kg-video-current-time">0:00</span>
</div></div></div><figcaption>The motorbike scene</figcaption></figure>
<div class="kg-card kg-file-card"><a class="kg-file-card-container" href="{G}/content/files/2023/02/notes.pdf"
title="Download" download><div class="kg-file-card-contents"><div class="kg-file-card-title">Screening notes</div>
<div class="kg-file-card-caption">Two pages</div><div class="kg-file-card-metadata"><div
class="kg-file-card-filename">notes.pdf</div><div class="kg-file-card-filesize">52 KB</div></div></div>
<div class="kg-file-card-icon"><svg viewBox="0 0 24 24"><path d="M1"></path></svg></div></a></div>
<p>It is the best film about wanting to be someone else.</p>"""

RIVER = {"root": {"type": "root", "children": [
    {"type": "paragraph", "children": [
        {"type": "text", "text": "Renoir's India is seen through a girl who wants to be a ", "format": 0},
        {"type": "text", "text": "writer", "format": 2}, {"type": "text", "text": ".", "format": 0}]},
    {"type": "heading", "tag": "h2", "children": [{"type": "text", "text": "Colour", "format": 0}]},
    {"type": "list", "listType": "bullet", "children": [
        {"type": "listitem", "children": [{"type": "text", "text": "the kites", "format": 1}]},
        {"type": "listitem", "children": [{"type": "text", "text": "the festival of lights", "format": 0}]}]},
    {"type": "quote", "children": [{"type": "text", "text": "The river runs, the round world spins.",
                                    "format": 0}]},
    {"type": "image", "src": f"{G}/content/images/2023/03/river.jpg", "altText": "Boats on the Hooghly",
     "caption": "Boats at dawn"},
    {"type": "paywall"},
    {"type": "paragraph", "children": [{"type": "text", "text": "For members: more on the ", "format": 0},
                                       {"type": "link", "url": "https://example.org/technicolor", "children": [
                                           {"type": "text", "text": "Technicolor", "format": 0}]}]},
]}}

JEANNE = {"version": "0.3.1", "atoms": [["soft-return", "", {}]], "markups": [["em"], ["a", ["href", "https://example.org/akerman"]]],
          "cards": [["markdown", {"markdown": "Three days, in **real time**:\n\n1. potatoes\n2. the bath"}],
                    ["hr", {}]],
          "sections": [[1, "p", [[0, [], 0, "Akerman keeps the camera still while Jeanne peels "],
                                 [0, [0], 1, "every"], [0, [], 0, " potato."], [1, [], 0, 0],
                                 [0, [1], 1, "More on Akerman"]]],
                       [10, 0], [10, 1], [3, "ul", [[[0, [], 0, "the shoes"]], [[0, [], 0, "the coffee"]]]]]}


def _post(id, title, slug, status="published", type="post", html=None, lexical=None, mobiledoc=None,
          published="2023-02-10T09:00:00.000Z"):
    return {"id": id, "uuid": f"uuid-{id}", "title": title, "slug": slug, "html": html, "status": status,
            "type": type, "lexical": json.dumps(lexical) if isinstance(lexical, dict) else lexical,
            "mobiledoc": json.dumps(mobiledoc) if mobiledoc else None, "visibility": "public",
            "created_at": published, "updated_at": published, "published_at": published,
            "custom_excerpt": None, "canonical_url": None, "feature_image": None}


def ghost_json(posts: list | None = None) -> bytes:
    posts = posts if posts is not None else [
        _post("p1", "Close-Up", "close-up", html=CLOSE_UP, published="2023-02-10T09:00:00.000Z") | {
            "feature_image": f"{G}/content/images/2023/02/poster.jpg"},
        _post("p2", "The River", "the-river", lexical=RIVER, published="2023-03-01T09:00:00.000Z"),
        _post("p3", "Jeanne Dielman", "jeanne-dielman", mobiledoc=JEANNE, published="2021-06-01T09:00:00.000Z"),
        _post("p4", "Notes on Taste of Cherry", "taste-of-cherry", status="draft", html="<p>Later.</p>",
              published=None),
        _post("p5", "About", "about", type="page", html="<p>About me.</p>"),
        _post("p6", "Newsletter #12", "newsletter-12", status="sent", html="<p>Hello subscribers.</p>"),
        _post("p7", "Broken", "broken", lexical="{not json"),
    ]
    data = {"posts": posts,
            "tags": [{"id": "t1", "name": "Film", "slug": "film"}, {"id": "t2", "name": "#featured", "slug":
                                                                   "hash-featured"},
                     {"id": "t3", "name": "Iran", "slug": "iran"}],
            "posts_tags": [{"post_id": "p1", "tag_id": "t1", "sort_order": 0},
                           {"post_id": "p1", "tag_id": "t2", "sort_order": 1},
                           {"post_id": "p1", "tag_id": "t3", "sort_order": 2},
                           {"post_id": "p2", "tag_id": "t1", "sort_order": 0}],
            "posts_meta": [{"id": "m1", "post_id": "p1", "feature_image_alt": "The film's poster",
                            "feature_image_caption": "<em>Nema-ye Nazdik</em>, 1990"}],
            "users": [{"id": "u1", "name": "Ada Linden", "slug": "ada"}],
            "posts_authors": [{"post_id": p, "author_id": "u1", "sort_order": 0} for p in ("p1", "p2", "p3")]}
    return json.dumps({"db": [{"meta": {"exported_on": 1700000000000, "version": "5.74.0"}, "data": data}]},
                      ensure_ascii=False).encode("utf-8")
