"""How many of the CommonMark spec's examples reelpress's Markdown reader renders the way the spec does.

    python benchmarks/commonmark.py [--spec-dir DIR] [--failures SECTION] [--json out.json]

The examples come from the npm package `commonmark-spec` (its `spec.txt`), fetched with `npm pack`
(or, without npm, from the same registry over HTTPS) into a cache folder; nothing of the spec is kept
in the repository. Each example's Markdown goes through the reader (`reelpress.readers.markdown`) and
the sanitise pass; the spec's HTML goes through the same HTML parser and the same sanitise pass, so what
reelpress removes or unwraps on purpose (raw HTML it does not allow, classes, unsafe links) is forgiven
on both sides. Both trees are then compared after forgiving what does not change the text: ids,
attribute order, whitespace between blocks and runs of spaces outside `pre`. Typography and the heading
shift are later passes, so neither side has them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

VERSION = "0.31.2"
TARBALL = f"https://registry.npmjs.org/commonmark-spec/-/commonmark-spec-{VERSION}.tgz"
_EXAMPLE = re.compile(r"^`{32} example\n([\s\S]*?)^\.\n([\s\S]*?)^`{32}$|^#{1,6} *(.*)$", re.M)


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reelpress" / "commonmark-spec"


def fetch(folder: Path | None = None) -> Path:
    """The path of `spec.txt`, fetched from the npm registry the first time (OSError if impossible)."""
    folder = folder or cache_dir()
    spec = folder / VERSION / "package" / "spec.txt"
    if spec.exists():
        return spec
    with tempfile.TemporaryDirectory() as tmp:
        tarball = _download(Path(tmp))
        with tarfile.open(tarball) as archive:
            member = archive.getmember("package/spec.txt")
            data = archive.extractfile(member).read()
    spec.parent.mkdir(parents=True, exist_ok=True)
    partial = spec.with_name(f".spec-{os.getpid()}.txt")  # written whole, then renamed: a test run beside
    partial.write_bytes(data)                              # this one never reads half a file
    os.replace(partial, spec)
    return spec


def _download(tmp: Path) -> Path:
    npm = shutil.which("npm")
    if npm:
        done = subprocess.run([npm, "pack", f"commonmark-spec@{VERSION}", "--silent"], cwd=tmp,
                              capture_output=True, text=True, timeout=180)
        found = list(tmp.glob("*.tgz"))
        if done.returncode == 0 and found:
            return found[0]
    target = tmp / "spec.tgz"
    with urllib.request.urlopen(TARBALL, timeout=60) as response:  # noqa: S310 (a fixed https address)
        target.write_bytes(response.read())
    return target


def examples(spec: Path) -> list[dict]:
    """The examples as the package's own index.js extracts them: markdown, html, section, number."""
    text = spec.read_text(encoding="utf-8").replace("\r\n", "\n")
    text = re.sub(r"^<!-- END TESTS -->[\s\S]*", "", text, flags=re.M)
    found, section = [], ""
    for match in _EXAMPLE.finditer(text):
        if match[3] is not None:
            section = match[3]
            continue
        found.append({"markdown": match[1].replace("\u2192", "\t"), "html": match[2].replace("\u2192", "\t"),
                      "section": section, "number": len(found) + 1})
    return found


# -- comparing ------------------------------------------------------------------------------------------

def render(markdown_text: str) -> str:
    """The reader's HTML for a Markdown body, sanitised, in canonical form."""
    from reelpress.readers import markdown as reader
    convert = getattr(reader, "convert", None) or (lambda text: reader._markdown().convert(text))  # older trees
    return canonical(convert(markdown_text))


def canonical(html: str) -> str:
    """HTML parsed and sanitised as reelpress does, serialised with ids and layout whitespace forgiven."""
    from reelpress.errors import InputError
    from reelpress.normalise import sanitise
    from reelpress.util.xhtml import parse_html_fragment
    try:
        body = parse_html_fragment(html, Path("example.md"))
    except InputError as error:
        return f"<error {error}>"
    sanitise.run(body, _Quiet())
    # the newline that ends a code block is not seen, nor the space after a line break
    text = re.sub(r"\n+(</code>)?</pre>", r"\1</pre>", _serialise(body, in_pre=False).strip())
    return re.sub(r"<br></br> ", "<br></br>", text)


class _Quiet:
    def warn(self, *args) -> None:
        pass

    error = warn


_BLOCKS = set("""p h1 h2 h3 h4 h5 h6 blockquote ul ol li dl dt dd pre hr figure figcaption div section
                 table caption thead tbody tfoot tr th td""".split())


def _serialise(element, in_pre: bool) -> str:
    from reelpress.util.xhtml import local
    name = local(element)
    in_pre = in_pre or name == "pre"
    attrs = "".join(f' {k}="{v}"' for k, v in sorted(element.attrib.items()) if k != "id")
    parts = [_text(element.text, in_pre)]
    for child in element:
        parts.append(_serialise(child, in_pre))
        parts.append(_text(child.tail, in_pre))
    inner = "".join(parts)
    if name in _BLOCKS and not in_pre:
        inner = re.sub(r"\s*(<(?:/?)(?:%s)\b[^>]*>)\s*" % "|".join(_BLOCKS), r"\1", inner).strip()
    return f"<{name}{attrs}>{inner}</{name}>"


def _text(value: str | None, in_pre: bool) -> str:
    value = (value or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value if in_pre else re.sub(r"\s+", " ", value)


def measure(items: list[dict]) -> dict[str, list[int]]:
    """{section: [matching, total]} for every section, plus the failing example numbers under '_failed'."""
    table: dict[str, list[int]] = {}
    failed = []
    for example in items:
        row = table.setdefault(example["section"], [0, 0])
        row[1] += 1
        try:
            same = render(example["markdown"]) == canonical(example["html"])
        except Exception:  # noqa: BLE001 (a crash is a mismatch, counted, never a stop)
            same = False
        row[0] += same
        if not same:
            failed.append(example["number"])
    return {"sections": table, "failed": failed}


def totals(result: dict) -> tuple[int, int]:
    rows = result["sections"].values()
    return sum(r[0] for r in rows), sum(r[1] for r in rows)


def table_text(result: dict) -> str:
    lines = [f"{'section':<36} {'match':>5} {'of':>4}"]
    for section, (same, total) in result["sections"].items():
        lines.append(f"{section:<36} {same:>5} {total:>4}")
    same, total = totals(result)
    lines.append(f"{'all':<36} {same:>5} {total:>4}  ({100 * same / total:.1f} %)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec-dir", type=Path, default=None)
    parser.add_argument("--failures", metavar="SECTION", help="show the failing examples of a section")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    items = examples(fetch(args.spec_dir))
    result = measure(items)
    print(table_text(result))
    if args.failures:
        for example in items:
            if example["section"] == args.failures and example["number"] in result["failed"]:
                print(f"\n--- example {example['number']}\n{example['markdown']}--- spec\n"
                      f"{canonical(example['html'])}\n--- reelpress\n{render(example['markdown'])}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
