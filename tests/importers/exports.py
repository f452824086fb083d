"""Export archives made by the tests: the structure Medium and Substack really use, original text."""

from __future__ import annotations

import csv
import io
import zipfile

MEDIUM_POST = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}</title><style>* {{ font-family: Georgia; }}</style></head><body>
<article class="h-entry">
<header><h1 class="p-name">{title}</h1></header>
<section data-field="subtitle" class="p-summary">{subtitle}</section>
<section data-field="body" class="e-content">
<section name="a1b2" class="section section--body section--first">
<div class="section-divider"><hr class="section-divider"></div>
<div class="section-content"><div class="section-inner sectionLayout--insetColumn">
{title_graf}
{body}
</div></div></section>
{second_section}
</section>
<footer><p>By <a href="https://medium.com/@adalinden" class="p-author h-card">Ada Linden</a> on
<a href="https://medium.com/p/{id}">{time}</a>.</p>{reply}
<p><a href="https://medium.com/@adalinden/{slug}-{id}" class="p-canonical">Canonical link</a></p>
<p>Exported from <a href="https://medium.com">Medium</a> on November 1, 2026.</p></footer>
<script>window.tracking = true;</script>
</article></body></html>"""

TITLE_GRAF = ('<h3 name="t1" id="t1" class="graf graf--h3 graf--leading graf--title">{title}</h3>'
              '<h4 name="t2" id="t2" class="graf graf--h4 graf-after--h3 graf--subtitle">{subtitle}</h4>')

SECOND_SECTION = """<section name="c3d4" class="section section--body section--last">
<div class="section-divider"><hr class="section-divider"></div>
<div class="section-content"><div class="section-inner sectionLayout--insetColumn">
<p name="p9" class="graf graf--p">After the break, the {film} question remains open.</p>
<p name="p10" class="graf graf--p">Thanks for reading!</p>
</div></div></section>"""

ZITHER_BODY = """<p name="p1" id="p1" class="graf graf--p graf-after--h4">The zither plays under almost every scene of
<em class="markup--em markup--p-em">The Third Man</em>, bright and wrong -- a cafe tune laid over ruins.</p>
<figure name="f1" id="f1" class="graf graf--figure graf-after--p"><img class="graf-image"
data-image-id="1*still.jpeg" data-width="1200" data-height="800"
src="https://cdn-images-1.medium.com/max/800/1*still.jpeg"><figcaption class="imageCaption">A wet street at
night, shot from a tilted camera.</figcaption></figure>
<h3 name="h1" id="h1" class="graf graf--h3 graf-after--figure">The wheel</h3>
<p name="p2" id="p2" class="graf graf--p">From the top of the wheel, people look like "dots". I said more about
cruelty in <a href="https://medium.com/@adalinden/the-quiet-masterpiece-0b1c2d3e4f50" data-href="x"
class="markup--anchor markup--p-anchor" rel="noopener" target="_blank">my Tokyo Story review</a>.</p>
<blockquote name="q1" class="graf graf--blockquote">In Italy, for thirty years, they had murder.</blockquote>
<figure name="v1" class="graf graf--iframe"><iframe src="https://www.youtube.com/embed/dQw4w9WgXc0?feature=oembed"
width="700" height="393" frameborder="0" scrolling="no"></iframe></figure>
<div name="m1" class="graf graf--mixtapeEmbed"><a href="https://medium.com/p/0b1c2d3e4f50"
class="markup--anchor markup--mixtapeEmbed-anchor"><strong class="markup--strong">The Quiet Masterpiece</strong><br>
<em class="markup--em">Ozu at floor level</em>medium.com</a><a href="https://medium.com/p/0b1c2d3e4f50"
class="js-mixtapeImage mixtapeImage" style="background-image: url(https://cdn.example/x.jpg)"></a></div>
<p name="p3" class="graf graf--p">Please like, subscribe and comment.</p>"""

TOKYO_BODY = """<p name="p1" class="graf graf--p">An old couple visit their busy children in Tokyo. Nobody is cruel;
everybody is <strong class="markup--strong">occupied</strong>. The camera sits low and watches.</p>
<p name="p2" class="graf graf--p">Noriko, the widowed daughter-in-law, is the only one with time for them.</p>"""

RESPONSE_BODY = ('<p name="r1" class="graf graf--p graf--leading graf--trailing">Great piece, I agree about the '
                 'ending!</p>')


CAPSULE_BODY = """<figure name="f1" class="graf graf--figure graf--leading"><img class="graf-image"
data-image-id="1*desert.jpeg" src="https://cdn-images-1.medium.com/max/800/1*desert.jpeg" alt=""><figcaption
class="imageCaption">Travis walks out of the desert in a red cap.</figcaption></figure>
<p name="p1" class="graf graf--p">Wenders films Texas like a foreigner who loves it. The peep-show scene is
the film: two people talking through glass, one of them unable to see the other.</p>"""

CODE_BODY = """<p name="p1" class="graf graf--p">I watch screeners on a laptop with no desktop. The setup, for
anyone who asked:</p>
<pre name="c1" data-code-block-mode="2" spellcheck="false" data-code-block-lang="bash"
class="graf graf--pre graf-after--p graf--preV2"><span class="pre--content">
      sudo apt-get update
      sudo apt-get install mpv
        # two spaces more here, and they stay
