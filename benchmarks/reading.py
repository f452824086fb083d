"""Time reading (Markdown → XHTML bodies, every review) on the benchmark's 50-review volume, in process.

    python benchmarks/reading.py [--repeat 15]

Issue 20 allows reading to cost at most 15 % more than before it; run this script with the old and the
new source on the path (PYTHONPATH=…/src) to compare. Prints the median and minimum of --repeat runs of
`reelpress.readers.read_reviews` with no cache, in processor time (this process's CPU seconds, which
other processes on a busy machine disturb less than the wall clock).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    from reelpress.errors import Collector
    from reelpress.readers import read_reviews
    with tempfile.TemporaryDirectory() as tmp:
        volume = write(Path(tmp), volumes=1, reviews=50, words=1200)[0]
        read_reviews(volume, None, Collector())  # warm: imports, the converter, the page cache
        times = []
        for _ in range(args.repeat):
            started = time.process_time()
            reviews = read_reviews(volume, None, Collector())
            times.append(time.process_time() - started)
    print(f"read {len(reviews)} reviews (CPU time): median {statistics.median(times) * 1000:.1f} ms, "
          f"min {min(times) * 1000:.1f} ms ({args.repeat} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
