"""init, new and stats, and the promise that every command's --help carries an example."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from conftest import VOLUMES
from reelpress.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.slow
def test_init_makes_a_series_that_builds_and_passes_check(tmp_path):
    folder = tmp_path / "my-film-reviews"
    result = run("init", folder, "--author", "Ada Linden")
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        ".github/workflows/books.yml", ".gitignore", "README.md", "dictionary.txt", "series.toml",
        "volume-1/reviews/01-a-first-review.md", "volume-1/volume.toml"]
    assert 'author = "Ada Linden"' in (folder / "series.toml").read_text()
    assert "reelpress check" in (folder / ".github/workflows/books.yml").read_text()
    assert (folder / ".gitignore").read_text().count("/dist/") == 1
    built = run("build", folder, "--out", tmp_path / "dist")
    assert built.exit_code == 0, built.output
    checked = run("check", folder / "volume-1", "--strict")
    assert checked.exit_code == 0, checked.output


def test_init_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run("init", tmp_path)
    assert result.exit_code == 1 and "RP057 error: not empty" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_numbers_after_the_last_review(sample_copy):
    volume = sample_copy("essential-film-reviews-2")
    result = run("new", volume, "The Passenger", "--film", "The Passenger", "--year", "1975",
                 "--director", "Michelangelo Antonioni", "--rating", "4")
    assert result.exit_code == 0, result.output
    path = volume / "reviews" / "07-the-passenger.md"
    assert result.output.strip() == str(path)
    text = path.read_text()
    assert text.startswith("---\ntitle: The Passenger\nfilm: The Passenger\nyear: 1975\n"
                           "director: Michelangelo Antonioni\nrating: 4.0\npublished: ")
    again = run("new", volume, "The Passenger")
    assert again.exit_code == 1 and "RP014" in again.output


def test_stats_for_a_series_as_a_table_and_as_json(tmp_path):
    table = run("stats", VOLUMES, "--dist", tmp_path)
    assert table.exit_code == 0, table.output
    assert "essential-film-reviews-1: Shadows and Light" in table.output
    assert re.search(r"films per decade\s+1940s 2, 1950s 5", table.output)
    assert "series: 3 volumes, 22 reviews" in table.output
    data = json.loads(run("stats", VOLUMES / "essential-film-reviews-2", "--json", "--dist", tmp_path).output)
    assert data[0]["reviews"] == 6 and data[0]["films_per_decade"] == {"1960s": 2, "1970s": 4}
    assert data[0]["average_rating"] == 4.58 and data[0]["longest"]["title"]
    assert data[0]["actual_pages"] is None and data[0]["estimated_pages"] > 10


@pytest.mark.parametrize("command", ["build", "import", "check", "proof", "init", "new", "stats", "preview", "kit",
                                     "index"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Examples?:\n\s+reelpress " + command, result.output), result.output