</span></pre>
<pre name="c2" class="graf graf--pre graf-after--pre">mpv --sub-file=subs.srt film.mkv<br>  --fullscreen</pre>
<p name="p2" class="graf graf--p">Then the film, and nothing else on the screen. An older post of mine
has the same thing, one line to a block:</p>
<pre name="o1" class="graf graf--pre graf-after--p">mkdir -p ~/screeners</pre><pre name="o2"
class="graf graf--pre graf-after--pre">cd ~/screeners</pre>
<pre name="o3" class="graf graf--pre graf-after--pre">    ls -l</pre>"""

REPLY_BODY = """<p name="r1" class="graf graf--p graf--leading">You are right that the ending is earned, but
the middle hour drags more than you allow. I would cut the second party scene.</p>"""

UNDATED_BODY = """<p name="p1" class="graf graf--p">Seven Samurai is three hours long and never once slack.
Kurosawa stages the rain battle so that every fighter is always where you can find him.</p>"""


def medium_post(title, subtitle, body, post_id, date, film="film", response=False, dated=True, reply=""):
    slug = title.replace(" ", "-")
    time = f'<time class="dt-published" datetime="{date}T09:30:00.000Z">{date}</time>' if dated else "here"
    reply_markup = (f'\n<p>In reply to <a class="u-in-reply-to" href="{reply}">a post</a>.</p>' if reply else "")
    return MEDIUM_POST.format(title=title, subtitle=subtitle, body=body, id=post_id, date=date, slug=slug,
                              title_graf="" if response else TITLE_GRAF.format(title=title, subtitle=subtitle),
                              second_section="" if response else SECOND_SECTION.format(film=film),
                              time=time, reply=reply_markup)


def medium_zip(extra: dict[str, bytes] | None = None) -> bytes:
    files = {
        "README.html": "<p>Your Medium data</p>",
        "profile/profile.html": "<h1>Ada Linden</h1>",
        "claps/claps.html": "<ul><li>a clap</li></ul>",
        "posts/2019-02-11_The-Zither-and-the-Sewer-9a8b7c6d5e4f.html":
            medium_post("The Zither and the Sewer", "On The Third Man", ZITHER_BODY, "9a8b7c6d5e4f", "2019-02-11",
                        "Third Man"),
        "posts/2019-09-08_The-Quiet-Masterpiece-0b1c2d3e4f50.html":
            medium_post("The Quiet Masterpiece", "Ozu at floor level", TOKYO_BODY, "0b1c2d3e4f50", "2019-09-08",
                        "Tokyo Story"),
        "posts/2019-10-01_Great-piece-I-agree-about-the-ending-1122334455aa.html":
            medium_post("Great piece, I agree about the ending!", "", RESPONSE_BODY, "1122334455aa", "2019-10-01",
                        response=True),
        "posts/draft_Unfinished-Thoughts-on-Stalker-ffeeddccbbaa.html":
            medium_post("Unfinished Thoughts on Stalker", "", "<p class='graf graf--p'>Notes for later.</p>",
                        "ffeeddccbbaa", "2020-01-01", "Stalker"),
        # a capsule review: no title graf, a few words, an image whose alt is empty but captioned
        "posts/2020-03-02_Paris-Texas-aa11bb22cc33.html":
            medium_post("Paris, Texas", "A capsule", CAPSULE_BODY, "aa11bb22cc33", "2020-03-02", response=True),
        "posts/2020-04-05_How-I-Watch-Screeners-dd44ee55ff66.html":
            medium_post("How I Watch Screeners", "", CODE_BODY, "dd44ee55ff66", "2020-04-05", "screener"),
        # a response marked as one, long enough and with a title that is not its first words
        "posts/2020-05-06_A-reply-on-the-middle-hour-778899aabbcc.html":
            medium_post("A reply on the middle hour", "", REPLY_BODY, "778899aabbcc", "2020-05-06",
                        response=True, reply="https://medium.com/@someone/the-long-goodbye-0f0e0d0c0b0a"),
        # a page without a date: the file name has one
        "posts/2020-06-07_Seven-Samurai-in-the-Rain-1a2b3c4d5e6f.html":
            medium_post("Seven Samurai in the Rain", "", UNDATED_BODY, "1a2b3c4d5e6f", "2020-06-07",
                        response=True, dated=False),
    }
    return make_zip({**{k: v.encode() for k, v in files.items()}, **(extra or {})})


SUBSTACK_ROWS = [
    # post_id, post_date, is_published, email_sent_at, inbox_sent_at, type, audience, title, subtitle, podcast_url
    ("101.the-longest-cut", "2021-05-03T08:00:00.000Z", "true", "", "", "newsletter", "everyone",
     "The Longest Cut", "Kubrick &amp; the bone", ""),
    ("102.listening-in-the-dark", "2021-08-21T08:00:00.000Z", "true", "", "", "newsletter", "only_paid",
     "Listening in the Dark", "", ""),
    ("103.half-written", "2021-09-01T08:00:00.000Z", "false", "", "", "newsletter", "everyone",
     "Half Written", "", ""),
    ("104.episode-one", "2021-09-02T08:00:00.000Z", "true", "", "", "podcast", "everyone",
     "Episode One", "", "https://example.com/ep1.mp3"),
    ("105.open-thread", "2021-09-03T08:00:00.000Z", "true", "", "", "thread", "everyone", "Open Thread", "", ""),
    ("106.a-festival-notebook", "2021-10-04T08:00:00.000Z", "true", "", "", "newsletter", "everyone",
     "A Festival Notebook", "Everything Substack can embed", ""),
    ("107.notes-by-hand", "2021-10-05T08:00:00.000Z", "true", "", "", "newsletter", "everyone",
     "Notes by Hand", "", ""),
]

LONGEST_CUT = """<p>A bone spins into the air and becomes a satellite.<a class="footnote-anchor"
data-component-name="FootnoteAnchorToDOM" id="footnote-anchor-1" href="#footnote-1" target="_self">1</a> Kubrick
never explains himself.</p>
<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" target="_blank"
href="https://substackcdn.com/image/fetch/w_1456/bone.png"><div class="image2-inset"><picture><source
type="image/webp" srcset="https://substackcdn.com/image/fetch/w_424/bone.webp 424w"><img
src="https://substack-post-media.s3.amazonaws.com/public/images/bone.png" width="1200" height="800"
data-attrs="{&quot;src&quot;:&quot;x&quot;}" class="sizing-normal" alt="A drawing of a bone in mid-air" loading="lazy">
</picture><div class="image-link-expand"><div class="pencraft pc-display-flex"><button class="pencraft">
<svg xmlns="http://www.w3.org/2000/svg" width="20"><path d="M1 1"></path></svg></button></div></div></div></a>
<figcaption class="image-caption">Four million years in one cut.</figcaption></figure></div>
<p class="button-wrapper" data-attrs="{&quot;url&quot;:&quot;https://acritic.substack.com/subscribe?&quot;,&quot;text&quot;:&quot;Subscribe now&quot;}"
data-component-name="ButtonCreateButton"><a class="button primary" href="https://acritic.substack.com/subscribe?">
<span>Subscribe now</span></a></p>
<p>HAL never raises his voice. See also <a href="https://acritic.substack.com/p/listening-in-the-dark">my piece
on listening</a>.</p>
<div id="youtube2-abc" class="youtube-wrap" data-attrs="{&quot;videoId&quot;:&quot;Z2UWOeBcsJI&quot;}"
data-component-name="Youtube2ToDOM"><div class="youtube-inner"><iframe
src="https://www.youtube-nocookie.com/embed/Z2UWOeBcsJI?rel=0&amp;autoplay=0" frameborder="0" loading="lazy"
allowfullscreen="true" width="728" height="409"></iframe></div></div>
<div class="subscription-widget-wrap-editor" data-attrs="{}" data-component-name="SubscribeWidgetToDOM"><div
class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading
Paranoia and Wonder! Subscribe for free to receive new posts and support my work.</p></div><form
class="subscription-widget-subscribe"><input type="email" class="email-input" name="email"
placeholder="Type your email…"><input type="submit" class="button primary" value="Subscribe"></form></div></div>
<div class="footnote" data-component-name="FootnoteToDOM"><a id="footnote-1" href="#footnote-anchor-1"
class="footnote-number" contenteditable="false" target="_self">1</a><div class="footnote-content"><p>The cut
skips more history than any other in cinema.</p></div></div>
<p class="button-wrapper" data-attrs="{&quot;text&quot;:&quot;Share&quot;}" data-component-name="ButtonCreateButton">
<a class="button primary" href="https://acritic.substack.com/p/the-longest-cut?action=share"><span>Share</span></a></p>"""

LISTENING = """<p>Harry Caul records a couple in Union Square and cleans the tape until one sentence
emerges.</p><div class="paywall-jump" data-component-name="PaywallToDOM"></div><p>What he hears depends on
one stressed word.</p><div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://twitter.com/someone/status/1&quot;}">
<a class="tweet-link-top" href="https://twitter.com/someone/status/1">tweet</a></div>"""


def _attrs(value: dict) -> str:
    import html
    import json
    return html.escape(json.dumps(value), quote=True)


LATEX = {"persistentExpression": r"t = 3 \times 52 + 7", "id": "QX1"}

NOTEBOOK = f"""<h2 class="header-anchor-post"><strong>Day one</strong></h2>
<p>The festival opened with a film nobody had heard of. <span class="mention-wrap" data-attrs="{_attrs(
    {"name": "Mara Quist", "id": 4242, "type": "user", "url": None, "photo_url": None})}"
