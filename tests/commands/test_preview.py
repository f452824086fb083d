"""The live preview, in a real browser: headless Chromium loads the page, a review is edited on disk,
and the page reloads with the new text; a broken source shows its problem in the page."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by .ci/run
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(sample_copy):
    volume = sample_copy("essential-film-reviews-1")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "reelpress", "preview", str(volume), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                assert response.status == 200
                break
        except OSError:
            assert time.monotonic() < deadline, "the preview server did not start"
            assert process.poll() is None, "the preview server exited"
            time.sleep(0.2)
    yield volume, url, process
    process.terminate()
    process.wait(timeout=10)


def test_the_page_reloads_when_a_review_is_saved(server, tmp_path):
    from playwright.sync_api import sync_playwright

    volume, url, process = server
    review = volume / "reviews" / "01-the-third-man.md"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(url)
        page.wait_for_selector("text=The Zither and the Sewer")
        assert page.locator(".preview-toc li").count() == 16  # 7 reviews, 3 indexes, the series page, 5 of matter
        marker = page.evaluate("() => { window.beforeReload = true; return window.beforeReload; }")
        assert marker is True
        review.write_text(review.read_text().replace("Nobody who has seen", "Everybody who has seen"))
        page.wait_for_selector("text=Everybody who has seen", timeout=20_000)
        assert page.evaluate("() => window.beforeReload === undefined"), "the page was reloaded, not patched"
        page.screenshot(path=str(tmp_path / "preview.png"))
        review.write_text(review.read_text().replace("rating: 4.5", "rating: eleven"))
        page.wait_for_selector("text=The volume does not build", timeout=20_000)
        problem = page.locator(".preview-problems li").first.inner_text()
        assert "01-the-third-man.md:6" in problem and "RP024" in problem and "rating" in problem
        assert process.poll() is None, "a broken source must not stop the server"
        review.write_text(review.read_text().replace("rating: eleven", "rating: 4"))
        page.wait_for_selector("text=The Zither and the Sewer", timeout=20_000)
        assert page.locator(".preview-problems").count() == 0
        assert page.locator("img[alt^='A drawing of a low']").count() == 1
        browser.close()
    assert (tmp_path / "preview.png").stat().st_size > 10_000
