"""Nothing lost: builds killed at random moments leave the old outputs or complete new ones; two
builds do not write into one folder at once; temp files of killed builds are cleaned up."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import VOLUMES
from reelpress.errors import EnvironmentProblem
from reelpress.util.files import OutputLock, save

pytestmark = pytest.mark.slow
VOLUME = VOLUMES / "essential-film-reviews-2"


def start_build(out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reelpress", "build", str(VOLUME), "--out", str(out), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def test_killed_builds_never_leave_a_partial_output(tmp_path):
    reference = tmp_path / "reference"
    started = time.monotonic()
    assert start_build(reference).wait() == 0
    duration = time.monotonic() - started
    new = outputs(reference)
    out = tmp_path / "dist"
    out.mkdir()
    old = {name: b"the previous build of " + name.encode() for name in new}
    rng = random.Random(20261121)
    outcomes = []
    for trial in range(12):  # four kills by each signal, spread over the build and after it
        for name, data in old.items():
            (out / name).write_bytes(data)
        process = start_build(out)
        time.sleep(rng.uniform(0.05, duration * 2.5))  # some kills land after the build ends: new outputs
        process.send_signal((signal.SIGKILL, signal.SIGTERM, signal.SIGINT)[trial % 3])
        process.wait()
        for name, data in outputs(out).items():
            assert data in (old[name], new[name]), f"trial {trial}: {name} is neither old nor complete"
        outcomes.append(tuple(outputs(out)[name] == new[name] for name in sorted(new)))
    assert start_build(out).wait() == 0
    assert outputs(out) == new
    assert sorted(p.name for p in out.iterdir()) == sorted(new), "temp files of killed builds were cleaned"
    kept_old = sum(not any(o) for o in outcomes)
    print(f"kill test: {len(outcomes)} trials: {kept_old} left the old outputs, "
          f"{sum(all(o) for o in outcomes)} the new ones, {len(outcomes) - kept_old - sum(all(o) for o in outcomes)} "
          "one of each")
    assert kept_old and kept_old < len(outcomes), "the kills should land both before and after the save"


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_exit_cleanly(tmp_path, signum, code):
    process = start_build(tmp_path / "dist")
    time.sleep(1.0)
    process.send_signal(signum)
    assert process.wait() in (code, -signum)  # -signum: the signal came while Python was still starting
    assert not (tmp_path / "dist").exists() or not any(p.name.endswith(".tmp") for p in (tmp_path / "dist").iterdir())


def test_a_second_writer_waits_for_the_first(tmp_path):
    target = tmp_path / "dist" / "book.epub"
    lock = OutputLock(target.parent)
    lock.__enter__()
    threading.Timer(0.5, lock.__exit__, args=(None, None, None)).start()
    started = time.monotonic()
    save({target: b"data"}, wait=10)
    assert time.monotonic() - started >= 0.4 and target.read_bytes() == b"data"


def test_a_second_writer_gives_up_naming_the_first(tmp_path):
    target = tmp_path / "dist" / "book.epub"
    with OutputLock(target.parent):
        with pytest.raises(EnvironmentProblem, match=f"RP053.*another reelpress \\(process {os.getpid()}\\)"):
            save({target: b"data"}, wait=0.3)
    assert not target.exists()


def test_leftover_temp_files_are_removed_by_the_next_build(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    leftover = out / f".{VOLUME.name}.epub.k1ll3d.tmp"
    leftover.write_bytes(b"half a file")
    unrelated = out / ".notes.txt.tmp"
    unrelated.write_bytes(b"not ours")
    assert start_build(out).wait() == 0
    assert not leftover.exists() and unrelated.exists()