data-component-name="MentionToDOM"></span> programmed it, and said so twice.</p>
<div class="tweet" data-attrs="{_attrs({"url": "https://twitter.com/festivalwire/status/139", "full_text":
    "Lights down in the main hall.", "username": "festivalwire", "name": "Festival Wire",
    "date": "2021-05-03T19:02:00.000Z"})}" data-component-name="Twitter2ToDOM"><a class="tweet-link-top"
href="https://twitter.com/festivalwire/status/139" target="_blank"><div class="tweet-header"><img
class="tweet-header-avatar" src="https://substackcdn.com/image/twitter_name/w_96/festivalwire.jpg"
alt="Twitter avatar for @festivalwire" loading="lazy"><div class="tweet-header-text"><span
class="tweet-author-name">Festival Wire </span><span class="tweet-author-handle">@festivalwire</span></div>
</div></a><div class="tweet-text">Lights down<br>in the main hall.</div><a class="tweet-link-bottom"
href="https://twitter.com/festivalwire/status/139"><div class="tweet-footer"><span class="tweet-date">7:02 PM
∙ May 3, 2021</span></div></a></div>
<div class="image-gallery-embed" data-attrs="{_attrs({"gallery": {"images": [
    {"type": "image/jpeg", "src": "https://substack-post-media.s3.amazonaws.com/public/images/hall.jpeg"},
    {"type": "image/jpeg", "src": "https://substack-post-media.s3.amazonaws.com/public/images/queue.jpeg"}],
    "caption": "The hall and the queue outside it.", "alt": ""}, "isEditorNode": True})}"
