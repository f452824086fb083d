"""The command line: exit codes, messages naming file and line, and an output folder left alone on error."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from helpers import review
from reelpress.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.slow
def test_build_writes_both_files_and_says_so(make_volume, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(make_volume()), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["test-volume.epub", "test-volume.pdf"]
    wrote, note = result.output.strip().splitlines()[-2:]
    assert wrote.startswith(f"wrote {out}/test-volume.epub (") and "KB), " in wrote and wrote.endswith(" s")
    assert note.startswith("  test-volume.epub: page numbers of ") and note.endswith(" print pages (the print "
                                                                                   "edition laid out for them)")


def test_format_epub_writes_only_the_epub(make_volume, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(make_volume()), "--format", "epub", "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["test-volume.epub"]


@pytest.mark.parametrize("files, config, expected", [
    ({}, None, "volume.toml: RP001 error: missing: every volume folder needs a volume.toml"),
    ({"01-a.md": review()}, 'title = "T"\n', "volume.toml: RP005 error: required key `author` is missing"),
    ({"01-a.md": review()}, 'title = "T"\nauthor = "A"\nlang = "en"\n',
     "volume.toml:3:1: RP003 error: unknown key `lang`; did you mean `language`?"),
    ({"01-a.md": "---\ntitle: [oops\n---\n"}, 'title = "T"\nauthor = "A"\n',
     "reviews/01-a.md:2:13: RP021 error: YAML syntax error"),
    ({"01-a.md": review("A", "Text\n\n![Still](../images/missing.png)")}, 'title = "T"\nauthor = "A"\n',
     "reviews/01-a.md:6: RP040 error: image not found: ../images/missing.png"),
])
def test_errors_name_the_file_exit_1_and_leave_the_output_alone(make_volume, tmp_path, files, config,
                                                               expected):
    folder = make_volume(files, config=config)
    out = tmp_path / "out"
    out.mkdir()
    (out / "test-volume.epub").write_bytes(b"the previous build")
    result = run("build", str(folder), "--out", str(out))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith(str(folder)) and expected in line for line in lines), result.output
    assert lines[-1] == f"{folder}: build failed; nothing was written"
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["test-volume.epub"]
    assert (out / "test-volume.epub").read_bytes() == b"the previous build"


def test_paths_are_shown_relative_to_the_current_folder(make_volume, monkeypatch):
    folder = make_volume({"01-a.md": "---\ntitle: T\nyear: later\n---\n"})
    monkeypatch.chdir(folder.parent)
    result = run("build", folder.name, "--out", "out")
    assert result.output.splitlines()[0].startswith("test-volume/reviews/01-a.md:3:1: RP024 error: `year`")


def test_usage_errors_exit_2(make_volume):
    assert run("build", str(make_volume()), "--format", "docx").exit_code == 2
    assert run("build").exit_code == 2


def test_unwritable_output_folder_exits_3_before_building(make_volume, tmp_path, monkeypatch):
    import reelpress.build
    monkeypatch.setattr("reelpress.util.files._can_write", lambda folder: False)
    monkeypatch.setattr(reelpress.build, "load", lambda *a: pytest.fail("built before checking the output"))
    result = run("build", str(make_volume()), "--out", str(tmp_path / "dist"))
    assert result.exit_code == 3 and "RP050 error: cannot write outputs here" in result.output


def test_output_path_that_is_a_file_exits_3(make_volume, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("build", str(make_volume()), "--out", str(blocker / "dist"), "--format", "epub")
    assert result.exit_code == 3, result.output
    assert "RP050" in result.output and "is not a writable folder" in result.output


def test_one_failing_volume_does_not_stop_the_others(make_volume, tmp_path):
    good = make_volume(name="good")
    bad = make_volume({"01-a.md": ""}, name="bad")
    result = run("build", str(bad), str(good), "--format", "epub", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (tmp_path / "out" / "good.epub").exists() and not (tmp_path / "out" / "bad.epub").exists()


def test_version_and_help():
    assert run("--version").output.startswith("reelpress, version ")
    assert "reelpress build volumes/essential-film-reviews-1" in run("build", "--help").output


def test_the_command_as_a_process_exits_with_the_status_and_all_of_its_output(tmp_path):
    """The process ends with os._exit (no interpreter teardown): what it printed into a pipe is all
    there, and the exit status is the command's."""
    command = [sys.executable, "-m", "reelpress"]
    rules = subprocess.run([*command, "check", "--list-rules"], capture_output=True, text=True)
    assert (rules.returncode, rules.stdout) == (0, run("check", "--list-rules").output) and rules.stdout.count("\n") > 20
    failed = subprocess.run([*command, "build", str(tmp_path / "missing")], capture_output=True, text=True)
    assert failed.returncode == 1 and "RP001 error: not a folder" in failed.stderr
    assert failed.stderr.endswith("build failed; nothing was written\n")
    usage = subprocess.run([*command, "build", "--no-such-option"], capture_output=True, text=True)
    assert usage.returncode == 2 and "No such option" in usage.stderr
