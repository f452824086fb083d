"""The benchmark's corpus is deterministic and builds cleanly; the runner's table copes without pandoc.
(Times are never asserted: the benchmark is a script, not a test.)"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from reelpress.commands.check import epubcheck
from reelpress.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus  # noqa: E402
import run  # noqa: E402


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corpus_is_the_same_every_time_and_has_the_features_of_real_reviews(tmp_path):
    first = corpus.write(tmp_path / "a", volumes=1, reviews=10, words=300)[0]
    second = corpus.write(tmp_path / "b", volumes=1, reviews=10, words=300)[0]
    assert snapshot(first) == snapshot(second)
    text = "".join(p.read_text() for p in (first / "reviews").glob("*.md"))
    for feature in ('"', " -- ", "...", "[^", "\n## ", "\n> ", "![", "director:"):
        assert feature in text, feature


def test_corpus_builds_without_problems(tmp_path):
    volume = corpus.write(tmp_path / "corpus", volumes=1, reviews=4, words=200)[0]
    result = CliRunner().invoke(main, ["build", str(volume), "--format", "epub", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    assert epubcheck.check(tmp_path / "out" / "volume-1.epub") == []


def test_table_without_pandoc():
    row = {"median": 1.0, "min": 0.9, "max": 1.2, "peak_mb": 50.0}
    text = run.table({"reviews": 2, "words_per_review": 10, "repeat": 1,
                      "rows": {"epub": {"reelpress": row, "pandoc": {**row, "median": 2.0}},
                               "rebuild": {"reelpress": row}}})
    assert "0.50" in text.splitlines()[2] and text.splitlines()[3].rstrip().endswith("-")


def test_compared_runs_alternate(monkeypatch, tmp_path):
    order = []
    monkeypatch.setattr(run, "run", lambda command, cwd: (order.append(command[0]) or 1.0, 2**20))
    found = run.measure_alternating({"a": lambda index: ["a", index], "b": lambda index: ["b", index]}, 3, tmp_path)
    assert order == ["a", "b"] * 3
    assert found["a"] == {"median": 1.0, "min": 1.0, "max": 1.0, "peak_mb": 1.0}