data-component-name="ImageGallery"></div>
<div class="ImageGallery-module__imageGallery--x1y2z"><div class="ImageGallery-module__imageRow--a1b2"><picture>
<source type="image/webp" srcset="https://substackcdn.com/image/fetch/w_474/poster.webp 474w"><img
src="https://substackcdn.com/image/fetch/w_474/poster.jpeg" alt="The festival poster"></picture><picture><source
type="image/webp" srcset="https://substackcdn.com/image/fetch/w_474/badge.webp"><img
src="https://substackcdn.com/image/fetch/w_474/badge.jpeg" alt="My press badge"></picture></div>
<figcaption class="ImageGallery-module__caption">What they hand you at the door.</figcaption></div>
<p>The running time, if you like formulas:</p>
<div class="latex-rendered" data-attrs="{_attrs(LATEX)}"
data-component-name="LatexBlockToDOM"></div>
<div class="digest-post-embed" data-attrs="{_attrs({"nodeId": "n1", "caption": "Why one cut can hold a century.",
    "cta": "Read full story", "showBylines": True, "size": "sm", "title": "The Longest Cut",
    "publishedBylines": [{"name": "Ada Linden"}],
    "canonical_url": "https://acritic.substack.com/p/the-longest-cut", "publication_name": "Paranoia and Wonder"})}"
