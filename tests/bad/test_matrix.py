"""The bad-input matrix: one folder per case, the input volume and the exact expected outcome.

    tests/bad/<case>/input/        a volume that exercises one guard
    tests/bad/<case>/expect.toml   exit = 1, code = "RP010", location = "reviews/01-a.md:5:4" (a prefix)
    tests/bad/<case>/ok/input/     the passing twin: the same volume with the problem fixed

Every build runs into an output folder that already holds an earlier build: a failing build must
leave it byte for byte as it was. A twin must build, so a guard that refuses everything is caught.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from reelpress.cli import main

HERE = Path(__file__).parent
CASES = sorted(p for p in HERE.iterdir() if (p / "expect.toml").is_file())
TWINS = [case for case in CASES if (case / "ok" / "input").is_dir()]


def build(source: Path, tmp_path: Path):
    volume = tmp_path / "volume"
    shutil.copytree(source, volume, symlinks=True)
    out = tmp_path / "dist"
    out.mkdir()
    before = {"volume.epub": b"an earlier build", "volume.pdf": b"%PDF an earlier build"}
    for name, data in before.items():
        (out / name).write_bytes(data)
    result = CliRunner().invoke(main, ["build", str(volume), "--out", str(out), "--format", "epub"])
    return volume, out, before, result


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path):
    expect = tomllib.loads((case / "expect.toml").read_text())
    volume, out, before, result = build(case / "input", tmp_path)
    assert result.exit_code == expect["exit"], result.output
    assert "Traceback" not in result.output
    if "code" in expect:
        wanted = f"{volume}/{expect['location']}"
        lines = [line for line in result.output.splitlines() if f" {expect['code']} " in line]
        assert any(line.startswith(wanted) for line in lines), f"no {expect['code']} at {wanted}:\n{result.output}"
    if expect["exit"]:
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "the output folder changed"
    else:
        assert (out / "volume.epub").read_bytes() != before["volume.epub"]


@pytest.mark.parametrize("case", TWINS, ids=[c.name for c in TWINS])
def test_passing_twin(case: Path, tmp_path: Path):
    _, out, before, result = build(case / "ok" / "input", tmp_path)
    assert result.exit_code == 0, result.output
    assert (out / "volume.epub").read_bytes() != before["volume.epub"]
