"""Shared fixtures: the sample volumes built once per session, and a factory for small test volumes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import MINIMAL_CONFIG, review
from reelpress.build import build

ROOT = Path(__file__).resolve().parents[1]
VOLUMES = ROOT / "volumes"
SAMPLES = ("essential-film-reviews-1", "essential-film-reviews-2", "essential-film-reviews-3")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output (review the diff!)")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Both sample volumes, EPUB and PDF, built once into a temporary dist/."""
    out = tmp_path_factory.mktemp("dist")
    return {name: build(VOLUMES / name, out) for name in SAMPLES}


@pytest.fixture
def make_volume(tmp_path):
    """make_volume(reviews={name: text}, config=str, images={name: bytes}) → a volume folder."""
    def make(reviews: dict[str, str] | None = None, config: str = MINIMAL_CONFIG,
             images: dict[str, bytes] | None = None, name: str = "test-volume") -> Path:
        folder = tmp_path / name
        (folder / "reviews").mkdir(parents=True)
        if config is not None:
            (folder / "volume.toml").write_text(config, encoding="utf-8")
        for file_name, text in (reviews if reviews is not None else {"01-a-review.md": review()}).items():
            (folder / "reviews" / file_name).write_text(text, encoding="utf-8")
        for file_name, data in (images or {}).items():
            path = folder / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return folder
    return make


@pytest.fixture
def sample_copy(tmp_path):
    """A copy of a sample volume (inside a copy of the series folder, so series.toml applies), safe to edit."""
    def copy(name: str = SAMPLES[0]) -> Path:
        target = tmp_path / "volumes"
        if not target.exists():
            shutil.copytree(VOLUMES, target)
        return target / name
    return copy