data-component-name="DigestPostEmbed"></div>
<div class="embedded-post-wrap" data-attrs="{_attrs({"id": 77, "url": "https://otherletter.substack.com/p/queues",
    "publication_name": "Other Letter", "title": "On Queues", "truncated_body_text": "Every festival is a queue.",
    "publishedBylines": [{"name": "Tom Reyes"}]})}" data-component-name="EmbeddedPostToDOM"><div
class="embedded-post"><div class="embedded-post-header"><span class="embedded-post-publication-name">Other
Letter</span></div><div class="embedded-post-title-wrapper"><div class="embedded-post-title">On Queues</div></div>
<div class="embedded-post-body">Every festival is a queue.</div><div class="embedded-post-cta-wrapper"><span
class="embedded-post-cta">Read more</span></div></div></div>
<div class="instagram" data-attrs="{_attrs({"instagram_id": "CQx1Lm", "title": "Red carpet, wet carpet.",
    "author_name": "festivalwire"})}" data-component-name="InstagramToDOM"><div class="instagram-top-bar"><a
class="instagram-author-name" href="https://www.instagram.com/festivalwire" target="_blank">festivalwire</a></div>
<a class="instagram-image" href="https://instagram.com/p/CQx1Lm" target="_blank"><img
src="https://substackcdn.com/image/fetch/instagram/CQx1Lm.jpg"></a><div class="instagram-bottom-bar"><div
class="instagram-title"><span class="instagram-author-name-inline">festivalwire</span> Red carpet, wet
carpet.</div></div></div>
<div class="captioned-image-container"><figure><a class="image-link image2" target="_blank"
href="https://substackcdn.com/image/fetch/w_1456/stage.jpeg"><div class="image2-inset"><picture><source
type="image/webp" srcset="https://substackcdn.com/image/fetch/w_424/stage.webp 424w"><img
src="https://substack-post-media.s3.amazonaws.com/public/images/stage.jpeg" alt="" loading="lazy"></picture>
</div></a><figcaption class="image-caption">The stage before the first screening.</figcaption></figure></div>
<h3><b>What I saw</b></h3>
<ul><li><p>Three films in competition</p><ul><li><p>two of them over three hours</p></li>
<li><p>one silent</p></li></ul></li><li><p>A restoration of an early talkie</p></li></ul>
<p class="button-wrapper" data-attrs="{_attrs({"url": "https://ghost.org", "text": "Try Ghost"})}"
data-component-name="ButtonCreateButton"><a class="button primary" href="https://ghost.org"><span>Try
Ghost</span></a></p>
<p class="button-wrapper" data-attrs="{_attrs({"url": "https://acritic.substack.com/p/a-festival-notebook/comments",
    "text": "Leave a comment"})}" data-component-name="ButtonCreateButton"><a class="button primary"
href="https://acritic.substack.com/p/a-festival-notebook/comments"><span>Leave a comment</span></a></p>
<div class="file-embed-wrapper" data-component-name="FileToDOM"><div class="file-embed-container-reader"><div
class="file-embed-container-top"><image class="file-embed-thumbnail-default"
src="https://substackcdn.com/image/fetch/file.png"></image><div class="file-embed-details"><div
class="file-embed-details-h1">Festival schedule</div><div class="file-embed-details-h2">120KB ∙ PDF file</div>
</div><a class="file-embed-button wide" href="https://acritic.substack.com/api/v1/file/schedule.pdf"><span
class="file-embed-button-text">Download</span></a></div><a class="file-embed-button narrow"
href="https://acritic.substack.com/api/v1/file/schedule.pdf"><span class="file-embed-button-text">Download</span>
</a></div></div>
<div class="image3 image3-block" data-attrs="{_attrs({"src": "https://substack-post-media.s3.amazonaws.com/public/images/queue-night.jpeg",
    "alt": "The queue at night", "title": "Midnight screening."})}" data-component-name="Image3ToDOM"></div>
