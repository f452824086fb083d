"""Time reelpress against pandoc on the same generated volume, and print the ratios.

    python benchmarks/run.py [--reviews 50] [--words 1200] [--repeat 3] [--json results.json]
                             [--series 20] [--long 165] [--scaling]

Every run is a separate process started from the shell's point of view (interpreter start-up included,
as a user would see it), on the same Markdown sources from `benchmarks/corpus.py`. Runs compared by a
ratio (reelpress and pandoc, a series with 1 and 2 workers, 10 and 200 reviews) alternate, so a
machine whose speed drifts over minutes affects both sides alike:

  epub         reelpress build --format epub      vs  pandoc *.md --toc -o book.epub
  pdf          reelpress build --format pdf       vs  pandoc *.md --toc --pdf-engine=weasyprint -o book.pdf
  edit-epub    after changing one sentence of one review, the EPUB again (same output folder)
  edit-pdf     the same for the PDF: only the changed piece is laid out again; its ratio is to the
               cold reelpress PDF, and the result is compared byte for byte with a cold build
  rebuild      the same reelpress build again with nothing changed (the build cache's fast path)

reelpress's cold runs write to a fresh output folder each time, so no cache is used (the cache lives
beside the output folder). Before timing, each tool builds the corpus once untimed, so Python's
bytecode cache is written and files are in the page cache, as on any machine that has run them before
(PYTHONDONTWRITEBYTECODE is removed from the commands' environment for the same reason). Times are
wall clock seconds (median, min, max of --repeat runs). Memory is the peak, sampled every 100 ms, of
the proportional set size (PSS) of the whole process tree, worker processes included: pages shared
between processes (a fork server and its workers) are counted once, split between them. A pandoc
column is left out when pandoc (or WeasyPrint's command, for the PDF) is not installed. Ratios below
1 mean reelpress is faster.
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
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write  # noqa: E402  (the sibling script, importable without installing anything)

BIN = Path(sys.executable).parent


def _tree_pss(root: int) -> int:
    """Proportional set size in bytes of `root` and every process descended from it, now (Linux /proc;
    else 0): shared pages are divided between the processes that share them."""
    parents = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grown = {root}, True
    while grown:
        before = len(tree)
        tree |= {pid for pid, parent in parents.items() if parent in tree}
        grown = len(tree) > before
    return sum(_pss(pid) for pid in tree)


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (bytes) of one command; it must succeed. The memory is the larger
    of its largest process's peak resident set (getrusage) and the most its whole process tree (worker
    processes included) held at once (PSS, sampled every 100 ms)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=ENVIRONMENT)
    peak = [0]

    def sample():
        while process.returncode is None:
            peak[0] = max(peak[0], _tree_pss(process.pid))
            time.sleep(0.1)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, max(usage.ru_maxrss * 1024, peak[0])


def measure(make_command, repeat: int, cwd: Path, before=lambda index: None) -> dict:
    results = []
    for index in range(repeat):
        before(index)
        results.append(run(make_command(index), cwd))
    return _summary(results)


def measure_alternating(commands: dict, repeat: int, cwd: Path) -> dict:
    """measure() for commands whose times are compared by a ratio: their runs alternate (a, b, a, b,
    ...), so a machine whose speed drifts over minutes slows them alike instead of one block of runs."""
    results = {name: [] for name in commands}
    for index in range(repeat):
        for name, make_command in commands.items():
            results[name].append(run(make_command(index), cwd))
    return {name: _summary(found) for name, found in results.items()}


def _summary(results: list[tuple[float, int]]) -> dict:
    times = [seconds for seconds, _ in results]
    return {"median": statistics.median(times), "min": min(times), "max": max(times),
            "peak_mb": max(memory for _, memory in results) / 2**20}


def reelpress(volume: Path, fmt: str, out: Path):
    """A cold build: each run has its own output folder, and so its own (empty) build cache beside it."""
    return lambda index: [str(BIN / "reelpress"), "build", str(volume), "--format", fmt,
                          "--out", str(out / f"{fmt}-{index}" / "dist"), "-q"]


def warm(volume: Path, fmt: str, out: Path):
    """Builds into one output folder, so each uses what the previous one left in the cache."""
    return lambda index: [str(BIN / "reelpress"), "build", str(volume), "--format", fmt,
                          "--out", str(out / f"warm-{fmt}" / "dist"), "-q"]


def edit_one_review(volume: Path):
    """Before each run: change one sentence of one review (a different review each time)."""
    reviews = sorted((volume / "reviews").glob("*.md"))

    def edit(index: int) -> None:
        path = reviews[(index * 7) % len(reviews)]
        path.write_text(path.read_text(encoding="utf-8") + f"\nA sentence added in edit {index}.\n",
                        encoding="utf-8")
    return edit


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
        tools = {fmt: {"reelpress": reelpress(volume, fmt, out)} for fmt in ("epub", "pdf")}
        for fmt in tools:
            if has_pandoc and (fmt == "epub" or (BIN / "weasyprint").exists()):
                tools[fmt]["pandoc"] = pandoc(volume, fmt, out)
        for commands in tools.values():  # untimed: bytecode and page caches as on a machine used before
            for make_command in commands.values():
                run(make_command("warm-up"), root)
        for fmt, commands in tools.items():
            rows[fmt] = measure_alternating(commands, repeat, root)
        for fmt in ("epub", "pdf"):
            run(warm(volume, fmt, out)(0), root)  # the build the edits start from
            rows[f"edit-{fmt}"] = {"reelpress": measure(warm(volume, fmt, out), repeat, root, edit_one_review(volume))}
        rows["rebuild"] = {"reelpress": measure(warm(volume, "epub", out), repeat, root)}
        run(reelpress(volume, "pdf", out)("check"), root)  # a cold build of the edited sources
        same = (out / "pdf-check/dist" / f"{volume.name}.pdf").read_bytes() == \
            (out / "warm-pdf/dist" / f"{volume.name}.pdf").read_bytes()
        rows["edit-pdf"]["identical_to_cold"] = same
        return {"reviews": reviews, "words_per_review": words, "repeat": repeat, "rows": rows}


def extras(root: Path, series: int, big: int, scaling: bool, repeat: int) -> dict:
    """The optional rows: a series with 1 and 2 workers, a long book's memory, growth 10 → 200 reviews."""
    rows = {}
    out = root / "extra-out"
    if series:
        corpus = root / "series"
        write(corpus, volumes=7, reviews=series, words=1200)
        found = measure_alternating({jobs: lambda index, jobs=jobs: [
            str(BIN / "reelpress"), "build", str(corpus), "--jobs", str(jobs),
            "--out", str(out / f"series-{jobs}-{index}" / "dist"), "-q"] for jobs in (1, 2)}, repeat, root)
        for jobs in (1, 2):
            rows[f"series-j{jobs}"] = {"reelpress": found[jobs]}
        speedup = rows["series-j1"]["reelpress"]["median"] / rows["series-j2"]["reelpress"]["median"]
        rows["series-j2"]["note"] = f"{speedup:.2f}x faster than 1 worker (7 volumes x {series} reviews, EPUB+PDF)"
    if big:
        volume = write(root / "big", volumes=1, reviews=big, words=1200)[0]
        rows["long-pdf"] = {"reelpress": measure(reelpress(volume, "pdf", out / "big"), 1, root)}
        pages = _pages(out / "big" / "pdf-0" / "dist" / f"{volume.name}.pdf")
        rows["long-pdf"]["note"] = f"{pages} pages; memory is the whole process tree at its peak"
    if scaling:
        found = measure_alternating({count: reelpress(write(root / f"scale-{count}", volumes=1, reviews=count,
                                                           words=1200)[0], "epub", out / f"s{count}")
                                     for count in (10, 200)}, repeat, root)
        for count in (10, 200):
            rows[f"epub-{count}"] = {"reelpress": found[count]}
        growth = rows["epub-200"]["reelpress"]["median"] / rows["epub-10"]["reelpress"]["median"]
        rows["epub-200"]["note"] = f"{growth:.1f}x the 10-review build for 20x the reviews"
    return rows


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(pdf).pages)


