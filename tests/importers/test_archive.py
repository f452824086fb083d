"""Untrusted archives: every trick is refused with a message naming the entry; good archives read."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from exports import make_zip
from reelpress.errors import InputError
from reelpress.importers import archive
from reelpress.importers.archive import read_archive


def write(tmp_path, data: bytes):
    path = tmp_path / "export.zip"
    path.write_bytes(data)
    return path


def refused(tmp_path, data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_archive(write(tmp_path, data), lambda name: True)
    assert all(d.code == "RP070" for d in caught.value.diagnostics)
    return str(caught.value)


def info(name: str, mode: int | None = None) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name)
    if mode is not None:
        entry.external_attr = mode << 16
    return entry


@pytest.mark.parametrize("name, problem", [
    ("../evil.html", "`..` in the path"),
    ("posts/../../evil.html", "`..` in the path"),
    ("/etc/cron.d/evil", "absolute path"),
    ("C:/Windows/evil.html", "absolute path"),
    ("posts\\evil.html", "backslash in name"),
])
def test_dangerous_names(tmp_path, name, problem):
    assert problem in refused(tmp_path, make_zip({"posts/ok.html": b"<p>ok</p>", name: b"x"}))


def test_symlink_entry(tmp_path):
    message = refused(tmp_path, make_zip({}, [info("posts/link.html", stat.S_IFLNK | 0o777)]))
    assert "'posts/link.html': a symbolic link" in message


def test_duplicate_entries(tmp_path):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile itself only warns when writing a duplicate
        data = make_zip({"posts/a.html": b"one"}, [info("posts/a.html")])
    assert "'posts/a.html': appears twice" in refused(tmp_path, data)


def test_encrypted_entry(tmp_path):
    data = bytearray(make_zip({"posts/a.html": b"secret"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" flag bit
        at = data.find(signature) + offset
        data[at] |= 0x1
    assert "'posts/a.html': encrypted" in refused(tmp_path, bytes(data))


def test_zip_bomb_by_ratio(tmp_path):
    assert "a zip bomb?" in refused(tmp_path, make_zip({"posts/big.html": b"\0" * (8 * 1024 * 1024)}))


def test_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ENTRIES", 3)
    assert "entries; the limit is 3" in refused(tmp_path, make_zip({f"f{i}": b"x" for i in range(4)}))


def test_total_size_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 10)
    assert "unpacks to more than 10 bytes" in refused(tmp_path, make_zip({"a": b"123456", "b": b"123456"}))


def test_damaged_entry(tmp_path):
    data = bytearray(make_zip({"posts/a.html": b"<p>" + b"some text " * 50 + b"</p>"}))
    payload = data.find(b"posts/a.html") + len("posts/a.html") + 5
    data[payload] ^= 0xFF
    assert "'posts/a.html' is damaged" in refused(tmp_path, bytes(data))


def test_not_a_zip(tmp_path):
    assert "not a readable zip archive" in refused(tmp_path, b"PK\x03\x04 not really")


def test_a_good_archive_reads_only_what_is_wanted_and_never_nested_zips(tmp_path):
    inner = make_zip({"../../escape.html": b"x"})
    path = write(tmp_path, make_zip({"posts/a.html": b"A", "profile/p.html": b"P", "posts/nested.zip": inner}))
    found = read_archive(path, lambda name: name.endswith(".html"))
    assert found.files == {"posts/a.html": b"A", "profile/p.html": b"P"}
    assert list(tmp_path.iterdir()) == [path]  # nothing extracted


REGRESSIONS = sorted((Path(__file__).parent / "fuzz-regressions").glob("*.zip"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_inputs_the_fuzzer_found_are_clean_errors(path):
    from reelpress.importers import medium, substack, webpage
    for read in (lambda: medium.posts(path, drafts=True),
                 lambda: substack.posts(path, publication_url="https://x.example.com"),
                 lambda: webpage.posts(path)):
        try:
            read()
        except InputError as error:
            assert all(d.code.startswith("RP") for d in error.diagnostics)
