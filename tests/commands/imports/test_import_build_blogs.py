"""Volumes imported from WordPress, Blogger, Ghost and Letterboxd build: EPUBCheck finds nothing and
the PDF's contents are right (with the uploads folder, so real images are in the WordPress volume)."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from PIL import Image

from exports_blogs import blogger_backup, letterboxd_zip, wxr
from exports_ghost import ghost_json
from reelpress.build import build
from reelpress.commands.check import epubcheck, readback as pdf
from reelpress.cli import main

pytestmark = pytest.mark.slow


def _uploads(folder):
    for name in ("2012/04/platform.jpg", "2013/10/owl.jpg"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), "gray").save(buffer, "JPEG")
        (folder / name).write_bytes(buffer.getvalue())
    return folder


@pytest.mark.parametrize("platform, name, data, extra", [
    ("wordpress", "site.WordPress.xml", wxr, ["--category", "Film Reviews"]),
    ("blogger", "blog.xml", blogger_backup, []),
    ("ghost", "ghost.json", ghost_json, ["--site-url", "https://ada.ghost.io"]),
    ("letterboxd", "letterboxd.zip", letterboxd_zip, []),
])
def test_imported_volume_builds_clean(tmp_path, platform, name, data, extra):
    source = tmp_path / name
    source.write_bytes(data())
    if platform == "wordpress":
        extra = [*extra, "--uploads", str(_uploads(tmp_path / "uploads"))]
    volume = tmp_path / "volumes" / f"from-{platform}"
    result = CliRunner().invoke(main, ["import", platform, str(source), "--into", str(volume), *extra])
    assert result.exit_code == 0, result.output
    built = build(volume, tmp_path / "dist")
    assert len(built.volume.reviews) >= 2
    assert epubcheck.check(built.outputs["epub"]) == []
    titles = [r.meta.title for r in built.volume.reviews] + (["Index of Films"] if platform == "letterboxd" else [])
    assert pdf.problems(pdf.read(built.outputs["pdf"]), titles) == []
    if platform == "wordpress":
        assert len(list((volume / "images").iterdir())) == 2
