"""Golden files for the normalise passes: one behaviour per case folder.

    cases/<behaviour>/input.md          the review source (its slug is the folder name)
    cases/<behaviour>/volume.toml       optional: the volume's config (house style …)
    cases/<behaviour>/images/           optional: files the review refers to
    cases/<behaviour>/expected.xhtml    the normalised body
    cases/<behaviour>/diagnostics.txt   warnings and errors, one per line

Regenerate with `pytest tests/normalise --update-golden` and review the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from helpers import MINIMAL_CONFIG
from reelpress.build import load
from reelpress.errors import InputError

CASES = sorted(p for p in (Path(__file__).parent / "cases").iterdir() if p.is_dir())


def normalise_case(case: Path, tmp_path: Path) -> tuple[str, str]:
    volume = tmp_path / "volume"
    (volume / "reviews").mkdir(parents=True)
    config = case / "volume.toml"
    (volume / "volume.toml").write_text(config.read_text() if config.exists() else MINIMAL_CONFIG)
    shutil.copy(case / "input.md", volume / "reviews" / f"{case.name}.md")
    if (case / "images").is_dir():
        shutil.copytree(case / "images", volume / "images")
    try:
        loaded = load(volume)
        body, diagnostics = etree.tostring(loaded.reviews[0].body, encoding="unicode"), loaded.warnings
    except InputError as error:
        body, diagnostics = "", error.diagnostics
    lines = [str(d).replace(str(volume) + "/", "") for d in diagnostics]
    return body + "\n", "".join(line + "\n" for line in lines)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, tmp_path: Path, update_golden: bool):
    body, diagnostics = normalise_case(case, tmp_path)
    expected_body, expected_diagnostics = case / "expected.xhtml", case / "diagnostics.txt"
    if update_golden:
        expected_body.write_text(body, encoding="utf-8")
        expected_diagnostics.write_text(diagnostics, encoding="utf-8")
    assert body == expected_body.read_text(encoding="utf-8")
    assert diagnostics == expected_diagnostics.read_text(encoding="utf-8")
