"""Total on any input: Markdown and HTML written from their grammars (tests/grammar.py) build an EPUB that
EPUBCheck passes with no message, or the build stops with diagnostics naming file and code — never a
traceback, never an invalid book.

Each example is a volume of REVIEWS reviews (half Markdown, half HTML); the build sets aside the
reviews it refuses and builds the rest, as the spec-examples test does. The suite runs EXAMPLES volumes
(200 reviews); `REELPRESS_FUZZ_EXAMPLES=500 pytest tests/test_fuzz_build.py` runs a longer search.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grammar import html_body, markdown_body
from reelpress.commands.check import epubcheck

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import spec_volume  # noqa: E402

REGRESSIONS = Path(__file__).parent / "fuzz-regressions"  # every failure the fuzzing found, as a review
REVIEWS = 10
EXAMPLES = int(os.environ.get("REELPRESS_FUZZ_EXAMPLES", "20"))
#: The suite's sample is the same on every run (a failure there is a regression, not luck); a longer
#: run asked for by REELPRESS_FUZZ_EXAMPLES searches afresh each time.
FIXED = "REELPRESS_FUZZ_EXAMPLES" not in os.environ


def write(folder: Path, bodies: list[tuple[str, str]]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "reviews").mkdir(parents=True)
    (folder / "volume.toml").write_text(spec_volume.CONFIG, encoding="utf-8")
    for number, (suffix, body) in enumerate(bodies, 1):
        text = f"---\ntitle: Review {number}\n---\n{body}\n"
        (folder / "reviews" / f"{number:02d}-review-{number}{suffix}").write_text(text, encoding="utf-8")
    return folder


BODIES = st.lists(st.one_of(markdown_body().map(lambda b: (".md", b)), html_body().map(lambda b: (".html", b))),
                  min_size=REVIEWS, max_size=REVIEWS)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=FIXED,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])
@given(bodies=BODIES)
def test_any_source_builds_a_valid_epub_or_stops_with_a_diagnostic(tmp_path_factory, bodies):
    base = tmp_path_factory.mktemp("fuzz")
    volume = write(base / "volume", bodies)
    epub, refused = spec_volume.build_accepted(volume, base / "dist", rounds=REVIEWS + 1)
    assert all(code.startswith("RP") for code in refused.values())
    if epub is None:
        return  # every review was refused, each with a diagnostic
    problems = epubcheck.check(epub)
    assert problems == [], "\n".join(str(p) for p in problems) + "\n\n" + "\n\n".join(b for _, b in bodies)


@pytest.mark.slow
def test_what_the_fuzzing_found_builds_a_valid_epub(tmp_path):
    volume = tmp_path / "regressions"
    shutil.copytree(REGRESSIONS, volume / "reviews")
    (volume / "volume.toml").write_text(spec_volume.CONFIG, encoding="utf-8")
    epub, refused = spec_volume.build_accepted(volume, tmp_path / "dist")
    assert refused == {}
    assert epubcheck.check(epub) == []
