"""The CommonMark spec's examples (npm package `commonmark-spec`, fetched at test time, never kept in the
repository): the reader matches at least FLOOR of them, and built as reviews they give a valid EPUB.

The comparison and its forgiveness are in benchmarks/commonmark.py; `python benchmarks/commonmark.py`
prints the table per section.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import commonmark  # noqa: E402
import spec_volume  # noqa: E402

from reelpress.commands.check import epubcheck  # noqa: E402

#: Examples matching today (512 of 652, 78.5 %; 432 before issue 20). Raise it when the reader improves.
FLOOR = 512


@pytest.fixture(scope="module")
def spec_examples():
    try:
        return commonmark.examples(commonmark.fetch())
    except (OSError, ValueError, KeyError) as exc:  # no registry reachable, or a damaged download
        pytest.skip(f"cannot fetch commonmark-spec {commonmark.VERSION} from the npm registry: {exc}")


@pytest.mark.slow
def test_the_reader_matches_the_spec_examples_it_matched(spec_examples):
    result = commonmark.measure(spec_examples)
    same, total = commonmark.totals(result)
    assert total == 652
    assert same >= FLOOR, commonmark.table_text(result)
    assert same / total >= 0.75


@pytest.mark.slow
def test_the_spec_examples_build_a_valid_epub_or_stop_with_a_diagnostic(spec_examples, tmp_path):
    volume = spec_volume.write_volume(tmp_path / "spec-examples", spec_examples)
    epub, refused = spec_volume.build_accepted(volume, tmp_path / "dist")
    assert len(refused) < len(spec_examples) // 2, refused  # most examples are accepted
    assert all(code.startswith("RP") for code in refused.values())
    assert epubcheck.check(epub) == []


def test_examples_are_read_as_the_package_reads_them(tmp_path):
    spec = tmp_path / "spec.txt"
    fence = "`" * 32
    spec.write_text(f"# Tabs\n\n{fence} example\n\u2192foo\n.\n<pre><code>foo\n</code></pre>\n{fence}\n\n"
                    f"## Lists\n\n{fence} example\n- a\n.\n<ul>\n<li>a</li>\n</ul>\n{fence}\n"
                    "<!-- END TESTS -->\n" f"{fence} example\nnot an example\n.\n\n{fence}\n", encoding="utf-8")
    found = commonmark.examples(spec)
    assert [(e["section"], e["number"], e["markdown"]) for e in found] == [("Tabs", 1, "\tfoo\n"), ("Lists", 2, "- a\n")]
    assert commonmark.measure(found)["sections"] == {"Tabs": [1, 1], "Lists": [1, 1]}


def test_the_comparison_forgives_ids_and_layout_but_not_text():
    assert commonmark.canonical('<h2 id="x">A</h2>\n\n<p>b  c</p>') == commonmark.canonical("<h2>A</h2><p>b c</p>")
    assert commonmark.canonical("<p>a</p>") != commonmark.canonical("<p>a.</p>")
    assert commonmark.canonical("<ul><li>a</li></ul>") != commonmark.canonical("<ul><li><p>a</p></li></ul>")