<div id="youtube2-q1" class="youtube-wrap" data-attrs="{_attrs({"videoId": "aBcD3fGh1jK"})}"
data-component-name="Youtube2ToDOM"></div>
<div class="poll-embed" data-attrs="{_attrs({"id": 31})}" data-component-name="PollToDOMWithAttrs"></div>
<div class="native-video-embed" data-attrs="{_attrs({"mediaUploadId": "mu-1"})}"
data-component-name="VideoEmbedPlayer"></div>
<p>More tomorrow.</p>"""

NOTES_BY_HAND = """<p>Hitchcock said he made the film for the audience,[^1] and the audience agreed.</p>
<p>The shower scene has seventy-eight set-ups.[^2] Nobody counts them while watching.</p>
<p>[^1]: In an interview with Truffaut.</p>
<p>[^2]: By the usual count; editors disagree by a few.</p>"""


def substack_zip(extra: dict[str, bytes] | None = None) -> bytes:
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["post_id", "post_date", "is_published", "email_sent_at", "inbox_sent_at", "type",
                     "audience", "title", "subtitle", "podcast_url"])
    writer.writerows(SUBSTACK_ROWS)
    files = {"posts.csv": table.getvalue(), "email_list.acritic.csv": "email\nreader@example.com\n",
             "posts/101.the-longest-cut.html": LONGEST_CUT, "posts/102.listening-in-the-dark.html": LISTENING,
             "posts/103.half-written.html": "<p>Draft.</p>", "posts/104.episode-one.html": "<p>Audio.</p>",
             "posts/105.open-thread.html": "<p>Talk.</p>", "posts/101.the-longest-cut.opens.csv": "x\n",
             "posts/106.a-festival-notebook.html": NOTEBOOK, "posts/107.notes-by-hand.html": NOTES_BY_HAND}
    return make_zip({**{k: v.encode() for k, v in files.items()}, **(extra or {})})


def make_zip(files: dict[str, bytes], infos: list[zipfile.ZipInfo] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        for info in infos or []:
            archive.writestr(info, b"payload")
    return buffer.getvalue()


#: A saved blog post with every structure a review can have: nested lists of both kinds, code, a
#: table, notes, a quote holding a list, a figure, and chrome inside the article.
RICH_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Stalker, Slowly | Notes</title>
<meta property="og:title" content="Stalker, Slowly">
<meta property="article:published_time" content="2022-02-02T10:00:00+00:00">
<link rel="canonical" href="https://adalinden.example.com/2022/02/stalker/"></head><body>
<nav class="menu"><a href="/">Home</a></nav>
<article class="post"><h1>Stalker, Slowly</h1>
<p>Three men walk into the Zone.<sup><a href="#n1" role="doc-noteref" id="r1">1</a></sup> What they want is
never quite <em>said</em>.</p>
<h2><strong>The walk</strong></h2>
<ol><li>The bar<ol><li>the dog arrives</li><li>nobody names it</li></ol></li><li>The trolley</li>
<li>The room<ul><li>a well<ul><li>a stone dropped in</li></ul></li></ul></li></ol>
<blockquote><p>The Zone wants to be respected.</p><ul><li>or it punishes</li></ul></blockquote>
<table><thead><tr><th>Scene</th><th>Minutes</th></tr></thead><tbody><tr><td>The trolley</td><td>7</td></tr>
<tr><td>The meat grinder</td><td>11</td></tr><tr><td>Dry | wet</td><td>4</td></tr></tbody></table>
<blockquote><p>One quote.</p></blockquote>
<blockquote><pre><code>a second,
  that is code</code></pre></blockquote>
<ul><li><p>A list item with code:</p><pre><code>zone --walk
  --slowly</code></pre></li></ul>
<p>1984. The year the script was typed, roughly.</p>
<p># is how it numbers scenes; a &lt;b&gt; tag is shown as text; AT&amp;T and &amp;amp; too; rated [^1] by
nobody; [not a link](here); a `backtick` and a back\\slash.</p>
<p>My timings come from a script:</p>
<pre><code class="language-python">for scene in scenes:
    print(scene.minutes)</code></pre>
<p>And in the notes file, a fence inside a fence:</p>
<pre><code>```
  not markdown here
```</code></pre>
<figure><img src="https://adalinden.example.com/zone.png" alt="Grass over rails"><figcaption>The Zone at dawn.</figcaption></figure>
<div class="share-buttons"><a href="https://twitter.com/share">Tweet this</a></div>
<section role="doc-endnotes"><ol><li id="n1"><p>Four, if you count the dog. <a href="#r1"
role="doc-backlink">↩</a></p></li></ol></section>
</article><footer><p>© 2022</p></footer></body></html>"""
