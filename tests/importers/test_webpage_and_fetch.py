"""Saved web pages, and --fetch-images against a local server (builds and tests never leave loopback)."""

from __future__ import annotations

import http.server
import threading

import pytest

from helpers import png_bytes
from reelpress.errors import EnvironmentProblem
from reelpress.importers import Options, run

PAGE = """<!DOCTYPE html><html><head><title>Vertigo | Ada's Film Notes</title>
<meta property="og:title" content="The Height of Obsession">
<meta property="article:published_time" content="2020-09-12T10:00:00+00:00">
<link rel="canonical" href="https://adalinden.example.com/2020/09/vertigo/">
</head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><article class="post">
<h1 class="entry-title">The Height of Obsession</h1>
<div class="share-buttons"><a href="https://twitter.com/share">Tweet</a></div>
<p>Scottie follows Madeleine through San Francisco and falls in love. <i>Vertigo</i> then asks
what he will do to have her back.</p>
<figure><img src="{image}" alt="A spiral staircase seen from above"><figcaption>The tower.</figcaption></figure>
<p>Share this post</p>
<section id="comments" class="comments"><h2>3 comments</h2><p>Nice!</p></section>
</article></main>
<aside class="sidebar"><p>Popular posts</p></aside>
<footer class="site-footer"><p>© 2020</p></footer></body></html>"""


class _Images(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/spiral.png":
            body, kind = png_bytes(60, 40), "image/png"
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/spiral.png")
            self.end_headers()
            return
        else:
            body, kind = b"not here", "text/plain"
            self.send_response(404)
            self.send_header("Content-Type", kind)
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Images)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def page(tmp_path, image: str):
    path = tmp_path / "saved.html"
    path.write_text(PAGE.format(image=image), encoding="utf-8")
    return path


def test_saved_page_becomes_one_clean_review(tmp_path):
    volume = tmp_path / "v"
    rows = run("html", [page(tmp_path, "https://cdn.example.com/spiral.png")], volume, Options(author="Ada"))
    assert [(r.status, r.file) for r in rows] == [("imported", "01-the-height-of-obsession.md")]
    source = (volume / "reviews" / "01-the-height-of-obsession.md").read_text()
    assert "title: The Height of Obsession\npublished: 2020-09-12\n" in source
    assert "source_url: https://adalinden.example.com/2020/09/vertigo/" in source
    body = source.split("---\n", 2)[2]
    for gone in ("Home", "Tweet", "Share this post", "comments", "Nice!", "Popular posts", "© 2020", "# The Height"):
        assert gone not in body, gone
    assert "*Vertigo* then asks" in body and "*[Image: The tower.]*" in body


def test_fetch_images_downloads_into_the_volume(tmp_path, server):
    volume = tmp_path / "v"
    run("html", [page(tmp_path, f"{server}/redirect")], volume, Options(author="Ada", fetch_images=True))
    images = list((volume / "images").iterdir())
    assert len(images) == 1 and images[0].name.startswith("redirect-") and images[0].suffix == ".png"
    source = (volume / "reviews" / "01-the-height-of-obsession.md").read_text()
    assert f'![A spiral staircase seen from above](../images/{images[0].name} "The tower.")' in source


def test_a_missing_image_keeps_its_description(tmp_path, server):
    volume = tmp_path / "v"
    rows = run("html", [page(tmp_path, f"{server}/gone.png")], volume, Options(author="Ada", fetch_images=True))
    assert "*[Image: The tower.]*" in (volume / "reviews" / "01-the-height-of-obsession.md").read_text()
    assert not (volume / "images").exists()
    assert any(w.startswith(f"RP072 remote image {server}/gone.png replaced by its description (could not "
                            "be downloaded: HTTP Error 404") for w in rows[0].warnings), rows[0].warnings


def test_no_network_is_a_clear_error_not_a_hang(tmp_path):
    import socket
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: connection refused at once
    with pytest.raises(EnvironmentProblem, match="cannot download images .* without --fetch-images"):
        run("html", [page(tmp_path, f"http://127.0.0.1:{port}/x.png")], tmp_path / "v",
            Options(author="Ada", fetch_images=True))
    assert not (tmp_path / "v").exists()


def test_what_the_page_loses_inside_the_article_is_listed(tmp_path):
    rows = run("html", [page(tmp_path, "https://cdn.example.com/spiral.png")], tmp_path / "v", Options(author="Ada"))
    assert rows[0].changes == ("dropped share block 1×, comments block 1×, repeated title 1×, boilerplate paragraph "
                               "1×; replaced remote image 1×")


def test_players_and_scripts_are_replaced_or_listed_never_lost_silently(tmp_path):
    path = tmp_path / "players.html"
    path.write_text("<html><head><title>Players</title></head><body><article><p>The trailer:</p>"
                    '<video controls><source src="https://cdn.example.com/trailer.mp4" type="video/mp4"></video>'
                    '<audio src="https://cdn.example.com/score.mp3"></audio>'
                    '<iframe srcdoc="&lt;p&gt;hi&lt;/p&gt;"></iframe><script>track()</script>'
                    "<p>And the score.</p></article></body></html>", encoding="utf-8")
    volume = tmp_path / "v"
    rows = run("html", [path], volume, Options(author="Ada"))
    body = (volume / "reviews" / "01-players.md").read_text().split("---\n", 2)[2]
    assert "Video: <https://cdn.example.com/trailer.mp4>" in body and "Audio: <https://cdn.example.com/score.mp3>" in body
    assert rows[0].changes == "dropped script block 1×, <iframe> element 1×; replaced video 1×, audio 1×"
