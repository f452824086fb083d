"""The build cache's fast path: when nothing a volume's books depend on has changed, build nothing.

After a successful build, `.reelpress-cache/` beside the output folder records a digest of every input
— each file of the volume folder, the series files, the templates, reelpress's version, the formats,
the profile and store asked for, SOURCE_DATE_EPOCH and (for a PDF) the size and time of every installed
font file — and a digest of each output. A later build with the same inputs,
whose outputs are still exactly what was written, stops here: nothing is read twice, nothing is
written, so the outputs keep their modification times. Any difference means a full build. This
module imports only the standard library and small reelpress modules, so the check costs almost
nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reelpress import code_digest, templates_dir
from reelpress.cache import CACHE_DIR, file_digest
from reelpress.util import fontconfig
from reelpress.util.files import cache_write


def _files(volume_dir: Path) -> list[Path]:
    found = [p for p in volume_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    series = volume_dir.parent / "series.toml"
    if series.is_file():  # the series' shared keys and matter files, and the titles its volumes show on the series page
        found += [series, *sorted(volume_dir.parent.glob("*/volume.toml")), *sorted(volume_dir.parent.glob("*.md"))]
    found += [p for p in templates_dir().rglob("*") if p.is_file()]
    return sorted(set(found))


def inputs_digest(volume_dir: Path, formats: tuple[str, ...], variant: str | None) -> str:
    digest = hashlib.sha256()
    for part in (code_digest(), ",".join(formats), variant or "", os.environ.get("SOURCE_DATE_EPOCH", "")):
        digest.update(part.encode() + b"\0")
    for path in _files(volume_dir):
        digest.update(str(path).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    if "pdf" in formats:  # the PDF's fallback fonts: an updated font package builds again
        digest.update(fontconfig.stamp(face.file for face in fontconfig.installed()))
    return digest.hexdigest()


def _record_path(volume_dir: Path, out_dir: Path) -> Path:
    key = hashlib.sha256(str(Path(os.path.abspath(volume_dir))).encode()).hexdigest()[:16]
    return out_dir.parent / CACHE_DIR / f"build-{out_dir.name}-{key}.json"


def check(volume_dir: Path, out_dir: Path, formats: tuple[str, ...],
          variant: str | None) -> tuple[dict[str, Path] | None, str]:
    """The outputs, if an earlier build made them from exactly these inputs and they are unchanged (else
    None), and the inputs' digest, to `remember` after a build — taken now, so edits made during the
    build make the next one build again."""
    inputs = inputs_digest(volume_dir, formats, variant) if volume_dir.is_dir() else ""
    try:
        record = json.loads(_record_path(volume_dir, out_dir).read_text(encoding="utf-8"))
        recorded = {fmt: Path(path) for fmt, path in record["outputs"].items()}
        if not inputs or record["inputs"] != inputs or set(recorded) != set(formats):
            return None, inputs
        if any(path.parent != Path(os.path.abspath(out_dir)) for path in recorded.values()):
            return None, inputs  # the same record reached through another folder: not these outputs
        outputs = {fmt: out_dir / path.name for fmt, path in recorded.items()}
        if any(file_digest(outputs[fmt]) != record["digests"][fmt] for fmt in outputs):
            return None, inputs
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, inputs
    return outputs, inputs


def remember(volume_dir: Path, out_dir: Path, formats: tuple[str, ...], variant: str | None,
             outputs: dict[str, Path], inputs: str) -> None:
    """Record a successful build (`inputs` is the digest `check` returned before it started)."""
    path = _record_path(volume_dir, out_dir)
    record = {"inputs": inputs, "outputs": {fmt: os.path.abspath(p) for fmt, p in outputs.items()},
              "digests": {fmt: file_digest(p) for fmt, p in outputs.items()}}
    cache_write(path, json.dumps(record).encode())
