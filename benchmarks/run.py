"""Time reelpress against pandoc on the same generated volume, and print the ratios.

    python benchmarks/run.py [--reviews 50] [--words 1200] [--repeat 3] [--json results.json]

Every run is a separate process started from the shell's point of view (interpreter start-up included,
as a user would see it), on the same Markdown sources from `benchmarks/corpus.py`:

  epub         reelpress build --format epub      vs  pandoc *.md --toc -o book.epub
  pdf          reelpress build --format pdf       vs  pandoc *.md --toc --pdf-engine=weasyprint -o book.pdf
  rebuild      the same reelpress build again with nothing changed (the build cache's fast path)

reelpress's cold runs write to a fresh output folder each time, so no cache is used. Times are wall
clock seconds (median, min, max of --repeat runs); memory is the peak resident set of the process
tree's largest process. A pandoc column is left out when pandoc (or WeasyPrint's command, for the PDF)
is not installed. Ratios below 1 mean reelpress is faster.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write  # noqa: E402  (the sibling script, importable without installing anything)

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of one command; it must succeed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss * 1024


def measure(make_command, repeat: int, cwd: Path) -> dict:
    results = [run(make_command(index), cwd) for index in range(repeat)]
    times = [seconds for seconds, _ in results]
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "peak_mb": max(memory for _, memory in results) / 2**20}


def reelpress(volume: Path, fmt: str, out: Path):
    return lambda index: [str(BIN / "reelpress"), "build", str(volume), "--format", fmt,
                          "--out", str(out / f"{fmt}-{index}"), "-q"]


def pandoc(volume: Path, fmt: str, out: Path):
    sources = sorted(str(path) for path in (volume / "reviews").glob("*.md"))
    extra = ["--pdf-engine", str(BIN / "weasyprint")] if fmt == "pdf" else []
    return lambda index: ["pandoc", *sources, "--toc", "--metadata", "title=Benchmark", "--resource-path",
                          str(volume / "reviews"), *extra, "-o", str(out / f"pandoc-{index}.{fmt}")]


def benchmark(reviews: int, words: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="reelpress-bench-") as scratch:
        root = Path(scratch)
        volume = write(root / "corpus", volumes=1, reviews=reviews, words=words)[0]
        out = root / "out"
        out.mkdir()
        rows = {}
        has_pandoc = shutil.which("pandoc") is not None
        for fmt in ("epub", "pdf"):
            rows[fmt] = {"reelpress": measure(reelpress(volume, fmt, out), repeat, root)}
            if has_pandoc and (fmt == "epub" or (BIN / "weasyprint").exists()):
                rows[fmt]["pandoc"] = measure(pandoc(volume, fmt, out), repeat, root)
        warm = out / "epub-0"  # built above; building it again changes nothing
        rows["rebuild"] = {"reelpress": measure(lambda _: [str(BIN / "reelpress"), "build", str(volume),
                                                           "--format", "epub", "--out", str(warm), "-q"],
                                                repeat, root)}
        return {"reviews": reviews, "words_per_review": words, "repeat": repeat, "rows": rows}


def table(results: dict) -> str:
    lines = [f"{results['reviews']} reviews x {results['words_per_review']} words, "
             f"{results['repeat']} runs each (median [min-max] seconds, peak MB)",
             f"{'task':<9}{'reelpress':>26}{'pandoc':>26}{'ratio':>8}"]
    for task, row in results["rows"].items():
        cells = [f"{r['median']:.2f} [{r['min']:.2f}-{r['max']:.2f}] {r['peak_mb']:.0f}MB" if r else "-"
                 for r in (row["reelpress"], row.get("pandoc"))]
        ratio = f"{row['reelpress']['median'] / row['pandoc']['median']:.2f}" if "pandoc" in row else "-"
        lines.append(f"{task:<9}{cells[0]:>26}{cells[1]:>26}{ratio:>8}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=50)
    parser.add_argument("--words", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()
    results = benchmark(args.reviews, args.words, args.repeat)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
