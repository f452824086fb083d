"""A deterministic corpus for benchmarks: volumes of generated reviews with the features real ones have.

    python benchmarks/corpus.py OUT_DIR [--volumes 7] [--reviews 50] [--words 1200]

Writes OUT_DIR/series.toml and OUT_DIR/volume-N/ (volume.toml, reviews/NNN-*.md, images/still.png).
The prose is generated from a fixed seed and a small original word list: headings, quotes, dashes,
ellipses, footnotes, a blockquote and an image in every few reviews.
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

WORDS = ("the film frame light shadow camera actor scene moment story city night face voice silence "
         "music window street room door river train memory cut close long slow quiet bright dark cold "
         "warm time edge line gesture rhythm tension picture sound wall stair road field house sea "
         "watches holds turns waits falls breaks opens closes follows returns remembers finds leaves").split()
DIRECTORS = ["Ada Marsh", "Tomas Ek", "Lena Okafor", "Ivo Brandt", "Mira Sato", "Paul Dunne", "Rosa Vidal"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    text = " ".join(words).capitalize()
    twist = rng.random()
    if twist < 0.15:
        text = text.replace(" ", ' "', 1) + '"'
    elif twist < 0.25:
        text += " -- " + " ".join(rng.choice(WORDS) for _ in range(4))
    elif twist < 0.3:
        text += "..."
    elif twist < 0.35:
        text += " it's the " + rng.choice(WORDS) + "'s " + rng.choice(WORDS)
    return text + "."


def review(rng: random.Random, number: int, words: int, with_image: bool) -> str:
    film = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 3)))
    lines = ["---", f'title: "Review {number}: {film}"', f"film: The {film}", f"year: {rng.randint(1920, 2020)}",
             f"director: {rng.choice(DIRECTORS)}", f"rating: {rng.randint(0, 10) / 2}",
             f"published: 20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "---", ""]
    count, paragraph = 0, 0
    while count < words:
        if paragraph and paragraph % 4 == 0:
            lines += [f"## {rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)}", ""]
        text = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        if paragraph == 2:
            text += "[^1]"
        if paragraph == 5:
            text = "> " + text
        lines += [text, ""]
        count += len(text.split())
        paragraph += 1
    if with_image:
        lines += ["![A generated still: two grey rectangles](../images/still.png \"A still\")", ""]
    lines += ["[^1]: " + sentence(rng), ""]
    return "\n".join(lines)


def still() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (1500, 1000), "#777777").save(buffer, format="PNG")
    return buffer.getvalue()


def write(out: Path, volumes: int = 7, reviews: int = 50, words: int = 1200, seed: int = 20261121) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "series.toml").write_text('title = "Benchmark Reviews"\nauthor = "B. Enchmark"\n'
                                     f'volumes = [{", ".join(f"{chr(34)}volume-{n}{chr(34)}" for n in range(1, volumes + 1))}]\n')
    folders = []
    for n in range(1, volumes + 1):
        folder = out / f"volume-{n}"
        (folder / "reviews").mkdir(parents=True, exist_ok=True)
        (folder / "images").mkdir(exist_ok=True)
        (folder / "images" / "still.png").write_bytes(still())
        (folder / "volume.toml").write_text(f'title = "Benchmark Volume {n}"\n')
        for r in range(1, reviews + 1):
            slug = f"{r:03d}-review-{n}-{r}.md"
            (folder / "reviews" / slug).write_text(review(rng, r, words, r % 10 == 0))
        folders.append(folder)
    return folders


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--volumes", type=int, default=7)
    parser.add_argument("--reviews", type=int, default=50)
    parser.add_argument("--words", type=int, default=1200)
    args = parser.parse_args()
    print("\n".join(str(p) for p in write(args.out, args.volumes, args.reviews, args.words)))
