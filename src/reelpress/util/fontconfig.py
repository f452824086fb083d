"""The fonts installed on this machine, as fontconfig lists them: the PDF's fallback chain is chosen
from them (writers/pdf/fonts.py) and the build record stamps their files (cache/outputs.py).

WeasyPrint finds system fonts through fontconfig (Pango), so asking `fc-list` gives the same answer it
will use. No fontconfig (no `fc-list`) is an empty list: the book face alone, and RP054 for anything
it lacks.
"""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
from dataclasses import dataclass

FORMAT = "%{family[0]}\t%{style[0]}\t%{file}\t%{index}\n"


@dataclass(frozen=True)
class Face:
    """One installed face: its first family name, its style, and where it lives (a collection's index)."""

    family: str
    style: str
    file: str
    index: int


@functools.cache
def installed() -> tuple[Face, ...]:
    """Every face fontconfig knows, sorted so that the answer does not depend on its cache's order."""
    try:
        listed = subprocess.run(["fc-list", "--format", FORMAT], capture_output=True, text=True,
                                timeout=60, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = set()
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[3].isdigit():
            faces.add(Face(parts[0], parts[1], parts[2], int(parts[3])))
    return tuple(sorted(faces, key=lambda f: (f.family, f.style, f.file, f.index)))


def families() -> dict[str, list[Face]]:
    """The installed faces by family name."""
    found: dict[str, list[Face]] = {}
    for face in installed():
        found.setdefault(face.family, []).append(face)
    return found


def stamp(files) -> bytes:
    """A digest of the named font files' sizes and modification times: an updated font package
    changes it (the build record's cheap check; the piece cache hashes the files' bytes)."""
    digest = hashlib.sha256()
    for file in sorted(set(files)):
        try:
            info = os.stat(file)
            digest.update(f"{file}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{file}\0missing\0".encode())
    return digest.digest()
