"""The compiled-template cache only ever saves time: a cache folder that disappears (a temporary
build's, as `reelpress check` makes) or cannot be written never stops a later render."""

from __future__ import annotations

import shutil

from reelpress.writers import templating


def test_a_cache_folder_that_disappears_costs_only_time(tmp_path, monkeypatch):
    monkeypatch.setattr(templating.environment(), "bytecode_cache", None)
    folder = tmp_path / "templates"
    templating.use_cache(folder)
    templating.environment().cache.clear()  # compile again, through the bytecode cache
    first = templating.render("epub/nav.xhtml", **_nav())
    assert list(folder.iterdir())
    shutil.rmtree(folder)
    templating.environment().cache.clear()
    assert templating.render("epub/nav.xhtml", **_nav()) == first


def _nav() -> dict:
    from reelpress.config import VolumeConfig
    return {"config": VolumeConfig(title="T", author="A"), "toc": (), "landmarks": [], "href": lambda t: t,
            "pages": [], "page_list": [], "language": "en"}