def table(results: dict) -> str:
    lines = [f"{results['reviews']} reviews x {results['words_per_review']} words, "
             f"{results['repeat']} runs each (median [min-max] seconds, peak MB)",
             f"{'task':<10}{'reelpress':>26}{'pandoc':>26}  ratio"]
    for task, row in results["rows"].items():
        cells = [f"{r['median']:.2f} [{r['min']:.2f}-{r['max']:.2f}] {r['peak_mb']:.0f}MB" if r else "-"
                 for r in (row["reelpress"], row.get("pandoc"))]
        ratio = f"{row['reelpress']['median'] / row['pandoc']['median']:.2f}" if "pandoc" in row else "-"
        if "note" in row:
            ratio = row["note"]
        elif task == "edit-pdf":
            cold = results["rows"]["pdf"]["reelpress"]["median"]
            ratio = f"{row['reelpress']['median'] / cold:.2f} of cold PDF; bytes identical to a cold " \
                    f"build: {'yes' if row['identical_to_cold'] else 'NO'}"
        lines.append(f"{task:<10}{cells[0]:>26}{cells[1]:>26}  {ratio}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=50)
    parser.add_argument("--words", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument("--series", type=int, default=0, metavar="N",
                        help="Also build a series of 7 volumes of N reviews with 1 and with 2 workers.")
    parser.add_argument("--long", type=int, default=0, metavar="N",
                        help="Also build the PDF of one volume of N reviews (165 make about 1,000 pages).")
    parser.add_argument("--scaling", action="store_true", help="Also time EPUBs of 10 and of 200 reviews.")
    args = parser.parse_args()
    results = benchmark(args.reviews, args.words, args.repeat)
    if args.series or args.long or args.scaling:
        with tempfile.TemporaryDirectory(prefix="reelpress-bench-") as scratch:
            results["rows"].update(extras(Path(scratch), args.series, args.long, args.scaling, args.repeat))
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
